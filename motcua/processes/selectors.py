"""Reads of internal processes: a dossier's process, its steps with due times, consultations."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet

from motcua.calendars.selectors import calendar_for_agency
from motcua.dossiers.models import Dossier
from motcua.organizations.models import Role, StaffRole
from motcua.processes.models import (
    ConsultationAnswer,
    DossierStep,
    InternalProcess,
    LateNotice,
    ProcessStep,
)
from motcua.processes.validation import TOTAL_SHARE, cumulative_shares
from motcua.worktime.deadlines import add_working_time, working_time_between


def process_for(*, agency_id: int, procedure_id: int) -> InternalProcess | None:
    return (
        InternalProcess.objects.filter(
            agency_id=agency_id, procedure_id=procedure_id, is_active=True
        )
        .order_by("-id")
        .first()
    )


def process_steps(*, process: InternalProcess) -> list[ProcessStep]:
    return list(process.steps.select_related("unit").order_by("position"))


def process_list_for_agency(*, agency_id: int) -> QuerySet[InternalProcess]:
    return (
        InternalProcess.objects.filter(agency_id=agency_id, is_active=True)
        .select_related("procedure")
        .order_by("procedure__code")
    )


@dataclass(frozen=True, slots=True)
class StepView:
    """A step of a dossier's process as the dossier page shows it."""

    step: ProcessStep
    due_at: dt.datetime | None
    record: DossierStep | None  # the dossier's stay in the step, if it got there

    @property
    def is_current(self) -> bool:
        return self.record is not None and self.record.finished_at is None

    @property
    def is_done(self) -> bool:
        return self.record is not None and self.record.finished_at is not None


def step_due_times(*, dossier: Dossier, steps: list[ProcessStep]) -> list[dt.datetime | None]:
    """Each step's own due time: its cumulative share of the dossier's working time to the due date.

    The working time from receipt to the due date (pauses and a re-appointment included) is split
    by the shares, so the last step ends exactly at the dossier's due date.
    """
    if dossier.received_at is None or dossier.due_at is None:
        return [None] * len(steps)
    calendar = calendar_for_agency(dossier.agency_id)
    total = working_time_between(dossier.received_at, dossier.due_at, calendar)
    out: list[dt.datetime | None] = []
    for cumulative in cumulative_shares([s.share_percent for s in steps]):
        if cumulative >= TOTAL_SHARE:
            out.append(dossier.due_at)
        else:
            part = total * float(cumulative / TOTAL_SHARE)
            out.append(add_working_time(dossier.received_at, part, calendar))
    return out


def dossier_steps(*, dossier: Dossier) -> list[StepView]:
    """The steps of the dossier's process, each with its due time and the dossier's stay in it."""
    process = process_for(
        agency_id=dossier.agency_id, procedure_id=dossier.procedure_version.procedure_id
    )
    records = {
        r.step_id: r for r in DossierStep.objects.filter(dossier=dossier).select_related("assignee")
    }
    if process is None:
        return []
    steps = process_steps(process=process)
    dues = step_due_times(dossier=dossier, steps=steps)
    return [StepView(s, due, records.get(s.pk)) for s, due in zip(steps, dues, strict=True)]


def dossier_open_step(*, dossier_id: int) -> DossierStep | None:
    return (
        DossierStep.objects.filter(dossier_id=dossier_id, finished_at__isnull=True)
        .select_related("step")
        .order_by("-started_at", "-id")
        .first()
    )


def step_candidates(*, step: ProcessStep) -> list[tuple[int, str]]:
    """The officials who may perform ``step``: its role in its unit, active."""
    roles = StaffRole.objects.filter(
        unit_id=step.unit_id, role=step.role, is_active=True, user__is_active=True
    ).select_related("user")
    return sorted(
        {
            (r.user_id, f"{r.user.last_name} {r.user.first_name}".strip() or r.user.username)
            for r in roles
        },
        key=lambda pair: pair[1],
    )


def consultation_answers(*, dossier: Dossier) -> QuerySet[ConsultationAnswer]:
    return ConsultationAnswer.objects.filter(dossier=dossier).select_related("unit", "author")


def consulted_dossiers_for(*, user_id: int) -> QuerySet[Dossier]:
    """Dossiers on which a unit of ``user_id`` is consulted (they see only that part)."""
    units = StaffRole.objects.filter(user_id=user_id, is_active=True).values("unit_id")
    return Dossier.objects.filter(consulted_unit_id__in=units).select_related(
        "procedure_version", "consulted_unit"
    )


def late_notices_for(*, user_id: int) -> QuerySet[LateNotice]:
    """Open late-dossier warnings addressed to ``user_id`` (assignee or leader)."""
    return (
        LateNotice.objects.filter(apology_sent_at__isnull=True, recipients=user_id)
        .select_related("dossier")
        .order_by("due_at", "id")
    )


def leaders_of(*, agency_id: int) -> list[int]:
    return sorted(
        set(
            StaffRole.objects.filter(
                unit__agency_id=agency_id, role=Role.LEADER, is_active=True, unit__is_active=True
            ).values_list("user_id", flat=True)
        )
    )
