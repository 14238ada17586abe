"""Our dossier and its events → the national portal's packets (legal-spec §4.1), and back for intake.

Every field of ``HoSoDongBoDVC`` and ``QuaTrinhXuLyDongBoDVC`` is filled here from the model; the
facts that need a query (documents, pauses, payments, the actor's unit) are gathered by the caller
into :class:`DossierFacts` and :class:`StepFacts`, so this module only reads attributes. Codes the
specification leaves open are marked [assumed] and listed in docs/integration.md.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from motcua.dossiers.lifecycle import Transition
from motcua.dossiers.models import (
    ApplicantKind,
    DocumentKind,
    Dossier,
    DossierDocument,
    DossierEvent,
    DossierPause,
    ResultDelivery,
)
from motcua.integration.national_portal import schemas as s

T = TypeVar("T")

#: What each action means, as told to the portal (NoiDungXuLy); sent in Vietnamese.
ACTION_DESCRIPTIONS = {
    Transition.SUBMIT: _("Dossier submitted online"),
    Transition.RECEIVE: _("Dossier received"),
    Transition.REFUSE: _("Dossier refused at reception"),
    Transition.REQUEST_SUPPLEMENT: _("Supplementary documents requested"),
    Transition.SUBMIT_SUPPLEMENT: _("Supplementary documents submitted"),
    Transition.ASSIGN: _("Dossier assigned for processing"),
    Transition.FORWARD: _("Dossier forwarded to the next step"),
    Transition.CONSULT: _("Opinion requested from another unit"),
    Transition.APPROVE: _("Result approved"),
    Transition.REJECT: _("Request rejected after appraisal"),
    Transition.REQUEST_PAYMENT: _("Payment of fees requested"),
    Transition.CONFIRM_PAYMENT: _("Payment confirmed"),
    Transition.WITHDRAW: _("Dossier withdrawn by the applicant"),
    Transition.STOP: _("Processing stopped"),
    Transition.FINISH: _("Processing finished, result ready"),
    Transition.RETURN_RESULT: _("Result returned to the applicant"),
    Transition.APOLOGIZE: _("Apology issued and a new appointment set"),
}

#: The applicant kind → LoaiDoiTuong (1 citizen, 2 enterprise; legal-spec §4.1).
APPLICANT_TYPES = {ApplicantKind.PERSON: 1, ApplicantKind.ORGANIZATION: 2}
#: Result delivery → HinhThuc [assumed: 0 not chosen, 1 counter, 2 post, 3 electronic].
RESULT_DELIVERY_CODES = {
    "": 0,
    ResultDelivery.COUNTER: 1,
    ResultDelivery.POST: 2,
    ResultDelivery.ELECTRONIC: 3,
}
#: NoiNopHoSo [assumed]: 1 this system (counter, post, our portal), 2 the national portal.
SUBMITTED_HERE, SUBMITTED_ON_NATIONAL_PORTAL = 1, 2
#: DuocThanhToanTrucTuyen: 3 "not paid online" (sent by the reference client; [UNCONFIRMED]).
NOT_PAID_ONLINE = 3
#: DanhSachLePhi codes [assumed]: HinhThucThu 1 paid to the agency; LoaiPhiLePhi 2 a fee (lệ phí).
PAID_TO_AGENCY, FEE_KIND = 1, 2


def portal_timestamp(value: dt.datetime | None) -> str | None:
    """A datetime as the portal's local ``yyyyMMddHHmmss`` (None stays None).

    >>> import zoneinfo
    >>> portal_timestamp(dt.datetime(2026, 3, 2, 1, 30, 5, tzinfo=dt.UTC))
    '20260302083005'
    """
    if value is None:
        return None
    return timezone.localtime(value).strftime(s.TIMESTAMP_FORMAT)


def parse_portal_timestamp(value: str) -> dt.datetime:
    """The portal's local ``yyyyMMddHHmmss`` as an aware datetime; ValueError if malformed."""
    if not s.TIMESTAMP_RE.fullmatch(value):
        raise ValueError(value)
    naive = dt.datetime.strptime(value, s.TIMESTAMP_FORMAT)  # noqa: DTZ007 - made aware below
    return timezone.make_aware(naive)


@dataclass(frozen=True, slots=True)
class Payment:
    """A payment requested on the dossier (from its request_payment events)."""

    amount: int
    description: str


@dataclass(slots=True)
class DossierFacts:
    """A dossier with what its packet needs besides its own row, as of one of its events."""

    dossier: Dossier
    status: int  # TrangThaiHoSo as of the event the packet represents
    documents: Sequence[DossierDocument] = ()
    pauses: Sequence[DossierPause] = ()
    payments: Sequence[Payment] = ()
    refused_at: dt.datetime | None = None
    returned_at: dt.datetime | None = None
    document_url: str = "/api/v1/dossiers/{code}/documents/{id}"


@dataclass(frozen=True, slots=True)
class StepFacts:
    """An event with the handler's name, title and unit at the time (looked up by the caller)."""

    event: DossierEvent
    dossier_code: str
    due_at: dt.datetime | None
    handler_name: str = ""
    handler_title: str = ""
    handler_unit: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


def _abstract(dossier: Dossier) -> str:
    purpose = dossier.form_data.get("purpose") if isinstance(dossier.form_data, dict) else None
    parts = [dossier.procedure_version.name, dossier.applicant_name]
    if isinstance(purpose, str) and purpose.strip():
        parts.append(purpose.strip())
    return " - ".join(parts)[: s.ABSTRACT_MAX_LENGTH]


def _result_text(result: Any) -> str:
    documents = result.get("documents") if isinstance(result, dict) else None
    if isinstance(documents, list):
        return "; ".join(str(d) for d in documents)
    return ""


def _identities(dossier: Dossier) -> list[s.DinhDanh]:
    number = dossier.applicant_identity_number
    if dossier.applicant_kind != ApplicantKind.PERSON or not number:
        return []
    # The reference client sends "1" for a 12-digit citizen id, "2" for a 9-digit one.
    return [s.DinhDanh(LoaiDinhDanh="1" if len(number) == 12 else "2", SoDinhDanh=number)]


def _submitted_documents(facts: DossierFacts) -> list[s.TaiLieuNop]:
    return [
        s.TaiLieuNop(
            TepDinhKemId=str(doc.pk),
            TenTepDinhKem=doc.original_name,
            IsDeleted=False,
            MaThanhPhanHoSo=doc.required_document.code if doc.required_document else "",
            DuongDanTaiTepTin=facts.document_url.format(code=facts.dossier.code, id=doc.pk),
            DuocSoHoa=0,
            DuocTaiSuDung=0,
            DuocLayTuKhoDMQG=0,
            MaKetQuaThayThe=(
                doc.required_document.replacing_result_code if doc.required_document else ""
            ),
        )
        for doc in facts.documents
        if doc.kind != DocumentKind.RESULT
    ]


def _result_documents(facts: DossierFacts) -> list[s.GiayToKetQua]:
    return [
        s.GiayToKetQua(
            TenGiayTo=doc.original_name,
            MaThanhPhanHoSo=doc.required_document.code if doc.required_document else "",
            GiayToId=str(doc.pk),
            DuongDanTepTinKetQua=facts.document_url.format(code=facts.dossier.code, id=doc.pk),
            MaGiayToKetQua=f"{facts.dossier.code}-{doc.pk}",
        )
        for doc in facts.documents
        if doc.kind == DocumentKind.RESULT
    ]


def _supplements(facts: DossierFacts) -> list[s.HoSoBoSung]:
    return [
        s.HoSoBoSung(
            HoSoBoSungId=str(pause.pk),
            NguoiYeuCauBoSung=facts.dossier.agency.name,
            NoiDungBoSung=pause.reason,
            NgayBoSung=portal_timestamp(pause.started_at) or "",
            NguoiTiepNhanBoSung=facts.dossier.receiving_unit.name if pause.ended_at else "",
            ThongTinTiepNhan="",
            NgayTiepNhanBoSung=portal_timestamp(pause.ended_at),
            TrangThaiBoSung=1 if pause.ended_at else 0,
            DanhSachGiayToBoSung=[{"TenGiayTo": str(name)} for name in pause.missing_documents],
            DanhSachLePhiBoSung=[],
            NgayHenTraTruoc=None,
            NgayHenTraMoi=None,
        )
        for pause in facts.pauses
    ]


def _fees(facts: DossierFacts) -> list[s.LePhi]:
    return [
        s.LePhi(
            TenPhiLePhi=payment.description,
            MaPhiLePhi="",
            HinhThucThu=PAID_TO_AGENCY,
            Gia=payment.amount,
            LoaiPhiLePhi=FEE_KIND,
        )
        for payment in facts.payments
    ]


def dossier_packet(facts: DossierFacts) -> s.HoSoDongBoDVC:
    """The dossier object of a create or update packet (HoSoDongBoDVC)."""
    d = facts.dossier
    version = d.procedure_version
    return s.HoSoDongBoDVC(
        MaHoSo=d.code,
        MaTTHC=version.procedure.code,
        TenTTHC=version.name,
        MaLinhVuc=version.sector.code,
        TenLinhVuc=version.sector.name,
        KenhThucHien=d.channel,
        SoGiayToChuHoSo=d.applicant_identity_number,
        ChuHoSo=d.applicant_name,
        LoaiDoiTuong=APPLICANT_TYPES[ApplicantKind(d.applicant_kind)],
        MaDoiTuong=d.applicant_identity_number,
        ThongTinKhac=d.applicant_address,
        Email=d.applicant_email,
        Fax="",
        SoDienThoai=d.applicant_phone,
        TrichYeuHoSo=_abstract(d),
        NgayTiepNhan=portal_timestamp(d.received_at),
        NgayHenTra=portal_timestamp(d.due_at),
        TrangThaiHoSo=facts.status,
        NgayTra=portal_timestamp(facts.returned_at),
        ThongTinTra=_result_text(d.result),
        HinhThuc=RESULT_DELIVERY_CODES.get(d.result_delivery, 0),
        NgayKetThucXuLy=portal_timestamp(d.finished_at),
        DonViXuLy=d.agency.identifier,
        GhiChu=d.reappointment_reason,
        TaiLieuNop=_submitted_documents(facts),
        DanhSachLePhi=_fees(facts),
        DanhSachTepDinhKemKhac=[],
        DanhSachHoSoBoSung=_supplements(facts),
        DanhSachGiayToKetQua=_result_documents(facts),
        NoiNopHoSo=SUBMITTED_ON_NATIONAL_PORTAL if d.via_national_portal else SUBMITTED_HERE,
        HoSoCoThanhPhanSoHoa=0,
        TaiKhoanDuocXacThucVoiVNeID=0,
        DuocThanhToanTrucTuyen=NOT_PAID_ONLINE,
        NgayTuChoi=portal_timestamp(facts.refused_at),
        DinhDanhCHS=_identities(d),
        NgayNopHoSo=portal_timestamp(d.submitted_at) or "",
        DSKetNoiCSDL=[],
    )


def step_description(event: DossierEvent) -> str:
    """NoiDungXuLy: what was done, in Vietnamese, with the reason or note when one was given."""
    label = ACTION_DESCRIPTIONS.get(event.action)  # type: ignore[call-overload]  # str keys
    with translation.override("vi"):
        text = str(label) if label is not None else event.action
        detail = str(event.data.get("reason") or event.data.get("note") or "")
        if detail.strip():
            text = gettext("%(action)s: %(detail)s") % {"action": text, "detail": detail.strip()}
    return text


def progress_entry(step: StepFacts) -> s.QuaTrinhXuLyDongBoDVC:
    """One progress entry (QuaTrinhXuLyDongBoDVC) for one event."""
    event = step.event
    name = step.handler_name or event.actor_label or "-"
    return s.QuaTrinhXuLyDongBoDVC(
        MaHoSo=step.dossier_code,
        NguoiXuLy=name[: s.HANDLER_MAX_LENGTH],
        ChucDanh=step.handler_title,
        ThoiDiemXuLy=portal_timestamp(event.occurred_at) or "",
        PhongBanXuLy=step.handler_unit,
        NoiDungXuLy=step_description(event),
        TrangThai=event.to_status,
        NgayBatDau=portal_timestamp(event.occurred_at) or "",
        NgayKetThucTheoQuyDinh=portal_timestamp(step.due_at),
    )


def progress_chunks(entries: Sequence[T]) -> Iterator[Sequence[T]]:
    """The entries (or things carrying them) in packets of at most ten, in order (§4.1).

    >>> [len(c) for c in progress_chunks(list(range(23)))]
    [10, 10, 3]
    """
    for start in range(0, len(entries), s.PROGRESS_CHUNK_SIZE):
        yield entries[start : start + s.PROGRESS_CHUNK_SIZE]


def event_key(dossier_code: str, sequence: int) -> str:
    """The idempotency key of one event at one receiver: ``<dossier code>/<sequence>``."""
    return f"{dossier_code}/{sequence}"


@dataclass(frozen=True, slots=True)
class IntakeData:
    """An intake packet (HoSoTiepNhanTuDVCQG) in our terms."""

    portal_dossier_id: str
    procedure_code: str
    agency_identifier: str
    applicant_kind: str
    applicant_name: str
    identity_number: str
    phone: str
    email: str
    address: str
    submitted_at: dt.datetime
    form_data: dict[str, Any]


def intake_data(packet: s.HoSoTiepNhanTuDVCQG) -> IntakeData:
    """Translate a checked intake packet (``schemas.intake_packet_errors`` found nothing)."""
    return IntakeData(
        portal_dossier_id=packet["MaHoSoQG"].strip(),
        procedure_code=packet["MaTTHC"].strip(),
        agency_identifier=packet["MaDonVi"].strip(),
        # LoaiDoiTuong 1 is a citizen; enterprises, agencies and other organizations file as one.
        applicant_kind=ApplicantKind.PERSON
        if packet["LoaiDoiTuong"] == 1
        else ApplicantKind.ORGANIZATION,
        applicant_name=packet["ChuHoSo"].strip(),
        identity_number=packet["SoGiayToChuHoSo"].strip(),
        phone=packet["SoDienThoai"].strip(),
        email=packet["Email"].strip(),
        address=packet["DiaChi"].strip(),
        submitted_at=parse_portal_timestamp(packet["NgayNopHoSo"]),
        form_data=dict(packet["DuLieuBieuMau"]),
    )
