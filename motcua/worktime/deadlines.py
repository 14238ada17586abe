"""Deadline arithmetic (thời hạn giải quyết): working time, limits, pauses, re-appointment, the 15:00 rule.

Pure: no ORM, no clock. Every function takes the calendar; instants must be timezone-aware.
The semantics are in docs/deadlines.md, sentence by sentence tested in ``tests/``.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from motcua.worktime.calendar import DayKind, OutOfCalendarRangeError, WorkCalendar
from motcua.worktime.explanation import Fact, FactKind
from motcua.worktime.index import EPOCH, MICROSECOND, from_local_micros, local_micros

DAY = dt.timedelta(days=1)
# Decree 61/2018/NĐ-CP Art 18: a paper dossier received after 15:00 is transferred at the start
# of the next working day.
TRANSFER_CUTOFF = dt.time(15, 0)


class LimitUnit:
    WORKING_DAYS = "working_days"  # ngày làm việc: N × the calendar's working-day length
    WORKING_HOURS = "working_hours"  # giờ làm việc
    CALENDAR_DAYS = "calendar_days"  # ngày (calendar days)


class ReappointmentError(ValueError):
    """A re-appointment must move the due date later."""


@dataclass(frozen=True, slots=True)
class Limit:
    """A time limit: an amount in working days, working hours or calendar days."""

    unit: str
    amount: Decimal

    def __post_init__(self) -> None:
        if self.unit not in (
            LimitUnit.WORKING_DAYS,
            LimitUnit.WORKING_HOURS,
            LimitUnit.CALENDAR_DAYS,
        ):
            raise ValueError(f"unknown limit unit: {self.unit}")
        if self.amount < 0:
            raise ValueError("a time limit must not be negative")
        if self.unit == LimitUnit.CALENDAR_DAYS and self.amount != int(self.amount):
            raise ValueError("a limit in calendar days must be a whole number")

    @classmethod
    def working_days(cls, amount: int | str | Decimal) -> Limit:
        return cls(LimitUnit.WORKING_DAYS, Decimal(amount))

    @classmethod
    def working_hours(cls, amount: int | str | Decimal) -> Limit:
        return cls(LimitUnit.WORKING_HOURS, Decimal(amount))

    @classmethod
    def calendar_days(cls, amount: int) -> Limit:
        return cls(LimitUnit.CALENDAR_DAYS, Decimal(amount))

    def working_time(self, calendar: WorkCalendar) -> dt.timedelta:
        """The working time this limit stands for (working days × the calendar's day length)."""
        if self.unit == LimitUnit.WORKING_DAYS:
            unit_micros = calendar.working_day_length // MICROSECOND
        elif self.unit == LimitUnit.WORKING_HOURS:
            unit_micros = 3_600_000_000
        else:
            raise ValueError("a limit in calendar days is not an amount of working time")
        return dt.timedelta(microseconds=int(self.amount * unit_micros))

    @property
    def amount_text(self) -> str:
        return format(self.amount.normalize(), "f")


@dataclass(frozen=True, slots=True)
class Pause:
    """An interval during which the deadline clock stops (tạm dừng, waiting for a supplement)."""

    start: dt.datetime
    end: dt.datetime

    def __post_init__(self) -> None:
        if self.end <= self.start:
            raise ValueError("a pause must end after it starts")


@dataclass(frozen=True, slots=True)
class Reappointment:
    """A new due date given once in an apology letter (Decree 61 Art 19.9, Mẫu 04)."""

    due_at: dt.datetime
    reference: str = ""


@dataclass(frozen=True, slots=True)
class DueDate:
    """A computed due instant with the facts that explain it, in order."""

    due_at: dt.datetime
    facts: tuple[Fact, ...]
    computed_due_at: dt.datetime  # before any re-appointment

    def as_dict(self) -> dict[str, object]:
        return {
            "due_at": self.due_at.isoformat(),
            "explanation": [fact.as_dict() for fact in self.facts],
        }


def _micros(delta: dt.timedelta) -> int:
    return delta // MICROSECOND


def add_working_time(
    start: dt.datetime, amount: dt.timedelta, calendar: WorkCalendar
) -> dt.datetime:
    """Return the earliest instant at which ``amount`` working time has been counted from ``start``.

    >>> from motcua.worktime.calendar import WorkCalendar, VIETNAM
    >>> cal = WorkCalendar(2026, 2026)
    >>> add_working_time(dt.datetime(2026, 3, 2, 7, 30, tzinfo=VIETNAM), dt.timedelta(hours=8), cal)
    datetime.datetime(2026, 3, 2, 17, 30, tzinfo=zoneinfo.ZoneInfo(key='Asia/Ho_Chi_Minh'))
    """
    micros = calendar.index.add(local_micros(start), amount // MICROSECOND)
    return (EPOCH + dt.timedelta(microseconds=micros)).astimezone(calendar.tz)


def working_time_between(a: dt.datetime, b: dt.datetime, calendar: WorkCalendar) -> dt.timedelta:
    """Return the working time from ``a`` to ``b`` (negative when ``b`` is before ``a``)."""
    index = calendar.index
    micros = index.between(local_micros(a, calendar.tz), local_micros(b, calendar.tz))
    return dt.timedelta(microseconds=micros)


def next_working_instant(instant: dt.datetime, calendar: WorkCalendar) -> dt.datetime:
    """Return ``instant`` if it is inside office hours, else the next opening."""
    index = calendar.index
    return from_local_micros(index.next_working(local_micros(instant, calendar.tz)), calendar.tz)


def next_working_day(day: dt.date, calendar: WorkCalendar) -> dt.date:
    """Return the first working day after ``day``."""
    candidate = day + DAY
    while True:
        if not calendar.covers(candidate):
            raise OutOfCalendarRangeError("no working day left in the calendar's years")
        if calendar.is_working_day(candidate):
            return candidate
        candidate += DAY


def close_of_office(day: dt.date, calendar: WorkCalendar) -> dt.datetime:
    return dt.datetime.combine(day, calendar.hours_on(day).closes_at, tzinfo=calendar.tz)


def opening_of_office(day: dt.date, calendar: WorkCalendar) -> dt.datetime:
    return dt.datetime.combine(day, calendar.hours_on(day).opens_at, tzinfo=calendar.tz)


def merge_pauses(pauses: Iterable[Pause]) -> list[Pause]:
    """Sort pauses and merge the ones that overlap or touch."""
    merged: list[Pause] = []
    for pause in sorted(pauses, key=lambda p: p.start):
        if merged and pause.start <= merged[-1].end:
            last = merged[-1]
            merged[-1] = Pause(last.start, max(last.end, pause.end))
        else:
            merged.append(pause)
    return merged


def _local(instant: dt.datetime, calendar: WorkCalendar) -> dt.datetime:
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ValueError("instants must be timezone-aware")
    return instant.astimezone(calendar.tz)


def _day_facts(first: dt.date, last: dt.date, calendar: WorkCalendar) -> list[tuple[dt.date, Fact]]:
    """Facts for each weekend or day-off range, and each make-up day, from ``first`` to ``last``."""
    facts: list[tuple[dt.date, Fact]] = []
    run: list[object] = []  # [kind, holiday, first day, last day]
    for day in calendar.days(first, last):
        status = calendar.day_status(day)
        if status.kind == DayKind.MAKE_UP and status.holiday is not None:
            params = {
                "on": day.isoformat(),
                "name": status.holiday.name,
                "reference": status.holiday.reference,
            }
            facts.append((day, Fact(FactKind.MAKE_UP, params)))
        if status.is_working:
            continue
        if run and run[0] == status.kind and run[1] == status.holiday and run[3] == day - DAY:
            run[3] = day
            continue
        if run:
            facts.append(_range_fact(run))
        run = [status.kind, status.holiday, day, day]
    if run:
        facts.append(_range_fact(run))
    facts.sort(key=lambda item: item[0])
    return facts


def _range_fact(run: list[object]) -> tuple[dt.date, Fact]:
    kind, holiday, first, last = run
    assert isinstance(first, dt.date)  # noqa: S101 - narrowing for the type checker
    assert isinstance(last, dt.date)  # noqa: S101
    params: dict[str, object] = {"first": first.isoformat(), "last": last.isoformat()}
    if kind == DayKind.WEEKEND:
        return first, Fact(FactKind.WEEKEND, params)
    name = getattr(holiday, "name", "")
    params |= {
        "name": name,
        "key": getattr(holiday, "key", ""),
        "reference": getattr(holiday, "reference", ""),
    }
    return first, Fact(FactKind.HOLIDAY, params)


def due_date(
    received_at: dt.datetime,
    limit: Limit,
    calendar: WorkCalendar,
    *,
    pauses: Sequence[Pause] = (),
    reappointment: Reappointment | None = None,
) -> DueDate:
    """Compute the due instant of a limit counted from ``received_at``, with its explanation.

    Working days and hours: the earliest instant at which the counted working time reaches the
    limit; receipt outside office hours counts from the next opening; time inside a pause does
    not count. Calendar days: the close of office on the N-th day after the day of receipt (each
    pause adds its length in days, rounded up); if that is not a working day, the close of the
    next working day. A re-appointment replaces the due date (once: it is a single value).
    """
    received = _local(received_at, calendar)
    facts: list[Fact] = [Fact(FactKind.RECEIVED, {"at": received.isoformat()})]
    merged = merge_pauses(Pause(_local(p.start, calendar), _local(p.end, calendar)) for p in pauses)
    if limit.unit == LimitUnit.CALENDAR_DAYS:
        facts.append(Fact(FactKind.LIMIT, {"unit": limit.unit, "amount": limit.amount_text}))
        computed = _calendar_days_due(received, int(limit.amount), merged, calendar, facts)
    else:
        computed = _working_time_due(received, limit, merged, calendar, facts)
    due = computed
    if reappointment is not None:
        new_due = _local(reappointment.due_at, calendar)
        if new_due <= computed:
            raise ReappointmentError("a re-appointment must move the due date later")
        facts.append(
            Fact(
                FactKind.REAPPOINTMENT,
                {
                    "previous": computed.isoformat(),
                    "at": new_due.isoformat(),
                    "reference": reappointment.reference,
                },
            )
        )
        due = new_due
    facts.append(Fact(FactKind.DUE, {"at": due.isoformat()}))
    return DueDate(due_at=due, facts=tuple(facts), computed_due_at=computed)


def _working_time_due(
    received: dt.datetime,
    limit: Limit,
    pauses: list[Pause],
    calendar: WorkCalendar,
    facts: list[Fact],
) -> dt.datetime:
    index = calendar.index
    tz = calendar.tz
    amount = _micros(limit.working_time(calendar))
    limit_params: dict[str, object] = {
        "unit": limit.unit,
        "amount": limit.amount_text,
        "working_seconds": amount // 1_000_000,
    }
    facts.append(Fact(FactKind.LIMIT, limit_params))
    start = local_micros(received, tz)
    first_counted = index.next_working(start)
    if first_counted != start:
        moved_to = from_local_micros(first_counted, tz)
        facts.append(
            Fact(FactKind.START_MOVED, {"from": received.isoformat(), "to": moved_to.isoformat()})
        )
    cursor, remaining = start, amount
    applied: list[tuple[dt.date, Fact]] = []
    for pause in pauses:
        pause_start = max(local_micros(pause.start, tz), cursor)
        pause_end = local_micros(pause.end, tz)
        if pause_end <= cursor:
            continue
        available = index.between(cursor, pause_start)
        if available >= remaining:
            break
        remaining -= available
        excluded = index.between(pause_start, pause_end)
        start_at = from_local_micros(pause_start, tz)
        params = {
            "start": start_at.isoformat(),
            "end": pause.end.isoformat(),
            "working_seconds": excluded // 1_000_000,
        }
        applied.append((start_at.date(), Fact(FactKind.PAUSE, params)))
        cursor = pause_end
    due = from_local_micros(index.add(cursor, remaining), tz)
    # Days off and make-up days from the day of receipt (when it is not worked) to the due day.
    first_day = received.date()
    if calendar.is_working_day(first_day):
        first_day += DAY
    day_facts = _day_facts(first_day, due.date(), calendar)
    ordered = sorted(day_facts + applied, key=lambda item: item[0])
    facts.extend(fact for _, fact in ordered)
    return due


def _calendar_days_due(
    received: dt.datetime,
    days: int,
    pauses: list[Pause],
    calendar: WorkCalendar,
    facts: list[Fact],
) -> dt.datetime:
    if days < 1:
        raise ValueError("a limit in calendar days must be at least 1")
    end_day = received.date() + days * DAY
    for pause in pauses:
        if pause.end <= received or pause.start >= close_of_office(end_day, calendar):
            continue
        counted_from = max(pause.start, received)
        added = math.ceil((pause.end - counted_from) / DAY)
        end_day += added * DAY
        pause_params = {
            "start": counted_from.isoformat(),
            "end": pause.end.isoformat(),
            "days": added,
        }
        facts.append(Fact(FactKind.PAUSE_DAYS, pause_params))
    if not calendar.covers(end_day):
        raise OutOfCalendarRangeError("the due day is outside the years the calendar covers")
    facts.append(Fact(FactKind.CALENDAR_DAY, {"n": days, "on": end_day.isoformat()}))
    status = calendar.day_status(end_day)
    if not status.is_working:
        moved = next_working_day(end_day, calendar)
        params: dict[str, object] = {"on": end_day.isoformat(), "to": moved.isoformat()}
        if status.holiday is not None:
            params |= {"name": status.holiday.name, "key": status.holiday.key}
        facts.append(Fact(FactKind.END_MOVED, params))
        end_day = moved
    return close_of_office(end_day, calendar)


@dataclass(frozen=True, slots=True)
class TransferDue:
    """When a paper dossier must reach the processing unit (Decree 61 Art 18)."""

    due_at: dt.datetime
    after_cutoff: bool  # received after 15:00 or on a day off: start of the next working day


def transfer_due(
    received_at: dt.datetime, calendar: WorkCalendar, cutoff: dt.time = TRANSFER_CUTOFF
) -> TransferDue:
    """Return the transfer deadline of a paper dossier (the 15:00 rule, Decree 61/2018 Art 18).

    Received on a working day at or before 15:00 (and before closing): by the close of office
    that day. Received after 15:00, or on a day that is not a working day: by the opening of the
    next working day.
    """
    received = _local(received_at, calendar)
    day = received.date()
    if calendar.is_working_day(day) and received.time() <= cutoff:
        close = close_of_office(day, calendar)
        if received < close:
            return TransferDue(close, after_cutoff=False)
    return TransferDue(
        opening_of_office(next_working_day(day, calendar), calendar), after_cutoff=True
    )
