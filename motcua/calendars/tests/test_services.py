"""Services: saving decisions and office hours, and recomputing deadlines through providers."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from motcua.calendars.models import CalendarDecision, DecisionKind, OfficeHours
from motcua.calendars.selectors import calendar_for_agency
from motcua.calendars.services.changes import (
    calendar_decision_delete,
    calendar_decision_save,
    office_hours_delete,
    office_hours_save,
)
from motcua.calendars.services.recompute import (
    deadline_provider_register,
    deadline_provider_unregister,
    deadlines_recompute,
)
from motcua.organizations.tests.factories import AgencyFactory
from motcua.worktime import VIETNAM, FactKind, Limit, due_date
from motcua.worktime.recompute import DeadlineInput

pytestmark = pytest.mark.django_db


def at(text):
    return dt.datetime.fromisoformat(text).replace(tzinfo=VIETNAM)


class MemoryDeadlines:
    """Stands in for the dossiers app: open deadlines kept in memory, updates recorded."""

    def __init__(self):
        self.rows = {}  # key → (agency id, DeadlineInput)
        self.applied = []

    def add(self, key, agency_id, received, limit):
        due = due_date(at(received), limit, calendar_for_agency(agency_id))
        self.rows[key] = (
            agency_id,
            DeadlineInput(key, at(received), limit, due.due_at, explanation=due.facts),
        )

    def open_deadlines(self, *, agency_ids):
        for agency_id, deadline in self.rows.values():
            if agency_ids is None or agency_id in agency_ids:
                yield agency_id, deadline

    def apply(self, *, changes):
        self.applied += changes
        for change in changes:
            agency_id, old = self.rows[change.key]
            self.rows[change.key] = (
                agency_id,
                DeadlineInput(
                    old.key, old.received_at, old.limit, change.due_at, explanation=change.due.facts
                ),
            )


@pytest.fixture
def provider():
    memory = MemoryDeadlines()
    deadline_provider_register("memory", memory)
    yield memory
    deadline_provider_unregister("memory")


def decision(**kw):
    fields = {
        "kind": DecisionKind.DAY_OFF,
        "first_on": dt.date(2026, 3, 10),
        "last_on": dt.date(2026, 3, 10),
        "name": "nghỉ bão",
        "reference": "5/QĐ-UBND",
    }
    return CalendarDecision(**(fields | kw))


def test_saving_a_decision_recomputes_the_deadlines_it_moves(
    provider, django_capture_on_commit_callbacks
):  # [D21]
    province = AgencyFactory(identifier="000.00.00.H29")
    commune = AgencyFactory(identifier="000.12.31.H29", parent=province)
    elsewhere = AgencyFactory(identifier="000.00.00.H30")
    provider.add("spans", commune.pk, "2026-03-02T08:00", Limit.working_days(10))
    provider.add("before", commune.pk, "2026-03-02T08:00", Limit.working_days(2))
    provider.add("other agency", elsewhere.pk, "2026-03-02T08:00", Limit.working_days(10))
    with django_capture_on_commit_callbacks(execute=True):
        calendar_decision_save(decision=decision(agency=province))
    assert [c.key for c in provider.applied] == ["spans"]
    change = provider.applied[0]
    assert change.due_at == at("2026-03-17T08:00")
    assert change.previous_due_at == at("2026-03-16T08:00")
    assert [f.kind for f in change.reason] == [FactKind.RECOMPUTED, FactKind.FACT_ADDED]
    # nothing left to move: a second run changes nothing
    assert deadlines_recompute().changes == []


def test_deleting_a_decision_moves_the_deadline_back(provider, django_capture_on_commit_callbacks):
    saved = calendar_decision_save(decision=decision())
    provider.add("spans", None, "2026-03-02T08:00", Limit.working_days(10))
    with django_capture_on_commit_callbacks(execute=True):
        calendar_decision_delete(decision=saved)
    assert provider.applied[0].due_at == at("2026-03-16T08:00")
    assert provider.applied[0].reason[1].kind == FactKind.FACT_REMOVED


def test_an_invalid_decision_is_refused_and_nothing_is_saved():
    with pytest.raises(ValidationError):
        calendar_decision_save(decision=decision(last_on=dt.date(2026, 3, 1)))
    assert not CalendarDecision.objects.filter(name="nghỉ bão").exists()


def test_office_hours_save_and_delete_change_the_calendar(
    provider, django_capture_on_commit_callbacks
):
    provider.add("hours", None, "2026-03-02T07:30", Limit.working_hours(4))
    hours = OfficeHours(agency=None, morning_opens_at=dt.time(8), morning_closes_at=dt.time(12))
    with django_capture_on_commit_callbacks(execute=True):
        office_hours_save(hours=hours)
    assert provider.applied[-1].due_at == at("2026-03-02T12:00")
    with django_capture_on_commit_callbacks(execute=True):
        office_hours_delete(hours=hours)
    assert provider.applied[-1].due_at == at("2026-03-02T11:30")


def test_office_hours_with_half_an_afternoon_are_refused():
    hours = OfficeHours(
        morning_opens_at=dt.time(8), morning_closes_at=dt.time(12), afternoon_opens_at=dt.time(13)
    )
    with pytest.raises(ValidationError):
        office_hours_save(hours=hours)


def test_recompute_command_reports_and_dry_run_stores_nothing(provider):  # [D21]
    provider.add("spans", None, "2026-03-02T08:00", Limit.working_days(10))
    CalendarDecision.objects.create(
        kind=DecisionKind.DAY_OFF,
        first_on=dt.date(2026, 3, 10),
        last_on=dt.date(2026, 3, 10),
        name="nghỉ bão",
        reference="5/QĐ-UBND",
    )
    out = StringIO()
    call_command("calendar_recompute", "--dry-run", stdout=out)
    assert provider.applied == []
    text = out.getvalue()
    assert "memory spans: 2026-03-16T08:00:00+07:00 → 2026-03-17T08:00:00+07:00" in text
    assert "Mới: Nghỉ nghỉ bão 10/03/2026 (theo 5/QĐ-UBND)" in text
    assert "1 deadlines examined, 1 would change." in text
    out = StringIO()
    call_command("calendar_recompute", stdout=out)
    assert [c.key for c in provider.applied] == ["spans"]
    assert "1 deadlines examined, 1 changed." in out.getvalue()


def test_recompute_command_for_one_agency_subtree(provider):
    province = AgencyFactory(identifier="000.00.00.H29")
    provider.add("p", province.pk, "2026-03-02T08:00", Limit.working_days(10))
    provider.add("n", None, "2026-03-02T08:00", Limit.working_days(10))
    CalendarDecision.objects.create(
        kind=DecisionKind.DAY_OFF,
        first_on=dt.date(2026, 3, 10),
        last_on=dt.date(2026, 3, 10),
        name="nghỉ bão",
    )
    out = StringIO()
    call_command("calendar_recompute", "--agency", "000.00.00.H29", stdout=out)
    assert [c.key for c in provider.applied] == ["p"]


def test_moving_a_decision_to_another_agency_recomputes_both(
    provider, django_capture_on_commit_callbacks
):
    first = AgencyFactory(identifier="000.00.00.H29")
    second = AgencyFactory(identifier="000.00.00.H30")
    saved = calendar_decision_save(decision=decision(agency=first))
    provider.add("first", first.pk, "2026-03-02T08:00", Limit.working_days(10))
    provider.add("second", second.pk, "2026-03-02T08:00", Limit.working_days(10))
    saved.agency = second
    with django_capture_on_commit_callbacks(execute=True):
        calendar_decision_save(decision=saved)
    moved = {c.key: c.due_at for c in provider.applied}
    assert moved == {"first": at("2026-03-16T08:00"), "second": at("2026-03-17T08:00")}
