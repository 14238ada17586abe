"""``motcua fake_portal --port N``: run the fake national portal in the foreground."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from motcua.integration.fake_portal.server import FakePortalServer


class Command(BaseCommand):
    help = "Run a fake national public service portal on 127.0.0.1 (tests, demo, benchmark)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--port", type=int, default=8765)
        parser.add_argument("--api-key", default=settings.NATIONAL_PORTAL_API_KEY)
        parser.add_argument(
            "--procedures", type=Path, help="A JSON file of procedure records to serve."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        server = FakePortalServer(options["port"], api_key=options["api_key"])
        if options["procedures"]:
            records = json.loads(options["procedures"].read_text(encoding="utf-8"))
            server.state.procedures = list(records)
        self.stdout.write(f"fake national portal on {server.url}", ending="\n")
        self.stdout.flush()
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()
