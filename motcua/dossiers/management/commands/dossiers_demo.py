"""``motcua dossiers demo``: demo dossiers (once) and demo API tokens, printed."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from motcua.dossiers.services.demo import dossiers_demo_load
from motcua.organizations.demo import DEMO_PASSWORD, PROVINCE_IDENTIFIER


class Command(BaseCommand):
    help = "Create demo dossiers (once) and print fresh demo API tokens."

    def handle(self, *args: Any, **options: Any) -> None:
        created, tokens = dossiers_demo_load(
            agency_identifier=PROVINCE_IDENTIFIER, password=DEMO_PASSWORD, now=timezone.now()
        )
        if created:
            self.stdout.write(f"Demo dossiers: {created} created.")
        self.stdout.write("Demo API tokens (Authorization: Bearer <token>):")
        width = max(len(t.username) for t in tokens)
        for token in tokens:
            self.stdout.write(
                f"  {token.username.ljust(width)}  {token.token}  ({', '.join(token.scopes)})"
            )
