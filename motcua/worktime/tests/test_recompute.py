"""Recomputing stored deadlines when the calendar changes."""

from __future__ import annotations

import datetime as dt

from motcua.worktime import (
    VIETNAM,
    Decision,
    DecisionKind,
    FactKind,
    Limit,
    Reappointment,
    build_calendar,
    due_date,
    national_calendar,
    render_all,
    shipped_decisions,
)
from motcua.worktime.recompute import DeadlineInput, recompute_deadlines


def at(text):
    return dt.datetime.fromisoformat(text).replace(tzinfo=VIETNAM)


OLD = national_calendar()
EXTRA_DAY_OFF = Decision(
    DecisionKind.DAY_OFF, dt.date(2026, 3, 10), dt.date(2026, 3, 10), "nghỉ đột xuất", "9/QĐ-UBND"
)
NEW = build_calendar((*shipped_decisions(), EXTRA_DAY_OFF))


def stored(key, received, limit, calendar=OLD, **kw):
    due = due_date(at(received), limit, calendar, **kw)
    return DeadlineInput(key, at(received), limit, due.due_at, explanation=due.facts, **kw)


def test_only_deadlines_spanning_the_changed_day_move():
    spanning = stored("a", "2026-03-02T08:00", Limit.working_days(10))
    before = stored("b", "2026-03-02T08:00", Limit.working_days(2))
    after = stored("c", "2026-03-11T08:00", Limit.working_days(2))
    changed = recompute_deadlines([spanning, before, after], NEW, OLD)
    assert [c.key for c in changed] == ["a"]
    assert changed[0].previous_due_at == spanning.due_at
    assert changed[0].due_at == spanning.due_at + dt.timedelta(days=1)
    lines = render_all(changed[0].reason)
    assert lines[1] == "Thứ Ba 10/03/2026: trước là ngày làm việc, nay là ngày nghỉ (nghỉ đột xuất)"
    assert changed[0].reason[0].kind == FactKind.RECOMPUTED


def test_without_the_old_calendar_the_reason_is_the_explanation_difference():
    spanning = stored("a", "2026-03-02T08:00", Limit.working_days(10))
    changed = recompute_deadlines([spanning], NEW)
    assert [f.kind for f in changed[0].reason] == [FactKind.RECOMPUTED, FactKind.FACT_ADDED]
    assert render_all(changed[0].reason)[1] == "Mới: Nghỉ nghỉ đột xuất 10/03/2026 (theo 9/QĐ-UBND)"


def test_a_reappointed_deadline_keeps_its_date_unless_the_computed_one_passes_it():
    kept = stored(
        "a",
        "2026-03-02T08:00",
        Limit.working_days(10),
        reappointment=Reappointment(at("2026-03-30T17:30")),
    )
    passed = stored(
        "b",
        "2026-03-02T08:00",
        Limit.working_days(10),
        reappointment=Reappointment(at("2026-03-16T17:00")),
    )
    changed = recompute_deadlines([kept, passed], NEW, OLD)
    assert [c.key for c in changed] == ["b"]
    assert changed[0].due_at == at("2026-03-17T08:00")
