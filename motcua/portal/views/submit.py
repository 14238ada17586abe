"""Submitting online (nộp hồ sơ trực tuyến): start a draft, fill it in, review, submit."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from motcua.catalog.models import RequiredDocument
from motcua.core.errors import ValidationFailedError
from motcua.dossiers.services.documents import max_upload_bytes
from motcua.portal.web import SummaryItem, citizen, citizen_required
from motcua.submissions import selectors
from motcua.submissions.exceptions import DraftNotFoundError
from motcua.submissions.models import DraftDocument, SubmissionDraft
from motcua.submissions.services import drafts

APPLICANT_FIELDS = (
    "applicant_name",
    "applicant_identity_number",
    "applicant_phone",
    "applicant_email",
    "applicant_address",
)


@dataclass
class DocumentRow:
    """One required document on the form: what is attached, what can be reused, its error."""

    document: RequiredDocument
    optional: bool
    attached: DraftDocument | None
    reusable: list[selectors.Reusable]
    errors: list[str]

    @property
    def field_id(self) -> str:
        return f"id_doc_{self.document.pk}"


@citizen_required
def submit_start_view(request: HttpRequest, code: str) -> HttpResponse:
    """From a procedure page: the user's open drafts of it, or a new one."""
    version = selectors.procedure_version_current(code=code, on=timezone.localdate())
    if version is None:
        raise Http404
    existing = [
        d
        for d in selectors.drafts_of_user(user=citizen(request))
        if d.procedure_version.procedure_id == version.procedure_id
    ]
    if request.method == "POST" or not existing:
        draft = drafts.draft_start(user=citizen(request), version=version)
        return redirect("portal:draft-edit", draft_id=draft.pk)
    return render(request, "portal/submit_start.html", {"version": version, "drafts": existing})


def _draft(request: HttpRequest, draft_id: int) -> SubmissionDraft:
    try:
        return selectors.draft_get_for_user(draft_id=draft_id, user=citizen(request))
    except DraftNotFoundError as exc:
        raise Http404 from exc


def _fields_from_post(request: HttpRequest, schema: list[dict[str, Any]]) -> drafts.DraftFields:
    post = request.POST
    unit = post.get("receiving_unit", "")
    form_data: dict[str, Any] = {}
    for field in schema:
        name = str(field.get("name", ""))
        value = post.get(f"form_{name}", "").strip()
        if field.get("type") == "integer" and value.lstrip("-").isdigit():
            form_data[name] = int(value)
        elif field.get("type") == "boolean":
            form_data[name] = post.get(f"form_{name}") == "on"
        elif value:
            form_data[name] = value
    return drafts.DraftFields(
        receiving_unit_id=int(unit) if unit.isdigit() else None,
        case=post.get("case", ""),
        form_data=form_data,
        **{name: post.get(name, "") for name in APPLICANT_FIELDS},
    )


def _document_rows(
    draft: SubmissionDraft, errors: dict[str, list[str]], user: Any
) -> tuple[list[DocumentRow], list[str]]:
    documents = selectors.required_documents(version_id=draft.procedure_version_id)
    cases = selectors.cases_of(documents)
    shown = selectors.documents_for_case(documents, draft.case) if draft.case else documents
    attached = {d.required_document_id: d for d in DraftDocument.objects.filter(draft=draft)}
    reusable = selectors.reusable_documents(user=user, documents=shown)
    rows = [
        DocumentRow(
            document=d,
            optional=selectors.is_optional(d),
            attached=attached.get(d.pk),
            reusable=reusable.get(d.pk, []),
            errors=errors.get(f"doc_{d.pk}", []),
        )
        for d in shown
    ]
    return rows, cases


def _summary(errors: dict[str, list[str]], rows: list[DocumentRow]) -> list[SummaryItem]:
    names = {f"doc_{r.document.pk}": r.document.name for r in rows}
    items = []
    for name, messages_ in errors.items():
        for message in messages_:
            label = names.get(name)
            text = f"{label[:80]}: {message}" if label else message
            items.append(SummaryItem(f"id_{name}", text))
    return items


def _edit_page(
    request: HttpRequest, draft: SubmissionDraft, errors: dict[str, list[str]], status: int = 200
) -> HttpResponse:
    rows, cases = _document_rows(draft, errors, citizen(request))
    schema = draft.procedure_version.extra.get("form_schema", [])
    return render(
        request,
        "portal/draft_edit.html",
        {
            "draft": draft,
            "version": draft.procedure_version,
            "units": selectors.reception_units_for(version=draft.procedure_version),
            "cases": cases,
            "rows": rows,
            "schema": [{**f, "value": draft.form_data.get(str(f.get("name")), "")} for f in schema],
            "errors": errors,
            "summary": _summary(errors, rows),
            "max_mb": max_upload_bytes() // (1024 * 1024),
            "max_bytes": max_upload_bytes(),
        },
        status=status,
    )


def _apply_files(request: HttpRequest, draft: SubmissionDraft) -> dict[str, list[str]]:
    """Store each chosen file or reuse; return the file errors by field."""
    errors: dict[str, list[str]] = {}
    attached = dict(
        DraftDocument.objects.filter(draft=draft).values_list(
            "required_document_id", "reused_from_id"
        )
    )
    for document in selectors.required_documents(version_id=draft.procedure_version_id):
        key = f"doc_{document.pk}"
        try:
            upload = request.FILES.get(key)
            if upload is not None:
                drafts.draft_document_upload(
                    draft=draft,
                    required_document_id=document.pk,
                    upload=upload,
                    name=upload.name or "file",
                )
            elif request.POST.get(f"remove_{document.pk}") == "1":
                drafts.draft_document_remove(draft=draft, required_document_id=document.pk)
            elif request.POST.get(f"reuse_{document.pk}", "").isdigit():
                source_id = int(request.POST[f"reuse_{document.pk}"])
                if attached.get(document.pk) != source_id:
                    drafts.draft_document_reuse(
                        draft=draft, required_document_id=document.pk, source_document_id=source_id
                    )
        except ValidationFailedError as exc:
            for name, problems in exc.errors.items():
                errors.setdefault(name, []).extend(problems)
    return errors


@citizen_required
def draft_edit_view(request: HttpRequest, draft_id: int) -> HttpResponse:
    """The submission form: applicant, where to submit, fields and a file per document."""
    draft = _draft(request, draft_id)
    if request.method != "POST":
        return _edit_page(request, draft, {})
    schema = draft.procedure_version.extra.get("form_schema", [])
    drafts.draft_update(draft=draft, fields=_fields_from_post(request, schema))
    errors = _apply_files(request, draft)
    if errors:
        return _edit_page(request, draft, errors, status=400)
    if "review" in request.POST:
        problems = drafts.draft_errors(draft=draft)
        if problems:
            return _edit_page(request, draft, problems, status=400)
        return redirect("portal:draft-review", draft_id=draft.pk)
    messages.success(
        request, _("Your draft was saved. You can continue it later from My dossiers.")
    )
    return redirect("portal:draft-edit", draft_id=draft.pk)


@citizen_required
def draft_review_view(request: HttpRequest, draft_id: int) -> HttpResponse:
    """Everything the citizen is about to submit, with one button to submit it."""
    draft = _draft(request, draft_id)
    problems = drafts.draft_errors(draft=draft)
    if problems:
        return _edit_page(request, draft, problems, status=400)
    if request.method == "POST":
        try:
            dossier = drafts.draft_submit(draft=draft, actor=citizen(request), now=timezone.now())
        except ValidationFailedError as exc:
            return _edit_page(request, draft, exc.errors, status=400)
        return redirect("portal:receipt", code=dossier.code)
    rows, _cases = _document_rows(draft, {}, citizen(request))
    return render(
        request,
        "portal/draft_review.html",
        {"draft": draft, "version": draft.procedure_version, "rows": rows},
    )


@citizen_required
@require_POST
def draft_delete_view(request: HttpRequest, draft_id: int) -> HttpResponse:
    draft = _draft(request, draft_id)
    drafts.draft_delete(draft=draft)
    messages.info(request, _("The draft was deleted."))
    return redirect("portal:my-dossiers")
