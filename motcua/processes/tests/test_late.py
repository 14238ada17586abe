"""The late-dossier job: warned in time for the apology (≥ 1 working day before the due date)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command

from motcua.dossiers.models import DossierEvent
from motcua.dossiers.services import transitions as t
from motcua.dossiers.tests.factories import MONDAY, VN, make_world, receive
from motcua.notifications.models import Delivery
from motcua.processes.models import LateNotice
from motcua.processes.selectors import late_notices_for
from motcua.processes.services.late import late_apology_send, late_dossiers_check
from motcua.processes.services.steps import dossier_step_advance
from motcua.processes.tests.helpers import world_with_process

pytestmark = pytest.mark.django_db


def _assigned(received_at=MONDAY):
    world, _, _ = world_with_process()
    world.specialist.email, world.leader.email = "cv@example.vn", "ld@example.vn"
    world.specialist.save(update_fields=["email"])
    world.leader.save(update_fields=["email"])
    dossier = receive(world, now=received_at)  # due Monday 09/03 08:00
    dossier_step_advance(
        dossier_id=dossier.pk,
        actor=world.officer,
        assignee_id=world.specialist.pk,
        now=MONDAY + dt.timedelta(hours=1),
    )
    return world, dossier


def test_not_flagged_while_more_than_two_working_days_are_left():
    _assigned()
    assert late_dossiers_check(now=dt.datetime(2026, 3, 4, 16, 0, tzinfo=VN)) == []
    assert LateNotice.objects.exists() is False


def test_flagged_two_working_days_ahead_tells_assignee_and_leader(
    django_capture_on_commit_callbacks,
):
    world, dossier = _assigned()
    now = dt.datetime(2026, 3, 5, 8, 0, tzinfo=VN)  # Thursday: 2 working days left
    with django_capture_on_commit_callbacks(execute=True):
        [notice] = late_dossiers_check(now=now)
    assert notice.dossier_id == dossier.pk
    assert sorted(notice.recipients.values_list("pk", flat=True)) == sorted(
        [world.specialist.pk, world.leader.pk]
    )
    # a proposal five working days after the due date, for the leader's draft
    assert notice.proposed_due_at == dt.datetime(2026, 3, 16, 8, 0, tzinfo=VN)
    assert sorted(Delivery.objects.values_list("recipient", flat=True)) == [
        "cv@example.vn",
        "ld@example.vn",
    ]
    assert [n.pk for n in late_notices_for(user_id=world.leader.pk)] == [notice.pk]
    assert list(late_notices_for(user_id=world.officer.pk)) == []
    # idempotent: a second run flags nothing new and sends nothing again
    with django_capture_on_commit_callbacks(execute=True):
        assert late_dossiers_check(now=now + dt.timedelta(hours=1)) == []
    assert Delivery.objects.count() == 2


def test_the_leader_sends_the_apology_at_least_a_working_day_before():
    world, dossier = _assigned()
    now = dt.datetime(2026, 3, 5, 8, 0, tzinfo=VN)
    [notice] = late_dossiers_check(now=now)
    assert notice.proposed_due_at is not None
    late_apology_send(
        dossier_id=dossier.pk,
        actor=world.leader,
        new_due_at=notice.proposed_due_at,
        reason="Cần xác minh thực địa",
        now=now + dt.timedelta(hours=2),
    )
    dossier.refresh_from_db()
    notice.refresh_from_db()
    assert dossier.due_at == dt.datetime(2026, 3, 16, 8, 0, tzinfo=VN)
    assert notice.apology_sent_at == now + dt.timedelta(hours=2)
    assert DossierEvent.objects.filter(dossier=dossier, action="apologize").count() == 1
    assert list(late_notices_for(user_id=world.leader.pk)) == []


def test_finished_dossiers_are_not_flagged():
    world = make_world()
    running = receive(world, now=MONDAY)
    finished = receive(world, now=MONDAY)
    t.dossier_assign(
        dossier_id=finished.pk, actor=world.officer, assignee_id=world.specialist.pk, now=MONDAY
    )
    t.dossier_finish(dossier_id=finished.pk, actor=world.specialist, result={}, now=MONDAY)
    flagged = late_dossiers_check(now=dt.datetime(2026, 3, 6, 8, 0, tzinfo=VN))
    assert [n.dossier_id for n in flagged] == [running.pk]


def test_command_prints_the_flagged_dossiers(capsys):
    _assigned()
    call_command("late_dossiers_check")
    assert "dossier(s) flagged" in capsys.readouterr().out


@pytest.mark.django_db(transaction=True)
def test_the_worker_loop_runs_the_real_check(settings):
    from django.utils import timezone

    from motcua.processes.schedule import late_dossiers_loop

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MOTCUA_LATE_CHECK_MINUTES = 0
    settings.MOTCUA_LATE_WARNING_WORKING_DAYS = 30  # every dossier received now is within it
    world = make_world()
    dossier = receive(world, now=timezone.now())
    assert late_dossiers_loop(max_runs=2) == 2
    assert list(LateNotice.objects.values_list("dossier_id", flat=True)) == [dossier.pk]


def test_the_proposed_appointment_is_a_whole_minute_never_earlier():
    # given a dossier received at 08:00:42.5, so due at 08:00:42.5 a week later
    _assigned(received_at=MONDAY + dt.timedelta(seconds=42, microseconds=500_000))
    # when it is flagged
    [notice] = late_dossiers_check(now=dt.datetime(2026, 3, 5, 8, 1, tzinfo=VN))
    # then the proposal is five working days later, rounded up to the minute
    assert notice.proposed_due_at == dt.datetime(2026, 3, 16, 8, 1, tzinfo=VN)
