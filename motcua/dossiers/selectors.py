"""Reads of dossiers for the API, screens and commands; access-checked where named so."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from motcua.catalog.models import ProcedureVersion
from motcua.core.pagination import Keyset, keyset_page
from motcua.dossiers.events import ChainBreak, chain_breaks
from motcua.dossiers.exceptions import DossierNotFoundError
from motcua.dossiers.lifecycle import CLOSED_STATUSES, DossierStatus
from motcua.dossiers.models import Dossier, DossierDocument, DossierEvent
from motcua.dossiers.services.permissions import (
    Actor,
    agency_ids_with_role,
    ensure_may_see,
    is_integration,
)
from motcua.organizations.models import Agency, Role

_RELATED = ("agency", "procedure_version__procedure", "receiving_unit")
#: What a list leaves out of each dossier's procedure version: all but the code, number and name
#: it shows (the rest is the whole published record, large JSON decoded for every row otherwise).
_LIST_DEFERRED = tuple(
    f"procedure_version__{field.name}"
    for field in ProcedureVersion._meta.concrete_fields
    if field.name not in {"id", "procedure", "number", "name"}
)


def dossier_get_for_actor(*, code: str, actor: Actor) -> Dossier:
    """The dossier ``code`` if ``actor`` may see it; DossierNotFoundError otherwise (no leak)."""
    dossier = Dossier.objects.select_related(*_RELATED).filter(code=code).first()
    if dossier is None:
        raise DossierNotFoundError()
    ensure_may_see(actor, dossier)
    return dossier


def dossier_get(*, dossier_id: int) -> Dossier:
    """A dossier with what its representation needs; no access check (the caller has done it)."""
    return Dossier.objects.select_related(*_RELATED).get(pk=dossier_id)


@dataclass(frozen=True, slots=True)
class PublicStatus:
    code: str
    status: DossierStatus
    due_at: dt.datetime | None


def dossier_lookup(*, code: str) -> PublicStatus:
    """The public status of a dossier by its code (tra cứu): no personal data."""
    row = Dossier.objects.filter(code=code).values("code", "status", "due_at").first()
    if row is None:
        raise DossierNotFoundError()
    return PublicStatus(row["code"], DossierStatus(row["status"]), row["due_at"])


def dossiers_visible_to(actor: Actor) -> QuerySet[Dossier]:
    """Every dossier ``actor`` may see: own, assigned, or of an agency where they receive or lead."""
    if not actor.is_authenticated:
        return Dossier.objects.none()
    if is_integration(actor):
        return Dossier.objects.all()
    agencies = agency_ids_with_role(actor, {Role.RECEPTION_OFFICER, Role.LEADER})
    condition = Q(applicant_user_id=actor.pk) | Q(assignee_id=actor.pk)
    if agencies:
        condition |= Q(agency_id__in=agencies)
    return Dossier.objects.filter(condition)


@dataclass(frozen=True, slots=True)
class DossierFilters:
    status: list[int] | None = None
    agency: str | None = None  # agency identifier
    procedure: str | None = None  # procedure code
    assignee: int | None = None
    due_before: dt.datetime | None = None
    due_after: dt.datetime | None = None
    overdue: bool | None = None


def _visible_and_filtered(actor: Actor, filters: DossierFilters) -> QuerySet[Dossier]:
    """The visible dossiers narrowed by agency and assignee.

    When the filter alone implies visibility (your own queue, or an agency you receive for or
    lead), the query is that filter only: one indexed condition instead of an OR of three, so the
    work queue reads ``(agency, due_at, id)`` or ``(assignee, due_at, id)`` in order.
    """
    agency_id = None
    if filters.agency:
        agency_id = (
            Agency.objects.filter(identifier=filters.agency).values_list("pk", flat=True).first()
        )
        if agency_id is None:
            return Dossier.objects.none()
    if actor.is_authenticated and filters.assignee == actor.pk:
        qs = Dossier.objects.filter(assignee_id=actor.pk)
    elif agency_id is not None and (
        # The staff role first: one query, where the permission check takes two.
        agency_id in agency_ids_with_role(actor, {Role.RECEPTION_OFFICER, Role.LEADER})
        or is_integration(actor)
    ):
        qs = Dossier.objects.all()
    else:
        qs = dossiers_visible_to(actor)
    if agency_id is not None:
        qs = qs.filter(agency_id=agency_id)
    if filters.assignee is not None:
        qs = qs.filter(assignee_id=filters.assignee)
    return qs


#: Orderings of the list: newest first, or the work queue (soonest due first).
ORDERINGS: dict[str, tuple[str, ...]] = {"-id": ("-id",), "due_at": ("due_at", "id")}


def dossier_list_for_actor(
    *,
    actor: Actor,
    filters: DossierFilters,
    now: dt.datetime,
    ordering: str = "-id",
    after: Keyset | None = None,
    limit: int = 20,
) -> tuple[list[Dossier], Keyset | None]:
    """A keyset page of the dossiers ``actor`` may see, and the keyset to go on from.

    ``due_at`` orders the work queue; dossiers without a due date (not yet received) are not in it.
    """
    qs = _visible_and_filtered(actor, filters).select_related(*_RELATED).defer(*_LIST_DEFERRED)
    if filters.status:
        qs = qs.filter(status__in=filters.status)
    if filters.procedure:
        qs = qs.filter(procedure_version__procedure__code=filters.procedure)
    if filters.due_before is not None:
        qs = qs.filter(due_at__lt=filters.due_before)
    if filters.due_after is not None:
        qs = qs.filter(due_at__gte=filters.due_after)
    if filters.overdue is not None:
        open_q = ~Q(status__in=[*CLOSED_STATUSES, DossierStatus.FINISHED])
        overdue_q = open_q & Q(due_at__lt=now)
        qs = qs.filter(overdue_q) if filters.overdue else qs.exclude(overdue_q)
    if ordering == "due_at":
        qs = qs.filter(due_at__isnull=False)
    return keyset_page(qs.order_by(*ORDERINGS[ordering]), after=after, limit=limit)


def dossier_events(*, dossier: Dossier) -> QuerySet[DossierEvent]:
    return DossierEvent.objects.filter(dossier=dossier).select_related("actor").order_by("sequence")


def dossier_documents(*, dossier: Dossier) -> QuerySet[DossierDocument]:
    return DossierDocument.objects.filter(dossier=dossier).order_by("id")


def dossier_document_get(*, dossier: Dossier, document_id: int) -> DossierDocument:
    document = DossierDocument.objects.filter(dossier=dossier, pk=document_id).first()
    if document is None:
        raise DossierNotFoundError()
    return document


def dossier_chain_breaks(
    chunk_size: int = 1000,
) -> Iterator[tuple[str, list[ChainBreak], int]]:
    """For every dossier: its code, the breaks of its event chain, and its number of events.

    Reads dossiers in chunks and the events of a chunk in one query, in (dossier, sequence) order.
    """
    last_pk = 0
    while True:
        chunk = list(
            Dossier.objects.filter(pk__gt=last_pk)
            .order_by("pk")
            .values_list("pk", "code", "version")[:chunk_size]
        )
        if not chunk:
            return
        last_pk = chunk[-1][0]
        events: dict[int, list[DossierEvent]] = {pk: [] for pk, _code, _version in chunk}
        rows = DossierEvent.objects.filter(dossier_id__in=list(events)).order_by(
            "dossier_id", "sequence"
        )
        for event in rows:
            events[event.dossier_id].append(event)
        for pk, code, version in chunk:
            own = events[pk]
            breaks = chain_breaks((e.hashed_content(), e.hash) for e in own)
            if len(own) != version:
                breaks.append(ChainBreak(len(own), f"{len(own)} event(s) for version {version}"))
            yield code, breaks, len(own)
