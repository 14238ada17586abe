"""Drafts of online submissions: start, save, attach files, check, and submit as a dossier.

Submitting calls the dossier services (``dossier_submit``, ``dossier_document_add``) and the
reuse service below; nothing here writes a dossier status.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext as _

from motcua.catalog.models import ProcedureVersion, RequiredDocument
from motcua.dossiers.exceptions import InvalidApplicantError, InvalidFormDataError
from motcua.dossiers.files import HEADER_BYTES, detect_type, display_name
from motcua.dossiers.models import ApplicantKind, Dossier, DossierDocument
from motcua.dossiers.services.documents import dossier_document_add, max_upload_bytes
from motcua.dossiers.services.transitions import ApplicantInput, dossier_submit
from motcua.dossiers.validators import form_data_errors, is_citizen_id, is_enterprise_code
from motcua.identity.models import AccountKind, CitizenAccount
from motcua.submissions.exceptions import DraftIncompleteError, FileRejectedError
from motcua.submissions.models import DraftDocument, SubmissionDraft
from motcua.submissions.selectors import (
    cases_of,
    documents_for_case,
    is_optional,
    reception_units_for,
    required_documents,
)
from motcua.submissions.services.reuse import dossier_document_reuse

_CHUNK = 64 * 1024


@dataclass(frozen=True, slots=True)
class DraftFields:
    """What the citizen typed on the submission form."""

    receiving_unit_id: int | None = None
    applicant_name: str = ""
    applicant_identity_number: str = ""
    applicant_phone: str = ""
    applicant_email: str = ""
    applicant_address: str = ""
    case: str = ""
    form_data: dict[str, Any] = field(default_factory=dict)


def _delete_files(names: list[str]) -> None:
    for name in names:
        default_storage.delete(name)


def draft_start(*, user: AbstractBaseUser, version: ProcedureVersion) -> SubmissionDraft:
    """A new draft for ``version``, pre-filled from the citizen's account (điền sẵn)."""
    account = CitizenAccount.objects.filter(user_id=user.pk).first()
    draft = SubmissionDraft(user_id=user.pk, procedure_version=version)
    if account is not None:
        organization = account.kind == AccountKind.ORGANIZATION
        draft.applicant_kind = ApplicantKind.ORGANIZATION if organization else ApplicantKind.PERSON
        draft.applicant_name = account.display_name
        draft.applicant_identity_number = account.identity_number
        draft.applicant_phone = account.phone or ""
        draft.applicant_email = account.email or ""
        draft.applicant_address = account.address
    units = reception_units_for(version=version)
    if len(units) == 1:
        draft.receiving_unit = units[0]
    draft.save(force_insert=True)
    return draft


def draft_update(*, draft: SubmissionDraft, fields: DraftFields) -> SubmissionDraft:
    """Save what was typed, as it is (a draft may be incomplete)."""
    allowed_units = {u.pk for u in reception_units_for(version=draft.procedure_version)}
    draft.receiving_unit_id = (
        fields.receiving_unit_id if fields.receiving_unit_id in allowed_units else None
    )
    draft.applicant_name = fields.applicant_name.strip()[:255]
    draft.applicant_identity_number = fields.applicant_identity_number.strip()[:20]
    draft.applicant_phone = fields.applicant_phone.strip()[:20]
    draft.applicant_email = fields.applicant_email.strip()[:254]
    draft.applicant_address = fields.applicant_address.strip()[:500]
    draft.case = fields.case[:2000]
    draft.form_data = {str(k): v for k, v in fields.form_data.items()}
    draft.save(
        update_fields=[
            "receiving_unit",
            "applicant_name",
            "applicant_identity_number",
            "applicant_phone",
            "applicant_email",
            "applicant_address",
            "case",
            "form_data",
            "updated_at",
        ]
    )
    return draft


def _required_document(draft: SubmissionDraft, required_document_id: int) -> RequiredDocument:
    document = RequiredDocument.objects.filter(
        pk=required_document_id, version_id=draft.procedure_version_id
    ).first()
    if document is None:
        raise FileRejectedError(errors={"document": [_("This document is not part of the form.")]})
    return document


def inspect_upload(upload: File, field_name: str) -> tuple[str, str, int, str]:  # type: ignore[type-arg]
    """Type from the content, size and SHA-256; the error says how to fix the file."""
    limit = max_upload_bytes()
    digest = hashlib.sha256()
    size = 0
    head = b""
    upload.seek(0)
    for chunk in upload.chunks(_CHUNK):
        if len(head) < HEADER_BYTES:
            head += chunk[: HEADER_BYTES - len(head)]
        size += len(chunk)
        if size > limit:
            message = _(
                "The file is larger than %(limit)s MB. Scan at a lower resolution or split it."
            ) % {"limit": limit // (1024 * 1024)}
            raise FileRejectedError(errors={field_name: [message]})
        digest.update(chunk)
    if size == 0:
        raise FileRejectedError(errors={field_name: [_("The file is empty. Choose another file.")]})
    detected = detect_type(head)
    if detected is None:
        message = _("This type of file is not accepted. Send a PDF, JPEG, PNG or TIFF file.")
        raise FileRejectedError(errors={field_name: [message]})
    upload.seek(0)
    return detected[0], detected[1], size, digest.hexdigest()


def _replace(draft: SubmissionDraft, required: RequiredDocument) -> None:
    old = DraftDocument.objects.filter(draft=draft, required_document=required).first()
    if old is not None:
        if old.reused_from_id is None:
            default_storage.delete(old.file.name)
        old.delete()


@transaction.atomic
def draft_document_upload(
    *,
    draft: SubmissionDraft,
    required_document_id: int,
    upload: File,  # type: ignore[type-arg]
    name: str,
) -> DraftDocument:
    """Attach an uploaded file to a required document of the draft (replacing an earlier one)."""
    required = _required_document(draft, required_document_id)
    content_type, extension, size, sha256 = inspect_upload(upload, f"doc_{required.pk}")
    _replace(draft, required)
    stored = default_storage.save(f"drafts/{draft.pk}/{uuid.uuid4().hex}.{extension}", upload)
    return DraftDocument.objects.create(
        draft=draft,
        required_document=required,
        file=stored,
        original_name=display_name(name),
        sha256=sha256,
        size=size,
        content_type=content_type,
    )


@transaction.atomic
def draft_document_reuse(
    *, draft: SubmissionDraft, required_document_id: int, source_document_id: int
) -> DraftDocument:
    """Choose an earlier document of the same applicant for a required document (R17)."""
    required = _required_document(draft, required_document_id)
    source = DossierDocument.objects.filter(
        pk=source_document_id, dossier__applicant_user_id=draft.user_id
    ).first()
    if source is None:
        raise FileRejectedError(
            errors={f"doc_{required.pk}": [_("Choose one of your earlier documents.")]}
        )
    _replace(draft, required)
    return DraftDocument.objects.create(
        draft=draft,
        required_document=required,
        file=source.file.name,
        original_name=source.original_name,
        sha256=source.sha256,
        size=source.size,
        content_type=source.content_type,
        reused_from=source,
    )


@transaction.atomic
def draft_document_remove(*, draft: SubmissionDraft, required_document_id: int) -> None:
    required = _required_document(draft, required_document_id)
    _replace(draft, required)


def _applicant_errors(draft: SubmissionDraft) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not draft.applicant_name.strip():
        errors["applicant_name"] = [_("Enter the applicant's full name.")]
    identity = draft.applicant_identity_number
    if draft.applicant_kind == ApplicantKind.ORGANIZATION:
        if not is_enterprise_code(identity):
            errors["applicant_identity_number"] = [
                _("Enter the enterprise or tax code: 10 digits, or 10 digits, a dash and 3 digits.")
            ]
    elif not is_citizen_id(identity):
        errors["applicant_identity_number"] = [
            _("Enter the 12 digits of the citizen identity card (CCCD), e.g. 001203012345.")
        ]
    if not draft.applicant_phone and not draft.applicant_email:
        errors["applicant_phone"] = [
            _("Enter a phone number or an e-mail address, so that we can tell you the result.")
        ]
    return errors


def draft_errors(*, draft: SubmissionDraft) -> dict[str, list[str]]:
    """Everything that stops the draft from being submitted, by field (kiểm tra trước khi nộp)."""
    errors = _applicant_errors(draft)
    units = reception_units_for(version=draft.procedure_version)
    if draft.receiving_unit_id not in {u.pk for u in units}:
        errors["receiving_unit"] = [_("Choose where to submit the dossier.")]
    documents = required_documents(version_id=draft.procedure_version_id)
    cases = cases_of(documents)
    if len(cases) > 1 and draft.case not in cases:
        errors["case"] = [_("Choose the case that applies to you.")]
    attached = set(
        DraftDocument.objects.filter(draft=draft).values_list("required_document_id", flat=True)
    )
    for document in documents_for_case(documents, draft.case):
        if document.pk not in attached and not is_optional(document):
            errors[f"doc_{document.pk}"] = [
                _("Attach this document: choose a file, or one of your earlier documents.")
            ]
    schema = draft.procedure_version.extra.get("form_schema", [])
    for name in form_data_errors(draft.form_data, schema):
        errors[f"form_{name}"] = [_("Fill in this field correctly.")]
    return errors


@transaction.atomic
def draft_submit(*, draft: SubmissionDraft, actor: AbstractBaseUser, now: dt.datetime) -> Dossier:
    """Submit the draft as a dossier (nộp hồ sơ trực tuyến): status NEW, files attached.

    Raises DraftIncompleteError with every problem by field; the draft is kept unchanged.
    """
    draft = (
        SubmissionDraft.objects.select_for_update()
        .select_related("procedure_version")
        .get(pk=draft.pk, dossier__isnull=True)
    )
    errors = draft_errors(draft=draft)
    if errors:
        raise DraftIncompleteError(errors=errors)
    assert draft.receiving_unit_id is not None  # noqa: S101 - checked by draft_errors
    applicant = ApplicantInput(
        kind=draft.applicant_kind,
        name=draft.applicant_name,
        identity_number=draft.applicant_identity_number,
        phone=draft.applicant_phone,
        email=draft.applicant_email,
        address=draft.applicant_address,
    )
    try:
        dossier = dossier_submit(
            actor=actor,
            procedure_version_id=draft.procedure_version_id,
            receiving_unit_id=draft.receiving_unit_id,
            applicant=applicant,
            form_data={**draft.form_data, **({"case": draft.case} if draft.case else {})},
            now=now,
        )
    except (InvalidApplicantError, InvalidFormDataError) as exc:
        raise DraftIncompleteError(
            errors={f"applicant_{k}": [_("Check this field.")] for k in exc.errors}
        ) from exc
    for document in DraftDocument.objects.filter(draft=draft).order_by("id"):
        if document.reused_from_id is not None:
            dossier_document_reuse(
                dossier_id=dossier.pk,
                actor=actor,
                source_document_id=document.reused_from_id,
                required_document_id=document.required_document_id,
            )
            continue
        with default_storage.open(document.file.name, "rb") as handle:
            dossier_document_add(
                dossier_id=dossier.pk,
                actor=actor,
                upload=File(handle, name=document.original_name),
                name=document.original_name,
                required_document_id=document.required_document_id,
            )
    draft.dossier = dossier
    draft.save(update_fields=["dossier", "updated_at"])
    names = [d.file.name for d in draft.documents.all() if d.reused_from_id is None]
    transaction.on_commit(lambda: _delete_files(names))
    return dossier


@transaction.atomic
def draft_delete(*, draft: SubmissionDraft) -> None:
    """Delete a draft that was not submitted, with its uploaded files."""
    names = [d.file.name for d in draft.documents.all() if d.reused_from_id is None]
    draft.delete()
    transaction.on_commit(lambda: _delete_files(names))
