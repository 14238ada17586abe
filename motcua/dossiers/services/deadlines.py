"""Due dates of dossiers, computed by ``motcua.worktime`` from the stored inputs.

A dossier keeps what its due date is computed from: ``received_at``, the time limit taken at
receipt (``limit_unit``, ``limit_amount``), its finished pauses and its re-appointment. The due
date is always ``worktime.deadlines.due_date`` of those inputs under the agency's calendar, so it
can be explained and recomputed when the calendar changes.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from motcua.calendars.selectors import calendar_for_agency
from motcua.catalog.models import Channel, ProcedureChannel, TimeLimit, TimeLimitUnit
from motcua.dossiers.models import Dossier, DossierPause
from motcua.worktime.calendar import WorkCalendar
from motcua.worktime.deadlines import DueDate, Limit, LimitUnit, Pause, Reappointment, due_date

_UNITS = {
    TimeLimitUnit.WORKING_DAY: LimitUnit.WORKING_DAYS,
    TimeLimitUnit.WORKING_HOUR: LimitUnit.WORKING_HOURS,
    TimeLimitUnit.CALENDAR_DAY: LimitUnit.CALENDAR_DAYS,
}


def agency_calendar(agency_id: int) -> WorkCalendar:
    """The working calendar of an agency (national holidays, its decisions and office hours)."""
    return calendar_for_agency(agency_id)


def limit_for_channel(*, procedure_version_id: int, channel: int) -> Limit | None:
    """The time limit of the procedure for ``channel`` (else the counter's, else the first one).

    None when the procedure states no usable limit (no amount, or a unit it does not name).
    """
    channels = list(
        ProcedureChannel.objects.filter(version_id=procedure_version_id).order_by("position")
    )
    preferred = [c for c in channels if c.channel == channel]
    preferred += [c for c in channels if c.channel == Channel.COUNTER and c not in preferred]
    preferred += [c for c in channels if c not in preferred]
    for procedure_channel in preferred:
        time_limit = (
            TimeLimit.objects.filter(channel=procedure_channel).order_by("position").first()
        )
        if time_limit is None:
            continue
        unit = _UNITS.get(TimeLimitUnit(time_limit.unit))
        if unit is None or time_limit.amount is None:
            return None
        amount = Decimal(time_limit.amount)
        if unit == LimitUnit.CALENDAR_DAYS and amount != int(amount):
            amount = Decimal(int(amount) + 1)
        return Limit(unit, amount)
    return None


def dossier_limit(dossier: Dossier) -> Limit | None:
    if not dossier.limit_unit or dossier.limit_amount is None:
        return None
    return Limit(dossier.limit_unit, Decimal(dossier.limit_amount))


def dossier_pauses(dossier: Dossier) -> tuple[Pause, ...]:
    if dossier._state.adding:  # not saved yet: no pauses
        return ()
    rows = DossierPause.objects.filter(dossier=dossier, ended_at__isnull=False).order_by(
        "started_at"
    )
    return tuple(
        Pause(row.started_at, row.ended_at)
        for row in rows
        if row.ended_at and row.ended_at > row.started_at
    )


def dossier_due_date(dossier: Dossier, calendar: WorkCalendar | None = None) -> DueDate | None:
    """The due date of ``dossier`` from its stored inputs; None if it has no time limit."""
    limit = dossier_limit(dossier)
    if limit is None or dossier.received_at is None:
        return None
    reappointment = (
        Reappointment(dossier.reappointed_due_at, dossier.reappointment_reason[:200])
        if dossier.reappointed_due_at is not None
        else None
    )
    return due_date(
        dossier.received_at,
        limit,
        calendar or agency_calendar(dossier.agency_id),
        pauses=dossier_pauses(dossier),
        reappointment=reappointment,
    )


def apply_due_date(dossier: Dossier, due: DueDate | None) -> None:
    """Store a computed due date and its explanation on ``dossier`` (the caller saves)."""
    if due is None:
        dossier.due_at = None
        dossier.due_explanation = [{"kind": "no_limit"}]
        return
    dossier.due_at = due.due_at
    dossier.due_explanation = [fact.as_dict() for fact in due.facts]


def working_time_left(
    *, now: dt.datetime, due_at: dt.datetime, calendar: WorkCalendar
) -> dt.timedelta:
    from motcua.worktime.deadlines import working_time_between

    if now >= due_at:
        return dt.timedelta()
    return working_time_between(now, due_at, calendar)
