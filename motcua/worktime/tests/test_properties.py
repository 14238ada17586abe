"""Hypothesis properties of the working-time arithmetic (docs/deadlines.md)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from motcua.worktime import (
    Pause,
    add_working_time,
    due_date,
    next_working_instant,
    transfer_due,
    working_time_between,
)
from motcua.worktime.tests.oracle import add_by_days, between_by_days
from motcua.worktime.tests.strategies import (
    all_calendars,
    amounts,
    hour_limits,
    instants,
    positive_amounts,
)

FAST = settings(max_examples=60, deadline=None)


def inside_office_hours(instant, calendar):
    """True when ``instant`` is inside a period of a working day (close included)."""
    local = instant.astimezone(calendar.tz)
    if not calendar.is_working_day(local.date()):
        return False
    return any(
        p.opens_at < local.time() <= p.closes_at for p in calendar.hours_on(local.date()).periods
    )


@FAST
@given(cal=all_calendars, start=instants, a=amounts, b=amounts)
def test_adding_is_additive(cal, start, a, b):
    assert add_working_time(add_working_time(start, a, cal), b, cal) == add_working_time(
        start, a + b, cal
    )


@FAST
@given(cal=all_calendars, s1=instants, s2=instants, a=amounts, b=amounts)
def test_adding_is_monotonic_in_start_and_amount(cal, s1, s2, a, b):
    s1, s2 = sorted((s1, s2))
    a, b = sorted((a, b))
    assert add_working_time(s1, a, cal) <= add_working_time(s2, a, cal)
    assert add_working_time(s1, a, cal) <= add_working_time(s1, b, cal)


@FAST
@given(cal=all_calendars, start=instants, x=amounts)
def test_time_between_start_and_added_is_the_amount(cal, start, x):
    assert working_time_between(start, add_working_time(start, x, cal), cal) == x


@FAST
@given(cal=all_calendars, start=instants, x=positive_amounts)
def test_results_fall_inside_office_hours(cal, start, x):
    assert inside_office_hours(add_working_time(start, x, cal), cal)


@FAST
@given(cal=all_calendars, start=instants, x=amounts)
def test_index_agrees_with_a_day_by_day_loop(cal, start, x):
    due = add_working_time(start, x, cal)
    assert due == add_by_days(start, x, cal)
    assert working_time_between(start, due, cal) == between_by_days(start, due, cal)


@FAST
@given(cal=all_calendars, t=instants)
def test_next_working_instant_is_the_first_counted_instant(cal, t):
    nxt = next_working_instant(t, cal)
    assert nxt >= t
    assert working_time_between(t, nxt, cal) == dt.timedelta()
    assert add_working_time(t, dt.timedelta(minutes=1), cal) == nxt + dt.timedelta(minutes=1)


@FAST
@given(cal=all_calendars, start=instants, lx=hour_limits, data=st.data())
def test_pause_without_working_time_is_a_no_op(cal, start, lx, data):
    # a pause over a stretch with no working time in it (a night, a weekend, a holiday)
    anchor = data.draw(instants)
    opening = next_working_instant(anchor, cal)
    if opening == anchor:
        return
    pause = Pause(anchor, opening)
    assert working_time_between(pause.start, pause.end, cal) == dt.timedelta()
    limit, _ = lx
    assert due_date(start, limit, cal, pauses=[pause]).due_at == due_date(start, limit, cal).due_at


@FAST
@given(cal=all_calendars, start=instants, lx=hour_limits, length=amounts)
def test_pause_of_the_whole_interval_from_receipt_counts_from_its_end(cal, start, lx, length):
    end = add_working_time(start, length, cal) + dt.timedelta(minutes=1)
    limit, x = lx
    due = due_date(start, limit, cal, pauses=[Pause(start, end)]).due_at
    assert due == add_working_time(end, x, cal)


@FAST
@given(cal=all_calendars, start=instants, lx=hour_limits, p=instants, q=instants)
def test_time_counted_outside_the_pause_is_the_limit(cal, start, lx, p, q):
    p, q = sorted((p, q))
    if p == q:
        return
    limit, x = lx
    due = due_date(start, limit, cal, pauses=[Pause(p, q)]).due_at
    paused = dt.timedelta()
    if p < due and q > start:
        paused = working_time_between(max(p, start), min(q, due), cal)
    assert working_time_between(start, due, cal) - paused == x


@FAST
@given(cal=all_calendars, received=instants)
def test_transfer_same_day_only_on_a_working_day_at_or_before_15(cal, received):
    result = transfer_due(received, cal)
    same_day = cal.is_working_day(received.date()) and received.time() <= dt.time(15, 0)
    same_day = same_day and received < result.due_at and result.due_at.date() == received.date()
    assert result.after_cutoff is not same_day
    assert result.due_at > received
    assert cal.is_working_day(result.due_at.date())
