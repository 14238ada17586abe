"""Test set-up for dossiers: an agency with its staff, and dossiers driven into any status by the
real services (no status is ever written directly)."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from motcua.catalog.tests.factories import ProcedureVersionFactory
from motcua.dossiers.lifecycle import DossierStatus, Transition
from motcua.dossiers.models import ApplicantKind, Dossier
from motcua.dossiers.services import transitions as t
from motcua.organizations.models import Role, UnitKind
from motcua.organizations.tests.factories import (
    AgencyFactory,
    StaffRoleFactory,
    UnitFactory,
    UserFactory,
)

VN = ZoneInfo("Asia/Ho_Chi_Minh")
# Monday 2 March 2026, 08:00: a working day with no holiday near.
MONDAY = dt.datetime(2026, 3, 2, 8, 0, tzinfo=VN)

_numbers = itertools.count(1)


@dataclass
class World:
    agency: Any
    reception: Any
    department: Any
    leadership: Any
    officer: Any  # reception officer
    specialist: Any
    specialist2: Any
    leader: Any
    applicant: Any
    version: Any

    def applicant_input(self) -> t.ApplicantInput:
        return t.ApplicantInput(
            kind=ApplicantKind.PERSON,
            name="Nguyễn Văn An",
            identity_number="001203012345",
            phone="0912345678",
            email="an@example.vn",
            address="Số 1, Hà Nội",
        )


def make_world(identifier: str | None = None) -> World:
    n = next(_numbers)
    agency = AgencyFactory(identifier=identifier or f"000.{n // 100 % 100:02d}.{n % 100:02d}.H97")
    reception = UnitFactory(agency=agency, kind=UnitKind.RECEPTION, name=f"Một cửa {n}")
    department = UnitFactory(agency=agency, kind=UnitKind.DEPARTMENT, name=f"Phòng {n}")
    leadership = UnitFactory(agency=agency, kind=UnitKind.LEADERSHIP, name=f"Lãnh đạo {n}")
    officer = StaffRoleFactory(unit=reception, role=Role.RECEPTION_OFFICER).user
    specialist = StaffRoleFactory(unit=department, role=Role.SPECIALIST).user
    specialist2 = StaffRoleFactory(unit=department, role=Role.SPECIALIST).user
    leader = StaffRoleFactory(unit=leadership, role=Role.LEADER).user
    return World(
        agency=agency,
        reception=reception,
        department=department,
        leadership=leadership,
        officer=officer,
        specialist=specialist,
        specialist2=specialist2,
        leader=leader,
        applicant=UserFactory(),
        version=ProcedureVersionFactory(),
    )


def submit(world: World, *, now: dt.datetime = MONDAY) -> Dossier:
    return t.dossier_submit(
        actor=world.applicant,
        procedure_version_id=world.version.pk,
        receiving_unit_id=world.reception.pk,
        applicant=world.applicant_input(),
        form_data={"purpose": "Cấp mới"},
        now=now,
    )


def receive(world: World, *, now: dt.datetime = MONDAY) -> Dossier:
    dossier = submit(world, now=now)
    return t.dossier_receive(dossier_id=dossier.pk, actor=world.officer, checklist=[], now=now)


def dossier_in(status: DossierStatus, world: World, *, now: dt.datetime = MONDAY) -> Dossier:
    """A dossier brought to ``status`` through the services, from a submission at ``now``."""
    later = now + dt.timedelta(hours=1)
    st = DossierStatus
    if status is st.NEW:
        return submit(world, now=now)
    if status is st.NOT_ACCEPTED:
        d = submit(world, now=now)
        return t.dossier_refuse(
            dossier_id=d.pk, actor=world.officer, reason="Sai thẩm quyền", now=later
        )
    if status is st.WITHDRAWN:
        d = submit(world, now=now)
        return t.dossier_withdraw(dossier_id=d.pk, actor=world.applicant, now=later)
    if status is st.RECEIVED:
        return receive(world, now=now)
    d = receive(world, now=now)
    d = t.dossier_assign(
        dossier_id=d.pk, actor=world.officer, assignee_id=world.specialist.pk, now=later
    )
    if status is st.PROCESSING:
        return d
    if status is st.SUPPLEMENT_REQUESTED:
        return t.dossier_request_supplement(
            dossier_id=d.pk,
            actor=world.specialist,
            reason="Thiếu bản sao",
            missing_documents=["Bản sao CCCD"],
            now=later,
        )
    if status is st.PAYMENT_REQUESTED:
        return t.dossier_request_payment(
            dossier_id=d.pk, actor=world.specialist, amount=50000, description="Lệ phí", now=later
        )
    if status is st.STOPPED:
        return t.dossier_stop(dossier_id=d.pk, actor=world.leader, reason="Theo yêu cầu", now=later)
    d = t.dossier_finish(
        dossier_id=d.pk, actor=world.specialist, result={"documents": ["Giấy phép"]}, now=later
    )
    if status is st.FINISHED:
        return d
    return t.dossier_return_result(
        dossier_id=d.pk, actor=world.officer, delivery="counter", now=later
    )


def attempt(
    transition: Transition, dossier: Dossier, world: World, *, now: dt.datetime = MONDAY
) -> Dossier:
    """Try ``transition`` with an actor allowed to perform it and plausible arguments."""
    pk = dossier.pk
    at = now + dt.timedelta(hours=2)
    tr = Transition
    calls: dict[Transition, Any] = {
        tr.RECEIVE: lambda: t.dossier_receive(
            dossier_id=pk, actor=world.officer, checklist=[], now=at
        ),
        tr.REFUSE: lambda: t.dossier_refuse(dossier_id=pk, actor=world.officer, reason="x", now=at),
        tr.REQUEST_SUPPLEMENT: lambda: t.dossier_request_supplement(
            dossier_id=pk, actor=world.officer, reason="x", missing_documents=["a"], now=at
        ),
        tr.SUBMIT_SUPPLEMENT: lambda: t.dossier_submit_supplement(
            dossier_id=pk, actor=world.applicant, now=at
        ),
        tr.ASSIGN: lambda: t.dossier_assign(
            dossier_id=pk, actor=world.leader, assignee_id=world.specialist.pk, now=at
        ),
        tr.FORWARD: lambda: t.dossier_forward(
            dossier_id=pk, actor=world.leader, assignee_id=world.specialist2.pk, now=at
        ),
        tr.CONSULT: lambda: t.dossier_consult(
            dossier_id=pk,
            actor=world.specialist,
            unit_id=world.leadership.pk,
            answer_due_at=at + dt.timedelta(days=2),
            question="?",
            now=at,
        ),
        tr.APPROVE: lambda: t.dossier_approve(dossier_id=pk, actor=world.leader, now=at),
        tr.REJECT: lambda: t.dossier_reject(dossier_id=pk, actor=world.leader, reason="x", now=at),
        tr.REQUEST_PAYMENT: lambda: t.dossier_request_payment(
            dossier_id=pk, actor=world.officer, amount=1, description="x", now=at
        ),
        tr.CONFIRM_PAYMENT: lambda: t.dossier_confirm_payment(
            dossier_id=pk, actor=world.officer, reference="x", now=at
        ),
        tr.WITHDRAW: lambda: t.dossier_withdraw(dossier_id=pk, actor=world.applicant, now=at),
        tr.STOP: lambda: t.dossier_stop(dossier_id=pk, actor=world.leader, reason="x", now=at),
        tr.FINISH: lambda: t.dossier_finish(dossier_id=pk, actor=world.leader, result={}, now=at),
        tr.RETURN_RESULT: lambda: t.dossier_return_result(
            dossier_id=pk, actor=world.officer, delivery="post", now=at
        ),
        tr.APOLOGIZE: lambda: t.dossier_apologize(
            dossier_id=pk,
            actor=world.leader,
            new_due_at=(dossier.due_at or at) + dt.timedelta(days=3),
            reason="x",
            now=at,
        ),
    }
    return calls[transition]()  # type: ignore[no-any-return]
