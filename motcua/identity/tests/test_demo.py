import datetime as dt

import pytest
from django.contrib.auth import get_user_model

from motcua.identity.models import CitizenAccount
from motcua.identity.services.accounts import account_authenticate
from motcua.identity.services.demo import demo_citizen_account_ensure

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 3, 2, 1, 0, tzinfo=dt.UTC)


def test_demo_citizen_signs_in_by_phone_or_email_and_the_step_is_idempotent():
    # given the demo citizen user made by the dossier demo
    user = get_user_model().objects.create_user(username="congdan", password="motcua-demo")
    # when
    first = demo_citizen_account_ensure(now=NOW)
    second = demo_citizen_account_ensure(now=NOW)
    # then
    assert first == second
    assert CitizenAccount.objects.count() == 1
    assert account_authenticate(contact_text="0912345678", password="motcua-demo") == user
    assert account_authenticate(contact_text="congdan@example.org", password="motcua-demo") == user


def test_nothing_happens_without_the_demo_citizen_user():
    assert demo_citizen_account_ensure(now=NOW) is None
    assert CitizenAccount.objects.count() == 0
