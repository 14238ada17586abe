"""Authorization matrix: every back-office URL for every kind of user (STYLE.md §7)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from motcua.dossiers.lifecycle import DossierStatus
from motcua.dossiers.models import Dossier, DossierDocument
from motcua.dossiers.services import transitions as t
from motcua.dossiers.services.documents import dossier_document_add
from motcua.dossiers.tests.factories import make_world, receive
from motcua.organizations.models import Role, UnitKind
from motcua.organizations.tests.factories import StaffRoleFactory, UnitFactory, UserFactory
from motcua.processes.services.steps import dossier_step_advance

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

USERS = [
    "anonymous",
    "citizen",
    "reception",
    "assignee",
    "colleague",  # a specialist of the dossier's current unit, not assigned
    "consulted",  # a specialist of the consulted unit
    "leader",
    "admin",  # the agency's administrator (no reception or leader role)
    "other_agency",  # a reception officer of another agency
]


@pytest.fixture
def scene(world):
    other_unit = UnitFactory(agency=world.agency, kind=UnitKind.DEPARTMENT, name="Phòng phối hợp")
    consulted = StaffRoleFactory(unit=other_unit, role=Role.SPECIALIST).user
    other = make_world()
    dossier = receive(world)
    dossier_step_advance(
        dossier_id=dossier.pk, actor=world.officer, assignee_id=world.specialist.pk
    )
    t.dossier_consult(
        dossier_id=dossier.pk,
        actor=world.specialist,
        unit_id=other_unit.pk,
        answer_due_at=timezone.now() + dt.timedelta(days=3),
        question="Xin ý kiến",
    )
    document = dossier_document_add(
        dossier_id=dossier.pk,
        actor=world.specialist,
        upload=SimpleUploadedFile("a.pdf", PDF, "application/pdf"),
        name="a.pdf",
    )
    users = {
        "anonymous": None,
        "citizen": UserFactory(),
        "reception": world.officer,
        "assignee": world.specialist,
        "colleague": world.specialist2,
        "consulted": consulted,
        "leader": world.leader,
        "admin": world.admin,
        "other_agency": other.officer,
    }
    return world, Dossier.objects.get(pk=dossier.pk), document, users


def _get(client, user, url):
    if user is not None:
        client.force_login(user)
    response = client.get(url)
    response.close()  # a file response holds the file open until closed
    return response.status_code


EXPECTED_PAGES = {
    # url name: {user: status}
    "queue": {"anonymous": 302, "citizen": 403, **dict.fromkeys(USERS[2:], 200)},
    "reception": {"anonymous": 302, "citizen": 403, **dict.fromkeys(USERS[2:], 200)},
    "consultations": {"anonymous": 302, "citizen": 403, **dict.fromkeys(USERS[2:], 200)},
    "dossier": {
        "anonymous": 302,
        "citizen": 403,
        "reception": 200,
        "assignee": 200,
        "colleague": 200,
        "consulted": 404,
        "leader": 200,
        "admin": 404,
        "other_agency": 404,
    },
    "consultation": {
        "anonymous": 302,
        "citizen": 403,
        **dict.fromkeys(USERS[2:], 404),
        "consulted": 200,
    },
    "tracking-book": {
        "anonymous": 302,
        "citizen": 403,
        **dict.fromkeys(USERS[2:], 403),
        "reception": 200,
        "leader": 200,
        "other_agency": 200,
    },
    "agency-admin": {
        "anonymous": 302,
        "citizen": 403,
        **dict.fromkeys(USERS[2:], 403),
        "admin": 200,
    },
}


def _url(name, dossier, document, world):
    if name in ("dossier", "consultation"):
        return reverse(f"backoffice:{name}", args=[dossier.code])
    return reverse(f"backoffice:{name}")


@pytest.mark.parametrize("name", sorted(EXPECTED_PAGES))
@pytest.mark.parametrize("who", USERS)
def test_pages(client, scene, name, who):
    world, dossier, document, users = scene
    assert (
        _get(client, users[who], _url(name, dossier, document, world)) == EXPECTED_PAGES[name][who]
    )


SAME_AS_DOSSIER = ["form-pdf", "form-html", "print", "document"]


@pytest.mark.parametrize("which", SAME_AS_DOSSIER)
@pytest.mark.parametrize("who", USERS)
def test_dossier_files_follow_the_dossier_page(client, scene, which, who):
    _, dossier, document, users = scene
    urls = {
        "form-pdf": reverse("backoffice:form", args=[dossier.code, "receipt", "pdf"]),
        "form-html": reverse("backoffice:form", args=[dossier.code, "control-slip", "html"]),
        "print": reverse("backoffice:print", args=[dossier.code, "receipt"]),
        "document": reverse("backoffice:document", args=[dossier.code, document.pk]),
    }
    assert _get(client, users[who], urls[which]) == EXPECTED_PAGES["dossier"][who]


@pytest.mark.parametrize("who", USERS)
def test_process_edit_only_for_the_agencys_administrator(client, scene, who):
    world, _dossier, _document, users = scene
    url = reverse("backoffice:process-edit", args=[world.version.procedure_id])
    expected = EXPECTED_PAGES["agency-admin"][who]
    assert _get(client, users[who], url) == expected


@pytest.mark.parametrize("who", USERS)
def test_only_the_leader_stops_processing(client, scene, who):
    _, dossier, _document, users = scene
    if users[who] is not None:
        client.force_login(users[who])
    client.post(
        reverse("backoffice:action", args=[dossier.code, "stop"]),
        {"stop-reason": "Theo đề nghị", "stop-confirm": "on"},
    )
    dossier.refresh_from_db()
    expected = DossierStatus.STOPPED if who == "leader" else DossierStatus.PROCESSING
    assert dossier.status == expected


@pytest.mark.parametrize("who", USERS)
def test_bulk_assign_only_by_reception_or_leader(client, scene, who):
    world, _dossier, _document, users = scene
    fresh = receive(world)
    if users[who] is not None:
        client.force_login(users[who])
    client.post(
        reverse("backoffice:bulk-assign"), {"dossier": [fresh.pk], "assignee": world.specialist.pk}
    )
    fresh.refresh_from_db()
    assigned = who in ("reception", "leader")
    assert (fresh.assignee_id == world.specialist.pk) is assigned


def test_other_agencys_officials_see_none_of_its_dossiers(client, scene):
    _, dossier, _document, users = scene
    client.force_login(users["other_agency"])
    for queue in ("mine", "unit", "to-receive", "due-soon", "overdue", "supplement", "ready"):
        response = client.get(reverse("backoffice:queue"), {"queue": queue, "hours": 400})
        assert dossier.code not in response.content.decode()
    client.force_login(users["leader"])
    response = client.get(reverse("backoffice:queue"), {"queue": "overdue"})
    assert dossier.code in response.content.decode()


def test_the_consulted_unit_sees_only_its_part(client, scene):
    _, dossier, _document, users = scene
    client.force_login(users["consulted"])
    page = client.get(reverse("backoffice:consultation", args=[dossier.code])).content.decode()
    assert "Xin ý kiến" in page
    assert dossier.applicant_identity_number not in page
    assert dossier.applicant_phone not in page
    answered = client.post(
        reverse("backoffice:consultation", args=[dossier.code]), {"answer": "Thống nhất"}
    )
    assert answered.status_code == 302


@pytest.mark.parametrize("who", USERS)
def test_only_reception_assignee_or_leader_attach_files(client, scene, who):
    _, dossier, _document, users = scene
    if users[who] is not None:
        client.force_login(users[who])
    before = DossierDocument.objects.filter(dossier=dossier).count()
    client.post(
        reverse("backoffice:document-upload", args=[dossier.code]),
        {"file": SimpleUploadedFile("b.pdf", PDF, "application/pdf"), "kind": "supplement"},
    )
    added = DossierDocument.objects.filter(dossier=dossier).count() - before
    assert added == (1 if who in ("reception", "assignee", "leader") else 0)
