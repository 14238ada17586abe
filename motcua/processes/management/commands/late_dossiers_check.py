"""``motcua late-dossiers check``: flag dossiers that will be late and draft their apology (daily)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from motcua.processes.services.late import late_dossiers_check


class Command(BaseCommand):
    help = "Flag running dossiers due within the warning window; tell assignees and leaders."

    def handle(self, *args: Any, **options: Any) -> None:
        flagged = late_dossiers_check(now=timezone.now())
        for notice in flagged:
            self.stdout.write(
                f"{notice.dossier.code} {timezone.localtime(notice.due_at):%d/%m/%Y %H:%M}"
            )
        self.stdout.write(f"{len(flagged)} dossier(s) flagged")
