import datetime as dt
import itertools
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, connections
from rest_framework.test import APIClient

from motcua.dossiers.lifecycle import DossierStatus
from motcua.dossiers.models import Dossier, DossierDocument, DossierEvent
from motcua.dossiers.tests.api.conftest import PDF, PNG
from motcua.dossiers.tests.factories import dossier_in, submit

pytestmark = pytest.mark.django_db


def as_user(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def create_body(world, **extra):
    return {
        "procedure_version": world.version.pk,
        "receiving_unit": world.reception.pk,
        "applicant": {
            "kind": "person",
            "name": "Trần Thị B",
            "identity_number": "079190000001",
            "email": "b@example.vn",
        },
        "form_data": {"purpose": "Cấp mới"},
        **extra,
    }


def test_submit_online_then_read_it_back(world):
    client = as_user(world.applicant)
    response = client.post("/api/v1/dossiers", create_body(world), format="json")
    assert response.status_code == 201
    body = response.json()
    assert body["code"].startswith("000.00.01.H29-")
    assert (body["status_code"], body["status"], body["received_at"], body["due_at"]) == (
        1,
        "new",
        None,
        None,
    )
    assert response["Location"] == f"/api/v1/dossiers/{body['code']}"
    assert response["ETag"] == '"1"'
    detail = client.get(response["Location"]).json()
    assert detail == body


def test_counter_reception_through_the_api_gives_a_due_date_with_offset(world):
    client = as_user(world.officer)
    response = client.post("/api/v1/dossiers", create_body(world, channel=1), format="json")
    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "received"
    assert body["due_at"].endswith("+07:00")
    assert body["received_at"].endswith("+07:00")
    assert body["due_explanation"][0]["kind"] == "received"


def test_a_retried_post_with_the_same_idempotency_key_returns_the_first_response(world):
    client = as_user(world.applicant)
    headers = {"Idempotency-Key": "abc-123"}
    first = client.post("/api/v1/dossiers", create_body(world), format="json", headers=headers)
    again = client.post("/api/v1/dossiers", create_body(world), format="json", headers=headers)
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    assert again["Location"] == first["Location"]
    assert Dossier.objects.count() == 1
    other = client.post("/api/v1/dossiers", create_body(world), format="json")
    assert other.status_code == 201
    assert Dossier.objects.count() == 2


def test_reusing_a_key_for_another_request_is_refused(world):
    client = as_user(world.applicant)
    headers = {"Idempotency-Key": "k1"}
    client.post("/api/v1/dossiers", create_body(world), format="json", headers=headers)
    changed = create_body(world, form_data={"purpose": "Gia hạn"})
    response = client.post("/api/v1/dossiers", changed, format="json", headers=headers)
    assert response.status_code == 422
    assert response.json()["code"] == "idempotency_key_reused"
    assert response["Content-Type"] == "application/problem+json"
    assert Dossier.objects.count() == 1


def test_keys_belong_to_their_user(world, other_world):
    headers = {"Idempotency-Key": "same"}
    as_user(world.applicant).post(
        "/api/v1/dossiers", create_body(world), format="json", headers=headers
    )
    response = as_user(other_world.applicant).post(
        "/api/v1/dossiers", create_body(world), format="json", headers=headers
    )
    assert response.status_code == 201
    assert "Idempotent-Replayed" not in response
    assert Dossier.objects.count() == 2


def test_a_retried_action_is_not_performed_twice(world, processing):
    client = as_user(world.specialist)
    url = f"/api/v1/dossiers/{processing.code}/actions/request_supplement"
    body = {"reason": "Thiếu", "missing_documents": ["CCCD"]}
    first = client.post(url, body, format="json", headers={"Idempotency-Key": "s1"})
    again = client.post(url, body, format="json", headers={"Idempotency-Key": "s1"})
    assert first.status_code == again.status_code == 200
    assert again.json() == first.json()
    assert DossierEvent.objects.filter(dossier=processing, action="request_supplement").count() == 1
    # without the key, the retry reaches the rule: a supplement is requested only once
    third = client.post(url, body, format="json")
    assert (third.status_code, third.json()["code"]) == (409, "invalid_transition")


def test_if_match_protects_against_lost_updates(world, processing):
    client = as_user(world.leader)
    etag = client.get(f"/api/v1/dossiers/{processing.code}")["ETag"]
    url = f"/api/v1/dossiers/{processing.code}/actions/approve"
    assert client.post(url, {}, format="json", headers={"If-Match": etag}).status_code == 200
    stale = client.post(url, {}, format="json", headers={"If-Match": etag})
    assert stale.status_code == 412
    assert stale.json()["code"] == "version_conflict"
    body_version = client.post(url, {"version": 1}, format="json")
    assert body_version.status_code == 412


def test_a_forbidden_transition_answers_409_problem_json(world):
    dossier = submit(world)
    response = as_user(world.leader).post(
        f"/api/v1/dossiers/{dossier.code}/actions/approve", {}, format="json"
    )
    assert response.status_code == 409
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "invalid_transition"
    dossier.refresh_from_db()
    assert (dossier.status, dossier.version) == (DossierStatus.NEW, 1)


def test_actions_drive_a_dossier_to_the_returned_result(world):
    officer, specialist, leader = (
        as_user(world.officer),
        as_user(world.specialist),
        as_user(world.leader),
    )
    code = (
        as_user(world.applicant)
        .post("/api/v1/dossiers", create_body(world), format="json")
        .json()["code"]
    )
    base = f"/api/v1/dossiers/{code}/actions"
    steps = [
        (officer, "receive", {"checklist": []}, "received"),
        (officer, "assign", {"assignee": world.specialist.pk, "step": "Thẩm định"}, "processing"),
        (specialist, "approve", {}, None),
        (leader, "approve", {"note": "Đồng ý"}, "processing"),
        (specialist, "finish", {"result": {"documents": ["Giấy phép"]}}, "finished"),
        (officer, "return_result", {"delivery": "electronic"}, "result_returned"),
    ]
    for client, action, body, expected in steps:
        response = client.post(f"{base}/{action}", body, format="json")
        if expected is None:
            assert response.status_code == 403
            assert response.json()["code"] == "permission_denied"
            continue
        assert response.status_code == 200, response.json()
        assert response.json()["status"] == expected
    events = as_user(world.applicant).get(f"/api/v1/dossiers/{code}/events").json()["results"]
    assert [e["action"] for e in events] == [
        "submit",
        "receive",
        "assign",
        "approve",
        "finish",
        "return_result",
    ]
    assert all(b["previous_hash"] == a["hash"] for a, b in itertools.pairwise(events))
    final = as_user(world.applicant).get(f"/api/v1/dossiers/{code}").json()
    assert final["timeliness"] == "early"


def test_unknown_action_and_missing_fields_are_validation_problems(world, processing):
    client = as_user(world.specialist)
    unknown = client.post(f"/api/v1/dossiers/{processing.code}/actions/fly", {}, format="json")
    assert (unknown.status_code, unknown.json()["code"]) == (400, "validation_failed")
    missing = client.post(f"/api/v1/dossiers/{processing.code}/actions/reject", {}, format="json")
    assert missing.status_code == 400
    assert missing.json()["errors"] == {"reason": ["required for this action"]}


def test_upload_checks_type_by_content_and_size_and_stores_nothing_when_rejected(world, settings):
    dossier = submit(world)
    client = as_user(world.applicant)
    url = f"/api/v1/dossiers/{dossier.code}/documents"
    media = Path(settings.MEDIA_ROOT)
    fake = client.post(
        url, {"file": SimpleUploadedFile("scan.pdf", b"MZ\x90\x00 not a pdf")}, format="multipart"
    )
    assert (fake.status_code, fake.json()["code"]) == (400, "upload_rejected")
    big = client.post(
        url, {"file": SimpleUploadedFile("big.pdf", PDF + b"0" * 2000)}, format="multipart"
    )
    assert (big.status_code, big.json()["code"]) == (400, "upload_rejected")
    assert DossierDocument.objects.count() == 0
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))

    required = world.version.required_documents.get().pk
    ok = client.post(
        url,
        {"file": SimpleUploadedFile("../../Ảnh chụp.pdf", PNG), "required_document": required},
        format="multipart",
    )
    assert ok.status_code == 201, ok.json()
    body = ok.json()
    assert (body["content_type"], body["name"], body["size"]) == (
        "image/png",
        "Ảnh chụp.pdf",
        len(PNG),
    )
    document = DossierDocument.objects.get()
    assert document.file.name.startswith(f"dossiers/{dossier.pk}/")
    assert document.file.name.endswith(".png")
    import hashlib

    assert document.sha256 == hashlib.sha256(PNG).hexdigest()
    download = client.get(f"{url}/{document.pk}")
    assert b"".join(download.streaming_content) == PNG
    download.close()


def test_list_filters_and_keyset_pages(world):
    client = as_user(world.leader)
    dossiers = [dossier_in(DossierStatus.PROCESSING, world) for _ in range(3)]
    new = submit(world)
    page1 = client.get("/api/v1/dossiers", {"ordering": "due_at", "limit": 2}).json()
    assert [d["code"] for d in page1["results"]] == [d.code for d in dossiers[:2]]
    page2 = client.get(page1["next"]).json()
    assert [d["code"] for d in page2["results"]] == [dossiers[2].code]
    assert page2["next"] is None
    assert [
        d["code"] for d in client.get("/api/v1/dossiers", {"status": "new"}).json()["results"]
    ] == [new.code]
    # Due in March 2026, so overdue by the real clock; a dossier without a due date never is.
    late = client.get("/api/v1/dossiers", {"overdue": "true"}).json()["results"]
    assert sorted(d["code"] for d in late) == sorted(d.code for d in dossiers)
    not_late = client.get("/api/v1/dossiers", {"overdue": "false"}).json()["results"]
    assert [d["code"] for d in not_late] == [new.code]
    bad = client.get("/api/v1/dossiers", {"cursor": "forged"})
    assert (bad.status_code, bad.json()["code"]) == (400, "invalid_cursor")


def test_work_queue_query_count_does_not_grow_with_the_page(world, django_assert_max_num_queries):
    client = as_user(world.leader)
    for _ in range(5):
        dossier_in(DossierStatus.PROCESSING, world)
    with django_assert_max_num_queries(4):
        response = client.get("/api/v1/dossiers", {"ordering": "due_at", "limit": 50})
    assert len(response.json()["results"]) == 5


def test_bearer_token_authenticates_and_bad_token_is_401(world, machine):
    from motcua.accounts.services.tokens import token_create

    _, raw = token_create(user=world.leader, name="cli", scopes=["dossiers:read"])
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert client.get("/api/v1/dossiers").status_code == 200
    write = client.post("/api/v1/dossiers", create_body(world), format="json")
    assert (write.status_code, write.json()["code"]) == (403, "insufficient_scope")
    client.credentials(HTTP_AUTHORIZATION="Bearer mct_nope")
    bad = client.get("/api/v1/dossiers")
    assert (bad.status_code, bad.json()["code"]) == (401, "authentication_failed")


def test_due_before_filter(world):
    client = as_user(world.leader)
    dossier = dossier_in(DossierStatus.PROCESSING, world)
    assert dossier.due_at is not None
    due: dt.datetime = dossier.due_at
    before = client.get(
        "/api/v1/dossiers", {"due_before": (due + dt.timedelta(hours=1)).isoformat()}
    )
    after = client.get("/api/v1/dossiers", {"due_after": (due + dt.timedelta(hours=1)).isoformat()})
    assert [d["code"] for d in before.json()["results"]] == [dossier.code]
    assert after.json()["results"] == []


def test_agency_and_assignee_filters_never_widen_visibility(world, other_world):
    mine = dossier_in(DossierStatus.PROCESSING, world)
    agency = world.agency.identifier

    def codes(user, **params):
        response = as_user(user).get("/api/v1/dossiers", params)
        return [d["code"] for d in response.json()["results"]]

    assert codes(world.leader, agency=agency) == [mine.code]
    assert codes(world.officer, agency=agency, ordering="due_at") == [mine.code]
    assert codes(world.specialist, assignee=world.specialist.pk) == [mine.code]
    assert codes(world.specialist2, assignee=world.specialist2.pk) == []
    # Someone else's agency or assignee: only what you could see anyway (nothing here).
    assert codes(other_world.officer, agency=agency) == []
    assert codes(other_world.officer, assignee=world.specialist.pk) == []
    assert codes(world.specialist2, agency=agency) == []
    assert codes(world.leader, agency="000.00.77.H29") == []


def test_forwarding_away_answers_with_the_forwarded_dossier(world, processing):
    client = as_user(world.specialist)
    response = client.post(
        f"/api/v1/dossiers/{processing.code}/actions/forward",
        {"assignee": world.specialist2.pk, "step": "Trình ký"},
        format="json",
        headers={"Idempotency-Key": "f1"},
    )
    assert response.status_code == 200
    assert (response.json()["assignee"], response.json()["current_step"]) == (
        world.specialist2.pk,
        "Trình ký",
    )
    processing.refresh_from_db()
    assert processing.assignee_id == world.specialist2.pk
    # The former assignee no longer sees it.
    assert client.get(f"/api/v1/dossiers/{processing.code}").status_code == 404


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite serializes every write transaction: concurrent requests need PostgreSQL",
)
@pytest.mark.django_db(transaction=True)
def test_concurrent_retries_with_one_key_create_one_dossier(world):
    def post(_: int):
        try:
            return as_user(world.applicant).post(
                "/api/v1/dossiers",
                create_body(world),
                format="json",
                headers={"Idempotency-Key": "race"},
            )
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=8) as pool:
        responses = list(pool.map(post, range(8)))
    assert {r.status_code for r in responses} == {201}
    assert len({r.json()["code"] for r in responses}) == 1
    assert Dossier.objects.count() == 1
