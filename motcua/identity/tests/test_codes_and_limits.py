import datetime as dt

import pytest

from motcua.identity.contacts import Contact
from motcua.identity.exceptions import InvalidCodeError, RateLimitedError
from motcua.identity.models import OneTimeCode
from motcua.identity.services.codes import code_check, code_issue
from motcua.identity.services.ratelimit import rate_limit_hit
from motcua.notifications.backends import read_outbox

NOW = dt.datetime(2026, 3, 2, 1, 0, tzinfo=dt.UTC)
PHONE = Contact("phone", "0912345678")


def issued_code() -> str:
    return read_outbox()[-1]["body"].split()[-1]


@pytest.mark.django_db
def test_a_code_works_once_and_not_after_ten_minutes():
    code_issue(purpose="verify_contact", subject="s", contact=PHONE, now=NOW, message="Mã %(code)s")
    code = issued_code()
    assert OneTimeCode.objects.get().code_hash != code  # only a keyed hash is stored
    with pytest.raises(InvalidCodeError):
        code_check(
            purpose="verify_contact", subject="s", code=code, now=NOW + dt.timedelta(minutes=11)
        )
    assert code_check(purpose="verify_contact", subject="s", code=code, now=NOW).used_at == NOW
    with pytest.raises(InvalidCodeError):
        code_check(purpose="verify_contact", subject="s", code=code, now=NOW)


@pytest.mark.django_db
def test_a_new_code_replaces_the_old_one():
    code_issue(purpose="verify_contact", subject="s", contact=PHONE, now=NOW, message="Mã %(code)s")
    old = issued_code()
    code_issue(purpose="verify_contact", subject="s", contact=PHONE, now=NOW, message="Mã %(code)s")
    new = issued_code()
    if old != new:
        with pytest.raises(InvalidCodeError):
            code_check(purpose="verify_contact", subject="s", code=old, now=NOW)
    assert code_check(purpose="verify_contact", subject="s", code=new, now=NOW).used_at == NOW


@pytest.mark.django_db
def test_codes_to_one_destination_are_limited_per_hour():
    for _ in range(5):
        code_issue(
            purpose="dossier_access", subject="d", contact=PHONE, now=NOW, message="%(code)s"
        )
    with pytest.raises(RateLimitedError):
        code_issue(
            purpose="dossier_access", subject="d", contact=PHONE, now=NOW, message="%(code)s"
        )
    later = NOW + dt.timedelta(hours=1)
    code_issue(purpose="dossier_access", subject="d", contact=PHONE, now=later, message="%(code)s")


@pytest.mark.django_db
def test_rate_limit_counts_per_key_and_window():
    counts = [
        rate_limit_hit(scope="x", key="a", limit=3, window_seconds=60, now=NOW) for _ in range(3)
    ]
    assert counts == [1, 2, 3]
    with pytest.raises(RateLimitedError):
        rate_limit_hit(scope="x", key="a", limit=3, window_seconds=60, now=NOW)
    assert rate_limit_hit(scope="x", key="b", limit=3, window_seconds=60, now=NOW) == 1
    assert (
        rate_limit_hit(
            scope="x", key="a", limit=3, window_seconds=60, now=NOW + dt.timedelta(minutes=1)
        )
        == 1
    )
