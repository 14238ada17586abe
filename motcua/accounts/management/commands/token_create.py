"""``motcua token create --user NAME --scopes dossiers:read,dossiers:write``: print a new token."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from motcua.accounts.services.tokens import token_create
from motcua.core.errors import DomainError


class Command(BaseCommand):
    help = "Create an API bearer token for a user or machine client and print it (shown once)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--user", required=True, help="Username of the owner.")
        parser.add_argument("--scopes", required=True, help="Comma-separated scopes.")
        parser.add_argument("--name", default="cli", help="A label for the token.")

    def handle(self, *args: Any, **options: Any) -> None:
        user_model = get_user_model()
        try:
            user = user_model.objects.get(username=options["user"])
        except user_model.DoesNotExist as exc:
            raise CommandError(f"No user named {options['user']!r}.") from exc
        scopes = [s.strip() for s in options["scopes"].split(",") if s.strip()]
        try:
            _token, raw = token_create(user=user, name=options["name"], scopes=scopes)
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(raw)
