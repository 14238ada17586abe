"""Sending a notification exactly once: the delivery row is claimed under its key before sending."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone

from motcua.notifications.backends import DeliveryError, Message, backend_for
from motcua.notifications.models import Delivery, DeliveryStatus, NotificationChannel

REDACTED = "[redacted]"


def notification_send(
    *,
    channel: str,
    recipient: str,
    subject: str,
    body: str,
    key: str,
    secret: bool = False,
) -> Delivery:
    """Send ``body`` to ``recipient`` over ``channel`` once per ``key`` (gửi thông báo).

    A second call with the same key sends nothing and returns the first delivery, unless that one
    failed: then it is tried again. A ``secret`` body (a one-time code) is logged redacted.
    """
    if channel not in NotificationChannel.values:
        raise ValueError(f"unknown channel: {channel}")
    path, backend = backend_for(channel)
    with transaction.atomic():
        try:
            with transaction.atomic():
                delivery = Delivery.objects.create(
                    key=key,
                    channel=channel,
                    recipient=recipient,
                    subject=subject[:255],
                    body=REDACTED if secret else body,
                    backend=path,
                )
        except IntegrityError:
            pass
        delivery = Delivery.objects.select_for_update().get(key=key)
        if delivery.status == DeliveryStatus.SENT:
            return delivery
        delivery.attempts += 1
        try:
            backend.send(Message(channel, recipient, subject, body, key))
        except DeliveryError as exc:
            delivery.status = DeliveryStatus.FAILED
            delivery.error = str(exc)[:2000]
        else:
            delivery.status = DeliveryStatus.SENT
            delivery.sent_at = timezone.now()
            delivery.error = ""
        delivery.save(update_fields=["status", "attempts", "error", "sent_at"])
    return delivery
