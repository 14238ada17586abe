import pytest

from motcua.dossiers.lifecycle import (
    ALLOWED_TRANSITIONS,
    CLOSED_STATUSES,
    DossierStatus,
    InvalidTransitionError,
    Transition,
    allowed_transitions,
    ensure_transition_allowed,
    reachable_statuses,
    sources_of,
    target_of,
)

ALL_PAIRS = [(s, t) for s in DossierStatus for t in Transition]


def test_status_values_are_the_national_portal_codes():
    assert {s.value: s.api_name for s in DossierStatus} == {
        1: "new",
        2: "received",
        3: "not_accepted",
        4: "processing",
        5: "supplement_requested",
        6: "payment_requested",
        7: "withdrawn",
        8: "stopped",
        9: "finished",
        10: "result_returned",
    }


def test_every_transition_has_a_row_in_the_table():
    assert set(ALLOWED_TRANSITIONS) == set(Transition)


@pytest.mark.parametrize(("status", "transition"), ALL_PAIRS)
def test_table_decides_every_status_transition_pair(status, transition):
    if status in sources_of(transition):
        target = target_of(status, transition)
        assert isinstance(target, DossierStatus)
    else:
        with pytest.raises(InvalidTransitionError) as caught:
            ensure_transition_allowed(status, transition)
        assert caught.value.code == "invalid_transition"
        assert caught.value.status == 409


@pytest.mark.parametrize("status", sorted(CLOSED_STATUSES))
def test_nothing_leaves_a_closed_status(status):
    assert allowed_transitions(status) == []


def test_legal_paths_of_decree_61():
    # received → processing → finished → result returned (Art 17–20)
    status = target_of(DossierStatus.NEW, Transition.RECEIVE)
    status = target_of(status, Transition.ASSIGN)
    assert status is DossierStatus.PROCESSING
    status = target_of(status, Transition.FINISH)
    assert target_of(status, Transition.RETURN_RESULT) is DossierStatus.RESULT_RETURNED
    # a refusal after appraisal is only possible while the dossier is being handled
    assert target_of(DossierStatus.PROCESSING, Transition.REJECT) is DossierStatus.NOT_ACCEPTED
    with pytest.raises(InvalidTransitionError):
        target_of(DossierStatus.FINISHED, Transition.REJECT)
    # apologizing keeps the status; the service moves the due date
    assert target_of(DossierStatus.PROCESSING, Transition.APOLOGIZE) is DossierStatus.PROCESSING


def test_every_status_is_reachable():
    assert reachable_statuses() == frozenset(DossierStatus)
