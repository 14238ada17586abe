"""The citizen's whole journey in a real browser, at 360×740 and 1280×800, with axe-core checks.

search → open procedure → register and sign in → submit with attachments (draft, review) →
receipt and PDF → public lookup → an official asks for a supplement (through the service) →
upload it → result → download → rate. Every page is checked with axe-core (WCAG 2.1 A/AA): no
serious or critical violation; screenshots go to var/e2e/.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from pathlib import Path
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.db import connections
from django.utils import timezone

from motcua.catalog.models import ProcedureVersion
from motcua.dossiers.lifecycle import DossierStatus
from motcua.dossiers.models import DocumentKind, Dossier
from motcua.dossiers.services import transitions as t
from motcua.dossiers.services.documents import dossier_document_add
from motcua.evaluation.models import SatisfactionRating
from motcua.notifications.backends import read_outbox
from motcua.submissions.tests.helpers import PDF_BYTES, make_portal

pytestmark = [pytest.mark.browser]

AXE_OPTIONS = {
    "resultTypes": ["violations"],
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
}
PAGE_LIMIT = 100 * 1024
VIEWPORTS = {"phone": (360, 740), "desktop": (1280, 800)}


class Journey:
    """One browser page plus the checks done on every page it visits."""

    def __init__(self, page: Any, name: str, artifacts: Path) -> None:
        from axe_playwright_python.sync_playwright import Axe  # type: ignore[import-untyped]

        self.page = page
        self.name = name
        self.artifacts = artifacts
        self.axe = Axe()
        self.step = 0
        self.transferred: dict[str, int] = {}
        self.sizes: dict[str, int] = {}
        page.on("response", self._count)

    def _count(self, response: Any) -> None:
        try:
            body = response.body()
        except Exception:  # redirects and aborted requests have no body
            return
        self.transferred[response.url] = len(body)

    def check(self, label: str) -> None:
        """axe-core, width, page weight and a screenshot of the page as it is now."""
        self.page.wait_for_load_state("load")
        self.step += 1
        self.page.screenshot(
            path=str(self.artifacts / f"portal-{self.name}-{self.step:02d}-{label}.png"),
            full_page=True,
        )
        results = self.axe.run(self.page, options=AXE_OPTIONS)
        bad = [
            f"{v['id']} ({v['impact']}): {v['help']} {[n['target'] for n in v['nodes']][:3]}"
            for v in results.response["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        assert bad == [], f"{label}: {bad}"
        width = self.page.viewport_size["width"]
        assert self.page.evaluate("document.documentElement.scrollWidth") <= width, label
        assert self.page.evaluate("document.documentElement.lang") in ("vi", "en")
        # Weight: the HTML and the CSS/JS it loads (the user's own files are not counted).
        html = self.page.content().encode()
        assets = sum(
            size
            for url, size in self.transferred.items()
            if url.endswith((".css", ".js")) and "/media/" not in url
        )
        self.sizes[label] = len(html) + assets
        assert self.sizes[label] <= PAGE_LIMIT, (label, self.sizes[label])


def last_code(recipient: str) -> str:
    messages = [m for m in read_outbox() if m["recipient"] == recipient]
    return str(re.findall(r"\b(\d{6})\b", messages[-1]["body"])[-1])


@pytest.fixture
def world(transactional_db, settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.NOTIFICATION_FILE_DIR = tmp_path / "notifications"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Playwright's sync API runs an event loop in this thread; the test's own database calls
    # (the official's actions) are plain synchronous code between browser steps.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    p = make_portal()
    ProcedureVersion.objects.filter(pk=p.world.version.pk).update(
        name="Cấp giấy phép kinh doanh karaoke", search_text="cap giay phep kinh doanh karaoke"
    )
    return p


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
def test_citizen_journey(world, live_server, browser, artifacts, viewport, tmp_path):
    try:
        journey_run(world, live_server, browser, artifacts, viewport, tmp_path)
    finally:
        # Under Playwright's sync API the test's queries use a connection of their own
        # (context-local); close it, or PostgreSQL cannot drop the test database.
        connections.close_all()


def journey_run(world, live_server, browser, artifacts, viewport, tmp_path):
    width, height = VIEWPORTS[viewport]
    context = browser.new_context(
        viewport={"width": width, "height": height}, accept_downloads=True
    )
    page = context.new_page()
    journey = Journey(page, viewport, artifacts)
    started = time.monotonic()
    phone = "0903000001" if viewport == "phone" else "0903000002"
    scan = tmp_path / "to-khai.pdf"
    scan.write_bytes(PDF_BYTES)
    photo = tmp_path / "cccd.pdf"
    photo.write_bytes(PDF_BYTES)

    # search → open procedure
    page.goto(live_server.url + "/")
    journey.check("home")
    page.fill("#q", "giay phep karaoke")
    page.keyboard.press("Enter")
    page.wait_for_url("**/thu-tuc/?q=*")
    journey.check("search")
    page.get_by_role("link", name="Cấp giấy phép kinh doanh karaoke").first.click()
    journey.check("procedure")

    # "Nộp hồ sơ trực tuyến" → sign-in page → register → activate
    page.get_by_role("link", name="Nộp hồ sơ trực tuyến").click()
    page.wait_for_url("**/tai-khoan/dang-nhap/**")
    journey.check("login")
    page.get_by_role("link", name="Đăng ký").last.click()
    journey.check("register")
    page.get_by_label("Họ và tên").fill("Phạm Thị Dung")
    page.get_by_label("Số định danh").fill("001203099999")
    page.get_by_label("Số điện thoại hoặc e-mail").fill(phone)
    page.get_by_label("Mật khẩu").fill("Mat-khau-that-dai-2026")
    page.get_by_role("button", name="Đăng ký").click()
    page.wait_for_url("**/tai-khoan/xac-minh/")
    journey.check("verify")
    page.get_by_label("Mã xác thực").fill(last_code(phone))
    page.get_by_role("button", name="Kích hoạt").click()
    page.wait_for_url("**/ho-so-cua-toi/")
    journey.check("my-dossiers-empty")

    # submit online: the form, a draft, the review
    page.goto(live_server.url + f"/thu-tuc/{world.world.version.procedure.code}/")
    page.get_by_role("link", name="Nộp hồ sơ trực tuyến").click()
    page.wait_for_url("**/ho-so-nhap/*/")
    journey.check("draft-empty")
    page.get_by_role("button", name="Tiếp tục").click()  # nothing attached: errors
    journey.check("draft-errors")
    summary = page.locator("#error-summary")
    assert summary.is_visible()
    first_link = summary.get_by_role("link").first
    target = first_link.get_attribute("href")
    first_link.click()
    assert page.evaluate("document.activeElement.id") == target.lstrip("#")
    # a wrong type is refused at once, next to the field (JavaScript; the server checks again)
    wrong = tmp_path / "setup.exe"
    wrong.write_bytes(b"MZ\x90\x00")
    page.set_input_files(f"#id_doc_{world.form_doc.pk}", str(wrong))
    assert page.locator(f"#id_doc_{world.form_doc.pk}_client_error").is_visible()
    page.set_input_files(f"#id_doc_{world.form_doc.pk}", str(scan))
    assert page.locator(f"#id_doc_{world.form_doc.pk}_client_error").count() == 0
    page.get_by_role("button", name="Lưu nháp").click()
    page.wait_for_selector(".messages")
    journey.check("draft-saved")
    assert "to-khai.pdf" in page.content()
    page.set_input_files(f"#id_doc_{world.id_doc.pk}", str(photo))
    page.get_by_role("button", name="Tiếp tục").click()
    page.wait_for_url("**/xem-lai/")
    journey.check("review")
    page.get_by_role("button", name="Nộp hồ sơ").click()
    page.wait_for_url("**/bien-nhan/")
    journey.check("receipt")
    code = page.locator("#dossier-code").inner_text().strip()
    dossier = Dossier.objects.get(code=code)
    assert dossier.status == DossierStatus.NEW
    assert page.locator(".qr svg").count() == 1
    assert re.search(r"\d\d:\d\d \d\d/\d\d/\d{4}", page.locator(".facts").inner_text())
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Tải giấy tiếp nhận (PDF)").click()
    receipt = artifacts / f"portal-{viewport}-receipt.pdf"
    download_info.value.save_as(receipt)
    assert receipt.read_bytes().startswith(b"%PDF")

    # public lookup (signed out view of the status)
    page.goto(live_server.url + "/tra-cuu/")
    journey.check("lookup")
    page.get_by_label("Mã hồ sơ").fill(code)
    page.get_by_role("button", name="Tra cứu").click()
    page.wait_for_selector("#lookup-status")
    journey.check("lookup-result")
    assert "Phạm Thị Dung" not in page.content()

    # an official receives the dossier and asks for a supplement (through the services)
    now = timezone.now()
    officials = world.world
    t.dossier_receive(dossier_id=dossier.pk, actor=officials.officer, checklist=[], now=now)
    t.dossier_assign(
        dossier_id=dossier.pk, actor=officials.officer, assignee_id=officials.specialist.pk, now=now
    )
    t.dossier_request_supplement(
        dossier_id=dossier.pk,
        actor=officials.specialist,
        reason="Bản chụp CCCD bị mờ",
        missing_documents=["CCCD"],
        now=now + dt.timedelta(minutes=1),
    )

    # the citizen hands in the supplement
    page.goto(live_server.url + "/ho-so-cua-toi/")
    journey.check("my-dossiers-supplement")
    page.get_by_role("link", name=code).click()
    journey.check("dossier-supplement")
    page.set_input_files("#id_supp_0", str(photo))
    page.get_by_role("button", name="Nộp giấy tờ bổ sung").click()
    page.wait_for_selector(".messages")
    journey.check("dossier-supplemented")
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.PROCESSING

    # the result is ready
    dossier_document_add(
        dossier_id=dossier.pk,
        actor=officials.specialist,
        upload=ContentFile(PDF_BYTES, name="giay-phep.pdf"),
        name="Giấy phép kinh doanh.pdf",
        kind=DocumentKind.RESULT,
    )
    t.dossier_finish(
        dossier_id=dossier.pk,
        actor=officials.specialist,
        result={"documents": ["Giấy phép kinh doanh"]},
        now=timezone.now(),
    )
    page.reload()
    journey.check("dossier-result")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Tải về Giấy phép kinh doanh.pdf").click()
    assert Path(download_info.value.path()).read_bytes() == PDF_BYTES

    # rate
    page.get_by_label("Rất hài lòng").check()
    page.get_by_role("button", name="Gửi đánh giá").click()
    page.wait_for_selector(".messages")
    journey.check("dossier-rated")
    assert SatisfactionRating.objects.get(dossier=dossier).level == "very_satisfied"
    elapsed = time.monotonic() - started
    (artifacts / f"portal-{viewport}-sizes.txt").write_text(
        "\n".join(f"{k}\t{v}" for k, v in journey.sizes.items()) + f"\nelapsed\t{elapsed:.1f}s\n"
    )
    context.close()
