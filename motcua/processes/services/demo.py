"""Demo internal processes: appraisal by a specialist (60 %), then approval by a leader (40 %).

For every agency with a specialized unit, a leadership unit and an administrator, and every
procedure it handles; idempotent (an existing process is left as it is).
"""

from __future__ import annotations

from decimal import Decimal

from motcua.catalog.models import ProcedureVersion
from motcua.organizations.models import Agency, Role, StaffRole, Unit, UnitKind
from motcua.processes.models import InternalProcess
from motcua.processes.services.definitions import StepInput, process_save


def _unit_with(agency: Agency, kind: str, role: str) -> Unit | None:
    return (
        Unit.objects.filter(
            agency=agency,
            kind=kind,
            is_active=True,
            staff_roles__role=role,
            staff_roles__is_active=True,
        )
        .order_by("id")
        .first()
    )


def demo_processes_load() -> int:
    """Define the demo process where none exists; returns how many were created."""
    created = 0
    for agency in Agency.objects.filter(is_active=True).order_by("identifier"):
        department = _unit_with(agency, UnitKind.DEPARTMENT, Role.SPECIALIST)
        leadership = _unit_with(agency, UnitKind.LEADERSHIP, Role.LEADER)
        admin = (
            StaffRole.objects.filter(unit__agency=agency, role=Role.AGENCY_ADMIN, is_active=True)
            .select_related("user")
            .order_by("id")
            .first()
        )
        if department is None or leadership is None or admin is None:
            continue
        procedure_ids = set(
            ProcedureVersion.objects.filter(agencies=agency).values_list("procedure_id", flat=True)
        )
        existing = set(
            InternalProcess.objects.filter(agency=agency, is_active=True).values_list(
                "procedure_id", flat=True
            )
        )
        for procedure_id in sorted(procedure_ids - existing):
            process_save(
                actor=admin.user,
                agency_id=agency.pk,
                procedure_id=procedure_id,
                steps=[
                    StepInput("Thẩm định hồ sơ", department.pk, Role.SPECIALIST, Decimal(60)),
                    StepInput("Phê duyệt kết quả", leadership.pk, Role.LEADER, Decimal(40), True),
                ],
            )
            created += 1
    return created
