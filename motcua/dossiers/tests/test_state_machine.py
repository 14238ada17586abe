"""Random sequences of transition attempts, by random actors, never leave the lifecycle table.

After every step: the status is reachable by the table, a refused attempt changed nothing, each
change wrote exactly one event, and the dossier's hash chain is intact.
"""

import datetime as dt
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    rule,
    run_state_machine_as_test,
)

from motcua.core.errors import DomainError
from motcua.dossiers.events import chain_breaks
from motcua.dossiers.lifecycle import (
    ALLOWED_TRANSITIONS,
    DossierStatus,
    Transition,
    allowed_transitions,
    reachable_statuses,
)
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.dossiers.services import transitions as t
from motcua.dossiers.services.permissions import TRANSITION_RELATIONS, relations_to
from motcua.dossiers.tests.factories import MONDAY, World, make_world, receive, submit
from motcua.organizations.tests.factories import UserFactory

ACTIONS = [tr for tr, move in ALLOWED_TRANSITIONS.items() if move.sources]
ACTOR_NAMES = ["applicant", "officer", "specialist", "specialist2", "leader", "stranger"]
REACHABLE = reachable_statuses()
VISITED: set[DossierStatus] = set()


def perform(transition, dossier, world, actor, at):
    pk = dossier.pk
    tr = Transition
    calls = {
        tr.RECEIVE: lambda: t.dossier_receive(dossier_id=pk, actor=actor, checklist=[], now=at),
        tr.REFUSE: lambda: t.dossier_refuse(dossier_id=pk, actor=actor, reason="r", now=at),
        tr.REQUEST_SUPPLEMENT: lambda: t.dossier_request_supplement(
            dossier_id=pk, actor=actor, reason="r", missing_documents=["a"], now=at
        ),
        tr.SUBMIT_SUPPLEMENT: lambda: t.dossier_submit_supplement(
            dossier_id=pk, actor=actor, now=at
        ),
        tr.ASSIGN: lambda: t.dossier_assign(
            dossier_id=pk, actor=actor, assignee_id=world.specialist.pk, now=at
        ),
        tr.FORWARD: lambda: t.dossier_forward(
            dossier_id=pk, actor=actor, assignee_id=world.specialist2.pk, now=at
        ),
        tr.CONSULT: lambda: t.dossier_consult(
            dossier_id=pk,
            actor=actor,
            unit_id=world.leadership.pk,
            answer_due_at=at + dt.timedelta(days=1),
            question="q",
            now=at,
        ),
        tr.APPROVE: lambda: t.dossier_approve(dossier_id=pk, actor=actor, now=at),
        tr.REJECT: lambda: t.dossier_reject(dossier_id=pk, actor=actor, reason="r", now=at),
        tr.REQUEST_PAYMENT: lambda: t.dossier_request_payment(
            dossier_id=pk, actor=actor, amount=1, description="d", now=at
        ),
        tr.CONFIRM_PAYMENT: lambda: t.dossier_confirm_payment(
            dossier_id=pk, actor=actor, reference="x", now=at
        ),
        tr.WITHDRAW: lambda: t.dossier_withdraw(dossier_id=pk, actor=actor, now=at),
        tr.STOP: lambda: t.dossier_stop(dossier_id=pk, actor=actor, reason="r", now=at),
        tr.FINISH: lambda: t.dossier_finish(dossier_id=pk, actor=actor, result={}, now=at),
        tr.RETURN_RESULT: lambda: t.dossier_return_result(
            dossier_id=pk, actor=actor, delivery="post", now=at
        ),
        tr.APOLOGIZE: lambda: t.dossier_apologize(
            dossier_id=pk,
            actor=actor,
            new_due_at=(dossier.due_at or at) + dt.timedelta(days=2),
            reason="r",
            now=at,
        ),
    }
    return calls[transition]()


class DossierMachine(RuleBasedStateMachine):
    world: World
    actors: dict[str, Any] = {}

    @initialize(online=st.booleans())
    def create(self, online):
        self.now = MONDAY
        self.dossier = submit(self.world) if online else receive(self.world)
        self.changes = 1 if online else 2

    @rule(
        transition=st.sampled_from(ACTIONS),
        actor=st.sampled_from(ACTOR_NAMES),
        hours=st.integers(min_value=0, max_value=40),
    )
    def attempt(self, transition, actor, hours):
        self.now += dt.timedelta(hours=hours)
        before = Dossier.objects.values().get(pk=self.dossier.pk)
        try:
            perform(transition, self.dossier, self.world, self.actors[actor], self.now)
        except DomainError:
            assert Dossier.objects.values().get(pk=self.dossier.pk) == before
        else:
            self.changes += 1
        self.dossier.refresh_from_db()

    @rule(data=st.data(), hours=st.integers(min_value=0, max_value=40))
    def attempt_a_listed_move(self, data, hours):
        # Bias towards progress: a transition the table allows now, by a plausible actor.
        moves = allowed_transitions(self.dossier.status_enum)
        if moves:
            transition = data.draw(st.sampled_from(moves))
            permitted = [
                name
                for name in ACTOR_NAMES
                if relations_to(self.actors[name], self.dossier) & TRANSITION_RELATIONS[transition]
            ]
            actor = data.draw(st.sampled_from(permitted or ACTOR_NAMES))
            self.attempt(transition, actor, hours)

    @invariant()
    def consistent(self):
        if not hasattr(self, "dossier"):
            return
        assert self.dossier.status_enum in REACHABLE
        VISITED.add(self.dossier.status_enum)
        events = list(DossierEvent.objects.filter(dossier=self.dossier).order_by("sequence"))
        assert len(events) == self.changes == self.dossier.version
        assert events[-1].to_status == self.dossier.status
        assert chain_breaks((e.hashed_content(), e.hash) for e in events) == []


@pytest.mark.django_db
def test_random_transition_attempts_keep_every_dossier_consistent():
    world = make_world()
    DossierMachine.world = world
    DossierMachine.actors = {
        "applicant": world.applicant,
        "officer": world.officer,
        "specialist": world.specialist,
        "specialist2": world.specialist2,
        "leader": world.leader,
        "stranger": UserFactory(),
    }
    run_state_machine_as_test(
        DossierMachine,
        settings=settings(
            max_examples=60,
            derandomize=True,
            stateful_step_count=25,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
        ),
    )
    # The walk went deep: most statuses were visited (all 10 are reachable).
    assert len(VISITED) >= 8, VISITED
