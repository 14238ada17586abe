"""OpenID Connect sign-in against a real local provider (HTTP on 127.0.0.1)."""

import httpx
import pytest
from django.urls import reverse

from motcua.identity.models import CitizenAccount, OidcIdentity
from motcua.identity.tests.oidc_provider import LocalOidcProvider
from motcua.submissions.tests.helpers import citizen_user

CLAIMS = {
    "sub": "vneid-001203012345",
    "name": "Lê Văn Cường",
    "email": "cuong@example.vn",
    "email_verified": True,
    "phone_number": "+84905111222",
    "phone_number_verified": True,
}


@pytest.fixture
def provider(settings):
    with LocalOidcProvider(dict(CLAIMS)) as running:
        settings.MOTCUA_OIDC_PROVIDERS = running.settings()
        yield running


def sign_in(client, provider):
    start = client.get(reverse("portal:oidc-start", args=["vneid"]) + "?next=/ho-so-cua-toi/")
    assert start.status_code == 302
    assert start["Location"].startswith(provider.issuer + "/authorize?")
    authorize = httpx.get(start["Location"], follow_redirects=False, timeout=5)
    assert authorize.status_code == 302
    callback = httpx.URL(authorize.headers["Location"])
    return client.get(callback.path, dict(callback.params))


@pytest.mark.django_db
def test_first_sign_in_creates_an_account_with_verified_contacts(client, provider):
    response = sign_in(client, provider)
    assert response.status_code == 302
    assert response["Location"] == "/ho-so-cua-toi/"
    identity = OidcIdentity.objects.get(provider="vneid", subject="vneid-001203012345")
    account = CitizenAccount.objects.get(user=identity.user)
    assert (account.full_name, account.email, account.phone) == (
        "Lê Văn Cường",
        "cuong@example.vn",
        "0905111222",
    )
    assert account.email_verified_at is not None
    assert client.get(reverse("portal:my-dossiers")).status_code == 200
    # the second sign-in finds the same account
    client.logout()
    sign_in(client, provider)
    assert OidcIdentity.objects.count() == 1
    assert int(client.session["_auth_user_id"]) == identity.user_id


@pytest.mark.django_db
def test_a_local_account_with_the_same_email_is_not_taken_over(client, provider):
    local, _ = citizen_user(phone="0912999888", email="cuong@example.vn")
    sign_in(client, provider)
    identity = OidcIdentity.objects.get()
    assert identity.user_id != local.pk
    assert CitizenAccount.objects.get(user=identity.user).email is None


@pytest.mark.django_db
def test_a_token_with_the_wrong_nonce_is_refused(client, provider):
    provider.state.nonce_override = "forged"
    response = sign_in(client, provider)
    assert response["Location"] == reverse("portal:login")
    assert "_auth_user_id" not in client.session
    assert not OidcIdentity.objects.exists()


@pytest.mark.django_db
def test_a_callback_with_a_wrong_state_is_refused(client, provider):
    client.get(reverse("portal:oidc-start", args=["vneid"]))
    response = client.get(
        reverse("portal:oidc-callback", args=["vneid"]), {"code": "x", "state": "forged"}
    )
    assert response["Location"] == reverse("portal:login")
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_the_login_page_offers_configured_providers(client, provider):
    html = client.get(reverse("portal:login")).content.decode()
    assert reverse("portal:oidc-start", args=["vneid"]) in html


@pytest.mark.django_db
def test_an_unreachable_provider_sends_back_to_sign_in_with_a_message(client, settings):
    settings.MOTCUA_OIDC_PROVIDERS = {
        "vneid": {"issuer": "http://127.0.0.1:9", "client_id": "x", "label": "VNeID"}
    }
    settings.MOTCUA_OIDC_TIMEOUT = 2
    response = client.get(reverse("portal:oidc-start", args=["vneid"]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("portal:login")
    assert "VNeID" in response.content.decode()
    assert client.get(reverse("portal:oidc-start", args=["unknown"]))["Location"] == reverse(
        "portal:login"
    )
