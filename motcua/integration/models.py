"""Delivery of dossier events to other systems, and dossiers taken in from the national portal.

The outbox is ``dossiers.DossierEvent`` itself (append-only, a gap-free ``sequence`` per dossier).
Each receiver (the national portal, a webhook subscription) keeps, per dossier, the last sequence
it has been sent (``DeliveryState``): what is above it is pending, so nothing is lost and each
dossier's events go out in order. ``DeliveryAttempt`` is the log of every request made.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from motcua.dossiers.models import Dossier


class ReceiverKind(models.TextChoices):
    NATIONAL_PORTAL = "national_portal", _("National public service portal")
    WEBHOOK = "webhook", _("Webhook")


class Receiver(models.Model):
    """A system that receives every dossier event: the national portal or a webhook subscription."""

    kind = models.CharField(_("kind"), max_length=20, choices=ReceiverKind.choices)
    name = models.CharField(_("name"), max_length=100)
    # The client that owns a webhook subscription (empty for the national portal).
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    url = models.URLField(_("URL"), max_length=500, blank=True)  # webhook target
    secret = models.CharField(max_length=100, blank=True, editable=False)  # webhook signing key
    # Event actions delivered (a lifecycle transition name); empty: every action.
    actions = models.JSONField(_("actions"), default=list, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    # Events up to this id happened before the receiver existed and are not sent to it.
    start_event_id = models.BigIntegerField(default=0)
    # The highest event id the collector has looked at (see services.outbox.outbox_collect).
    event_cursor = models.BigIntegerField(default=0)
    swept_at = models.DateTimeField(null=True, blank=True)  # last full reconciliation
    # Circuit breaker: consecutive transport failures and when to try again.
    failure_count = models.PositiveIntegerField(default=0)
    retry_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("receiver")
        verbose_name_plural = _("receivers")
        constraints = [
            models.UniqueConstraint(
                fields=["kind"],
                condition=Q(kind="national_portal"),
                name="receiver_one_national_portal",
            )
        ]

    def __str__(self) -> str:
        return self.name


class DeliveryState(models.Model):
    """How far one receiver has got with one dossier's events; pending while behind."""

    receiver = models.ForeignKey(Receiver, on_delete=models.CASCADE, related_name="states")
    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="+")
    delivered_sequence = models.PositiveIntegerField(default=0)
    is_pending = models.BooleanField(default=True)
    pending_since = models.DateTimeField(null=True, blank=True)
    # The national portal already holds the dossier (later packets are updates, not creations).
    is_known_to_receiver = models.BooleanField(default=False)
    attempts = models.PositiveIntegerField(default=0)  # failures since the last success
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    lease_token = models.CharField(max_length=32, blank=True)
    leased_until = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    dead_at = models.DateTimeField(_("dead letter since"), null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("delivery state")
        verbose_name_plural = _("delivery states")
        constraints = [
            models.UniqueConstraint(
                fields=["receiver", "dossier"], name="deliverystate_unique_dossier"
            )
        ]
        indexes = [
            models.Index(
                fields=["receiver", "next_attempt_at", "id"],
                condition=Q(is_pending=True, dead_at__isnull=True),
                name="deliverystate_due_idx",
            ),
            models.Index(
                fields=["receiver", "dead_at"],
                condition=Q(dead_at__isnull=False),
                name="deliverystate_dead_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.receiver_id}/{self.dossier_id}@{self.delivered_sequence}"

    @property
    def is_dead_letter(self) -> bool:
        return self.dead_at is not None


class AttemptOutcome(models.TextChoices):
    DELIVERED = "delivered", _("Delivered")
    REJECTED = "rejected", _("Rejected by the receiver")
    FAILED = "failed", _("Failed (network, timeout, server error)")


class DeliveryAttempt(models.Model):
    """One request to a receiver: the delivery log."""

    receiver = models.ForeignKey(Receiver, on_delete=models.CASCADE, related_name="attempts")
    started_at = models.DateTimeField()
    duration_ms = models.PositiveIntegerField(default=0)
    operation = models.CharField(max_length=20)  # create, update, progress, event
    url = models.CharField(max_length=500)
    # "<dossier code>/<sequence>" of the events or snapshots carried, in order.
    keys = models.JSONField(default=list)
    outcome = models.CharField(max_length=20, choices=AttemptOutcome.choices)
    http_status = models.PositiveSmallIntegerField(null=True, blank=True)
    response = models.TextField(blank=True)  # the reply (truncated) or the error

    class Meta:
        verbose_name = _("delivery attempt")
        verbose_name_plural = _("delivery attempts")
        ordering = ["-id"]
        indexes = [models.Index(fields=["receiver", "-id"], name="deliveryattempt_log_idx")]

    def __str__(self) -> str:
        return f"{self.receiver_id} {self.operation} {self.outcome}"


class IntakeRecord(models.Model):
    """A dossier taken in from the national portal, by the portal's own id (idempotency)."""

    portal_dossier_id = models.CharField(_("national portal id"), max_length=100, unique=True)
    dossier = models.OneToOneField(Dossier, on_delete=models.PROTECT, related_name="+")
    payload_hash = models.CharField(max_length=64)  # SHA-256 of the canonical packet
    received_at = models.DateTimeField()

    class Meta:
        verbose_name = _("intake from the national portal")
        verbose_name_plural = _("intakes from the national portal")

    def __str__(self) -> str:
        return self.portal_dossier_id
