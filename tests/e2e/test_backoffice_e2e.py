"""The back office in a real browser (Debian's Chromium): counter reception with printing, a full
internal process with two officials and a leader, and a late dossier with its apology.

The reception test counts the screens and the fields a complete reception needs (target: one
screen plus the print). Screenshots go to var/e2e/backoffice-*.png.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
from django.db import connections
from django.utils import timezone

from motcua.catalog.models import RequiredDocument
from motcua.dossiers.lifecycle import DossierStatus
from motcua.dossiers.models import Dossier, DossierDocument
from motcua.dossiers.tests.factories import World, make_world
from motcua.organizations.models import Role
from motcua.organizations.tests.factories import StaffRoleFactory
from motcua.processes.models import DossierStep, LateNotice
from motcua.processes.services.definitions import StepInput, process_save
from motcua.processes.services.late import late_dossiers_check

pytestmark = [pytest.mark.browser]
PASSWORD = "motcua-test-password"
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@dataclass
class Office:
    world: World
    id_doc: RequiredDocument


def _named(user: Any, family: str, given: str) -> None:
    user.last_name, user.first_name = family, given
    user.save(update_fields=["first_name", "last_name"])


@pytest.fixture
def office(transactional_db, settings, tmp_path, monkeypatch) -> Office:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Playwright's sync API runs an event loop in this thread; the test's own database calls
    # (set-up and checks between browser steps) are plain synchronous code.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    world = make_world()
    world.version.agencies.add(world.agency)
    id_doc = RequiredDocument.objects.create(
        version=world.version, position=1, name="Bản sao Căn cước công dân", copies=1
    )
    _named(world.officer, "Trần Thị", "Bình")
    _named(world.specialist, "Lê Văn", "Cường")
    _named(world.leader, "Phạm Thị", "Dung")
    admin = StaffRoleFactory(unit=world.leadership, role=Role.AGENCY_ADMIN).user
    process_save(
        actor=admin,
        agency_id=world.agency.pk,
        procedure_id=world.version.procedure_id,
        steps=[
            StepInput("Thẩm định hồ sơ", world.department.pk, Role.SPECIALIST, Decimal(60)),
            StepInput("Phê duyệt", world.leadership.pk, Role.LEADER, Decimal(40), True),
        ],
    )
    return Office(world, id_doc)


class Desk:
    """A signed-in official's browser page that counts screens and fields and takes screenshots."""

    def __init__(self, browser: Any, base: str, user: Any, artifacts: Path, name: str) -> None:
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.page = self.context.new_page()
        self.page.on("dialog", lambda dialog: dialog.accept())  # the confirmations
        self.base = base
        self.artifacts = artifacts
        self.name = name
        self.shots = 0
        self.paths: list[str] = []
        self.fields = 0
        self.page.on("framenavigated", self._visited)
        self.page.goto(base + "/can-bo/dang-nhap/")
        self.page.fill("#id_username", user.username)
        self.page.fill("#id_password", PASSWORD)
        self.page.click("main button[type=submit]")
        self.page.wait_for_url(re.compile(r".*/can-bo/$"))

    def _visited(self, frame: Any) -> None:
        if frame == self.page.main_frame:
            self.paths.append(urlparse(frame.url).path)

    def start_counting(self) -> None:
        self.paths, self.fields = [], 0

    def fill(self, selector: str, value: str) -> None:
        self.page.fill(selector, value)
        self.fields += 1

    def shot(self, label: str) -> None:
        self.shots += 1
        self.page.screenshot(
            path=str(self.artifacts / f"backoffice-{self.name}-{self.shots:02d}-{label}.png"),
            full_page=True,
        )

    def act(self, code: str, action: str, **fields: str) -> None:
        """Open the dossier page and perform one action from its list (with the confirmation)."""
        self.page.goto(f"{self.base}/can-bo/ho-so/{code}/")
        form = self.page.locator(f"form[action$='/thao-tac/{action}/']")
        form.locator("xpath=..").locator("summary").click()
        for name, value in fields.items():
            element = form.locator(f"[name='{action}-{name}']")
            if element.evaluate("e => e.tagName") == "SELECT":
                element.select_option(value)
            else:
                element.fill(value)
        form.locator(f"[name='{action}-confirm']").check()
        form.locator("button[type=submit]").click()
        self.page.wait_for_load_state("load")

    def close(self) -> None:
        self.page.wait_for_load_state("networkidle")
        self.context.close()


def closes_connections(test: Callable[..., None]) -> Callable[..., None]:
    """Close the database connections the test opened while the browser ran.

    Inside Playwright's event loop Django opens connections of their own (another async
    context); left open, PostgreSQL refuses to drop the test database at the end.
    """

    @functools.wraps(test)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        try:
            test(*args, **kwargs)
        finally:
            connections.close_all()

    return wrapper


@closes_connections
def test_counter_reception_in_one_screen_plus_the_print(office, live_server, browser, artifacts):
    world = office.world
    desk = Desk(browser, live_server.url, world.officer, artifacts, "reception")
    page = desk.page
    scan = artifacts / "to-khai.pdf"
    scan.write_bytes(PDF_BYTES)
    desk.start_counting()
    page.goto(live_server.url + "/can-bo/tiep-nhan/")
    page.select_option("#procedure", str(world.version.pk))
    desk.fields += 1
    page.wait_for_selector("#reception-form")
    desk.fill("#id_identity_number", "001203012345")
    desk.fill("#id_name", "Nguyễn Văn An")
    desk.fill("#id_phone", "0912345678")
    desk.fill("#id_address", "Số 1, phường Tân An")
    for document in RequiredDocument.objects.filter(version=world.version):
        page.check(f"#doc-{document.pk}")
        desk.fields += 1
    page.set_input_files(f"input[name='file-{office.id_doc.pk}']", str(scan))
    desk.fields += 1
    desk.shot("filled")
    page.click("button[value=receive]")
    page.wait_for_url(re.compile(r".*/in/receipt/$"))
    frame = page.frame_locator("#form-frame")
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in frame.locator("h1").inner_text()
    desk.shot("receipt")
    screens = sorted(set(desk.paths))
    dossier = Dossier.objects.get()
    # one screen plus the print: the reception page (procedure chosen in place) and the receipt
    assert screens == [f"/can-bo/ho-so/{dossier.code}/in/receipt/", "/can-bo/tiep-nhan/"]
    assert desk.fields == 8  # procedure, 4 applicant fields, 2 checks, 1 scan
    assert dossier.status == DossierStatus.RECEIVED
    assert DossierDocument.objects.get().required_document_id == office.id_doc.pk
    pdf = page.request.get(live_server.url + page.locator("#pdf-link").get_attribute("href"))
    assert pdf.body().startswith(b"%PDF")
    (artifacts / "backoffice-receipt.pdf").write_bytes(pdf.body())

    # the same applicant again: found by identity number, the details are filled in
    desk.start_counting()
    page.goto(live_server.url + f"/can-bo/tiep-nhan/?procedure={world.version.pk}")
    desk.fill("#id_identity_number", "001203012345")
    page.click("#applicant-lookup")
    page.wait_for_function("document.getElementById('id_name').value !== ''")
    assert page.input_value("#id_address") == "Số 1, phường Tân An"
    page.check(f"#doc-{office.id_doc.pk}")
    page.click("button[value=receive]")
    page.wait_for_url(re.compile(r".*/in/receipt/$"))
    assert Dossier.objects.filter(applicant_identity_number="001203012345").count() == 2
    desk.close()


@closes_connections
def test_full_internal_process_with_two_officials_and_a_leader(
    office, live_server, browser, artifacts
):
    world = office.world
    reception = Desk(browser, live_server.url, world.officer, artifacts, "process-reception")
    page = reception.page
    page.goto(live_server.url + f"/can-bo/tiep-nhan/?procedure={world.version.pk}")
    page.fill("#id_identity_number", "001203099999")
    page.fill("#id_name", "Hoàng Văn Em")
    page.click("button[value=receive]")
    page.wait_for_url(re.compile(r".*/in/receipt/$"))
    dossier = Dossier.objects.get()
    reception.act(dossier.code, "assign", assignee=str(world.specialist.pk))
    reception.shot("assigned")

    specialist = Desk(browser, live_server.url, world.specialist, artifacts, "process-specialist")
    specialist.page.goto(live_server.url + "/can-bo/?queue=mine")
    assert dossier.code in specialist.page.locator("table.queue").inner_text()
    specialist.shot("queue")
    specialist.act(dossier.code, "forward", assignee=str(world.leader.pk))

    leader = Desk(browser, live_server.url, world.leader, artifacts, "process-leader")
    leader.page.goto(live_server.url + f"/can-bo/ho-so/{dossier.code}/")
    assert "Phê duyệt" in leader.page.locator("ol.steps").inner_text()
    leader.shot("approval-step")
    leader.act(dossier.code, "approve", note="Đồng ý")
    leader.act(dossier.code, "finish", result="Giấy phép số 12/GP")

    reception.act(dossier.code, "return_result", delivery="counter")
    reception.shot("returned")
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.RESULT_RETURNED
    assert dossier.is_approved is True
    steps = list(DossierStep.objects.filter(dossier=dossier).order_by("started_at"))
    assert [(s.step.name, s.assignee_id) for s in steps] == [
        ("Thẩm định hồ sơ", world.specialist.pk),
        ("Phê duyệt", world.leader.pk),
    ]
    assert all(s.finished_at is not None for s in steps)
    for desk in (reception, specialist, leader):
        desk.close()


@closes_connections
def test_late_dossier_with_its_apology(office, live_server, browser, artifacts, settings):
    world = office.world
    settings.MOTCUA_LATE_WARNING_WORKING_DAYS = 10  # a dossier received now is within it
    reception = Desk(browser, live_server.url, world.officer, artifacts, "late-reception")
    page = reception.page
    page.goto(live_server.url + f"/can-bo/tiep-nhan/?procedure={world.version.pk}")
    page.fill("#id_identity_number", "001203088888")
    page.fill("#id_name", "Đỗ Thị Giang")
    page.click("button[value=receive]")
    page.wait_for_url(re.compile(r".*/in/receipt/$"))
    dossier = Dossier.objects.get()
    reception.act(dossier.code, "assign", assignee=str(world.specialist.pk))
    reception.close()

    [notice] = late_dossiers_check(now=timezone.now())  # the worker's periodic job
    assert notice.proposed_due_at is not None

    leader = Desk(browser, live_server.url, world.leader, artifacts, "late-leader")
    assert dossier.code in leader.page.locator("section.alert").inner_text()
    leader.shot("warning")
    draft = leader.page.request.get(
        live_server.url + f"/can-bo/ho-so/{dossier.code}/bieu-mau/apology.pdf"
    )
    assert draft.body().startswith(b"%PDF")
    leader.page.goto(live_server.url + f"/can-bo/ho-so/{dossier.code}/")
    leader.page.locator("form[action$='/thao-tac/apologize/']").locator("xpath=..").locator(
        "summary"
    ).click()
    proposed = leader.page.input_value("[name='apologize-new_due_at']")
    assert proposed == timezone.localtime(notice.proposed_due_at).strftime("%Y-%m-%dT%H:%M")
    leader.act(dossier.code, "apologize", reason="Cần xác minh thực địa")
    leader.page.wait_for_url(re.compile(r".*/in/apology/$"))
    frame = leader.page.frame_locator("#form-frame")
    assert "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ" in frame.locator("h1").inner_text()
    leader.shot("apology")
    dossier.refresh_from_db()
    notice.refresh_from_db()
    assert dossier.reappointment_count == 1
    assert dossier.due_at == notice.proposed_due_at
    assert notice.apology_sent_at is not None
    assert LateNotice.objects.filter(apology_sent_at__isnull=True).exists() is False
    leader.close()


@closes_connections
def test_reception_dates_are_shown_dd_mm_yyyy(office, live_server, browser, artifacts):
    world = office.world
    desk = Desk(browser, live_server.url, world.officer, artifacts, "dates")
    desk.page.goto(live_server.url + f"/can-bo/tiep-nhan/?procedure={world.version.pk}")
    desk.page.fill("#id_identity_number", "001203077777")
    desk.page.fill("#id_name", "Vũ Văn Hải")
    desk.page.click("button[value=receive]")
    desk.page.wait_for_url(re.compile(r".*/in/receipt/$"))
    code = Dossier.objects.get().code
    desk.page.goto(live_server.url + f"/can-bo/ho-so/{code}/")
    text = desk.page.locator(".status-line").inner_text()
    due = timezone.localtime(Dossier.objects.get().due_at)
    assert due.strftime("%d/%m/%Y") in text
    assert isinstance(due, dt.datetime)
    desk.close()


@closes_connections
def test_pages_fit_a_phone_and_pass_axe(office, live_server, browser, artifacts):
    from axe_playwright_python.sync_playwright import Axe  # type: ignore[import-untyped]

    world = office.world
    desk = Desk(browser, live_server.url, world.officer, artifacts, "phone")
    desk.page.set_viewport_size({"width": 360, "height": 740})
    desk.page.goto(live_server.url + f"/can-bo/tiep-nhan/?procedure={world.version.pk}")
    desk.page.fill("#id_identity_number", "001203066666")
    desk.page.fill("#id_name", "Lâm Thị Hoa")
    desk.page.click("button[value=receive]")
    desk.page.wait_for_url(re.compile(r".*/in/receipt/$"))
    code = Dossier.objects.get().code
    axe = Axe()
    options = {
        "resultTypes": ["violations"],
        "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    }
    for label, path in [
        ("queue", "/can-bo/?queue=unit"),
        ("reception", f"/can-bo/tiep-nhan/?procedure={world.version.pk}"),
        ("dossier", f"/can-bo/ho-so/{code}/"),
        ("print", f"/can-bo/ho-so/{code}/in/receipt/"),
    ]:
        desk.page.goto(live_server.url + path)
        desk.shot(label)
        results = axe.run(desk.page, options=options)
        bad = [
            f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
            for v in results.response["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        assert bad == [], f"{label}: {bad}"
        width = desk.page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, f"{label}: {width} px wide"
    desk.close()
