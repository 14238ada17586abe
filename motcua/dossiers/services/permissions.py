"""Who may do what on a dossier: the actor's relations to it, and the table of allowed actions.

An actor relates to a dossier as its applicant, a reception officer or leader of the handling
agency, its assignee, or an integration client (the national portal). Each action lists the
relations that allow it; seeing a dossier needs any relation.
"""

from __future__ import annotations

import enum

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from motcua.dossiers.exceptions import DossierNotFoundError, PermissionDeniedError
from motcua.dossiers.lifecycle import Transition
from motcua.dossiers.models import Dossier
from motcua.organizations.models import Role, StaffRole

Actor = AbstractBaseUser | AnonymousUser


class Relation(enum.Enum):
    APPLICANT = "applicant"
    RECEPTION = "reception"  # reception officer of the handling agency
    ASSIGNEE = "assignee"
    LEADER = "leader"  # leader of the handling agency
    INTEGRATION = "integration"  # a machine client with the dossiers.integrate permission


R = Relation
#: The one table of who may perform each transition.
TRANSITION_RELATIONS: dict[Transition, frozenset[Relation]] = {
    Transition.SUBMIT: frozenset({R.APPLICANT, R.INTEGRATION}),
    Transition.RECEIVE: frozenset({R.RECEPTION}),
    Transition.REFUSE: frozenset({R.RECEPTION}),
    Transition.REQUEST_SUPPLEMENT: frozenset({R.RECEPTION, R.ASSIGNEE}),
    Transition.SUBMIT_SUPPLEMENT: frozenset({R.APPLICANT, R.RECEPTION, R.INTEGRATION}),
    Transition.ASSIGN: frozenset({R.RECEPTION, R.LEADER}),
    Transition.FORWARD: frozenset({R.ASSIGNEE, R.LEADER}),
    Transition.CONSULT: frozenset({R.ASSIGNEE}),
    Transition.APPROVE: frozenset({R.LEADER}),
    Transition.REJECT: frozenset({R.ASSIGNEE, R.LEADER}),
    Transition.REQUEST_PAYMENT: frozenset({R.RECEPTION, R.ASSIGNEE}),
    Transition.CONFIRM_PAYMENT: frozenset({R.RECEPTION, R.INTEGRATION}),
    Transition.WITHDRAW: frozenset({R.APPLICANT, R.INTEGRATION}),
    Transition.STOP: frozenset({R.LEADER}),
    Transition.FINISH: frozenset({R.ASSIGNEE, R.LEADER}),
    Transition.RETURN_RESULT: frozenset({R.RECEPTION}),
    Transition.APOLOGIZE: frozenset({R.ASSIGNEE, R.LEADER}),
}
#: Who may add documents: the applicant (and the portal) to a submission, officials to a result.
UPLOAD_RELATIONS = frozenset({R.APPLICANT, R.INTEGRATION, R.RECEPTION, R.ASSIGNEE, R.LEADER})


def is_integration(actor: Actor) -> bool:
    has_perm = getattr(actor, "has_perm", None)
    return bool(actor.is_authenticated and has_perm and has_perm("dossiers.integrate"))


def agency_ids_with_role(actor: Actor, roles: set[str]) -> set[int]:
    """The agencies in which ``actor`` holds one of ``roles`` in an active unit."""
    if not actor.is_authenticated:
        return set()
    return set(
        StaffRole.objects.filter(
            user_id=actor.pk, role__in=roles, is_active=True, unit__is_active=True
        ).values_list("unit__agency_id", flat=True)
    )


def relations_to(actor: Actor, dossier: Dossier) -> frozenset[Relation]:
    """Every relation ``actor`` has to ``dossier``."""
    if not actor.is_authenticated:
        return frozenset()
    found: set[Relation] = set()
    if dossier.applicant_user_id is not None and dossier.applicant_user_id == actor.pk:
        found.add(R.APPLICANT)
    if dossier.assignee_id is not None and dossier.assignee_id == actor.pk:
        found.add(R.ASSIGNEE)
    roles = set(
        StaffRole.objects.filter(
            user_id=actor.pk,
            unit__agency_id=dossier.agency_id,
            is_active=True,
            unit__is_active=True,
            role__in=[Role.RECEPTION_OFFICER, Role.LEADER],
        ).values_list("role", flat=True)
    )
    if Role.RECEPTION_OFFICER in roles:
        found.add(R.RECEPTION)
    if Role.LEADER in roles:
        found.add(R.LEADER)
    if is_integration(actor):
        found.add(R.INTEGRATION)
    return frozenset(found)


def ensure_may_see(actor: Actor, dossier: Dossier) -> frozenset[Relation]:
    """Raise DossierNotFoundError (the same as for a missing dossier) unless ``actor`` may see it."""
    relations = relations_to(actor, dossier)
    if not relations:
        raise DossierNotFoundError()
    return relations


def ensure_may_perform(actor: Actor, dossier: Dossier, transition: Transition) -> None:
    """Raise unless ``actor`` may perform ``transition`` on ``dossier``.

    Without any relation the dossier is reported as not found, so a denial leaks nothing.
    """
    relations = ensure_may_see(actor, dossier)
    if not relations & TRANSITION_RELATIONS[transition]:
        raise PermissionDeniedError(action=transition.value)


def ensure_may_upload(actor: Actor, dossier: Dossier) -> frozenset[Relation]:
    relations = ensure_may_see(actor, dossier)
    if not relations & UPLOAD_RELATIONS:
        raise PermissionDeniedError(action="upload")
    return relations
