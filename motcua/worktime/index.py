"""The index of working periods of a calendar: O(log n) arithmetic on working time.

Every office-hour period of every working day in the calendar's years becomes one entry with its
start, its end and the working time counted before it (cumulative). Both directions are a
binary search: instant → counted time (``counted_at``) and counted time → instant (``instant_at``).
Instants are integer microseconds since 1970-01-01 00:00 UTC; each period's bounds are the
calendar's local office hours converted with its time zone, so daylight saving time would be
handled too (Vietnam has none).
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING

from motcua.worktime.calendar import OutOfCalendarRangeError

if TYPE_CHECKING:
    from motcua.worktime.calendar import WorkCalendar

EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
MICROSECOND = dt.timedelta(microseconds=1)


def local_micros(instant: dt.datetime, tz: dt.tzinfo | None = None) -> int:
    """Microseconds of ``instant`` since 1970-01-01 00:00 UTC (exact integer arithmetic).

    ``tz`` is accepted for symmetry with ``from_local_micros``; the count does not depend on it.
    """
    try:
        return (instant - EPOCH) // MICROSECOND
    except TypeError:
        raise ValueError("instants must be timezone-aware") from None


def from_local_micros(micros: int, tz: dt.tzinfo) -> dt.datetime:
    """The instant ``micros`` after the epoch, as a datetime in ``tz``."""
    return (EPOCH + dt.timedelta(microseconds=micros)).astimezone(tz)


class WorkingIndex:
    """Sorted working periods of a calendar with the working time counted before each."""

    __slots__ = ("counted_before", "counted_through", "ends", "first", "last", "starts")

    def __init__(self, calendar: WorkCalendar) -> None:
        starts: list[int] = []
        ends: list[int] = []
        counted_before: list[int] = []
        total = 0
        tz = calendar.tz
        for day in calendar.days(calendar.first_day, calendar.last_day):
            if not calendar.is_working_day(day):
                continue
            for period in calendar.hours_on(day).periods:
                start = local_micros(dt.datetime.combine(day, period.opens_at, tzinfo=tz))
                end = local_micros(dt.datetime.combine(day, period.closes_at, tzinfo=tz))
                starts.append(start)
                ends.append(end)
                counted_before.append(total)
                total += end - start
        self.starts = starts
        self.ends = ends
        self.counted_before = counted_before
        self.counted_through = [
            c + e - s for c, s, e in zip(counted_before, starts, ends, strict=True)
        ]
        self.first = local_micros(dt.datetime.combine(calendar.first_day, dt.time(), tzinfo=tz))
        after_last = calendar.last_day + dt.timedelta(days=1)
        self.last = local_micros(dt.datetime.combine(after_last, dt.time(), tzinfo=tz))

    def _check(self, micros: int) -> None:
        if not self.first <= micros <= self.last:
            raise OutOfCalendarRangeError("the instant is outside the years the calendar covers")

    def counted_at(self, micros: int) -> int:
        """Working time counted from the start of the calendar up to ``micros``."""
        if not self.first <= micros <= self.last:
            self._check(micros)
        i = bisect_right(self.starts, micros) - 1
        if i < 0:
            return 0
        if micros >= self.ends[i]:
            return self.counted_through[i]
        return self.counted_before[i] + micros - self.starts[i]

    def instant_at(self, counted: int) -> int:
        """The earliest instant at which ``counted`` (> 0) working time has been counted."""
        j = bisect_left(self.counted_through, counted)
        if j == len(self.counted_through):
            raise OutOfCalendarRangeError("the result is after the last year the calendar covers")
        return self.starts[j] + counted - self.counted_before[j]

    def add(self, micros: int, amount: int) -> int:
        if amount < 0:
            raise ValueError("working time to add must not be negative")
        if amount == 0:
            self._check(micros)
            return micros
        return self.instant_at(self.counted_at(micros) + amount)

    def between(self, a: int, b: int) -> int:
        return self.counted_at(b) - self.counted_at(a)

    def next_working(self, micros: int) -> int:
        """``micros`` if inside office hours (start inclusive, end exclusive), else the next opening."""
        self._check(micros)
        i = bisect_right(self.starts, micros) - 1
        if i >= 0 and micros < self.ends[i]:
            return micros
        if i + 1 == len(self.starts):
            raise OutOfCalendarRangeError("no working time left in the calendar's years")
        return self.starts[i + 1]
