"""Admin screens: official decisions, office hours, and the year view of non-working days."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from motcua.calendars.models import CalendarDecision, OfficeHours
from motcua.calendars.selectors import calendar_year_days
from motcua.calendars.services.changes import (
    calendar_decision_delete,
    calendar_decision_save,
    office_hours_delete,
    office_hours_save,
)
from motcua.organizations.models import Agency


@admin.register(CalendarDecision)
class CalendarDecisionAdmin(admin.ModelAdmin[CalendarDecision]):
    list_display = ("name", "kind", "first_on", "last_on", "agency", "reference", "decided_on")
    list_filter = ("kind", ("agency", admin.EmptyFieldListFilter))
    search_fields = ("name", "reference", "agency__name", "agency__identifier")
    date_hierarchy = "first_on"
    autocomplete_fields = ()
    raw_id_fields = ("agency",)
    change_list_template = "calendars/admin/decision_change_list.html"

    def save_model(
        self, request: HttpRequest, obj: CalendarDecision, form: ModelForm[Any], change: bool
    ) -> None:
        calendar_decision_save(decision=obj)

    def delete_model(self, request: HttpRequest, obj: CalendarDecision) -> None:
        calendar_decision_delete(decision=obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[CalendarDecision]) -> None:
        for decision in queryset:
            calendar_decision_delete(decision=decision)

    def get_urls(self) -> list[URLPattern]:
        year_view = path(
            "year/",
            self.admin_site.admin_view(self.year_view),
            name="calendars_calendardecision_year",
        )
        return [year_view, *super().get_urls()]

    def year_view(self, request: HttpRequest) -> HttpResponse:
        """Every non-working day of a year and its reason, for the nation or one agency."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        try:
            year = int(request.GET.get("year", timezone.localdate().year))
        except ValueError:
            year = timezone.localdate().year
        year = min(max(year, 2015), 2050)
        agency = None
        agency_param = request.GET.get("agency", "")
        if agency_param.isdigit():
            agency = Agency.objects.filter(pk=int(agency_param)).first()
        days = calendar_year_days(agency.pk if agency else None, year)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Non-working days of %(year)s") % {"year": year},
            "year": year,
            "previous_year": year - 1,
            "next_year": year + 1,
            "agency": agency,
            "agencies": Agency.objects.filter(is_active=True).order_by("identifier"),
            "days": days,
            "changelist_url": reverse("admin:calendars_calendardecision_changelist"),
        }
        return TemplateResponse(request, "calendars/admin/year.html", context)


@admin.register(OfficeHours)
class OfficeHoursAdmin(admin.ModelAdmin[OfficeHours]):
    list_display = ("__str__", "agency")
    list_filter = (("agency", admin.EmptyFieldListFilter),)
    search_fields = ("agency__name", "agency__identifier")
    raw_id_fields = ("agency",)

    def save_model(
        self, request: HttpRequest, obj: OfficeHours, form: ModelForm[Any], change: bool
    ) -> None:
        office_hours_save(hours=obj)

    def delete_model(self, request: HttpRequest, obj: OfficeHours) -> None:
        office_hours_delete(hours=obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[OfficeHours]) -> None:
        for hours in queryset:
            office_hours_delete(hours=hours)
