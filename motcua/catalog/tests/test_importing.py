"""Importing the national packet: versions, idempotency, dry run, strict mode, agency links."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from motcua.catalog.models import (
    Fee,
    OnlineLevel,
    Procedure,
    ProcedureChannel,
    ProcedureVersion,
    RequiredDocument,
    Sector,
    TimeLimit,
    TimeLimitUnit,
)
from motcua.catalog.packet import normalize_record
from motcua.catalog.search import search_text_for
from motcua.catalog.services.exporting import catalog_export
from motcua.catalog.services.importing import catalog_import
from motcua.catalog.tests.packets import FULL_RECORD, full_record, minimal_record
from motcua.organizations.tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db

JULY = dt.date(2025, 7, 1)
AUGUST = dt.date(2025, 8, 1)


def row_counts():
    return {
        model.__name__: model.objects.count()
        for model in (
            Sector,
            Procedure,
            ProcedureVersion,
            ProcedureChannel,
            TimeLimit,
            Fee,
            RequiredDocument,
        )
    }


def test_import_creates_the_procedure_and_its_rows():
    report = catalog_import(records=[full_record()], effective_from=JULY)

    assert report.created == ["1.013225.H99"]
    assert report.errors == []
    version = ProcedureVersion.objects.get(procedure__code="1.013225.H99")
    assert (version.number, version.effective_from, version.effective_to) == (1, JULY, None)
    assert version.sector.code == "G16-XD01"
    assert version.online_level == OnlineLevel.FULL
    assert version.publication_decision == "1234/QĐ-UBND"
    assert version.extra == {"NGUON": FULL_RECORD["NGUON"]}
    assert version.search_text == search_text_for(
        code="1.013225.H99",
        name=FULL_RECORD["TENTTHC"],
        sector_name="Hoạt động xây dựng",
        keywords=["giấy phép xây dựng; xây nhà"],
    )
    assert list(version.channels.values_list("channel", flat=True)) == [1, 2, 3]
    limits = TimeLimit.objects.filter(channel__version=version)
    assert [(limit.amount, limit.unit) for limit in limits] == [
        (Decimal(20), TimeLimitUnit.CALENDAR_DAY),
        (Decimal("12.5"), TimeLimitUnit.WORKING_DAY),
        (Decimal(4), TimeLimitUnit.WORKING_HOUR),
        (None, TimeLimitUnit.UNSPECIFIED),
    ]
    assert list(
        Fee.objects.filter(time_limit__channel__version=version).values_list(
            "amount", "amount_label"
        )
    ) == [(Decimal(75000), ""), (None, "Theo biểu phí")]
    assert version.required_documents.count() == 3


def test_import_twice_changes_nothing():
    catalog_import(records=[full_record(), minimal_record()], effective_from=JULY)
    before = row_counts()

    report = catalog_import(records=[full_record(), minimal_record()], effective_from=AUGUST)

    assert (report.created, report.new_versions) == ([], [])
    assert report.unchanged == ["1.013225.H99", "1.001193"]
    assert row_counts() == before
    assert ProcedureVersion.objects.get(procedure__code="1.001193").effective_to is None


def test_changed_record_becomes_a_new_version():
    catalog_import(records=[full_record()], effective_from=JULY)

    report = catalog_import(
        records=[full_record(TENTTHC="Cấp giấy phép xây dựng (sửa đổi)")], effective_from=AUGUST
    )

    assert report.new_versions == ["1.013225.H99"]
    first, second = ProcedureVersion.objects.filter(procedure__code="1.013225.H99").order_by(
        "number"
    )
    assert (first.effective_from, first.effective_to) == (JULY, dt.date(2025, 7, 31))
    assert (second.number, second.effective_from, second.effective_to) == (2, AUGUST, None)
    assert second.name == "Cấp giấy phép xây dựng (sửa đổi)"
    assert first.name == FULL_RECORD["TENTTHC"]
    assert second.channels.count() == 3
    assert first.channels.count() == 3


def test_change_on_the_same_day_supersedes_the_version():
    catalog_import(records=[minimal_record()], effective_from=JULY)

    catalog_import(records=[minimal_record(name="Đăng ký khai sinh (mới)")], effective_from=JULY)

    versions = ProcedureVersion.objects.order_by("number")
    assert [(v.number, v.effective_from, v.effective_to) for v in versions] == [
        (1, JULY, JULY),
        (2, JULY, None),
    ]


def test_change_effective_before_the_latest_version_is_rejected():
    catalog_import(records=[minimal_record()], effective_from=AUGUST)

    report = catalog_import(records=[minimal_record(name="Khác")], effective_from=JULY)

    assert report.rejected_indexes == [0]
    assert ProcedureVersion.objects.count() == 1


def test_dry_run_reports_and_writes_nothing():
    report = catalog_import(
        records=[full_record(), minimal_record(), {"MaTTHC": "x"}],
        effective_from=JULY,
        dry_run=True,
    )

    assert report.created == ["1.013225.H99", "1.001193"]
    assert report.rejected_indexes == [2]
    assert row_counts() == dict.fromkeys(row_counts(), 0)


def test_valid_records_are_imported_and_rejected_ones_listed():
    bad_limit = minimal_record("1.000894", "Đăng ký kết hôn")
    bad_limit["CACHTHUCTHUCHIEN"][0]["THOIGIAN"][0]["THOIGIANGIAIQUYET"] = "ba ngày"

    report = catalog_import(
        records=[minimal_record(), bad_limit, {"TENTTHC": "Không mã"}, full_record()],
        effective_from=JULY,
    )

    assert report.rejected_indexes == [1, 2]
    assert [(i.index, i.path) for i in report.errors] == [
        (1, "CACHTHUCTHUCHIEN[0].THOIGIAN[0].THOIGIANGIAIQUYET"),
        (2, "MaTTHC"),
    ]
    assert sorted(Procedure.objects.values_list("code", flat=True)) == ["1.001193", "1.013225.H99"]
    assert {issue.index for issue in report.warnings} == {3}


def test_strict_mode_aborts_on_a_warning():
    report = catalog_import(
        records=[minimal_record(), full_record()], effective_from=JULY, strict=True
    )

    assert report.aborted is True
    assert report.warnings
    assert Procedure.objects.count() == 0


def test_strict_mode_imports_clean_records():
    report = catalog_import(
        records=[minimal_record(), minimal_record("1.000894", "Đăng ký kết hôn")],
        effective_from=JULY,
        strict=True,
    )

    assert (report.aborted, report.created) == (False, ["1.001193", "1.000894"])
    assert Procedure.objects.count() == 2


def test_code_twice_in_one_file_is_rejected():
    report = catalog_import(
        records=[minimal_record(), minimal_record(name="Khác")], effective_from=JULY
    )

    assert report.rejected_indexes == [1]
    assert ProcedureVersion.objects.get().name == "Đăng ký khai sinh"


def test_sector_keeps_its_first_name():
    catalog_import(records=[minimal_record()], effective_from=JULY)
    other = minimal_record("1.000894", "Đăng ký kết hôn")
    other["LINHVUCTHUCHIEN"] = [{"MALINHVUC": "HT", "TENLINHVUC": "Hộ tịch (mới)"}]

    report = catalog_import(records=[other], effective_from=JULY)

    assert [issue.path for issue in report.warnings] == ["LINHVUCTHUCHIEN[0].TENLINHVUC"]
    assert Sector.objects.get(code="HT").name == "Hộ tịch"


def test_agencies_named_by_identifier_are_linked_and_kept_by_new_versions():
    commune = AgencyFactory(identifier="000.00.41.H99", name="UBND xã An Bình")
    department = AgencyFactory(identifier="000.00.03.H99", name="Sở Xây dựng")
    catalog_import(records=[full_record()], effective_from=JULY)
    first = ProcedureVersion.objects.get()
    first.agencies.add(department)

    catalog_import(records=[full_record(TENTTHC="Cấp giấy phép xây dựng")], effective_from=AUGUST)

    latest = ProcedureVersion.objects.get(number=2)
    assert set(latest.agencies.all()) == {commune, department}


def test_export_of_an_import_gives_the_packet_back():
    records = [full_record(), minimal_record()]
    catalog_import(records=records, effective_from=JULY)

    exported = catalog_export(on=JULY)

    assert exported == sorted(
        (normalize_record(record) for record in records), key=lambda r: r["MaTTHC"]
    )


def test_export_gives_the_version_in_force():
    catalog_import(records=[minimal_record()], effective_from=JULY)
    catalog_import(records=[minimal_record(name="Đăng ký khai sinh (mới)")], effective_from=AUGUST)

    assert [r["TENTTHC"] for r in catalog_export(on=dt.date(2025, 7, 15))] == ["Đăng ký khai sinh"]
    assert [r["TENTTHC"] for r in catalog_export(on=AUGUST)] == ["Đăng ký khai sinh (mới)"]
    assert catalog_export(on=dt.date(2025, 6, 30)) == []
