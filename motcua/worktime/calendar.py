"""Working calendars (lịch làm việc): weekly pattern, office hours by season, holidays, make-up days.

Pure data: no ORM, no clock. A calendar covers a closed range of years; the arithmetic in
``motcua.worktime.deadlines`` uses an index of its working periods built once per calendar.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    from motcua.worktime.index import WorkingIndex

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
MONDAY_TO_FRIDAY = frozenset(range(5))


class OutOfCalendarRangeError(ValueError):
    """An instant falls outside the years the calendar covers."""


@dataclass(frozen=True, slots=True)
class Period:
    """One office-hour period of a day, e.g. 07:30–11:30 (giờ làm việc buổi sáng)."""

    opens_at: dt.time
    closes_at: dt.time

    def __post_init__(self) -> None:
        if self.opens_at >= self.closes_at:
            raise ValueError("a period must close after it opens")

    @property
    def length(self) -> dt.timedelta:
        day = dt.date(2000, 1, 1)
        return dt.datetime.combine(day, self.closes_at) - dt.datetime.combine(day, self.opens_at)


@dataclass(frozen=True, slots=True)
class OfficeHours:
    """The office-hour periods of one working day, in order and not overlapping."""

    periods: tuple[Period, ...]

    def __post_init__(self) -> None:
        if not self.periods:
            raise ValueError("office hours need at least one period")
        for before, after in zip(self.periods, self.periods[1:], strict=False):
            if after.opens_at < before.closes_at:
                raise ValueError("office-hour periods must be in order and not overlap")

    @classmethod
    def of(cls, *pairs: tuple[str, str]) -> OfficeHours:
        """Build from ``("07:30", "11:30")`` pairs.

        >>> OfficeHours.of(("07:30", "11:30"), ("13:30", "17:30")).length
        datetime.timedelta(seconds=28800)
        """
        return cls(
            tuple(Period(dt.time.fromisoformat(a), dt.time.fromisoformat(b)) for a, b in pairs)
        )

    @property
    def length(self) -> dt.timedelta:
        return sum((p.length for p in self.periods), dt.timedelta())

    @property
    def opens_at(self) -> dt.time:
        return self.periods[0].opens_at

    @property
    def closes_at(self) -> dt.time:
        return self.periods[-1].closes_at


# 07:30–11:30 and 13:30–17:30: eight hours, the default of docs/deadlines.md.
DEFAULT_HOURS = OfficeHours.of(("07:30", "11:30"), ("13:30", "17:30"))


@dataclass(frozen=True, slots=True)
class Season:
    """Office hours for a part of every year, from ``first`` to ``last`` (month, day), inclusive.

    A season may wrap over the new year (winter hours 16/10–15/04).
    """

    first: tuple[int, int]
    last: tuple[int, int]
    hours: OfficeHours
    name: str = ""

    def __post_init__(self) -> None:
        for month, day in (self.first, self.last):
            dt.date(2000, month, day)  # raises ValueError on an impossible day (29/02 is allowed)

    def covers(self, day: dt.date) -> bool:
        key = (day.month, day.day)
        if self.first <= self.last:
            return self.first <= key <= self.last
        return key >= self.first or key <= self.last


@dataclass(frozen=True, slots=True)
class Holiday:
    """Why a date is a day off, or why a weekend date is worked.

    ``name`` is the Vietnamese name shown to citizens ("Tết Nguyên đán"); ``key`` names the kind
    of holiday for other languages ("lunar_new_year"; "" for a name only a decision knows);
    ``reference`` is the official decision (e.g. "2450/VPCP-KGVX").
    """

    name: str
    key: str = ""
    reference: str = ""


class DayKind:
    """What a date is in a calendar."""

    WORKING = "working"  # an ordinary working day
    MAKE_UP = "make_up"  # a weekend day made a working day (ngày làm bù)
    WEEKEND = "weekend"  # weekly rest day (nghỉ hằng tuần)
    HOLIDAY = "holiday"  # holiday or official day off (nghỉ lễ, tết, nghỉ hoán đổi)


@dataclass(frozen=True, slots=True)
class DayStatus:
    kind: str
    holiday: Holiday | None = None

    @property
    def is_working(self) -> bool:
        return self.kind in (DayKind.WORKING, DayKind.MAKE_UP)


def _frozen(mapping: Mapping[dt.date, Holiday] | None) -> Mapping[dt.date, Holiday]:
    return MappingProxyType(dict(mapping or {}))


@dataclass(frozen=True, eq=False, repr=False)
class WorkCalendar:
    """A working calendar: weekly pattern, office hours (default and seasonal), holidays, make-up days.

    ``working_day_length`` (one "working day" of a limit) is the length of the default hours.
    Instants are compared in ``tz``; Vietnam has had no daylight saving time since 1975.
    """

    first_year: int
    last_year: int
    holidays: Mapping[dt.date, Holiday] = field(default_factory=dict, repr=False)
    make_up_days: Mapping[dt.date, Holiday] = field(default_factory=dict, repr=False)
    default_hours: OfficeHours = DEFAULT_HOURS
    seasons: tuple[Season, ...] = ()
    working_weekdays: frozenset[int] = MONDAY_TO_FRIDAY
    tz: dt.tzinfo = VIETNAM
    name: str = ""
    _index: list[WorkingIndex] = field(default_factory=list, init=False, repr=False)

    def __post_init__(self) -> None:
        if self.first_year > self.last_year:
            raise ValueError("first_year must not be after last_year")
        object.__setattr__(self, "holidays", _frozen(self.holidays))
        object.__setattr__(self, "make_up_days", _frozen(self.make_up_days))

    def __repr__(self) -> str:
        return (
            f"WorkCalendar({self.name or 'unnamed'}, {self.first_year}–{self.last_year}, "
            f"{len(self.holidays)} days off, {len(self.make_up_days)} make-up days)"
        )

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(repr(self))

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.first_year, 1, 1)

    @property
    def last_day(self) -> dt.date:
        return dt.date(self.last_year, 12, 31)

    @property
    def working_day_length(self) -> dt.timedelta:
        return self.default_hours.length

    def covers(self, day: dt.date) -> bool:
        return self.first_day <= day <= self.last_day

    def day_status(self, day: dt.date) -> DayStatus:
        """Return whether ``day`` is worked, and why not.

        A make-up day wins over the weekly pattern; an official day off wins over everything.
        """
        holiday = self.holidays.get(day)
        if holiday is not None:
            return DayStatus(DayKind.HOLIDAY, holiday)
        make_up = self.make_up_days.get(day)
        if make_up is not None:
            if day.weekday() in self.working_weekdays:
                return DayStatus(DayKind.WORKING)
            return DayStatus(DayKind.MAKE_UP, make_up)
        if day.weekday() in self.working_weekdays:
            return DayStatus(DayKind.WORKING)
        return DayStatus(DayKind.WEEKEND)

    def is_working_day(self, day: dt.date) -> bool:
        return self.day_status(day).is_working

    def hours_on(self, day: dt.date) -> OfficeHours:
        """Return the office hours that apply on ``day`` (the first season covering it wins)."""
        for season in self.seasons:
            if season.covers(day):
                return season.hours
        return self.default_hours

    def days(self, first: dt.date, last: dt.date) -> Iterator[dt.date]:
        day = first
        while day <= last:
            yield day
            day += dt.timedelta(days=1)

    @property
    def index(self) -> WorkingIndex:
        """The index of working periods, built once on first use."""
        try:
            return self._index[0]
        except IndexError:
            from motcua.worktime.index import WorkingIndex  # imported here: index imports calendar

            self._index.append(WorkingIndex(self))
            return self._index[0]
