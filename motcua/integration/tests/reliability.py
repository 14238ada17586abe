"""Shared reliability scenarios (imported by the SQLite-sized and the PostgreSQL-sized tests)."""

import datetime as dt

from motcua.dossiers.services import transitions as t
from motcua.dossiers.tests.factories import MONDAY, submit
from motcua.integration.models import DeliveryState
from motcua.integration.selectors import receiver_lag
from motcua.integration.services.outbox import outbox_deliver_once, outbox_drain

OUTAGE_SECONDS = 300


def drain_through_failures(receiver, sender, start, *, step_seconds=61, rounds=40):
    """Passes at later and later times (past any backoff) until nothing is pending."""
    now = start
    for _ in range(rounds):
        outbox_drain(receiver=receiver, sender=sender, now=now, max_passes=10_000)
        receiver.refresh_from_db()
        if not DeliveryState.objects.filter(receiver=receiver, is_pending=True).exists():
            return now
        now += dt.timedelta(seconds=step_seconds)
    raise AssertionError("still pending after every round")


def run_outage_scenario(portal, sender, receiver, world, *, dossiers):
    """The portal is down 5 (simulated) minutes while every dossier changes twice.

    After it is back, every change must be at the portal exactly once and in order per dossier.
    """
    created = [submit(world, now=MONDAY) for _ in range(dossiers)]
    outbox_drain(receiver=receiver, sender=sender, now=MONDAY + dt.timedelta(minutes=1))
    # when the portal goes down and every dossier is received and assigned meanwhile
    portal.control("outage", seconds=OUTAGE_SECONDS)
    down_at = MONDAY + dt.timedelta(minutes=2)
    tries = max(1, dossiers // 20)
    for i, dossier in enumerate(created):
        at = down_at + dt.timedelta(seconds=OUTAGE_SECONDS * i / dossiers)
        t.dossier_receive(dossier_id=dossier.pk, actor=world.officer, checklist=[], now=at)
        t.dossier_assign(
            dossier_id=dossier.pk, actor=world.officer, assignee_id=world.specialist.pk, now=at
        )
        if i % tries == 0:  # the worker keeps trying all along
            result = outbox_deliver_once(receiver=receiver, sender=sender, now=at)
            assert result.delivered_events == 0
            receiver.refresh_from_db()
    up_at = down_at + dt.timedelta(seconds=OUTAGE_SECONDS)
    lag = receiver_lag(receiver=receiver, now=up_at)
    assert lag.pending_events + lag.uncollected_events == 2 * dossiers
    assert lag.lag_seconds >= OUTAGE_SECONDS - OUTAGE_SECONDS / dossiers
    assert lag.dead_letters == 0
    # then the portal comes back and the worker catches up
    portal.control("clock", advance=OUTAGE_SECONDS)
    drain_through_failures(receiver, sender, up_at)
    state = portal.state()
    for dossier in created:
        code = dossier.code
        assert [p["key"] for p in state["progress"][code]] == [f"{code}/{n}" for n in (1, 2, 3)]
        assert [p["entry"]["TrangThai"] for p in state["progress"][code]] == [1, 2, 4]
        assert state["dossiers"][code]["TrangThaiHoSo"] == 4
    assert state["counters"]["duplicate_elements"] == 0
    assert state["counters"]["dropped_connections"] >= 1
    assert receiver_lag(receiver=receiver, now=up_at).pending_events == 0
    assert not DeliveryState.objects.filter(dead_at__isnull=False).exists()
