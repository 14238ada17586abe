"""A world with an internal process of two steps: appraisal (60 %) then leader approval (40 %)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from motcua.dossiers.tests.factories import World, make_world
from motcua.organizations.models import Role
from motcua.organizations.tests.factories import StaffRoleFactory
from motcua.processes.models import InternalProcess
from motcua.processes.services.definitions import StepInput, process_save


def two_steps(world: World) -> list[StepInput]:
    return [
        StepInput("Thẩm định hồ sơ", world.department.pk, Role.SPECIALIST, Decimal(60)),
        StepInput("Phê duyệt", world.leadership.pk, Role.LEADER, Decimal(40), is_approval=True),
    ]


def world_with_process() -> tuple[World, InternalProcess, Any]:
    world = make_world()
    admin = StaffRoleFactory(unit=world.leadership, role=Role.AGENCY_ADMIN).user
    process = process_save(
        actor=admin,
        agency_id=world.agency.pk,
        procedure_id=world.version.procedure_id,
        steps=two_steps(world),
    )
    return world, process, admin
