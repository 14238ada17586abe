"""Reads for online submission screens: drafts, reusable documents, reception units, due dates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q, QuerySet

from motcua.catalog.models import Channel, ProcedureVersion, RequiredDocument
from motcua.dossiers.lifecycle import DossierStatus
from motcua.dossiers.models import DocumentKind, Dossier, DossierDocument, DossierPause
from motcua.dossiers.services.deadlines import agency_calendar, limit_for_channel
from motcua.organizations.models import Unit, UnitKind
from motcua.submissions.exceptions import DraftNotFoundError
from motcua.submissions.models import SubmissionDraft
from motcua.worktime.deadlines import DueDate, due_date

OPTIONAL_MARKERS = ("nếu có", "if any", "if applicable")


def draft_get_for_user(*, draft_id: int, user: AbstractBaseUser) -> SubmissionDraft:
    """The user's draft that is not yet submitted; DraftNotFoundError for anyone else's."""
    draft = (
        SubmissionDraft.objects.select_related("procedure_version__procedure", "receiving_unit")
        .filter(pk=draft_id, user_id=user.pk, dossier__isnull=True)
        .first()
    )
    if draft is None:
        raise DraftNotFoundError()
    return draft


def drafts_of_user(*, user: AbstractBaseUser) -> QuerySet[SubmissionDraft]:
    return (
        SubmissionDraft.objects.filter(user_id=user.pk, dossier__isnull=True)
        .select_related("procedure_version__procedure")
        .order_by("-updated_at")
    )


def procedure_version_current(*, code: str, on: dt.date) -> ProcedureVersion | None:
    """The version of procedure ``code`` in force on ``on``."""
    return (
        ProcedureVersion.objects.select_related("procedure")
        .filter(procedure__code=code, effective_from__lte=on)
        .filter(Q(effective_to__isnull=True) | Q(effective_to__gte=on))
        .order_by("-number")
        .first()
    )


def reception_units_for(*, version: ProcedureVersion) -> list[Unit]:
    """Active reception units of the agencies handling the procedure (all of them if none named)."""
    units = Unit.objects.filter(kind=UnitKind.RECEPTION, is_active=True).select_related("agency")
    agency_ids = list(version.agencies.values_list("pk", flat=True))
    if agency_ids:
        units = units.filter(agency_id__in=agency_ids)
    return list(units.order_by("agency__name", "name"))


def cases_of(documents: Sequence[RequiredDocument]) -> list[str]:
    """The distinct cases (trường hợp) of a procedure's documents, in order."""
    seen: list[str] = []
    for document in sorted(documents, key=lambda d: (d.case_position, d.position)):
        if document.case and document.case not in seen:
            seen.append(document.case)
    return seen


def documents_for_case(documents: Sequence[RequiredDocument], case: str) -> list[RequiredDocument]:
    """The documents to submit in ``case`` (all of them when the procedure has one case)."""
    cases = cases_of(documents)
    if len(cases) <= 1:
        return list(documents)
    return [d for d in documents if d.case == case or not d.case]


def is_optional(document: RequiredDocument) -> bool:
    """Documents published as "nếu có" (if any) may be left out.

    >>> is_optional(RequiredDocument(name="Bản sao giấy khai sinh (nếu có)"))
    True
    """
    name = document.name.lower()
    return any(marker in name for marker in OPTIONAL_MARKERS)


def required_documents(*, version_id: int) -> list[RequiredDocument]:
    return list(RequiredDocument.objects.filter(version_id=version_id).order_by("position"))


@dataclass(frozen=True, slots=True)
class Reusable:
    document: DossierDocument
    dossier_code: str


def _same_name(file_name: str, document_name: str) -> bool:
    """Whether a file's name (without extension) is the document's name.

    >>> _same_name("Giấy phép kinh doanh.pdf", "Giấy phép kinh doanh")
    True
    """
    stem = file_name.rsplit(".", 1)[0] if "." in file_name else file_name
    return stem.strip().lower() == document_name.strip().lower()


def reusable_documents(
    *, user: AbstractBaseUser, documents: Sequence[RequiredDocument]
) -> dict[int, list[Reusable]]:
    """For each required document, the applicant's earlier files of the same kind (R17).

    Same kind: the same document code (MAGIAYTO) when both have one, else the same name. An
    earlier result (giấy tờ kết quả) is offered for a document the catalog says a result may
    replace (``replacing_result_code``, MA_KQ_THAYTHE), or whose name it bears.
    """
    earlier = list(
        DossierDocument.objects.filter(dossier__applicant_user_id=user.pk)
        .select_related("required_document", "dossier")
        .order_by("-id")[:200]
    )
    found: dict[int, list[Reusable]] = {}
    for required in documents:
        matches: list[Reusable] = []
        seen: set[str] = set()
        for doc in earlier:
            source = doc.required_document
            same = False
            if source is not None and doc.kind != DocumentKind.RESULT:
                same = (required.code and source.code == required.code) or (
                    source.name.strip().lower() == required.name.strip().lower()
                )
            elif doc.kind == DocumentKind.RESULT:
                same = bool(required.replacing_result_code) or _same_name(
                    doc.original_name, required.name
                )
            if same and doc.sha256 not in seen:
                seen.add(doc.sha256)
                matches.append(Reusable(doc, doc.dossier.code))
        if matches:
            found[required.pk] = matches[:5]
    return found


def expected_due(*, dossier: Dossier) -> DueDate | None:
    """The due date the dossier has if it is received now (online: at submission, Art 15)."""
    if dossier.due_at is not None:
        return None
    limit = limit_for_channel(
        procedure_version_id=dossier.procedure_version_id, channel=Channel.ONLINE
    )
    if limit is None:
        return None
    return due_date(dossier.submitted_at, limit, agency_calendar(dossier.agency_id))


@dataclass(frozen=True, slots=True)
class RequestedDocument:
    index: int
    name: str
    required_document: RequiredDocument | None  # the catalog document it names, if any


def supplement_requested(*, dossier: Dossier) -> list[RequestedDocument]:
    """The documents asked for by the open supplement request (empty when none is open)."""
    if dossier.status != DossierStatus.SUPPLEMENT_REQUESTED:
        return []
    pause = (
        DossierPause.objects.filter(dossier=dossier, ended_at__isnull=True)
        .order_by("-started_at")
        .first()
    )
    if pause is None:
        return []
    catalog = required_documents(version_id=dossier.procedure_version_id)
    items = []
    for index, name in enumerate(pause.missing_documents or []):
        text = str(name).strip()
        match = next(
            (
                d
                for d in catalog
                if text and (text == d.code or text.lower() == d.name.strip().lower())
            ),
            None,
        )
        items.append(RequestedDocument(index, match.name if match else text, match))
    return items


def supplement_reason(*, dossier: Dossier) -> str:
    pause = (
        DossierPause.objects.filter(dossier=dossier, ended_at__isnull=True)
        .order_by("-started_at")
        .first()
    )
    return pause.reason if pause else ""


def dossier_get_for_applicant(*, code: str, user: AbstractBaseUser) -> Dossier:
    """The dossier ``code`` if ``user`` submitted it; DossierNotFoundError for anyone else."""
    from motcua.dossiers.exceptions import DossierNotFoundError

    dossier = (
        Dossier.objects.select_related("procedure_version__procedure", "agency", "receiving_unit")
        .filter(code=code, applicant_user_id=user.pk)
        .first()
    )
    if dossier is None:
        raise DossierNotFoundError()
    return dossier


def dossiers_of_applicant(*, user: AbstractBaseUser) -> QuerySet[Dossier]:
    return (
        Dossier.objects.filter(applicant_user_id=user.pk)
        .select_related("procedure_version")
        .order_by("-id")
    )
