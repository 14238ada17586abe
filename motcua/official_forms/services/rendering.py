"""Render the official forms as printable HTML or PDF from one template per form.

``form_render`` is the one entry point for a dossier's forms (the back office and the citizen
portal both call it, after checking that the reader may see the dossier). The HTML is NFC
normalized and always Vietnamese: the forms are legal documents in the circular's wording.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal, overload

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.dossiers.models import Timeliness
from motcua.dossiers.timeliness import classify
from motcua.official_forms.formatting import day_month_year, hour_minute, nfc, vnd
from motcua.official_forms.kinds import FormKind
from motcua.official_forms.pdf import font_face_css, html_to_pdf
from motcua.official_forms.qr import QrContent, qr_svg_data_uri
from motcua.official_forms.selectors import (
    DossierFormData,
    Header,
    dossier_form_data,
    dossier_step_records,
    form_header,
    official_name,
    tracking_book_rows,
)
from motcua.organizations.models import Agency, Unit, UnitKind

Format = Literal["html", "pdf"]


def issuing_system_name() -> str:
    """The name of the system issuing the forms (in the QR code and the footer)."""
    return getattr(settings, "MOTCUA_SITE_NAME", "") or _("One-stop electronic information system")


def moment_text(moment: dt.datetime | None) -> str:
    """Say a moment as the forms do ("08 giờ 30 phút, ngày 02/03/2026", local time); "" for None."""
    if moment is None:
        return ""
    local = timezone.localtime(moment)
    hour, minute = hour_minute(local)
    return _("%(hour)s:%(minute)s, %(date)s") % {
        "hour": hour,
        "minute": minute,
        "date": day_month_year(local.date()),
    }


def date_line(place: str, day: dt.date) -> str:
    """The place and date line ("An Hòa, ngày 02 tháng 03 năm 2026"; no place unless configured)."""
    text = _("day %(day)s month %(month)s year %(year)s") % {
        "day": f"{day.day:02d}",
        "month": f"{day.month:02d}",
        "year": day.year,
    }
    if place:
        return _("%(place)s, %(date)s") % {"place": place, "date": text}
    return text[:1].upper() + text[1:]


def limit_text(amount: Decimal | None, unit: str) -> str:
    if amount is None or not unit:
        return _("no time limit")
    number = f"{amount.normalize():f}".replace(".", ",")
    labels = {
        "working_days": _("%(amount)s working days"),
        "working_hours": _("%(amount)s working hours"),
        "calendar_days": _("%(amount)s days"),
    }
    return labels.get(unit, "%(amount)s") % {"amount": number}


def _to_bytes_or_text(html: str, fmt: Format) -> str | bytes:
    if fmt == "pdf":
        return html_to_pdf(html)
    if fmt == "html":
        return html
    raise ValueError(f"unknown format {fmt!r}")


def _page(
    kind: FormKind,
    header: Header,
    qr: QrContent | None,
    issued_at: dt.datetime,
    fmt: Format,
    context: Mapping[str, Any],
) -> str | bytes:
    local_issued = timezone.localtime(issued_at)
    html = render_to_string(
        kind.template_name,
        {
            "form": kind,
            "number": kind.number,
            "paper": kind.paper,
            "title": kind.official_name,
            "header": header,
            "qr_uri": qr_svg_data_uri(qr.as_text()) if qr is not None else "",
            "issued_at": local_issued,
            "date_line": date_line(header.place, local_issued.date()),
            "system_name": issuing_system_name(),
            "font_css": font_face_css() if fmt == "pdf" else "",
            **context,
        },
    )
    return _to_bytes_or_text(nfc(html), fmt)


def _qr(
    data: DossierFormData, kind: FormKind, issued_at: dt.datetime, *, appointment: bool
) -> QrContent:
    dossier = data.dossier
    return QrContent(
        dossier_code=dossier.code,
        procedure_code=data.procedure_code,
        applicant_identity=dossier.applicant_identity_number,
        document_name=nfc(str(kind.official_name)),
        issuing_system=issuing_system_name(),
        issued_at=timezone.localtime(issued_at),
        appointment_at=timezone.localtime(dossier.due_at)
        if appointment and dossier.due_at is not None
        else None,
    )


def _event_time(data: DossierFormData, action: str, fallback: dt.datetime) -> dt.datetime:
    event = data.last_event(action)
    return event.occurred_at if event is not None else fallback


def _event_data(data: DossierFormData, action: str) -> dict[str, Any]:
    event = data.last_event(action)
    return dict(event.data) if event is not None else {}


def _event_actor(data: DossierFormData, action: str) -> str:
    event = data.last_event(action)
    return official_name(event.actor_id) if event is not None else ""


def _receipt(data: DossierFormData, now: dt.datetime) -> tuple[dt.datetime, dict[str, Any], bool]:
    dossier = data.dossier
    issued_at = dossier.received_at or now
    return (
        issued_at,
        {
            "received_text": moment_text(dossier.received_at),
            "due_text": moment_text(dossier.due_at),
            "limit_text": limit_text(data.limit_amount, data.limit_unit),
            "fee_text": vnd(data.fee) if data.fee is not None else "",
            "signer": data.received_by,
        },
        True,
    )


def _supplement(
    data: DossierFormData, now: dt.datetime
) -> tuple[dt.datetime, dict[str, Any], bool]:
    pause = data.pause
    return (
        pause.started_at if pause is not None else now,
        {
            "missing": list(pause.missing_documents) if pause is not None else [],
            "reason": pause.reason if pause is not None else "",
            "signer": _event_actor(data, "request_supplement"),
        },
        False,
    )


def _refusal(data: DossierFormData, now: dt.datetime) -> tuple[dt.datetime, dict[str, Any], bool]:
    action = "reject" if data.last_event("reject") is not None else "refuse"
    return (
        _event_time(data, action, now),
        {
            "reason": _event_data(data, action).get("reason", ""),
            "signer": _event_actor(data, action),
        },
        False,
    )


def _apology(data: DossierFormData, now: dt.datetime) -> tuple[dt.datetime, dict[str, Any], bool]:
    dossier = data.dossier
    event = data.last_event("apologize")
    previous: dt.datetime | None
    if event is not None:
        previous = dt.datetime.fromisoformat(event.data["previous_due_at"])
        new_due = dossier.reappointed_due_at
        reason = str(event.data.get("reason", ""))
        issued_at = event.occurred_at
        signer = official_name(event.actor_id)
    else:  # a draft for the leader to sign (late-dossier job), nothing sent yet
        previous = dossier.due_at
        new_due = data.extra.get("new_due_at")
        reason = str(data.extra.get("reason", ""))
        issued_at = now
        signer = str(data.extra.get("signer", ""))
    return (
        issued_at,
        {
            "received_text": moment_text(dossier.received_at),
            "previous_due_text": moment_text(previous),
            "new_due_text": moment_text(new_due),
            "reason": reason,
            "signer": signer,
            "is_draft": event is None,
        },
        False,
    )


_STEP_LABELS = {
    "receive": gettext_lazy("Received"),
    "assign": gettext_lazy("Assigned"),
    "forward": gettext_lazy("Forwarded"),
    "consult": gettext_lazy("Consulted"),
    "approve": gettext_lazy("Approved"),
    "finish": gettext_lazy("Finished"),
    "return_result": gettext_lazy("Result returned"),
}


def _step_rows(data: DossierFormData) -> list[dict[str, str]]:
    """One row per step of the dossier's internal process: handover, result against its due time."""
    rows = []
    for record in dossier_step_records(dossier_id=data.dossier.pk):
        result = ""
        if record.finished_at is not None and record.due_at is not None:
            result = str(
                Timeliness(
                    classify(
                        finished_at=record.finished_at, due_at=record.due_at, supplement_requests=0
                    )
                ).label
            )
        rows.append(
            {
                "unit": record.step.unit.name,
                "time": moment_text(record.started_at),
                "actor": official_name(record.assignee_id),
                "step": record.step.name,
                "due": moment_text(record.due_at),
                "result": str(result),
                "note": moment_text(record.finished_at),
            }
        )
    return rows


def _control_slip(
    data: DossierFormData, now: dt.datetime
) -> tuple[dt.datetime, dict[str, Any], bool]:
    """Mẫu 05: the handovers of the dossier, each step's result against its own due time."""
    dossier = data.dossier
    receive = data.last_event("receive")
    rows = []
    if receive is not None:
        rows.append(
            {
                "unit": dossier.receiving_unit.name,
                "time": moment_text(receive.occurred_at),
                "actor": official_name(receive.actor_id),
                "step": str(_STEP_LABELS["receive"]),
                "due": "",
                "result": "",
                "note": "",
            }
        )
    rows += _step_rows(data)
    consulted = dossier.consulted_unit.name if dossier.consulted_unit is not None else ""
    return (
        now,
        {
            "received_text": moment_text(dossier.received_at),
            "due_text": moment_text(dossier.due_at),
            "handling": dossier.agency.name,
            "consulted": consulted,
            "rows": rows,
        },
        False,
    )


def _stop_notice(
    data: DossierFormData, now: dt.datetime
) -> tuple[dt.datetime, dict[str, Any], bool]:
    return (
        _event_time(data, "stop", now),
        {
            "reason": _event_data(data, "stop").get("reason", ""),
            "signer": _event_actor(data, "stop"),
        },
        False,
    )


_BUILDERS = {
    FormKind.RECEIPT: _receipt,
    FormKind.SUPPLEMENT_REQUEST: _supplement,
    FormKind.REFUSAL: _refusal,
    FormKind.APOLOGY: _apology,
    FormKind.CONTROL_SLIP: _control_slip,
    FormKind.STOP_NOTICE: _stop_notice,
}


@overload
def form_render(
    *,
    form: FormKind,
    dossier_id: int,
    fmt: Literal["html"],
    now: dt.datetime | None = ...,
    extra: Mapping[str, Any] | None = ...,
) -> str: ...
@overload
def form_render(
    *,
    form: FormKind,
    dossier_id: int,
    fmt: Literal["pdf"],
    now: dt.datetime | None = ...,
    extra: Mapping[str, Any] | None = ...,
) -> bytes: ...
def form_render(
    *,
    form: FormKind,
    dossier_id: int,
    fmt: Format,
    now: dt.datetime | None = None,
    extra: Mapping[str, Any] | None = None,
) -> str | bytes:
    """Render a dossier's form (Mẫu 01–05, the stop notice) as HTML (str) or PDF (bytes).

    The time of issue is that of the event the form records (reception, supplement request,
    refusal, apology, stop); ``now`` is used when there is none (the control slip, a draft).
    ``extra`` carries a draft's fields (Mẫu 04 before it is sent: ``new_due_at``, ``reason``,
    ``signer``). Raises ``Dossier.DoesNotExist`` for an unknown dossier.
    """
    if form not in _BUILDERS:
        raise ValueError(f"{form} is not a dossier form")
    now = now or timezone.now()
    with translation.override("vi"):
        data = dossier_form_data(dossier_id=dossier_id)
        data.extra = dict(extra or {})
        issued_at, context, appointment = _BUILDERS[form](data, now)
        qr = _qr(data, form, issued_at, appointment=appointment)
        return _page(
            form,
            data.header,
            qr,
            issued_at,
            fmt,
            {"dossier": data.dossier, "data": data, "documents": data.documents, **context},
        )


@dataclass(frozen=True)
class CounterDraft:
    """A paper dossier turned away at the counter before it is received (no dossier code yet)."""

    agency_id: int
    reception_unit_name: str
    procedure_code: str
    procedure_name: str
    applicant_name: str
    applicant_identity_number: str
    applicant_address: str = ""
    applicant_phone: str = ""
    applicant_email: str = ""
    reason: str = ""
    missing: list[str] = field(default_factory=list)
    signer: str = ""


def counter_slip_render(
    *, form: FormKind, draft: CounterDraft, fmt: Format, now: dt.datetime
) -> str | bytes:
    """Mẫu 02 or 03 for a paper dossier turned away at the counter (Decree 61 Art 17.1)."""
    if form not in (FormKind.SUPPLEMENT_REQUEST, FormKind.REFUSAL):
        raise ValueError(f"{form} is not a counter slip")
    with translation.override("vi"):
        agency = Agency.objects.select_related("parent").get(pk=draft.agency_id)
        header = form_header(agency, draft.reception_unit_name)
        qr = QrContent(
            dossier_code="",
            procedure_code=draft.procedure_code,
            applicant_identity=draft.applicant_identity_number,
            document_name=nfc(str(form.official_name)),
            issuing_system=issuing_system_name(),
            issued_at=timezone.localtime(now),
        )
        return _page(
            form,
            header,
            qr,
            now,
            fmt,
            {
                "dossier": draft,
                "data": {"procedure_name": draft.procedure_name},
                "missing": draft.missing,
                "reason": draft.reason,
                "signer": draft.signer,
            },
        )


def tracking_book_render(
    *, agency_id: int, start_on: dt.date, end_on: dt.date, fmt: Format, now: dt.datetime
) -> str | bytes:
    """Mẫu 06, the tracking book of an agency's dossiers received in a period (A4)."""
    with translation.override("vi"):
        agency = Agency.objects.select_related("parent").get(pk=agency_id)
        rows = [
            {
                "code": r.code,
                "procedure_name": r.procedure_name,
                "applicant": r.applicant_name,
                "address": r.applicant_address,
                "phone": r.applicant_phone,
                "received": moment_text(r.received_at),
                "due": moment_text(r.due_at),
                "returned": moment_text(r.returned_at),
            }
            for r in tracking_book_rows(agency_id=agency_id, start_on=start_on, end_on=end_on)
        ]
        reception = (
            Unit.objects.filter(agency=agency, kind=UnitKind.RECEPTION, is_active=True)
            .order_by("id")
            .values_list("name", flat=True)
            .first()
        )
        return _page(
            FormKind.TRACKING_BOOK,
            form_header(agency, reception or agency.name),
            None,
            now,
            fmt,
            {
                "rows": rows,
                "start_text": day_month_year(start_on),
                "end_text": day_month_year(end_on),
            },
        )
