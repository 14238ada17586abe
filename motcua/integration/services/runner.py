"""The delivery loop run by ``motcua integration_deliver`` and inside ``motcua worker``."""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable

from django.conf import settings
from django.db import close_old_connections, connection
from django.utils import timezone

from motcua.integration.models import ReceiverKind
from motcua.integration.national_portal.client import PortalClient, PortalConfig
from motcua.integration.services.national_portal import PortalSender
from motcua.integration.services.outbox import (
    PassResult,
    Sender,
    outbox_deliver_once,
    receivers_active,
)
from motcua.integration.services.webhooks import WebhookSender

logger = logging.getLogger(__name__)


def outbox_run(
    *,
    stop: threading.Event | None = None,
    once: bool = False,
    clock: Callable[[], dt.datetime] = timezone.now,
    poll_seconds: float | None = None,
) -> int:
    """Deliver to every active receiver until ``stop`` is set (or, with ``once``, until idle).

    Returns the number of events delivered.
    """
    stop = stop or threading.Event()
    poll = settings.INTEGRATION_POLL_SECONDS if poll_seconds is None else poll_seconds
    portal = PortalSender(PortalClient(PortalConfig.from_settings()))
    webhooks = WebhookSender()
    delivered = 0
    try:
        while not stop.is_set():
            if not connection.in_atomic_block:  # (a test may run the loop in a transaction)
                close_old_connections()  # like a request: drop a broken or expired connection
            busy = False
            for receiver in receivers_active():
                sender: Sender = (
                    portal if receiver.kind == ReceiverKind.NATIONAL_PORTAL else webhooks
                )
                try:
                    result = outbox_deliver_once(receiver=receiver, sender=sender, now=clock())
                except Exception:
                    # One receiver's bug must not stop the others; the pass is retried.
                    logger.exception("delivery pass to %s failed", receiver)
                    result = PassResult(failed=1)
                delivered += result.delivered_events
                busy = busy or (result.claimed > 0 and not result.failed)
            if once and not busy:
                break
            if not busy:
                stop.wait(poll)
    finally:
        portal.client.close()
        webhooks.close()
    return delivered
