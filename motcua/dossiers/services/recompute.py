"""Recomputing the due dates of open dossiers after their agency's calendar changed."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from motcua.dossiers.lifecycle import CLOSED_STATUSES, DossierStatus
from motcua.dossiers.locks import dossier_qs_for_update
from motcua.dossiers.models import Dossier
from motcua.dossiers.services.deadlines import agency_calendar, apply_due_date, dossier_due_date
from motcua.dossiers.services.events import dossier_event_record
from motcua.worktime.calendar import WorkCalendar

RECOMPUTE_ACTION = "deadline_recomputed"


def dossier_ids_with_open_deadlines(agency_id: int | None = None) -> list[int]:
    qs = Dossier.objects.filter(received_at__isnull=False).exclude(limit_unit="")
    qs = qs.exclude(status__in=[*CLOSED_STATUSES, DossierStatus.FINISHED])
    if agency_id is not None:
        qs = qs.filter(agency_id=agency_id)
    return list(qs.order_by("pk").values_list("pk", flat=True))


def dossier_deadline_recompute(
    *,
    dossier_id: int,
    reason: str,
    calendar: WorkCalendar | None = None,
    now: dt.datetime | None = None,
) -> bool:
    """Recompute one open dossier's due date; if it moved, store it with an event. True if moved."""
    with transaction.atomic():
        dossier = dossier_qs_for_update().get(pk=dossier_id)
        if dossier.is_closed or dossier.status == DossierStatus.FINISHED:
            return False
        due = dossier_due_date(dossier, calendar or agency_calendar(dossier.agency_id))
        if due is None or due.due_at == dossier.due_at:
            return False
        previous = dossier.due_at
        apply_due_date(dossier, due)
        dossier.version += 1
        dossier.save(update_fields=["due_at", "due_explanation", "version", "updated_at"])
        dossier_event_record(
            dossier=dossier,
            action=RECOMPUTE_ACTION,
            actor=None,
            occurred_at=now or timezone.now(),
            from_status=dossier.status,
            data={"previous_due_at": previous, "due_at": dossier.due_at, "reason": reason},
        )
        return True


def dossier_deadlines_recompute(
    *, reason: str, agency_id: int | None = None, calendar: WorkCalendar | None = None
) -> int:
    """Recompute every open dossier (of one agency, or all); one transaction each. Count moved."""
    return sum(
        dossier_deadline_recompute(dossier_id=pk, reason=reason, calendar=calendar)
        for pk in dossier_ids_with_open_deadlines(agency_id)
    )
