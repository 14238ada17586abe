"""The real 59 procedures from the national portal import completely and export back."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter

import pytest
from django.utils import translation

from motcua.catalog.models import ProcedureVersion, TimeLimitUnit
from motcua.catalog.packet import normalize_record, packet_load
from motcua.catalog.services.exporting import catalog_export
from motcua.catalog.services.importing import catalog_import
from motcua.catalog.tests.packets import REAL_PACKET, REAL_PACKET_MISSING

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not REAL_PACKET.exists(), reason=REAL_PACKET_MISSING),
]

JULY = dt.date(2025, 7, 1)


@pytest.fixture(autouse=True)
def _english_messages():
    # messages are asserted in English (the msgids); LANGUAGE_CODE is Vietnamese
    with translation.override("en"):
        yield


@pytest.fixture(scope="module")
def records():
    return packet_load(REAL_PACKET)


def test_all_59_import_with_warnings_where_data_is_incomplete(records):
    report = catalog_import(records=records, effective_from=JULY)

    assert report.errors == []
    assert len(report.created) == len(records) == 59
    assert ProcedureVersion.objects.count() == 59
    warned = Counter(issue.message.split(" ")[0] for issue in report.warnings)
    assert warned["Sector"] == 59  # the portal publishes no sector codes
    by_code = {
        issue.code: issue for issue in report.warnings if issue.message.startswith("Fee 100 ")
    }
    assert set(by_code) == {"2.001610"}  # "100 VNĐ" while the note says 100.000 đồng
    unit_missing = {issue.code for issue in report.warnings if issue.path.endswith(".DONVITINH")}
    assert unit_missing == set(
        ProcedureVersion.objects.filter(
            channels__time_limits__unit=TimeLimitUnit.UNSPECIFIED,
            channels__time_limits__amount__isnull=False,
        ).values_list("procedure__code", flat=True)
    )
    assert len(unit_missing) == 13


def test_import_is_idempotent(records):
    catalog_import(records=records, effective_from=JULY)

    report = catalog_import(records=records, effective_from=dt.date(2025, 8, 1))

    assert len(report.unchanged) == 59
    assert ProcedureVersion.objects.count() == 59


def test_export_gives_the_portal_records_back(records):
    catalog_import(records=records, effective_from=JULY)

    exported = catalog_export(on=JULY)

    expected = sorted((normalize_record(r) for r in records), key=lambda r: r["MaTTHC"])
    assert len(exported) == 59
    for got, want in zip(exported, expected, strict=True):
        assert json.dumps(got, ensure_ascii=False, sort_keys=True) == json.dumps(
            want, ensure_ascii=False, sort_keys=True
        ), want["MaTTHC"]
