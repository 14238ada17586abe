"""``motcua demo_load``: load the demo province and catalog (idempotent) and print the accounts."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand
from tqdm import tqdm

from motcua.catalog.packet import packet_load
from motcua.catalog.services.demo import DEMO_PACKET, demo_catalog_load
from motcua.organizations.demo import DEMO_PASSWORD, demo_province_load


class Command(BaseCommand):
    help = "Load the demo province (agencies, units, staff) and the demo procedure catalog."

    def handle(self, *args: Any, **options: Any) -> None:
        accounts = demo_province_load()
        total = len(packet_load(DEMO_PACKET))
        with tqdm(total=total, file=sys.stderr, unit="procedure", leave=False) as bar:
            report = demo_catalog_load(on_progress=bar.update)
        self.stdout.write(
            f"Demo catalog: {report.total} procedure(s): {len(report.created)} created, "
            f"{len(report.new_versions)} new version(s), {len(report.unchanged)} unchanged, "
            f"{len(report.warnings)} warning(s)."
        )
        self.stdout.write(f"Demo accounts (password for all: {DEMO_PASSWORD}):")
        width = max(len(account.username) for account in accounts)
        for account in accounts:
            details = " — ".join(
                part for part in (account.role, account.full_name, account.agency) if part
            )
            self.stdout.write(f"  {account.username.ljust(width)}  {details}")
