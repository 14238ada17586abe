"""Browser tests: Debian's Chromium driven by Playwright, never a downloaded browser.

Without Chromium the tests skip, unless MOTCUA_REQUIRE_BROWSER=1 (CI), where they fail.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def chromium_missing() -> bool:
    return not Path(CHROMIUM).exists()


@pytest.fixture
def browser() -> Iterator[Any]:
    if chromium_missing():
        message = f"no Chromium at {CHROMIUM}: install Debian's chromium package"
        if os.environ.get("MOTCUA_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def artifacts() -> Path:
    """Screenshots and downloads of the browser tests, kept under var/e2e/."""
    folder = Path(settings.VAR_DIR) / "e2e"
    folder.mkdir(parents=True, exist_ok=True)
    return folder
