"""A full internal process: reception, two officials and a leader; each step's own due time."""

from __future__ import annotations

import datetime as dt

import pytest

from motcua.dossiers.lifecycle import DossierStatus
from motcua.dossiers.models import DossierEvent
from motcua.dossiers.services import transitions as t
from motcua.dossiers.tests.factories import MONDAY, VN, make_world, receive
from motcua.processes.exceptions import (
    NoProcessError,
    NotConsultedError,
    ProcessFinishedError,
    WrongStepOfficialError,
)
from motcua.processes.models import ConsultationAnswer, DossierStep
from motcua.processes.selectors import dossier_steps, step_candidates
from motcua.processes.services.steps import (
    consultation_answer,
    dossier_step_advance,
    dossier_step_finish,
)
from motcua.processes.tests.helpers import world_with_process

pytestmark = pytest.mark.django_db
H = dt.timedelta(hours=1)


def test_each_step_has_its_own_due_time_and_the_last_ends_at_the_due_date():
    world, _, _ = world_with_process()
    dossier = receive(world, now=MONDAY)  # 5 working days: due Monday 09/03 08:00
    views = dossier_steps(dossier=dossier)
    assert [v.step.name for v in views] == ["Thẩm định hồ sơ", "Phê duyệt"]
    # 60 % of 5 working days = 3 working days after Monday 08:00
    assert views[0].due_at == dt.datetime(2026, 3, 5, 8, 0, tzinfo=VN)
    assert views[1].due_at == dossier.due_at == dt.datetime(2026, 3, 9, 8, 0, tzinfo=VN)


def test_full_process_with_two_officials_and_a_leader():
    world, _, _ = world_with_process()
    dossier = receive(world, now=MONDAY)
    # reception assigns the appraisal to a specialist
    first = dossier_step_advance(
        dossier_id=dossier.pk, actor=world.officer, assignee_id=world.specialist.pk, now=MONDAY + H
    )
    assert first.step.name == "Thẩm định hồ sơ"
    assert first.due_at == dt.datetime(2026, 3, 5, 8, 0, tzinfo=VN)
    # the specialist sends it to the leader for approval
    second = dossier_step_advance(
        dossier_id=dossier.pk,
        actor=world.specialist,
        assignee_id=world.leader.pk,
        now=MONDAY + 5 * H,
    )
    first.refresh_from_db()
    assert first.finished_at == MONDAY + 5 * H
    assert second.step.is_approval is True
    # the leader approves and finishes; reception returns the result
    t.dossier_approve(dossier_id=dossier.pk, actor=world.leader, note="Đồng ý", now=MONDAY + 6 * H)
    dossier_step_finish(
        dossier_id=dossier.pk,
        actor=world.leader,
        result={"documents": ["Giấy phép"]},
        now=MONDAY + 7 * H,
    )
    t.dossier_return_result(
        dossier_id=dossier.pk, actor=world.officer, delivery="counter", now=MONDAY + 8 * H
    )
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.RESULT_RETURNED
    assert dossier.is_approved is True
    assert DossierStep.objects.filter(dossier=dossier, finished_at__isnull=True).exists() is False
    assert list(
        DossierEvent.objects.filter(dossier=dossier)
        .order_by("sequence")
        .values_list("action", flat=True)
    ) == ["submit", "receive", "assign", "forward", "approve", "finish", "return_result"]
    with pytest.raises(ProcessFinishedError):
        dossier_step_advance(
            dossier_id=dossier.pk,
            actor=world.leader,
            assignee_id=world.leader.pk,
            now=MONDAY + 9 * H,
        )


def test_a_step_goes_only_to_an_official_who_performs_it():
    world, _, _ = world_with_process()
    dossier = receive(world, now=MONDAY)
    with pytest.raises(WrongStepOfficialError):
        dossier_step_advance(
            dossier_id=dossier.pk, actor=world.officer, assignee_id=world.leader.pk, now=MONDAY + H
        )
    assert DossierStep.objects.filter(dossier=dossier).exists() is False
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.RECEIVED
    ids = [pk for pk, _name in step_candidates(step=dossier_steps(dossier=dossier)[0].step)]
    assert sorted(ids) == sorted([world.specialist.pk, world.specialist2.pk])


def test_without_a_process_nothing_moves():
    world = make_world()
    dossier = receive(world, now=MONDAY)
    with pytest.raises(NoProcessError):
        dossier_step_advance(
            dossier_id=dossier.pk, actor=world.officer, assignee_id=world.specialist.pk
        )


def test_consulted_unit_answers_by_its_deadline():
    world, _, _ = world_with_process()
    dossier = receive(world, now=MONDAY)
    dossier_step_advance(
        dossier_id=dossier.pk, actor=world.officer, assignee_id=world.specialist.pk, now=MONDAY + H
    )
    t.dossier_consult(
        dossier_id=dossier.pk,
        actor=world.specialist,
        unit_id=world.leadership.pk,
        answer_due_at=MONDAY + 26 * H,
        question="Xin ý kiến về vị trí",
        now=MONDAY + 2 * H,
    )
    with pytest.raises(NotConsultedError):
        consultation_answer(dossier_id=dossier.pk, actor=world.specialist2, answer="Đồng ý")
    answer = consultation_answer(
        dossier_id=dossier.pk, actor=world.leader, answer="Đồng ý", now=MONDAY + 27 * H
    )
    assert answer.is_late is True
    assert ConsultationAnswer.objects.get().unit_id == world.leadership.pk
