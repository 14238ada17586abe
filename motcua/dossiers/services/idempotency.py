"""Idempotent POSTs: the first response to an ``Idempotency-Key`` is stored and replayed.

The key is reserved in the same transaction as the work, so two concurrent requests with one key
cannot both run: on PostgreSQL the second waits for the first's commit and then replays it. A
request that fails with an error stores nothing (a retry runs again).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from motcua.core.errors import DomainError
from motcua.dossiers.events import canonical_json
from motcua.dossiers.models import IdempotencyRecord

MAX_KEY_LENGTH = 255


class IdempotencyKeyReusedError(DomainError):
    code = "idempotency_key_reused"
    status = 422
    title = _("The idempotency key was used for another request.")
    message_template = _(
        "This Idempotency-Key was already used with a different request; use a new key."
    )


class InvalidIdempotencyKeyError(DomainError):
    code = "invalid_idempotency_key"
    status = 400
    title = _("The idempotency key is not valid.")
    message_template = _("An Idempotency-Key must be 1 to 255 printable characters.")


@dataclass(frozen=True, slots=True)
class StoredResponse:
    status: int
    body: Any
    headers: dict[str, str]
    replayed: bool


def request_fingerprint(*, method: str, path: str, content: Any) -> str:
    """SHA-256 of a request's method, path and content (files given by their digests)."""
    text = canonical_json({"method": method, "path": path, "content": content})
    return hashlib.sha256(text.encode()).hexdigest()


def _replay(record: IdempotencyRecord, fingerprint: str) -> StoredResponse:
    if record.fingerprint != fingerprint:
        raise IdempotencyKeyReusedError()
    return StoredResponse(
        record.response_status, record.response_body, dict(record.response_headers), True
    )


def idempotent_call(
    *,
    principal: str,
    key: str,
    fingerprint: str,
    run: Callable[[], tuple[int, Any, dict[str, str]]],
) -> StoredResponse:
    """Replay the stored response for ``(principal, key)``, or run ``run`` and store its response."""
    if not key or len(key) > MAX_KEY_LENGTH or not key.isprintable():
        raise InvalidIdempotencyKeyError()
    existing = IdempotencyRecord.objects.filter(principal=principal, key=key).first()
    if existing is not None:
        return _replay(existing, fingerprint)
    try:
        with transaction.atomic():
            record = IdempotencyRecord.objects.create(
                principal=principal, key=key, fingerprint=fingerprint
            )
            status, body, headers = run()
            record.response_status = status
            record.response_body = body
            record.response_headers = headers
            record.save(update_fields=["response_status", "response_body", "response_headers"])
    except IntegrityError:
        existing = IdempotencyRecord.objects.filter(principal=principal, key=key).first()
        if existing is None:
            raise
        return _replay(existing, fingerprint)
    return StoredResponse(status, body, headers, False)
