"""Agency administration: an administrator changes their own agency only."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from motcua.calendars.models import CalendarDecision
from motcua.dossiers.tests.factories import make_world
from motcua.organizations.models import Role, StaffRole, Unit
from motcua.organizations.tests.factories import UserFactory
from motcua.processes.models import InternalProcess, ProcessStep

pytestmark = pytest.mark.django_db


def test_grant_a_role_in_an_own_unit_only(client, world):
    other = make_world()
    newcomer = UserFactory(username="canbo.moi")
    client.force_login(world.admin)
    client.post(
        reverse("backoffice:staff-grant"),
        {"username": "canbo.moi", "unit": other.department.pk, "role": Role.SPECIALIST},
    )
    assert StaffRole.objects.filter(user=newcomer).exists() is False
    client.post(
        reverse("backoffice:staff-grant"),
        {"username": "canbo.moi", "unit": world.department.pk, "role": Role.SPECIALIST},
    )
    role = StaffRole.objects.get(user=newcomer)
    assert (role.unit_id, role.role) == (world.department.pk, Role.SPECIALIST)


def test_add_a_reception_unit_and_a_holiday_decision(client, world):
    client.force_login(world.admin)
    client.post(
        reverse("backoffice:unit-add"), {"name": "Điểm tiếp nhận số 2", "kind": "reception"}
    )
    assert Unit.objects.get(name="Điểm tiếp nhận số 2").agency_id == world.agency.pk
    client.post(
        reverse("backoffice:decision-add"),
        {
            "kind": "day_off",
            "name": "Nghỉ bù lễ hội địa phương",
            "first_on": "2026-12-24",
            "last_on": "2026-12-24",
            "reference": "12/QĐ-UBND",
        },
    )
    decision = CalendarDecision.objects.get(name="Nghỉ bù lễ hội địa phương")
    assert decision.agency_id == world.agency.pk
    page = client.get(reverse("backoffice:agency-admin")).content.decode()
    assert "Nghỉ bù lễ hội địa phương" in page
    assert "Điểm tiếp nhận số 2" in page


def test_process_screen_validates_the_shares(client, world):
    client.force_login(world.admin)
    url = reverse("backoffice:process-edit", args=[world.version.procedure_id])
    step = {
        "name-1": "Thẩm định",
        "unit-1": world.department.pk,
        "role-1": "specialist",
        "share-1": "70",
        "name-2": "Phê duyệt",
        "unit-2": world.leadership.pk,
        "role-2": "leader",
        "share-2": "20",
        "approval-2": "on",
    }
    refused = client.post(url, step)
    assert refused.status_code == 400
    assert "shares add up to 90, not 100" in refused.content.decode()
    assert client.post(url, {**step, "share-2": "30"}).status_code == 302
    process = InternalProcess.objects.get(agency=world.agency, is_active=True)
    assert [(s.name, s.share_percent) for s in process.steps.order_by("position")] == [
        ("Thẩm định", Decimal(70)),
        ("Phê duyệt", Decimal(30)),
    ]


def test_django_admin_validates_the_shares_and_shows_only_own_agency(admin_client, world):
    process = InternalProcess.objects.get(agency=world.agency, is_active=True)
    url = reverse("admin:processes_internalprocess_change", args=[process.pk])
    steps = list(ProcessStep.objects.filter(process=process).order_by("position"))
    data = {
        "agency": world.agency.pk,
        "procedure": world.version.procedure_id,
        "name": "",
        "is_active": "on",
        "steps-TOTAL_FORMS": "2",
        "steps-INITIAL_FORMS": "2",
        "steps-MIN_NUM_FORMS": "0",
        "steps-MAX_NUM_FORMS": "1000",
    }
    for i, step in enumerate(steps):
        data |= {
            f"steps-{i}-id": step.pk,
            f"steps-{i}-process": process.pk,
            f"steps-{i}-position": step.position,
            f"steps-{i}-name": step.name,
            f"steps-{i}-unit": step.unit_id,
            f"steps-{i}-role": step.role,
            f"steps-{i}-share_percent": "50",
        }
    data["steps-1-is_approval"] = "on"
    data["steps-1-share_percent"] = "20"
    response = admin_client.post(url, data)
    assert response.status_code == 200  # the form again, with the error
    assert "shares add up to 70, not 100" in response.content.decode()
    assert ProcessStep.objects.get(pk=steps[1].pk).share_percent == 40
    data["steps-1-share_percent"] = "50"
    assert admin_client.post(url, data).status_code == 302
    assert ProcessStep.objects.get(pk=steps[1].pk).share_percent == 50


def test_django_admin_lists_an_agency_admins_own_processes_only(client, world):
    from django.contrib.auth.models import Permission

    from motcua.processes.services.definitions import process_save
    from motcua.processes.tests.helpers import two_steps

    other = make_world()
    other_admin = StaffRole.objects.create(
        user=UserFactory(), unit=other.leadership, role=Role.AGENCY_ADMIN
    ).user
    process_save(
        actor=other_admin,
        agency_id=other.agency.pk,
        procedure_id=other.version.procedure_id,
        steps=two_steps(other),
    )
    world.admin.is_staff = True
    world.admin.save(update_fields=["is_staff"])
    world.admin.user_permissions.add(
        Permission.objects.get(codename="view_internalprocess"),
        Permission.objects.get(codename="change_internalprocess"),
    )
    client.force_login(world.admin)
    page = client.get(reverse("admin:processes_internalprocess_changelist"))
    rows = page.context["cl"].result_list
    assert [p.agency_id for p in rows] == [world.agency.pk]


def test_office_hours_of_the_own_agency(client, world):
    from motcua.calendars.models import OfficeHours

    client.force_login(world.admin)
    client.post(
        reverse("backoffice:office-hours"),
        {"morning_opens_at": "11:00", "morning_closes_at": "08:00"},
    )
    assert OfficeHours.objects.filter(agency=world.agency).exists() is False
    client.post(
        reverse("backoffice:office-hours"),
        {
            "morning_opens_at": "07:00",
            "morning_closes_at": "11:30",
            "afternoon_opens_at": "13:30",
            "afternoon_closes_at": "17:00",
        },
    )
    hours = OfficeHours.objects.get(agency=world.agency)
    assert hours.morning_opens_at == dt.time(7, 0)
    assert hours.afternoon_closes_at == dt.time(17, 0)
    client.force_login(world.officer)
    assert client.post(reverse("backoffice:office-hours"), {}).status_code == 403
