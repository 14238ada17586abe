"""CSRF, cookie flags, the friendly error page, and the page-size budget."""

import doctest

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.urls import path, reverse
from django.utils import timezone

import motcua.identity.contacts
from motcua.submissions.services import drafts
from motcua.submissions.tests.helpers import make_portal, pdf
from motcua.urls import urlpatterns as root_patterns

PAGE_LIMIT = 100 * 1024


def boom(request):
    raise RuntimeError("secret internal detail")


urlpatterns = [path("boom/", boom), *root_patterns]
handler500 = "motcua.portal.views.errors.server_error"


def test_contact_parsing_doctests():
    assert doctest.testmod(motcua.identity.contacts).failed == 0


@pytest.mark.django_db
def test_forms_need_the_csrf_token():
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("portal:login"), {"contact": "0912345678", "password": "x"})
    assert response.status_code == 403


def test_cookies_are_http_only_and_same_site():
    assert django_settings.SESSION_COOKIE_HTTPONLY is True
    assert django_settings.CSRF_COOKIE_HTTPONLY is True
    assert django_settings.SESSION_COOKIE_SAMESITE == "Lax"
    assert django_settings.CSRF_COOKIE_SAMESITE == "Lax"
    from motcua import settings as configured  # the module, before test overrides

    assert configured.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


@pytest.mark.django_db
def test_server_error_page_gives_a_reference_not_a_trace(settings):
    settings.ROOT_URLCONF = __name__
    client = Client(raise_request_exception=False)
    response = client.get("/boom/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "secret internal detail" not in html
    assert "Traceback" not in html
    assert "<strong>" in html  # the reference, to quote to the help desk


@pytest.mark.django_db
def test_every_portal_page_fits_in_100_kb(client):
    p = make_portal()
    draft = drafts.draft_start(user=p.citizen, version=p.world.version)
    for doc in (p.form_doc, p.id_doc):
        drafts.draft_document_upload(
            draft=draft, required_document_id=doc.pk, upload=pdf(), name="a.pdf"
        )
    dossier = drafts.draft_submit(draft=draft, actor=p.citizen, now=timezone.now())
    other = drafts.draft_start(user=p.citizen, version=p.world.version)
    public = [
        reverse("portal:login"),
        reverse("portal:register"),
        reverse("portal:verify"),
        reverse("portal:reset-request"),
        reverse("portal:reset-confirm"),
        reverse("portal:lookup"),
        reverse("portal:lookup-code", args=[dossier.code]),
    ]
    private = [
        reverse("portal:my-dossiers"),
        reverse("portal:dossier", args=[dossier.code]),
        reverse("portal:receipt", args=[dossier.code]),
        reverse("portal:withdraw", args=[dossier.code]),
        reverse("portal:draft-edit", args=[other.pk]),
    ]
    sizes = {}
    for url in public:
        sizes[url] = len(client.get(url).content)
    client.force_login(p.citizen)
    for url in private:
        response = client.get(url)
        assert response.status_code == 200, url
        sizes[url] = len(response.content)
    css = sum(
        (django_settings.BASE_DIR / "motcua" / f).stat().st_size
        for f in ("static/motcua/motcua.css", "portal/static/portal/portal.css")
    )
    assert all(size + css < PAGE_LIMIT for size in sizes.values()), sizes
