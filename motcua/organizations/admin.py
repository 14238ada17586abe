"""Django admin for agencies, units and staff roles (configuration by administrators)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from motcua.core.errors import DomainError
from motcua.organizations.models import Agency, StaffRole, Unit
from motcua.organizations.services import agency_ensure_can_move


class AgencyForm(forms.ModelForm[Agency]):
    class Meta:
        model = Agency
        fields = [
            "identifier",
            "name",
            "short_name",
            "level",
            "parent",
            "address",
            "phone",
            "email",
        ]

    def clean_parent(self) -> Agency | None:
        parent: Agency | None = self.cleaned_data.get("parent")
        try:
            agency_ensure_can_move(agency=self.instance, parent=parent)
        except DomainError as error:
            raise ValidationError(error.message, code=error.code) from error
        return parent


class UnitInline(admin.TabularInline[Unit, Agency]):
    model = Unit
    extra = 0
    fields = ["name", "kind", "address", "phone", "is_active"]
    show_change_link = True


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin[Agency]):
    form = AgencyForm
    list_display = ["tree_name", "identifier", "level", "is_active", "merged_into"]
    list_filter = ["level", "is_active", ("parent", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["identifier", "name", "short_name"]
    readonly_fields = ["is_active", "merged_into", "created_at", "updated_at"]
    list_select_related = ["parent__parent__parent", "merged_into"]
    autocomplete_fields = ["parent"]
    inlines = [UnitInline]

    @admin.display(description=_("name"), ordering="identifier")
    def tree_name(self, agency: Agency) -> str:
        """The name indented by its depth in the tree."""
        depth, node = 0, agency.parent
        while node is not None and depth < 10:
            depth, node = depth + 1, node.parent
        return f"{'— ' * depth}{agency.name}"


class StaffRoleInline(admin.TabularInline[StaffRole, Unit]):
    model = StaffRole
    extra = 0
    fields = ["user", "role", "title", "is_active"]
    autocomplete_fields = ["user"]


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin[Unit]):
    list_display = ["name", "agency", "kind", "is_active"]
    list_filter = ["kind", "is_active", ("agency", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "agency__name", "agency__identifier"]
    list_select_related = ["agency"]
    autocomplete_fields = ["agency"]
    inlines = [StaffRoleInline]


@admin.register(StaffRole)
class StaffRoleAdmin(admin.ModelAdmin[StaffRole]):
    list_display = ["user", "role", "unit", "title", "is_active"]
    list_filter = ["role", "is_active", "unit__kind"]
    search_fields = ["user__username", "user__last_name", "unit__name", "unit__agency__name"]
    list_select_related = ["user", "unit__agency"]
    autocomplete_fields = ["user", "unit"]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # roles are deactivated, not deleted, so that history keeps who did what
        return False
