import json
import time

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from motcua.catalog.models import Channel
from motcua.dossiers.lifecycle import DossierStatus
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.dossiers.selectors import DossierFilters, dossier_list_for_actor
from motcua.integration.models import IntakeRecord

from .intake_helpers import SECRET, URL, integration_client, packet, post_signed


@pytest.fixture(autouse=True)
def _secret(settings):
    settings.NATIONAL_PORTAL_INTAKE_SECRET = SECRET


@pytest.mark.django_db
def test_a_portal_dossier_becomes_a_new_dossier_seen_by_the_back_office(world):
    # given the portal's client and a signed packet
    client = integration_client()
    content = packet(world)
    # when it is posted
    response = post_signed(client, content)
    # then a dossier exists with status 1, channel online, from the national portal
    assert response.status_code == 201, response.content
    body = response.json()
    dossier = Dossier.objects.get(code=body["code"])
    assert body == {
        "code": dossier.code,
        "status": "new",
        "portal_dossier_id": "G22.99-250101-0001",
        "created": True,
    }
    assert (dossier.status, dossier.channel, dossier.via_national_portal) == (
        DossierStatus.NEW,
        Channel.ONLINE,
        True,
    )
    assert (dossier.applicant_name, dossier.applicant_identity_number) == (
        "Phạm Thị Bình",
        "001199004321",
    )
    assert (dossier.applicant_email, dossier.applicant_phone) == (
        "binh@example.vn",
        "0987654321",
    )
    assert dossier.applicant_address == "Thôn 2, xã Tân Lập"
    assert dossier.form_data == {"purpose": "Cấp mới"}
    assert dossier.applicant_user_id is None
    assert dossier.receiving_unit == world.reception
    assert dossier.procedure_version == world.version
    submitted = timezone.localtime(dossier.submitted_at).strftime("%Y%m%d%H%M%S")
    assert submitted == content["NgayNopHoSo"]  # when the applicant sent it on the portal
    assert IntakeRecord.objects.get(portal_dossier_id="G22.99-250101-0001").dossier == dossier
    event = DossierEvent.objects.get(dossier=dossier)
    assert (event.action, event.to_status, event.data["via_national_portal"]) == (
        "submit",
        1,
        True,
    )
    queue, _ = dossier_list_for_actor(
        actor=world.officer, filters=DossierFilters(status=[1]), now=timezone.now()
    )
    assert queue == [dossier]


@pytest.mark.django_db
def test_the_same_intake_twice_is_one_dossier(world):
    client = integration_client()
    first = post_signed(client, packet(world))
    second = post_signed(client, packet(world))
    assert (first.status_code, second.status_code) == (201, 200)
    assert second.json() == first.json() | {"created": False}
    assert Dossier.objects.count() == 1
    assert DossierEvent.objects.count() == 1


@pytest.mark.django_db
def test_the_same_portal_id_with_other_content_is_a_conflict(world):
    client = integration_client()
    post_signed(client, packet(world))
    response = post_signed(client, packet(world, ChuHoSo="Người khác"))
    assert response.status_code == 409
    assert response.json()["code"] == "intake_conflict"
    assert Dossier.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("missing", 401),
        ("wrong_secret", 401),
        ("too_old", 401),
        ("from_the_future", 401),
        ("body_changed", 401),
        ("malformed_header", 401),
    ],
)
def test_unsigned_or_badly_signed_intakes_are_refused(world, case, expected):
    client = integration_client()
    content = packet(world)
    now = int(time.time())
    if case == "missing":
        response = client.post(URL, data=content, format="json")
    elif case == "wrong_secret":
        response = post_signed(client, content, secret="not-the-secret")
    elif case == "too_old":
        response = post_signed(client, content, timestamp=now - 301)
    elif case == "from_the_future":
        response = post_signed(
            client, content, timestamp=now + 360
        )  # margin: the server reads its clock later
    elif case == "body_changed":
        signed = json.dumps(content).encode()
        tampered = json.dumps(content | {"ChuHoSo": "Kẻ gian"}).encode()
        from motcua.integration.retry import signature_header

        response = client.post(
            URL,
            data=tampered,
            content_type="application/json",
            HTTP_MOTCUA_SIGNATURE=signature_header(SECRET, str(now), signed),
        )
    else:
        response = client.post(URL, data=content, format="json", HTTP_MOTCUA_SIGNATURE="v1=abc")
    assert response.status_code == expected
    assert response.json()["code"] == "invalid_signature"
    assert Dossier.objects.count() == 0


@pytest.mark.django_db
def test_a_signature_inside_the_window_is_accepted(world):
    response = post_signed(integration_client(), packet(world), timestamp=int(time.time()) - 280)
    assert response.status_code == 201


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("caller", "status", "code"),
    [
        ("anonymous", 401, "not_authenticated"),
        ("bad_token", 401, "authentication_failed"),
        ("token_without_scope", 403, "insufficient_scope"),
        ("not_integration_client", 403, "not_integration_client"),
        ("portal", 201, None),
    ],
)
def test_authorization_matrix(world, caller, status, code):
    if caller == "anonymous":
        client = APIClient()
    elif caller == "bad_token":
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION="Bearer mct_nothing")
    elif caller == "token_without_scope":
        client = integration_client(scopes=["dossiers:read"])
    elif caller == "not_integration_client":
        client = integration_client(integrate=False)
    else:
        client = integration_client()
    response = post_signed(client, packet(world))
    assert response.status_code == status
    if code:
        assert response.json()["code"] == code
        assert Dossier.objects.count() == 0


@pytest.mark.django_db
def test_an_unconfigured_intake_refuses_everything(world, settings):
    settings.NATIONAL_PORTAL_INTAKE_SECRET = ""
    response = post_signed(integration_client(), packet(world), secret="")
    assert response.status_code == 503
    assert response.json()["code"] == "intake_not_configured"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"MaTTHC": "9.999999"}, "MaTTHC"),
        ({"MaDonVi": "000.00.99.H99"}, "MaDonVi"),
        ({"NgayNopHoSo": "2026-01-01"}, "NgayNopHoSo"),
        ({"LoaiDoiTuong": 7}, "LoaiDoiTuong"),
        ({"ChuHoSo": ""}, "ChuHoSo"),
        ({"Unexpected": 1}, "Unexpected"),
    ],
)
def test_invalid_packets_are_refused_with_the_field(world, changes, field):
    response = post_signed(integration_client(), packet(world, **changes))
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_intake"
    assert field in response.json()["errors"]
    assert Dossier.objects.count() == 0


@pytest.mark.django_db
def test_a_missing_field_is_named(world):
    content = packet(world)
    del content["DuLieuBieuMau"]
    response = post_signed(integration_client(), content)
    assert response.json()["errors"] == {"DuLieuBieuMau": ["missing"]}


@pytest.mark.django_db
def test_an_invalid_applicant_is_refused_by_the_dossier_rules(world):
    response = post_signed(integration_client(), packet(world, SoGiayToChuHoSo="12345"))
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_applicant"


@pytest.mark.django_db
def test_a_body_that_is_not_json_is_malformed(world):
    client = integration_client()
    response = post_signed(client, None, body=b"{not json")
    assert (response.status_code, response.json()["code"]) == (400, "malformed_request")
