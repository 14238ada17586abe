"""Timeliness of a finished dossier (trước hạn / đúng hạn / quá hạn), Decision 766 indicator 2.1 (pure)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from motcua.dossiers.models import Timeliness

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


def classify(
    *, finished_at: dt.datetime, due_at: dt.datetime, supplement_requests: int
) -> Timeliness:
    """Early when finished on a day before the due day, on time up to the due instant, else late.

    ``due_at`` already includes the time spent waiting for supplements (it was moved forward by
    each pause), which is how indicator 2.1 subtracts that time; more than one supplement request
    makes the dossier late whatever the dates (legal-spec §5, indicator 2.1).

    >>> due = dt.datetime(2025, 7, 4, 17, 0, tzinfo=VIETNAM)
    >>> classify(finished_at=due, due_at=due, supplement_requests=0).value
    'on_time'
    >>> classify(finished_at=due - dt.timedelta(days=1), due_at=due, supplement_requests=2).value
    'late'
    """
    if supplement_requests > 1 or finished_at > due_at:
        return Timeliness.LATE
    if finished_at.astimezone(VIETNAM).date() < due_at.astimezone(VIETNAM).date():
        return Timeliness.EARLY
    return Timeliness.ON_TIME
