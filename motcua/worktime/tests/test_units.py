"""Edge cases and validation of the pure package, and its doctests."""

from __future__ import annotations

import datetime as dt
import doctest

import pytest

from motcua.worktime import (
    VIETNAM,
    Decision,
    Fact,
    FactKind,
    Limit,
    OfficeHours,
    OutOfCalendarRangeError,
    Pause,
    Period,
    Season,
    WorkCalendar,
    add_working_time,
    calendar,
    deadlines,
    due_date,
    explanation,
    next_working_day,
    next_working_instant,
    render,
    render_all,
    vietnam,
    working_time_between,
)
from motcua.worktime.deadlines import merge_pauses


def at(text):
    return dt.datetime.fromisoformat(text).replace(tzinfo=VIETNAM)


CAL = WorkCalendar(2026, 2026)


@pytest.mark.parametrize(
    "module", [calendar, deadlines, explanation, vietnam], ids=lambda m: m.__name__
)
def test_doctests(module):
    assert doctest.testmod(module).failed == 0


def test_invalid_values_are_refused():
    with pytest.raises(ValueError, match="close after"):
        Period(dt.time(12), dt.time(8))
    with pytest.raises(ValueError, match="at least one"):
        OfficeHours(())
    with pytest.raises(ValueError, match="overlap"):
        OfficeHours.of(("08:00", "12:00"), ("11:00", "13:00"))
    with pytest.raises(ValueError):
        Season((2, 30), (3, 1), OfficeHours.of(("08:00", "12:00")))
    with pytest.raises(ValueError, match="first_year"):
        WorkCalendar(2027, 2026)
    with pytest.raises(ValueError, match="unit"):
        Limit("weeks", Limit.working_days(1).amount)
    with pytest.raises(ValueError, match="negative"):
        Limit.working_hours(-1)
    with pytest.raises(ValueError, match="whole"):
        Limit("calendar_days", Limit.working_hours("1.5").amount)
    with pytest.raises(ValueError, match="at least 1"):
        due_date(at("2026-03-02T08:00"), Limit.calendar_days(0), CAL)
    with pytest.raises(ValueError, match="not an amount"):
        Limit.calendar_days(1).working_time(CAL)
    with pytest.raises(ValueError, match="end after"):
        Pause(at("2026-03-02T08:00"), at("2026-03-02T08:00"))
    with pytest.raises(ValueError, match="kind"):
        Decision("holiday", dt.date(2026, 1, 1), dt.date(2026, 1, 1), "x")
    with pytest.raises(ValueError, match="before"):
        Decision("day_off", dt.date(2026, 1, 2), dt.date(2026, 1, 1), "x")
    with pytest.raises(ValueError, match="negative"):
        CAL.index.add(0, -1)


def test_naive_instants_are_refused():
    with pytest.raises(ValueError, match="timezone-aware"):
        add_working_time(dt.datetime(2026, 3, 2, 8), dt.timedelta(hours=1), CAL)
    with pytest.raises(ValueError, match="timezone-aware"):
        due_date(dt.datetime(2026, 3, 2, 8), Limit.working_hours(1), CAL)


def test_out_of_range():
    with pytest.raises(OutOfCalendarRangeError):
        add_working_time(at("2026-12-31T08:00"), dt.timedelta(hours=100), CAL)
    with pytest.raises(OutOfCalendarRangeError):
        working_time_between(at("2025-12-31T08:00"), at("2026-01-05T08:00"), CAL)
    with pytest.raises(OutOfCalendarRangeError):
        next_working_instant(at("2026-12-31T18:00"), CAL)
    with pytest.raises(OutOfCalendarRangeError):
        next_working_day(dt.date(2026, 12, 31), CAL)
    with pytest.raises(OutOfCalendarRangeError):
        due_date(at("2026-12-30T08:00"), Limit.calendar_days(5), CAL)
    assert add_working_time(at("2026-06-01T09:00"), dt.timedelta(), CAL) == at("2026-06-01T09:00")
    assert working_time_between(
        at("2026-03-03T08:00"), at("2026-03-02T08:00"), CAL
    ) == -dt.timedelta(hours=8)


def test_instants_in_another_zone_are_converted():
    utc = dt.datetime(2026, 3, 2, 0, 30, tzinfo=dt.UTC)  # 07:30 in Vietnam
    assert add_working_time(utc, dt.timedelta(hours=8), CAL) == at("2026-03-02T17:30")


def test_overlapping_pauses_merge():
    merged = merge_pauses(
        [
            Pause(at("2026-03-03T08:00"), at("2026-03-03T10:00")),
            Pause(at("2026-03-02T08:00"), at("2026-03-02T09:00")),
            Pause(at("2026-03-03T09:00"), at("2026-03-03T11:00")),
        ]
    )
    assert merged == [
        Pause(at("2026-03-02T08:00"), at("2026-03-02T09:00")),
        Pause(at("2026-03-03T08:00"), at("2026-03-03T11:00")),
    ]
    result = due_date(
        at("2026-03-02T07:30"),
        Limit.working_days(1),
        CAL,
        pauses=[Pause(at("2026-02-20T08:00"), at("2026-02-21T08:00"))],
    )
    assert result.due_at == at("2026-03-02T17:30")  # a pause over before receipt is ignored


def test_make_up_day_on_a_working_weekday_is_an_ordinary_working_day():
    from motcua.worktime import Holiday

    cal = WorkCalendar(2026, 2026, make_up_days={dt.date(2026, 3, 2): Holiday("x")})
    assert cal.day_status(dt.date(2026, 3, 2)).kind == "working"


@pytest.mark.parametrize("language", ["vi", "en"])
def test_every_fact_kind_renders(language):
    facts = [
        Fact(
            FactKind.PAUSE_DAYS,
            {"start": "2026-03-03T09:00:00+07:00", "end": "2026-03-04T10:00:00+07:00", "days": 2},
        ),
        Fact(FactKind.END_MOVED, {"on": "2026-03-07", "to": "2026-03-09"}),
        Fact(FactKind.LIMIT, {"unit": "working_hours", "amount": "4.5"}),
        Fact(FactKind.LIMIT, {"unit": "calendar_days", "amount": "1"}),
        Fact(
            FactKind.DAY_CHANGED,
            {
                "on": "2026-11-24",
                "was": "holiday",
                "was_name": "Ngày Văn hóa",
                "now": "working",
                "now_name": "",
            },
        ),
        Fact(
            FactKind.FACT_REMOVED,
            {"fact": {"kind": "weekend", "first": "2026-03-07", "last": "2026-03-08"}},
        ),
        Fact(
            FactKind.RECOMPUTED,
            {"previous": "2026-03-16T08:00:00+07:00", "at": "2026-03-17T08:00:00+07:00"},
        ),
        Fact(FactKind.MAKE_UP, {"on": "2024-05-04", "name": "làm bù", "reference": ""}),
    ]
    lines = render_all(facts, language)
    assert all(line and line[0].isupper() for line in lines)
    if language == "vi":
        assert (
            lines[1]
            == "Thứ Bảy 07/03/2026 là ngày nghỉ (nghỉ cuối tuần): chuyển sang ngày làm việc tiếp theo thứ Hai 09/03/2026"
        )
        assert lines[2] == "Thời hạn giải quyết: 4,5 giờ làm việc"
        assert (
            lines[4] == "Thứ Ba 24/11/2026: trước là ngày nghỉ (Ngày Văn hóa), nay là ngày làm việc"
        )
        assert lines[7] == "Làm bù thứ Bảy 04/05/2024"
    else:
        assert lines[3] == "Time limit: 1 calendar day"
        assert lines[5] == "No longer: weekend 07/03–08/03/2026"
    with pytest.raises(ValueError, match="unknown fact"):
        render(Fact("nonsense"), language)


def test_unsupported_language():
    with pytest.raises(ValueError, match="unsupported"):
        render(Fact(FactKind.DUE, {"at": "2026-03-02T08:00:00+07:00"}), "fr")
