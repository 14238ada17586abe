"""Public lookup: status and due date only; details with a one-time code to the applicant."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from motcua.dossiers.services import transitions as t
from motcua.notifications.backends import read_outbox
from motcua.notifications.models import Delivery
from motcua.submissions.services import drafts
from motcua.submissions.tests.helpers import make_portal, pdf


@pytest.fixture
def dossier(db):
    p = make_portal()
    draft = drafts.draft_start(user=p.citizen, version=p.world.version)
    for doc in (p.form_doc, p.id_doc):
        drafts.draft_document_upload(
            draft=draft, required_document_id=doc.pk, upload=pdf(), name="giay-to.pdf"
        )
    d = drafts.draft_submit(draft=draft, actor=p.citizen, now=timezone.now())
    return t.dossier_receive(
        dossier_id=d.pk, actor=p.world.officer, checklist=[], now=timezone.now()
    )


def last_code() -> str:
    return str(re.findall(r"\b(\d{6})\b", read_outbox()[-1]["body"])[-1])


def test_lookup_form_redirects_to_the_status_page(client, dossier):
    response = client.get(reverse("portal:lookup"), {"code": f"  {dossier.code} "})
    assert response["Location"] == reverse("portal:lookup-code", args=[dossier.code])


def test_public_status_shows_status_and_due_date_only(client, dossier):
    html = client.get(reverse("portal:lookup-code", args=[dossier.code])).content.decode()
    assert 'id="lookup-status"' in html
    assert timezone.localtime(dossier.due_at).strftime("%H:%M %d/%m/%Y") in html
    for private in ("Nguyễn Văn An", "001203012345", "0912345678", "an@example.vn", "giay-to.pdf"):
        assert private not in html


def test_unknown_code_says_how_to_fix_it(client, db):
    response = client.get(reverse("portal:lookup-code", args=["000.00.00.H99-000000-9999"]))
    assert response.status_code == 404
    assert 'href="#id_code"' in response.content.decode()


def test_one_time_code_opens_the_details(client, dossier):
    send = reverse("portal:lookup-send-code", args=[dossier.code])
    response = client.post(send, follow=True)
    assert "******5678" in response.content.decode()
    message = read_outbox()[-1]
    assert message["recipient"] == "0912345678"
    assert message["channel"] == "sms"
    # the delivery log keeps no live code
    assert Delivery.objects.get(key=message["key"]).body == "[redacted]"
    details = reverse("portal:lookup-details", args=[dossier.code])
    assert client.get(details)["Location"] == reverse("portal:lookup-code", args=[dossier.code])
    check = reverse("portal:lookup-check-code", args=[dossier.code])
    wrong = "000000" if last_code() != "000000" else "111111"
    assert client.post(check, {"code": wrong}).status_code == 400
    response = client.post(check, {"code": last_code()})
    assert response["Location"] == details
    html = client.get(details).content.decode()
    assert "Nguyễn" not in html or dossier.code in html
    assert ("đã tiếp nhận" in html) or ("received your dossier" in html)
    # the code is used once
    assert client.post(check, {"code": last_code()}).status_code == 400


def test_lookup_is_rate_limited(client, dossier):
    url = reverse("portal:lookup-code", args=[dossier.code])
    statuses = [client.get(url).status_code for _ in range(31)]
    assert statuses[:30] == [200] * 30
    assert statuses[30] == 429


def test_codes_stop_after_five_wrong_tries(client, dossier):
    client.post(reverse("portal:lookup-send-code", args=[dossier.code]))
    good = last_code()
    check = reverse("portal:lookup-check-code", args=[dossier.code])
    wrong = "000000" if good != "000000" else "111111"
    for _ in range(5):
        client.post(check, {"code": wrong})
    assert client.post(check, {"code": good}).status_code == 400
