"""GET /api/v1/procedures/{code}: the full record, past versions, and the errors."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from motcua.catalog.models import (
    Channel,
    Fee,
    OnlineLevel,
    ProcedureChannel,
    RequiredDocument,
    TimeLimit,
    TimeLimitUnit,
)
from motcua.catalog.tests.factories import (
    ProcedureFactory,
    ProcedureVersionFactory,
    SectorFactory,
)
from motcua.organizations.tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _static_root(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path


def url(code: str) -> str:
    return f"/api/v1/procedures/{code}"


def days_ago(n: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=n)


STEPS = [
    {
        "TRUONGHOP": "",
        "TRINHTU": [{"TENTRINHTU": "Nộp hồ sơ"}, {"TENTRINHTU": "Nhận kết quả"}],
    }
]


def test_full_record_has_every_modelled_field(client):
    # given a version with every field filled, two channels, fees and documents in two cases
    agency = AgencyFactory(identifier="000.00.12.H29", name="UBND xã Tân Lập")
    version = ProcedureVersionFactory(
        procedure=ProcedureFactory(code="1.001193"),
        with_channel=False,
        effective_from=days_ago(30),
        name="Đăng ký khai sinh",
        national_id="abc-123",
        procedure_type="TTHC được luật giao quy định chi tiết",
        publication_decision="1872/QĐ-BTP",
        publication_decision_id="q-9",
        decision="Quyết định 1872/QĐ-BTP",
        publishing_agency_code="G09",
        national_status="Công khai",
        sector=SectorFactory(code="G09-TP-HT", name="Hộ tịch"),
        other_sectors=[{"MALINHVUC": "G09-TP-CT", "TENLINHVUC": "Chứng thực"}],
        levels=[{"TENCAP": "Cấp xã"}],
        applicant_types=[
            {"MADOITUONG": "1", "TENDOITUONG": "Công dân Việt Nam"},
            {"TENDOITUONG": "Người nước ngoài", "GHICHU": "unknown key"},
        ],
        applicant_description="Cha, mẹ hoặc người thân",
        description="Đăng ký khai sinh cho trẻ em",
        conditions="Không",
        reception_address="Bộ phận một cửa UBND xã",
        keywords="khai sinh",
        online_level=OnlineLevel.FULL,
        steps=STEPS,
        results=[
            {
                "MAKETQUA": "KQ1",
                "TENKETQUA": "Giấy khai sinh",
                "TENTEP": "mau-giay-khai-sinh.pdf",
                "URL": "https://example.org/gks.pdf",
            }
        ],
        legal_basis=[
            {
                "SOVANBAN": "60/2014/QH13",
                "TENVANBAN": "Luật Hộ tịch",
                "NGAYBANHANH": "20/11/2014",
                "NGAYHIEULUC": "01/01/2016",
                "COQUANBANHANH": "Quốc hội",
                "DIACHITRUYCAP": "https://vbpl.vn/60-2014-qh13",
            },
            {"SOVANBAN": "123/2015/NĐ-CP", "TENVANBAN": "Nghị định", "NGAYBANHANH": "2015"},
        ],
        related_codes=[{"MaTTHC": "1.000894", "TENTTHC": "Đăng ký kết hôn"}],
        inter_agency_codes=["1.001023"],
        implementing_agencies=[{"MADONVI": "000.00.12.H29", "TENDONVI": "UBND cấp xã"}],
        competent_agencies=[{"TENDONVI": "UBND cấp xã"}],
        authorized_agencies=[],
        coordinating_agencies=[{"TENDONVI": "Công an xã"}],
        implementing_agency_description="UBND xã nơi cư trú",
        competent_agency_description="",
    )
    version.agencies.add(agency)
    counter = ProcedureChannel.objects.create(
        version=version, position=0, channel=Channel.COUNTER, name="Trực tiếp"
    )
    same_day = TimeLimit.objects.create(
        channel=counter,
        position=0,
        amount=Decimal("0.5"),
        unit=TimeLimitUnit.WORKING_DAY,
        unit_label="Ngày làm việc",
        description="Trong ngày",
    )
    Fee.objects.create(
        time_limit=same_day,
        position=0,
        code="LP1",
        amount=Decimal(8000),
        currency_label="Đồng",
        description="Lệ phí đăng ký khai sinh",
    )
    Fee.objects.create(time_limit=same_day, position=1, amount=None, amount_label="Theo quy định")
    online = ProcedureChannel.objects.create(
        version=version, position=1, channel=Channel.ONLINE, name="Trực tuyến"
    )
    TimeLimit.objects.create(channel=online, position=0, amount=3, unit=TimeLimitUnit.WORKING_HOUR)
    RequiredDocument.objects.create(
        version=version,
        position=1,
        case="Trẻ bị bỏ rơi",
        case_position=1,
        name="Biên bản xác nhận",
        originals=1,
        copies=0,
    )
    RequiredDocument.objects.create(
        version=version,
        position=0,
        case="Thông thường",
        case_position=0,
        code="GT1",
        name="Tờ khai đăng ký khai sinh",
        originals=1,
        copies=2,
        template_name="Mẫu tờ khai",
        template_url="https://example.org/to-khai.docx",
    )

    # when
    response = client.get(url("1.001193"))

    # then
    assert response.status_code == 200
    assert response.json() == {
        "code": "1.001193",
        "url": "http://testserver/api/v1/procedures/1.001193",
        "name": "Đăng ký khai sinh",
        "version": {"number": 1, "effective_from": days_ago(30).isoformat(), "effective_to": None},
        "versions": [
            {"number": 1, "effective_from": days_ago(30).isoformat(), "effective_to": None}
        ],
        "national_id": "abc-123",
        "procedure_type": "TTHC được luật giao quy định chi tiết",
        "publication_decision": "1872/QĐ-BTP",
        "publication_decision_id": "q-9",
        "decision": "Quyết định 1872/QĐ-BTP",
        "publishing_agency_code": "G09",
        "national_status": "Công khai",
        "sector": {"code": "G09-TP-HT", "name": "Hộ tịch"},
        "other_sectors": [{"code": "G09-TP-CT", "name": "Chứng thực"}],
        "levels": ["Cấp xã"],
        "applicant_types": [
            {"code": "1", "name": "Công dân Việt Nam"},
            {"code": "", "name": "Người nước ngoài"},
        ],
        "applicant_description": "Cha, mẹ hoặc người thân",
        "description": "Đăng ký khai sinh cho trẻ em",
        "conditions": "Không",
        "reception_address": "Bộ phận một cửa UBND xã",
        "keywords": "khai sinh",
        "online_level": "full",
        "steps": [{"case": "", "steps": ["Nộp hồ sơ", "Nhận kết quả"]}],
        "results": [
            {
                "code": "KQ1",
                "name": "Giấy khai sinh",
                "file_name": "mau-giay-khai-sinh.pdf",
                "url": "https://example.org/gks.pdf",
            }
        ],
        "legal_basis": [
            {
                "number": "60/2014/QH13",
                "title": "Luật Hộ tịch",
                "issued_on": "2014-11-20",
                "effective_on": "2016-01-01",
                "issuer": "Quốc hội",
                "url": "https://vbpl.vn/60-2014-qh13",
            },
            {
                "number": "123/2015/NĐ-CP",
                "title": "Nghị định",
                "issued_on": None,  # "2015" is not a date
                "effective_on": None,
                "issuer": "",
                "url": "",
            },
        ],
        "related_codes": ["1.000894"],
        "inter_agency_codes": ["1.001023"],
        "agencies": [{"identifier": "000.00.12.H29", "name": "UBND xã Tân Lập"}],
        "implementing_agencies": [{"code": "000.00.12.H29", "name": "UBND cấp xã"}],
        "competent_agencies": [{"code": "", "name": "UBND cấp xã"}],
        "authorized_agencies": [],
        "coordinating_agencies": [{"code": "", "name": "Công an xã"}],
        "implementing_agency_description": "UBND xã nơi cư trú",
        "competent_agency_description": "",
        "channels": [
            {
                "channel": 1,
                "name": "Trực tiếp",
                "time_limits": [
                    {
                        "amount": 0.5,
                        "unit": "working_day",
                        "unit_label": "Ngày làm việc",
                        "description": "Trong ngày",
                        "fees": [
                            {
                                "code": "LP1",
                                "amount": 8000,
                                "amount_label": "",
                                "currency_label": "Đồng",
                                "description": "Lệ phí đăng ký khai sinh",
                                "file_name": "",
                                "url": "",
                            },
                            {
                                "code": "",
                                "amount": None,
                                "amount_label": "Theo quy định",
                                "currency_label": "",
                                "description": "",
                                "file_name": "",
                                "url": "",
                            },
                        ],
                    }
                ],
            },
            {
                "channel": 2,
                "name": "Trực tuyến",
                "time_limits": [
                    {
                        "amount": 3.0,
                        "unit": "working_hour",
                        "unit_label": "",
                        "description": "",
                        "fees": [],
                    }
                ],
            },
        ],
        "required_documents": [
            {
                "code": "GT1",
                "name": "Tờ khai đăng ký khai sinh",
                "case": "Thông thường",
                "case_position": 0,
                "originals": 1,
                "copies": 2,
                "template_name": "Mẫu tờ khai",
                "template_url": "https://example.org/to-khai.docx",
                "replacing_result_code": "",
            },
            {
                "code": "",
                "name": "Biên bản xác nhận",
                "case": "Trẻ bị bỏ rơi",
                "case_position": 1,
                "originals": 1,
                "copies": 0,
                "template_name": "",
                "template_url": "",
                "replacing_result_code": "",
            },
        ],
    }


@pytest.fixture
def two_versions():
    """Version 1 from 200 days ago, replaced by version 2 from 20 days ago."""
    procedure = ProcedureFactory(code="1.000948.H38")
    ProcedureVersionFactory(
        procedure=procedure,
        number=1,
        name="Cấp giấy phép xây dựng (cũ)",
        effective_from=days_ago(200),
        effective_to=days_ago(21),
    )
    ProcedureVersionFactory(
        procedure=procedure, number=2, name="Cấp giấy phép xây dựng", effective_from=days_ago(20)
    )
    return procedure


def test_today_reads_the_version_in_force_and_lists_every_version(client, two_versions):
    body = client.get(url("1.000948.H38")).json()

    assert body["name"] == "Cấp giấy phép xây dựng"
    assert body["version"]["number"] == 2
    assert [v["number"] for v in body["versions"]] == [1, 2]
    assert body["versions"][0]["effective_to"] == days_ago(21).isoformat()


def test_a_past_version_by_number_or_by_date(client, two_versions):
    by_number = client.get(url("1.000948.H38"), {"version": 1}).json()
    by_date = client.get(url("1.000948.H38"), {"on": days_ago(100).isoformat()}).json()

    assert by_number["name"] == by_date["name"] == "Cấp giấy phép xây dựng (cũ)"
    assert (
        by_number["version"]
        == by_date["version"]
        == {
            "number": 1,
            "effective_from": days_ago(200).isoformat(),
            "effective_to": days_ago(21).isoformat(),
        }
    )


@pytest.mark.parametrize("params", [{"version": 3}, {"on": "2000-01-01"}])
def test_no_such_version_is_404_procedure_version_not_found(client, two_versions, params):
    response = client.get(url("1.000948.H38"), params)

    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "procedure_version_not_found"


def test_unknown_code_is_404_procedure_not_found(client):
    ProcedureVersionFactory(procedure=ProcedureFactory(code="1.001193"))

    response = client.get(url("1.001194"))

    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["code"] == "procedure_not_found"
    assert body["status"] == 404
    assert "1.001194" in body["detail"]


@pytest.mark.parametrize("code", ["abc", "1.1193", "H29-240101-0001", "1.001193.h38", "4.001193"])
def test_malformed_code_is_400_invalid_procedure_code(client, code):
    response = client.get(url(code))

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "invalid_procedure_code"
    assert list(response.json()["errors"]) == ["code"]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"version": "0"}, "version"),
        ({"version": "two"}, "version"),
        ({"on": "29/11/2026"}, "on"),
        ({"version": "1", "on": "2025-01-01"}, "on"),
    ],
)
def test_bad_version_parameters_are_400_invalid_parameter(client, two_versions, params, field):
    response = client.get(url("1.000948.H38"), params)

    assert response.status_code == 400
    assert response.json()["code"] == "invalid_parameter"
    assert list(response.json()["errors"]) == [field]


def test_detail_query_count_is_fixed(client, django_assert_max_num_queries):
    version = ProcedureVersionFactory(procedure=ProcedureFactory(code="1.001193"))
    for position in range(1, 10):
        RequiredDocument.objects.create(version=version, position=position, name=f"Giấy {position}")
        ProcedureChannel.objects.create(version=version, position=position, channel=Channel.ONLINE)

    with django_assert_max_num_queries(7):
        response = client.get(url("1.001193"))

    assert len(response.json()["required_documents"]) == 10
    assert len(response.json()["channels"]) == 10
