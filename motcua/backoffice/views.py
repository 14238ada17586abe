"""The officials' pages: work queues, counter reception, the dossier page, forms, consultations.

Each view parses input, calls one service or selector, and renders (STYLE.md §1). Domain errors
are shown as messages; the dossiers' services check every permission and status again.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.conf import settings
from django.contrib import messages
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    JsonResponse,
)
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from motcua.backoffice import forms as f
from motcua.backoffice.access import official_required, seat
from motcua.backoffice.selectors import (
    Queue,
    QueueFilters,
    applicant_last_known,
    assignable_officials,
    consultation_get_for_official,
    consultations_for,
    dossier_get_for_official,
    procedures_for_agency,
    queue_page,
    reception_units,
)
from motcua.backoffice.wording import (
    ACTION_LABELS,
    QUEUE_LABELS,
    REASON_REQUIRED,
    STATUS_LABELS,
    event_label,
    status_label,
)
from motcua.catalog.models import RequiredDocument
from motcua.core.errors import DomainError
from motcua.dossiers.exceptions import DossierNotFoundError
from motcua.dossiers.lifecycle import Transition, allowed_transitions
from motcua.dossiers.models import DocumentKind, Dossier, DossierPause
from motcua.dossiers.selectors import dossier_document_get, dossier_documents, dossier_events
from motcua.dossiers.services import transitions as t
from motcua.dossiers.services.documents import dossier_document_add
from motcua.dossiers.services.permissions import TRANSITION_RELATIONS, Relation
from motcua.official_forms.kinds import FormKind
from motcua.official_forms.services import (
    CounterDraft,
    counter_slip_render,
    form_render,
    tracking_book_render,
)
from motcua.organizations.models import Unit
from motcua.processes.models import LateNotice
from motcua.processes.selectors import (
    consultation_answers,
    dossier_open_step,
    dossier_steps,
    late_notices_for,
    step_candidates,
)
from motcua.processes.services.late import late_apology_send
from motcua.processes.services.steps import (
    consultation_answer,
    dossier_step_advance,
    dossier_step_finish,
)
from motcua.worktime.explanation import Fact, render_all


def due_soon_hours(request: HttpRequest) -> int:
    """The "due soon" window in working hours: ?hours=…, else MOTCUA_DUE_SOON_WORKING_HOURS (8)."""
    default = int(getattr(settings, "MOTCUA_DUE_SOON_WORKING_HOURS", 8))
    try:
        return max(1, min(int(request.GET.get("hours", default)), 400))
    except ValueError:
        return default


# --- queues --------------------------------------------------------------------------------------


@require_GET
@official_required
def queue_view(request: HttpRequest) -> HttpResponse:
    me = seat(request)
    try:
        queue = Queue(request.GET.get("queue", Queue.MINE))
    except ValueError:
        queue = Queue.MINE
    status_text = request.GET.get("status", "")
    filters = QueueFilters(
        procedure=request.GET.get("procedure", "").strip(),
        status=int(status_text) if status_text.isdigit() else None,
        text=request.GET.get("q", "").strip(),
    )
    hours = due_soon_hours(request)
    now = timezone.now()
    page = queue_page(seat=me, queue=queue, filters=filters, now=now, due_soon_hours=hours)
    can_assign = bool(me.overseen_agency_ids)
    return render(
        request,
        "backoffice/queue.html",
        {
            "queue": queue,
            "queues": [(q, QUEUE_LABELS[q], page.counts[q]) for q in Queue],
            "page": page,
            "rows": [
                {
                    "dossier": d,
                    "status": status_label(d.status),
                    "is_overdue": d.due_at is not None and d.due_at < now and d.status in (2, 4, 6),
                }
                for d in page.dossiers
            ],
            "filters": filters,
            "statuses": [(s.value, label) for s, label in STATUS_LABELS.items()],
            "hours": hours,
            "can_assign": can_assign,
            "officials": assignable_officials(agency_ids=me.overseen_agency_ids)
            if can_assign
            else [],
            "late_notices": list(late_notices_for(user_id=me.user_id)[:20]),
            "consultation_count": consultations_for(seat=me).count(),
        },
    )


@require_POST
@official_required
def bulk_assign_view(request: HttpRequest) -> HttpResponse:
    """Assign several dossiers at once: through their process' first step, else directly."""
    assignee = request.POST.get("assignee", "")
    ids = [int(x) for x in request.POST.getlist("dossier") if x.isdigit()]
    if not assignee.isdigit() or not ids:
        messages.error(request, _("Choose the dossiers and the official."))
        return redirect(request.POST.get("next") or reverse("backoffice:queue"))
    done, failed = 0, []
    for dossier_id in ids:
        try:
            try:
                dossier_step_advance(
                    dossier_id=dossier_id, actor=request.user, assignee_id=int(assignee)
                )
            except DomainError as error:
                if getattr(error, "code", "") != "no_process":
                    raise
                t.dossier_assign(
                    dossier_id=dossier_id, actor=request.user, assignee_id=int(assignee)
                )
            done += 1
        except (DomainError, Dossier.DoesNotExist) as error:
            code = Dossier.objects.filter(pk=dossier_id).values_list("code", flat=True).first()
            failed.append(f"{code or dossier_id}: {getattr(error, 'message', error)}")
    if done:
        messages.success(request, _("%(count)s dossier(s) assigned.") % {"count": done})
    for line in failed:
        messages.error(request, line)
    return redirect(request.POST.get("next") or reverse("backoffice:queue"))


# --- counter reception ---------------------------------------------------------------------------


def _reception_context(request: HttpRequest, data: dict[str, Any] | None) -> dict[str, Any]:
    me = seat(request)
    units = reception_units(seat=me)
    unit = units[0] if units else None
    today = timezone.localdate()
    procedures = list(procedures_for_agency(agency_id=unit.agency_id, on=today)) if unit else []
    chosen_id = (data or {}).get("procedure") or request.GET.get("procedure", "")
    chosen = next((p for p in procedures if str(p.pk) == str(chosen_id)), None)
    documents = (
        list(RequiredDocument.objects.filter(version=chosen).order_by("position", "id"))
        if chosen
        else []
    )
    initial: dict[str, Any] = {}
    identity = request.GET.get("identity", "").strip()
    if identity and unit is not None:
        known = applicant_last_known(identity_number=identity, agency_ids=me.agency_ids)
        if known is not None:
            initial = {
                "kind": known.kind,
                "identity_number": known.identity_number,
                "name": known.name,
                "phone": known.phone,
                "email": known.email,
                "address": known.address,
            }
        else:
            initial = {"identity_number": identity}
    schema = list(chosen.extra.get("form_schema", [])) if chosen else []
    return {
        "unit": unit,
        "procedures": procedures,
        "chosen": chosen,
        "schema": [
            {**field, "value": (data or {}).get(f"form-{field.get('name')}", "")}
            for field in schema
            if isinstance(field, dict) and field.get("name")
        ],
        "documents": documents,
        "applicant_form": f.ApplicantForm(data, initial=initial)
        if data
        else f.ApplicantForm(initial=initial),
        "checked": {int(x) for x in (data or {}).getlist("document")} if data else set(),  # type: ignore[attr-defined]
    }


@official_required
def reception_view(request: HttpRequest) -> HttpResponse:
    """One screen: procedure, applicant, checklist with scans; receive, incomplete or refuse."""
    if request.method != "POST":
        return render(request, "backoffice/reception.html", _reception_context(request, None))
    context = _reception_context(request, request.POST)
    unit, chosen, form = context["unit"], context["chosen"], context["applicant_form"]
    decision = request.POST.get("decision", "receive")
    if unit is None or chosen is None or not form.is_valid():
        if chosen is None:
            messages.error(request, _("Choose the procedure."))
        return render(request, "backoffice/reception.html", context, status=400)
    documents = context["documents"]
    checked = [d.pk for d in documents if d.pk in context["checked"]]
    applicant = t.ApplicantInput(**form.cleaned_data)
    now = timezone.now()
    if decision in ("incomplete", "refuse"):
        missing = [d.name for d in documents if d.pk not in checked]
        reason = request.POST.get("reason", "").strip()
        if not reason:
            messages.error(request, _("Write the reason: the law requires it."))
            return render(request, "backoffice/reception.html", context, status=400)
        draft = CounterDraft(
            agency_id=unit.agency_id,
            reception_unit_name=unit.name,
            procedure_code=chosen.procedure.code,
            procedure_name=chosen.name,
            applicant_name=applicant.name,
            applicant_identity_number=applicant.identity_number,
            applicant_address=applicant.address,
            applicant_phone=applicant.phone,
            applicant_email=applicant.email,
            reason=reason,
            missing=missing,
            signer=_official_name(request.user),
        )
        kind = FormKind.SUPPLEMENT_REQUEST if decision == "incomplete" else FormKind.REFUSAL
        html = counter_slip_render(form=kind, draft=draft, fmt="html", now=now)
        return HttpResponse(html)
    try:
        dossier = t.dossier_receive_at_counter(
            actor=request.user,
            procedure_version_id=chosen.pk,
            receiving_unit_id=unit.pk,
            applicant=applicant,
            form_data=_form_data(context["schema"], request.POST),
            checklist=checked,
            now=now,
        )
    except DomainError as error:
        messages.error(request, error.message)
        for field, problems in getattr(error, "errors", {}).items():
            for problem in problems:
                messages.error(request, f"{field}: {problem}")
        return render(request, "backoffice/reception.html", context, status=400)
    for document in documents:
        upload = request.FILES.get(f"file-{document.pk}")
        if upload is None:
            continue
        try:
            dossier_document_add(
                dossier_id=dossier.pk,
                actor=request.user,
                upload=upload,
                name=upload.name or document.name,
                required_document_id=document.pk,
            )
        except DomainError as error:
            messages.warning(request, f"{document.name}: {error.message}")
    messages.success(request, _("Dossier %(code)s received.") % {"code": dossier.code})
    return redirect("backoffice:print", code=dossier.code, kind=FormKind.RECEIPT.value)


def _form_data(schema: list[dict[str, Any]], post: Any) -> dict[str, Any]:
    """The procedure's form fields from the reception screen, typed as its schema says."""
    data: dict[str, Any] = {}
    for field in schema:
        name, kind = str(field["name"]), str(field.get("type", "string"))
        raw = post.get(f"form-{name}", "")
        if kind == "boolean":
            data[name] = raw == "on"
            continue
        if raw == "":
            continue
        try:
            data[name] = int(raw) if kind == "integer" else float(raw) if kind == "number" else raw
        except ValueError:
            data[name] = raw  # the service reports the wrong type
    return data


def _official_name(user: Any) -> str:
    return f"{user.last_name} {user.first_name}".strip() or user.get_username()


@require_GET
@official_required
def applicant_lookup_view(request: HttpRequest) -> JsonResponse:
    """The applicant's details from an earlier dossier of these agencies, by identity number."""
    known = applicant_last_known(
        identity_number=request.GET.get("identity", ""), agency_ids=seat(request).agency_ids
    )
    if known is None:
        return JsonResponse({"found": False})
    return JsonResponse(
        {
            "found": True,
            "kind": known.kind,
            "name": known.name,
            "identity_number": known.identity_number,
            "phone": known.phone,
            "email": known.email,
            "address": known.address,
        }
    )


# --- the dossier page ----------------------------------------------------------------------------


def _get(request: HttpRequest, code: str) -> tuple[Dossier, frozenset[Relation]]:
    try:
        return dossier_get_for_official(code=code, actor=request.user)
    except DossierNotFoundError as error:
        raise Http404(error.message) from error


def _allowed_actions(dossier: Dossier, relations: frozenset[Relation]) -> list[Transition]:
    offered = [
        tr
        for tr in allowed_transitions(dossier.status_enum)
        if tr in ACTION_LABELS and relations & TRANSITION_RELATIONS[tr]
    ]
    if dossier.supplement_count >= 1 and Transition.REQUEST_SUPPLEMENT in offered:
        offered.remove(Transition.REQUEST_SUPPLEMENT)  # only once (Decree 61 Art 15.3)
    if dossier.reappointment_count >= 1 and Transition.APOLOGIZE in offered:
        offered.remove(Transition.APOLOGIZE)
    if dossier.due_at is None and Transition.APOLOGIZE in offered:
        offered.remove(Transition.APOLOGIZE)
    return offered


def _action_form(
    action: Transition, dossier: Dossier, data: Any = None, *, next_choices: list[tuple[int, str]]
) -> Any:
    if action in (Transition.REFUSE, Transition.REJECT, Transition.STOP):
        return f.ReasonForm(data, prefix=action.value)
    if action == Transition.REQUEST_SUPPLEMENT:
        return f.SupplementForm(data, prefix=action.value)
    if action in (Transition.ASSIGN, Transition.FORWARD):
        return f.AssignForm(data, prefix=action.value, choices=next_choices)
    if action == Transition.CONSULT:
        units = Unit.objects.filter(agency_id=dossier.agency_id, is_active=True).exclude(
            pk=dossier.current_unit_id or 0
        )
        return f.ConsultForm(data, prefix=action.value, choices=[(u.pk, u.name) for u in units])
    if action == Transition.APOLOGIZE:
        notice = LateNotice.objects.filter(dossier=dossier).first()
        initial = {}
        if notice is not None and notice.proposed_due_at is not None:
            initial["new_due_at"] = timezone.localtime(notice.proposed_due_at).strftime(
                "%Y-%m-%dT%H:%M"
            )
        return f.ApologyForm(data, prefix=action.value, initial=initial)
    if action == Transition.REQUEST_PAYMENT:
        return f.PaymentRequestForm(data, prefix=action.value)
    if action == Transition.CONFIRM_PAYMENT:
        return f.PaymentConfirmForm(data, prefix=action.value)
    if action == Transition.FINISH:
        return f.FinishForm(data, prefix=action.value)
    if action == Transition.RETURN_RESULT:
        return f.ReturnForm(data, prefix=action.value)
    return f.ConfirmForm(data, prefix=action.value)


def _next_choices(dossier: Dossier) -> tuple[list[tuple[int, str]], str]:
    """The officials of the next step of the dossier's process (or of the agency), and its name."""
    steps = dossier_steps(dossier=dossier)
    upcoming = next((s for s in steps if s.record is None), None)
    if steps and upcoming is not None:
        return step_candidates(step=upcoming.step), upcoming.step.name
    return assignable_officials(agency_ids=frozenset({dossier.agency_id})), ""


def _forms_available(dossier: Dossier) -> list[tuple[FormKind, str]]:
    actions = set(dossier_events(dossier=dossier).values_list("action", flat=True))
    offered = []
    if dossier.received_at is not None:
        offered.append(FormKind.RECEIPT)
    if DossierPause.objects.filter(dossier=dossier).exists():
        offered.append(FormKind.SUPPLEMENT_REQUEST)
    if actions & {"refuse", "reject"}:
        offered.append(FormKind.REFUSAL)
    if "apologize" in actions:
        offered.append(FormKind.APOLOGY)
    if dossier.received_at is not None:
        offered.append(FormKind.CONTROL_SLIP)
    if "stop" in actions:
        offered.append(FormKind.STOP_NOTICE)
    return [(k, str(k.official_name)) for k in offered]


def _preview_kind(content_type: str) -> str:
    if content_type == "application/pdf":
        return "pdf"
    if content_type in ("image/png", "image/jpeg"):
        return "image"
    return ""


@official_required
def dossier_view(request: HttpRequest, code: str) -> HttpResponse:
    dossier, relations = _get(request, code)
    choices, next_step_name = _next_choices(dossier)
    actions = _allowed_actions(dossier, relations)
    events = list(dossier_events(dossier=dossier))
    documents = list(dossier_documents(dossier=dossier))
    notice = LateNotice.objects.filter(dossier=dossier).first()
    return render(
        request,
        "backoffice/dossier.html",
        {
            "dossier": dossier,
            "status": status_label(dossier.status),
            "documents": [(d, _preview_kind(d.content_type)) for d in documents],
            "form_data": sorted((str(k), v) for k, v in (dossier.form_data or {}).items()),
            "events": [(e, event_label(e.action)) for e in events],
            "explanation": render_all(
                [Fact.from_dict(x) for x in dossier.due_explanation if x.get("kind") != "no_limit"],
                "vi" if request.LANGUAGE_CODE == "vi" else "en",
            ),
            "steps": dossier_steps(dossier=dossier),
            "open_step": dossier_open_step(dossier_id=dossier.pk),
            "next_step_name": next_step_name,
            "actions": [
                (
                    a,
                    ACTION_LABELS[a],
                    _action_form(a, dossier, next_choices=choices),
                    a in REASON_REQUIRED,
                )
                for a in actions
            ],
            "forms": _forms_available(dossier),
            "document_kinds": DocumentKind.choices,
            "required_documents": RequiredDocument.objects.filter(
                version_id=dossier.procedure_version_id
            ).order_by("position", "id"),
            "may_upload": bool(relations & {Relation.RECEPTION, Relation.ASSIGNEE, Relation.LEADER})
            and not dossier.is_closed,
            "answers": list(consultation_answers(dossier=dossier)),
            "late_notice": notice,
            "now": timezone.now(),
        },
    )


def _perform(
    action: Transition, dossier: Dossier, form: Any, actor: Any, now: dt.datetime
) -> Dossier | None:
    """Call the one service of ``action`` with the form's cleaned data."""
    data = form.cleaned_data
    pk = dossier.pk
    if action == Transition.RECEIVE:
        checklist = list(
            RequiredDocument.objects.filter(version_id=dossier.procedure_version_id).values_list(
                "pk", flat=True
            )
        )
        return t.dossier_receive(dossier_id=pk, actor=actor, checklist=checklist, now=now)
    if action == Transition.REFUSE:
        return t.dossier_refuse(dossier_id=pk, actor=actor, reason=data["reason"], now=now)
    if action == Transition.REQUEST_SUPPLEMENT:
        return t.dossier_request_supplement(
            dossier_id=pk,
            actor=actor,
            reason=data["reason"],
            missing_documents=form.missing_list(),
            now=now,
        )
    if action == Transition.SUBMIT_SUPPLEMENT:
        return t.dossier_submit_supplement(dossier_id=pk, actor=actor, note=data["note"], now=now)
    if action in (Transition.ASSIGN, Transition.FORWARD):
        try:
            dossier_step_advance(dossier_id=pk, actor=actor, assignee_id=data["assignee"], now=now)
        except DomainError as error:
            if error.code != "no_process":
                raise
            service = t.dossier_assign if action == Transition.ASSIGN else t.dossier_forward
            service(dossier_id=pk, actor=actor, assignee_id=data["assignee"], now=now)
        return None
    if action == Transition.CONSULT:
        due = data["answer_due_at"]
        if timezone.is_naive(due):
            due = timezone.make_aware(due)
        return t.dossier_consult(
            dossier_id=pk,
            actor=actor,
            unit_id=data["unit"],
            answer_due_at=due,
            question=data["question"],
            now=now,
        )
    if action == Transition.APPROVE:
        return t.dossier_approve(dossier_id=pk, actor=actor, note=data["note"], now=now)
    if action == Transition.REJECT:
        return t.dossier_reject(dossier_id=pk, actor=actor, reason=data["reason"], now=now)
    if action == Transition.REQUEST_PAYMENT:
        return t.dossier_request_payment(
            dossier_id=pk,
            actor=actor,
            amount=data["amount"],
            description=data["description"],
            now=now,
        )
    if action == Transition.CONFIRM_PAYMENT:
        return t.dossier_confirm_payment(
            dossier_id=pk, actor=actor, reference=data["reference"], now=now
        )
    if action == Transition.STOP:
        return t.dossier_stop(dossier_id=pk, actor=actor, reason=data["reason"], now=now)
    if action == Transition.FINISH:
        return dossier_step_finish(
            dossier_id=pk, actor=actor, result={"documents": [data["result"]]}, now=now
        )
    if action == Transition.RETURN_RESULT:
        return t.dossier_return_result(
            dossier_id=pk, actor=actor, delivery=data["delivery"], now=now
        )
    if action == Transition.APOLOGIZE:
        due = data["new_due_at"]
        if timezone.is_naive(due):
            due = timezone.make_aware(due)
        return late_apology_send(
            dossier_id=pk, actor=actor, new_due_at=due, reason=data["reason"], now=now
        )
    raise Http404("unknown action")


_RESULT_FORM = {
    Transition.REFUSE: FormKind.REFUSAL,
    Transition.REJECT: FormKind.REFUSAL,
    Transition.REQUEST_SUPPLEMENT: FormKind.SUPPLEMENT_REQUEST,
    Transition.APOLOGIZE: FormKind.APOLOGY,
    Transition.STOP: FormKind.STOP_NOTICE,
    Transition.RECEIVE: FormKind.RECEIPT,
}


@require_POST
@official_required
def dossier_action_view(request: HttpRequest, code: str, action: str) -> HttpResponse:
    dossier, _relations = _get(request, code)
    try:
        transition = Transition(action)
    except ValueError as error:
        raise Http404("unknown action") from error
    if transition not in ACTION_LABELS:
        raise Http404("unknown action")
    choices, _name = _next_choices(dossier)
    form = _action_form(transition, dossier, request.POST, next_choices=choices)
    if not form.is_valid():
        for problems in form.errors.values():
            for problem in problems:
                messages.error(request, f"{ACTION_LABELS[transition]}: {problem}")
        return redirect("backoffice:dossier", code=code)
    try:
        _perform(transition, dossier, form, request.user, timezone.now())
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("backoffice:dossier", code=code)
    messages.success(request, _("Done: %(action)s.") % {"action": ACTION_LABELS[transition]})
    kind = _RESULT_FORM.get(transition)
    if kind is not None:
        return redirect("backoffice:print", code=code, kind=kind.value)
    return redirect("backoffice:dossier", code=code)


@require_GET
@official_required
def document_view(request: HttpRequest, code: str, document_id: int) -> HttpResponseBase:
    dossier, _relations = _get(request, code)
    try:
        document = dossier_document_get(dossier=dossier, document_id=document_id)
    except DossierNotFoundError as error:
        raise Http404(error.message) from error
    response = FileResponse(
        document.file.open("rb"),
        content_type=document.content_type,
        as_attachment=request.GET.get("download") == "1",
        filename=document.original_name,
    )
    # Only PDF and images are ever stored (type detected from the bytes); framed for the preview.
    response["X-Content-Type-Options"] = "nosniff"
    response["X-Frame-Options"] = "SAMEORIGIN"
    return response


@require_POST
@official_required
def document_upload_view(request: HttpRequest, code: str) -> HttpResponse:
    """Attach a scanned or received file: a submitted document, a supplement or the result."""
    dossier, _relations = _get(request, code)
    upload = request.FILES.get("file")
    kind = request.POST.get("kind", "")
    required = request.POST.get("required_document", "")
    if upload is None or kind not in DocumentKind.values:
        messages.error(request, _("Choose a file and what it is."))
        return redirect("backoffice:dossier", code=code)
    try:
        dossier_document_add(
            dossier_id=dossier.pk,
            actor=request.user,
            upload=upload,
            name=upload.name or "file",
            required_document_id=int(required) if required.isdigit() else None,
            kind=kind,
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("File attached."))
    return redirect("backoffice:dossier", code=code)


# --- forms ---------------------------------------------------------------------------------------


def _form_kind(kind: str) -> FormKind:
    try:
        form = FormKind(kind)
    except ValueError as error:
        raise Http404("unknown form") from error
    if form == FormKind.TRACKING_BOOK:
        raise Http404("unknown form")
    return form


@require_GET
@official_required
def dossier_form_view(request: HttpRequest, code: str, kind: str, fmt: str) -> HttpResponse:
    """A dossier's form as printable HTML or PDF (the draft apology when a late notice waits)."""
    dossier, _relations = _get(request, code)
    form = _form_kind(kind)
    extra: dict[str, Any] = {}
    if form == FormKind.APOLOGY and dossier.reappointment_count == 0:
        notice = LateNotice.objects.filter(dossier=dossier).first()
        if notice is not None:
            extra = {"new_due_at": notice.proposed_due_at, "reason": ""}
    if fmt == "pdf":
        pdf = form_render(form=form, dossier_id=dossier.pk, fmt="pdf", extra=extra)
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{dossier.code}-{form.value}.pdf"'
        return response
    if fmt == "html":
        response = HttpResponse(
            form_render(form=form, dossier_id=dossier.pk, fmt="html", extra=extra)
        )
        response["X-Frame-Options"] = "SAMEORIGIN"
        return response
    return HttpResponseBadRequest("html or pdf")


@require_GET
@official_required
def print_view(request: HttpRequest, code: str, kind: str) -> HttpResponse:
    """The form in a frame with Print, PDF and next-step links (after reception, a refusal…)."""
    dossier, _relations = _get(request, code)
    form = _form_kind(kind)
    return render(
        request,
        "backoffice/print.html",
        {"dossier": dossier, "form": form, "form_name": str(form.official_name)},
    )


@require_GET
@official_required
def tracking_book_view(request: HttpRequest) -> HttpResponse:
    """Mẫu 06 for the official's agency and a period (HTML to print, or PDF)."""
    me = seat(request)
    if not me.overseen_agency_ids:
        return render(request, "backoffice/forbidden.html", status=403)
    agency_id = min(me.overseen_agency_ids)
    today = timezone.localdate()
    form = f.PeriodForm(
        request.GET or None, initial={"start_on": today.replace(day=1), "end_on": today}
    )
    if request.GET and form.is_valid():
        start_on, end_on = form.cleaned_data["start_on"], form.cleaned_data["end_on"]
        fmt: Literal["html", "pdf"] = "pdf" if request.GET.get("fmt") == "pdf" else "html"
        out = tracking_book_render(
            agency_id=agency_id, start_on=start_on, end_on=end_on, fmt=fmt, now=timezone.now()
        )
        if fmt == "pdf":
            response = HttpResponse(out, content_type="application/pdf")
            response["Content-Disposition"] = (
                f'inline; filename="so-theo-doi-{start_on:%Y%m%d}-{end_on:%Y%m%d}.pdf"'
            )
            return response
        return HttpResponse(out)
    return render(request, "backoffice/tracking_book.html", {"form": form})


# --- consultations -------------------------------------------------------------------------------


@require_GET
@official_required
def consultations_view(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "backoffice/consultations.html",
        {"dossiers": list(consultations_for(seat=seat(request))), "now": timezone.now()},
    )


@official_required
def consultation_view(request: HttpRequest, code: str) -> HttpResponse:
    """A consulted unit's view: only the question, its deadline, the procedure, and the answer."""
    try:
        dossier = consultation_get_for_official(code=code, actor=request.user)
    except DossierNotFoundError as error:
        raise Http404(error.message) from error
    question = (
        dossier_events(dossier=dossier).filter(action="consult").order_by("-sequence").first()
    )
    form = f.AnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            consultation_answer(
                dossier_id=dossier.pk, actor=request.user, answer=form.cleaned_data["answer"]
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Your unit's opinion was recorded."))
            return redirect("backoffice:consultations")
    return render(
        request,
        "backoffice/consultation.html",
        {
            "dossier": dossier,
            "question": (question.data.get("question", "") if question else ""),
            "form": form,
            "answers": list(consultation_answers(dossier=dossier)),
        },
    )
