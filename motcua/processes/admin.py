"""Django admin for internal processes: steps inline, shares validated, agency admins see their own."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from motcua.processes.models import InternalProcess, ProcessStep
from motcua.processes.services.definitions import agency_ids_administered
from motcua.processes.validation import StepShape, process_errors


class StepFormSet(forms.BaseInlineFormSet):  # type: ignore[type-arg]
    def clean(self) -> None:
        super().clean()
        shapes = []
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE"):
                continue
            shapes.append(
                StepShape(
                    position=int(data.get("position") or 0),
                    role=str(data.get("role") or ""),
                    share_percent=Decimal(data.get("share_percent") or 0),
                    is_approval=bool(data.get("is_approval")),
                )
            )
        errors = process_errors(shapes)
        if errors:
            raise ValidationError(
                [_("Invalid process: %(errors)s") % {"errors": "; ".join(errors)}]
            )


class StepInline(admin.TabularInline[ProcessStep, InternalProcess]):
    model = ProcessStep
    formset = StepFormSet
    extra = 0
    fields = ["position", "name", "unit", "role", "share_percent", "is_approval"]


@admin.register(InternalProcess)
class InternalProcessAdmin(admin.ModelAdmin[InternalProcess]):
    list_display = ["__str__", "agency", "procedure", "is_active"]
    list_filter = ["is_active", ("agency", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["procedure__code", "agency__name", "name"]
    raw_id_fields = ["agency", "procedure"]
    inlines = [StepInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[InternalProcess]:
        qs = super().get_queryset(request).select_related("agency", "procedure")
        if request.user.is_superuser:
            return qs
        return qs.filter(agency_id__in=agency_ids_administered(request.user))

    def save_model(
        self, request: HttpRequest, obj: InternalProcess, form: Any, change: bool
    ) -> None:
        if not request.user.is_superuser and obj.agency_id not in agency_ids_administered(
            request.user
        ):
            raise ValidationError(_("Only the agency's administrators may do this."))
        super().save_model(request, obj, form, change)
