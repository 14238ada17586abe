"""My dossiers: list, history, supplement of only the requested documents, result, rating,
withdraw; and a citizen never reaches another's dossier or file."""

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from motcua.dossiers.lifecycle import DossierStatus
from motcua.dossiers.models import DocumentKind, Dossier, DossierDocument
from motcua.dossiers.services import transitions as t
from motcua.dossiers.services.documents import dossier_document_add
from motcua.evaluation.models import SatisfactionRating
from motcua.submissions.services import drafts
from motcua.submissions.tests.helpers import PDF_BYTES, citizen_user, make_portal, pdf


@pytest.fixture
def portal(db):
    return make_portal()


def submitted(p) -> Dossier:
    draft = drafts.draft_start(user=p.citizen, version=p.world.version)
    for doc in (p.form_doc, p.id_doc):
        drafts.draft_document_upload(
            draft=draft,
            required_document_id=doc.pk,
            upload=pdf(f"{doc.code}.pdf"),
            name=f"{doc.code}.pdf",
        )
    return drafts.draft_submit(draft=draft, actor=p.citizen, now=timezone.now())


def processing(p) -> Dossier:
    d = submitted(p)
    now = timezone.now()
    t.dossier_receive(dossier_id=d.pk, actor=p.world.officer, checklist=[], now=now)
    return t.dossier_assign(
        dossier_id=d.pk, actor=p.world.officer, assignee_id=p.world.specialist.pk, now=now
    )


def finished_with_result(p) -> Dossier:
    d = processing(p)
    dossier_document_add(
        dossier_id=d.pk,
        actor=p.world.specialist,
        upload=ContentFile(PDF_BYTES, name="giay-phep.pdf"),
        name="Giấy phép.pdf",
        kind=DocumentKind.RESULT,
    )
    return t.dossier_finish(
        dossier_id=d.pk,
        actor=p.world.specialist,
        result={"documents": ["Giấy phép"]},
        now=timezone.now(),
    )


def test_list_shows_status_due_date_and_what_to_do(client, portal):
    d = processing(portal)
    t.dossier_request_supplement(
        dossier_id=d.pk,
        actor=portal.world.specialist,
        reason="Ảnh mờ",
        missing_documents=["Bản sao Căn cước công dân"],
        now=timezone.now(),
    )
    client.force_login(portal.citizen)
    html = client.get(reverse("portal:my-dossiers")).content.decode()
    assert d.code in html
    assert "status-action" in html
    assert "Tải lên giấy tờ được yêu cầu" in html or "Upload the requested documents" in html


def test_supplement_accepts_only_the_requested_documents_then_resumes(client, portal):
    d = processing(portal)
    t.dossier_request_supplement(
        dossier_id=d.pk,
        actor=portal.world.specialist,
        reason="Ảnh mờ",
        missing_documents=["CCCD", "Giấy xác nhận cư trú"],
        now=timezone.now(),
    )
    client.force_login(portal.citizen)
    page = client.get(reverse("portal:dossier", args=[d.code])).content.decode()
    assert 'name="supp_0"' in page
    assert 'name="supp_1"' in page
    assert 'name="supp_2"' not in page
    url = reverse("portal:supplement", args=[d.code])
    # one missing: refused, next to the field
    response = client.post(url, {"supp_0": pdf("cccd-ro.pdf")})
    assert response.status_code == 400
    assert 'id="id_supp_1_error"' in response.content.decode()
    d.refresh_from_db()
    assert d.status == DossierStatus.SUPPLEMENT_REQUESTED
    # both: accepted, the clock resumes
    response = client.post(url, {"supp_0": pdf("cccd-ro.pdf"), "supp_1": pdf("cu-tru.pdf")})
    assert response.status_code == 302
    d.refresh_from_db()
    assert d.status == DossierStatus.PROCESSING
    supplements = DossierDocument.objects.filter(dossier=d, kind=DocumentKind.SUPPLEMENT)
    assert sorted(s.original_name for s in supplements) == ["cccd-ro.pdf", "cu-tru.pdf"]
    assert supplements.get(original_name="cccd-ro.pdf").required_document_id == portal.id_doc.pk


def test_result_download_and_rating_once(client, portal):
    d = finished_with_result(portal)
    result = DossierDocument.objects.get(dossier=d, kind=DocumentKind.RESULT)
    client.force_login(portal.citizen)
    page = client.get(reverse("portal:dossier", args=[d.code])).content.decode()
    download = reverse("portal:document", args=[d.code, result.pk])
    assert download in page
    response = client.get(download)
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert "attachment" in response["Content-Disposition"]
    # rate
    rate = reverse("portal:rate", args=[d.code])
    assert client.post(rate, {"level": "nope"}).status_code == 400
    assert client.post(rate, {"level": "very_satisfied", "comment": "Nhanh"}).status_code == 302
    assert client.post(rate, {"level": "dissatisfied"}).status_code == 302
    ratings = list(SatisfactionRating.objects.filter(dossier=d).values_list("level", "comment"))
    assert ratings == [("very_satisfied", "Nhanh")]


def test_no_rating_before_the_result(client, portal):
    d = processing(portal)
    client.force_login(portal.citizen)
    client.post(reverse("portal:rate", args=[d.code]), {"level": "satisfied"})
    assert not SatisfactionRating.objects.exists()


def test_withdraw_after_confirmation(client, portal):
    d = submitted(portal)
    client.force_login(portal.citizen)
    url = reverse("portal:withdraw", args=[d.code])
    assert client.get(url).status_code == 200
    d.refresh_from_db()
    assert d.status == DossierStatus.NEW  # a GET changes nothing
    assert client.post(url, {"reason": "Nộp nhầm"}).status_code == 302
    d.refresh_from_db()
    assert d.status == DossierStatus.WITHDRAWN


def test_history_is_in_citizen_wording(client, portal):
    d = processing(portal)
    client.force_login(portal.citizen)
    html = client.get(reverse("portal:dossier", args=[d.code])).content.decode()
    assert ("Bộ phận một cửa đã tiếp nhận" in html) or ("The one-stop desk received" in html)


def test_another_citizen_reaches_no_page_and_no_file(client, portal):
    d = finished_with_result(portal)
    document = DossierDocument.objects.filter(dossier=d).earliest("id")
    other, _ = citizen_user(phone="0987654321", email="khac@example.vn")
    client.force_login(other)
    pages: list[tuple[str, list[object]]] = [
        ("portal:dossier", [d.code]),
        ("portal:receipt", [d.code]),
        ("portal:receipt-pdf", [d.code]),
        ("portal:document", [d.code, document.pk]),
        ("portal:withdraw", [d.code]),
    ]
    for name, args in pages:
        assert client.get(reverse(name, args=args)).status_code == 404, name
    assert (
        client.post(reverse("portal:rate", args=[d.code]), {"level": "satisfied"}).status_code
        == 404
    )
    assert client.post(reverse("portal:supplement", args=[d.code]), {}).status_code == 404
    # the stored file has no public URL
    assert client.get("/media/" + document.file.name).status_code == 404
    # nor can a document of one dossier be fetched through another dossier of the same user
    mine = submitted(make_portal_for(other, portal))
    assert client.get(reverse("portal:document", args=[mine.code, document.pk])).status_code == 404
    assert not SatisfactionRating.objects.exists()


def make_portal_for(user, p):
    p.citizen = user
    p.world.applicant = user
    return p


def test_anonymous_visitors_are_sent_to_sign_in(client, portal):
    d = submitted(portal)
    document = DossierDocument.objects.filter(dossier=d).earliest("id")
    response = client.get(reverse("portal:document", args=[d.code, document.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("portal:login"))


def test_due_date_shown_after_reception_with_explanation(client, portal):
    d = processing(portal)
    client.force_login(portal.citizen)
    html = client.get(reverse("portal:dossier", args=[d.code])).content.decode()
    local_due = timezone.localtime(Dossier.objects.get(pk=d.pk).due_at)
    assert local_due.strftime("%H:%M %d/%m/%Y") in html
    assert "<details>" in html
    assert dt.timedelta(0) < local_due - timezone.localtime() < dt.timedelta(days=14)
