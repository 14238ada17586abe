import datetime as dt
import json
from decimal import Decimal

import pytest

from motcua.catalog.models import TimeLimit, TimeLimitUnit
from motcua.core.errors import DomainError
from motcua.dossiers.lifecycle import DossierStatus
from motcua.dossiers.models import DossierEvent, Timeliness
from motcua.dossiers.services import transitions as t
from motcua.dossiers.services.recompute import dossier_deadlines_recompute
from motcua.dossiers.tests.factories import MONDAY, VN, dossier_in, make_world, receive
from motcua.worktime.deadlines import Limit, Pause, due_date
from motcua.worktime.vietnam import national_calendar

pytestmark = pytest.mark.django_db
S = DossierStatus
CAL = national_calendar()
HOUR = dt.timedelta(hours=1)


def due_of(dossier) -> dt.datetime:
    assert dossier.due_at is not None
    return dossier.due_at  # type: ignore[no-any-return]


def test_due_date_at_receipt_is_worktime_due_date_of_the_channel_limit():
    world = make_world()
    dossier = receive(world)
    expected = due_date(MONDAY, Limit.working_days(5), CAL)
    assert dossier.due_at == expected.due_at
    assert dossier.due_explanation == [f.as_dict() for f in expected.facts]
    assert (dossier.limit_unit, dossier.limit_amount) == ("working_days", Decimal(5))


def test_an_unspecified_limit_gives_no_due_date():
    world = make_world()
    TimeLimit.objects.filter(channel__version=world.version).update(unit=TimeLimitUnit.UNSPECIFIED)
    dossier = receive(world)
    assert dossier.due_at is None
    assert dossier.due_explanation == [{"kind": "no_limit"}]


def test_a_supplement_pauses_the_clock_and_moves_the_due_date():
    world = make_world()
    dossier = dossier_in(S.PROCESSING, world)
    first_due = due_of(dossier)
    asked, handed_in = MONDAY + 2 * HOUR, MONDAY + dt.timedelta(days=1, hours=2)
    t.dossier_request_supplement(
        dossier_id=dossier.pk,
        actor=world.specialist,
        reason="x",
        missing_documents=["a"],
        now=asked,
    )
    t.dossier_submit_supplement(dossier_id=dossier.pk, actor=world.applicant, now=handed_in)
    dossier.refresh_from_db()
    expected = due_date(MONDAY, Limit.working_days(5), CAL, pauses=[Pause(asked, handed_in)])
    assert dossier.due_at == expected.due_at
    assert dossier.due_at > first_due
    assert dossier.paused_at is None


def test_reappointment_once_and_at_least_one_working_day_before_the_due_date():
    world = make_world()
    dossier = dossier_in(S.PROCESSING, world)
    due = due_of(dossier)
    new_due = due + dt.timedelta(days=3)
    t.dossier_apologize(
        dossier_id=dossier.pk,
        actor=world.leader,
        new_due_at=new_due,
        reason="Cần xác minh",
        now=MONDAY + 2 * HOUR,
    )
    dossier.refresh_from_db()
    assert dossier.due_at == new_due
    assert dossier.due_explanation[-2]["kind"] == "reappointment"
    with pytest.raises(DomainError) as caught:
        t.dossier_apologize(
            dossier_id=dossier.pk,
            actor=world.leader,
            new_due_at=new_due + HOUR,
            reason="again",
            now=MONDAY + 3 * HOUR,
        )
    assert caught.value.code == "reappointment_not_allowed"


def test_reappointment_is_refused_less_than_a_working_day_before_the_due_date():
    world = make_world()
    dossier = dossier_in(S.PROCESSING, world)
    with pytest.raises(DomainError) as caught:
        t.dossier_apologize(
            dossier_id=dossier.pk,
            actor=world.leader,
            new_due_at=due_of(dossier) + dt.timedelta(days=2),
            reason="late",
            now=due_of(dossier) - 4 * HOUR,
        )
    assert caught.value.code == "reappointment_not_allowed"
    assert DossierEvent.objects.filter(dossier=dossier, action="apologize").exists() is False


def test_rejection_only_within_the_time_limit():
    world = make_world()
    dossier = dossier_in(S.PROCESSING, world)
    with pytest.raises(DomainError) as caught:
        t.dossier_reject(
            dossier_id=dossier.pk, actor=world.leader, reason="x", now=due_of(dossier) + HOUR
        )
    assert caught.value.code == "rejection_too_late"
    t.dossier_reject(dossier_id=dossier.pk, actor=world.leader, reason="x", now=dossier.due_at)
    dossier.refresh_from_db()
    assert dossier.status == S.NOT_ACCEPTED
    assert dossier.timeliness == Timeliness.ON_TIME


@pytest.mark.parametrize(
    ("finish_after", "expected"),
    [(dt.timedelta(hours=3), "early"), (None, "on_time"), (dt.timedelta(days=30), "late")],
)
def test_timeliness_is_classified_when_the_dossier_finishes(finish_after, expected):
    world = make_world()
    dossier = dossier_in(S.PROCESSING, world)
    at = MONDAY + finish_after if finish_after else due_of(dossier)
    t.dossier_finish(dossier_id=dossier.pk, actor=world.specialist, result={}, now=at)
    dossier.refresh_from_db()
    assert (dossier.finished_at, dossier.timeliness) == (at, expected)


def test_a_dossier_stopped_while_waiting_ends_at_the_supplement_request():
    world = make_world()
    dossier = dossier_in(S.SUPPLEMENT_REQUESTED, world)
    asked = dossier.paused_at
    t.dossier_stop(
        dossier_id=dossier.pk, actor=world.leader, reason="x", now=MONDAY + dt.timedelta(days=60)
    )
    dossier.refresh_from_db()
    assert dossier.finished_at == asked
    assert dossier.timeliness == Timeliness.EARLY


def test_a_calendar_change_recomputes_open_dossiers_with_an_event():
    world = make_world()
    open_dossier = dossier_in(S.PROCESSING, world)
    closed = dossier_in(S.FINISHED, world)
    # A new day off on Wednesday 4 March 2026 pushes the due date one working day later.
    from motcua.worktime.calendar import Holiday, WorkCalendar

    changed = WorkCalendar(
        first_year=CAL.first_year,
        last_year=CAL.last_year,
        holidays={**CAL.holidays, dt.date(2026, 3, 4): Holiday(name="Nghỉ đột xuất")},
        make_up_days=CAL.make_up_days,
        default_hours=CAL.default_hours,
        seasons=CAL.seasons,
        name="changed",
    )
    moved = dossier_deadlines_recompute(
        reason="holiday added", agency_id=world.agency.pk, calendar=changed
    )
    assert moved == 1
    open_dossier.refresh_from_db()
    expected = due_date(MONDAY, Limit.working_days(5), changed)
    assert open_dossier.due_at == expected.due_at
    event = DossierEvent.objects.filter(dossier=open_dossier).order_by("-sequence")[0]
    assert event.action == "deadline_recomputed"
    assert event.data["reason"] == "holiday added"
    assert (
        DossierEvent.objects.filter(dossier=closed, action="deadline_recomputed").exists() is False
    )
    assert (
        dossier_deadlines_recompute(reason="again", agency_id=world.agency.pk, calendar=changed)
        == 0
    )


def test_vietnam_time_is_kept():
    world = make_world()
    dossier = receive(world)
    assert due_of(dossier).astimezone(VN).hour in range(7, 18)


def test_a_saved_calendar_decision_recomputes_open_dossiers_through_the_provider(
    django_capture_on_commit_callbacks,
):
    from motcua.calendars.models import CalendarDecision, DecisionKind
    from motcua.calendars.services.changes import calendar_decision_save

    world = make_world()
    dossier = dossier_in(S.PROCESSING, world)
    first_due = due_of(dossier)
    decision = CalendarDecision(
        agency=world.agency,
        kind=DecisionKind.DAY_OFF,
        first_on=dt.date(2026, 3, 4),
        last_on=dt.date(2026, 3, 4),
        name="Nghỉ bù",
        reference="01/QĐ-UBND",
    )
    with django_capture_on_commit_callbacks(execute=True):
        calendar_decision_save(decision=decision)
    dossier.refresh_from_db()
    assert due_of(dossier) > first_due
    event = DossierEvent.objects.filter(dossier=dossier).order_by("-sequence")[0]
    assert event.action == "deadline_recomputed"
    assert event.data["reason"][0]["kind"] == "recomputed"
    assert "2026-03-04" in json.dumps(event.data["reason"])  # the new day off is the reason
