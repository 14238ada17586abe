"""The outbox worker: deliver every dossier event to every receiver, in order per dossier.

The outbox is ``DossierEvent``. A pass over one receiver:

1. **collect** marks the dossiers with events above the receiver's event cursor as pending
   (a periodic **sweep** compares every dossier's version with what was delivered, so an event
   that committed late under a lower id is found too);
2. **claim** leases a batch of due pending dossiers (``SKIP LOCKED`` on PostgreSQL): two workers
   never send one dossier at the same time, and a killed worker's lease simply expires;
3. **send** posts the events above each dossier's ``delivered_sequence`` through the receiver's
   sender, oldest first; each request carries the events' idempotency keys
   (``<dossier code>/<sequence>``) so a repeat after a crash is recognised by the receiver;
4. **finish** records how far each dossier got. A transport failure (receiver down, timeout,
   HTTP 5xx) opens the receiver's circuit with exponential backoff and never makes a dead letter;
   a rejected packet is retried with exponential backoff per dossier and becomes a dead letter
   after ``INTEGRATION_MAX_ATTEMPTS`` failures (the admin resends it).

Delivery is at least once on the wire and exactly once at a receiver that honours the keys.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Max, OuterRef, Q, Subquery
from django.db.models.lookups import GreaterThan

from motcua.dossiers.models import Dossier, DossierEvent
from motcua.integration.models import DeliveryAttempt, DeliveryState, Receiver, ReceiverKind
from motcua.integration.retry import MAX_CIRCUIT_SECONDS, backoff_seconds

logger = logging.getLogger(__name__)

#: How long a claimed batch belongs to its worker; after that another worker may take it.
LEASE_SECONDS = 120
#: How often the full reconciliation runs per receiver.
SWEEP_SECONDS = 60
#: Events read per collect step.
COLLECT_LIMIT = 5000


# --- what a sender returns ---------------------------------------------------------------------


@dataclass(slots=True)
class Pending:
    """A claimed dossier with the events it has not delivered yet (in sequence order)."""

    state: DeliveryState
    events: list[DossierEvent]


@dataclass(slots=True)
class Progress:
    """How far a sender got with one dossier."""

    delivered_sequence: int
    is_known: bool = False
    rejected: str = ""  # the receiver refused a packet of this dossier (counts toward dead letter)
    failed: str = ""  # a transport failure stopped this dossier (retry when the receiver is back)


@dataclass(slots=True)
class SendReport:
    progress: dict[int, Progress]  # by state id
    attempts: list[DeliveryAttempt] = field(default_factory=list)
    transport_failed: bool = False


class Sender(Protocol):
    def send(self, receiver: Receiver, batch: Sequence[Pending], now: dt.datetime) -> SendReport:
        """Deliver the batch's events; report per state how far each dossier got."""
        ...


@dataclass(frozen=True, slots=True)
class PassResult:
    claimed: int = 0
    delivered_events: int = 0
    rejected: int = 0
    failed: int = 0
    circuit_open: bool = False


# --- receivers ---------------------------------------------------------------------------------


def receiver_national_portal_get() -> Receiver:
    """The national portal's receiver row (created on first use)."""
    receiver, _created = Receiver.objects.get_or_create(
        kind=ReceiverKind.NATIONAL_PORTAL, defaults={"name": "National public service portal"}
    )
    return receiver


def receivers_active() -> list[Receiver]:
    """Every receiver the worker should serve now: the portal when enabled, active webhooks."""
    receivers = list(
        Receiver.objects.filter(kind=ReceiverKind.WEBHOOK, is_active=True).order_by("id")
    )
    if settings.USE_NATIONAL_PORTAL:
        portal = receiver_national_portal_get()
        if portal.is_active:
            receivers.insert(0, portal)
    return receivers


# --- collect and sweep -------------------------------------------------------------------------


def _mark_pending(receiver: Receiver, dossier_ids: Iterable[int], now: dt.datetime) -> int:
    ids = sorted(set(dossier_ids))
    if not ids:
        return 0
    # A receiver added later starts after the events that were there before it.
    already: dict[int, int] = {}
    if receiver.start_event_id:
        already = dict(
            DossierEvent.objects.filter(dossier_id__in=ids, id__lte=receiver.start_event_id)
            .values("dossier_id")
            .annotate(last=Max("sequence"))
            .values_list("dossier_id", "last")
        )
    DeliveryState.objects.bulk_create(
        [
            DeliveryState(
                receiver=receiver,
                dossier_id=i,
                delivered_sequence=already.get(i, 0),
                pending_since=now,
                next_attempt_at=now,
            )
            for i in ids
        ],
        ignore_conflicts=True,
        batch_size=1000,
    )
    return DeliveryState.objects.filter(
        receiver=receiver, dossier_id__in=ids, is_pending=False
    ).update(is_pending=True, pending_since=now, next_attempt_at=now, attempts=0)


def outbox_collect(*, receiver: Receiver, now: dt.datetime, limit: int = COLLECT_LIMIT) -> int:
    """Mark pending the dossiers with events above the receiver's cursor; return events read."""
    rows = list(
        DossierEvent.objects.filter(id__gt=receiver.event_cursor)
        .order_by("id")
        .values_list("id", "dossier_id")[:limit]
    )
    if not rows:
        return 0
    with transaction.atomic():
        _mark_pending(receiver, (dossier_id for _id, dossier_id in rows), now)
        receiver.event_cursor = rows[-1][0]
        Receiver.objects.filter(pk=receiver.pk, event_cursor__lt=receiver.event_cursor).update(
            event_cursor=receiver.event_cursor
        )
    return len(rows)


def outbox_sweep(*, receiver: Receiver, now: dt.datetime) -> int:
    """Mark pending every dossier whose version is above what the receiver was sent.

    Catches an event that committed after a later-numbered one had moved the cursor past it.
    """
    delivered = DeliveryState.objects.filter(receiver=receiver, dossier_id=OuterRef("pk"))
    dossiers = Dossier.objects.all()
    if receiver.start_event_id:
        later = DossierEvent.objects.filter(id__gt=receiver.start_event_id)
        dossiers = dossiers.filter(pk__in=later.values("dossier_id"))
    behind = (
        dossiers.annotate(
            delivered=Subquery(delivered.values("delivered_sequence")[:1]),
            pending=Subquery(delivered.values("is_pending")[:1]),
        )
        .filter(Q(delivered__isnull=True) | (Q(delivered__lt=F("version")) & Q(pending=False)))
        .values_list("pk", flat=True)
    )
    ids = list(behind)
    with transaction.atomic():
        _mark_pending(receiver, ids, now)
        Receiver.objects.filter(pk=receiver.pk).update(swept_at=now)
    receiver.swept_at = now
    if ids:
        logger.info("sweep of %s found %d dossier(s) behind", receiver, len(ids))
    return len(ids)


# --- claim, send, finish -----------------------------------------------------------------------


def outbox_claim(
    *, receiver: Receiver, now: dt.datetime, limit: int, lease_seconds: float = LEASE_SECONDS
) -> str | None:
    """Lease up to ``limit`` due pending dossiers of ``receiver``; return the lease token."""
    with transaction.atomic():
        due = (
            DeliveryState.objects.filter(
                receiver=receiver,
                is_pending=True,
                dead_at__isnull=True,
                next_attempt_at__lte=now,
            )
            .filter(Q(leased_until__isnull=True) | Q(leased_until__lte=now))
            .order_by("next_attempt_at", "id")
        )
        if connection.features.has_select_for_update_skip_locked:
            due = due.select_for_update(skip_locked=True)
        ids = list(due.values_list("pk", flat=True)[:limit])
        if not ids:
            return None
        token = uuid.uuid4().hex
        DeliveryState.objects.filter(pk__in=ids).update(
            lease_token=token, leased_until=now + dt.timedelta(seconds=lease_seconds)
        )
    return token


def _load_batch(token: str) -> list[Pending]:
    states = list(DeliveryState.objects.filter(lease_token=token).order_by("id"))
    if not states:
        return []
    # One simple query for the batch (an OR per dossier costs more to build than to filter here).
    delivered = {state.dossier_id: state.delivered_sequence for state in states}
    rows = DossierEvent.objects.filter(
        dossier_id__in=list(delivered), sequence__gt=min(delivered.values())
    )
    events: dict[int, list[DossierEvent]] = {}
    for event in rows.select_related("actor").order_by("dossier_id", "sequence"):
        if event.sequence > delivered[event.dossier_id]:
            events.setdefault(event.dossier_id, []).append(event)
    return [Pending(state, events.get(state.dossier_id, [])) for state in states]


_FINISHED_FIELDS = (
    "delivered_sequence",
    "delivered_at",
    "is_known_to_receiver",
    "attempts",
    "last_error",
    "next_attempt_at",
    "dead_at",
)


def _finish(
    receiver: Receiver,
    token: str,
    batch: Sequence[Pending],
    report: SendReport,
    now: dt.datetime,
) -> PassResult:
    max_attempts = settings.INTEGRATION_MAX_ATTEMPTS
    delivered_events = rejected = failed = 0
    changed: list[DeliveryState] = []
    # A batch whose lease expired meanwhile belongs to another worker now: leave it alone.
    ours = set(
        DeliveryState.objects.filter(
            pk__in=[item.state.pk for item in batch], lease_token=token
        ).values_list("pk", flat=True)
    )
    for item in batch:
        state = item.state
        if state.pk not in ours:
            continue
        progress = report.progress.get(state.pk, Progress(state.delivered_sequence))
        delivered_events += max(0, progress.delivered_sequence - state.delivered_sequence)
        if progress.delivered_sequence > state.delivered_sequence:
            state.delivered_at = now
        state.delivered_sequence = max(state.delivered_sequence, progress.delivered_sequence)
        state.is_known_to_receiver = state.is_known_to_receiver or progress.is_known
        state.lease_token = ""
        state.leased_until = None
        if progress.rejected:
            rejected += 1
            state.attempts += 1
            state.last_error = progress.rejected
            state.next_attempt_at = now + dt.timedelta(seconds=backoff_seconds(state.attempts))
            if state.attempts >= max_attempts:
                state.dead_at = now
                logger.warning("dead letter: %s: %s", state, progress.rejected)
        elif progress.failed:
            failed += 1
            state.last_error = progress.failed
            # The receiver's circuit decides when to try again; this is no fault of the dossier.
            state.next_attempt_at = now
        else:
            state.attempts = 0
            state.last_error = ""
            state.next_attempt_at = now
        changed.append(state)
    with transaction.atomic():
        # One UPDATE per distinct outcome (usually one per delivered sequence): far cheaper than
        # a bulk_update's CASE per row and field.
        groups: dict[tuple[object, ...], list[int]] = {}
        for state in changed:
            outcome: tuple[object, ...] = (
                state.delivered_sequence,
                state.delivered_at,
                state.is_known_to_receiver,
                state.attempts,
                state.last_error,
                state.next_attempt_at,
                state.dead_at,
            )
            groups.setdefault(outcome, []).append(state.pk)
        for values, ids in groups.items():
            DeliveryState.objects.filter(pk__in=ids).update(
                **dict(zip(_FINISHED_FIELDS, values, strict=True)),
                lease_token="",
                leased_until=None,
            )
        # Still pending if the dossier has moved on meanwhile (decided by the database, so a
        # concurrent collect cannot be overwritten).
        version = Dossier.objects.filter(pk=OuterRef("dossier_id")).values("version")[:1]
        DeliveryState.objects.filter(pk__in=[s.pk for s in changed]).update(
            is_pending=GreaterThan(Subquery(version), F("delivered_sequence"))
        )
        if report.attempts:
            DeliveryAttempt.objects.bulk_create(report.attempts, batch_size=500)
        if report.transport_failed:
            receiver.failure_count += 1
            wait = backoff_seconds(receiver.failure_count, base=1.0, cap=MAX_CIRCUIT_SECONDS)
            receiver.retry_at = now + dt.timedelta(seconds=wait)
        elif delivered_events or not failed:
            receiver.failure_count = 0
            receiver.retry_at = None
        Receiver.objects.filter(pk=receiver.pk).update(
            failure_count=receiver.failure_count, retry_at=receiver.retry_at
        )
    return PassResult(
        claimed=len(batch),
        delivered_events=delivered_events,
        rejected=rejected,
        failed=failed,
    )


def outbox_deliver_once(
    *, receiver: Receiver, sender: Sender, now: dt.datetime, limit: int | None = None
) -> PassResult:
    """One pass for one receiver: collect (and sweep when due), claim a batch, send, finish."""
    if receiver.retry_at is not None and receiver.retry_at > now:
        return PassResult(circuit_open=True)
    if receiver.swept_at is None or now - receiver.swept_at >= dt.timedelta(seconds=SWEEP_SECONDS):
        outbox_sweep(receiver=receiver, now=now)
    outbox_collect(receiver=receiver, now=now)
    token = outbox_claim(receiver=receiver, now=now, limit=limit or settings.INTEGRATION_BATCH_SIZE)
    if token is None:
        return PassResult()
    batch = _load_batch(token)
    report = sender.send(receiver, batch, now)
    return _finish(receiver, token, batch, report, now)


def outbox_drain(
    *, receiver: Receiver, sender: Sender, now: dt.datetime, max_passes: int = 1000
) -> PassResult:
    """Repeat passes at ``now`` until nothing is due; return the totals."""
    totals = PassResult()
    for _ in range(max_passes):
        result = outbox_deliver_once(receiver=receiver, sender=sender, now=now)
        totals = PassResult(
            claimed=totals.claimed + result.claimed,
            delivered_events=totals.delivered_events + result.delivered_events,
            rejected=totals.rejected + result.rejected,
            failed=totals.failed + result.failed,
            circuit_open=result.circuit_open,
        )
        if result.claimed == 0 or result.circuit_open or result.failed:
            break
    return totals


# --- dead letters ------------------------------------------------------------------------------


def delivery_state_resend(*, state_ids: Iterable[int], now: dt.datetime) -> int:
    """Send dead letters (or any stuck dossier) again now: clears the failures and the lease."""
    return DeliveryState.objects.filter(pk__in=list(state_ids)).update(
        dead_at=None,
        attempts=0,
        last_error="",
        next_attempt_at=now,
        lease_token="",
        leased_until=None,
        is_pending=GreaterThan(
            Subquery(Dossier.objects.filter(pk=OuterRef("dossier_id")).values("version")[:1]),
            F("delivered_sequence"),
        ),
    )
