"""Mẫu 01 (receipt and appointment): exact text of the PDF, its QR code, the A5 page."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from motcua.dossiers.tests.factories import MONDAY, make_world, receive, submit
from motcua.official_forms.kinds import FormKind
from motcua.official_forms.services import form_render
from motcua.official_forms.tests.pdftools import pdf_lines, pdf_page_size_mm, pdf_qr_codes

pytestmark = pytest.mark.django_db


def _received_dossier():
    world = make_world(identifier="000.00.41.H97")
    world.agency.name = "Ủy ban nhân dân xã Tân An"
    world.agency.save(update_fields=["name"])
    world.reception.name = "Trung tâm Phục vụ hành chính công xã Tân An"
    world.reception.save(update_fields=["name"])
    world.officer.first_name, world.officer.last_name = "Bình", "Trần Thị"
    world.officer.save(update_fields=["first_name", "last_name"])
    return world, receive(world, now=MONDAY)


def test_receipt_pdf_text_is_exact(tmp_path):
    # given
    world, dossier = _received_dossier()
    # when
    pdf = form_render(form=FormKind.RECEIPT, dossier_id=dossier.pk, fmt="pdf")
    # then
    assert pdf_lines(pdf, tmp_path) == [
        "ỦY BAN NHÂN DÂN XÃ TÂN AN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH Độc lập - Tự do - Hạnh phúc",
        "CÔNG XÃ TÂN AN",
        f"Mã hồ sơ: {dossier.code}",
        "Ngày 02 tháng 03 năm 2026",
        "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
        "Quyển số: 2026, số thứ tự: 1",
        "Bộ phận tiếp nhận: Trung tâm Phục vụ hành chính công xã Tân An",
        "Tiếp nhận hồ sơ của: Nguyễn Văn An",
        "Số định danh cá nhân/Mã số doanh nghiệp: 001203012345",
        "Địa chỉ: Số 1, Hà Nội",
        "Số điện thoại: 0912345678",
        "Thư điện tử: an@example.vn",
        f"Nội dung yêu cầu giải quyết: {world.version.name}",
        "1. Thành phần hồ sơ nộp gồm:",
        "TT Tên giấy tờ Bản chính Bản sao",
        "1 Tờ khai theo mẫu 1 0",
        "2. Số lượng hồ sơ: 01 bộ",
        "3. Thời gian giải quyết hồ sơ theo quy định: 5 ngày làm việc",
        "4. Thời gian nhận hồ sơ: 08 giờ 00 phút, ngày 02/03/2026",
        "5. Thời gian trả kết quả giải quyết hồ sơ: 08 giờ 00 phút, ngày 09/03/2026",
        "6. Phí, lệ phí: 50.000 đồng",
        "NGƯỜI NỘP HỒ SƠ NGƯỜI TIẾP NHẬN",
        "(Ký và ghi rõ họ tên) (Ký và ghi rõ họ tên)",
        "Nguyễn Văn An Trần Thị Bình",
        "Phát hành bởi Hệ thống thông tin một cửa điện tử",
    ]


def test_receipt_qr_code_carries_the_circular_fields(tmp_path):
    # given
    world, dossier = _received_dossier()
    # when
    pdf = form_render(form=FormKind.RECEIPT, dossier_id=dossier.pk, fmt="pdf")
    # then
    [text] = pdf_qr_codes(pdf, tmp_path)
    assert json.loads(text) == {
        "dossier_code": dossier.code,
        "procedure_code": world.version.procedure.code,
        "applicant_identity": "001203012345",
        "document_name": "Giấy tiếp nhận hồ sơ và hẹn trả kết quả",
        "issuing_system": "Hệ thống thông tin một cửa điện tử",
        "issued_at": "2026-03-02T08:00:00+07:00",
        "appointment_at": "2026-03-09T08:00:00+07:00",
    }


def test_receipt_is_a5(tmp_path):
    _, dossier = _received_dossier()
    pdf = form_render(form=FormKind.RECEIPT, dossier_id=dossier.pk, fmt="pdf")
    assert pdf_page_size_mm(pdf, tmp_path) == (148, 210)


def test_receipt_html_is_the_printable_page_without_embedded_font_paths():
    _, dossier = _received_dossier()
    html = form_render(form=FormKind.RECEIPT, dossier_id=dossier.pk, fmt="html")
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in html
    assert dossier.code in html
    assert "file://" not in html
    assert "size: A5" in html


def test_receipts_are_numbered_through_the_year_in_the_units_book():
    world, first = _received_dossier()
    second = receive(world, now=MONDAY + dt.timedelta(hours=1))
    html = form_render(form=FormKind.RECEIPT, dossier_id=second.pk, fmt="html")
    assert "Quyển số: 2026, số thứ tự: 2" in html
    next_year = receive(world, now=MONDAY.replace(year=2027, month=1, day=4))
    html = form_render(form=FormKind.RECEIPT, dossier_id=next_year.pk, fmt="html")
    assert "Quyển số: 2027, số thứ tự: 1" in html
    assert first.pk != second.pk


def test_receipt_of_an_online_dossier_not_yet_received_states_the_procedures_limit():
    # given an online submission the reception unit has not received yet
    world = make_world(identifier="000.00.42.H97")
    dossier = submit(world, now=MONDAY)
    assert dossier.limit_amount is None
    # when
    html = form_render(form=FormKind.RECEIPT, dossier_id=dossier.pk, fmt="html")
    # then the limit the law sets for the procedure is printed, never "no time limit"
    assert "3. Thời gian giải quyết hồ sơ theo quy định: 5 ngày làm việc" in html
