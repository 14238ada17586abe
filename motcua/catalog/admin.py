"""Django admin for the catalog.

Procedure content changes through ``motcua catalog import`` (new versions with effective dates,
so that a dossier keeps its version); here an administrator browses every version with its
channels, time limits, fees and documents, and links versions to agencies.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from motcua.catalog.models import (
    Fee,
    Procedure,
    ProcedureChannel,
    ProcedureVersion,
    RequiredDocument,
    Sector,
    TimeLimit,
)


class ReadOnlyInlineMixin:
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ReadOnlyAdminMixin:
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Sector)
class SectorAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[Sector]):
    list_display = ["code", "name", "is_code_derived"]
    search_fields = ["code", "name"]
    readonly_fields = ["code", "name", "is_code_derived"]


class VersionInline(ReadOnlyInlineMixin, admin.TabularInline[ProcedureVersion, Procedure]):
    model = ProcedureVersion
    readonly_fields = (
        "number",
        "name",
        "effective_from",
        "effective_to",
        "online_level",
    )
    fields = readonly_fields


@admin.register(Procedure)
class ProcedureAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[Procedure]):
    list_display = ["code", "created_at"]
    search_fields = ["code", "versions__name"]
    readonly_fields = ["code", "created_at"]
    inlines = [VersionInline]


class ChannelInline(ReadOnlyInlineMixin, admin.TabularInline[ProcedureChannel, ProcedureVersion]):
    model = ProcedureChannel
    readonly_fields = (
        "position",
        "channel",
        "name",
        "limits",
    )
    fields = readonly_fields

    @admin.display(description="time limits and fees")
    def limits(self, channel: ProcedureChannel) -> str:
        parts = []
        for limit in channel.time_limits.all():
            fees = ", ".join(
                f"{fee.amount:,.0f} VND" if fee.amount is not None else fee.amount_label
                for fee in limit.fees.all()
            )
            parts.append(f"{limit}" + (f" ({fees})" if fees else ""))
        return "; ".join(parts)


class DocumentInline(ReadOnlyInlineMixin, admin.TabularInline[RequiredDocument, ProcedureVersion]):
    model = RequiredDocument
    readonly_fields = (
        "position",
        "case",
        "name",
        "originals",
        "copies",
        "template_name",
    )
    fields = readonly_fields
    show_change_link = False


@admin.register(ProcedureVersion)
class ProcedureVersionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[ProcedureVersion]):
    list_display = [
        "procedure",
        "number",
        "name",
        "sector",
        "online_level",
        "effective_from",
        "effective_to",
    ]
    list_filter = ["online_level", "sector", "effective_to"]
    search_fields = ["procedure__code", "name", "search_text"]
    list_select_related = ["procedure", "sector"]
    filter_horizontal = ["agencies"]
    inlines = [ChannelInline, DocumentInline]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        # only the agency links are edited here; content comes from the packet
        return [
            field.name
            for field in ProcedureVersion._meta.get_fields()
            if field.concrete and not field.many_to_many and field.name != "id"
        ]


class FeeInline(ReadOnlyInlineMixin, admin.TabularInline[Fee, TimeLimit]):
    model = Fee
    readonly_fields = (
        "position",
        "amount",
        "amount_label",
        "currency_label",
        "description",
    )
    fields = readonly_fields
    show_change_link = False


class TimeLimitInline(ReadOnlyInlineMixin, admin.TabularInline[TimeLimit, ProcedureChannel]):
    model = TimeLimit
    readonly_fields = (
        "position",
        "amount",
        "unit",
        "unit_label",
        "description",
    )
    fields = readonly_fields


@admin.register(ProcedureChannel)
class ProcedureChannelAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[ProcedureChannel]):
    list_display = ["version", "channel", "name"]
    readonly_fields = ["version", "position", "channel", "name", "extra"]
    inlines = [TimeLimitInline]


@admin.register(TimeLimit)
class TimeLimitAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[TimeLimit]):
    list_display = ["channel", "amount", "unit"]
    readonly_fields = [
        "channel",
        "position",
        "amount",
        "unit",
        "unit_label",
        "description",
        "extra",
    ]
    inlines = [FeeInline]
