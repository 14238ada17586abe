"""Mẫu 02–06 and the stop notice: exact PDF text, QR content, paper size, all from the real services."""

from __future__ import annotations

import datetime as dt
import json
import time

import pytest
from django.utils import translation

from motcua.dossiers.services import transitions as t
from motcua.dossiers.tests.factories import MONDAY
from motcua.official_forms.kinds import DOSSIER_FORMS, FormKind
from motcua.official_forms.services import (
    CounterDraft,
    counter_slip_render,
    form_render,
    tracking_book_render,
)
from motcua.official_forms.tests.pdftools import pdf_lines, pdf_page_size_mm, pdf_qr_codes
from motcua.official_forms.tests.test_receipt import _received_dossier

pytestmark = pytest.mark.django_db
LATER = MONDAY + dt.timedelta(hours=2)
HEAD = [
    "ỦY BAN NHÂN DÂN XÃ TÂN AN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH Độc lập - Tự do - Hạnh phúc",
    "CÔNG XÃ TÂN AN",
]


def _named(user, family, given):
    user.last_name, user.first_name = family, given
    user.save(update_fields=["first_name", "last_name"])


def _supplement_requested():
    world, dossier = _received_dossier()
    _named(world.specialist, "Lê Văn", "Cường")
    _named(world.leader, "Phạm Thị", "Dung")
    t.dossier_assign(
        dossier_id=dossier.pk, actor=world.officer, assignee_id=world.specialist.pk, now=LATER
    )
    t.dossier_request_supplement(
        dossier_id=dossier.pk,
        actor=world.specialist,
        reason="Bản sao chưa chứng thực",
        missing_documents=["Bản sao chứng thực CCCD"],
        now=LATER,
    )
    return world, dossier


def test_supplement_request_pdf_text_is_exact(tmp_path):
    _, dossier = _supplement_requested()
    pdf = form_render(form=FormKind.SUPPLEMENT_REQUEST, dossier_id=dossier.pk, fmt="pdf")
    assert pdf_lines(pdf, tmp_path) == [
        *HEAD,
        f"Mã hồ sơ: {dossier.code}",
        "Ngày 02 tháng 03 năm 2026",
        "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
        "Bộ phận tiếp nhận: Trung tâm Phục vụ hành chính công xã Tân An",
        "Tiếp nhận hồ sơ của: Nguyễn Văn An",
        f"Nội dung yêu cầu giải quyết: {dossier.procedure_version.name}",
        "Địa chỉ: Số 1, Hà Nội",
        "Số điện thoại: 0912345678",
        "Thư điện tử: an@example.vn",
        "Yêu cầu Ông/Bà bổ sung, hoàn thiện hồ sơ gồm những nội dung sau:",
        "TT Thành phần hồ sơ hoặc nội dung cần bổ sung",
        "1 Bản sao chứng thực CCCD",
        "Lý do: Bản sao chưa chứng thực",
        "Thời hạn giải quyết được tính lại từ đầu khi nhận đủ hồ sơ (Điều 19.4 Nghị định",
        "61/2018/NĐ-CP).",
        "NGƯỜI HƯỚNG DẪN",
        "(Ký và ghi rõ họ tên)",
        "Lê Văn Cường",
        "Phát hành bởi Hệ thống thông tin một cửa điện tử",
    ]


def test_apology_pdf_text_is_exact_and_its_qr_names_the_form(tmp_path):
    # given a dossier re-appointed once by its leader, more than a working day before the due date
    world, dossier = _supplement_requested()
    t.dossier_submit_supplement(dossier_id=dossier.pk, actor=world.officer, now=LATER)
    new_due = dt.datetime(2026, 3, 16, 8, 0, tzinfo=MONDAY.tzinfo)
    t.dossier_apologize(
        dossier_id=dossier.pk,
        actor=world.leader,
        new_due_at=new_due,
        reason="Cần xác minh thực địa",
        now=LATER + dt.timedelta(days=1),
    )
    # when
    pdf = form_render(form=FormKind.APOLOGY, dossier_id=dossier.pk, fmt="pdf")
    # then
    assert pdf_lines(pdf, tmp_path) == [
        *HEAD,
        f"Mã hồ sơ: {dossier.code}",
        "Ngày 03 tháng 03 năm 2026",
        "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ",
        "Kính gửi: Nguyễn Văn An",
        "Địa chỉ: Số 1, Hà Nội",
        "Số điện thoại: 0912345678",
        "Vào lúc 08 giờ 00 phút, ngày 02/03/2026, chúng tôi đã tiếp nhận hồ sơ đề nghị",
        f"giải quyết thủ tục: {dossier.procedure_version.name}.",
        f"Số biên nhận (mã hồ sơ): {dossier.code}",
        "Thời gian hẹn trả kết quả: 08 giờ 00 phút, ngày 09/03/2026",
        "Việc giải quyết hồ sơ của Ông/Bà đã quá thời hạn hẹn trả kết quả.",
        "Lý do: Cần xác minh thực địa",
        "Chúng tôi thành thật xin lỗi Ông/Bà vì sự chậm trễ này và hẹn lại thời gian trả kết",
        "quả:",
        "08 giờ 00 phút, ngày 16/03/2026",
        "THỦ TRƯỞNG CƠ QUAN",
        "(Ký, ghi rõ họ tên và đóng dấu)",
        "Phạm Thị Dung",
        "Phát hành bởi Hệ thống thông tin một cửa điện tử",
    ]
    [text] = pdf_qr_codes(pdf, tmp_path)
    content = json.loads(text)
    assert content["document_name"] == "Phiếu xin lỗi và hẹn lại ngày trả kết quả"
    assert content["issued_at"] == "2026-03-03T10:00:00+07:00"
    assert "appointment_at" not in content  # only receipts carry the appointment


def test_apology_draft_is_marked_and_carries_the_proposed_date(tmp_path):
    _, dossier = _received_dossier()
    html = form_render(
        form=FormKind.APOLOGY,
        dossier_id=dossier.pk,
        fmt="html",
        now=LATER,
        extra={
            "new_due_at": dt.datetime(2026, 3, 20, 8, 0, tzinfo=MONDAY.tzinfo),
            "reason": "Chờ ý kiến phối hợp",
        },
    )
    assert "DỰ THẢO trình lãnh đạo ký" in html
    assert "08 giờ 00 phút, ngày 20/03/2026" in html
    assert "Lý do: Chờ ý kiến phối hợp" in html


@pytest.mark.parametrize("form", DOSSIER_FORMS)
def test_every_dossier_form_has_a_decodable_qr_and_its_paper(form, tmp_path):
    world, dossier = _supplement_requested()
    pdf = form_render(form=form, dossier_id=dossier.pk, fmt="pdf", now=LATER)
    [text] = pdf_qr_codes(pdf, tmp_path)
    content = json.loads(text)
    assert content["dossier_code"] == dossier.code
    assert content["procedure_code"] == world.version.procedure.code
    assert content["applicant_identity"] == "001203012345"
    with translation.override("vi"):
        assert content["document_name"] == str(form.official_name)
    assert content["issuing_system"] == "Hệ thống thông tin một cửa điện tử"
    assert pdf_page_size_mm(pdf, tmp_path) == ((148, 210) if form.paper == "A5" else (210, 297))


def test_refusal_at_reception_prints_the_reason(tmp_path):
    world, _ = _received_dossier()
    submitted = t.dossier_submit(
        actor=world.applicant,
        procedure_version_id=world.version.pk,
        receiving_unit_id=world.reception.pk,
        applicant=world.applicant_input(),
        form_data={},
        now=MONDAY,
    )
    t.dossier_refuse(
        dossier_id=submitted.pk, actor=world.officer, reason="Không thuộc thẩm quyền", now=LATER
    )
    lines = pdf_lines(
        form_render(form=FormKind.REFUSAL, dossier_id=submitted.pk, fmt="pdf"), tmp_path
    )
    assert lines[5:7] == [
        "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ",
        "Bộ phận tiếp nhận: Trung tâm Phục vụ hành chính công xã Tân An",
    ]
    assert "Không thuộc thẩm quyền" in lines
    assert "NGƯỜI NỘP HỒ SƠ NGƯỜI TỪ CHỐI" in lines


def test_counter_slip_needs_no_saved_dossier(tmp_path):
    world, _ = _received_dossier()
    draft = CounterDraft(
        agency_id=world.agency.pk,
        reception_unit_name=world.reception.name,
        procedure_code=world.version.procedure.code,
        procedure_name=world.version.name,
        applicant_name="Hoàng Văn Em",
        applicant_identity_number="001099000111",
        missing=["Tờ khai có chữ ký"],
        reason="Thiếu tờ khai",
    )
    pdf = counter_slip_render(form=FormKind.SUPPLEMENT_REQUEST, draft=draft, fmt="pdf", now=LATER)
    assert isinstance(pdf, bytes)
    lines = pdf_lines(pdf, tmp_path)
    assert "1 Tờ khai có chữ ký" in lines
    assert not any(line.startswith("Mã hồ sơ") for line in lines)
    [text] = pdf_qr_codes(pdf, tmp_path)
    assert json.loads(text)["applicant_identity"] == "001099000111"


def test_tracking_book_lists_the_period_on_a4(tmp_path):
    world, dossier = _received_dossier()
    pdf = tracking_book_render(
        agency_id=world.agency.pk,
        start_on=dt.date(2026, 3, 1),
        end_on=dt.date(2026, 3, 31),
        fmt="pdf",
        now=LATER,
    )
    assert isinstance(pdf, bytes)
    lines = pdf_lines(pdf, tmp_path)
    assert "SỔ THEO DÕI HỒ SƠ" in lines
    assert "Từ ngày 01/03/2026 đến ngày 31/03/2026" in lines
    assert any(line.startswith(f"1 {dossier.code}") for line in lines)
    assert pdf_page_size_mm(pdf, tmp_path) == (297, 210)  # A4 landscape: nine columns
    empty = tracking_book_render(
        agency_id=world.agency.pk,
        start_on=dt.date(2026, 4, 1),
        end_on=dt.date(2026, 4, 30),
        fmt="html",
        now=LATER,
    )
    assert dossier.code not in empty
    assert "Không có hồ sơ nào được tiếp nhận trong kỳ." in empty


def test_receipt_pdf_renders_fast_once_warm():
    _, dossier = _received_dossier()
    form_render(form=FormKind.RECEIPT, dossier_id=dossier.pk, fmt="pdf")  # fonts loaded
    start = time.perf_counter()
    form_render(form=FormKind.RECEIPT, dossier_id=dossier.pk, fmt="pdf")
    assert time.perf_counter() - start < 2.0  # ~0.1 s here; generous for a shared CI machine


def test_unknown_format_and_non_dossier_form_are_refused():
    _, dossier = _received_dossier()
    with pytest.raises(ValueError, match="format"):
        form_render(form=FormKind.RECEIPT, dossier_id=dossier.pk, fmt="docx")  # type: ignore[call-overload]
    with pytest.raises(ValueError, match="not a dossier form"):
        form_render(form=FormKind.TRACKING_BOOK, dossier_id=dossier.pk, fmt="html")


def test_control_slip_lists_each_step_with_its_result_against_its_due_time(tmp_path):
    from motcua.processes.services.steps import dossier_step_advance, dossier_step_finish
    from motcua.processes.tests.helpers import world_with_process

    world, _, _ = world_with_process()
    _named(world.specialist, "Lê Văn", "Cường")
    _named(world.leader, "Phạm Thị", "Dung")
    dossier = receive_at(world)
    # appraisal due Thursday 05/03 08:00: done Tuesday (early); approval due 09/03: done late
    dossier_step_advance(
        dossier_id=dossier.pk, actor=world.officer, assignee_id=world.specialist.pk, now=LATER
    )
    dossier_step_advance(
        dossier_id=dossier.pk,
        actor=world.specialist,
        assignee_id=world.leader.pk,
        now=MONDAY + dt.timedelta(days=1),
    )
    dossier_step_finish(
        dossier_id=dossier.pk,
        actor=world.leader,
        result={},
        now=MONDAY + dt.timedelta(days=8),
    )
    pdf = form_render(
        form=FormKind.CONTROL_SLIP,
        dossier_id=dossier.pk,
        fmt="pdf",
        now=MONDAY + dt.timedelta(days=8),
    )
    assert isinstance(pdf, bytes)
    text = " ".join(pdf_lines(pdf, tmp_path))
    assert "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ" in text
    assert "Cơ quan (bộ phận) giải quyết hồ sơ: " in text
    html = form_render(
        form=FormKind.CONTROL_SLIP,
        dossier_id=dossier.pk,
        fmt="html",
        now=MONDAY + dt.timedelta(days=8),
    )
    assert "Kết quả giải quyết hồ sơ (trước hạn, đúng hạn, quá hạn)" in html
    rows = html.split("<tbody>")[1].split("</tbody>")[0].split("</tr>")
    assert "Trước hạn" in rows[1]
    assert "Thẩm định hồ sơ" in rows[1]
    assert "Quá hạn" in rows[2]
    assert "Phê duyệt" in rows[2]
    assert "Giao cho Lê Văn Cường lúc 10 giờ 00 phút, ngày 02/03/2026" in rows[1]


def receive_at(world):
    from motcua.dossiers.tests.factories import receive

    return receive(world, now=MONDAY)
