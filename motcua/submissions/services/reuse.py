"""Submit once (R17): an earlier document of the same applicant joins a new dossier by reference.

The new ``DossierDocument`` points at the same stored file with the same SHA-256, so nothing is
copied. This is a thin companion of ``dossiers.services.documents.dossier_document_add``: the
same lock, permission and status checks, and one ``document_added`` event through the dossier
event service.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from motcua.catalog.models import RequiredDocument
from motcua.dossiers.exceptions import PermissionDeniedError, UploadRejectedError
from motcua.dossiers.lifecycle import DossierStatus
from motcua.dossiers.locks import dossier_qs_for_update
from motcua.dossiers.models import DocumentKind, DossierDocument
from motcua.dossiers.services.events import dossier_event_record
from motcua.dossiers.services.permissions import Actor, Relation, ensure_may_upload

_APPLICANT_STATUSES = {DossierStatus.NEW, DossierStatus.SUPPLEMENT_REQUESTED}


@transaction.atomic
def dossier_document_reuse(
    *,
    dossier_id: int,
    actor: Actor,
    source_document_id: int,
    required_document_id: int | None,
    kind: str = DocumentKind.SUBMITTED,
) -> DossierDocument:
    """Add the applicant's earlier document ``source_document_id`` to a dossier by reference."""
    dossier = dossier_qs_for_update().get(pk=dossier_id)
    relations = ensure_may_upload(actor, dossier)
    if Relation.APPLICANT not in relations or dossier.status_enum not in _APPLICANT_STATUSES:
        raise PermissionDeniedError(action="upload")
    source = DossierDocument.objects.filter(
        pk=source_document_id, dossier__applicant_user_id=actor.pk
    ).first()
    if source is None:
        raise UploadRejectedError(errors={"document": ["not an earlier document of yours"]})
    if (
        required_document_id is not None
        and not RequiredDocument.objects.filter(
            pk=required_document_id, version_id=dossier.procedure_version_id
        ).exists()
    ):
        raise UploadRejectedError(
            errors={"required_document": ["not a document of this procedure"]}
        )
    document = DossierDocument.objects.create(
        dossier=dossier,
        kind=kind,
        required_document_id=required_document_id,
        file=source.file.name,
        original_name=source.original_name,
        sha256=source.sha256,
        size=source.size,
        content_type=source.content_type,
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
            "sha256": source.sha256,
            "size": source.size,
            "content_type": source.content_type,
            "reused_from": source.pk,
        },
    )
    return document
