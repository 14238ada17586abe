"""Recomputing the due dates of open dossiers after their agency's calendar changed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Sequence

from django.db import transaction
from django.utils import timezone

from motcua.dossiers.lifecycle import CLOSED_STATUSES, DossierStatus
from motcua.dossiers.locks import dossier_qs_for_update
from motcua.dossiers.models import Dossier
from motcua.dossiers.services.deadlines import (
    agency_calendar,
    apply_due_date,
    dossier_due_date,
    dossier_limit,
)
from motcua.dossiers.services.events import dossier_event_record
from motcua.worktime.calendar import WorkCalendar
from motcua.worktime.deadlines import Pause, Reappointment
from motcua.worktime.explanation import Fact
from motcua.worktime.recompute import DeadlineInput, Recomputed

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


class DossierDeadlines:
    """The dossiers' provider for ``calendars.services.recompute`` (registered in ``apps.py``).

    A calendar change (a decision or office hours saved) recomputes every open dossier's due date;
    each moved one is stored with an event giving the reason (the changed days).
    """

    def open_deadlines(
        self, *, agency_ids: Collection[int] | None
    ) -> Iterable[tuple[int | None, DeadlineInput]]:
        qs = Dossier.objects.filter(received_at__isnull=False, due_at__isnull=False)
        qs = qs.exclude(limit_unit="").exclude(
            status__in=[*CLOSED_STATUSES, DossierStatus.FINISHED]
        )
        if agency_ids is not None:
            qs = qs.filter(agency_id__in=agency_ids)
        for dossier in qs.prefetch_related("pauses").order_by("pk").iterator(chunk_size=500):
            limit = dossier_limit(dossier)
            if limit is None or dossier.received_at is None or dossier.due_at is None:
                continue
            pauses = tuple(
                Pause(p.started_at, p.ended_at)
                for p in dossier.pauses.all()
                if p.ended_at is not None and p.ended_at > p.started_at
            )
            reappointment = (
                Reappointment(dossier.reappointed_due_at, dossier.reappointment_reason[:200])
                if dossier.reappointed_due_at is not None
                else None
            )
            yield (
                dossier.agency_id,
                DeadlineInput(
                    key=f"dossier:{dossier.pk}",
                    received_at=dossier.received_at,
                    limit=limit,
                    due_at=dossier.due_at,
                    pauses=pauses,
                    reappointment=reappointment,
                    explanation=tuple(Fact.from_dict(f) for f in dossier.due_explanation),
                ),
            )

    def apply(self, *, changes: Sequence[Recomputed]) -> None:
        for change in changes:
            dossier_id = int(change.key.split(":")[1])
            with transaction.atomic():
                dossier = dossier_qs_for_update().get(pk=dossier_id)
                if dossier.is_closed or dossier.due_at != change.previous_due_at:
                    continue  # changed meanwhile: the next recompute sees the new state
                dossier.due_at = change.due_at
                dossier.due_explanation = [f.as_dict() for f in change.due.facts]
                dossier.version += 1
                dossier.save(update_fields=["due_at", "due_explanation", "version", "updated_at"])
                dossier_event_record(
                    dossier=dossier,
                    action=RECOMPUTE_ACTION,
                    actor=None,
                    occurred_at=timezone.now(),
                    from_status=dossier.status,
                    data={
                        "previous_due_at": change.previous_due_at,
                        "due_at": change.due_at,
                        "reason": [f.as_dict() for f in change.reason],
                    },
                )
