"""The published lists read into our vocabulary (motcua.catalog.published): pure, no database."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from motcua.catalog.packet import parse_record
from motcua.catalog.published import (
    CodeName,
    LegalDocument,
    ResultDocument,
    StepGroup,
    agencies_read,
    applicant_types_read,
    legal_basis_read,
    levels_read,
    procedure_codes_read,
    published_date_parse,
    published_lists_read,
    results_read,
    sectors_read,
    steps_read,
)
from motcua.catalog.tests.packets import FULL_RECORD, REAL_PACKET, REAL_PACKET_MISSING


def test_every_list_of_a_full_packet_record_in_our_vocabulary():
    # given the packet record with every field, parsed as the importer does
    data = parse_record(FULL_RECORD, 0).data
    assert data is not None

    # when
    published = published_lists_read(data)

    # then
    assert published.levels == ["Cấp xã"]
    assert published.applicant_types == [
        CodeName(code="1", name="Công dân Việt Nam"),
        CodeName(code="2", name="Doanh nghiệp"),
    ]
    assert published.results == [
        ResultDocument(
            code="KQ.G16.000001",
            name="Giấy phép xây dựng",
            file_name="gpxd.pdf",
            url="https://example.gov.vn/gpxd.pdf",
        )
    ]
    assert published.legal_basis == [
        LegalDocument(
            number="50/2014/QH13",
            title="Luật Xây dựng",
            issued_on=dt.date(2014, 6, 18),
            effective_on=dt.date(2015, 1, 1),
            issuer="Quốc hội",
            url="https://vbpl.vn/50-2014-qh13",
        )
    ]
    assert published.related_codes == ["1.013229"]
    assert published.inter_agency_codes == ["1.013978"]
    assert published.implementing_agencies == [
        CodeName(code="000.00.41.H99", name="UBND xã An Bình")
    ]
    assert published.competent_agencies == [CodeName(code="000.00.41.H99", name="Chủ tịch UBND xã")]
    assert published.authorized_agencies == [CodeName(code="000.00.40.H99", name="Phòng Kinh tế")]
    assert published.coordinating_agencies == [CodeName(code="000.00.03.H99", name="Sở Xây dựng")]
    assert [group.case for group in published.steps] == [
        item["TRUONGHOP"] for item in FULL_RECORD["TRINHTUTHUCHIEN"]
    ]


def test_steps_by_case_with_loose_steps_first_and_empty_cases_left_out():
    items = [
        {"TRUONGHOP": "Trực tiếp", "TRINHTU": [{"TENTRINHTU": " Nộp hồ sơ "}, {"X": "y"}]},
        {"TRUONGHOP": "Không có bước", "TRINHTU": []},
        {"TENTRINHTU": "Bước rời"},
        "Bước dạng chuỗi",
    ]

    assert steps_read(items) == [
        StepGroup(case="", steps=["Bước rời", "Bước dạng chuỗi"]),
        StepGroup(case="Trực tiếp", steps=["Nộp hồ sơ"]),
    ]


def test_unknown_keys_are_dropped_and_nameless_items_left_out():
    assert levels_read([{"TENCAP": "Cấp tỉnh", "MACAP": "2"}, {"MACAP": "3"}, "Cấp xã"]) == [
        "Cấp tỉnh",
        "Cấp xã",
    ]
    assert applicant_types_read([{"MADOITUONG": "1"}, {"TENDOITUONG": "Tổ chức", "X": 1}]) == [
        CodeName(code="", name="Tổ chức")
    ]
    assert agencies_read(["UBND xã", {"MADONVI": 123, "TENDONVI": "Sở Tư pháp"}]) == [
        CodeName(code="", name="UBND xã"),
        CodeName(code="123", name="Sở Tư pháp"),
    ]
    assert sectors_read([{"MALINHVUC": "G09-TP-CT", "TENLINHVUC": "Chứng thực"}]) == [
        CodeName(code="G09-TP-CT", name="Chứng thực")
    ]
    assert results_read([{"MAKETQUA": "KQ1"}, {"TENKETQUA": "Giấy phép", "URL": True}]) == [
        ResultDocument(code="", name="Giấy phép", file_name="", url="")
    ]
    assert legal_basis_read([{"NGAYBANHANH": "01/01/2020"}, {"SOVANBAN": "1/2020/TT"}]) == [
        LegalDocument(
            number="1/2020/TT", title="", issued_on=None, effective_on=None, issuer="", url=""
        )
    ]
    assert procedure_codes_read(["1.000001", {"MATTHC": "1.000002"}, {"TENTTHC": "x"}]) == [
        "1.000001",
        "1.000002",
    ]


@pytest.mark.parametrize("value", [None, "", {}, [], [None, {}, [], ""]])
def test_missing_lists_read_as_empty(value):
    assert levels_read(value) == []
    assert steps_read(value) == []
    assert legal_basis_read(value) == []
    assert agencies_read(value) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("03/03/2021", dt.date(2021, 3, 3)),
        (" 1/7/2025 ", dt.date(2025, 7, 1)),
        ("2025-07-01", dt.date(2025, 7, 1)),
        ("31/02/2021", None),
        ("2015", None),
        ("07/2025", None),
        ("", None),
    ],
)
def test_published_dates(text, expected):
    assert published_date_parse(text) == expected


@given(st.dates(min_value=dt.date(1000, 1, 1)))
def test_a_published_date_reads_back_in_both_spellings(day):
    assert published_date_parse(day.strftime("%d/%m/%Y")) == day
    assert published_date_parse(day.isoformat()) == day


@given(st.text(max_size=20))
def test_any_text_is_a_date_or_none(text):
    assert published_date_parse(text) is None or isinstance(published_date_parse(text), dt.date)


@pytest.mark.skipif(not REAL_PACKET.exists(), reason=REAL_PACKET_MISSING)
def test_the_59_real_records_keep_every_name_and_date():
    records = json.loads(REAL_PACKET.read_text(encoding="utf-8"))
    for index, record in enumerate(records):
        data = parse_record(record, index).data
        assert data is not None
        published = published_lists_read(data)
        assert len(published.levels) == len(record.get("CAPTHUCHIEN", []))
        assert len(published.applicant_types) == len(record.get("DOITUONGTHUCHIEN", []))
        assert len(published.results) == len(record.get("KETQUATHUCHIEN", []))
        assert len(published.implementing_agencies) == len(record.get("COQUANTHUCHIEN", []))
        basis = record.get("CANCUPHAPLY", [])
        assert len(published.legal_basis) == len(basis)
        dated = [item for item in basis if item.get("NGAYBANHANH")]
        assert sum(d.issued_on is not None for d in published.legal_basis) == len(dated)
