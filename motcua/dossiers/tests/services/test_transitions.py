import datetime as dt
import itertools

import pytest

from motcua.core.errors import DomainError
from motcua.dossiers.events import GENESIS_HASH
from motcua.dossiers.exceptions import InvalidFormDataError
from motcua.dossiers.lifecycle import (
    ALLOWED_TRANSITIONS,
    DossierStatus,
    Transition,
    sources_of,
)
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.dossiers.services import transitions as t
from motcua.dossiers.services.events import event_listeners
from motcua.dossiers.tests.factories import MONDAY, attempt, dossier_in, make_world, submit

pytestmark = pytest.mark.django_db
S = DossierStatus
T = Transition


def events_of(dossier):
    return list(DossierEvent.objects.filter(dossier=dossier).order_by("sequence"))


def test_submit_creates_a_new_dossier_with_one_event_and_its_code():
    world = make_world("000.00.01.H29")
    dossier = submit(world)
    assert dossier.status == S.NEW
    assert dossier.code == "000.00.01.H29-260302-0001"
    assert dossier.applicant_user == world.applicant
    assert dossier.agency == world.agency
    assert dossier.due_at is None
    [event] = events_of(dossier)
    assert (event.action, event.from_status, event.to_status) == ("submit", None, 1)
    assert event.previous_hash == GENESIS_HASH
    assert dossier.version == 1


def test_counter_reception_sets_received_at_and_due_date():
    world = make_world()
    dossier = t.dossier_receive_at_counter(
        actor=world.officer,
        procedure_version_id=world.version.pk,
        receiving_unit_id=world.reception.pk,
        applicant=world.applicant_input(),
        form_data={},
        checklist=[world.version.required_documents.get().pk],
        now=MONDAY,
    )
    assert dossier.status == S.RECEIVED
    assert dossier.received_at == MONDAY
    # 5 working days of 8 hours from Monday 08:00 under the national calendar.
    assert dossier.due_at is not None
    assert dossier.due_at > MONDAY + dt.timedelta(days=4)
    assert dossier.due_explanation[0]["kind"] == "received"
    [event] = events_of(dossier)
    assert (event.action, event.from_status, event.to_status) == ("receive", None, 2)


def test_counter_reception_needs_a_reception_officer_of_the_agency():
    world, other = make_world(), make_world()
    with pytest.raises(DomainError) as caught:
        t.dossier_receive_at_counter(
            actor=other.officer,
            procedure_version_id=world.version.pk,
            receiving_unit_id=world.reception.pk,
            applicant=world.applicant_input(),
            form_data={},
            checklist=[],
            now=MONDAY,
        )
    assert caught.value.code == "permission_denied"
    assert Dossier.objects.count() == 0


@pytest.mark.parametrize(
    ("status", "expected_actions"),
    [
        (S.NEW, ["submit"]),
        (S.RECEIVED, ["submit", "receive"]),
        (S.NOT_ACCEPTED, ["submit", "refuse"]),
        (S.WITHDRAWN, ["submit", "withdraw"]),
        (S.PROCESSING, ["submit", "receive", "assign"]),
        (S.SUPPLEMENT_REQUESTED, ["submit", "receive", "assign", "request_supplement"]),
        (S.PAYMENT_REQUESTED, ["submit", "receive", "assign", "request_payment"]),
        (S.STOPPED, ["submit", "receive", "assign", "stop"]),
        (S.FINISHED, ["submit", "receive", "assign", "finish"]),
        (S.RESULT_RETURNED, ["submit", "receive", "assign", "finish", "return_result"]),
    ],
)
def test_each_transition_writes_exactly_one_event_chained_to_the_previous(status, expected_actions):
    world = make_world()
    dossier = dossier_in(status, world)
    dossier.refresh_from_db()
    assert dossier.status == status
    events = events_of(dossier)
    assert [e.action for e in events] == expected_actions
    assert [e.sequence for e in events] == list(range(1, len(events) + 1))
    assert dossier.version == len(events)
    for before, after in itertools.pairwise(events):
        assert after.previous_hash == before.hash
        assert after.from_status == before.to_status
    assert events[-1].to_status == status


def _forbidden_pairs():
    return [
        (status, transition)
        for transition, move in ALLOWED_TRANSITIONS.items()
        if move.sources  # SUBMIT creates: it has no source status
        for status in DossierStatus
        if status not in move.sources
    ]


@pytest.mark.parametrize(("status", "transition"), _forbidden_pairs())
def test_a_forbidden_transition_raises_and_changes_nothing(status, transition):
    # given
    world = make_world()
    dossier = dossier_in(status, world)
    dossier.refresh_from_db()
    before = Dossier.objects.values().get(pk=dossier.pk)
    events_before = DossierEvent.objects.filter(dossier=dossier).count()
    # when
    with pytest.raises(DomainError) as caught:
        attempt(transition, dossier, world)
    # then
    if transition is T.CONSULT and dossier.assignee_id is None:
        assert caught.value.code == "dossier_not_found"  # only the assignee consults
    else:
        assert caught.value.code == "invalid_transition"
    assert Dossier.objects.values().get(pk=dossier.pk) == before
    assert DossierEvent.objects.filter(dossier=dossier).count() == events_before


@pytest.mark.parametrize(
    "transition", [tr for tr, move in ALLOWED_TRANSITIONS.items() if move.sources]
)
def test_every_transition_succeeds_from_one_of_its_sources(
    transition, django_capture_on_commit_callbacks
):
    world = make_world()
    source = sorted(sources_of(transition))[-1]
    if transition is T.SUBMIT_SUPPLEMENT or transition is T.CONSULT:
        source = S.SUPPLEMENT_REQUESTED if transition is T.SUBMIT_SUPPLEMENT else S.PROCESSING
    dossier = dossier_in(source, world)
    seen: list[int] = []
    event_listeners.append(seen.append)
    try:
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            if transition is T.CONSULT:
                changed = t.dossier_consult(
                    dossier_id=dossier.pk,
                    actor=world.specialist,
                    unit_id=world.leadership.pk,
                    answer_due_at=MONDAY + dt.timedelta(days=2),
                    question="Ý kiến?",
                    now=MONDAY + dt.timedelta(hours=2),
                )
            else:
                changed = attempt(transition, dossier, world)
    finally:
        event_listeners.remove(seen.append)
    changed.refresh_from_db()
    last = events_of(changed)[-1]
    assert last.action == transition.value
    assert last.from_status == source
    assert changed.status == last.to_status
    assert len(callbacks) == 1
    assert seen == [last.pk]


def test_a_second_supplement_request_is_refused_with_a_stable_code():
    world = make_world()
    dossier = dossier_in(S.SUPPLEMENT_REQUESTED, world)
    t.dossier_submit_supplement(
        dossier_id=dossier.pk, actor=world.applicant, now=MONDAY + dt.timedelta(days=1)
    )
    dossier.refresh_from_db()
    assert dossier.status == S.PROCESSING
    version = dossier.version
    with pytest.raises(DomainError) as caught:
        t.dossier_request_supplement(
            dossier_id=dossier.pk,
            actor=world.specialist,
            reason="again",
            missing_documents=["x"],
            now=MONDAY + dt.timedelta(days=2),
        )
    assert caught.value.code == "supplement_already_requested"
    dossier.refresh_from_db()
    assert (dossier.status, dossier.version) == (S.PROCESSING, version)


def test_supplement_requested_before_receipt_returns_to_new():
    world = make_world()
    dossier = submit(world)
    t.dossier_request_supplement(
        dossier_id=dossier.pk, actor=world.officer, reason="x", missing_documents=["a"], now=MONDAY
    )
    t.dossier_submit_supplement(
        dossier_id=dossier.pk, actor=world.applicant, now=MONDAY + dt.timedelta(hours=3)
    )
    dossier.refresh_from_db()
    assert dossier.status == S.NEW
    assert dossier.due_at is None


def test_stale_version_is_refused():
    world = make_world()
    dossier = submit(world)
    with pytest.raises(DomainError) as caught:
        t.dossier_receive(
            dossier_id=dossier.pk, actor=world.officer, checklist=[], expected_version=7, now=MONDAY
        )
    assert caught.value.code == "version_conflict"
    dossier.refresh_from_db()
    assert dossier.status == S.NEW


def test_assignee_must_belong_to_the_agency():
    world, other = make_world(), make_world()
    dossier = dossier_in(S.RECEIVED, world)
    with pytest.raises(DomainError) as caught:
        t.dossier_assign(
            dossier_id=dossier.pk, actor=world.officer, assignee_id=other.specialist.pk
        )
    assert caught.value.code == "invalid_assignee"


def test_someone_without_relation_gets_not_found_and_wrong_role_gets_denied():
    world, other = make_world(), make_world()
    dossier = dossier_in(S.NEW, world)
    with pytest.raises(DomainError) as caught:
        t.dossier_receive(dossier_id=dossier.pk, actor=other.officer, checklist=[])
    assert caught.value.code == "dossier_not_found"
    with pytest.raises(DomainError) as caught:
        t.dossier_receive(dossier_id=dossier.pk, actor=world.applicant, checklist=[])
    assert caught.value.code == "permission_denied"


@pytest.mark.parametrize(
    ("kind", "number", "ok"),
    [
        ("person", "001203012345", True),
        ("person", "0012030123", False),
        ("person", "999203012345", False),
        ("organization", "0100109106", True),
        ("organization", "0100109106-001", True),
        ("organization", "001203012345", False),
    ],
)
def test_applicant_identity_is_validated(kind, number, ok):
    world = make_world()
    applicant = t.ApplicantInput(kind=kind, name="Công ty A", identity_number=number)
    call = lambda: t.dossier_submit(  # noqa: E731
        actor=world.applicant,
        procedure_version_id=world.version.pk,
        receiving_unit_id=world.reception.pk,
        applicant=applicant,
        form_data={},
        now=MONDAY,
    )
    if ok:
        assert call().applicant_identity_number == number
    else:
        with pytest.raises(DomainError) as caught:
            call()
        assert caught.value.code == "invalid_applicant"
        assert Dossier.objects.count() == 0


def test_form_data_is_checked_against_the_procedure_schema():
    world = make_world()
    world.version.extra = {"form_schema": [{"name": "area", "type": "number", "required": True}]}
    world.version.save(update_fields=["extra"])
    with pytest.raises(InvalidFormDataError) as caught:
        submit(world)  # form has "purpose" only
    assert caught.value.code == "invalid_form_data"
    assert caught.value.errors == {"area": ["required"]}
