"""``motcua calendar recompute``: recompute open deadlines against the current calendars."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from motcua.calendars.selectors import agency_id_by_identifier
from motcua.calendars.services.recompute import agency_subtree, deadlines_recompute
from motcua.worktime import render_all


class Command(BaseCommand):
    help = "Recompute the open deadlines a calendar change moves, and record the reason."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--agency", help="only this agency (identifier) and the ones below it")
        parser.add_argument("--dry-run", action="store_true", help="report without storing")
        parser.add_argument("--language", choices=["vi", "en"], default="vi")

    def handle(self, *args: Any, **options: Any) -> None:
        scope = None
        if options["agency"]:
            agency_id = agency_id_by_identifier(options["agency"])
            if agency_id is None:
                raise CommandError(f"unknown agency: {options['agency']}")
            scope = agency_subtree(agency_id)
        report = deadlines_recompute(agency_ids=scope, dry_run=options["dry_run"])
        for provider, change in report.changes:
            self.stdout.write(
                f"{provider} {change.key}: {change.previous_due_at.isoformat()} → "
                f"{change.due_at.isoformat()}"
            )
            for line in render_all(change.reason, options["language"]):
                self.stdout.write(f"  {line}")
        verb = "would change" if options["dry_run"] else "changed"
        self.stdout.write(f"{report.examined} deadlines examined, {len(report.changes)} {verb}.")
