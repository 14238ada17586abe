"""Creating and checking API tokens."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Iterable

from django.contrib.auth.models import User
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from motcua.accounts.models import ApiToken, Scope
from motcua.core.errors import DomainError

TOKEN_PREFIX = "mct_"  # noqa: S105 - a label, not a secret


class UnknownScopeError(DomainError):
    code = "unknown_scope"
    title = _("Unknown scope.")
    message_template = _("Unknown scope: %(scope)s.")


def token_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def token_create(
    *,
    user: User,
    name: str,
    scopes: Iterable[str],
    expires_at: dt.datetime | None = None,
) -> tuple[ApiToken, str]:
    """Create a token for ``user`` limited to ``scopes``; return it with its secret (shown once)."""
    wanted = sorted(set(scopes))
    known = set(Scope.values)
    for scope in wanted:
        if scope not in known:
            raise UnknownScopeError(scope=scope)
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=raw[: len(TOKEN_PREFIX) + 6],
        key_hash=token_hash(raw),
        scopes=wanted,
        expires_at=expires_at,
    )
    return token, raw


def token_get_active(*, raw: str, now: dt.datetime) -> ApiToken | None:
    """The active token whose secret is ``raw``, with its user; None if unknown, revoked or expired."""
    # key_hash is unique: a slice, not first(), which would add an ORDER BY to every request.
    tokens = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=token_hash(raw), revoked_at__isnull=True, user__is_active=True)
        .filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))
    )[:1]
    return next(iter(tokens), None)
