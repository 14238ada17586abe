"""``motcua i18n_compile``: compile locale/*.po into var/locale/*.mo (no GNU gettext needed)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from motcua.core.i18n import compile_messages


class Command(BaseCommand):
    help = "Compile the translation files (.po → .mo) without GNU gettext."

    def handle(self, *args: Any, **options: Any) -> None:
        source, target = settings.LOCALE_PATHS[0], settings.LOCALE_PATHS[1]
        for path in compile_messages(source, target):
            self.stdout.write(f"compiled {path}")
