"""The back office through the Django test client: reception, queues, the dossier page, actions."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from motcua.catalog.models import RequiredDocument
from motcua.dossiers.lifecycle import DossierStatus
from motcua.dossiers.models import Dossier, DossierDocument
from motcua.dossiers.services import transitions as t
from motcua.dossiers.tests.factories import receive
from motcua.processes.models import DossierStep

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _applicant(**extra):
    return {
        "kind": "person",
        "identity_number": "001203012345",
        "name": "Nguyễn Văn An",
        "phone": "0912345678",
        "email": "an@example.vn",
        "address": "Số 1, Hà Nội",
        **extra,
    }


def test_login_page_and_sign_in_lead_to_the_queue(client, world):
    response = client.get(reverse("backoffice:queue"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("backoffice:login"))
    page = client.get(reverse("backoffice:login"))
    assert "Đăng nhập dành cho cán bộ" in page.content.decode()
    signed = client.post(
        reverse("backoffice:login"),
        {"username": world.officer.username, "password": "motcua-test-password"},
    )
    assert signed.status_code == 302
    assert signed["Location"] == reverse("backoffice:queue")


def test_counter_reception_receives_uploads_and_prints_the_receipt(client, world):
    client.force_login(world.officer)
    document = (
        world.version.required_documents.get()
        if hasattr(world.version, "required_documents")
        else None
    )

    document = RequiredDocument.objects.get(version=world.version)
    screen = client.get(reverse("backoffice:reception"), {"procedure": world.version.pk})
    assert screen.status_code == 200
    assert document.name in screen.content.decode()
    response = client.post(
        reverse("backoffice:reception"),
        {
            "procedure": world.version.pk,
            **_applicant(),
            "document": [document.pk],
            f"file-{document.pk}": SimpleUploadedFile("to-khai.pdf", PDF, "application/pdf"),
            "decision": "receive",
        },
    )
    dossier = Dossier.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "backoffice:print", kwargs={"code": dossier.code, "kind": "receipt"}
    )
    assert dossier.status == DossierStatus.RECEIVED
    assert dossier.channel == 1
    assert DossierDocument.objects.get().required_document_id == document.pk
    pdf = client.get(reverse("backoffice:form", args=[dossier.code, "receipt", "pdf"]))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    # the next dossier of the same applicant reuses the details by identity number
    found = client.get(reverse("backoffice:applicant-lookup"), {"identity": "001203012345"})
    assert found.json()["name"] == "Nguyễn Văn An"
    prefilled = client.get(
        reverse("backoffice:reception"),
        {"procedure": world.version.pk, "identity": "001203012345"},
    )
    assert 'value="Số 1, Hà Nội"' in prefilled.content.decode()


def test_incomplete_and_refused_at_the_counter_print_forms_02_and_03(client, world):
    client.force_login(world.officer)
    base = {"procedure": world.version.pk, **_applicant(), "reason": "Thiếu tờ khai"}
    incomplete = client.post(reverse("backoffice:reception"), {**base, "decision": "incomplete"})
    body = incomplete.content.decode()
    assert "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ" in body
    assert "Tờ khai theo mẫu" in body  # the unchecked document is listed as missing
    refused = client.post(reverse("backoffice:reception"), {**base, "decision": "refuse"})
    assert "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ" in refused.content.decode()
    no_reason = client.post(
        reverse("backoffice:reception"), {**base, "reason": "", "decision": "refuse"}
    )
    assert no_reason.status_code == 400
    assert Dossier.objects.exists() is False


def test_the_dossier_moves_through_its_process_from_the_page(client, world):
    dossier = receive(world)
    client.force_login(world.officer)
    page = client.get(reverse("backoffice:dossier", args=[dossier.code]))
    body = page.content.decode()
    assert "Thẩm định hồ sơ" in body
    assert "Phê duyệt" in body
    assert "Phân công" in body  # assign is offered to reception
    assert "Phê duyệt hồ sơ" not in body
    # reception assigns the first step
    response = client.post(
        reverse("backoffice:action", args=[dossier.code, "assign"]),
        {"assign-assignee": world.specialist.pk, "assign-confirm": "on"},
    )
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.assignee_id == world.specialist.pk
    assert DossierStep.objects.get().step.name == "Thẩm định hồ sơ"
    # without the confirmation nothing happens
    client.force_login(world.specialist)
    client.post(
        reverse("backoffice:action", args=[dossier.code, "forward"]),
        {"forward-assignee": world.leader.pk},
    )
    dossier.refresh_from_db()
    assert dossier.assignee_id == world.specialist.pk
    client.post(
        reverse("backoffice:action", args=[dossier.code, "forward"]),
        {"forward-assignee": world.leader.pk, "forward-confirm": "on"},
    )
    dossier.refresh_from_db()
    assert dossier.assignee_id == world.leader.pk
    client.force_login(world.leader)
    client.post(
        reverse("backoffice:action", args=[dossier.code, "approve"]),
        {"approve-note": "Đồng ý", "approve-confirm": "on"},
    )
    client.post(
        reverse("backoffice:action", args=[dossier.code, "finish"]),
        {"finish-result": "Giấy phép số 12", "finish-confirm": "on"},
    )
    client.force_login(world.officer)
    client.post(
        reverse("backoffice:action", args=[dossier.code, "return_result"]),
        {"return_result-delivery": "counter", "return_result-confirm": "on"},
    )
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.RESULT_RETURNED
    assert dossier.is_approved is True


def test_a_reason_is_required_where_the_law_requires_one(client, world):
    dossier = receive(world)
    t.dossier_assign(dossier_id=dossier.pk, actor=world.officer, assignee_id=world.specialist.pk)
    client.force_login(world.leader)
    client.post(
        reverse("backoffice:action", args=[dossier.code, "stop"]),
        {"stop-reason": "", "stop-confirm": "on"},
    )
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.PROCESSING
    response = client.post(
        reverse("backoffice:action", args=[dossier.code, "stop"]),
        {"stop-reason": "Theo đề nghị của người nộp", "stop-confirm": "on"},
    )
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.STOPPED
    assert response["Location"] == reverse("backoffice:print", args=[dossier.code, "stop-notice"])


def test_queues_are_ordered_by_due_date_with_counts(client, world, django_assert_max_num_queries):
    now = timezone.now()
    early = receive(world, now=now - dt.timedelta(days=20))  # overdue by now
    late = receive(world, now=now)
    for d in (early, late):
        t.dossier_assign(dossier_id=d.pk, actor=world.officer, assignee_id=world.specialist.pk)
    client.force_login(world.specialist)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("backoffice:queue"), {"queue": "mine"})
    codes = [d.code for d in response.context["page"].dossiers]
    assert codes == [early.code, late.code]
    counts = {q.value: c for q, _label, c in response.context["queues"]}
    assert counts["mine"] == 2
    assert counts["overdue"] == 1
    overdue = client.get(reverse("backoffice:queue"), {"queue": "overdue"})
    assert [d.code for d in overdue.context["page"].dossiers] == [early.code]


def test_bulk_assign(client, world):
    dossiers = [receive(world) for _ in range(3)]
    client.force_login(world.officer)
    response = client.post(
        reverse("backoffice:bulk-assign"),
        {"dossier": [d.pk for d in dossiers], "assignee": world.specialist.pk},
    )
    assert response.status_code == 302
    assert set(Dossier.objects.values_list("assignee_id", flat=True)) == {world.specialist.pk}
    assert DossierStep.objects.count() == 3


def test_due_soon_counts_working_hours_of_the_agencys_calendar(client, world):
    now = timezone.now()
    dossier = receive(world, now=now)  # due in 5 working days (40 working hours)
    client.force_login(world.officer)

    def due_soon(hours):
        response = client.get(reverse("backoffice:queue"), {"queue": "due-soon", "hours": hours})
        return [d.code for d in response.context["page"].dossiers]

    assert due_soon(8) == []
    assert due_soon(41) == [dossier.code]


def test_the_queue_reads_in_a_constant_number_of_queries(
    client, world, django_assert_max_num_queries
):
    for _ in range(15):
        d = receive(world)
        t.dossier_assign(dossier_id=d.pk, actor=world.officer, assignee_id=world.specialist.pk)
    client.force_login(world.officer)
    client.get(reverse("backoffice:queue"), {"queue": "unit"})  # calendars cached
    with django_assert_max_num_queries(10):
        response = client.get(reverse("backoffice:queue"), {"queue": "overdue"})
    assert len(response.context["page"].dossiers) == 15


def test_pdf_and_image_documents_are_previewed(client, world):
    dossier = receive(world)
    client.force_login(world.officer)
    from motcua.dossiers.services.documents import dossier_document_add

    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
    dossier_document_add(
        dossier_id=dossier.pk,
        actor=world.officer,
        upload=SimpleUploadedFile("a.pdf", PDF, "application/pdf"),
        name="a.pdf",
    )
    dossier_document_add(
        dossier_id=dossier.pk,
        actor=world.officer,
        upload=SimpleUploadedFile("b.png", png, "image/png"),
        name="b.png",
    )
    body = client.get(reverse("backoffice:dossier", args=[dossier.code])).content.decode()
    assert body.count('class="pdf-preview"') == 1
    assert body.count('<img src="/can-bo/ho-so/') == 1
    document = DossierDocument.objects.get(original_name="b.png")
    response = client.get(reverse("backoffice:document", args=[dossier.code, document.pk]))
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content) == png


def test_the_procedures_form_fields_are_on_the_reception_screen(client, world):
    from motcua.catalog.models import ProcedureVersion

    extra = {
        "form_schema": [
            {"name": "area", "type": "number", "required": True, "label": "Diện tích (m²)"},
            {"name": "floors", "type": "integer"},
            {"name": "urgent", "type": "boolean"},
        ]
    }
    ProcedureVersion.objects.filter(pk=world.version.pk).update(extra=extra)
    client.force_login(world.officer)
    screen = client.get(reverse("backoffice:reception"), {"procedure": world.version.pk})
    assert "Diện tích (m²) *" in screen.content.decode()
    missing = client.post(
        reverse("backoffice:reception"),
        {"procedure": world.version.pk, **_applicant(), "decision": "receive"},
    )
    assert missing.status_code == 400
    client.post(
        reverse("backoffice:reception"),
        {
            "procedure": world.version.pk,
            **_applicant(),
            "form-area": "120.5",
            "form-floors": "3",
            "form-urgent": "on",
            "decision": "receive",
        },
    )
    assert Dossier.objects.get().form_data == {"area": 120.5, "floors": 3, "urgent": True}


def test_an_official_attaches_the_result_file(client, world):
    dossier = receive(world)
    t.dossier_assign(dossier_id=dossier.pk, actor=world.officer, assignee_id=world.specialist.pk)
    client.force_login(world.specialist)
    assert (
        "Đính kèm tệp"
        in client.get(reverse("backoffice:dossier", args=[dossier.code])).content.decode()
    )
    client.post(
        reverse("backoffice:document-upload", args=[dossier.code]),
        {"file": SimpleUploadedFile("ket-qua.pdf", PDF, "application/pdf"), "kind": "result"},
    )
    document = DossierDocument.objects.get(dossier=dossier)
    assert (document.kind, document.original_name) == ("result", "ket-qua.pdf")
    client.force_login(world.applicant)  # not an official: no upload through the back office
    client.post(
        reverse("backoffice:document-upload", args=[dossier.code]),
        {"file": SimpleUploadedFile("x.pdf", PDF, "application/pdf"), "kind": "result"},
    )
    assert DossierDocument.objects.filter(dossier=dossier).count() == 1
