"""A fixed-window rate limiter kept in the database, shared by every web process.

Used for sign-in, password reset, one-time codes and the public lookup. Keys are hashed, so the
table holds no IP address or contact. Old windows are deleted as new ones are written.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from django.db import IntegrityError, transaction
from django.db.models import F

from motcua.identity.exceptions import RateLimitedError
from motcua.identity.models import RateLimitCounter


def _window_start(now: dt.datetime, window_seconds: int) -> dt.datetime:
    epoch = int(now.timestamp())
    return dt.datetime.fromtimestamp(epoch - epoch % window_seconds, tz=dt.UTC)


def rate_limit_hit(
    *, scope: str, key: str, limit: int, window_seconds: int, now: dt.datetime
) -> int:
    """Count one attempt of ``key`` in ``scope``; raise RateLimitedError past ``limit`` a window.

    Returns the number of attempts in the current window, this one included.
    """
    hashed = hashlib.sha256(f"{scope}\x00{key}".encode()).hexdigest()
    start = _window_start(now, window_seconds)
    with transaction.atomic():
        updated = RateLimitCounter.objects.filter(key=hashed, window_start=start).update(
            count=F("count") + 1
        )
        if not updated:
            try:
                with transaction.atomic():
                    RateLimitCounter.objects.create(key=hashed, window_start=start, count=1)
            except IntegrityError:  # another process created the window first
                RateLimitCounter.objects.filter(key=hashed, window_start=start).update(
                    count=F("count") + 1
                )
            RateLimitCounter.objects.filter(window_start__lt=now - dt.timedelta(days=1)).delete()
        count = (
            RateLimitCounter.objects.filter(key=hashed, window_start=start)
            .values_list("count", flat=True)
            .get()
        )
    if count > limit:
        raise RateLimitedError(minutes=max(1, window_seconds // 60))
    return count
