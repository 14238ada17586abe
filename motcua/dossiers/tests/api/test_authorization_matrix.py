"""Every endpoint × every kind of caller → allowed or denied; a denial leaks nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from motcua.dossiers.models import DossierDocument
from motcua.dossiers.services.documents import dossier_document_add
from motcua.dossiers.tests.api.conftest import PDF, client_for

pytestmark = pytest.mark.django_db

KINDS = [
    "anonymous",
    "applicant_own",
    "applicant_other",
    "reception_same",
    "reception_other",
    "specialist_assigned",
    "specialist_unassigned",
    "leader",
    "machine_with_scope",
    "machine_without_scope",
]
READ = dict(zip(KINDS, [401, 200, 404, 200, 404, 200, 404, 200, 200, 403], strict=True))
# request_supplement on a dossier in processing: the reception officer or the assignee.
ACT = dict(zip(KINDS, [401, 403, 404, 200, 404, 200, 404, 403, 403, 403], strict=True))
# upload while processing: officials only (the applicant adds files only when asked).
UPLOAD = dict(zip(KINDS, [401, 403, 404, 201, 404, 201, 404, 201, 403, 403], strict=True))
CREATE = dict(zip(KINDS, [401, 201, 201, 201, 201, 201, 201, 201, 201, 403], strict=True))
LIST_SEES = dict(
    zip(KINDS, [None, True, False, True, False, True, False, True, True, None], strict=True)
)


def _document(world, dossier):
    return dossier_document_add(
        dossier_id=dossier.pk,
        actor=world.officer,
        upload=SimpleUploadedFile("a.pdf", PDF),
        name="a.pdf",
    )


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(
    "path",
    ["", "/events", "/documents", "/documents/{doc}"],
    ids=["detail", "events", "docs", "download"],
)
def test_reading_a_dossier(kind, path, world, other_world, machine, processing):
    document = _document(world, processing)
    client = client_for(kind, world, other_world, machine)
    url = f"/api/v1/dossiers/{processing.code}{path.format(doc=document.pk)}"
    response = client.get(url)
    assert response.status_code == READ[kind]
    if response.status_code == 200 and path == "/documents/{doc}":
        assert b"".join(response.streaming_content) == PDF
        response.close()
    if response.status_code == 404:
        # Exactly what a dossier that does not exist gets.
        missing = client.get(url.replace(processing.code, "000.00.01.H29-260302-9999"))
        assert (missing.status_code, missing.json()) == (404, response.json())
        assert response.json()["code"] == "dossier_not_found"
        assert processing.applicant_name not in response.content.decode()


@pytest.mark.parametrize("kind", KINDS)
def test_acting_on_a_dossier(kind, world, other_world, machine, processing):
    client = client_for(kind, world, other_world, machine)
    response = client.post(
        f"/api/v1/dossiers/{processing.code}/actions/request_supplement",
        {"reason": "Thiếu bản sao", "missing_documents": ["Bản sao CCCD"]},
        format="json",
    )
    assert response.status_code == ACT[kind]
    processing.refresh_from_db()
    assert processing.status == (5 if ACT[kind] == 200 else 4)
    if response.status_code == 404:
        missing = client.post(
            "/api/v1/dossiers/000.00.01.H29-260302-9999/actions/request_supplement",
            {"reason": "Thiếu bản sao", "missing_documents": ["Bản sao CCCD"]},
            format="json",
        )
        assert (missing.status_code, missing.json()) == (404, response.json())


@pytest.mark.parametrize("kind", KINDS)
def test_uploading_to_a_dossier(kind, world, other_world, machine, processing):
    client = client_for(kind, world, other_world, machine)
    response = client.post(
        f"/api/v1/dossiers/{processing.code}/documents",
        {"file": SimpleUploadedFile("giay-to.pdf", PDF)},
        format="multipart",
    )
    assert response.status_code == UPLOAD[kind]
    assert DossierDocument.objects.count() == (1 if UPLOAD[kind] == 201 else 0)


@pytest.mark.parametrize("kind", KINDS)
def test_listing_dossiers(kind, world, other_world, machine, processing):
    client = client_for(kind, world, other_world, machine)
    response = client.get("/api/v1/dossiers")
    if LIST_SEES[kind] is None:
        assert response.status_code in (401, 403)
        return
    assert response.status_code == 200
    codes = [d["code"] for d in response.json()["results"]]
    assert (processing.code in codes) is LIST_SEES[kind]


@pytest.mark.parametrize("kind", KINDS)
def test_creating_a_dossier(kind, world, other_world, machine):
    client = client_for(kind, world, other_world, machine)
    response = client.post(
        "/api/v1/dossiers",
        {
            "procedure_version": world.version.pk,
            "receiving_unit": world.reception.pk,
            "applicant": {
                "kind": "person",
                "name": "Trần Thị B",
                "identity_number": "079190000001",
            },
        },
        format="json",
    )
    assert response.status_code == CREATE[kind]


@pytest.mark.parametrize("kind", KINDS)
def test_anonymous_lookup_shows_only_the_public_status(
    kind, world, other_world, machine, processing
):
    client = client_for(kind, world, other_world, machine)
    response = client.get(f"/api/v1/lookup/{processing.code}")
    assert response.status_code == 200
    assert response.json() == {
        "code": processing.code,
        "status_code": 4,
        "status": "processing",
        "due_at": timezone.localtime(processing.due_at).isoformat(),  # with +07:00
    }
