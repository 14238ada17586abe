"""The online submission flow through the pages, without JavaScript (plain form posts)."""

import re

import pytest
from django.urls import reverse

from motcua.dossiers.lifecycle import DossierStatus
from motcua.dossiers.models import Dossier, DossierDocument
from motcua.submissions.models import SubmissionDraft
from motcua.submissions.tests.helpers import PDF_BYTES, make_portal, pdf

PAGE_LIMIT = 100 * 1024


@pytest.fixture
def portal(db):
    return make_portal()


@pytest.fixture
def signed_in(client, portal):
    client.force_login(portal.citizen)
    return client


def applicant_fields(p, **overrides):
    fields = {
        "applicant_name": "Nguyễn Văn An",
        "applicant_identity_number": "001203012345",
        "applicant_phone": "0912345678",
        "applicant_email": "an@example.vn",
        "applicant_address": "Số 1 phố Huế",
        "receiving_unit": str(p.world.reception.pk),
    }
    fields.update(overrides)
    return fields


def start_draft(client, p):
    response = client.get(reverse("portal:submit-start", args=[p.world.version.procedure.code]))
    assert response.status_code == 302
    return SubmissionDraft.objects.get(user=p.citizen, dossier__isnull=True)


def test_procedure_page_offers_online_submission(client, portal):
    response = client.get(
        reverse("catalog:procedure-detail", args=[portal.world.version.procedure.code])
    )
    assert reverse("portal:submit-start", args=[portal.world.version.procedure.code]) in (
        response.content.decode()
    )


def test_submitting_needs_an_account(client, portal):
    url = reverse("portal:submit-start", args=[portal.world.version.procedure.code])
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("portal:login") + "?next=")


def test_missing_documents_are_shown_next_to_the_field_with_a_summary(signed_in, portal):
    draft = start_draft(signed_in, portal)
    url = reverse("portal:draft-edit", args=[draft.pk])
    response = signed_in.post(url, {**applicant_fields(portal), "review": "1"})
    assert response.status_code == 400
    html = response.content.decode()
    field_id = f"id_doc_{portal.id_doc.pk}"
    assert f'href="#{field_id}"' in html  # the summary links to the field
    assert re.search(r"<title>(Lỗi|Error):", html)  # screen readers hear it first
    assert f'id="{field_id}_error"' in html
    assert f'aria-describedby="{field_id}_error"' in html
    assert "Đính kèm giấy tờ này" in html or "Attach this document" in html


def test_a_wrong_file_type_is_refused_next_to_its_field(signed_in, portal):
    draft = start_draft(signed_in, portal)
    url = reverse("portal:draft-edit", args=[draft.pk])
    bad = pdf("anh.pdf", b"GIF89a not accepted")
    response = signed_in.post(url, {**applicant_fields(portal), f"doc_{portal.form_doc.pk}": bad})
    assert response.status_code == 400
    assert f'id="id_doc_{portal.form_doc.pk}_error"' in response.content.decode()
    assert not draft.documents.exists()


def test_save_draft_then_continue_review_submit_and_receipt(signed_in, portal):
    draft = start_draft(signed_in, portal)
    url = reverse("portal:draft-edit", args=[draft.pk])
    # save as draft with one file
    response = signed_in.post(
        url, {**applicant_fields(portal), f"doc_{portal.form_doc.pk}": pdf(), "save": "1"}
    )
    assert response.status_code == 302
    # continue later: the file is still attached, add the second one, go to review
    assert "to-khai.pdf" in signed_in.get(url).content.decode()
    response = signed_in.post(
        url,
        {
            **applicant_fields(portal),
            f"doc_{portal.id_doc.pk}": pdf("cccd.pdf"),
            "review": "1",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:draft-review", args=[draft.pk])
    review = signed_in.get(response["Location"])
    assert "cccd.pdf" in review.content.decode()
    # submit
    response = signed_in.post(reverse("portal:draft-review", args=[draft.pk]))
    dossier = Dossier.objects.get(applicant_user=portal.citizen)
    assert response["Location"] == reverse("portal:receipt", args=[dossier.code])
    assert dossier.status == DossierStatus.NEW
    assert DossierDocument.objects.filter(dossier=dossier).count() == 2
    receipt = signed_in.get(response["Location"])
    html = receipt.content.decode()
    assert dossier.code in html
    assert "<svg" in html  # the QR code, inline
    assert reverse("portal:lookup-code", args=[dossier.code]) in html
    assert re.search(r"\d\d:\d\d \d\d/\d\d/\d{4}", html)  # the expected due date
    assert len(receipt.content) < PAGE_LIMIT


def test_receipt_pdf_is_the_official_form(signed_in, portal):
    from motcua.submissions.services import drafts

    draft = drafts.draft_start(user=portal.citizen, version=portal.world.version)
    for doc in (portal.form_doc, portal.id_doc):
        drafts.draft_document_upload(
            draft=draft, required_document_id=doc.pk, upload=pdf(), name="a.pdf"
        )
    from django.utils import timezone

    dossier = drafts.draft_submit(draft=draft, actor=portal.citizen, now=timezone.now())
    response = signed_in.get(reverse("portal:receipt-pdf", args=[dossier.code]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert response.content != PDF_BYTES


def test_an_earlier_document_is_offered_and_reused_on_the_form(signed_in, portal):
    from django.utils import timezone

    from motcua.submissions.services import drafts

    first = drafts.draft_start(user=portal.citizen, version=portal.world.version)
    for doc in (portal.form_doc, portal.id_doc):
        drafts.draft_document_upload(
            draft=first, required_document_id=doc.pk, upload=pdf(f"{doc.code}.pdf"), name="x.pdf"
        )
    earlier = drafts.draft_submit(draft=first, actor=portal.citizen, now=timezone.now())
    source = DossierDocument.objects.get(dossier=earlier, required_document=portal.id_doc)
    draft = start_draft(signed_in, portal)
    url = reverse("portal:draft-edit", args=[draft.pk])
    html = signed_in.get(url).content.decode()
    assert f'name="reuse_{portal.id_doc.pk}" value="{source.pk}"' in html
    response = signed_in.post(
        url,
        {
            **applicant_fields(portal),
            f"reuse_{portal.id_doc.pk}": str(source.pk),
            f"doc_{portal.form_doc.pk}": pdf(),
            "review": "1",
        },
    )
    assert response.status_code == 302
    signed_in.post(reverse("portal:draft-review", args=[draft.pk]))
    second = Dossier.objects.exclude(pk=earlier.pk).get(applicant_user=portal.citizen)
    reused = DossierDocument.objects.get(dossier=second, required_document=portal.id_doc)
    assert (reused.file.name, reused.sha256) == (source.file.name, source.sha256)
