"""``motcua catalog export``: write the current catalog as a national procedure packet (JSON)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from motcua.catalog.services.exporting import ProceduresNotFoundError, catalog_export


class Command(BaseCommand):
    help = "Export the procedures in force today as a national procedure packet (JSON list)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", "-o", type=Path, help="File to write (default stdout).")
        parser.add_argument(
            "--code", action="append", dest="codes", help="Only this procedure (repeatable)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            records = catalog_export(on=timezone.localdate(), codes=options["codes"])
        except ProceduresNotFoundError as error:
            raise CommandError(error.message) from error
        text = json.dumps(records, ensure_ascii=False, indent=2) + "\n"
        if options["output"] is None:
            self.stdout.write(text, ending="")
        else:
            options["output"].write_text(text, encoding="utf-8")
            self.stderr.write(f"{len(records)} procedure(s) written to {options['output']}.")
