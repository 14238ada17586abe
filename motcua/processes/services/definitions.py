"""Saving an agency's internal process for a procedure (validated: shares add up to 100 %)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction

from motcua.organizations.models import Role, StaffRole, Unit
from motcua.processes.exceptions import InvalidProcessError, NotAgencyAdminError
from motcua.processes.models import DossierStep, InternalProcess, ProcessStep
from motcua.processes.validation import StepShape, process_errors


@dataclass(frozen=True, slots=True)
class StepInput:
    name: str
    unit_id: int
    role: str
    share_percent: Decimal
    is_approval: bool = False


def agency_ids_administered(actor: AbstractBaseUser | AnonymousUser) -> set[int]:
    """The agencies ``actor`` administers (agency_admin role); every agency for a superuser."""
    if not actor.is_authenticated:
        return set()
    return set(
        StaffRole.objects.filter(
            user_id=actor.pk, role=Role.AGENCY_ADMIN, is_active=True, unit__is_active=True
        ).values_list("unit__agency_id", flat=True)
    )


def ensure_agency_admin(actor: AbstractBaseUser | AnonymousUser, agency_id: int) -> None:
    if getattr(actor, "is_superuser", False):
        return
    if agency_id not in agency_ids_administered(actor):
        raise NotAgencyAdminError()


def process_definition_errors(*, agency_id: int, steps: Sequence[StepInput]) -> list[str]:
    """Every rule the steps break, including units outside the agency."""
    errors = process_errors(
        [StepShape(i, s.role, s.share_percent, s.is_approval) for i, s in enumerate(steps, 1)]
    )
    unit_ids = {s.unit_id for s in steps}
    own = set(
        Unit.objects.filter(pk__in=unit_ids, agency_id=agency_id, is_active=True).values_list(
            "pk", flat=True
        )
    )
    if unit_ids - own:
        errors.append("every step's unit must be an active unit of the agency")
    if any(s.role not in (Role.SPECIALIST, Role.LEADER) for s in steps):
        errors.append("a step is performed by a specialist or a leader")
    if any(not s.name.strip() for s in steps):
        errors.append("every step needs a name")
    return errors


@transaction.atomic
def process_save(
    *,
    actor: AbstractBaseUser | AnonymousUser,
    agency_id: int,
    procedure_id: int,
    steps: Sequence[StepInput],
    name: str = "",
) -> InternalProcess:
    """Define (or redefine) the agency's internal process for a procedure (quy trình nội bộ, R3).

    A process that dossiers already went through is kept as history (deactivated) and a new one
    replaces it; otherwise its steps are replaced in place.
    """
    ensure_agency_admin(actor, agency_id)
    errors = process_definition_errors(agency_id=agency_id, steps=steps)
    if errors:
        raise InvalidProcessError(errors={"steps": errors}, detail="; ".join(errors))
    current = (
        InternalProcess.objects.select_for_update()
        .filter(agency_id=agency_id, procedure_id=procedure_id, is_active=True)
        .first()
    )
    if current is not None and DossierStep.objects.filter(step__process=current).exists():
        current.is_active = False
        current.save(update_fields=["is_active", "updated_at"])
        current = None
    if current is None:
        current = InternalProcess.objects.create(
            agency_id=agency_id, procedure_id=procedure_id, name=name
        )
    else:
        current.name = name
        current.save(update_fields=["name", "updated_at"])
        current.steps.all().delete()
    ProcessStep.objects.bulk_create(
        ProcessStep(
            process=current,
            position=i,
            name=s.name.strip(),
            unit_id=s.unit_id,
            role=s.role,
            share_percent=s.share_percent,
            is_approval=s.is_approval,
        )
        for i, s in enumerate(steps, 1)
    )
    return current
