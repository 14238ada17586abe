"""The Django admin lets an administrator browse and manage agencies, staff and procedures."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from motcua.catalog.models import ProcedureChannel, ProcedureVersion, TimeLimit
from motcua.catalog.services.importing import catalog_import
from motcua.catalog.tests.packets import full_record
from motcua.organizations.models import Agency, AgencyLevel, Unit
from motcua.organizations.services import agency_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("root", "root@example.org", "pw-123456")
    client.force_login(user)
    return client


@pytest.fixture
def tree():
    province = agency_create(
        identifier="000.00.00.H99", name="UBND tỉnh", level=AgencyLevel.PROVINCE
    )
    commune = agency_create(
        identifier="000.00.41.H99",
        name="UBND xã An Bình",
        level=AgencyLevel.COMMUNE,
        parent_id=province.pk,
    )
    Unit.objects.create(agency=commune, name="TTPVHCC xã", kind="reception")
    return province, commune


def test_changelists_and_change_pages_render(admin_client, tree):
    import datetime as dt

    catalog_import(records=[full_record()], effective_from=dt.date(2025, 7, 1))
    version = ProcedureVersion.objects.get()
    channel = ProcedureChannel.objects.filter(version=version)[0]
    limit = TimeLimit.objects.filter(channel=channel)[0]
    pages = [
        reverse("admin:organizations_agency_changelist"),
        reverse("admin:organizations_agency_change", args=[tree[1].pk]),
        reverse("admin:organizations_unit_changelist"),
        reverse("admin:organizations_staffrole_changelist"),
        reverse("admin:catalog_procedure_change", args=[version.procedure.pk]),
        reverse("admin:catalog_procedureversion_changelist"),
        reverse("admin:catalog_procedureversion_change", args=[version.pk]),
        reverse("admin:catalog_procedurechannel_change", args=[channel.pk]),
        reverse("admin:catalog_timelimit_change", args=[limit.pk]),
        reverse("admin:catalog_sector_changelist"),
    ]
    for page in pages:
        assert admin_client.get(page).status_code == 200, page
    listing = admin_client.get(reverse("admin:organizations_agency_changelist")).content.decode()
    assert "— UBND xã An Bình" in listing


def test_moving_an_agency_under_its_own_child_is_refused(admin_client, tree):
    province, commune = tree
    url = reverse("admin:organizations_agency_change", args=[province.pk])

    response = admin_client.post(
        url,
        {
            "identifier": province.identifier,
            "name": province.name,
            "level": province.level,
            "parent": commune.pk,
            "units-TOTAL_FORMS": "0",
            "units-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 200
    province.refresh_from_db()
    assert province.parent is None
    assert Agency.objects.get(pk=commune.pk).parent == province
