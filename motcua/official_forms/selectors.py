"""Reads for the official forms: everything a form prints, gathered from the dossier and its events.

No access checks here: the interface that offers a form checks that the reader may see the dossier
(``dossiers.services.permissions.ensure_may_see``) before it renders.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone

from motcua.catalog.models import Fee, RequiredDocument
from motcua.dossiers.models import Dossier, DossierEvent, DossierPause
from motcua.dossiers.services.deadlines import dossier_limit, limit_for_channel
from motcua.organizations.models import Agency
from motcua.processes.models import DossierStep

User = get_user_model()


@dataclass(frozen=True, slots=True)
class Header:
    """The heading of a form: the governing body, the issuing unit, and the place."""

    governing_body: str  # e.g. UBND TỈNH AN HÒA (the parent agency), or the agency itself
    issuing_unit: str  # the reception unit (Trung tâm Phục vụ hành chính công …)
    place: str


@dataclass(frozen=True, slots=True)
class DocumentLine:
    name: str
    originals: int
    copies: int


@dataclass
class DossierFormData:
    """What the dossier forms print; each form uses its part."""

    dossier: Dossier
    header: Header
    procedure_code: str
    procedure_name: str
    documents: list[DocumentLine]
    received_by: str
    limit_amount: Decimal | None
    limit_unit: str
    fee: Decimal | None
    events: list[DossierEvent] = field(default_factory=list)
    pause: DossierPause | None = None
    book: tuple[int, int] | None = None  # (year, number) in the reception unit's book
    extra: dict[str, Any] = field(default_factory=dict)

    def last_event(self, action: str) -> DossierEvent | None:
        found = [e for e in self.events if e.action == action]
        return found[-1] if found else None


def official_name(user_id: int | None) -> str:
    """The full name of an official ("Họ Tên"), else the username, else empty."""
    if user_id is None:
        return ""
    user = User.objects.filter(pk=user_id).first()
    if user is None:
        return ""
    # Vietnamese order: family and middle names (last_name), then the given name (first_name).
    full = f"{user.last_name} {user.first_name}".strip()
    return full or user.get_username()


def _governing_body(agency: Agency) -> str:
    parent = agency.parent
    return (parent.short_name or parent.name) if parent is not None else agency.name


def form_header(agency: Agency, issuing_unit: str) -> Header:
    return Header(
        governing_body=_governing_body(agency),
        issuing_unit=issuing_unit,
        place=getattr(settings, "MOTCUA_FORMS_PLACE", ""),
    )


def _fee(dossier: Dossier) -> Decimal | None:
    """The fee of the dossier's channel, else of the procedure's first channel that states one."""
    fees = Fee.objects.filter(
        time_limit__channel__version_id=dossier.procedure_version_id, amount__isnull=False
    ).order_by("time_limit__channel__position", "time_limit__position", "position")
    fee = fees.filter(time_limit__channel__channel=dossier.channel).first() or fees.first()
    return fee.amount if fee is not None else None


def book_number(dossier: Dossier) -> tuple[int, int] | None:
    """The receipt's place in the reception unit's yearly book: (year, number), numbered from 1.

    Circular 01/2018 Art 10: one book per year, numbered continuously through the year; the number
    is the dossier's rank among the unit's receipts of that year (dossiers are never deleted).
    """
    if dossier.received_at is None:
        return None
    local = timezone.localtime(dossier.received_at)
    start = local.replace(month=1, day=1, hour=0, minute=0, second=0, microsecond=0)
    earlier = Dossier.objects.filter(
        receiving_unit_id=dossier.receiving_unit_id, received_at__gte=start
    ).filter(
        Q(received_at__lt=dossier.received_at)
        | Q(received_at=dossier.received_at, pk__lte=dossier.pk)
    )
    return local.year, earlier.count()


def dossier_form_data(*, dossier_id: int) -> DossierFormData:
    """Everything the dossier forms print for ``dossier_id`` (Dossier.DoesNotExist if unknown)."""
    dossier = Dossier.objects.select_related(
        "agency__parent", "receiving_unit", "consulted_unit", "procedure_version__procedure"
    ).get(pk=dossier_id)
    events = list(DossierEvent.objects.filter(dossier=dossier).order_by("sequence"))
    receive = next((e for e in events if e.action == "receive"), None)
    checklist = list((receive.data if receive else {}).get("checklist", []))
    rows = RequiredDocument.objects.filter(version_id=dossier.procedure_version_id)
    if checklist:
        rows = rows.filter(pk__in=checklist)
    documents = [
        DocumentLine(r.name, r.originals, r.copies) for r in rows.order_by("position", "id")
    ]
    pause = DossierPause.objects.filter(dossier=dossier).order_by("-started_at").first()
    version = dossier.procedure_version
    # Before reception the dossier has no limit of its own yet: the procedure's limit for its
    # channel is the one the law sets (a form never says "no time limit" when there is one).
    limit = dossier_limit(dossier) or limit_for_channel(
        procedure_version_id=dossier.procedure_version_id, channel=dossier.channel
    )
    return DossierFormData(
        dossier=dossier,
        header=form_header(dossier.agency, dossier.receiving_unit.name),
        procedure_code=version.procedure.code,
        procedure_name=version.name,
        documents=documents,
        received_by=official_name(receive.actor_id) if receive else "",
        limit_amount=limit.amount if limit else None,
        limit_unit=limit.unit if limit else "",
        fee=_fee(dossier),
        events=events,
        pause=pause,
        book=book_number(dossier),
    )


@dataclass(frozen=True, slots=True)
class BookRow:
    """One line of the tracking book (Mẫu 06)."""

    code: str
    procedure_name: str
    applicant_name: str
    applicant_address: str
    applicant_phone: str
    received_at: dt.datetime | None
    due_at: dt.datetime | None
    finished_at: dt.datetime | None
    returned_at: dt.datetime | None


def tracking_book_rows(*, agency_id: int, start_on: dt.date, end_on: dt.date) -> list[BookRow]:
    """The dossiers an agency received from ``start_on`` to ``end_on`` (inclusive), in order."""
    tz = timezone.get_current_timezone()
    start = dt.datetime.combine(start_on, dt.time.min, tzinfo=tz)
    end = dt.datetime.combine(end_on + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    dossiers = (
        Dossier.objects.filter(agency_id=agency_id, received_at__gte=start, received_at__lt=end)
        .select_related("procedure_version")
        .order_by("received_at", "id")
    )
    returned = dict(
        DossierEvent.objects.filter(dossier__in=dossiers, action="return_result").values_list(
            "dossier_id", "occurred_at"
        )
    )
    return [
        BookRow(
            code=d.code,
            procedure_name=d.procedure_version.name,
            applicant_name=d.applicant_name,
            applicant_address=d.applicant_address,
            applicant_phone=d.applicant_phone,
            received_at=d.received_at,
            due_at=d.due_at,
            finished_at=d.finished_at,
            returned_at=returned.get(d.pk),
        )
        for d in dossiers
    ]


def dossier_step_records(*, dossier_id: int) -> list[DossierStep]:
    """The dossier's stays in the steps of its internal process, in order (Mẫu 05 rows)."""
    return list(
        DossierStep.objects.filter(dossier_id=dossier_id)
        .select_related("step__unit")
        .order_by("started_at", "id")
    )
