"""The catalog pages in a real browser (Debian's Chromium): 360 px wide, keyboard, language switch."""

import shutil

import pytest

from motcua.catalog.tests.factories import ProcedureFactory, ProcedureVersionFactory, SectorFactory

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(shutil.which(CHROMIUM) is None, reason="no Chromium on this machine"),
]


@pytest.fixture
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield chromium
        chromium.close()


@pytest.fixture
def catalog(transactional_db):
    # Rows are written before the browser starts: Playwright's sync API runs an event loop in
    # this thread, inside which Django refuses database calls.
    sector = SectorFactory(code="G12-XD", name="Hoạt động xây dựng")
    ProcedureVersionFactory(
        procedure=ProcedureFactory(code="1.009995"),
        name="Cấp giấy phép xây dựng mới đối với công trình cấp III, cấp IV (công trình không "
        "theo tuyến/theo tuyến trong đô thị/tín ngưỡng, tôn giáo/tượng đài, tranh hoành tráng)",
        sector=sector,
    )


@pytest.mark.parametrize("path", ["/", "/thu-tuc/?q=giay+phep+xay+dugn", "/thu-tuc/1.009995/"])
def test_pages_fit_a_360_px_screen(catalog, live_server, browser, path):
    page = browser.new_page(viewport={"width": 360, "height": 740})
    page.goto(live_server.url + path)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert page.locator("main h1").is_visible()
    assert page.evaluate("getComputedStyle(document.body).fontFamily") != ""  # stylesheet loaded
    page.close()


def test_keyboard_skip_link_and_language_switch(catalog, live_server, browser):
    page = browser.new_page(viewport={"width": 360, "height": 740})
    page.goto(live_server.url + "/")
    assert page.evaluate("document.documentElement.lang") == "vi"
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    assert skip.bounding_box()["y"] >= 0  # shown on focus
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"

    page.click("button[value=en]")
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.locator("h1").inner_text() == "Find an administrative procedure"
    page.fill("#q", "giay phep xay dugn")
    page.keyboard.press("Enter")
    page.wait_for_url("**/thu-tuc/?q=*")
    assert "1 procedure found" in page.locator(".summary").inner_text()
    page.close()
