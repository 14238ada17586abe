"""The Vietnamese national calendar: Labour Code holidays as a base, official decisions on top.

Base: the holidays of Labour Code 2019 Art 112 (with lunar Tết and Giỗ Tổ Hùng Vương, the
Art 111.3 compensatory days and the swaps it knows) as computed by the ``holidays`` package
(v0.109). Holidays the package adds without a basis in the Labour Code are dropped (see
``UNCONFIRMED_BASE_HOLIDAYS`` and docs/deadlines.md). Official decisions (days off, make-up
working days, cancellations) overlay the base and win; the nationwide ones confirmed for
2024–2026 ship with the project in ``data/vietnam_decisions.json``.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

import holidays as holidays_package

from motcua.worktime.calendar import DEFAULT_HOURS, Holiday, OfficeHours, Season, WorkCalendar

FIRST_YEAR = 2015
LAST_YEAR = 2050

# The package's English names → (key, Vietnamese name shown to citizens).
BASE_NAMES = {
    "New Year's Day": ("new_year", "Tết Dương lịch"),
    "Hung Kings' Commemoration Day": ("hung_kings", "Giỗ Tổ Hùng Vương"),
    "Liberation Day/Reunification Day": ("victory_day", "Ngày Chiến thắng"),
    "International Labor Day": ("labour_day", "Ngày Quốc tế Lao động"),
    "National Day": ("national_day", "Quốc khánh"),
}
LUNAR_NEW_YEAR = ("lunar_new_year", "Tết Nguyên đán")
SWAPPED_DAY_OFF = ("swapped_day_off", "hoán đổi ngày làm việc")
MAKE_UP = ("make_up", "làm bù")

# 24/11 "Ngày Văn hóa Việt Nam": the package adds it from 2026 citing Resolution 80-NQ/TW, a Party
# resolution; Labour Code 2019 Art 112.1 (the text we hold) does not list it. Not counted until
# the law or an official decision says so (an administrator can then add a nationwide day off).
UNCONFIRMED_BASE_HOLIDAYS = frozenset({"Vietnam Cultural Day"})

KEYS_BY_NAME = {name: key for key, name in (*BASE_NAMES.values(), LUNAR_NEW_YEAR, SWAPPED_DAY_OFF)}


def classify(english_name: str) -> tuple[str, str] | None:
    """Map a name of the ``holidays`` package to (key, Vietnamese name); None drops the day.

    >>> classify("Third Day of Lunar New Year")
    ('lunar_new_year', 'Tết Nguyên đán')
    >>> classify("Hung Kings' Commemoration Day (observed)")
    ('compensatory', 'Giỗ Tổ Hùng Vương (nghỉ bù)')
    """
    if english_name in UNCONFIRMED_BASE_HOLIDAYS:
        return None
    if "Lunar New Year" in english_name:
        return LUNAR_NEW_YEAR
    if english_name.startswith("Day off (substituted"):
        return SWAPPED_DAY_OFF
    if english_name.endswith(" (observed)"):
        found = classify(english_name.removesuffix(" (observed)"))
        return None if found is None else ("compensatory", f"{found[1]} (nghỉ bù)")
    return BASE_NAMES.get(english_name, ("", english_name))


@cache
def _base(first_year: int, last_year: int) -> tuple[dict[dt.date, Holiday], dict[dt.date, Holiday]]:
    years = range(first_year, last_year + 1)
    package = holidays_package.country_holidays("VN", years=years, language="en_US")
    days_off: dict[dt.date, Holiday] = {}
    for day, names in sorted(package.items()):
        for name in names.split("; "):
            found = classify(name)
            if found is not None:
                days_off[day] = Holiday(name=found[1], key=found[0])
                break
    make_up = {
        day: Holiday(name=MAKE_UP[1], key=MAKE_UP[0])
        for day in sorted(package.weekend_workdays)
        if first_year <= day.year <= last_year
    }
    return days_off, make_up


def base_holidays(
    first_year: int, last_year: int
) -> tuple[dict[dt.date, Holiday], dict[dt.date, Holiday]]:
    """Return (days off, make-up working days) of the base calendar for the years given."""
    days_off, make_up = _base(first_year, last_year)
    return dict(days_off), dict(make_up)


class DecisionKind:
    DAY_OFF = "day_off"  # the dates are days off (nghỉ)
    WORKING_DAY = "working_day"  # the dates are working days (làm bù)
    CANCEL = "cancel"  # the dates follow the weekly pattern again (a base holiday cancelled)


@dataclass(frozen=True, slots=True)
class Decision:
    """An official decision about a range of dates (first_on..last_on, inclusive)."""

    kind: str
    first_on: dt.date
    last_on: dt.date
    name: str
    reference: str = ""
    decided_on: dt.date | None = None

    def __post_init__(self) -> None:
        if self.kind not in (DecisionKind.DAY_OFF, DecisionKind.WORKING_DAY, DecisionKind.CANCEL):
            raise ValueError(f"unknown decision kind: {self.kind}")
        if self.last_on < self.first_on:
            raise ValueError("a decision's last day must not be before its first day")

    def dates(self) -> Iterable[dt.date]:
        day = self.first_on
        while day <= self.last_on:
            yield day
            day += dt.timedelta(days=1)


def apply_decisions(
    days_off: Mapping[dt.date, Holiday],
    make_up: Mapping[dt.date, Holiday],
    decisions: Iterable[Decision],
) -> tuple[dict[dt.date, Holiday], dict[dt.date, Holiday]]:
    """Overlay decisions on a calendar's days off and make-up days; a later decision wins."""
    result_off, result_make_up = dict(days_off), dict(make_up)
    for decision in decisions:
        for day in decision.dates():
            result_off.pop(day, None)
            result_make_up.pop(day, None)
            if decision.kind == DecisionKind.DAY_OFF:
                key = KEYS_BY_NAME.get(decision.name, "")
                result_off[day] = Holiday(decision.name, key, decision.reference)
            elif decision.kind == DecisionKind.WORKING_DAY:
                result_make_up[day] = Holiday(decision.name, MAKE_UP[0], decision.reference)
    return result_off, result_make_up


def _parse_day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


@cache
def shipped_decisions() -> tuple[Decision, ...]:
    """The nationwide decisions that ship with the project (legal-spec §6.2)."""
    text = (
        resources.files("motcua.worktime")
        .joinpath("data/vietnam_decisions.json")
        .read_text("utf-8")
    )
    rows = json.loads(text)["decisions"]
    return tuple(
        Decision(
            kind=row["kind"],
            first_on=dt.date.fromisoformat(row["first_on"]),
            last_on=dt.date.fromisoformat(row["last_on"]),
            name=row["name"],
            reference=row["reference"],
            decided_on=_parse_day(row["decided_on"]),
        )
        for row in rows
    )


def build_calendar(
    decisions: Sequence[Decision],
    *,
    default_hours: OfficeHours = DEFAULT_HOURS,
    seasons: tuple[Season, ...] = (),
    first_year: int = FIRST_YEAR,
    last_year: int = LAST_YEAR,
    name: str = "",
) -> WorkCalendar:
    """Build a calendar: the base holidays, then ``decisions`` in order (later wins)."""
    days_off, make_up = base_holidays(first_year, last_year)
    days_off, make_up = apply_decisions(days_off, make_up, decisions)
    return WorkCalendar(
        first_year=first_year,
        last_year=last_year,
        holidays=days_off,
        make_up_days=make_up,
        default_hours=default_hours,
        seasons=seasons,
        name=name,
    )


@cache
def national_calendar() -> WorkCalendar:
    """The built-in national calendar: base holidays plus the decisions shipped with the project."""
    return build_calendar(shipped_decisions(), name="national")
