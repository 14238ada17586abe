"""Agency administration for an agency's own administrators (agency_admin role).

Staff and roles, reception units, internal processes and holiday decisions of their agency only;
office hours are shown (edited in the Django admin by the province). Writes go through the
organizations, calendars and processes services.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from motcua.backoffice.access import official_required
from motcua.calendars.models import CalendarDecision, DecisionKind, OfficeHours
from motcua.calendars.services.changes import calendar_decision_save, office_hours_save
from motcua.catalog.models import Procedure
from motcua.core.errors import DomainError
from motcua.organizations.models import Agency, Role, StaffRole, Unit, UnitKind
from motcua.organizations.services import staff_role_grant, unit_ensure
from motcua.processes.models import STEP_ROLES
from motcua.processes.selectors import process_for, process_list_for_agency, process_steps
from motcua.processes.services.definitions import (
    StepInput,
    agency_ids_administered,
    process_save,
)

User = get_user_model()


def _agency(request: HttpRequest) -> Agency | None:
    ids = agency_ids_administered(request.user)
    if not ids:
        return None
    return Agency.objects.filter(pk__in=ids).order_by("identifier").first()


def _forbidden(request: HttpRequest) -> HttpResponse:
    return render(request, "backoffice/forbidden.html", status=403)


@official_required
def agency_admin_view(request: HttpRequest) -> HttpResponse:
    agency = _agency(request)
    if agency is None:
        return _forbidden(request)
    return render(
        request,
        "backoffice/agency_admin.html",
        {
            "agency": agency,
            "staff": StaffRole.objects.filter(unit__agency=agency)
            .select_related("user", "unit")
            .order_by("unit__name", "user__last_name", "user__first_name"),
            "units": Unit.objects.filter(agency=agency).order_by("kind", "name"),
            "processes": process_list_for_agency(agency_id=agency.pk),
            "procedures": Procedure.objects.filter(versions__agencies=agency)
            .distinct()
            .order_by("code")[:500],
            "decisions": CalendarDecision.objects.filter(agency=agency).order_by("-first_on")[:50],
            "hours": OfficeHours.objects.filter(agency=agency),
            "roles": Role.choices,
            "unit_kinds": UnitKind.choices,
            "decision_kinds": DecisionKind.choices,
        },
    )


@require_POST
@official_required
def staff_grant_view(request: HttpRequest) -> HttpResponse:
    agency = _agency(request)
    if agency is None:
        return _forbidden(request)
    unit = Unit.objects.filter(pk=request.POST.get("unit") or 0, agency=agency).first()
    user = User.objects.filter(username=request.POST.get("username", "").strip()).first()
    role = request.POST.get("role", "")
    if unit is None or user is None or role not in Role.values:
        messages.error(request, _("Choose an existing account, a unit of your agency and a role."))
        return redirect("backoffice:agency-admin")
    staff_role_grant(
        user_id=user.pk, unit_id=unit.pk, role=role, title=request.POST.get("title", "")
    )
    messages.success(request, _("Role granted."))
    return redirect("backoffice:agency-admin")


@require_POST
@official_required
def unit_add_view(request: HttpRequest) -> HttpResponse:
    agency = _agency(request)
    if agency is None:
        return _forbidden(request)
    name = request.POST.get("name", "").strip()
    kind = request.POST.get("kind", "")
    if not name or kind not in UnitKind.values:
        messages.error(request, _("Give the unit a name and a kind."))
        return redirect("backoffice:agency-admin")
    unit_ensure(agency_id=agency.pk, name=name, kind=kind)
    messages.success(request, _("Unit saved."))
    return redirect("backoffice:agency-admin")


@require_POST
@official_required
def decision_add_view(request: HttpRequest) -> HttpResponse:
    agency = _agency(request)
    if agency is None:
        return _forbidden(request)
    try:
        first_on = dt.date.fromisoformat(request.POST.get("first_on", ""))
        last_on = dt.date.fromisoformat(request.POST.get("last_on", "") or request.POST["first_on"])
    except (KeyError, ValueError):
        messages.error(request, _("Give the first and last day."))
        return redirect("backoffice:agency-admin")
    kind = request.POST.get("kind", "")
    name = request.POST.get("name", "").strip()
    if kind not in DecisionKind.values or not name or last_on < first_on:
        messages.error(request, _("Give the kind, a name and days in order."))
        return redirect("backoffice:agency-admin")
    calendar_decision_save(
        decision=CalendarDecision(
            agency=agency,
            kind=kind,
            first_on=first_on,
            last_on=last_on,
            name=name,
            reference=request.POST.get("reference", "").strip(),
        )
    )
    messages.success(request, _("Decision saved; the due dates of open dossiers were recomputed."))
    return redirect("backoffice:agency-admin")


def _time(value: str) -> dt.time | None:
    try:
        return dt.time.fromisoformat(value) if value else None
    except ValueError:
        return None


@require_POST
@official_required
def office_hours_view(request: HttpRequest) -> HttpResponse:
    """Set the agency's year-round office hours (morning, and afternoon if any)."""
    agency = _agency(request)
    if agency is None:
        return _forbidden(request)
    hours = OfficeHours.objects.filter(agency=agency, season_first_month__isnull=True).first()
    hours = hours or OfficeHours(agency=agency)
    opens = _time(request.POST.get("morning_opens_at", ""))
    closes = _time(request.POST.get("morning_closes_at", ""))
    if opens is None or closes is None:
        messages.error(request, _("Give the morning's opening and closing times."))
        return redirect("backoffice:agency-admin")
    hours.morning_opens_at, hours.morning_closes_at = opens, closes
    hours.afternoon_opens_at = _time(request.POST.get("afternoon_opens_at", ""))
    hours.afternoon_closes_at = _time(request.POST.get("afternoon_closes_at", ""))
    try:
        office_hours_save(hours=hours)
    except ValidationError as error:
        messages.error(request, "; ".join(error.messages))
    else:
        messages.success(
            request, _("Office hours saved; the due dates of open dossiers were recomputed.")
        )
    return redirect("backoffice:agency-admin")


def _steps_from_post(post: Any) -> list[StepInput]:
    steps = []
    for i in range(1, 11):
        name = post.get(f"name-{i}", "").strip()
        if not name:
            continue
        try:
            share = Decimal(post.get(f"share-{i}", "0").replace(",", "."))
        except InvalidOperation:
            share = Decimal(0)
        unit = post.get(f"unit-{i}", "")
        steps.append(
            StepInput(
                name=name,
                unit_id=int(unit) if unit.isdigit() else 0,
                role=post.get(f"role-{i}", ""),
                share_percent=share,
                is_approval=post.get(f"approval-{i}") == "on",
            )
        )
    return steps


@official_required
def process_edit_view(request: HttpRequest, procedure_id: int) -> HttpResponse:
    """Edit the agency's internal process of a procedure: up to ten ordered steps."""
    agency = _agency(request)
    if agency is None:
        return _forbidden(request)
    procedure = Procedure.objects.filter(pk=procedure_id).first()
    if procedure is None:
        raise Http404("unknown procedure")
    errors: list[str] = []
    if request.method == "POST":
        steps = _steps_from_post(request.POST)
        try:
            process_save(
                actor=request.user,
                agency_id=agency.pk,
                procedure_id=procedure.pk,
                steps=steps,
                name=request.POST.get("process_name", ""),
            )
        except DomainError as error:
            errors = list(getattr(error, "errors", {}).get("steps", [])) or [error.message]
        else:
            messages.success(request, _("Internal process saved."))
            return redirect("backoffice:agency-admin")
    process = process_for(agency_id=agency.pk, procedure_id=procedure.pk)
    current = process_steps(process=process) if process else []
    rows = [
        {
            "i": i,
            "name": s.name if s else "",
            "unit": s.unit_id if s else None,
            "role": s.role if s else "",
            "share": s.share_percent.normalize() if s else "",
            "approval": s.is_approval if s else False,
        }
        for i, s in enumerate([*current, *[None] * (6 - len(current))][: max(6, len(current))], 1)
    ]
    return render(
        request,
        "backoffice/process_edit.html",
        {
            "agency": agency,
            "procedure": procedure,
            "rows": rows,
            "units": Unit.objects.filter(agency=agency, is_active=True).order_by("name"),
            "roles": STEP_ROLES,
            "errors": errors,
        },
        status=400 if errors else 200,
    )
