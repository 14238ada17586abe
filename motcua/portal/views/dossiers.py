"""My dossiers (hồ sơ của tôi): list, one dossier, receipt, files, supplement, withdraw, rating."""

from __future__ import annotations

from typing import Any

import segno
from django.contrib import messages
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from motcua.core.errors import DomainError, ValidationFailedError
from motcua.dossiers.exceptions import DossierNotFoundError
from motcua.dossiers.lifecycle import DossierStatus, Transition, sources_of
from motcua.dossiers.models import DocumentKind, Dossier
from motcua.dossiers.selectors import dossier_document_get, dossier_documents, dossier_events
from motcua.dossiers.services.documents import max_upload_bytes
from motcua.dossiers.services.transitions import dossier_withdraw
from motcua.evaluation.selectors import rated_dossier_ids, rating_get
from motcua.evaluation.services.ratings import rating_allowed, rating_submit
from motcua.official_forms.kinds import FormKind
from motcua.official_forms.services.rendering import form_render
from motcua.portal import forms
from motcua.portal.web import citizen, citizen_required, summary_of
from motcua.portal.wording import (
    ACTION_STATUSES,
    event_text,
    next_step,
    status_label,
)
from motcua.submissions import selectors
from motcua.submissions.services.supplements import SupplementFile, supplement_submit
from motcua.worktime.explanation import Fact, render_all


def _dossier(request: HttpRequest, code: str) -> Dossier:
    try:
        return selectors.dossier_get_for_applicant(code=code, user=citizen(request))
    except DossierNotFoundError as exc:
        raise Http404 from exc


def lookup_url(request: HttpRequest, code: str) -> str:
    return request.build_absolute_uri(reverse("portal:lookup-code", args=[code]))


def qr_svg(text: str, title: str) -> str:
    """An inline SVG QR code (no image request, a few KB)."""
    return str(segno.make(text, error="m").svg_inline(scale=3, title=title, border=2))


def due_lines(dossier: Dossier) -> tuple[Any, list[str]]:
    """The due date (set, or expected if received now) and its explanation in words."""
    language = translation.get_language() or "vi"
    language = "en" if language.startswith("en") else "vi"
    if dossier.due_at is not None:
        facts = [Fact.from_dict(f) for f in dossier.due_explanation if f.get("kind") != "no_limit"]
        return dossier.due_at, render_all(facts, language)
    expected = selectors.expected_due(dossier=dossier)
    if expected is None:
        return None, []
    return expected.due_at, render_all(expected.facts, language)


@citizen_required
def my_dossiers_view(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.dossiers_of_applicant(user=citizen(request)), 20).get_page(
        request.GET.get("page")
    )
    dossiers = list(page.object_list)
    rated = rated_dossier_ids(user_id=citizen(request).pk, dossier_ids=[d.pk for d in dossiers])
    rows = [
        {
            "dossier": d,
            "status": status_label(d.status),
            "next_step": ""
            if d.pk in rated and d.status == DossierStatus.RESULT_RETURNED
            else next_step(d.status),
            "needs_action": d.status in ACTION_STATUSES,
        }
        for d in dossiers
    ]
    return render(
        request,
        "portal/my_dossiers.html",
        {"rows": rows, "page": page, "drafts": selectors.drafts_of_user(user=citizen(request))},
    )


def _history(dossier: Dossier) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    for event in dossier_events(dossier=dossier):
        text = event_text(event.action, event.data)
        if items and items[-1]["text"] == text:
            continue
        items.append({"at": event.occurred_at, "text": text})
    return items


def detail_context(request: HttpRequest, dossier: Dossier) -> dict[str, Any]:
    due_at, explanation = due_lines(dossier)
    documents = list(dossier_documents(dossier=dossier))
    return {
        "dossier": dossier,
        "status": status_label(dossier.status),
        "next_step": next_step(dossier.status),
        "due_at": due_at,
        "due_is_expected": dossier.due_at is None and due_at is not None,
        "explanation": explanation,
        "history": _history(dossier),
        "submitted": [d for d in documents if d.kind != DocumentKind.RESULT],
        "results": [d for d in documents if d.kind == DocumentKind.RESULT],
    }


@citizen_required
def dossier_detail_view(request: HttpRequest, code: str) -> HttpResponse:
    dossier = _dossier(request, code)
    return _detail_page(request, dossier)


def _detail_page(
    request: HttpRequest,
    dossier: Dossier,
    *,
    supplement_errors: dict[str, list[str]] | None = None,
    rating_form: forms.RatingForm | None = None,
    status: int = 200,
) -> HttpResponse:
    context = detail_context(request, dossier)
    requested = selectors.supplement_requested(dossier=dossier)
    already_rated = rating_get(dossier_id=dossier.pk, user_id=citizen(request).pk) is not None
    supplement_errors = supplement_errors or {}
    reusable: dict[int, list[selectors.Reusable]] = {}
    matched = [r.required_document for r in requested if r.required_document is not None]
    if matched:
        reusable = selectors.reusable_documents(user=citizen(request), documents=matched)
    rating_form = rating_form or forms.RatingForm()
    summary = [
        {"field_id": f"id_{name}", "message": message}
        for name, problems in supplement_errors.items()
        for message in problems
    ] + [{"field_id": s.field_id, "message": s.message} for s in summary_of(rating_form)]
    context |= {
        "requested": [
            {
                "item": r,
                "errors": supplement_errors.get(f"supp_{r.index}", []),
                "reusable": reusable.get(r.required_document.pk, []) if r.required_document else [],
            }
            for r in requested
        ],
        "supplement_reason": selectors.supplement_reason(dossier=dossier) if requested else "",
        "can_withdraw": dossier.status_enum in sources_of(Transition.WITHDRAW),
        "can_rate": rating_allowed(dossier_status=dossier.status, already_rated=already_rated),
        "already_rated": already_rated,
        "rating_form": rating_form,
        "summary": summary,
        "receipt_url": reverse("portal:receipt", args=[dossier.code]),
        "max_bytes": max_upload_bytes(),
    }
    return render(request, "portal/dossier_detail.html", context, status=status)


@citizen_required
def receipt_view(request: HttpRequest, code: str) -> HttpResponse:
    """The receipt of an online submission: code, QR code to the lookup, expected due date."""
    dossier = _dossier(request, code)
    due_at, explanation = due_lines(dossier)
    url = lookup_url(request, dossier.code)
    return render(
        request,
        "portal/receipt.html",
        {
            "dossier": dossier,
            "status": status_label(dossier.status),
            "due_at": due_at,
            "due_is_expected": dossier.due_at is None and due_at is not None,
            "explanation": explanation,
            "lookup_url": url,
            "qr": qr_svg(url, _("QR code: look up dossier %(code)s") % {"code": dossier.code}),
            "documents": list(dossier_documents(dossier=dossier)),
        },
    )


@citizen_required
def receipt_pdf_view(request: HttpRequest, code: str) -> HttpResponse:
    """The receipt as the official form (Mẫu 01), rendered by ``official_forms``."""
    dossier = _dossier(request, code)
    pdf = form_render(form=FormKind.RECEIPT, dossier_id=dossier.pk, fmt="pdf")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="bien-nhan-{dossier.code}.pdf"'
    return response


@citizen_required
def document_download_view(request: HttpRequest, code: str, document_id: int) -> HttpResponse:
    """One file of the user's own dossier; anyone else's is not found (no file URL is public)."""
    dossier = _dossier(request, code)
    try:
        document = dossier_document_get(dossier=dossier, document_id=document_id)
    except DossierNotFoundError as exc:
        raise Http404 from exc
    handle = default_storage.open(document.file.name, "rb")
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=document.original_name,
        content_type=document.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response  # type: ignore[return-value] # FileResponse streams; Django types it apart


@citizen_required
@require_POST
def supplement_view(request: HttpRequest, code: str) -> HttpResponse:
    """Hand in the requested documents (only those), then the dossier goes back to the agency."""
    dossier = _dossier(request, code)
    files = []
    for item in selectors.supplement_requested(dossier=dossier):
        upload = request.FILES.get(f"supp_{item.index}")
        reuse = request.POST.get(f"reuse_supp_{item.index}", "")
        files.append(
            SupplementFile(
                index=item.index,
                upload=upload,
                name=(upload.name or "file") if upload else "",
                reuse_document_id=int(reuse) if reuse.isdigit() and upload is None else None,
            )
        )
    try:
        supplement_submit(
            dossier=dossier,
            actor=citizen(request),
            files=files,
            note=request.POST.get("note", "")[:2000],
            now=timezone.now(),
        )
    except ValidationFailedError as exc:
        return _detail_page(request, dossier, supplement_errors=exc.errors, status=400)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("portal:dossier", code=code)
    messages.success(request, _("Thank you: the requested documents were handed in."))
    return redirect("portal:dossier", code=code)


@citizen_required
def withdraw_view(request: HttpRequest, code: str) -> HttpResponse:
    """Ask to withdraw the dossier (rút hồ sơ), after a confirmation page."""
    dossier = _dossier(request, code)
    form = forms.WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            dossier_withdraw(
                dossier_id=dossier.pk,
                actor=citizen(request),
                reason=form.cleaned_data["reason"],
                now=timezone.now(),
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Your dossier was withdrawn."))
        return redirect("portal:dossier", code=code)
    return render(
        request,
        "portal/withdraw.html",
        {"dossier": dossier, "form": form, "summary": summary_of(form)},
    )


@citizen_required
@require_POST
def rate_view(request: HttpRequest, code: str) -> HttpResponse:
    dossier = _dossier(request, code)
    form = forms.RatingForm(request.POST)
    if not form.is_valid():
        return _detail_page(request, dossier, rating_form=form, status=400)
    try:
        rating_submit(
            dossier_id=dossier.pk,
            actor=citizen(request),
            level=form.cleaned_data["level"],
            comment=form.cleaned_data["comment"],
            now=timezone.now(),
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Thank you for rating our service."))
    return redirect("portal:dossier", code=code)
