"""Adding files to a dossier: size limit, type by content, SHA-256, a generated storage name."""

from __future__ import annotations

import hashlib
import uuid

from django.conf import settings
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from motcua.catalog.models import RequiredDocument
from motcua.dossiers.exceptions import PermissionDeniedError, UploadRejectedError
from motcua.dossiers.files import HEADER_BYTES, detect_type, display_name
from motcua.dossiers.lifecycle import DossierStatus
from motcua.dossiers.locks import dossier_qs_for_update
from motcua.dossiers.models import DocumentKind, Dossier, DossierDocument
from motcua.dossiers.services.events import dossier_event_record
from motcua.dossiers.services.permissions import Actor, Relation, ensure_may_upload

DEFAULT_MAX_UPLOAD_BYTES = 20 * 1024 * 1024
_CHUNK = 64 * 1024

# Who may add which kind of document, in which statuses.
_APPLICANT_STATUSES = {DossierStatus.NEW, DossierStatus.SUPPLEMENT_REQUESTED}
_OFFICIAL_STATUSES = {
    DossierStatus.NEW,
    DossierStatus.RECEIVED,
    DossierStatus.PROCESSING,
    DossierStatus.SUPPLEMENT_REQUESTED,
    DossierStatus.PAYMENT_REQUESTED,
    DossierStatus.FINISHED,
}


def max_upload_bytes() -> int:
    return int(getattr(settings, "MOTCUA_MAX_UPLOAD_BYTES", DEFAULT_MAX_UPLOAD_BYTES))


def _inspect(upload: File) -> tuple[str, str, int, str]:  # type: ignore[type-arg]
    """Read the whole file once: (content type, extension, size, SHA-256); reject before storing."""
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
            raise UploadRejectedError(errors={"file": [f"larger than {limit} bytes"]})
        digest.update(chunk)
    if size == 0:
        raise UploadRejectedError(errors={"file": ["empty"]})
    detected = detect_type(head)
    if detected is None:
        raise UploadRejectedError(errors={"file": ["only PDF, PNG, JPEG or TIFF files"]})
    upload.seek(0)
    return detected[0], detected[1], size, digest.hexdigest()


def _ensure_required_document_of(dossier: Dossier, required_document_id: int | None) -> None:
    if (
        required_document_id is not None
        and not RequiredDocument.objects.filter(
            pk=required_document_id, version_id=dossier.procedure_version_id
        ).exists()
    ):
        raise UploadRejectedError(
            errors={"required_document": ["not a document of this procedure"]}
        )


def _document_record(
    *,
    dossier: Dossier,
    actor: Actor,
    kind: str,
    required_document_id: int | None,
    file_name: str,
    original_name: str,
    sha256: str,
    size: int,
    content_type: str,
    event_extra: dict[str, object] | None = None,
) -> DossierDocument:
    """Create the document row, bump the dossier's version and write its one event."""
    document = DossierDocument.objects.create(
        dossier=dossier,
        kind=kind,
        required_document_id=required_document_id,
        file=file_name,
        original_name=original_name,
        sha256=sha256,
        size=size,
        content_type=content_type,
        uploaded_by_id=actor.pk,
    )
    dossier.version += 1
    dossier.save(update_fields=["version", "updated_at"])
    dossier_event_record(
        dossier=dossier,
        action="document_added",
        actor=actor,
        occurred_at=timezone.now(),
        from_status=dossier.status,
        data={
            "document": document.pk,
            "kind": kind,
            "required_document": required_document_id,
            "sha256": sha256,
            "size": size,
            "content_type": content_type,
            **(event_extra or {}),
        },
    )
    return document


def dossier_document_add(
    *,
    dossier_id: int,
    actor: Actor,
    upload: File,  # type: ignore[type-arg]
    name: str,
    required_document_id: int | None = None,
    kind: str = DocumentKind.SUBMITTED,
) -> DossierDocument:
    """Store a file of a dossier and record it (one event); a rejected file stores nothing."""
    content_type, extension, size, sha256 = _inspect(upload)
    stored_name = ""
    try:
        with transaction.atomic():
            dossier = dossier_qs_for_update().get(pk=dossier_id)
            relations = ensure_may_upload(actor, dossier)
            official = relations & {Relation.RECEPTION, Relation.ASSIGNEE, Relation.LEADER}
            allowed = _OFFICIAL_STATUSES if official else _APPLICANT_STATUSES
            if dossier.status_enum not in allowed or (kind == DocumentKind.RESULT and not official):
                raise PermissionDeniedError(action="upload")
            if kind not in DocumentKind.values:
                raise UploadRejectedError(errors={"kind": [f"one of {DocumentKind.values}"]})
            _ensure_required_document_of(dossier, required_document_id)
            # The stored name is generated: nothing of the client's name reaches the storage.
            stored_name = default_storage.save(
                f"dossiers/{dossier.pk}/{uuid.uuid4().hex}.{extension}", upload
            )
            document = _document_record(
                dossier=dossier,
                actor=actor,
                kind=kind,
                required_document_id=required_document_id,
                file_name=stored_name,
                original_name=display_name(name),
                sha256=sha256,
                size=size,
                content_type=content_type,
            )
    except BaseException:
        if stored_name:
            default_storage.delete(stored_name)
        raise
    return document


@transaction.atomic
def dossier_document_reuse(
    *,
    dossier_id: int,
    actor: Actor,
    source_document_id: int,
    required_document_id: int | None,
    kind: str = DocumentKind.SUBMITTED,
) -> DossierDocument:
    """Submit once (R17): add the applicant's earlier document to a dossier by reference.

    The new row points at the same stored file with the same SHA-256; nothing is copied.
    """
    dossier = dossier_qs_for_update().get(pk=dossier_id)
    relations = ensure_may_upload(actor, dossier)
    if Relation.APPLICANT not in relations or dossier.status_enum not in _APPLICANT_STATUSES:
        raise PermissionDeniedError(action="upload")
    source = DossierDocument.objects.filter(
        pk=source_document_id, dossier__applicant_user_id=actor.pk
    ).first()
    if source is None:
        raise UploadRejectedError(errors={"document": ["not an earlier document of yours"]})
    _ensure_required_document_of(dossier, required_document_id)
    return _document_record(
        dossier=dossier,
        actor=actor,
        kind=kind,
        required_document_id=required_document_id,
        file_name=source.file.name,
        original_name=source.original_name,
        sha256=source.sha256,
        size=source.size,
        content_type=source.content_type,
        event_extra={"reused_from": source.pk},
    )
