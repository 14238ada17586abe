"""``motcua dossiers verify``: check every dossier's event hash chain and report any break."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from motcua.dossiers.selectors import dossier_chain_breaks


class Command(BaseCommand):
    help = "Verify the hash chain of every dossier's events; exit 1 if any chain is broken."

    def handle(self, *args: Any, **options: Any) -> None:
        checked = 0
        broken = 0
        for code, breaks, count in dossier_chain_breaks():
            checked += 1
            for item in breaks:
                broken += 1
                self.stdout.write(f"{code}: event {item.sequence}: {item.problem}")
            del count
        if broken:
            raise CommandError(f"{broken} break(s) found in {checked} dossier(s).")
        self.stdout.write(
            self.style.SUCCESS(f"{checked} dossier(s) checked: every chain is intact.")
        )
