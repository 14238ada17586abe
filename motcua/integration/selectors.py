"""Reads of the integration state: delivery lag per receiver, subscriptions, delivery logs."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Count, F, Max, Min, OuterRef, QuerySet, Subquery, Sum

from motcua.core.pagination import Keyset, keyset_page
from motcua.dossiers.models import DossierEvent
from motcua.integration.models import (
    DeliveryAttempt,
    DeliveryState,
    Receiver,
    ReceiverKind,
)
from motcua.integration.services.webhooks import WebhookSubscriptionNotFoundError


@dataclass(frozen=True, slots=True)
class ReceiverLag:
    """How far behind a receiver is (the observable lag of the outbox)."""

    receiver: Receiver
    pending_dossiers: int
    pending_events: int  # events recorded but not yet delivered (collected dossiers)
    uncollected_events: int  # events above the collector's cursor (not yet looked at)
    oldest_pending_at: dt.datetime | None  # when the oldest undelivered event happened
    lag_seconds: float  # now − oldest_pending_at (0 when nothing waits)
    dead_letters: int
    last_delivered_at: dt.datetime | None
    retry_at: dt.datetime | None  # the receiver's circuit is open until then


def receiver_lag(*, receiver: Receiver, now: dt.datetime) -> ReceiverLag:
    """The delivery lag of one receiver, in a few indexed queries."""
    pending = DeliveryState.objects.filter(receiver=receiver, is_pending=True, dead_at__isnull=True)
    first_undelivered = DossierEvent.objects.filter(
        dossier_id=OuterRef("dossier_id"), sequence=OuterRef("delivered_sequence") + 1
    ).values("occurred_at")[:1]
    figures = pending.annotate(first_at=Subquery(first_undelivered)).aggregate(
        dossiers=Count("id"),
        events=Sum(F("dossier__version") - F("delivered_sequence")),
        oldest=Min("first_at"),
    )
    last_delivered = DeliveryState.objects.filter(receiver=receiver).aggregate(
        last=Max("delivered_at")
    )["last"]
    oldest = figures["oldest"]
    return ReceiverLag(
        receiver=receiver,
        pending_dossiers=figures["dossiers"] or 0,
        pending_events=max(0, figures["events"] or 0),
        uncollected_events=DossierEvent.objects.filter(id__gt=receiver.event_cursor).count(),
        oldest_pending_at=oldest,
        lag_seconds=max(0.0, (now - oldest).total_seconds()) if oldest else 0.0,
        dead_letters=DeliveryState.objects.filter(receiver=receiver, dead_at__isnull=False).count(),
        last_delivered_at=last_delivered,
        retry_at=receiver.retry_at,
    )


def receivers_lag(*, now: dt.datetime) -> list[ReceiverLag]:
    """The lag of every active receiver, the national portal first."""
    receivers = Receiver.objects.filter(is_active=True).order_by("kind", "id")
    ordered = sorted(receivers, key=lambda r: (r.kind != ReceiverKind.NATIONAL_PORTAL, r.pk))
    return [receiver_lag(receiver=r, now=now) for r in ordered]


def dead_letters(*, receiver: Receiver) -> QuerySet[DeliveryState]:
    return (
        DeliveryState.objects.filter(receiver=receiver, dead_at__isnull=False)
        .select_related("dossier")
        .order_by("dead_at", "id")
    )


def webhook_subscription_list(*, owner: AbstractBaseUser | AnonymousUser) -> QuerySet[Receiver]:
    return Receiver.objects.filter(
        kind=ReceiverKind.WEBHOOK, owner_id=owner.pk, is_active=True
    ).order_by("id")


def webhook_subscription_get(
    *, owner: AbstractBaseUser | AnonymousUser, subscription_id: int
) -> Receiver:
    """One of ``owner``'s subscriptions (stopped ones too, for their log); not found otherwise."""
    receiver = Receiver.objects.filter(
        pk=subscription_id, kind=ReceiverKind.WEBHOOK, owner_id=owner.pk
    ).first()
    if receiver is None:
        raise WebhookSubscriptionNotFoundError()
    return receiver


def delivery_attempt_page(
    *, receiver: Receiver, after: Keyset | None, limit: int
) -> tuple[list[DeliveryAttempt], Keyset | None]:
    """The delivery log of a receiver, newest first, a keyset page at a time."""
    rows = DeliveryAttempt.objects.filter(receiver=receiver).order_by("-id")
    return keyset_page(rows, after=after, limit=limit)
