from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from motcua.dossiers.tests.factories import make_world
from motcua.organizations.models import Role
from motcua.organizations.tests.factories import StaffRoleFactory
from motcua.processes.exceptions import InvalidProcessError, NotAgencyAdminError
from motcua.processes.models import InternalProcess, ProcessStep
from motcua.processes.services.definitions import StepInput, process_save
from motcua.processes.tests.helpers import two_steps, world_with_process
from motcua.processes.validation import StepShape, cumulative_shares, process_errors

pytestmark = pytest.mark.django_db


def test_a_valid_process_is_saved_with_ordered_steps():
    _, process, _ = world_with_process()
    steps = list(ProcessStep.objects.filter(process=process).order_by("position"))
    assert [(s.position, s.name, s.role, s.share_percent) for s in steps] == [
        (1, "Thẩm định hồ sơ", "specialist", Decimal("60.00")),
        (2, "Phê duyệt", "leader", Decimal("40.00")),
    ]
    assert steps[1].is_approval is True


def test_shares_must_add_up_to_the_limit():
    world, _, admin = world_with_process()
    steps = two_steps(world)
    steps[1] = StepInput("Phê duyệt", world.leadership.pk, Role.LEADER, Decimal(30), True)
    with pytest.raises(InvalidProcessError) as caught:
        process_save(
            actor=admin,
            agency_id=world.agency.pk,
            procedure_id=world.version.procedure_id,
            steps=steps,
        )
    assert caught.value.errors == {"steps": ["shares add up to 90, not 100"]}
    # the earlier definition is untouched
    assert InternalProcess.objects.filter(agency=world.agency, is_active=True).count() == 1


def test_a_unit_of_another_agency_is_refused():
    world, _, admin = world_with_process()
    other = make_world()
    steps = [StepInput("Thẩm định", other.department.pk, Role.SPECIALIST, Decimal(100))]
    with pytest.raises(InvalidProcessError) as caught:
        process_save(
            actor=admin,
            agency_id=world.agency.pk,
            procedure_id=world.version.procedure_id,
            steps=steps,
        )
    assert "every step's unit must be an active unit of the agency" in caught.value.errors["steps"]


def test_only_the_agencys_administrator_defines_processes():
    world, _, _ = world_with_process()
    _, _, other_admin = world_with_process()
    for actor in (world.officer, world.leader, other_admin):
        with pytest.raises(NotAgencyAdminError):
            process_save(
                actor=actor,
                agency_id=world.agency.pk,
                procedure_id=world.version.procedure_id,
                steps=two_steps(world),
            )


def test_approval_only_by_a_leader():
    assert process_errors([StepShape(1, "specialist", Decimal(100), True)]) == [
        "only a leader approves"
    ]


def test_positions_without_gaps_and_at_least_one_step():
    assert process_errors([]) == ["a process needs at least one step"]
    assert "steps must be numbered 1 to n without gaps" in process_errors(
        [StepShape(1, "leader", Decimal(50), False), StepShape(3, "leader", Decimal(50), False)]
    )


@given(st.lists(st.integers(min_value=1, max_value=100), min_size=1, max_size=8))
def test_cumulative_shares_end_at_the_total(shares):
    values = [Decimal(s) for s in shares]
    out = cumulative_shares(values)
    assert out[-1] == sum(values)
    assert out == sorted(out)


def test_demo_processes_are_defined_once():
    from django.core.management import call_command

    from motcua.processes.services.demo import demo_processes_load

    world = make_world()
    StaffRoleFactory(unit=world.leadership, role=Role.AGENCY_ADMIN)
    world.version.agencies.add(world.agency)
    assert demo_processes_load() == 1
    call_command("processes_demo")  # idempotent
    process = InternalProcess.objects.get(agency=world.agency, is_active=True)
    assert [(s.name, s.share_percent) for s in process.steps.order_by("position")] == [
        ("Thẩm định hồ sơ", Decimal("60.00")),
        ("Phê duyệt kết quả", Decimal("40.00")),
    ]
