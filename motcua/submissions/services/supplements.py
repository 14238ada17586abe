"""Handing in a requested supplement (nộp bổ sung) from the portal: files, then the transition."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.files.base import File
from django.db import transaction
from django.utils.translation import gettext as _

from motcua.dossiers.models import DocumentKind, Dossier
from motcua.dossiers.services.documents import dossier_document_add
from motcua.dossiers.services.permissions import Actor
from motcua.dossiers.services.transitions import dossier_submit_supplement
from motcua.submissions.exceptions import DraftIncompleteError, FileRejectedError
from motcua.submissions.selectors import supplement_requested
from motcua.submissions.services.drafts import inspect_upload
from motcua.submissions.services.reuse import dossier_document_reuse


@dataclass(frozen=True, slots=True)
class SupplementFile:
    """The file for one requested item: an upload, or an earlier document reused."""

    index: int  # position in the request's list of missing documents
    upload: File | None = None  # type: ignore[type-arg]
    name: str = ""
    reuse_document_id: int | None = None


@transaction.atomic
def supplement_submit(
    *, dossier: Dossier, actor: Actor, files: list[SupplementFile], note: str, now: dt.datetime
) -> Dossier:
    """Attach a file for every requested document, then hand the supplement in (one event each).

    Only the requested documents are accepted; a missing one is reported next to its field.
    """
    request = supplement_requested(dossier=dossier)
    by_index = {f.index: f for f in files if f.upload is not None or f.reuse_document_id}
    errors: dict[str, list[str]] = {}
    for item in request:
        if item.index not in by_index:
            errors[f"supp_{item.index}"] = [_("Attach the requested document.")]
    for chosen in by_index.values():
        if chosen.upload is not None:
            try:
                inspect_upload(chosen.upload, f"supp_{chosen.index}")
            except FileRejectedError as exc:
                errors.update(exc.errors)
    if errors or not request:
        raise DraftIncompleteError(errors=errors or {"supp": [_("No supplement is requested.")]})
    for item in request:
        chosen = by_index[item.index]
        required_id = item.required_document.pk if item.required_document else None
        if chosen.reuse_document_id is not None:
            dossier_document_reuse(
                dossier_id=dossier.pk,
                actor=actor,
                source_document_id=chosen.reuse_document_id,
                required_document_id=required_id,
                kind=DocumentKind.SUPPLEMENT,
            )
        else:
            assert chosen.upload is not None  # noqa: S101 - by_index holds files or reuses
            dossier_document_add(
                dossier_id=dossier.pk,
                actor=actor,
                upload=chosen.upload,
                name=chosen.name,
                required_document_id=required_id,
                kind=DocumentKind.SUPPLEMENT,
            )
    return dossier_submit_supplement(dossier_id=dossier.pk, actor=actor, note=note, now=now)
