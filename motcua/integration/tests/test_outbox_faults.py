"""The outbox against a failing portal: every change arrives once, in order, nothing is lost."""

import datetime as dt
import io

import pytest
from django.core.management import call_command

from motcua.dossiers.lifecycle import DossierStatus
from motcua.dossiers.models import DossierEvent
from motcua.dossiers.services import transitions as t
from motcua.dossiers.tests.factories import dossier_in, submit
from motcua.integration.models import AttemptOutcome, DeliveryAttempt, DeliveryState
from motcua.integration.selectors import receiver_lag
from motcua.integration.services.outbox import (
    delivery_state_resend,
    outbox_claim,
    outbox_collect,
    outbox_deliver_once,
    outbox_drain,
)

from .conftest import later
from .reliability import drain_through_failures, run_outage_scenario


def keys(code, n):
    return [f"{code}/{i}" for i in range(1, n + 1)]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("mode", "accept", "duplicates"),
    [
        (
            "timeout",
            True,
            1,
        ),  # stored, but the reply came too late: sent again, dropped as a repeat
        ("timeout", False, 0),
        ("http_500", False, 0),
        ("http_500", True, 1),
        ("malformed", True, 1),
    ],
)
def test_a_failed_create_is_retried_and_reaches_the_portal_once(
    portal, sender, receiver, world, mode, accept, duplicates
):
    dossier = dossier_in(DossierStatus.PROCESSING, world)
    portal.control("faults", mode=mode, count=1, seconds=1.3, accept=accept)
    # when the first pass fails and later passes retry
    first = outbox_deliver_once(receiver=receiver, sender=sender, now=later(1))
    assert (first.delivered_events, first.failed) == (0, 1)
    drain_through_failures(receiver, sender, later(2))
    # then the portal holds each change exactly once
    state = portal.state()
    assert portal.progress_keys(dossier.code) == keys(dossier.code, dossier.version)
    assert state["snapshot_keys"][dossier.code] == [f"{dossier.code}/{dossier.version}"]
    assert state["counters"]["duplicate_elements"] == duplicates
    failed = DeliveryAttempt.objects.filter(receiver=receiver, outcome=AttemptOutcome.FAILED)
    assert failed.count() == 1
    assert DeliveryState.objects.get(dossier=dossier).dead_at is None


@pytest.mark.django_db
def test_a_transport_failure_opens_the_circuit_without_blaming_the_dossier(
    portal, sender, receiver, world
):
    submit(world)
    portal.control("outage", seconds=30)
    result = outbox_deliver_once(receiver=receiver, sender=sender, now=later(1))
    receiver.refresh_from_db()
    assert (result.failed, receiver.failure_count) == (1, 1)
    assert receiver.retry_at == later(1) + dt.timedelta(seconds=1)
    state = DeliveryState.objects.get(receiver=receiver)
    assert (state.attempts, state.dead_at, state.is_pending) == (0, None, True)
    # while the circuit is open nothing is tried
    assert outbox_deliver_once(receiver=receiver, sender=sender, now=later(1)).circuit_open
    # a second failure doubles the wait
    outbox_deliver_once(receiver=receiver, sender=sender, now=later(2))
    receiver.refresh_from_db()
    assert receiver.retry_at == later(2) + dt.timedelta(seconds=2)
    assert portal.state()["counters"]["dropped_connections"] == 2
    # the portal comes back
    portal.control("clock", advance=31)
    outbox_drain(receiver=receiver, sender=sender, now=later(3))
    receiver.refresh_from_db()
    assert (receiver.failure_count, receiver.retry_at) == (0, None)
    assert DeliveryState.objects.get(receiver=receiver).is_pending is False


@pytest.mark.django_db
def test_duplicate_acknowledgements_are_taken_as_delivered(portal, sender, receiver, world):
    dossier = dossier_in(DossierStatus.RECEIVED, world)
    # the create is acknowledged as "already exists" (it was stored): the client switches to update
    portal.control("faults", mode="duplicate_ack", count=2, accept=True)
    outbox_drain(receiver=receiver, sender=sender, now=later(1))
    state = portal.state()
    assert portal.progress_keys(dossier.code) == keys(dossier.code, dossier.version)
    assert state["dossiers"][dossier.code]["TrangThaiHoSo"] == DossierStatus.RECEIVED
    operations = list(
        DeliveryAttempt.objects.filter(receiver=receiver)
        .order_by("id")
        .values_list("operation", flat=True)
    )
    assert operations == ["create", "update", "progress"]
    assert DeliveryState.objects.get(dossier=dossier).is_known_to_receiver is True


@pytest.mark.django_db
def test_a_rejected_dossier_does_not_hold_back_the_others(portal, sender, receiver, world):
    first, second = submit(world), submit(world)
    # the shared packet is rejected, then the first dossier's own packet too
    portal.control("faults", mode="reject", count=2)
    result = outbox_deliver_once(receiver=receiver, sender=sender, now=later(1))
    assert (result.delivered_events, result.rejected) == (1, 1)
    assert portal.progress_keys(second.code) == [f"{second.code}/1"]
    assert portal.progress_keys(first.code) == []
    bad = DeliveryState.objects.get(dossier=first)
    assert (bad.attempts, bad.next_attempt_at) == (1, later(1) + dt.timedelta(seconds=2))
    assert "injected" in bad.last_error
    # not due before its backoff
    assert outbox_deliver_once(receiver=receiver, sender=sender, now=later(1)).claimed == 0
    outbox_drain(receiver=receiver, sender=sender, now=later(2))
    assert portal.progress_keys(first.code) == [f"{first.code}/1"]


@pytest.mark.django_db
def test_repeated_rejections_make_a_dead_letter_that_the_admin_resends(
    portal, sender, receiver, world, settings
):
    settings.INTEGRATION_MAX_ATTEMPTS = 3
    dossier = submit(world)
    portal.control("faults", mode="reject", count=3)
    now = later(1)
    for wait in (0, 2, 4):
        now += dt.timedelta(seconds=wait)
        outbox_deliver_once(receiver=receiver, sender=sender, now=now)
    state = DeliveryState.objects.get(dossier=dossier)
    assert (state.attempts, state.dead_at) == (3, now)
    assert receiver_lag(receiver=receiver, now=now).dead_letters == 1
    # a dead letter is never tried again by itself
    assert outbox_deliver_once(receiver=receiver, sender=sender, now=later(600)).claimed == 0
    # resent from the admin
    assert delivery_state_resend(state_ids=[state.pk], now=later(601)) == 1
    outbox_drain(receiver=receiver, sender=sender, now=later(601))
    assert portal.progress_keys(dossier.code) == [f"{dossier.code}/1"]
    state.refresh_from_db()
    assert (state.attempts, state.dead_at, state.is_pending) == (0, None, False)


@pytest.mark.django_db
def test_a_lease_of_a_vanished_worker_expires(portal, sender, receiver, world):
    dossier = submit(world)
    # a worker claimed the dossier and died before finishing
    outbox_collect(receiver=receiver, now=later(0))
    assert outbox_claim(receiver=receiver, now=later(0), limit=10) is not None
    assert outbox_deliver_once(receiver=receiver, sender=sender, now=later(1)).claimed == 0
    result = outbox_deliver_once(receiver=receiver, sender=sender, now=later(3))
    assert result.delivered_events == 1
    assert portal.progress_keys(dossier.code) == [f"{dossier.code}/1"]


@pytest.mark.django_db
def test_the_sweep_finds_an_event_the_cursor_passed(portal, sender, receiver, world):
    dossier = submit(world)
    outbox_drain(receiver=receiver, sender=sender, now=later(1))
    t.dossier_receive(dossier_id=dossier.pk, actor=world.officer, checklist=[], now=later(2))
    # an event committed late, under an id below the cursor
    receiver.event_cursor = DossierEvent.objects.latest("id").pk
    receiver.save(update_fields=["event_cursor"])
    assert outbox_drain(receiver=receiver, sender=sender, now=later(1.5)).delivered_events == 0
    # the next full sweep (once a minute) finds it
    outbox_drain(receiver=receiver, sender=sender, now=later(4))
    assert portal.progress_keys(dossier.code) == keys(dossier.code, 2)


@pytest.mark.django_db
def test_progress_goes_in_packets_of_ten_in_order(portal, sender, receiver, world):
    dossiers = [dossier_in(DossierStatus.RESULT_RETURNED, world) for _ in range(3)]
    outbox_drain(receiver=receiver, sender=sender, now=later(10))
    sizes = [
        len(k)
        for k in DeliveryAttempt.objects.filter(operation="progress")
        .order_by("id")
        .values_list("keys", flat=True)
    ]
    assert sizes == [10, 5]
    for d in dossiers:
        assert portal.progress_keys(d.code) == keys(d.code, 5)


@pytest.mark.django_db
def test_the_lag_is_observable(portal, sender, receiver, world):
    dossier = dossier_in(DossierStatus.PROCESSING, world)
    first_event_at = DossierEvent.objects.get(dossier=dossier, sequence=1).occurred_at
    portal.control("outage", seconds=60)
    outbox_deliver_once(receiver=receiver, sender=sender, now=later(30))
    lag = receiver_lag(receiver=receiver, now=later(30))
    assert (lag.pending_dossiers, lag.pending_events, lag.uncollected_events) == (1, 3, 0)
    assert lag.oldest_pending_at == first_event_at
    assert lag.lag_seconds == (later(30) - first_event_at).total_seconds()
    assert lag.retry_at is not None
    portal.control("clock", advance=61)
    outbox_drain(receiver=receiver, sender=sender, now=later(31))
    lag = receiver_lag(receiver=receiver, now=later(31))
    assert (lag.pending_events, lag.lag_seconds, lag.last_delivered_at) == (0, 0.0, later(31))


@pytest.mark.django_db
def test_portal_down_five_minutes_small(portal, sender, receiver, world):
    """The reliability scenario on any database, with 20 dossiers (PostgreSQL: 1,000)."""
    run_outage_scenario(portal, sender, receiver, world, dossiers=20)


@pytest.mark.django_db
def test_the_deliver_command_drains_the_outbox(portal, receiver, world):
    dossier = submit(world)
    out = io.StringIO()
    call_command("integration_deliver", "--once", stdout=out)
    assert portal.progress_keys(dossier.code) == [f"{dossier.code}/1"]
    assert out.getvalue() == "1 event(s) delivered\n"
