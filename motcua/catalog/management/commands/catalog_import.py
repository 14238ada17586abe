"""``motcua catalog import FILE``: import the national procedure packet (JSON).

Exit codes: 0 imported (warnings allowed), 1 records rejected or a strict abort, 2 the file is
unreadable or not JSON.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from tqdm import tqdm

from motcua.catalog.packet import PacketReadError, packet_load
from motcua.catalog.services.importing import ImportReport, catalog_import


class Command(BaseCommand):
    help = "Import procedures from a national procedure packet (JSON: one object or a list)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--dry-run", action="store_true", help="Validate and report; write nothing."
        )
        parser.add_argument(
            "--strict", action="store_true", help="Any problem, warnings included, aborts."
        )
        parser.add_argument(
            "--effective-from",
            type=dt.date.fromisoformat,
            default=None,
            help="Date new and changed versions take effect (YYYY-MM-DD; default today).",
        )
        parser.add_argument("--quiet-warnings", action="store_true", help="Only count warnings.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            records = packet_load(options["file"])
        except PacketReadError as error:
            raise CommandError(error.message, returncode=2) from error
        effective_from = options["effective_from"] or timezone.localdate()
        with tqdm(total=len(records), file=sys.stderr, unit="record", leave=False) as bar:
            report = catalog_import(
                records=records,
                effective_from=effective_from,
                dry_run=options["dry_run"],
                strict=options["strict"],
                on_progress=bar.update,
            )
        self.print_report(report, show_warnings=not options["quiet_warnings"])
        if report.aborted:
            raise CommandError("Strict mode: problems found, nothing imported.", returncode=1)
        if report.errors:
            raise CommandError(f"{len(report.rejected_indexes)} record(s) rejected.", returncode=1)

    def print_report(self, report: ImportReport, *, show_warnings: bool) -> None:
        for issue in report.errors:
            self.stdout.write(self.style.ERROR(f"error   {issue}"))
        if show_warnings:
            for issue in report.warnings:
                self.stdout.write(self.style.WARNING(f"warning {issue}"))
        prefix = "Dry run, nothing written. " if report.dry_run or report.aborted else ""
        self.stdout.write(
            f"{prefix}{report.total} record(s): {len(report.created)} created, "
            f"{len(report.new_versions)} new version(s), {len(report.unchanged)} unchanged, "
            f"{len(report.warnings)} warning(s), {len(report.rejected_indexes)} rejected"
            + (
                f" (positions {', '.join(map(str, report.rejected_indexes))})."
                if report.errors
                else "."
            )
        )
