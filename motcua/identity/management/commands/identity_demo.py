"""``motcua identity_demo``: the demo citizen's portal account (run by ``motcua demo``)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from motcua.identity.services.demo import DEMO_CITIZEN, demo_citizen_account_ensure


class Command(BaseCommand):
    help = "Give the demo citizen a verified portal account."

    def handle(self, *args: Any, **options: Any) -> None:
        account = demo_citizen_account_ensure(now=timezone.now())
        if account is not None:
            self.stdout.write(
                f"Citizen portal: sign in with {DEMO_CITIZEN['phone']} or "
                f"{DEMO_CITIZEN['email']} (password motcua-demo)"
            )
