"""Saving and deleting calendar decisions and office hours (one entry point per mutation)."""

from __future__ import annotations

from django.db import transaction

from motcua.calendars.models import CalendarDecision, OfficeHours
from motcua.calendars.selectors import calendar_cache_clear
from motcua.calendars.services.recompute import agency_subtree, deadlines_recompute


def _after_change(agency_id: int | None) -> None:
    """Forget cached calendars and, once committed, recompute the deadlines concerned."""
    calendar_cache_clear()
    scope = None if agency_id is None else agency_subtree(agency_id)
    transaction.on_commit(lambda: deadlines_recompute(agency_ids=scope))


@transaction.atomic
def calendar_decision_save(*, decision: CalendarDecision) -> CalendarDecision:
    """Validate and save a decision (new or changed), then recompute the deadlines it touches."""
    previous_agency = None
    if decision.pk is not None:
        previous_agency = (
            CalendarDecision.objects.filter(pk=decision.pk)
            .values_list("agency_id", flat=True)
            .first()
        )
    decision.full_clean()
    decision.save()
    _after_change(decision.agency_id)
    if previous_agency is not None and previous_agency != decision.agency_id:
        _after_change(previous_agency)
    return decision


@transaction.atomic
def calendar_decision_delete(*, decision: CalendarDecision) -> None:
    agency_id = decision.agency_id
    decision.delete()
    _after_change(agency_id)


@transaction.atomic
def office_hours_save(*, hours: OfficeHours) -> OfficeHours:
    hours.full_clean()
    hours.save()
    _after_change(hours.agency_id)
    return hours


@transaction.atomic
def office_hours_delete(*, hours: OfficeHours) -> None:
    agency_id = hours.agency_id
    hours.delete()
    _after_change(agency_id)
