"""The national packet parser (pure): validation, mapping rules and the write-back."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from django.utils import translation

from motcua.catalog.packet import (
    PacketReadError,
    derive_sector_code,
    normalize_record,
    packet_load,
    parse_record,
)
from motcua.catalog.tests.packets import FULL_RECORD, full_record, minimal_record


@pytest.fixture(autouse=True)
def _english_messages():
    # messages are asserted in English (the msgids); LANGUAGE_CODE is Vietnamese
    with translation.override("en"):
        yield


def paths(result, severity):
    return [issue.path for issue in result.issues if issue.severity == severity]


def test_full_record_writes_back_unchanged():
    result = parse_record(full_record(), 0)

    assert result.errors == []
    assert result.data is not None
    assert result.data.to_packet() == normalize_record(FULL_RECORD)


def test_full_record_is_read_into_our_vocabulary():
    data = parse_record(full_record(), 0).data

    assert data is not None
    assert (data.code, data.sector_code, data.is_sector_code_derived) == (
        "1.013225.H99",
        "G16-XD01",
        False,
    )
    assert data.online_level == "full"
    assert [channel.channel for channel in data.channels] == [1, 2, 3]
    counter, online, postal = data.channels
    assert (counter.time_limits[0].amount, counter.time_limits[0].unit) == (
        Decimal(20),
        "calendar_day",
    )
    assert [(limit.amount, limit.unit) for limit in online.time_limits] == [
        (Decimal("12.5"), "working_day"),
        (Decimal(4), "working_hour"),
    ]
    assert postal.time_limits[0].amount is None
    assert counter.time_limits[0].fees[0].amount == Decimal(75000)
    assert online.time_limits[0].fees[0].amount_label == "Theo biểu phí"
    assert online.extra == {"UUTIEN": True}
    assert [(d.case_position, d.originals, d.copies) for d in data.documents] == [
        (0, 1, 0),
        (0, 0, 2),
        (1, 0, 0),
    ]
    assert data.extra == {"NGUON": FULL_RECORD["NGUON"]}


def test_clean_record_has_no_issues():
    result = parse_record(minimal_record(), 3)

    assert result.issues == []


@pytest.mark.parametrize(
    ("label", "unit"),
    [
        ("Ngày làm việc", "working_day"),
        ("Giờ", "working_hour"),
        ("Ngày", "calendar_day"),
        ("ngày LÀM VIỆC", "working_day"),
    ],
)
def test_time_unit_mapping(label, unit):
    record = minimal_record()
    record["CACHTHUCTHUCHIEN"][0]["THOIGIAN"][0]["DONVITINH"] = label

    data = parse_record(record, 0).data

    assert data is not None
    assert data.channels[0].time_limits[0].unit == unit
    assert data.channels[0].time_limits[0].unit_label == label


def test_missing_or_unknown_time_unit_is_a_warning():
    record = minimal_record()
    record["CACHTHUCTHUCHIEN"][0]["THOIGIAN"] = [
        {"THOIGIANGIAIQUYET": "5"},
        {"THOIGIANGIAIQUYET": "2", "DONVITINH": "Tháng"},
    ]

    result = parse_record(record, 0)

    assert result.data is not None
    assert [limit.unit for limit in result.data.channels[0].time_limits] == [
        "unspecified",
        "unspecified",
    ]
    assert paths(result, "warning") == [
        "CACHTHUCTHUCHIEN[0].THOIGIAN[0].DONVITINH",
        "CACHTHUCTHUCHIEN[0].THOIGIAN[1].DONVITINH",
    ]


@pytest.mark.parametrize("value", ["năm ngày", "5 ngày", "-1", [5], {"x": 1}, True])
def test_time_limit_not_a_number_rejects_the_record(value):
    record = minimal_record()
    record["CACHTHUCTHUCHIEN"][0]["THOIGIAN"][0]["THOIGIANGIAIQUYET"] = value

    result = parse_record(record, 7)

    assert result.data is None
    assert [(i.index, i.code, i.path) for i in result.errors] == [
        (7, "1.001193", "CACHTHUCTHUCHIEN[0].THOIGIAN[0].THOIGIANGIAIQUYET")
    ]


@pytest.mark.parametrize(
    ("value", "amount"), [("5", Decimal(5)), (5, Decimal(5)), (0.5, Decimal("0.5"))]
)
def test_time_limit_numbers(value, amount):
    record = minimal_record()
    record["CACHTHUCTHUCHIEN"][0]["THOIGIAN"][0]["THOIGIANGIAIQUYET"] = value

    data = parse_record(record, 0).data

    assert data is not None
    assert data.channels[0].time_limits[0].amount == amount


@pytest.mark.parametrize(
    ("changes", "path"),
    [
        ({"MaTTHC": None}, "MaTTHC"),
        ({"MaTTHC": ""}, "MaTTHC"),
        ({"MaTTHC": "4.000001"}, "MaTTHC"),
        ({"MaTTHC": "1.001193.h38"}, "MaTTHC"),
        ({"MaTTHC": ["1.001193"]}, "MaTTHC"),
        ({"TENTTHC": None}, "TENTTHC"),
        ({"TENTTHC": "   "}, "TENTTHC"),
        ({"TENTTHC": {"vi": "x"}}, "TENTTHC"),
        ({"TENTTHC": 12}, "TENTTHC"),
        ({"TRINHTUTHUCHIEN": "Nộp hồ sơ"}, "TRINHTUTHUCHIEN"),
        ({"CANCUPHAPLY": ["Luật Hộ tịch"]}, "CANCUPHAPLY[0]"),
        ({"TTHCLIENQUAN": "1.000001"}, "TTHCLIENQUAN"),
        ({"LINHVUCTHUCHIEN": [{"MALINHVUC": "HT"}]}, "LINHVUCTHUCHIEN[0].TENLINHVUC"),
        ({"MUCDOTRUCTUYEN": "Mức 4"}, "MUCDOTRUCTUYEN"),
        ({"SOQUYETDINHCONGBO": "x" * 256}, "SOQUYETDINHCONGBO"),
    ],
)
def test_malformed_record_is_rejected_with_its_field(changes, path):
    record = minimal_record()
    for key, value in changes.items():
        if value is None:
            record.pop(key)
        else:
            record[key] = value

    result = parse_record(record, 2)

    assert result.data is None
    assert path in paths(result, "error")
    assert {issue.index for issue in result.errors} == {2}


def test_malformed_nested_parts_are_rejected_with_their_path():
    record = minimal_record()
    record["CACHTHUCTHUCHIEN"].append({"KENH": "9", "TENKENH": "Fax", "THOIGIAN": []})
    record["THANHPHANHOSO"][0]["GIAYTO"].append({"TENGIAYTO": "Ảnh", "SOBANCHINH": "hai"})
    record["CACHTHUCTHUCHIEN"][0]["THOIGIAN"][0]["PHILEPHI"] = [{"SOTIEN": [1]}]

    result = parse_record(record, 0)

    assert result.data is None
    assert paths(result, "error") == [
        "CACHTHUCTHUCHIEN[0].THOIGIAN[0].PHILEPHI[0].SOTIEN",
        "CACHTHUCTHUCHIEN[1].KENH",
        "THANHPHANHOSO[0].GIAYTO[1].SOBANCHINH",
    ]


def test_not_an_object_is_rejected():
    result = parse_record(["1.001193"], 4)

    assert result.data is None
    assert [(issue.index, issue.path) for issue in result.errors] == [(4, "")]


def test_missing_optional_fields_are_warnings():
    result = parse_record({"MaTTHC": "1.001193", "TENTTHC": "Đăng ký khai sinh"}, 0)

    assert result.data is not None
    assert paths(result, "warning") == [
        "LINHVUCTHUCHIEN",
        "CACHTHUCTHUCHIEN",
        "THANHPHANHOSO",
        "TRINHTUTHUCHIEN",
        "DOITUONGTHUCHIEN",
        "COQUANTHUCHIEN",
    ]
    assert result.data.to_packet() == {"MaTTHC": "1.001193", "TENTTHC": "Đăng ký khai sinh"}


def test_sector_code_is_derived_when_missing():
    record = minimal_record()
    record["LINHVUCTHUCHIEN"] = [{"TENLINHVUC": "Hộ tịch"}]

    result = parse_record(record, 0)

    assert result.data is not None
    assert (result.data.sector_code, result.data.is_sector_code_derived) == ("LV-HO-TICH", True)
    assert paths(result, "warning") == ["LINHVUCTHUCHIEN[0].MALINHVUC"]
    assert result.data.to_packet()["LINHVUCTHUCHIEN"] == [{"TENLINHVUC": "Hộ tịch"}]


def test_derived_sector_codes_are_stable_and_fit():
    long_name = "Thu BHXH, BHYT, BHTN, BH tai nạn lao động, bệnh nghề nghiệp và các khoản khác"

    assert derive_sector_code(long_name) == derive_sector_code(long_name)
    assert len(derive_sector_code(long_name)) <= 50
    assert derive_sector_code(long_name) != derive_sector_code(long_name + " mới")


@pytest.mark.parametrize(
    ("channels", "explicit", "level"),
    [
        (["1", "3"], None, "none"),
        (["1", "2"], None, "partial"),
        (["1", "2"], "Toàn trình", "full"),
        (["1", "2"], "Một phần", "partial"),
        (["1"], "Không", "none"),
    ],
)
def test_online_level(channels, explicit, level):
    record = minimal_record()
    record["CACHTHUCTHUCHIEN"] = [
        {"KENH": kenh, "THOIGIAN": [{"THOIGIANGIAIQUYET": "1", "DONVITINH": "Ngày"}]}
        for kenh in channels
    ]
    if explicit:
        record["MUCDOTRUCTUYEN"] = explicit

    data = parse_record(record, 0).data

    assert data is not None
    assert data.online_level == level


def test_channel_code_from_its_name_is_a_warning():
    record = minimal_record()
    record["CACHTHUCTHUCHIEN"][0] = {
        "TENKENH": "Trực tuyến",
        "THOIGIAN": [{"THOIGIANGIAIQUYET": "1", "DONVITINH": "Ngày"}],
    }

    result = parse_record(record, 0)

    assert result.data is not None
    assert result.data.channels[0].channel == 2
    assert paths(result, "warning") == ["CACHTHUCTHUCHIEN[0].KENH"]


def fee_result(fee):
    record = minimal_record()
    record["CACHTHUCTHUCHIEN"][0]["THOIGIAN"][0]["PHILEPHI"] = [fee]
    return parse_record(record, 0)


def test_free_fee_whose_note_names_an_amount_is_a_warning():
    result = fee_result(
        {"SOTIEN": "0", "MOTA": "Miễn phí. - Lệ phí cấp giấy phép lái xe: 135.000 đồng/lần."}
    )

    assert result.data is not None
    assert result.data.channels[0].time_limits[0].fees[0].amount == Decimal(0)
    assert [issue.message for issue in result.warnings] == [
        "Fee shown as free (0) but its note names an amount (135,000)."
    ]


def test_fee_contradicted_by_its_note_is_a_warning():
    # 2.001610 on the national portal: "100 VNĐ" while the note says 100.000 đồng.
    result = fee_result({"SOTIEN": "100", "DONVI": "VNĐ", "MOTA": "Phí công bố: 100.000 đồng/lần"})

    assert [issue.message for issue in result.warnings] == [
        "Fee 100 VND disagrees with its note (100,000)."
    ]


def test_consistent_and_free_fees_have_no_warning():
    assert fee_result({"SOTIEN": "400000", "MOTA": "Lệ phí: 400.000đ/trường hợp"}).issues == []
    assert fee_result({"SOTIEN": "0", "MOTA": "Miễn phí"}).issues == []


def test_non_numeric_fee_is_kept_as_label():
    result = fee_result({"SOTIEN": "Theo biểu phí"})

    assert result.data is not None
    fee = result.data.channels[0].time_limits[0].fees[0]
    assert (fee.amount, fee.amount_label) == (None, "Theo biểu phí")
    assert paths(result, "warning") == ["CACHTHUCTHUCHIEN[0].THOIGIAN[0].PHILEPHI[0].SOTIEN"]


def test_fee_in_foreign_currency_is_a_warning():
    result = fee_result({"SOTIEN": "10", "DONVI": "USD/bản"})

    assert paths(result, "warning") == ["CACHTHUCTHUCHIEN[0].THOIGIAN[0].PHILEPHI[0].DONVI"]


def test_note_rows_in_the_document_table_are_kept_with_a_warning():
    record = minimal_record()
    record["THANHPHANHOSO"][0]["GIAYTO"].append(
        {
            "TENGIAYTO": "Trường hợp đã có dữ liệu thì không phải nộp",
            "SOBANCHINH": "0",
            "SOBANSAO": "0",
        }
    )

    result = parse_record(record, 0)

    assert result.data is not None
    assert len(result.data.documents) == 2
    assert paths(result, "warning") == ["THANHPHANHOSO[0].GIAYTO[1]"]


def test_content_hash_follows_the_content():
    first = parse_record(full_record(), 0).data
    again = parse_record(full_record(), 5).data
    changed = parse_record(full_record(TENTTHC="Cấp giấy phép xây dựng có thời hạn"), 0).data

    assert first is not None
    assert again is not None
    assert changed is not None
    assert first.content_hash() == again.content_hash()
    assert first.content_hash() != changed.content_hash()


def test_packet_load_reads_one_object_or_a_list(tmp_path):
    one = tmp_path / "one.json"
    one.write_text(json.dumps(minimal_record()), encoding="utf-8")
    many = tmp_path / "many.json"
    many.write_text(json.dumps([minimal_record(), minimal_record("1.000894")]), encoding="utf-8")

    assert [r["MaTTHC"] for r in packet_load(one)] == ["1.001193"]
    assert [r["MaTTHC"] for r in packet_load(many)] == ["1.001193", "1.000894"]


@pytest.mark.parametrize("content", ["{", '"text"', "", "\xff"])
def test_packet_load_rejects_what_is_not_a_packet(tmp_path, content):
    path = tmp_path / "bad.json"
    path.write_bytes(content.encode("latin-1"))

    with pytest.raises(PacketReadError):
        packet_load(path)


def test_packet_load_missing_file(tmp_path):
    with pytest.raises(PacketReadError):
        packet_load(tmp_path / "absent.json")
