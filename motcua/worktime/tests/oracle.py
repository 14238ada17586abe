"""A plain day-by-day reference implementation, obviously right and slow, to check the index."""

from __future__ import annotations

import datetime as dt

from motcua.worktime import WorkCalendar


def periods_of(day: dt.date, calendar: WorkCalendar) -> list[tuple[dt.datetime, dt.datetime]]:
    if not calendar.is_working_day(day):
        return []
    return [
        (
            dt.datetime.combine(day, p.opens_at, tzinfo=calendar.tz),
            dt.datetime.combine(day, p.closes_at, tzinfo=calendar.tz),
        )
        for p in calendar.hours_on(day).periods
    ]


def add_by_days(start: dt.datetime, amount: dt.timedelta, calendar: WorkCalendar) -> dt.datetime:
    if amount == dt.timedelta():
        return start
    day = start.date()
    while True:
        for opens, closes in periods_of(day, calendar):
            begin = max(opens, start)
            if begin >= closes:
                continue
            if closes - begin >= amount:
                return begin + amount
            amount -= closes - begin
        day += dt.timedelta(days=1)


def between_by_days(a: dt.datetime, b: dt.datetime, calendar: WorkCalendar) -> dt.timedelta:
    total = dt.timedelta()
    day = a.date()
    while day <= b.date():
        for opens, closes in periods_of(day, calendar):
            begin, end = max(opens, a), min(closes, b)
            if end > begin:
                total += end - begin
        day += dt.timedelta(days=1)
    return total
