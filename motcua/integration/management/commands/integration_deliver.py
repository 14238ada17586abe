"""``motcua integration_deliver``: deliver dossier events to the national portal and webhooks."""

from __future__ import annotations

import signal
import threading
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from motcua.integration.services.runner import outbox_run


class Command(BaseCommand):
    help = "Deliver dossier events (the outbox) to the national portal and webhook subscribers."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--once", action="store_true", help="Stop when nothing is left to deliver."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        stop = threading.Event()
        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGTERM, lambda signum, frame: stop.set())
            signal.signal(signal.SIGINT, lambda signum, frame: stop.set())
        delivered = outbox_run(stop=stop, once=options["once"])
        self.stdout.write(f"{delivered} event(s) delivered")
