"""Reads for the officials' screens: work queues with counts, a dossier with its access, choices.

Access: an official sees the dossiers of the agencies where they receive or lead, the dossiers
assigned to them, and the dossiers in a unit where they work (a specialist's unit queue). A
consulted unit sees only its part (``consultation_get_for_official``). Every action is still
checked by the dossiers' services.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Count, Q, QuerySet

from motcua.calendars.selectors import calendar_for_agency
from motcua.catalog.models import ProcedureVersion
from motcua.catalog.selectors import procedure_version_current_qs
from motcua.dossiers.exceptions import DossierNotFoundError
from motcua.dossiers.lifecycle import DossierStatus
from motcua.dossiers.models import Dossier
from motcua.dossiers.services.permissions import Actor, Relation, relations_to
from motcua.organizations.models import Role, StaffRole, Unit, UnitKind
from motcua.worktime.deadlines import add_working_time

User = get_user_model()
S = DossierStatus
#: Statuses of dossiers still in the agency's hands.
OPEN = (S.NEW, S.RECEIVED, S.PROCESSING, S.SUPPLEMENT_REQUESTED, S.PAYMENT_REQUESTED, S.FINISHED)
#: Statuses in which the deadline clock runs.
RUNNING = (S.RECEIVED, S.PROCESSING, S.PAYMENT_REQUESTED)


class Queue(enum.StrEnum):
    MINE = "mine"  # assigned to me
    UNIT = "unit"  # in one of my units
    TO_RECEIVE = "to-receive"  # submitted online, waiting for reception
    DUE_SOON = "due-soon"  # due within the configured working hours
    OVERDUE = "overdue"
    SUPPLEMENT = "supplement"  # waiting for the applicant's supplement
    READY = "ready"  # result ready to hand over


@dataclass(frozen=True, slots=True)
class Seat:
    """Where an official works: their units, agencies and roles (active only)."""

    user_id: int
    unit_ids: frozenset[int]
    agency_ids: frozenset[int]
    roles: frozenset[str]
    #: Agencies where they receive or lead: they see all of the agency's dossiers.
    overseen_agency_ids: frozenset[int]
    is_superuser: bool = False

    @property
    def is_official(self) -> bool:
        return bool(self.unit_ids) or self.is_superuser

    def has(self, role: str) -> bool:
        return role in self.roles


def seat_of(user: Actor) -> Seat:
    if not user.is_authenticated:
        return Seat(0, frozenset(), frozenset(), frozenset(), frozenset())
    rows = list(
        StaffRole.objects.filter(user_id=user.pk, is_active=True, unit__is_active=True).values_list(
            "unit_id", "unit__agency_id", "role"
        )
    )
    return Seat(
        user_id=user.pk,
        unit_ids=frozenset(r[0] for r in rows),
        agency_ids=frozenset(r[1] for r in rows),
        roles=frozenset(r[2] for r in rows),
        overseen_agency_ids=frozenset(
            r[1] for r in rows if r[2] in (Role.RECEPTION_OFFICER, Role.LEADER)
        ),
        is_superuser=bool(getattr(user, "is_superuser", False)),
    )


def _visible(seat: Seat) -> Q:
    condition = Q(assignee_id=seat.user_id) | Q(current_unit_id__in=seat.unit_ids)
    if seat.overseen_agency_ids:
        condition |= Q(agency_id__in=seat.overseen_agency_ids)
    return condition


def _due_soon(seat: Seat, now: dt.datetime, hours: int) -> Q:
    """Running dossiers due within ``hours`` working hours, by each agency's own calendar."""
    condition = Q(pk__in=[])
    for agency_id in sorted(seat.agency_ids):
        cutoff = add_working_time(now, dt.timedelta(hours=hours), calendar_for_agency(agency_id))
        condition |= Q(agency_id=agency_id, due_at__gt=now, due_at__lte=cutoff)
    return condition & Q(status__in=RUNNING)


def queue_conditions(seat: Seat, now: dt.datetime, due_soon_hours: int) -> dict[Queue, Q]:
    return {
        Queue.MINE: Q(assignee_id=seat.user_id, status__in=OPEN),
        Queue.UNIT: (Q(current_unit_id__in=seat.unit_ids) & Q(status__in=OPEN))
        | (Q(receiving_unit_id__in=seat.unit_ids) & Q(status__in=(S.NEW, S.RECEIVED, S.FINISHED))),
        Queue.TO_RECEIVE: Q(status=S.NEW),
        Queue.DUE_SOON: _due_soon(seat, now, due_soon_hours),
        Queue.OVERDUE: Q(status__in=RUNNING, due_at__lt=now),
        Queue.SUPPLEMENT: Q(status=S.SUPPLEMENT_REQUESTED),
        Queue.READY: Q(status=S.FINISHED),
    }


@dataclass(frozen=True, slots=True)
class QueueFilters:
    procedure: str = ""  # procedure code
    status: int | None = None
    text: str = ""  # dossier code, applicant name or identity number


@dataclass(frozen=True, slots=True)
class QueuePage:
    dossiers: list[Dossier]
    counts: dict[Queue, int]
    total: int


def queue_page(
    *,
    seat: Seat,
    queue: Queue,
    filters: QueueFilters,
    now: dt.datetime,
    due_soon_hours: int,
    limit: int = 50,
) -> QueuePage:
    """One work queue (soonest due first) with the counts of every queue: two queries."""
    conditions = queue_conditions(seat, now, due_soon_hours)
    base = Dossier.objects.filter(_visible(seat))
    if filters.procedure:
        base = base.filter(procedure_version__procedure__code=filters.procedure)
    if filters.status is not None:
        base = base.filter(status=filters.status)
    if filters.text:
        text = filters.text.strip()
        base = base.filter(
            Q(code__icontains=text)
            | Q(applicant_name__icontains=text)
            | Q(applicant_identity_number=text)
        )
    counts_row = base.aggregate(
        **{q.name: Count("pk", filter=cond) for q, cond in conditions.items()}
    )
    counts = {q: int(counts_row[q.name] or 0) for q in Queue}
    rows = list(
        base.filter(conditions[queue])
        .select_related("procedure_version__procedure", "assignee", "current_unit")
        .order_by("due_at", "id")[:limit]
    )
    rows.sort(key=lambda d: (d.due_at is None, d.due_at or now, d.pk))  # undated (new) last
    return QueuePage(rows, counts, counts[queue])


def dossier_get_for_official(*, code: str, actor: Actor) -> tuple[Dossier, frozenset[Relation]]:
    """The dossier ``code`` and the actor's relations to it; not found unless the actor may see it."""
    dossier = (
        Dossier.objects.select_related(
            "agency",
            "receiving_unit",
            "current_unit",
            "assignee",
            "consulted_unit",
            "procedure_version__procedure",
        )
        .filter(code=code)
        .first()
    )
    if dossier is None:
        raise DossierNotFoundError()
    relations = relations_to(actor, dossier)
    seat = seat_of(actor)
    in_unit = dossier.current_unit_id is not None and dossier.current_unit_id in seat.unit_ids
    if not (relations - {Relation.APPLICANT}) and not in_unit:
        raise DossierNotFoundError()
    return dossier, relations


def consultation_get_for_official(*, code: str, actor: Actor) -> Dossier:
    """A dossier on which the actor's unit is consulted (only that part is shown)."""
    seat = seat_of(actor)
    dossier = (
        Dossier.objects.select_related("procedure_version", "consulted_unit", "agency")
        .filter(code=code, consulted_unit_id__in=seat.unit_ids)
        .first()
    )
    if dossier is None:
        raise DossierNotFoundError()
    return dossier


def consultations_for(*, seat: Seat) -> QuerySet[Dossier]:
    return (
        Dossier.objects.filter(consulted_unit_id__in=seat.unit_ids, status=S.PROCESSING)
        .select_related("procedure_version", "consulted_unit")
        .order_by("consultation_due_at", "id")
    )


def assignable_officials(*, agency_ids: frozenset[int]) -> list[tuple[int, str]]:
    """Specialists and leaders of the agencies, by name (for assignment)."""
    rows = (
        StaffRole.objects.filter(
            unit__agency_id__in=agency_ids,
            role__in=[Role.SPECIALIST, Role.LEADER],
            is_active=True,
            unit__is_active=True,
        )
        .select_related("user", "unit")
        .order_by("user__last_name", "user__first_name", "id")
    )
    seen: dict[int, str] = {}
    for r in rows:
        name = f"{r.user.last_name} {r.user.first_name}".strip() or r.user.username
        seen.setdefault(r.user_id, f"{name} — {r.unit.name}")
    return list(seen.items())


def reception_units(*, seat: Seat) -> list[Unit]:
    return list(
        Unit.objects.filter(
            pk__in=seat.unit_ids, kind=UnitKind.RECEPTION, is_active=True
        ).select_related("agency")
    )


def procedures_for_agency(*, agency_id: int, on: dt.date) -> QuerySet[ProcedureVersion]:
    """Current procedure versions the agency handles (or that name no agency), by code."""
    return (
        procedure_version_current_qs(on=on)
        .filter(Q(agencies=agency_id) | Q(agencies__isnull=True))
        .select_related("procedure")
        .distinct()
        .order_by("procedure__code")
    )


@dataclass(frozen=True, slots=True)
class KnownApplicant:
    kind: str
    name: str
    identity_number: str
    phone: str
    email: str
    address: str


def applicant_last_known(
    *, identity_number: str, agency_ids: frozenset[int]
) -> KnownApplicant | None:
    """The applicant's details from their latest dossier in these agencies (reuse at the counter)."""
    row = (
        Dossier.objects.filter(
            applicant_identity_number=identity_number.strip(), agency_id__in=agency_ids
        )
        .order_by("-id")
        .values(
            "applicant_kind",
            "applicant_name",
            "applicant_identity_number",
            "applicant_phone",
            "applicant_email",
            "applicant_address",
        )
        .first()
    )
    if row is None:
        return None
    return KnownApplicant(
        row["applicant_kind"],
        row["applicant_name"],
        row["applicant_identity_number"],
        row["applicant_phone"],
        row["applicant_email"],
        row["applicant_address"],
    )
