"""Intake: a dossier submitted on the national portal becomes our dossier (status 1, channel online).

The request is signed by the portal (HMAC-SHA256 over ``<timestamp>.<body>``, a replay window) and
idempotent by the portal's own id (``MaHoSoQG``): the same packet twice gives one dossier; the same
id with different content is a conflict.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Any, cast

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from motcua.catalog.models import Channel
from motcua.catalog.selectors import procedure_version_get_current
from motcua.core.errors import DomainError, ValidationFailedError
from motcua.dossiers.events import canonical_json
from motcua.dossiers.models import Dossier
from motcua.dossiers.services.permissions import Actor
from motcua.dossiers.services.transitions import ApplicantInput, dossier_submit
from motcua.integration.models import IntakeRecord
from motcua.integration.national_portal import mapping
from motcua.integration.national_portal import schemas as s
from motcua.integration.retry import is_valid_signature, parse_signature_header
from motcua.organizations.models import Unit, UnitKind

#: How far a signed request's timestamp may be from our clock.
REPLAY_WINDOW_SECONDS = 300


class IntakeNotConfiguredError(DomainError):
    code = "intake_not_configured"
    status = 503
    title = _("Intake from the national portal is not configured.")
    message_template = _("Set NATIONAL_PORTAL_INTAKE_SECRET to accept dossiers from the portal.")


class InvalidSignatureError(DomainError):
    code = "invalid_signature"
    status = 401
    title = _("The request signature is not valid.")
    message_template = _(
        "Sign the body with HMAC-SHA256 over timestamp.body, sent as Motcua-Signature: "
        "t=<unix seconds>,v1=<hex>, within %(window)s seconds of our clock."
    )


class IntakeConflictError(DomainError):
    code = "intake_conflict"
    status = 409
    title = _("This national portal dossier was already taken in with other content.")
    message_template = _(
        "The national portal dossier %(portal_id)s was already taken in as %(code)s."
    )


class InvalidIntakeError(ValidationFailedError):
    code = "invalid_intake"
    title = _("The intake packet is not valid.")
    message_template = _("The intake packet is not valid: see errors.")


def intake_signature_verify(*, body: bytes, header: str, now: dt.datetime) -> None:
    """Raise unless ``header`` (``t=…,v1=…``) signs ``body`` with the intake secret, in time."""
    secret = settings.NATIONAL_PORTAL_INTAKE_SECRET
    if not secret:
        raise IntakeNotConfiguredError()
    parsed = parse_signature_header(header)
    if parsed is None or not is_valid_signature(
        secret,
        parsed[0],
        body,
        parsed[1],
        now=now.timestamp(),
        window=REPLAY_WINDOW_SECONDS,
    ):
        raise InvalidSignatureError(window=REPLAY_WINDOW_SECONDS)


@dataclass(frozen=True, slots=True)
class IntakeResult:
    dossier: Dossier
    portal_dossier_id: str
    created: bool


def _existing(portal_id: str, payload_hash: str) -> IntakeResult | None:
    record = (
        IntakeRecord.objects.select_related("dossier").filter(portal_dossier_id=portal_id).first()
    )
    if record is None:
        return None
    if record.payload_hash != payload_hash:
        raise IntakeConflictError(portal_id=portal_id, code=record.dossier.code)
    return IntakeResult(record.dossier, portal_id, created=False)


def _reception_unit(agency_identifier: str) -> Unit | None:
    return (
        Unit.objects.filter(
            agency__identifier=agency_identifier, kind=UnitKind.RECEPTION, is_active=True
        )
        .order_by("id")
        .first()
    )


def intake_national_portal(*, actor: Actor, packet: Any, now: dt.datetime) -> IntakeResult:
    """Take in a dossier submitted on the national portal (idempotent by its ``MaHoSoQG``)."""
    errors = s.intake_packet_errors(packet)
    if errors:
        raise InvalidIntakeError(errors=errors)
    data = mapping.intake_data(cast(s.HoSoTiepNhanTuDVCQG, packet))
    payload_hash = hashlib.sha256(canonical_json(packet).encode()).hexdigest()
    found = _existing(data.portal_dossier_id, payload_hash)
    if found is not None:
        return found
    version = procedure_version_get_current(
        code=data.procedure_code, on=timezone.localtime(now).date()
    )
    unit = _reception_unit(data.agency_identifier)
    problems: dict[str, list[str]] = {}
    if version is None:
        problems["MaTTHC"] = ["no procedure in force with this code"]
    if unit is None:
        problems["MaDonVi"] = ["no active reception unit of an agency with this identifier"]
    if problems or version is None or unit is None:
        raise InvalidIntakeError(errors=problems)
    try:
        with transaction.atomic():
            dossier = dossier_submit(
                actor=actor,
                procedure_version_id=version.pk,
                receiving_unit_id=unit.pk,
                applicant=ApplicantInput(
                    kind=data.applicant_kind,
                    name=data.applicant_name,
                    identity_number=data.identity_number,
                    phone=data.phone,
                    email=data.email,
                    address=data.address,
                ),
                form_data=data.form_data,
                channel=Channel.ONLINE,
                via_national_portal=True,
                # Submitted when the applicant sent it on the portal (never in our future).
                now=min(data.submitted_at, now),
            )
            IntakeRecord.objects.create(
                portal_dossier_id=data.portal_dossier_id,
                dossier=dossier,
                payload_hash=payload_hash,
                received_at=now,
            )
    except IntegrityError:
        # The same dossier arrived concurrently and the other request won: answer as a repeat.
        found = _existing(data.portal_dossier_id, payload_hash)
        if found is None:
            raise
        return found
    return IntakeResult(dossier, data.portal_dossier_id, created=True)
