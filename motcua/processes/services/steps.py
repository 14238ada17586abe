"""Moving a dossier through its internal process, step by step, through the dossiers' transitions.

The status and the assignee are changed only by ``dossiers.services.transitions`` (assign, forward,
approve, finish); these services choose the step, check that the official performs it, and record
the dossier's stay in each step with the step's own due time.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from motcua.dossiers.lifecycle import DossierStatus
from motcua.dossiers.models import Dossier
from motcua.dossiers.services import transitions as t
from motcua.dossiers.services.permissions import Actor
from motcua.organizations.models import StaffRole
from motcua.processes.exceptions import (
    NoProcessError,
    NotConsultedError,
    ProcessFinishedError,
    WrongStepOfficialError,
)
from motcua.processes.models import ConsultationAnswer, DossierStep, ProcessStep
from motcua.processes.selectors import (
    dossier_open_step,
    process_for,
    process_steps,
    step_due_times,
)


def _next_step(dossier: Dossier) -> tuple[ProcessStep, dt.datetime | None, DossierStep | None]:
    process = process_for(
        agency_id=dossier.agency_id, procedure_id=dossier.procedure_version.procedure_id
    )
    if process is None:
        raise NoProcessError()
    steps = process_steps(process=process)
    dues = step_due_times(dossier=dossier, steps=steps)
    open_step = dossier_open_step(dossier_id=dossier.pk)
    done = set(
        DossierStep.objects.filter(dossier=dossier, step__process=process).values_list(
            "step_id", flat=True
        )
    )
    for step, due in zip(steps, dues, strict=True):
        if step.pk not in done:
            return step, due, open_step
    raise ProcessFinishedError()


def _ensure_performs(step: ProcessStep, assignee_id: int) -> None:
    if not StaffRole.objects.filter(
        user_id=assignee_id, unit_id=step.unit_id, role=step.role, is_active=True
    ).exists():
        raise WrongStepOfficialError(
            step=step.name, role=step.get_role_display(), unit=step.unit.name
        )


@transaction.atomic
def dossier_step_advance(
    *, dossier_id: int, actor: Actor, assignee_id: int, now: dt.datetime | None = None
) -> DossierStep:
    """Hand the dossier to the next step of its process and the official who performs it.

    The first step is an assignment (phân công, by reception or a leader); each later one a
    forward (chuyển bước, by the current assignee or a leader). The step's due time is its
    cumulative share of the dossier's working time.
    """
    now = now or timezone.now()
    dossier = Dossier.objects.select_related("procedure_version").get(pk=dossier_id)
    step, due, open_step = _next_step(dossier)
    _ensure_performs(step, assignee_id)
    if dossier.status == DossierStatus.RECEIVED:
        t.dossier_assign(
            dossier_id=dossier_id, actor=actor, assignee_id=assignee_id, step=step.name, now=now
        )
    else:
        t.dossier_forward(
            dossier_id=dossier_id, actor=actor, assignee_id=assignee_id, step=step.name, now=now
        )
    if open_step is not None:
        open_step.finished_at = now
        open_step.save(update_fields=["finished_at"])
    return DossierStep.objects.create(
        dossier_id=dossier_id, step=step, assignee_id=assignee_id, started_at=now, due_at=due
    )


def _close_open_step(dossier_id: int, now: dt.datetime) -> None:
    open_step = dossier_open_step(dossier_id=dossier_id)
    if open_step is not None:
        open_step.finished_at = now
        open_step.save(update_fields=["finished_at"])


@transaction.atomic
def dossier_step_finish(
    *, dossier_id: int, actor: Actor, result: dict[str, Any], now: dt.datetime | None = None
) -> Dossier:
    """Finish processing (xử lý xong) and close the open step; the result goes to reception."""
    now = now or timezone.now()
    dossier = t.dossier_finish(dossier_id=dossier_id, actor=actor, result=result, now=now)
    _close_open_step(dossier_id, now)
    return dossier


@transaction.atomic
def consultation_answer(
    *, dossier_id: int, actor: Actor, answer: str, now: dt.datetime | None = None
) -> ConsultationAnswer:
    """Record a consulted unit's answer (ý kiến phối hợp); late when after the consultation's deadline."""
    now = now or timezone.now()
    dossier = Dossier.objects.get(pk=dossier_id)
    if (
        dossier.consulted_unit_id is None
        or not actor.is_authenticated
        or not StaffRole.objects.filter(
            user_id=actor.pk, unit_id=dossier.consulted_unit_id, is_active=True
        ).exists()
    ):
        raise NotConsultedError()
    return ConsultationAnswer.objects.create(
        dossier=dossier,
        unit_id=dossier.consulted_unit_id,
        author_id=actor.pk,
        answer=answer.strip(),
        answered_at=now,
        is_late=dossier.consultation_due_at is not None and now > dossier.consultation_due_at,
    )
