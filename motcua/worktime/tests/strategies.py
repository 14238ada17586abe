"""Hypothesis strategies for working-time properties: calendars, instants, amounts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import strategies as st

from motcua.worktime import VIETNAM, Holiday, Limit, OfficeHours, Period, Season, WorkCalendar
from motcua.worktime.vietnam import national_calendar

YEAR = 2030  # instants fall in this year; calendars cover it and the next


def _quarter(q: int) -> dt.time:
    return dt.time(q // 4, (q % 4) * 15)


@st.composite
def office_hours(draw: st.DrawFn) -> OfficeHours:
    """A morning period of at least 2 hours and, usually, an afternoon one."""
    opens = draw(st.integers(6 * 4, 8 * 4 + 2))
    closes = draw(st.integers(opens + 8, 12 * 4))
    periods = [Period(_quarter(opens), _quarter(closes))]
    if draw(st.booleans()) or draw(st.booleans()):
        after = draw(st.integers(max(closes, 13 * 4), 14 * 4))
        periods.append(Period(_quarter(after), _quarter(draw(st.integers(after + 1, 19 * 4)))))
    return OfficeHours(tuple(periods))


days_of_years = st.dates(min_value=dt.date(YEAR, 1, 1), max_value=dt.date(YEAR + 1, 12, 31))


@st.composite
def calendars(draw: st.DrawFn) -> WorkCalendar:
    """Random calendars: weekly pattern, hours, a summer season, holidays and make-up days."""
    weekdays = draw(st.sets(st.integers(0, 6), min_size=3, max_size=7))
    holidays = draw(st.sets(days_of_years, max_size=25))
    make_up = draw(st.sets(days_of_years, max_size=5)) - holidays
    seasons: tuple[Season, ...] = ()
    if draw(st.booleans()):
        seasons = (Season((4, 15), (10, 15), draw(office_hours()), "summer"),)
    return WorkCalendar(
        first_year=YEAR,
        last_year=YEAR + 3,
        holidays={d: Holiday(f"holiday {d:%d/%m}") for d in holidays},
        make_up_days={d: Holiday("make-up") for d in make_up},
        default_hours=draw(office_hours()),
        seasons=seasons,
        working_weekdays=frozenset(weekdays),
    )


all_calendars = st.one_of(calendars(), st.just(national_calendar()))

instants = st.datetimes(
    min_value=dt.datetime(YEAR, 1, 1),
    max_value=dt.datetime(YEAR, 12, 31, 23, 59),
).map(lambda d: d.replace(second=0, microsecond=0, tzinfo=VIETNAM))

# Up to 20 working days of 8 hours, in minutes.
amounts = st.integers(min_value=0, max_value=20 * 8 * 60).map(lambda m: dt.timedelta(minutes=m))
positive_amounts = st.integers(min_value=1, max_value=20 * 8 * 60).map(
    lambda m: dt.timedelta(minutes=m)
)

# (limit, the same as a timedelta): working hours in quarters of an hour, exact in decimal.
hour_limits = st.integers(min_value=1, max_value=20 * 8 * 4).map(
    lambda q: (Limit.working_hours(Decimal(q) / 4), dt.timedelta(minutes=15 * q))
)
