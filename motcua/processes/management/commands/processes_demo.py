"""``motcua processes_demo``: define the demo internal processes (idempotent)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from motcua.processes.services.demo import demo_processes_load


class Command(BaseCommand):
    help = "Define a two-step internal process (appraisal, approval) for every demo procedure."

    def handle(self, *args: Any, **options: Any) -> None:
        created = demo_processes_load()
        self.stdout.write(f"{created} internal process(es) defined")
