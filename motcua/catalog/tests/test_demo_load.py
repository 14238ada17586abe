"""``demo_load``: the demo province and catalog, loaded through the importer, idempotently."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from motcua.catalog.models import (
    Fee,
    ProcedureChannel,
    ProcedureVersion,
    RequiredDocument,
    Sector,
    TimeLimit,
)
from motcua.catalog.packet import packet_load, parse_record
from motcua.catalog.services.demo import DEMO_PACKET
from motcua.organizations.demo import DEMO_PASSWORD
from motcua.organizations.models import Agency, AgencyLevel, Role, StaffRole, Unit, UnitKind

pytestmark = pytest.mark.django_db

MODELS = (
    Agency,
    Unit,
    StaffRole,
    Sector,
    ProcedureVersion,
    ProcedureChannel,
    TimeLimit,
    Fee,
    RequiredDocument,
)


def load():
    out = StringIO()
    call_command("demo_load", stdout=out, stderr=StringIO())
    return out.getvalue()


def snapshot():
    user_model = get_user_model()
    rows: dict[str, list[Any]] = {
        model.__name__: sorted(model.objects.values_list("pk", flat=True)) for model in MODELS
    }
    rows["users"] = sorted(user_model.objects.values_list("username", "password", "last_login"))
    rows["links"] = sorted(ProcedureVersion.agencies.through.objects.values_list("pk", flat=True))
    rows["agencies"] = sorted(
        Agency.objects.values_list("identifier", "name", "parent_id", "updated_at")
    )
    return rows


def test_demo_load_twice_changes_nothing():
    load()
    before = snapshot()

    output = load()

    assert snapshot() == before
    assert "0 created, 0 new version(s), 53 unchanged" in output


def test_demo_province_has_departments_communes_and_every_role():
    output = load()

    province = Agency.objects.get(identifier="000.00.00.H99")
    departments = Agency.objects.filter(parent=province, level=AgencyLevel.DEPARTMENT)
    communes = Agency.objects.filter(parent=province, level=AgencyLevel.COMMUNE)
    assert departments.count() >= 3
    assert {"Sở Tư pháp", "Sở Xây dựng", "Sở Tài chính"} <= set(
        departments.values_list("name", flat=True)
    )
    assert communes.count() >= 5
    for agency in [province, *communes]:
        assert agency.units.filter(kind=UnitKind.RECEPTION).count() == 1, agency
        assert agency.units.filter(kind=UnitKind.DEPARTMENT).exists(), agency
    assert set(StaffRole.objects.values_list("role", flat=True)) == set(Role.values)
    for agency in [*departments, *communes]:
        roles = set(StaffRole.objects.filter(unit__agency=agency).values_list("role", flat=True))
        assert {Role.SPECIALIST, Role.LEADER, Role.AGENCY_ADMIN} <= roles, agency
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser
    assert admin.check_password(DEMO_PASSWORD)
    officer = StaffRole.objects.filter(role=Role.RECEPTION_OFFICER).first()
    assert officer is not None
    assert officer.user.check_password(DEMO_PASSWORD)
    assert f"  {officer.user.username} " in output
    assert DEMO_PASSWORD in output


def test_demo_catalog_is_real_and_complete():
    load()

    versions = ProcedureVersion.objects.select_related("procedure", "sector")
    assert versions.count() >= 40
    assert Sector.objects.filter(versions__isnull=False).distinct().count() >= 8
    names = {v.procedure.code: v.name for v in versions}
    assert names["1.001193"] == "Thủ tục đăng ký khai sinh"
    assert names["1.001612"] == "Đăng ký thành lập hộ kinh doanh"
    assert names["3.000333"].startswith("Cấp Phiếu Lý lịch tư pháp")
    assert names["2.000815"].startswith("Chứng thực bản sao từ bản chính")
    assert any(name.startswith("Cấp giấy phép xây dựng") for name in names.values())
    for version in versions:
        limits = TimeLimit.objects.filter(channel__version=version, amount__isnull=False)
        assert limits.exists(), version
        assert version.required_documents.exists(), version
        assert version.agencies.exists(), version
    assert Fee.objects.filter(amount__gt=0).exists()


def test_demo_links_procedures_to_agencies():
    load()

    birth = ProcedureVersion.objects.get(procedure__code="1.001193")
    commune_count = Agency.objects.filter(level=AgencyLevel.COMMUNE).count()
    assert birth.agencies.filter(level=AgencyLevel.COMMUNE).count() == commune_count
    record = ProcedureVersion.objects.get(procedure__code="3.000333")  # province level only
    assert list(record.agencies.values_list("name", flat=True)) == ["Sở Tư pháp"]


def test_demo_packet_is_clean_and_our_own():
    records = packet_load(DEMO_PACKET)

    assert [parse_record(record, i).issues for i, record in enumerate(records)] == [[]] * len(
        records
    )
    assert all("NGUON" not in record for record in records)
