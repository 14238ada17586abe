"""Retry timing and request signing (pure: no ORM, no clock)."""

from __future__ import annotations

import hashlib
import hmac

#: First wait after a failure, and the longest wait between two tries of one dossier.
BASE_SECONDS = 2.0
MAX_SECONDS = 3600.0
#: The longest a receiver that does not answer is left alone (then one batch is tried again).
MAX_CIRCUIT_SECONDS = 60.0


def backoff_seconds(
    failures: int, *, base: float = BASE_SECONDS, cap: float = MAX_SECONDS
) -> float:
    """Exponential backoff: how long to wait after the ``failures``-th failure in a row.

    >>> [backoff_seconds(n) for n in (1, 2, 3, 4)]
    [2.0, 4.0, 8.0, 16.0]
    >>> backoff_seconds(30)
    3600.0
    """
    if failures < 1:
        return 0.0
    return float(min(cap, base * 2 ** min(failures - 1, 62)))


def signature(secret: str, timestamp: str, body: bytes) -> str:
    """HMAC-SHA256 (hex) of ``timestamp`` + ``"."`` + ``body`` under ``secret``.

    >>> signature("k", "1700000000", b"{}")[:16]
    'bbba9cf3e7a8b2dd'
    """
    message = timestamp.encode() + b"." + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def signature_header(secret: str, timestamp: str, body: bytes) -> str:
    """The webhook signature header: ``t=<unix seconds>,v1=<hex HMAC>``."""
    return f"t={timestamp},v1={signature(secret, timestamp, body)}"


def parse_signature_header(value: str) -> tuple[str, str] | None:
    """``(timestamp, hex signature)`` from ``t=…,v1=…``; None when malformed.

    >>> parse_signature_header("t=17,v1=ab")
    ('17', 'ab')
    >>> parse_signature_header("v1=ab") is None
    True
    """
    parts = dict(item.split("=", 1) for item in value.split(",") if "=" in item)
    timestamp, digest = parts.get("t", ""), parts.get("v1", "")
    if not timestamp.isdigit() or not digest:
        return None
    return timestamp, digest


def is_valid_signature(
    secret: str, timestamp: str, body: bytes, digest: str, *, now: float, window: float
) -> bool:
    """True when ``digest`` signs ``timestamp.body`` and ``timestamp`` is within ``window`` of ``now``."""
    if not timestamp.isdigit() or abs(now - int(timestamp)) > window:
        return False
    return hmac.compare_digest(signature(secret, timestamp, body), digest)
