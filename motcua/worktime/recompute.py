"""Recompute stored deadlines after a calendar change (tính lại hạn khi lịch làm việc thay đổi).

Pure: the caller (``motcua.calendars.services.recompute``) loads the open deadlines through the
providers other apps register, calls ``recompute_deadlines`` and stores what changed with its
reason.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from motcua.worktime.calendar import WorkCalendar
from motcua.worktime.deadlines import (
    DueDate,
    Limit,
    Pause,
    Reappointment,
    ReappointmentError,
    due_date,
)
from motcua.worktime.explanation import Fact, FactKind

DAY_FACTS = (FactKind.WEEKEND, FactKind.HOLIDAY, FactKind.MAKE_UP, FactKind.END_MOVED)


@dataclass(frozen=True, slots=True)
class DeadlineInput:
    """What a stored deadline was computed from, and its stored due instant."""

    key: str  # the owner's identifier (e.g. "dossier:42:processing")
    received_at: dt.datetime
    limit: Limit
    due_at: dt.datetime
    pauses: tuple[Pause, ...] = ()
    reappointment: Reappointment | None = None
    explanation: tuple[Fact, ...] = ()  # the stored facts, when the owner kept them


@dataclass(frozen=True, slots=True)
class Recomputed:
    """A deadline whose due instant changed, with the new explanation and the reason."""

    key: str
    previous_due_at: dt.datetime
    due: DueDate
    reason: tuple[Fact, ...]

    @property
    def due_at(self) -> dt.datetime:
        return self.due.due_at


def day_changes(old: WorkCalendar, new: WorkCalendar, first: dt.date, last: dt.date) -> list[Fact]:
    """One fact for each day from ``first`` to ``last`` whose status differs between calendars."""
    facts = []
    for day in new.days(first, last):
        was, now = old.day_status(day), new.day_status(day)
        if was == now:
            continue
        params = {
            "on": day.isoformat(),
            "was": was.kind,
            "was_name": was.holiday.name if was.holiday else "",
            "now": now.kind,
            "now_name": now.holiday.name if now.holiday else "",
        }
        facts.append(Fact(FactKind.DAY_CHANGED, params))
    return facts


def _recompute_one(deadline: DeadlineInput, calendar: WorkCalendar) -> DueDate:
    try:
        return due_date(
            deadline.received_at,
            deadline.limit,
            calendar,
            pauses=deadline.pauses,
            reappointment=deadline.reappointment,
        )
    except ReappointmentError:
        # The new calendar pushes the computed date past the re-appointed one: the later wins.
        return due_date(deadline.received_at, deadline.limit, calendar, pauses=deadline.pauses)


def recompute_deadlines(
    deadlines: Iterable[DeadlineInput],
    new: WorkCalendar,
    old: WorkCalendar | None = None,
) -> list[Recomputed]:
    """Return the deadlines whose due instant differs under ``new``, each with its reason.

    The reason starts with the move (previous → new due); then, with ``old`` given, each day
    between receipt and the later of the two due dates that changed status; without it, the day
    facts the stored explanation and the new one do not share.
    """
    changed = []
    for deadline in deadlines:
        due = _recompute_one(deadline, new)
        if due.due_at == deadline.due_at:
            continue
        reason = [
            Fact(
                FactKind.RECOMPUTED,
                {"previous": deadline.due_at.isoformat(), "at": due.due_at.isoformat()},
            )
        ]
        if old is not None:
            first = deadline.received_at.astimezone(new.tz).date()
            last = max(deadline.due_at, due.due_at).astimezone(new.tz).date()
            reason += day_changes(old, new, first, last)
        else:
            stored = [f.as_dict() for f in deadline.explanation if f.kind in DAY_FACTS]
            fresh = [f.as_dict() for f in due.facts if f.kind in DAY_FACTS]
            reason += [Fact(FactKind.FACT_REMOVED, {"fact": f}) for f in stored if f not in fresh]
            reason += [Fact(FactKind.FACT_ADDED, {"fact": f}) for f in fresh if f not in stored]
        changed.append(Recomputed(deadline.key, deadline.due_at, due, tuple(reason)))
    return changed
