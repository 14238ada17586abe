"""Webhooks: subscriptions per client with event filters, signed deliveries, a log per subscription.

Each event goes out alone as JSON, in order per dossier, through the outbox (``outbox.py``):
retries with exponential backoff, dead letters after repeated rejections. The body is signed with
HMAC-SHA256 over ``<timestamp>.<body>`` under the subscription's secret, sent as
``Motcua-Signature: t=<unix seconds>,v1=<hex>``; ``Idempotency-Key`` (``<dossier code>/<sequence>``)
lets the subscriber drop a repeat.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
import time
from collections.abc import Iterable, Sequence
from typing import Any

import httpx
from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from motcua.core.errors import DomainError, NotFoundError, ValidationFailedError
from motcua.dossiers.lifecycle import DossierStatus, Transition
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.dossiers.services.permissions import Actor
from motcua.integration.models import AttemptOutcome, DeliveryAttempt, Receiver, ReceiverKind
from motcua.integration.national_portal.mapping import event_key
from motcua.integration.retry import signature_header
from motcua.integration.services.outbox import Pending, Progress, SendReport

SIGNATURE_HEADER = "Motcua-Signature"
MAX_SUBSCRIPTIONS_PER_CLIENT = 20
MAX_LOGGED_REPLY = 500


class WebhookSubscriptionNotFoundError(NotFoundError):
    code = "webhook_subscription_not_found"
    title = _("Webhook subscription not found.")
    message_template = _("There is no such webhook subscription of yours.")


class TooManySubscriptionsError(DomainError):
    code = "too_many_subscriptions"
    status = 409
    title = _("Too many webhook subscriptions.")
    message_template = _("A client may have at most %(limit)s webhook subscriptions.")


def webhook_subscription_create(
    *, owner: Actor, name: str, url: str, actions: Iterable[str]
) -> tuple[Receiver, str]:
    """Subscribe ``owner`` to dossier events (all, or the named actions); return it and its secret.

    The secret is shown once; deliveries start from the events recorded after this moment.
    """
    wanted = sorted(set(actions))
    unknown = [a for a in wanted if a not in {t.value for t in Transition}]
    errors: dict[str, list[str]] = {}
    if unknown:
        errors["actions"] = [f"unknown action: {a}" for a in unknown]
    if not url.startswith(("https://", "http://")):
        errors["url"] = ["must be an http(s) URL"]
    if errors:
        raise ValidationFailedError(errors=errors)
    with transaction.atomic():
        count = Receiver.objects.filter(
            kind=ReceiverKind.WEBHOOK, owner_id=owner.pk, is_active=True
        ).count()
        if count >= MAX_SUBSCRIPTIONS_PER_CLIENT:
            raise TooManySubscriptionsError(limit=MAX_SUBSCRIPTIONS_PER_CLIENT)
        secret = "whsec_" + secrets.token_urlsafe(32)
        last = DossierEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
        receiver = Receiver.objects.create(
            kind=ReceiverKind.WEBHOOK,
            name=name[:100],
            owner_id=owner.pk,
            url=url,
            secret=secret,
            actions=wanted,
            start_event_id=last,
            event_cursor=last,
        )
    return receiver, secret


def webhook_subscription_delete(*, owner: Actor, subscription_id: int) -> None:
    """Stop a subscription; its delivery log stays readable by the admin."""
    updated = Receiver.objects.filter(
        pk=subscription_id, kind=ReceiverKind.WEBHOOK, owner_id=owner.pk, is_active=True
    ).update(is_active=False)
    if not updated:
        raise WebhookSubscriptionNotFoundError()


def webhook_payload(event: Any, dossier_code: str) -> dict[str, Any]:
    """The JSON body of one event delivery."""
    return {
        "id": event_key(dossier_code, event.sequence),
        "type": f"dossier.{event.action}",
        "dossier": dossier_code,
        "sequence": event.sequence,
        "from_status": DossierStatus(event.from_status).api_name if event.from_status else None,
        "to_status": DossierStatus(event.to_status).api_name,
        "occurred_at": event.occurred_at.isoformat(),
        "hash": event.hash,
    }


class WebhookSender:
    """Posts each pending event of a batch to the subscription's URL, in order per dossier."""

    def __init__(self, transport: httpx.BaseTransport | None = None) -> None:
        self._http = httpx.Client(
            timeout=httpx.Timeout(settings.WEBHOOK_TIMEOUT), transport=transport
        )

    def close(self) -> None:
        self._http.close()

    def send(self, receiver: Receiver, batch: Sequence[Pending], now: dt.datetime) -> SendReport:
        report = SendReport(progress={})
        codes = dict(
            Dossier.objects.filter(pk__in=[p.state.dossier_id for p in batch]).values_list(
                "pk", "code"
            )
        )
        for pending in batch:
            progress = Progress(pending.state.delivered_sequence)
            report.progress[pending.state.pk] = progress
            if report.transport_failed:
                continue
            for event in pending.events:
                if receiver.actions and event.action not in receiver.actions:
                    progress.delivered_sequence = event.sequence  # filtered out: nothing to send
                    continue
                outcome = self._post(
                    receiver, webhook_payload(event, codes[event.dossier_id]), now, report
                )
                if outcome is AttemptOutcome.DELIVERED:
                    progress.delivered_sequence = event.sequence
                    continue
                detail = report.attempts[-1].response or outcome.value
                if outcome is AttemptOutcome.REJECTED:
                    progress.rejected = detail
                else:
                    progress.failed = detail
                    report.transport_failed = True
                break
        return report

    def _post(
        self, receiver: Receiver, payload: dict[str, Any], now: dt.datetime, report: SendReport
    ) -> AttemptOutcome:
        body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
        timestamp = str(int(time.time()))
        headers = {
            "Content-Type": "application/json",
            SIGNATURE_HEADER: signature_header(receiver.secret, timestamp, body),
            "Idempotency-Key": payload["id"],
            "User-Agent": "motcua-webhooks/1",
        }
        started = time.monotonic()
        status: int | None = None
        try:
            response = self._http.post(receiver.url, content=body, headers=headers)
            status = response.status_code
            text = response.text[:MAX_LOGGED_REPLY]
            if 200 <= status < 300:
                outcome = AttemptOutcome.DELIVERED
            elif status >= 500 or status in (408, 429):
                outcome = AttemptOutcome.FAILED
            else:
                outcome = AttemptOutcome.REJECTED
        except httpx.HTTPError as exc:
            outcome = AttemptOutcome.FAILED
            text = f"{type(exc).__name__}: {exc}"[:MAX_LOGGED_REPLY]
        report.attempts.append(
            DeliveryAttempt(
                receiver=receiver,
                started_at=now,
                duration_ms=int((time.monotonic() - started) * 1000),
                operation="event",
                url=receiver.url,
                keys=[payload["id"]],
                outcome=outcome,
                http_status=status,
                response=text,
            )
        )
        return outcome
