"""Admin: receivers with their lag, delivery states (dead letters, resend), the delivery log."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from motcua.integration.models import DeliveryAttempt, DeliveryState, IntakeRecord, Receiver
from motcua.integration.selectors import ReceiverLag, receiver_lag
from motcua.integration.services.outbox import delivery_state_resend


@admin.register(Receiver)
class ReceiverAdmin(admin.ModelAdmin[Receiver]):
    list_display = [
        "name",
        "kind",
        "is_active",
        "pending_events",
        "lag",
        "dead_letter_count",
        "retry_at",
    ]
    list_filter = ["kind", "is_active"]
    readonly_fields = [
        "kind",
        "owner",
        "start_event_id",
        "event_cursor",
        "swept_at",
        "failure_count",
        "retry_at",
        "created_at",
    ]
    fields = ["name", "url", "actions", "is_active", *readonly_fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # the portal's row is created by the worker, webhooks through the API

    def _lag(self, receiver: Receiver) -> ReceiverLag:
        return receiver_lag(receiver=receiver, now=timezone.now())

    @admin.display(description=_("pending events"))
    def pending_events(self, receiver: Receiver) -> int:
        lag = self._lag(receiver)
        return lag.pending_events + lag.uncollected_events

    @admin.display(description=_("lag (seconds)"))
    def lag(self, receiver: Receiver) -> str:
        return f"{self._lag(receiver).lag_seconds:.1f}"

    @admin.display(description=_("dead letters"))
    def dead_letter_count(self, receiver: Receiver) -> int:
        return self._lag(receiver).dead_letters


class DeadLetterFilter(admin.SimpleListFilter):
    title = _("delivery")
    parameter_name = "delivery"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [
            ("dead", _("Dead letters")),
            ("pending", _("Pending")),
            ("failing", _("Failing (retrying)")),
        ]

    def queryset(
        self, request: HttpRequest, queryset: QuerySet[DeliveryState]
    ) -> QuerySet[DeliveryState]:
        if self.value() == "dead":
            return queryset.filter(dead_at__isnull=False)
        if self.value() == "pending":
            return queryset.filter(is_pending=True, dead_at__isnull=True)
        if self.value() == "failing":
            return queryset.filter(attempts__gt=0, dead_at__isnull=True)
        return queryset


@admin.register(DeliveryState)
class DeliveryStateAdmin(admin.ModelAdmin[DeliveryState]):
    list_display = [
        "dossier",
        "receiver",
        "delivered_sequence",
        "is_pending",
        "attempts",
        "next_attempt_at",
        "dead_at",
        "last_error",
    ]
    list_filter = [DeadLetterFilter, "receiver"]
    search_fields = ["dossier__code"]
    list_select_related = ["dossier", "receiver"]
    actions = ["resend"]
    readonly_fields = [f.name for f in DeliveryState._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.action(description=_("Resend now (clears failures and dead letters)"))
    def resend(self, request: HttpRequest, queryset: QuerySet[DeliveryState]) -> None:
        count = delivery_state_resend(
            state_ids=queryset.values_list("pk", flat=True), now=timezone.now()
        )
        self.message_user(
            request,
            _("%(count)d dossier(s) will be sent again.") % {"count": count},
            messages.SUCCESS,
        )


@admin.register(DeliveryAttempt)
class DeliveryAttemptAdmin(admin.ModelAdmin[DeliveryAttempt]):
    list_display = ["started_at", "receiver", "operation", "outcome", "http_status", "duration_ms"]
    list_filter = ["receiver", "outcome", "operation"]
    readonly_fields = [f.name for f in DeliveryAttempt._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(IntakeRecord)
class IntakeRecordAdmin(admin.ModelAdmin[IntakeRecord]):
    list_display = ["portal_dossier_id", "dossier", "received_at"]
    search_fields = ["portal_dossier_id", "dossier__code"]
    readonly_fields = ["portal_dossier_id", "dossier", "payload_hash", "received_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
