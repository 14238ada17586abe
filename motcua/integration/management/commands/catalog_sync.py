"""``motcua catalog sync``: pull the procedure packet from the national portal and import it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from motcua.core.errors import DomainError
from motcua.integration.national_portal.client import PortalClient, PortalConfig
from motcua.integration.services.catalog_sync import catalog_sync


class Command(BaseCommand):
    help = "Pull procedures from the national portal's packet endpoint into the catalog."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Validate, write nothing.")
        parser.add_argument("--strict", action="store_true", help="Any problem aborts.")
        parser.add_argument(
            "--effective-from",
            type=dt.date.fromisoformat,
            help="Date the new versions take effect (default: today).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        effective_from = options["effective_from"] or timezone.localdate()
        with PortalClient(PortalConfig.from_settings()) as client:
            try:
                report = catalog_sync(
                    client=client,
                    effective_from=effective_from,
                    dry_run=options["dry_run"],
                    strict=options["strict"],
                )
            except DomainError as exc:
                raise CommandError(exc.message) from exc
        self.stdout.write(
            f"{report.total} record(s): {len(report.created)} new, "
            f"{len(report.new_versions)} new version(s), {len(report.unchanged)} unchanged, "
            f"{len(report.errors)} rejected" + (" (dry run)" if report.dry_run else "")
        )
        for issue in report.issues:
            self.stdout.write(f"  {issue}")
        if not report.is_success:
            raise CommandError("the sync had errors")
