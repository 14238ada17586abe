"""Seeing a dossier's details without signing in: a one-time code sent to the applicant (tra cứu).

The public lookup shows only the status and due date; the code goes to the phone number or
e-mail address given in the dossier, so only the applicant can open the details.
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from motcua.dossiers.models import Dossier
from motcua.identity.contacts import Contact, mask, parse_contact
from motcua.identity.models import CodePurpose
from motcua.identity.services.codes import code_check, code_issue


def _applicant_contact(dossier_code: str) -> Contact | None:
    row = (
        Dossier.objects.filter(code=dossier_code)
        .values("applicant_phone", "applicant_email")
        .first()
    )
    if row is None:
        return None
    for value in (row["applicant_phone"], row["applicant_email"]):
        contact = parse_contact(value or "")
        if contact is not None:
            return contact
    return None


def dossier_access_code_send(*, dossier_code: str, now: dt.datetime) -> str | None:
    """Send a code to the applicant of ``dossier_code``; the masked destination, or None."""
    contact = _applicant_contact(dossier_code)
    if contact is None:
        return None
    code_issue(
        purpose=CodePurpose.DOSSIER_ACCESS,
        subject=dossier_code,
        contact=contact,
        now=now,
        message=_("Your code to see dossier %(dossier)s is %%(code)s. It is valid for 10 minutes.")
        % {"dossier": dossier_code},
    )
    return mask(contact)


def dossier_access_code_check(*, dossier_code: str, code: str, now: dt.datetime) -> None:
    """Raise InvalidCodeError unless ``code`` is the live code for ``dossier_code``."""
    code_check(purpose=CodePurpose.DOSSIER_ACCESS, subject=dossier_code, code=code, now=now)
