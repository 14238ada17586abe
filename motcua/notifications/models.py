"""The delivery log: one row per message, keyed so that the same message is never sent twice."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationChannel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    SMS = "sms", _("SMS")


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Pending")  # recorded, not yet handed to the backend
    SENT = "sent", _("Sent")  # the backend accepted it
    FAILED = "failed", _("Failed")  # the backend refused it; may be retried


class Delivery(models.Model):
    """One message to one recipient over one channel (nhật ký gửi thông báo)."""

    key = models.CharField(max_length=200, unique=True)  # the idempotency key of the message
    channel = models.CharField(max_length=10, choices=NotificationChannel.choices)
    recipient = models.CharField(max_length=255)
    subject = models.CharField(max_length=255, blank=True)
    # The text as logged; messages carrying a secret (a one-time code) are stored redacted.
    body = models.TextField(blank=True)
    status = models.CharField(
        max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    backend = models.CharField(max_length=200, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        indexes = [models.Index(fields=["recipient", "created_at"], name="delivery_recipient_idx")]

    def __str__(self) -> str:
        return f"{self.channel} {self.recipient} {self.status}"
