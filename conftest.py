"""Test-session set-up shared by every test folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings


def pytest_configure(config: pytest.Config) -> None:
    # Translations are compiled from the committed .po files, as `make demo` does.
    from motcua.core.i18n import compile_messages

    compile_messages(settings.LOCALE_PATHS[0], settings.LOCALE_PATHS[1])
    # pytest-django set Django up before this hook: a translation looked up during set-up was
    # cached before the .mo files existed (a fresh clone). Drop Django's translation caches the
    # way Django's own test signal does when LOCALE_PATHS changes.
    from django.test.signals import setting_changed

    setting_changed.send(
        sender=type(settings), setting="LOCALE_PATHS", value=settings.LOCALE_PATHS, enter=False
    )
    # WhiteNoise warns (an error under filterwarnings) when STATIC_ROOT does not exist yet.
    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)
