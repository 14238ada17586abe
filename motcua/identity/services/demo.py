"""Demo data of the identity app: the demo citizen can sign in on the portal."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction

from motcua.identity.models import AccountKind, CitizenAccount

DEMO_CITIZEN = {
    "username": "congdan",
    "full_name": "Nguyễn Văn Dân",
    "identity_number": "001203012345",
    "phone": "0912345678",
    "email": "congdan@example.org",
    "address": "Phường An Hòa, tỉnh An Hòa",
}


@transaction.atomic
def demo_citizen_account_ensure(*, now: dt.datetime) -> CitizenAccount | None:
    """Give the demo citizen user a verified portal account (phone and e-mail); idempotent.

    Returns None when the demo citizen user does not exist (the dossier demo creates it).
    """
    user = get_user_model().objects.filter(username=DEMO_CITIZEN["username"]).first()
    if user is None:
        return None
    existing = CitizenAccount.objects.filter(user=user).first()
    if existing is not None:
        return existing
    return CitizenAccount.objects.create(
        user=user,
        kind=AccountKind.PERSON,
        full_name=DEMO_CITIZEN["full_name"],
        identity_number=DEMO_CITIZEN["identity_number"],
        phone=DEMO_CITIZEN["phone"],
        email=DEMO_CITIZEN["email"],
        address=DEMO_CITIZEN["address"],
        phone_verified_at=now,
        email_verified_at=now,
    )
