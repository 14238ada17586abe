"""Admin screens: decisions saved through the service, office hours, the year view."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from motcua.calendars.models import CalendarDecision, OfficeHours
from motcua.calendars.selectors import calendar_for_agency
from motcua.organizations.tests.factories import AgencyFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    user = UserFactory(username="root", is_staff=True, is_superuser=True)
    client.force_login(user)
    return client


def test_adding_a_decision_in_the_admin_changes_the_calendar(admin_client):  # [D17]
    response = admin_client.post(
        reverse("admin:calendars_calendardecision_add"),
        {
            "kind": "day_off",
            "first_on": "2027-11-24",
            "last_on": "2027-11-24",
            "name": "Ngày Văn hóa Việt Nam",
            "reference": "99/2027/QĐ-TTg",
            "decided_on": "2027-10-01",
            "source": "",
            "agency": "",
        },
    )
    assert response.status_code == 302
    assert CalendarDecision.objects.filter(reference="99/2027/QĐ-TTg").exists()
    assert not calendar_for_agency(None).is_working_day(dt.date(2027, 11, 24))


def test_decision_with_days_in_the_wrong_order_is_refused(admin_client):
    response = admin_client.post(
        reverse("admin:calendars_calendardecision_add"),
        {"kind": "day_off", "first_on": "2027-11-24", "last_on": "2027-11-20", "name": "x"},
    )
    assert response.status_code == 200
    assert not CalendarDecision.objects.filter(name="x").exists()


def test_office_hours_admin_and_decision_list(admin_client):
    agency = AgencyFactory(identifier="000.00.00.H29")
    response = admin_client.post(
        reverse("admin:calendars_officehours_add"),
        {
            "agency": agency.pk,
            "morning_opens_at": "07:00",
            "morning_closes_at": "11:30",
            "afternoon_opens_at": "13:30",
            "afternoon_closes_at": "17:00",
        },
    )
    assert response.status_code == 302
    assert OfficeHours.objects.get(agency=agency).morning_opens_at == dt.time(7)
    listing = admin_client.get(reverse("admin:calendars_calendardecision_changelist"))
    assert listing.status_code == 200
    assert reverse("admin:calendars_calendardecision_year").encode() in listing.content


def test_year_view_shows_every_day_off_and_its_reason(admin_client):
    response = admin_client.get(reverse("admin:calendars_calendardecision_year"), {"year": "2026"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "16/02/2026" in html
    assert "Tết Nguyên đán" in html
    assert "02/01/2026" in html  # the New Year decision
    assert "24/11/2026" not in html  # [D18] not a day off
    # 01–02/01, Tết 16–20/02, Giỗ Tổ 26/04 and 27/04, 30/04, 01/05, 31/08, 01–02/09
    assert html.count('class="day-holiday"') == 14


def test_year_view_for_an_agency_and_bad_input(admin_client):
    agency = AgencyFactory(identifier="000.00.00.H29")
    CalendarDecision.objects.create(
        agency=agency,
        kind="day_off",
        first_on=dt.date(2026, 3, 10),
        last_on=dt.date(2026, 3, 10),
        name="nghỉ bão tỉnh",
    )
    url = reverse("admin:calendars_calendardecision_year")
    assert (
        "nghỉ bão tỉnh"
        in admin_client.get(url, {"year": "2026", "agency": agency.pk}).content.decode()
    )
    assert "nghỉ bão tỉnh" not in admin_client.get(url, {"year": "2026"}).content.decode()
    assert admin_client.get(url, {"year": "abc"}).status_code == 200


def test_year_view_needs_staff(client):
    client.force_login(UserFactory(username="citizen"))
    response = client.get(reverse("admin:calendars_calendardecision_year"))
    assert response.status_code == 302


def test_bulk_delete_goes_through_the_service(admin_client):
    agency = AgencyFactory(identifier="000.00.00.H29")
    made = CalendarDecision.objects.create(
        agency=agency,
        kind="day_off",
        first_on=dt.date(2026, 3, 10),
        last_on=dt.date(2026, 3, 10),
        name="nghỉ bão tỉnh",
    )
    hours = OfficeHours.objects.create(
        agency=agency, morning_opens_at=dt.time(7), morning_closes_at=dt.time(11)
    )
    assert not calendar_for_agency(agency.pk).is_working_day(dt.date(2026, 3, 10))
    for model, obj in (("calendardecision", made), ("officehours", hours)):
        response = admin_client.post(
            reverse(f"admin:calendars_{model}_changelist"),
            {"action": "delete_selected", "_selected_action": [obj.pk], "post": "yes"},
        )
        assert response.status_code == 302
    calendar = calendar_for_agency(agency.pk)
    assert calendar.is_working_day(dt.date(2026, 3, 10))
    assert calendar.default_hours.opens_at == dt.time(7, 30)
    # single delete through the change form
    single = CalendarDecision.objects.create(
        kind="day_off", first_on=dt.date(2026, 3, 11), last_on=dt.date(2026, 3, 11), name="x"
    )
    response = admin_client.post(
        reverse("admin:calendars_calendardecision_delete", args=[single.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not CalendarDecision.objects.filter(pk=single.pk).exists()
