"""One service function per dossier transition (STYLE.md §5); nothing else writes a status.

Each function runs in one transaction: it locks the dossier row, checks the actor's permission,
then the lifecycle table (``ensure_transition_allowed``) and the transition's own rules, saves with
``update_fields``, writes exactly one hash-chained ``DossierEvent`` and leaves side effects to
``transaction.on_commit`` (the event listeners). A refused transition raises a ``DomainError``
with a stable code and changes nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from motcua.catalog.models import Channel, ProcedureVersion, RequiredDocument
from motcua.dossiers.exceptions import (
    ConsultationDeadlineError,
    InvalidApplicantError,
    InvalidAssigneeError,
    InvalidFormDataError,
    NoTimeLimitError,
    PermissionDeniedError,
    ReappointmentNotAllowedError,
    RejectionTooLateError,
    SupplementAlreadyRequestedError,
    VersionConflictError,
    WrongProcedureError,
)
from motcua.dossiers.lifecycle import (
    FINISHING_STATUSES,
    DossierStatus,
    Transition,
    ensure_transition_allowed,
    target_of,
)
from motcua.dossiers.locks import dossier_qs_for_update
from motcua.dossiers.models import (
    ApplicantKind,
    Dossier,
    DossierEvent,
    DossierPause,
    ResultDelivery,
)
from motcua.dossiers.services.codes import dossier_code_next
from motcua.dossiers.services.deadlines import (
    agency_calendar,
    apply_due_date,
    dossier_due_date,
    limit_for_channel,
    working_time_left,
)
from motcua.dossiers.services.events import dossier_event_record
from motcua.dossiers.services.permissions import (
    Actor,
    ensure_may_perform,
    is_integration,
)
from motcua.dossiers.timeliness import classify
from motcua.dossiers.validators import form_data_errors, is_citizen_id, is_enterprise_code
from motcua.organizations.models import Role, StaffRole, Unit, UnitKind

PHONE_RE = re.compile(r"^\+?\d{9,12}$")


@dataclass(frozen=True, slots=True)
class ApplicantInput:
    """The applicant of a new dossier (người nộp hồ sơ)."""

    kind: str
    name: str
    identity_number: str
    phone: str = ""
    email: str = ""
    address: str = ""


@dataclass(frozen=True, slots=True)
class _Change:
    """What a transition writes besides the status."""

    fields: dict[str, Any] = field(default_factory=dict)
    data: dict[str, Any] = field(default_factory=dict)


# --- shared steps ------------------------------------------------------------------------------


def _now(now: dt.datetime | None) -> dt.datetime:
    return now if now is not None else timezone.now()


def _lock(dossier_id: int, expected_version: int | None) -> Dossier:
    dossier = dossier_qs_for_update().get(pk=dossier_id)
    if expected_version is not None and expected_version != dossier.version:
        raise VersionConflictError(current=dossier.version, expected=expected_version)
    return dossier


def _begin(
    dossier_id: int, actor: Actor, transition: Transition, expected_version: int | None
) -> Dossier:
    """Lock, check the actor, then the lifecycle table (in that order: denial leaks nothing)."""
    dossier = _lock(dossier_id, expected_version)
    ensure_may_perform(actor, dossier, transition)
    ensure_transition_allowed(dossier.status_enum, transition)
    return dossier


def _commit(
    dossier: Dossier,
    *,
    transition: Transition,
    actor: Actor,
    now: dt.datetime,
    to_status: DossierStatus,
    change: _Change,
) -> DossierEvent:
    """Apply the new status and fields, save them, and write the one event."""
    from_status = dossier.status
    for name, value in change.fields.items():
        setattr(dossier, name, value)
    dossier.status = to_status
    updated = [*change.fields, "status", "version", "updated_at"]
    if to_status in FINISHING_STATUSES and dossier.finished_at is None:
        # A dossier waiting for a supplement ends at the request (indicator 2.1).
        dossier.finished_at = dossier.paused_at or now
        updated.append("finished_at")
        if dossier.due_at is not None:
            dossier.timeliness = classify(
                finished_at=dossier.finished_at,
                due_at=dossier.due_at,
                supplement_requests=dossier.supplement_count,
            )
            updated.append("timeliness")
    dossier.version += 1
    dossier.save(update_fields=sorted(set(updated)))
    return dossier_event_record(
        dossier=dossier,
        action=transition.value,
        actor=actor,
        occurred_at=now,
        from_status=from_status,
        data=change.data,
    )


def _clean_applicant(applicant: ApplicantInput) -> dict[str, str]:
    errors: dict[str, list[str]] = {}
    identity = applicant.identity_number.strip()
    if applicant.kind == ApplicantKind.PERSON:
        if not is_citizen_id(identity):
            errors["identity_number"] = ["must be a 12-digit citizen identity number (CCCD)"]
    elif applicant.kind == ApplicantKind.ORGANIZATION:
        if not is_enterprise_code(identity):
            errors["identity_number"] = ["must be an enterprise or tax code (10 or 10-3 digits)"]
    else:
        errors["kind"] = ["must be person or organization"]
    if not applicant.name.strip():
        errors["name"] = ["required"]
    if applicant.phone and not PHONE_RE.fullmatch(applicant.phone):
        errors["phone"] = ["must be 9 to 12 digits"]
    if applicant.email:
        try:
            validate_email(applicant.email)
        except ValidationError:
            errors["email"] = ["must be an e-mail address"]
    if errors:
        raise InvalidApplicantError(errors=errors)
    return {
        "applicant_kind": applicant.kind,
        "applicant_name": applicant.name.strip()[:255],
        "applicant_identity_number": identity,
        "applicant_phone": applicant.phone,
        "applicant_email": applicant.email,
        "applicant_address": applicant.address.strip()[:500],
    }


def _procedure_and_unit(
    procedure_version_id: int, receiving_unit_id: int
) -> tuple[ProcedureVersion, Unit]:
    # Only what a dossier needs: a version row carries the whole published record (large JSON).
    # Both are looked up by primary key: slices, not first() (which would add an ORDER BY).
    version = next(
        iter(
            ProcedureVersion.objects.select_related("procedure")
            .only("id", "number", "name", "extra", "procedure__id", "procedure__code")
            .filter(pk=procedure_version_id)[:1]
        ),
        None,
    )
    # The unit and, in the same query, whether the version names agencies and the unit's is one.
    handled_by = ProcedureVersion.agencies.through.objects.filter(
        procedureversion_id=procedure_version_id
    )
    unit = next(
        iter(
            Unit.objects.select_related("agency")
            .filter(pk=receiving_unit_id, kind=UnitKind.RECEPTION, is_active=True)
            .annotate(
                version_has_agencies=Exists(handled_by),
                version_has_agency=Exists(handled_by.filter(agency_id=OuterRef("agency_id"))),
            )
            .order_by()[:1]
        ),
        None,
    )
    errors: dict[str, list[str]] = {}
    if version is None:
        errors["procedure_version"] = ["unknown procedure version"]
    if unit is None:
        errors["receiving_unit"] = ["unknown or inactive reception unit"]
    if (
        version is not None
        and unit is not None
        and unit.version_has_agencies
        and not unit.version_has_agency
    ):
        errors["receiving_unit"] = ["this agency does not handle the procedure"]
    if errors or version is None or unit is None:
        raise WrongProcedureError(errors=errors)
    return version, unit


def _check_form(version: ProcedureVersion, form_data: Any) -> dict[str, Any]:
    errors = form_data_errors(form_data, version.extra.get("form_schema", []))
    if errors:
        raise InvalidFormDataError(errors=errors)
    return dict(form_data)


def _check_checklist(version_id: int, checklist: list[int]) -> list[int]:
    known = set(RequiredDocument.objects.filter(version_id=version_id).values_list("pk", flat=True))
    unknown = sorted(set(checklist) - known)
    if unknown:
        raise WrongProcedureError(
            errors={"checklist": [f"not a document of this procedure: {i}" for i in unknown]}
        )
    return sorted(set(checklist))


def _set_deadline_at_receipt(dossier: Dossier, received_at: dt.datetime) -> dict[str, Any]:
    """Take the procedure's limit for the channel and compute the due date (fields to save)."""
    limit = limit_for_channel(
        procedure_version_id=dossier.procedure_version_id, channel=dossier.channel
    )
    dossier.received_at = received_at
    dossier.limit_unit = limit.unit if limit else ""
    dossier.limit_amount = limit.amount if limit else None
    apply_due_date(dossier, dossier_due_date(dossier))
    return {
        "received_at": dossier.received_at,
        "limit_unit": dossier.limit_unit,
        "limit_amount": dossier.limit_amount,
        "due_at": dossier.due_at,
        "due_explanation": dossier.due_explanation,
    }


def _staff_unit(user_id: int, agency_id: int, roles: list[str]) -> Unit | None:
    role = (
        StaffRole.objects.select_related("unit")
        .filter(
            user_id=user_id,
            unit__agency_id=agency_id,
            role__in=roles,
            is_active=True,
            unit__is_active=True,
        )
        .order_by("id")
        .first()
    )
    return role.unit if role else None


# --- creation ----------------------------------------------------------------------------------


@transaction.atomic
def dossier_submit(
    *,
    actor: Actor,
    procedure_version_id: int,
    receiving_unit_id: int,
    applicant: ApplicantInput,
    form_data: dict[str, Any],
    channel: int = Channel.ONLINE,
    via_national_portal: bool = False,
    now: dt.datetime | None = None,
) -> Dossier:
    """Submit a dossier online (nộp trực tuyến): status NEW, with its code.

    The applicant's account owns it; the national portal (an integration client) submits on an
    applicant's behalf with ``via_national_portal``.
    """
    now = _now(now)
    if not actor.is_authenticated or (via_national_portal and not is_integration(actor)):
        raise PermissionDeniedError(action=Transition.SUBMIT.value)
    fields = _clean_applicant(applicant)
    version, unit = _procedure_and_unit(procedure_version_id, receiving_unit_id)
    form = _check_form(version, form_data)
    dossier = Dossier(
        code=dossier_code_next(agency=unit.agency, day=timezone.localtime(now).date()),
        procedure_version=version,
        receiving_unit=unit,
        agency=unit.agency,
        channel=channel,
        via_national_portal=via_national_portal,
        applicant_user_id=None if via_national_portal else actor.pk,
        form_data=form,
        status=target_of_creation(Transition.SUBMIT),
        submitted_at=now,
        version=1,
        **fields,
    )
    dossier.save(force_insert=True)
    dossier_event_record(
        dossier=dossier,
        action=Transition.SUBMIT.value,
        actor=actor,
        occurred_at=now,
        from_status=None,
        data={"channel": channel, "via_national_portal": via_national_portal},
    )
    return dossier


def target_of_creation(transition: Transition) -> DossierStatus:
    from motcua.dossiers.lifecycle import ALLOWED_TRANSITIONS

    target = ALLOWED_TRANSITIONS[transition].target
    assert target is not None  # noqa: S101 - creation transitions name their target
    return target


@transaction.atomic
def dossier_receive_at_counter(
    *,
    actor: Actor,
    procedure_version_id: int,
    receiving_unit_id: int,
    applicant: ApplicantInput,
    form_data: dict[str, Any],
    checklist: list[int],
    channel: int = Channel.COUNTER,
    now: dt.datetime | None = None,
) -> Dossier:
    """Receive a paper dossier at the counter or by post (tiếp nhận): status RECEIVED, code, due date."""
    now = _now(now)
    version, unit = _procedure_and_unit(procedure_version_id, receiving_unit_id)
    if (
        not actor.is_authenticated
        or _staff_unit(actor.pk, unit.agency_id, [Role.RECEPTION_OFFICER]) is None
    ):
        raise PermissionDeniedError(action=Transition.RECEIVE.value)
    if channel not in (Channel.COUNTER, Channel.POSTAL):
        raise WrongProcedureError(errors={"channel": ["counter or postal only"]})
    fields = _clean_applicant(applicant)
    form = _check_form(version, form_data)
    checked = _check_checklist(version.pk, checklist)
    dossier = Dossier(
        code=dossier_code_next(agency=unit.agency, day=timezone.localtime(now).date()),
        procedure_version=version,
        receiving_unit=unit,
        agency=unit.agency,
        channel=channel,
        form_data=form,
        status=DossierStatus.RECEIVED,
        submitted_at=now,
        version=1,
        **fields,
    )
    _set_deadline_at_receipt(dossier, now)
    dossier.save(force_insert=True)
    dossier_event_record(
        dossier=dossier,
        action=Transition.RECEIVE.value,
        actor=actor,
        occurred_at=now,
        from_status=None,
        data={"channel": channel, "checklist": checked, "due_at": dossier.due_at},
    )
    return dossier


# --- transitions -------------------------------------------------------------------------------


@transaction.atomic
def dossier_receive(
    *,
    dossier_id: int,
    actor: Actor,
    checklist: list[int],
    expected_version: int | None = None,
    now: dt.datetime | None = None,
) -> Dossier:
    """Receive an online dossier after checking it (tiếp nhận): the due date is set."""
    now = _now(now)
    dossier = _begin(dossier_id, actor, Transition.RECEIVE, expected_version)
    checked = _check_checklist(dossier.procedure_version_id, checklist)
    fields = _set_deadline_at_receipt(dossier, now)
    _commit(
        dossier,
        transition=Transition.RECEIVE,
        actor=actor,
        now=now,
        to_status=DossierStatus.RECEIVED,
        change=_Change(fields, {"checklist": checked, "due_at": dossier.due_at}),
    )
    return dossier


@transaction.atomic
def dossier_refuse(
    *,
    dossier_id: int,
    actor: Actor,
    reason: str,
    expected_version: int | None = None,
    now: dt.datetime | None = None,
) -> Dossier:
    """Refuse to receive a dossier (từ chối tiếp nhận, Mẫu 03) with the reason."""
    now = _now(now)
    dossier = _begin(dossier_id, actor, Transition.REFUSE, expected_version)
    _commit(
        dossier,
        transition=Transition.REFUSE,
        actor=actor,
        now=now,
        to_status=target_of(dossier.status_enum, Transition.REFUSE),
        change=_Change(data={"reason": reason}),
    )
    return dossier


@transaction.atomic
def dossier_request_supplement(
    *,
    dossier_id: int,
    actor: Actor,
    reason: str,
    missing_documents: list[str],
    expected_version: int | None = None,
    now: dt.datetime | None = None,
) -> Dossier:
    """Ask the applicant for missing documents (yêu cầu bổ sung, Mẫu 02); the clock pauses.

    Only once per dossier (Decree 61/2018 Art 15.3, 19.4): a second request is refused.
    """
    now = _now(now)
    dossier = _begin(dossier_id, actor, Transition.REQUEST_SUPPLEMENT, expected_version)
    if dossier.supplement_count >= 1:
        raise SupplementAlreadyRequestedError()
    DossierPause.objects.create(
        dossier=dossier,
        started_at=now,
        status_before=dossier.status,
        reason=reason,
        missing_documents=missing_documents,
    )
    _commit(
        dossier,
        transition=Transition.REQUEST_SUPPLEMENT,
        actor=actor,
        now=now,
        to_status=DossierStatus.SUPPLEMENT_REQUESTED,
        change=_Change(
            {"paused_at": now, "supplement_count": dossier.supplement_count + 1},
            {"reason": reason, "missing_documents": missing_documents},
        ),
    )
    return dossier


@transaction.atomic
def dossier_submit_supplement(
    *,
    dossier_id: int,
    actor: Actor,
    note: str = "",
    expected_version: int | None = None,
    now: dt.datetime | None = None,
) -> Dossier:
    """Hand in the requested documents (nộp bổ sung): the clock resumes and the due date moves."""
    now = _now(now)
    dossier = _begin(dossier_id, actor, Transition.SUBMIT_SUPPLEMENT, expected_version)
    pause = (
        DossierPause.objects.select_for_update()
        .filter(dossier=dossier, ended_at__isnull=True)
        .order_by("-started_at")
        .first()
    )
    back_to = DossierStatus.NEW
    if pause is not None:
        pause.ended_at = max(now, pause.started_at)
        pause.save(update_fields=["ended_at"])
        if pause.status_before != DossierStatus.NEW:
            back_to = DossierStatus.PROCESSING
    fields: dict[str, Any] = {"paused_at": None}
    if dossier.received_at is not None:
        apply_due_date(dossier, dossier_due_date(dossier))
        fields |= {"due_at": dossier.due_at, "due_explanation": dossier.due_explanation}
    _commit(
        dossier,
        transition=Transition.SUBMIT_SUPPLEMENT,
        actor=actor,
        now=now,
        to_status=back_to,
        change=_Change(fields, {"note": note, "due_at": dossier.due_at}),
    )
    return dossier


def _assignee_unit(dossier: Dossier, assignee_id: int) -> Unit:
    unit = _staff_unit(assignee_id, dossier.agency_id, [Role.SPECIALIST, Role.LEADER])
    if unit is None:
        raise InvalidAssigneeError(errors={"assignee": ["not a specialist or leader here"]})
    return unit


@transaction.atomic
def dossier_assign(
    *,
    dossier_id: int,
    actor: Actor,
    assignee_id: int,
    step: str = "",
    expected_version: int | None = None,
    now: dt.datetime | None = None,
) -> Dossier:
    """Assign the dossier to a specialist (phân công); processing starts."""
    now = _now(now)
    dossier = _begin(dossier_id, actor, Transition.ASSIGN, expected_version)
    unit = _assignee_unit(dossier, assignee_id)
    _commit(
        dossier,
        transition=Transition.ASSIGN,
        actor=actor,
        now=now,
        to_status=DossierStatus.PROCESSING,
        change=_Change(
            {"assignee_id": assignee_id, "current_unit_id": unit.pk, "current_step": step},
            {"assignee": assignee_id, "unit": unit.pk, "step": step},
        ),
    )
    return dossier


@transaction.atomic
def dossier_forward(
    *,
    dossier_id: int,
    actor: Actor,
    assignee_id: int,
    step: str = "",
    expected_version: int | None = None,
    now: dt.datetime | None = None,
) -> Dossier:
    """Forward the dossier to the next step or unit (chuyển bước / chuyển đơn vị)."""
    now = _now(now)
    dossier = _begin(dossier_id, actor, Transition.FORWARD, expected_version)
    unit = _assignee_unit(dossier, assignee_id)
    _commit(
        dossier,
        transition=Transition.FORWARD,
        actor=actor,
        now=now,
        to_status=DossierStatus.PROCESSING,
        change=_Change(
            {"assignee_id": assignee_id, "current_unit_id": unit.pk, "current_step": step},
            {"from_assignee": dossier.assignee_id, "assignee": assignee_id, "step": step},
        ),
    )
    return dossier


@transaction.atomic
def dossier_consult(
    *,
    dossier_id: int,
    actor: Actor,
    unit_id: int,
    answer_due_at: dt.datetime,
    question: str,
    expected_version: int | None = None,
    now: dt.datetime | None = None,
) -> Dossier:
    """Ask another unit's opinion by a deadline (xin ý kiến, Decree 61 Art 19.5)."""
    now = _now(now)
    dossier = _begin(dossier_id, actor, Transition.CONSULT, expected_version)
    unit = Unit.objects.filter(pk=unit_id, is_active=True).first()
    if unit is None or unit.pk == dossier.current_unit_id or answer_due_at <= now:
        raise ConsultationDeadlineError(errors={"unit": ["another active unit"], "due_at": []})
    _commit(
        dossier,
        transition=Transition.CONSULT,
        actor=actor,
        now=now,
        to_status=DossierStatus.PROCESSING,
        change=_Change(
            {"consulted_unit_id": unit.pk, "consultation_due_at": answer_due_at},
            {"unit": unit.pk, "due_at": answer_due_at, "question": question},
        ),
    )
    return dossier


@transaction.atomic
def dossier_approve(
    *,
    dossier_id: int,
    actor: Actor,
    note: str = "",
    expected_version: int | None = None,
    now: dt.datetime | None = None,
) -> Dossier:
    """Approve the proposed result (lãnh đạo phê duyệt)."""
    now = _now(now)
    dossier = _begin(dossier_id, actor, Transition.APPROVE, expected_version)
    _commit(
        dossier,
        transition=Transition.APPROVE,
        actor=actor,
        now=now,
        to_status=DossierStatus.PROCESSING,
        change=_Change({"is_approved": True}, {"note": note}),
    )
    return dossier


@transaction.atomic
def dossier_reject(
    *,
    dossier_id: int,
    actor: Actor,
    reason: str,
    expected_version: int | None = None,
    now: dt.datetime | None = None,
) -> Dossier:
    """Refuse the request after appraisal (từ chối giải quyết, Mẫu 03), only within the time limit."""
    now = _now(now)
    dossier = _begin(dossier_id, actor, Transition.REJECT, expected_version)
    if dossier.due_at is not None and now > dossier.due_at:
        raise RejectionTooLateError()
    _commit(
        dossier,
        transition=Transition.REJECT,
        actor=actor,
        now=now,
        to_status=DossierStatus.NOT_ACCEPTED,
        change=_Change(data={"reason": reason}),
    )
    return dossier


@transaction.atomic
def dossier_request_payment(
    *,
    dossier_id: int,
    actor: Actor,
    amount: int,
    description: str,
    expected_version: int | None = None,
    now: dt.datetime | None = None,
) -> Dossier:
    """Ask the applicant to pay fees or taxes (yêu cầu thực hiện nghĩa vụ tài chính)."""
    now = _now(now)
    dossier = _begin(dossier_id, actor, Transition.REQUEST_PAYMENT, expected_version)
    _commit(
        dossier,
        transition=Transition.REQUEST_PAYMENT,
        actor=actor,
        now=now,
        to_status=DossierStatus.PAYMENT_REQUESTED,
        change=_Change(data={"amount": amount, "description": description}),
    )
    return dossier


@transaction.atomic
def dossier_confirm_payment(
    *,
    dossier_id: int,
    actor: Actor,
    reference: str,
    expected_version: int | None = None,
    now: dt.datetime | None = None,
) -> Dossier:
    """Record the payment (đã thanh toán); processing continues."""
    now = _now(now)
    dossier = _begin(dossier_id, actor, Transition.CONFIRM_PAYMENT, expected_version)
    _commit(
        dossier,
        transition=Transition.CONFIRM_PAYMENT,
        actor=actor,
        now=now,
        to_status=DossierStatus.PROCESSING,
        change=_Change(data={"reference": reference}),
    )
    return dossier


@transaction.atomic
def dossier_withdraw(
    *,
    dossier_id: int,
    actor: Actor,
    reason: str = "",
    expected_version: int | None = None,
    now: dt.datetime | None = None,
) -> Dossier:
    """The applicant withdraws the dossier (rút hồ sơ)."""
    now = _now(now)
    dossier = _begin(dossier_id, actor, Transition.WITHDRAW, expected_version)
    _commit(
        dossier,
        transition=Transition.WITHDRAW,
        actor=actor,
        now=now,
        to_status=DossierStatus.WITHDRAWN,
        change=_Change(data={"reason": reason}),
    )
    return dossier


@transaction.atomic
def dossier_stop(
    *,
    dossier_id: int,
    actor: Actor,
    reason: str,
    expected_version: int | None = None,
    now: dt.datetime | None = None,
) -> Dossier:
    """Stop processing (dừng xử lý) with the reason."""
    now = _now(now)
    dossier = _begin(dossier_id, actor, Transition.STOP, expected_version)
    _commit(
        dossier,
        transition=Transition.STOP,
        actor=actor,
        now=now,
        to_status=DossierStatus.STOPPED,
        change=_Change(data={"reason": reason}),
    )
    return dossier


@transaction.atomic
def dossier_finish(
    *,
    dossier_id: int,
    actor: Actor,
    result: dict[str, Any],
    expected_version: int | None = None,
    now: dt.datetime | None = None,
) -> Dossier:
    """Processing is done and the result is ready (xử lý xong); timeliness is classified."""
    now = _now(now)
    dossier = _begin(dossier_id, actor, Transition.FINISH, expected_version)
    _commit(
        dossier,
        transition=Transition.FINISH,
        actor=actor,
        now=now,
        to_status=DossierStatus.FINISHED,
        change=_Change({"result": result}, {"result": result}),
    )
    return dossier


@transaction.atomic
def dossier_return_result(
    *,
    dossier_id: int,
    actor: Actor,
    delivery: str,
    expected_version: int | None = None,
    now: dt.datetime | None = None,
) -> Dossier:
    """Hand the result to the applicant (trả kết quả) at the counter, by post or electronically."""
    now = _now(now)
    dossier = _begin(dossier_id, actor, Transition.RETURN_RESULT, expected_version)
    if delivery not in ResultDelivery.values:
        raise WrongProcedureError(errors={"delivery": [f"one of {ResultDelivery.values}"]})
    _commit(
        dossier,
        transition=Transition.RETURN_RESULT,
        actor=actor,
        now=now,
        to_status=DossierStatus.RESULT_RETURNED,
        change=_Change({"result_delivery": delivery}, {"delivery": delivery}),
    )
    return dossier


@transaction.atomic
def dossier_apologize(
    *,
    dossier_id: int,
    actor: Actor,
    new_due_at: dt.datetime,
    reason: str,
    expected_version: int | None = None,
    now: dt.datetime | None = None,
) -> Dossier:
    """Apologize and give a new due date (xin lỗi và hẹn lại, Mẫu 04; Decree 61 Art 19.9).

    Only once, to a later date, and no later than one working day before the current due date.
    """
    now = _now(now)
    dossier = _begin(dossier_id, actor, Transition.APOLOGIZE, expected_version)
    if dossier.due_at is None:
        raise NoTimeLimitError()
    calendar = agency_calendar(dossier.agency_id)
    left = working_time_left(now=now, due_at=dossier.due_at, calendar=calendar)
    if (
        dossier.reappointment_count >= 1
        or new_due_at <= dossier.due_at
        or left < calendar.working_day_length
    ):
        raise ReappointmentNotAllowedError()
    previous = dossier.due_at
    dossier.reappointed_due_at = new_due_at
    dossier.reappointment_reason = reason
    apply_due_date(dossier, dossier_due_date(dossier, calendar))
    _commit(
        dossier,
        transition=Transition.APOLOGIZE,
        actor=actor,
        now=now,
        to_status=dossier.status_enum,
        change=_Change(
            {
                "reappointed_due_at": new_due_at,
                "reappointment_reason": reason,
                "reappointment_count": dossier.reappointment_count + 1,
                "due_at": dossier.due_at,
                "due_explanation": dossier.due_explanation,
            },
            {"previous_due_at": previous, "due_at": dossier.due_at, "reason": reason},
        ),
    )
    return dossier
