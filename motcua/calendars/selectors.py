"""Reads of calendar data: the pure calendar of an agency, cached per process, and the year view.

How an agency's calendar combines (docs/deadlines.md [D19], [D20]): base holidays, then
nationwide decisions, then each ancestor's from the top down, then the agency's own; office hours
from the nearest level that has any.
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass
from pathlib import Path

from django.db import DatabaseError, connection
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import Count, Max

from motcua.calendars.models import CalendarDecision, OfficeHours
from motcua.organizations.models import Agency
from motcua.worktime import (
    DEFAULT_HOURS,
    DayKind,
    Decision,
    Season,
    WorkCalendar,
    build_calendar,
    national_calendar,
)
from motcua.worktime import OfficeHours as PureOfficeHours
from motcua.worktime.calendar import Period

SEED_MIGRATION = ("calendars", "0002_seed_national_decisions")

_lock = threading.Lock()
_cache: dict[int | None, tuple[tuple[object, ...], WorkCalendar]] = {}


def calendar_cache_clear() -> None:
    """Forget every cached calendar (the services call it after a change)."""
    with _lock:
        _cache.clear()


def _fingerprint() -> tuple[object, ...]:
    """Changes whenever a decision or office-hours row is added, changed or deleted."""
    decisions = CalendarDecision.objects.aggregate(n=Count("pk"), at=Max("updated_at"))
    hours = OfficeHours.objects.aggregate(n=Count("pk"), at=Max("updated_at"))
    return (decisions["n"], decisions["at"], hours["n"], hours["at"])


def agency_lineage(agency_id: int) -> list[int]:
    """The agency's ancestors from the top of the tree down, then the agency itself."""
    chain: list[int] = []
    current: int | None = agency_id
    while current is not None and current not in chain:
        chain.append(current)
        current = Agency.objects.filter(pk=current).values_list("parent_id", flat=True).first()
    return list(reversed(chain))


def _decisions(lineage: list[int]) -> list[Decision]:
    rank = {None: 0} | {agency_id: i + 1 for i, agency_id in enumerate(lineage)}
    rows = CalendarDecision.objects.filter(agency__isnull=True) | CalendarDecision.objects.filter(
        agency_id__in=lineage
    )
    ordered = sorted(
        rows,
        key=lambda r: (rank[r.agency_id], r.decided_on or dt.date.min, r.created_at, r.pk),
    )
    return [
        Decision(
            kind=r.kind,
            first_on=r.first_on,
            last_on=r.last_on,
            name=r.name,
            reference=r.reference,
            decided_on=r.decided_on,
        )
        for r in ordered
    ]


def _pure_hours(row: OfficeHours) -> PureOfficeHours:
    periods = [Period(row.morning_opens_at, row.morning_closes_at)]
    if row.afternoon_opens_at is not None and row.afternoon_closes_at is not None:
        periods.append(Period(row.afternoon_opens_at, row.afternoon_closes_at))
    return PureOfficeHours(tuple(periods))


def _hours(lineage: list[int]) -> tuple[PureOfficeHours, tuple[Season, ...]]:
    levels: list[int | None] = [*reversed(lineage), None]
    for level in levels:
        query = OfficeHours.objects.all()
        if level is None:
            query = query.filter(agency__isnull=True)
        else:
            query = query.filter(agency_id=level)
        rows = list(query)
        if not rows:
            continue
        default = DEFAULT_HOURS
        seasons = []
        for row in rows:
            if row.is_seasonal:
                # the check constraint makes the four season fields all set
                first = (row.season_first_month or 1, row.season_first_day or 1)
                last = (row.season_last_month or 12, row.season_last_day or 31)
                seasons.append(Season(first, last, _pure_hours(row)))
            else:
                default = _pure_hours(row)
        return default, tuple(seasons)
    return DEFAULT_HOURS, ()


def calendar_for_agency(agency_id: int | None = None) -> WorkCalendar:
    """Return the pure calendar of an agency (None: the nationwide calendar), cached per process.

    The cache is checked against a fingerprint of the calendar tables (two aggregate queries),
    so a change made by another process is seen on the next call.
    """
    fingerprint = _fingerprint()
    with _lock:
        cached = _cache.get(agency_id)
    if cached is not None and cached[0] == fingerprint:
        return cached[1]
    lineage = agency_lineage(agency_id) if agency_id is not None else []
    default, seasons = _hours(lineage)
    calendar = build_calendar(
        _decisions(lineage),
        default_hours=default,
        seasons=seasons,
        name=f"agency {agency_id}" if agency_id is not None else "nationwide",
    )
    with _lock:
        _cache[agency_id] = (fingerprint, calendar)
    return calendar


def agency_id_by_identifier(identifier: str) -> int | None:
    return Agency.objects.filter(identifier=identifier).values_list("pk", flat=True).first()


def calendar_database_ready() -> bool:
    """True when the configured database holds the calendar tables with the seeded decisions.

    Never creates a database: an absent SQLite file means "not set up yet".
    """
    settings_dict = connection.settings_dict
    if connection.vendor == "sqlite":
        name = str(settings_dict["NAME"])
        if name != ":memory:" and "mode=memory" not in name and not Path(name).exists():
            return False
    try:
        return SEED_MIGRATION in MigrationRecorder(connection).applied_migrations()
    except DatabaseError:
        return False


def calendar_for_cli(agency_identifier: str | None) -> tuple[WorkCalendar, str]:
    """The calendar the command line uses: the database's, or the built-in national one.

    Returns the calendar and where it came from ("database" or "built-in").
    Raises ``LookupError`` for an unknown agency, or an agency without a database.
    """
    if not calendar_database_ready():
        if agency_identifier:
            raise LookupError("agency calendars need a database: run `motcua migrate` first")
        return national_calendar(), "built-in"
    agency_id = None
    if agency_identifier:
        agency_id = agency_id_by_identifier(agency_identifier)
        if agency_id is None:
            raise LookupError(f"unknown agency: {agency_identifier}")
    return calendar_for_agency(agency_id), "database"


@dataclass(frozen=True, slots=True)
class YearDay:
    """A day of the year view: a non-working day or a make-up working day, with its reason."""

    day: dt.date
    kind: str  # DayKind
    name: str
    reference: str

    @property
    def is_working(self) -> bool:
        return self.kind == DayKind.MAKE_UP


def calendar_year_days(agency_id: int | None, year: int) -> list[YearDay]:
    """Every non-working day (weekends included) and make-up day of ``year``, with its reason."""
    calendar = calendar_for_agency(agency_id)
    days = []
    for day in calendar.days(dt.date(year, 1, 1), dt.date(year, 12, 31)):
        status = calendar.day_status(day)
        if status.kind == DayKind.WORKING:
            continue
        holiday = status.holiday
        days.append(
            YearDay(
                day=day,
                kind=status.kind,
                name=holiday.name if holiday else "",
                reference=holiday.reference if holiday else "",
            )
        )
    return days
