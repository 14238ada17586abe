"""One-time codes (mã xác thực): issued to a phone or e-mail, checked a few times, used once.

Only an HMAC of the code (keyed with SECRET_KEY) is stored; the code itself goes out once
through ``notifications``. A code lives ten minutes and allows five wrong tries.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from motcua.identity.contacts import Contact
from motcua.identity.exceptions import InvalidCodeError
from motcua.identity.models import OneTimeCode
from motcua.identity.services.ratelimit import rate_limit_hit
from motcua.notifications.services.delivery import notification_send

CODE_LIFETIME = dt.timedelta(minutes=10)
MAX_ATTEMPTS = 5
CODES_PER_HOUR = 5  # to one destination


def _hash(code: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), code.encode(), hashlib.sha256).hexdigest()


def code_issue(
    *, purpose: str, subject: str, contact: Contact, now: dt.datetime, message: str
) -> None:
    """Send a new 6-digit code for ``purpose`` and ``subject`` to ``contact``.

    ``message`` is the translated text with a ``%(code)s`` placeholder. Earlier unused codes of
    the same purpose and subject stop working. Limited to a few codes an hour per destination.
    """
    rate_limit_hit(
        scope="code-issue", key=contact.value, limit=CODES_PER_HOUR, window_seconds=3600, now=now
    )
    code = f"{secrets.randbelow(1_000_000):06d}"
    with transaction.atomic():
        OneTimeCode.objects.filter(purpose=purpose, subject=subject, used_at__isnull=True).update(
            used_at=now
        )
        row = OneTimeCode.objects.create(
            purpose=purpose,
            subject=subject,
            code_hash=_hash(code),
            channel=contact.channel,
            destination=contact.value,
            expires_at=now + CODE_LIFETIME,
        )
    notification_send(
        channel=contact.channel,
        recipient=contact.value,
        subject=_("Your verification code"),
        body=message % {"code": code},
        key=f"code:{row.pk}",
        secret=True,
    )


def code_check(*, purpose: str, subject: str, code: str, now: dt.datetime) -> OneTimeCode:
    """Use the live code of ``purpose`` and ``subject`` if ``code`` matches; else InvalidCodeError."""
    with transaction.atomic():
        row = (
            OneTimeCode.objects.select_for_update()
            .filter(purpose=purpose, subject=subject, used_at__isnull=True, expires_at__gt=now)
            .order_by("-created_at")
            .first()
        )
        if row is None or row.attempts >= MAX_ATTEMPTS:
            raise InvalidCodeError()
        if not hmac.compare_digest(row.code_hash, _hash(code.strip())):
            row.attempts += 1
            row.save(update_fields=["attempts"])  # kept: the error is raised after the commit
        else:
            row.used_at = now
            row.save(update_fields=["used_at"])
            return row
    raise InvalidCodeError()
