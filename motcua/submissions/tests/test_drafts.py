"""Drafts of online submissions: save, attach, check, submit; reuse of earlier documents (R17)."""

import datetime as dt

import pytest
from django.core.files.storage import default_storage

from motcua.dossiers.lifecycle import DossierStatus
from motcua.dossiers.models import ApplicantKind, DossierDocument, DossierEvent
from motcua.identity.models import AccountKind
from motcua.submissions.exceptions import DraftIncompleteError, FileRejectedError
from motcua.submissions.models import DraftDocument, SubmissionDraft
from motcua.submissions.selectors import reusable_documents
from motcua.submissions.services import drafts
from motcua.submissions.tests.helpers import PDF_BYTES, PNG_BYTES, make_portal, pdf

NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def complete_draft(p):
    draft = drafts.draft_start(user=p.citizen, version=p.world.version)
    drafts.draft_document_upload(
        draft=draft, required_document_id=p.form_doc.pk, upload=pdf(), name="tờ khai.pdf"
    )
    drafts.draft_document_upload(
        draft=draft,
        required_document_id=p.id_doc.pk,
        upload=pdf("cccd.png", PNG_BYTES),
        name="cccd.png",
    )
    return draft


@pytest.mark.django_db
def test_start_prefills_from_the_account_and_picks_the_only_office():
    p = make_portal()
    draft = drafts.draft_start(user=p.citizen, version=p.world.version)
    assert draft.applicant_name == "Nguyễn Văn An"
    assert draft.applicant_identity_number == "001203012345"
    assert draft.applicant_phone == "0912345678"
    assert draft.receiving_unit_id == p.world.reception.pk


@pytest.mark.django_db
def test_missing_documents_and_identity_are_reported_by_field():
    p = make_portal()
    draft = drafts.draft_start(user=p.citizen, version=p.world.version)
    drafts.draft_update(
        draft=draft,
        fields=drafts.DraftFields(
            receiving_unit_id=p.world.reception.pk,
            applicant_name="Nguyễn Văn An",
            applicant_identity_number="123",
            applicant_phone="0912345678",
        ),
    )
    errors = drafts.draft_errors(draft=draft)
    assert set(errors) == {
        "applicant_identity_number",
        f"doc_{p.form_doc.pk}",
        f"doc_{p.id_doc.pk}",
    }  # the optional "(nếu có)" document is not required
    with pytest.raises(DraftIncompleteError):
        drafts.draft_submit(draft=draft, actor=p.citizen, now=NOW)
    assert SubmissionDraft.objects.get(pk=draft.pk).dossier_id is None


@pytest.mark.django_db
def test_wrong_type_empty_and_too_large_files_are_refused_before_storing(settings):
    p = make_portal()
    draft = drafts.draft_start(user=p.citizen, version=p.world.version)
    field = f"doc_{p.form_doc.pk}"
    with pytest.raises(FileRejectedError) as wrong:
        drafts.draft_document_upload(
            draft=draft,
            required_document_id=p.form_doc.pk,
            upload=pdf("virus.pdf", b"MZ\x90\x00 not a pdf"),
            name="virus.pdf",
        )
    assert "PDF, JPEG, PNG" in wrong.value.errors[field][0]
    settings.MOTCUA_MAX_UPLOAD_BYTES = 20
    with pytest.raises(FileRejectedError) as large:
        drafts.draft_document_upload(
            draft=draft, required_document_id=p.form_doc.pk, upload=pdf(), name="a.pdf"
        )
    assert "MB" in large.value.errors[field][0]
    assert DraftDocument.objects.count() == 0


@pytest.mark.django_db
def test_submit_creates_a_new_dossier_with_its_files_and_events():
    p = make_portal()
    draft = complete_draft(p)
    dossier = drafts.draft_submit(draft=draft, actor=p.citizen, now=NOW)
    assert dossier.status == DossierStatus.NEW
    assert dossier.applicant_user_id == p.citizen.pk
    documents = list(DossierDocument.objects.filter(dossier=dossier).order_by("id"))
    assert [d.required_document_id for d in documents] == [p.form_doc.pk, p.id_doc.pk]
    assert [d.content_type for d in documents] == ["application/pdf", "image/png"]
    assert documents[0].original_name == "tờ khai.pdf"
    with default_storage.open(documents[0].file.name, "rb") as handle:
        assert handle.read() == PDF_BYTES
    actions = list(DossierEvent.objects.filter(dossier=dossier).values_list("action", flat=True))
    assert actions == ["submit", "document_added", "document_added"]
    draft.refresh_from_db()
    assert draft.dossier_id == dossier.pk


@pytest.mark.django_db
def test_earlier_documents_are_offered_and_reused_by_reference():
    # given an earlier dossier of the same citizen
    p = make_portal()
    first = drafts.draft_submit(draft=complete_draft(p), actor=p.citizen, now=NOW)
    earlier = DossierDocument.objects.get(dossier=first, required_document=p.id_doc)
    # when a new draft of the same procedure reuses it
    draft = drafts.draft_start(user=p.citizen, version=p.world.version)
    offered = reusable_documents(user=p.citizen, documents=[p.id_doc, p.form_doc])
    assert [r.document.pk for r in offered[p.id_doc.pk]] == [earlier.pk]
    drafts.draft_document_reuse(
        draft=draft, required_document_id=p.id_doc.pk, source_document_id=earlier.pk
    )
    drafts.draft_document_upload(
        draft=draft, required_document_id=p.form_doc.pk, upload=pdf(), name="tk.pdf"
    )
    second = drafts.draft_submit(draft=draft, actor=p.citizen, now=NOW)
    # then the same stored file and checksum serve both dossiers
    reused = DossierDocument.objects.get(dossier=second, required_document=p.id_doc)
    assert (reused.file.name, reused.sha256) == (earlier.file.name, earlier.sha256)
    event = DossierEvent.objects.filter(dossier=second, action="document_added").first()
    assert event is not None
    assert DossierEvent.objects.filter(dossier=second, data__reused_from=earlier.pk).count() == 1


@pytest.mark.django_db
def test_another_citizens_document_cannot_be_reused():
    p = make_portal()
    first = drafts.draft_submit(draft=complete_draft(p), actor=p.citizen, now=NOW)
    theirs = DossierDocument.objects.filter(dossier=first).get(required_document=p.id_doc)
    from motcua.submissions.tests.helpers import citizen_user

    other, _account = citizen_user(phone="0987654321", email="b@example.vn")
    draft = drafts.draft_start(user=other, version=p.world.version)
    with pytest.raises(FileRejectedError):
        drafts.draft_document_reuse(
            draft=draft, required_document_id=p.id_doc.pk, source_document_id=theirs.pk
        )
    assert reusable_documents(user=other, documents=[p.id_doc]) == {}


@pytest.mark.django_db
def test_deleting_a_draft_removes_its_uploads(django_capture_on_commit_callbacks):
    p = make_portal()
    draft = complete_draft(p)
    names = [d.file.name for d in draft.documents.all()]
    with django_capture_on_commit_callbacks(execute=True):
        drafts.draft_delete(draft=draft)
    assert not any(default_storage.exists(n) for n in names)


@pytest.mark.django_db
def test_an_organization_account_submits_for_the_organization():
    p = make_portal()
    p.account.kind = AccountKind.ORGANIZATION
    p.account.organization_name = "Công ty TNHH Bình An"
    p.account.identity_number = "0100109106"
    p.account.save()
    draft = drafts.draft_start(user=p.citizen, version=p.world.version)
    for doc in (p.form_doc, p.id_doc):
        drafts.draft_document_upload(
            draft=draft, required_document_id=doc.pk, upload=pdf(), name="a.pdf"
        )
    dossier = drafts.draft_submit(draft=draft, actor=p.citizen, now=NOW)
    assert (dossier.applicant_kind, dossier.applicant_name, dossier.applicant_identity_number) == (
        ApplicantKind.ORGANIZATION,
        "Công ty TNHH Bình An",
        "0100109106",
    )
    assert dossier.applicant_user_id == p.citizen.pk


@pytest.mark.django_db
def test_an_earlier_result_is_offered_where_a_result_may_replace_the_document():
    from django.core.files.base import ContentFile

    from motcua.dossiers.models import DocumentKind
    from motcua.dossiers.services import transitions as t
    from motcua.dossiers.services.documents import dossier_document_add

    p = make_portal()
    first = drafts.draft_submit(draft=complete_draft(p), actor=p.citizen, now=NOW)
    t.dossier_receive(dossier_id=first.pk, actor=p.world.officer, checklist=[], now=NOW)
    t.dossier_assign(
        dossier_id=first.pk, actor=p.world.officer, assignee_id=p.world.specialist.pk, now=NOW
    )
    result = dossier_document_add(
        dossier_id=first.pk,
        actor=p.world.specialist,
        upload=ContentFile(PDF_BYTES, name="gp.pdf"),
        name="Giấy phép.pdf",
        kind=DocumentKind.RESULT,
    )
    p.optional_doc.replacing_result_code = "KQ-GP"
    p.optional_doc.save(update_fields=["replacing_result_code"])
    offered = reusable_documents(user=p.citizen, documents=[p.optional_doc, p.form_doc])
    assert [r.document.pk for r in offered[p.optional_doc.pk]] == [result.pk]
    assert result.pk not in [r.document.pk for r in offered[p.form_doc.pk]]
    draft = drafts.draft_start(user=p.citizen, version=p.world.version)
    drafts.draft_document_reuse(
        draft=draft, required_document_id=p.optional_doc.pk, source_document_id=result.pk
    )
    assert draft.documents.get().sha256 == result.sha256
