"""The periodic jobs of internal processes, run by ``motcua worker`` (cron may call the commands)."""

from __future__ import annotations

import logging
import threading

from django.conf import settings
from django.db import close_old_connections
from django.utils import timezone

from motcua.processes.services.late import late_dossiers_check

logger = logging.getLogger(__name__)


def late_dossiers_loop(stop: threading.Event | None = None, *, max_runs: int | None = None) -> int:
    """Run the late-dossier check every ``MOTCUA_LATE_CHECK_MINUTES`` (default 60) until stopped.

    Returns the number of runs (when stopped, or after ``max_runs``).
    """
    stop = stop or threading.Event()
    interval = 60 * float(getattr(settings, "MOTCUA_LATE_CHECK_MINUTES", 60))
    runs = 0
    while not stop.is_set() and (max_runs is None or runs < max_runs):
        runs += 1
        try:
            late_dossiers_check(now=timezone.now())
        except Exception:  # a failed run is logged; the next one tries again
            logger.exception("late dossiers check failed")
        finally:
            close_old_connections()
        if max_runs is None or runs < max_runs:
            stop.wait(interval)
    return runs
