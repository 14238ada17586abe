import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command

from motcua.catalog.models import Procedure, ProcedureVersion
from motcua.catalog.tests.packets import full_record, minimal_record
from motcua.integration.national_portal.client import PortalClient, PortalConfig
from motcua.integration.services.catalog_sync import CatalogSyncFailedError, catalog_sync

JULY = dt.date(2026, 7, 1)


def put_procedures(portal, records):
    response = portal.http.put("/_control/procedures", json=records)
    response.raise_for_status()


@pytest.fixture
def client(portal):
    portal_client = PortalClient(PortalConfig.from_settings())
    yield portal_client
    portal_client.close()


@pytest.mark.django_db
def test_procedures_are_pulled_page_by_page_and_imported(portal, client):
    # 120 procedures: three pages of the portal's packet
    records = [full_record()] + [
        minimal_record(code=f"1.{n:06d}", name=f"Thủ tục {n}") for n in range(1, 120)
    ]
    put_procedures(portal, records)
    report = catalog_sync(client=client, effective_from=JULY)
    assert (report.total, len(report.created), report.errors) == (120, 120, [])
    assert Procedure.objects.count() == 120
    version = ProcedureVersion.objects.get(procedure__code="1.013225.H99")
    assert (version.number, version.effective_from) == (1, JULY)


@pytest.mark.django_db
def test_a_changed_procedure_becomes_a_new_version(portal, client):
    put_procedures(portal, [full_record(), minimal_record()])
    catalog_sync(client=client, effective_from=JULY)
    # the portal publishes a change of one procedure
    put_procedures(
        portal, [full_record(TENTTHC="Cấp giấy phép xây dựng (sửa đổi)"), minimal_record()]
    )
    report = catalog_sync(client=client, effective_from=JULY + dt.timedelta(days=30))
    assert (report.new_versions, report.unchanged) == (["1.013225.H99"], ["1.001193"])
    versions = list(
        ProcedureVersion.objects.filter(procedure__code="1.013225.H99")
        .order_by("number")
        .values_list("number", "name", "effective_from", "effective_to")
    )
    assert versions == [
        (1, full_record()["TENTTHC"], JULY, JULY + dt.timedelta(days=29)),
        (2, "Cấp giấy phép xây dựng (sửa đổi)", JULY + dt.timedelta(days=30), None),
    ]


@pytest.mark.django_db
def test_a_dry_run_writes_nothing(portal, client):
    put_procedures(portal, [minimal_record()])
    report = catalog_sync(client=client, effective_from=JULY, dry_run=True)
    assert (report.created, Procedure.objects.count()) == (["1.001193"], 0)


@pytest.mark.django_db
def test_an_unreachable_portal_is_reported(portal, client):
    portal.control("outage", seconds=30)
    with pytest.raises(CatalogSyncFailedError) as raised:
        catalog_sync(client=client, effective_from=JULY)
    assert raised.value.params["page"] == 1
    assert Procedure.objects.count() == 0


@pytest.mark.django_db
def test_a_wrong_api_key_is_reported(portal, settings):
    settings.NATIONAL_PORTAL_API_KEY = "wrong"
    with (
        PortalClient(PortalConfig.from_settings()) as client,
        pytest.raises(CatalogSyncFailedError, match="401"),
    ):
        catalog_sync(client=client, effective_from=JULY)


@pytest.mark.django_db
def test_the_command_reports_what_it_did(portal):
    put_procedures(portal, [minimal_record(), {"MaTTHC": "", "TENTTHC": ""}])
    out = io.StringIO()
    with pytest.raises(CommandError, match=r"data\[1\]: a record needs MaTTHC and TENTTHC"):
        # a record without code or name makes the page itself invalid
        call_command("catalog_sync", "--effective-from", "2026-07-01", stdout=out)
    put_procedures(portal, [minimal_record()])
    call_command("catalog_sync", "--effective-from", "2026-07-01", stdout=out)
    assert "1 record(s): 1 new, 0 new version(s), 0 unchanged, 0 rejected" in out.getvalue()
