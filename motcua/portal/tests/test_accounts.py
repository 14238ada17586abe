"""Registration, activation, sign-in by phone or e-mail, password reset; no user enumeration."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from motcua.identity.models import AccountKind, CitizenAccount
from motcua.notifications.backends import read_outbox
from motcua.submissions.tests.helpers import PASSWORD, citizen_user


def last_code(recipient: str) -> str:
    body = [m for m in read_outbox() if m["recipient"] == recipient][-1]["body"]
    return str(re.findall(r"\b(\d{6})\b", body)[-1])


def register(client, contact, **extra):
    data = {
        "kind": "person",
        "full_name": "Trần Thị Bình",
        "identity_number": "",
        "organization_name": "",
        "contact": contact,
        "password": PASSWORD,
        **extra,
    }
    return client.post(reverse("portal:register"), data)


@pytest.mark.django_db
def test_register_activate_and_sign_in_with_phone_or_email(client, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    response = register(client, "+84 901 234 567")
    assert response["Location"] == reverse("portal:verify")
    account = CitizenAccount.objects.get(phone="0901234567")
    assert account.user.is_active is False
    assert account.user.password.startswith("argon2$")
    # cannot sign in before activation
    login = reverse("portal:login")
    assert client.post(login, {"contact": "0901234567", "password": PASSWORD}).status_code == 400
    response = client.post(
        reverse("portal:verify"), {"contact": "0901234567", "code": last_code("0901234567")}
    )
    assert response["Location"] == reverse("portal:my-dossiers")
    account.refresh_from_db()
    assert account.phone_verified_at is not None
    client.logout()
    response = client.post(login, {"contact": "0901 234 567", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("portal:my-dossiers")).status_code == 200


@pytest.mark.django_db
def test_organization_account_represents_the_business(client):
    response = register(
        client,
        "ketoan@congty.vn",
        kind="organization",
        identity_number="0100109106",
        organization_name="Công ty TNHH Bình An",
    )
    assert response.status_code == 302
    account = CitizenAccount.objects.get(email="ketoan@congty.vn")
    assert account.kind == AccountKind.ORGANIZATION
    assert account.display_name == "Công ty TNHH Bình An"


@pytest.mark.django_db
def test_register_errors_say_how_to_fix_them(client):
    response = register(client, "12345", password="123")
    assert response.status_code == 400
    html = response.content.decode()
    assert 'href="#id_contact"' in html
    assert 'href="#id_password"' in html
    assert 'aria-invalid="true"' in html


@pytest.mark.django_db
def test_registering_a_taken_contact_looks_the_same_and_warns_its_owner(client):
    _user, _ = citizen_user(phone="0912000111", email="binh@example.vn")
    users_before = get_user_model().objects.count()
    response = register(client, "binh@example.vn")
    assert response["Location"] == reverse("portal:verify")
    assert get_user_model().objects.count() == users_before
    notice = [m for m in read_outbox() if m["recipient"] == "binh@example.vn"][-1]
    assert not re.search(r"\b\d{6}\b", notice["body"])


@pytest.mark.django_db
def test_wrong_password_and_unknown_contact_get_the_same_answer(client):
    citizen_user(phone="0912000222", email="c@example.vn")
    url = reverse("portal:login")
    wrong = client.post(url, {"contact": "0912000222", "password": "sai-mat-khau"})
    unknown = client.post(url, {"contact": "0999999999", "password": "sai-mat-khau"})
    assert wrong.status_code == unknown.status_code == 400

    def message(r):
        return re.findall(r'id="main-error">([^<]+)<', r.content.decode())

    assert message(wrong) == message(unknown)


@pytest.mark.django_db
def test_password_reset_with_a_code(client):
    user, _ = citizen_user(phone="0912000333", email="d@example.vn")
    response = client.post(reverse("portal:reset-request"), {"contact": "d@example.vn"})
    assert response["Location"] == reverse("portal:reset-confirm")
    code = last_code("d@example.vn")
    response = client.post(
        reverse("portal:reset-confirm"),
        {"contact": "d@example.vn", "code": code, "password": "Mot-mat-khau-moi-9"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Mot-mat-khau-moi-9")


@pytest.mark.django_db
def test_reset_for_an_unknown_contact_looks_the_same_and_sends_nothing(client):
    response = client.post(reverse("portal:reset-request"), {"contact": "khong-co@example.vn"})
    assert response["Location"] == reverse("portal:reset-confirm")
    assert [m for m in read_outbox() if m["recipient"] == "khong-co@example.vn"] == []


@pytest.mark.django_db
def test_sign_in_is_rate_limited(client):
    citizen_user(phone="0912000444", email="e@example.vn")
    url = reverse("portal:login")
    statuses = [
        client.post(url, {"contact": "0912000444", "password": "sai"}).status_code
        for _ in range(11)
    ]
    assert statuses[:10] == [400] * 10
    assert statuses[10] == 429
    # even the right password waits now
    assert client.post(url, {"contact": "0912000444", "password": PASSWORD}).status_code == 429


@pytest.mark.django_db
def test_next_parameter_cannot_leave_the_site(client):
    citizen_user(phone="0912000555", email="f@example.vn")
    response = client.post(
        reverse("portal:login") + "?next=https://evil.example/",
        {"contact": "0912000555", "password": PASSWORD},
    )
    assert response["Location"] == reverse("portal:my-dossiers")
