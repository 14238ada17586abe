"""HTTP client of the national portal: post packets, read procedure pages (httpx, timeouts always).

A reply is classified, never raised: ``delivered``, ``exists`` (create of a dossier the portal
already holds), ``rejected`` (the portal refused the content: retrying the same packet will not
help) or ``failed`` (network error, timeout, HTTP 5xx, malformed reply: retry later). Every post
carries the idempotency keys of the events it holds, so the portal can drop a repeat.
"""

from __future__ import annotations

import enum
import hashlib
import json
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import httpx
from django.conf import settings

from motcua.integration.national_portal import schemas as s

#: Header with the idempotency keys of the packet's elements, in order, comma-separated.
KEYS_HEADER = "X-Motcua-Event-Keys"
IDEMPOTENCY_HEADER = "Idempotency-Key"
MAX_LOGGED_REPLY = 500


class Outcome(enum.StrEnum):
    DELIVERED = "delivered"
    EXISTS = "exists"  # "đã tồn tại": the dossier must be updated instead of created
    REJECTED = "rejected"  # the portal refused the content
    FAILED = "failed"  # transient: network, timeout, 5xx, malformed reply


@dataclass(frozen=True, slots=True)
class PostResult:
    outcome: Outcome
    url: str
    http_status: int | None
    detail: str  # the reply text (truncated) or the error
    duration_ms: int


@dataclass(frozen=True, slots=True)
class PortalConfig:
    """Where the portal is and how to authenticate (settings, per environment)."""

    create_url: str
    update_url: str
    progress_url: str
    procedures_url: str
    api_key: str
    timeout: float

    @classmethod
    def from_settings(cls) -> PortalConfig:
        return cls(
            create_url=settings.NATIONAL_PORTAL_CREATE_URL,
            update_url=settings.NATIONAL_PORTAL_UPDATE_URL,
            progress_url=settings.NATIONAL_PORTAL_PROGRESS_URL,
            procedures_url=settings.NATIONAL_PORTAL_PROCEDURES_URL,
            api_key=settings.NATIONAL_PORTAL_API_KEY,
            timeout=settings.NATIONAL_PORTAL_TIMEOUT,
        )


def _classify(response: httpx.Response) -> Outcome:
    if response.status_code >= 500 or response.status_code in (408, 429):
        return Outcome.FAILED
    try:
        reply = s.reply_of(response.json())
    except ValueError:
        reply = None
    if reply is None:
        # A reply we cannot read may hide an accepted packet: retry (the keys make it safe).
        return Outcome.FAILED
    if s.is_success(reply):
        return Outcome.DELIVERED
    if s.is_already_exists(reply):
        return Outcome.EXISTS
    return Outcome.REJECTED


class PortalClient:
    """One HTTP connection pool to the portal; use as a context manager."""

    def __init__(self, config: PortalConfig, transport: httpx.BaseTransport | None = None) -> None:
        self.config = config
        self._http = httpx.Client(
            timeout=httpx.Timeout(config.timeout),
            headers={"Authorization": f"Bearer {config.api_key}"},
            transport=transport,
        )

    def __enter__(self) -> PortalClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()

    def post(self, url: str, packet: Sequence[Any], keys: Sequence[str]) -> PostResult:
        """POST a packet (a JSON array) with its element keys; classify the reply."""
        body = json.dumps(list(packet), ensure_ascii=False, separators=(",", ":")).encode()
        headers = {
            "Content-Type": "application/json; charset=utf-8",
            KEYS_HEADER: ",".join(keys),
            IDEMPOTENCY_HEADER: hashlib.sha256(",".join(keys).encode()).hexdigest(),
        }
        started = time.monotonic()
        try:
            response = self._http.post(url, content=body, headers=headers)
        except httpx.HTTPError as exc:
            return PostResult(
                Outcome.FAILED,
                url,
                None,
                f"{type(exc).__name__}: {exc}"[:MAX_LOGGED_REPLY],
                _ms(started),
            )
        return PostResult(
            _classify(response),
            url,
            response.status_code,
            response.text[:MAX_LOGGED_REPLY],
            _ms(started),
        )

    def create(self, dossiers: Sequence[s.HoSoDongBoDVC], keys: Sequence[str]) -> PostResult:
        return self.post(self.config.create_url, dossiers, keys)

    def update(self, dossiers: Sequence[s.HoSoDongBoDVC], keys: Sequence[str]) -> PostResult:
        return self.post(self.config.update_url, dossiers, keys)

    def progress(
        self, entries: Sequence[s.QuaTrinhXuLyDongBoDVC], keys: Sequence[str]
    ) -> PostResult:
        if len(entries) > s.PROGRESS_CHUNK_SIZE:
            raise ValueError("progress packets hold at most 10 entries")
        return self.post(self.config.progress_url, entries, keys)

    def procedure_page(self, page: int) -> dict[str, Any]:
        """One page of the procedure packet: ``{"data": [record…], "next": page | None}``.

        Raises ``httpx.HTTPError`` on a transport or HTTP error and ``ValueError`` on a page that
        does not have the page's shape.
        """
        response = self._http.get(self.config.procedures_url, params={"page": page})
        response.raise_for_status()
        content = response.json()
        errors = s.procedure_page_errors(content)
        if errors:
            raise ValueError("; ".join(errors[:5]))
        return dict(content)


def _ms(started: float) -> int:
    return int((time.monotonic() - started) * 1000)
