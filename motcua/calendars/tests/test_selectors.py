"""Selectors: the agency calendar (layers, office hours, cache) and the year view."""

from __future__ import annotations

import datetime as dt
import json
from importlib import resources

import pytest

from motcua.calendars.models import CalendarDecision, DecisionKind, OfficeHours
from motcua.calendars.selectors import (
    calendar_database_ready,
    calendar_for_agency,
    calendar_for_cli,
    calendar_year_days,
)
from motcua.organizations.tests.factories import AgencyFactory
from motcua.worktime import DayKind, national_calendar
from motcua.worktime import OfficeHours as PureHours

pytestmark = pytest.mark.django_db

T = dt.time.fromisoformat


def test_seed_migration_matches_the_shipped_data_file():
    text = (
        resources.files("motcua.worktime")
        .joinpath("data/vietnam_decisions.json")
        .read_text("utf-8")
    )
    shipped = {
        (r["kind"], r["first_on"], r["last_on"], r["name"], r["reference"], r["decided_on"] or None)
        for r in json.loads(text)["decisions"]
    }
    seeded = {
        (
            d.kind,
            d.first_on.isoformat(),
            d.last_on.isoformat(),
            d.name,
            d.reference,
            d.decided_on.isoformat() if d.decided_on else None,
        )
        for d in CalendarDecision.objects.filter(agency__isnull=True)
    }
    assert seeded == shipped


def test_nationwide_calendar_from_the_database_equals_the_built_in_one():
    from_db = calendar_for_agency(None)
    built_in = national_calendar()
    for year in (2024, 2025, 2026):
        for day in from_db.days(dt.date(year, 1, 1), dt.date(year, 12, 31)):
            assert from_db.day_status(day) == built_in.day_status(day), day


def test_agency_layers_top_down_own_decision_last():  # [D19]
    province = AgencyFactory(identifier="000.00.00.H29")
    commune = AgencyFactory(identifier="000.12.31.H29", parent=province)
    other = AgencyFactory(identifier="000.00.00.H30")
    CalendarDecision.objects.create(
        agency=province,
        kind=DecisionKind.DAY_OFF,
        first_on=dt.date(2026, 3, 10),
        last_on=dt.date(2026, 3, 11),
        name="nghỉ bão",
        reference="1/QĐ-UBND",
    )
    CalendarDecision.objects.create(
        agency=commune,
        kind=DecisionKind.CANCEL,
        first_on=dt.date(2026, 3, 11),
        last_on=dt.date(2026, 3, 11),
        name="trực",
        reference="2/QĐ-UBND",
    )
    # a nationwide decision is overridden by an agency's own for the same day
    CalendarDecision.objects.create(
        agency=None,
        kind=DecisionKind.DAY_OFF,
        first_on=dt.date(2026, 3, 12),
        last_on=dt.date(2026, 3, 12),
        name="nghỉ chung",
    )
    CalendarDecision.objects.create(
        agency=commune,
        kind=DecisionKind.CANCEL,
        first_on=dt.date(2026, 3, 12),
        last_on=dt.date(2026, 3, 12),
        name="trực",
    )
    province_cal = calendar_for_agency(province.pk)
    commune_cal = calendar_for_agency(commune.pk)
    assert not province_cal.is_working_day(dt.date(2026, 3, 11))
    assert not commune_cal.is_working_day(dt.date(2026, 3, 10))  # the parent's decision applies
    assert commune_cal.is_working_day(dt.date(2026, 3, 11))  # its own cancellation wins
    assert commune_cal.is_working_day(dt.date(2026, 3, 12))
    assert not province_cal.is_working_day(dt.date(2026, 3, 12))
    assert calendar_for_agency(other.pk).is_working_day(dt.date(2026, 3, 10))


def test_within_a_layer_the_later_decision_wins():  # [D19]
    CalendarDecision.objects.create(
        kind=DecisionKind.WORKING_DAY,
        first_on=dt.date(2026, 3, 14),
        last_on=dt.date(2026, 3, 14),
        name="làm bù",
        decided_on=dt.date(2026, 3, 1),
    )
    CalendarDecision.objects.create(
        kind=DecisionKind.CANCEL,
        first_on=dt.date(2026, 3, 14),
        last_on=dt.date(2026, 3, 14),
        name="huỷ làm bù",
        decided_on=dt.date(2026, 3, 5),
    )
    assert not calendar_for_agency(None).is_working_day(dt.date(2026, 3, 14))


def test_office_hours_from_the_nearest_level():  # [D20]
    province = AgencyFactory(identifier="000.00.00.H29")
    department = AgencyFactory(identifier="000.01.00.H29", parent=province)
    own = AgencyFactory(identifier="000.02.00.H29", parent=province)
    assert calendar_for_agency(department.pk).default_hours == PureHours.of(
        ("07:30", "11:30"), ("13:30", "17:30")
    )
    OfficeHours.objects.create(
        agency=None,
        morning_opens_at=T("08:00"),
        morning_closes_at=T("12:00"),
        afternoon_opens_at=T("13:00"),
        afternoon_closes_at=T("17:00"),
    )
    assert calendar_for_agency(department.pk).default_hours.opens_at == T("08:00")
    OfficeHours.objects.create(
        agency=province,
        morning_opens_at=T("07:00"),
        morning_closes_at=T("11:30"),
        afternoon_opens_at=T("13:30"),
        afternoon_closes_at=T("17:00"),
    )
    OfficeHours.objects.create(
        agency=province,
        season_first_month=10,
        season_first_day=16,
        season_last_month=4,
        season_last_day=14,
        morning_opens_at=T("07:30"),
        morning_closes_at=T("12:00"),
        afternoon_opens_at=T("13:30"),
        afternoon_closes_at=T("17:00"),
    )
    OfficeHours.objects.create(
        agency=own, morning_opens_at=T("07:15"), morning_closes_at=T("11:15")
    )
    dept = calendar_for_agency(department.pk)
    assert dept.hours_on(dt.date(2026, 7, 1)).opens_at == T("07:00")
    assert dept.hours_on(dt.date(2026, 12, 1)).opens_at == T("07:30")
    assert dept.working_day_length == dt.timedelta(hours=8)
    assert calendar_for_agency(own.pk).hours_on(dt.date(2026, 12, 1)).closes_at == T("11:15")


def test_cache_returns_the_same_calendar_until_the_data_changes(django_assert_max_num_queries):
    first = calendar_for_agency(None)
    with django_assert_max_num_queries(2):
        assert calendar_for_agency(None) is first
    # a change made without the services (another process) is seen through the fingerprint
    CalendarDecision.objects.create(
        kind=DecisionKind.DAY_OFF,
        first_on=dt.date(2026, 6, 1),
        last_on=dt.date(2026, 6, 1),
        name="x",
    )
    second = calendar_for_agency(None)
    assert second is not first
    assert not second.is_working_day(dt.date(2026, 6, 1))


def test_year_view_lists_non_working_days_with_reasons():
    days = {d.day: d for d in calendar_year_days(None, 2024)}
    assert days[dt.date(2024, 4, 29)].reference == "2450/VPCP-KGVX"
    assert days[dt.date(2024, 5, 4)].kind == DayKind.MAKE_UP
    assert days[dt.date(2024, 2, 12)].name == "Tết Nguyên đán"
    assert days[dt.date(2024, 3, 2)].kind == DayKind.WEEKEND
    assert dt.date(2024, 3, 4) not in days
    holidays = [d for d in days.values() if d.kind == DayKind.HOLIDAY]
    assert len(holidays) == 14  # 7 Tết, Giỗ Tổ, 29/04, 30/04, 01/05, 02–03/09, 01/01


def test_cli_uses_the_database_when_it_is_set_up():
    assert calendar_database_ready()
    agency = AgencyFactory(identifier="000.00.00.H29")
    calendar, source = calendar_for_cli("000.00.00.H29")
    assert source == "database"
    assert calendar is calendar_for_agency(agency.pk)
    with pytest.raises(LookupError):
        calendar_for_cli("000.00.00.H01")
