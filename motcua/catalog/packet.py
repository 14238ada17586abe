"""The national procedure packet (GoiTinThuTucQG, legal-spec §4.2): parse, validate, write back.

Pure: no ORM, no clock. ``parse_record`` turns one JSON object of the packet into a
``ProcedureData`` plus the problems found (each with the record's position and the field path);
``ProcedureData.to_packet`` writes the same format back, so that
``to_packet(parse_record(x)) == normalize_record(x)`` for every field we model. Fields we do not
model are kept in ``extra`` (per record, channel, time limit, fee and document) and written back
as they came.

Rules worth knowing (the portal's own data is uneven, see ``shared/data/README.md``):

* **Time-limit unit** (DONVITINH): "Ngày làm việc" → working days, "Giờ"/"Giờ làm việc" →
  working hours, "Ngày" → calendar days; missing or unknown → ``unspecified`` with a warning.
  A time limit that is not a number rejects the record; a missing one is a warning.
* **Online level**: the optional field ``MUCDOTRUCTUYEN`` ("Toàn trình" / "Một phần" / "Không")
  wins; without it, a procedure with an online channel (KENH 2) is *partly* online and one without
  is not online. "Toàn trình" needs the explicit field, since it also means the result comes back
  online, which the channels do not say. The field is written back only when it differs from
  what the channels imply.
* **Sector code**: MALINHVUC when given; otherwise a stable code derived from the folded name
  (``LV-HO-TICH``), with a warning, and not written back.
* **Fees** are in VND: a non-numeric SOTIEN is kept as a label (warning); a fee of 0 / "Miễn phí"
  whose note names an amount, an amount the note contradicts (2.001610: "100 VNĐ" vs "100.000
  đồng"), or a currency other than VND are warnings.
* **Document rows** with 0 originals and 0 copies are usually notes inside the table: kept, with
  a warning.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Literal

from django.utils.translation import gettext as _

from motcua.catalog.validators import is_procedure_code
from motcua.core.errors import DomainError
from motcua.core.text import fold

Severity = Literal["error", "warning"]

# Channel codes (KENH) and their usual names (TENKENH), folded.
CHANNEL_CODES = {1, 2, 3}
ONLINE_CHANNEL = 2
_CHANNEL_BY_NAME = {"truc tiep": 1, "truc tuyen": 2, "buu chinh": 3}

# DONVITINH as published (folded) → our unit.
TIME_UNIT_BY_LABEL = {
    "ngay lam viec": "working_day",
    "gio": "working_hour",
    "gio lam viec": "working_hour",
    "ngay": "calendar_day",
}

# MUCDOTRUCTUYEN (folded) → online level, and the label written back.
ONLINE_LEVEL_BY_LABEL = {"toan trinh": "full", "mot phan": "partial", "khong": "none"}
ONLINE_LEVEL_LABELS = {"full": "Toàn trình", "partial": "Một phần", "none": "Không"}

UNCLASSIFIED_SECTOR_CODE = "LV-CHUA-PHAN-LOAI"
UNCLASSIFIED_SECTOR_NAME = "Chưa phân loại"

# Text fields stored in bounded columns, with their limits.
MAX_LENGTHS = {
    "MaTTHC": 20,
    "TENTTHC": 1000,
    "ID": 100,
    "LOAITTHC": 255,
    "SOQUYETDINHCONGBO": 255,
    "IDQUYETDINHCONGBO": 100,
    "MACOQUANCONGBO": 100,
    "TRANGTHAI": 100,
    "MALINHVUC": 50,
    "TENLINHVUC": 255,
    "TENKENH": 255,
    "DONVITINH": 100,
    "MAPHILEPHI": 100,
    "SOTIEN": 100,
    "DONVI": 50,
    "TENTEP": 500,
    "URL": 1000,
    "MAGIAYTO": 100,
    "TENMAUDON": 1000,
    "MA_KQ_THAYTHE": 100,
}

# Identifier fields that some packets send as numbers (read as text).
NUMERIC_TEXT_KEYS = frozenset(
    {"ID", "IDQUYETDINHCONGBO", "MACOQUANCONGBO", "MALINHVUC", "MAPHILEPHI", "MAGIAYTO"}
)

# Top-level text fields: packet key → ProcedureData attribute.
TEXT_FIELDS = {
    "ID": "national_id",
    "LOAITTHC": "procedure_type",
    "SOQUYETDINHCONGBO": "publication_decision",
    "IDQUYETDINHCONGBO": "publication_decision_id",
    "QUYETDINH": "decision",
    "MACOQUANCONGBO": "publishing_agency_code",
    "TRANGTHAI": "national_status",
    "MOTADOITUONGTHUCHIEN": "applicant_description",
    "MOTA": "description",
    "YEUCAU": "conditions",
    "DIACHITIEPNHAN": "reception_address",
    "TUKHOA": "keywords",
    "MOTACOQUANTHUCHIEN": "implementing_agency_description",
    "MOTACOQUANTHAMQUYEN": "competent_agency_description",
}

# Top-level lists kept as published (lists of objects): packet key → attribute.
OBJECT_LIST_FIELDS = {
    "CAPTHUCHIEN": "levels",
    "DOITUONGTHUCHIEN": "applicant_types",
    "TRINHTUTHUCHIEN": "steps",
    "KETQUATHUCHIEN": "results",
    "CANCUPHAPLY": "legal_basis",
    "COQUANTHUCHIEN": "implementing_agencies",
    "COQUANCOTHAMQUYEN": "competent_agencies",
    "COQUANDUOCUYQUYEN": "authorized_agencies",
    "COQUANPHOIHOP": "coordinating_agencies",
}

# Lists whose items may be codes or objects (related / inter-agency procedures).
ANY_LIST_FIELDS = {"TTHCLIENQUAN": "related_codes", "TTHCLIENTHONG": "inter_agency_codes"}

# Missing these makes the record incomplete for a citizen (Decree 63/2010 Art 8.2): a warning.
EXPECTED_FIELDS = (
    "LINHVUCTHUCHIEN",
    "CACHTHUCTHUCHIEN",
    "THANHPHANHOSO",
    "TRINHTUTHUCHIEN",
    "DOITUONGTHUCHIEN",
    "COQUANTHUCHIEN",
)

KNOWN_KEYS = frozenset(
    {
        "MaTTHC",
        "TENTTHC",
        "LINHVUCTHUCHIEN",
        "CACHTHUCTHUCHIEN",
        "THANHPHANHOSO",
        "MUCDOTRUCTUYEN",
        *TEXT_FIELDS,
        *OBJECT_LIST_FIELDS,
        *ANY_LIST_FIELDS,
    }
)
_CHANNEL_KEYS = frozenset({"KENH", "TENKENH", "THOIGIAN"})
_TIME_LIMIT_KEYS = frozenset({"THOIGIANGIAIQUYET", "DONVITINH", "MOTA", "PHILEPHI"})
_FEE_KEYS = frozenset({"MAPHILEPHI", "SOTIEN", "DONVI", "MOTA", "TENTEP", "URL"})
_CASE_KEYS = frozenset({"TRUONGHOP", "GIAYTO"})
_DOCUMENT_KEYS = frozenset(
    {"MAGIAYTO", "TENGIAYTO", "SOBANCHINH", "SOBANSAO", "TENMAUDON", "URL", "MA_KQ_THAYTHE"}
)
# Case-level fields we do not model ride on the case's first document under this key.
CASE_EXTRA_KEY = "_case_extra"

_DECIMAL_RE = re.compile(r"^\d+(\.\d+)?$")
_INTEGER_RE = re.compile(r"^\d+$")
# An amount of money named in a note: "100.000 đồng", "400.000đ", "135.000 đồng/lần", "50000 VNĐ".
_NOTE_AMOUNT_RE = re.compile(r"(\d{1,3}(?:\.\d{3})+|\d+)\s*(?:đồng|đ\b|vnđ|vnd)", re.IGNORECASE)


class PacketReadError(DomainError):
    code = "packet_unreadable"
    message_template = "%(reason)s"


@dataclass(frozen=True, slots=True)
class Issue:
    """A problem in a packet record: where (position, field path) and what."""

    severity: Severity
    index: int
    code: str
    path: str
    message: str

    def __str__(self) -> str:
        where = f"[{self.index}]" + (f" {self.code}" if self.code else "")
        return f"{where} {self.path}: {self.message}" if self.path else f"{where}: {self.message}"


@dataclass(slots=True)
class FeeData:
    amount: Decimal | None = None
    amount_label: str = ""
    currency_label: str = ""
    description: str = ""
    code: str = ""
    file_name: str = ""
    url: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class TimeLimitData:
    amount: Decimal | None = None
    unit: str = "unspecified"
    unit_label: str = ""
    description: str = ""
    fees: list[FeeData] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class ChannelData:
    channel: int
    name: str = ""
    time_limits: list[TimeLimitData] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class DocumentData:
    name: str
    case: str = ""
    case_position: int = 0
    code: str = ""
    originals: int = 0
    copies: int = 0
    template_name: str = ""
    template_url: str = ""
    replacing_result_code: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class ProcedureData:
    """One procedure as the packet describes it, in our vocabulary."""

    code: str
    name: str
    sector_code: str = UNCLASSIFIED_SECTOR_CODE
    sector_name: str = UNCLASSIFIED_SECTOR_NAME
    is_sector_code_derived: bool = True
    other_sectors: list[dict[str, Any]] = field(default_factory=list)
    online_level: str = "none"
    national_id: str = ""
    procedure_type: str = ""
    publication_decision: str = ""
    publication_decision_id: str = ""
    decision: str = ""
    publishing_agency_code: str = ""
    national_status: str = ""
    applicant_description: str = ""
    description: str = ""
    conditions: str = ""
    reception_address: str = ""
    keywords: str = ""
    implementing_agency_description: str = ""
    competent_agency_description: str = ""
    levels: list[Any] = field(default_factory=list)
    applicant_types: list[Any] = field(default_factory=list)
    steps: list[Any] = field(default_factory=list)
    results: list[Any] = field(default_factory=list)
    legal_basis: list[Any] = field(default_factory=list)
    implementing_agencies: list[Any] = field(default_factory=list)
    competent_agencies: list[Any] = field(default_factory=list)
    authorized_agencies: list[Any] = field(default_factory=list)
    coordinating_agencies: list[Any] = field(default_factory=list)
    related_codes: list[Any] = field(default_factory=list)
    inter_agency_codes: list[Any] = field(default_factory=list)
    channels: list[ChannelData] = field(default_factory=list)
    documents: list[DocumentData] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def derived_online_level(self) -> str:
        """The online level the channels imply: an online channel means partly online."""
        has_online = any(channel.channel == ONLINE_CHANNEL for channel in self.channels)
        return "partial" if has_online else "none"

    def to_packet(self) -> dict[str, Any]:
        """Write the record in the packet's format; empty fields are left out."""
        record: dict[str, Any] = {"MaTTHC": self.code, "TENTTHC": self.name}
        for key, attribute in TEXT_FIELDS.items():
            record[key] = getattr(self, attribute)
        if not (self.is_sector_code_derived and self.sector_code == UNCLASSIFIED_SECTOR_CODE):
            sector: dict[str, Any] = {"TENLINHVUC": self.sector_name}
            if not self.is_sector_code_derived:
                sector = {"MALINHVUC": self.sector_code, **sector}
            record["LINHVUCTHUCHIEN"] = [sector, *self.other_sectors]
        if self.online_level != self.derived_online_level:
            record["MUCDOTRUCTUYEN"] = ONLINE_LEVEL_LABELS[self.online_level]
        for key, attribute in {**OBJECT_LIST_FIELDS, **ANY_LIST_FIELDS}.items():
            record[key] = getattr(self, attribute)
        record["CACHTHUCTHUCHIEN"] = [_channel_to_packet(channel) for channel in self.channels]
        record["THANHPHANHOSO"] = _documents_to_packet(self.documents)
        record.update(self.extra)
        cleaned: dict[str, Any] = _drop_empty(record)
        return cleaned

    def content_hash(self) -> str:
        """A fingerprint of everything the record says (equal records, equal hashes)."""
        canonical = json.dumps(self.to_packet(), ensure_ascii=False, sort_keys=True)
        return hashlib.sha256(canonical.encode()).hexdigest()


@dataclass(slots=True)
class ParseResult:
    data: ProcedureData | None  # None when the record is rejected
    issues: list[Issue]

    @property
    def errors(self) -> list[Issue]:
        return [issue for issue in self.issues if issue.severity == "error"]

    @property
    def warnings(self) -> list[Issue]:
        return [issue for issue in self.issues if issue.severity == "warning"]


def packet_load(path: Path) -> list[Any]:
    """Read a packet file: one JSON object or a list of them.

    Raises:
        PacketReadError: the file cannot be read or is not JSON of that shape.
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise PacketReadError(
            reason=_("Cannot read %(path)s: %(error)s") % {"path": path, "error": error}
        ) from error
    try:
        content = json.loads(text)
    except json.JSONDecodeError as error:
        raise PacketReadError(
            reason=_("%(path)s is not valid JSON: %(error)s") % {"path": path, "error": error}
        ) from error
    if isinstance(content, dict):
        return [content]
    if isinstance(content, list):
        return content
    raise PacketReadError(
        reason=_("%(path)s must hold a procedure object or a list of them.") % {"path": path}
    )


def normalize_record(record: dict[str, Any]) -> dict[str, Any]:
    """The packet record with empty values left out (what ``to_packet`` writes for it)."""
    cleaned: dict[str, Any] = _drop_empty(record)
    return cleaned


def derive_sector_code(name: str) -> str:
    """A stable sector code from the sector's name, for packets without MALINHVUC.

    >>> derive_sector_code("Hộ tịch")
    'LV-HO-TICH'
    >>> len(derive_sector_code("Thành lập và hoạt động doanh nghiệp (hộ kinh doanh) mở rộng"))
    50
    """
    slug = fold(name).upper().replace(" ", "-")
    code = f"LV-{slug}"
    if len(code) > MAX_LENGTHS["MALINHVUC"]:
        digest = hashlib.sha1(slug.encode(), usedforsecurity=False).hexdigest()[:8].upper()
        code = f"{code[: MAX_LENGTHS['MALINHVUC'] - 9]}-{digest}"
    return code


def time_unit_for(label: str) -> str | None:
    """Our time-limit unit for a published DONVITINH, or None when unknown.

    >>> time_unit_for("Ngày làm việc"), time_unit_for("Giờ"), time_unit_for("Ngày")
    ('working_day', 'working_hour', 'calendar_day')
    """
    return TIME_UNIT_BY_LABEL.get(fold(label))


def note_amounts(note: str) -> set[Decimal]:
    """Amounts of money (VND) named in a free-text note.

    >>> sorted(note_amounts("Phí: 100.000 đồng/lần; trực tuyến 50000 VNĐ"))
    [Decimal('50000'), Decimal('100000')]
    """
    return {Decimal(match.replace(".", "")) for match in _NOTE_AMOUNT_RE.findall(note)}


class _Parser:
    """Collects the issues of one record while reading it."""

    def __init__(self, index: int) -> None:
        self.index = index
        self.code = ""
        self.issues: list[Issue] = []

    def error(self, path: str, message: str) -> None:
        self.issues.append(Issue("error", self.index, self.code, path, message))

    def warn(self, path: str, message: str) -> None:
        self.issues.append(Issue("warning", self.index, self.code, path, message))

    # -- scalar helpers -------------------------------------------------------------------------

    def text(self, container: dict[str, Any], key: str, path: str) -> str:
        value = container.get(key)
        if value is None:
            return ""
        allowed: type | tuple[type, ...] = (str, int) if key in NUMERIC_TEXT_KEYS else str
        if isinstance(value, bool) or not isinstance(value, allowed):
            self.error(path, _("Expected text, got %(type)s.") % {"type": _type_name(value)})
            return ""
        text = str(value)
        limit = MAX_LENGTHS.get(key)
        if limit is not None and len(text) > limit:
            self.error(
                path,
                _("Longer than %(limit)s characters (%(length)s).")
                % {"limit": limit, "length": len(text)},
            )
            return ""
        return text

    def objects(self, container: dict[str, Any], key: str, path: str) -> list[dict[str, Any]]:
        value = container.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.error(path, _("Expected a list, got %(type)s.") % {"type": _type_name(value)})
            return []
        valid = []
        for position, item in enumerate(value):
            if isinstance(item, dict):
                valid.append(item)
            else:
                self.error(
                    f"{path}[{position}]",
                    _("Expected an object, got %(type)s.") % {"type": _type_name(item)},
                )
        return valid

    def count(self, container: dict[str, Any], key: str, path: str) -> int:
        value = container.get(key)
        if value is None or value == "":
            self.warn(path, _("Number of copies missing; 0 assumed."))
            return 0
        if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            return value
        if isinstance(value, str) and _INTEGER_RE.fullmatch(value.strip()):
            return int(value)
        self.error(path, _("Expected a whole number, got %(value)r.") % {"value": value})
        return 0

    # -- parts ----------------------------------------------------------------------------------

    def record(self, record: Any) -> ProcedureData | None:
        if not isinstance(record, dict):
            self.error("", _("Expected an object, got %(type)s.") % {"type": _type_name(record)})
            return None
        code = self.text(record, "MaTTHC", "MaTTHC").strip()
        self.code = code
        if not code:
            self.error("MaTTHC", _("The procedure code is missing."))
        elif not is_procedure_code(code):
            self.error("MaTTHC", _("%(code)r is not a procedure code.") % {"code": code})
        name = self.text(record, "TENTTHC", "TENTTHC").strip()
        if not name:
            self.error("TENTTHC", _("The procedure name is missing."))
        data = ProcedureData(code=code, name=name)
        for key, attribute in TEXT_FIELDS.items():
            setattr(data, attribute, self.text(record, key, key))
        for key, attribute in OBJECT_LIST_FIELDS.items():
            setattr(data, attribute, self.objects(record, key, key))
        for key, attribute in ANY_LIST_FIELDS.items():
            value = record.get(key)
            if value is not None and not isinstance(value, list):
                self.error(key, _("Expected a list, got %(type)s.") % {"type": _type_name(value)})
            else:
                setattr(data, attribute, value or [])
        for key in EXPECTED_FIELDS:
            if not record.get(key):
                self.warn(key, _("Missing; the record is incomplete."))
        self.sector(record, data)
        data.channels = [
            self.channel(channel, f"CACHTHUCTHUCHIEN[{position}]")
            for position, channel in enumerate(
                self.objects(record, "CACHTHUCTHUCHIEN", "CACHTHUCTHUCHIEN")
            )
        ]
        data.documents = self.documents(record)
        data.online_level = self.online_level(record, data)
        data.extra = {key: value for key, value in record.items() if key not in KNOWN_KEYS}
        return data

    def sector(self, record: dict[str, Any], data: ProcedureData) -> None:
        sectors = self.objects(record, "LINHVUCTHUCHIEN", "LINHVUCTHUCHIEN")
        if not sectors:
            return
        path = "LINHVUCTHUCHIEN[0]"
        name = self.text(sectors[0], "TENLINHVUC", f"{path}.TENLINHVUC").strip()
        code = self.text(sectors[0], "MALINHVUC", f"{path}.MALINHVUC").strip()
        if not name:
            self.error(f"{path}.TENLINHVUC", _("The sector name is missing."))
            return
        data.sector_name = name
        if code:
            data.sector_code, data.is_sector_code_derived = code, False
        else:
            data.sector_code = derive_sector_code(name)
            self.warn(
                f"{path}.MALINHVUC",
                _("Sector code missing; derived %(code)s from the name.")
                % {"code": data.sector_code},
            )
        data.other_sectors = sectors[1:]
        if sectors[0].keys() - {"MALINHVUC", "TENLINHVUC"}:
            self.warn(path, _("Unknown sector fields are dropped."))

    def online_level(self, record: dict[str, Any], data: ProcedureData) -> str:
        label = record.get("MUCDOTRUCTUYEN")
        if label is None or label == "":
            return data.derived_online_level
        level = ONLINE_LEVEL_BY_LABEL.get(fold(label)) if isinstance(label, str) else None
        if level is None:
            self.error(
                "MUCDOTRUCTUYEN",
                _("Unknown online level %(value)r (Toàn trình, Một phần, Không).")
                % {"value": label},
            )
            return data.derived_online_level
        return level

    def channel(self, entry: dict[str, Any], path: str) -> ChannelData:
        name = self.text(entry, "TENKENH", f"{path}.TENKENH")
        raw = entry.get("KENH")
        channel: int | None = None
        if isinstance(raw, int) and not isinstance(raw, bool):
            channel = raw
        elif isinstance(raw, str) and _INTEGER_RE.fullmatch(raw.strip()):
            channel = int(raw)
        if channel not in CHANNEL_CODES:
            by_name = next(
                (code for label, code in _CHANNEL_BY_NAME.items() if label in fold(name)), None
            )
            if by_name is None:
                self.error(
                    f"{path}.KENH",
                    _("Unknown channel %(value)r (1 counter, 2 online, 3 postal).")
                    % {"value": raw},
                )
                by_name = 1
            else:
                self.warn(
                    f"{path}.KENH",
                    _("Channel code missing; %(code)s taken from the name.") % {"code": by_name},
                )
            channel = by_name
        limits = self.objects(entry, "THOIGIAN", f"{path}.THOIGIAN")
        if not limits:
            self.warn(f"{path}.THOIGIAN", _("No time limit for this channel."))
        return ChannelData(
            channel=channel,
            name=name,
            time_limits=[
                self.time_limit(limit, f"{path}.THOIGIAN[{position}]")
                for position, limit in enumerate(limits)
            ],
            extra={key: value for key, value in entry.items() if key not in _CHANNEL_KEYS},
        )

    def time_limit(self, entry: dict[str, Any], path: str) -> TimeLimitData:
        limit = TimeLimitData(
            unit_label=self.text(entry, "DONVITINH", f"{path}.DONVITINH"),
            description=self.text(entry, "MOTA", f"{path}.MOTA"),
            extra={key: value for key, value in entry.items() if key not in _TIME_LIMIT_KEYS},
        )
        raw = entry.get("THOIGIANGIAIQUYET")
        amount_path = f"{path}.THOIGIANGIAIQUYET"
        if raw is None or raw == "":
            self.warn(amount_path, _("Time limit missing."))
        elif isinstance(raw, bool) or not isinstance(raw, str | int | float):
            self.error(
                amount_path, _("Expected a number, got %(type)s.") % {"type": _type_name(raw)}
            )
        elif isinstance(raw, str) and not _DECIMAL_RE.fullmatch(raw.strip()):
            self.error(amount_path, _("The time limit %(value)r is not a number.") % {"value": raw})
        else:
            try:
                amount = Decimal(str(raw).strip())
            except InvalidOperation:  # pragma: no cover - guarded by the checks above
                amount = Decimal(-1)
            if amount < 0 or amount >= 1_000_000 or amount != amount.quantize(Decimal("0.01")):
                self.error(
                    amount_path, _("The time limit %(value)r is out of range.") % {"value": raw}
                )
            else:
                limit.amount = amount
        if limit.unit_label:
            unit = time_unit_for(limit.unit_label)
            if unit is None:
                self.warn(
                    f"{path}.DONVITINH",
                    _("Unknown time unit %(unit)r; kept as published.")
                    % {"unit": limit.unit_label},
                )
            else:
                limit.unit = unit
        elif limit.amount is not None:
            self.warn(f"{path}.DONVITINH", _("Time unit missing (working or calendar days?)."))
        limit.fees = [
            self.fee(fee, f"{path}.PHILEPHI[{position}]")
            for position, fee in enumerate(self.objects(entry, "PHILEPHI", f"{path}.PHILEPHI"))
        ]
        return limit

    def fee(self, entry: dict[str, Any], path: str) -> FeeData:
        fee = FeeData(
            code=self.text(entry, "MAPHILEPHI", f"{path}.MAPHILEPHI"),
            currency_label=self.text(entry, "DONVI", f"{path}.DONVI"),
            description=self.text(entry, "MOTA", f"{path}.MOTA"),
            file_name=self.text(entry, "TENTEP", f"{path}.TENTEP"),
            url=self.text(entry, "URL", f"{path}.URL"),
            extra={key: value for key, value in entry.items() if key not in _FEE_KEYS},
        )
        raw = entry.get("SOTIEN")
        amount_path = f"{path}.SOTIEN"
        if isinstance(raw, int) and not isinstance(raw, bool) and raw >= 0:
            fee.amount = Decimal(raw)
        elif isinstance(raw, str) and _INTEGER_RE.fullmatch(raw.strip()):
            fee.amount = Decimal(raw.strip())
        elif raw is None or raw == "":
            self.warn(amount_path, _("Fee amount missing."))
        elif isinstance(raw, str):
            fee.amount_label = self.text(entry, "SOTIEN", amount_path)
            self.warn(
                amount_path, _("Fee %(value)r is not a number; kept as text.") % {"value": raw}
            )
        else:
            self.error(
                amount_path, _("Expected an amount, got %(type)s.") % {"type": _type_name(raw)}
            )
        if fee.amount is not None and fee.amount >= 10**15:
            self.error(amount_path, _("The fee %(value)r is out of range.") % {"value": raw})
            fee.amount = None
        self.check_fee_consistency(fee, path)
        return fee

    def check_fee_consistency(self, fee: FeeData, path: str) -> None:
        if fee.currency_label and "usd" in fold(fee.currency_label):
            self.warn(
                f"{path}.DONVI",
                _("Fee in %(currency)s, not VND.") % {"currency": fee.currency_label},
            )
            return
        named = note_amounts(fee.description)
        if fee.amount is None or not named:
            return
        if fee.amount == 0 and any(named):
            self.warn(
                f"{path}.SOTIEN",
                _("Fee shown as free (0) but its note names an amount (%(amounts)s).")
                % {"amounts": ", ".join(f"{amount:,.0f}" for amount in sorted(named))},
            )
        elif fee.amount > 0 and fee.amount not in named:
            self.warn(
                f"{path}.SOTIEN",
                _("Fee %(amount)s VND disagrees with its note (%(amounts)s).")
                % {
                    "amount": f"{fee.amount:,.0f}",
                    "amounts": ", ".join(f"{amount:,.0f}" for amount in sorted(named)),
                },
            )

    def documents(self, record: dict[str, Any]) -> list[DocumentData]:
        documents: list[DocumentData] = []
        cases = self.objects(record, "THANHPHANHOSO", "THANHPHANHOSO")
        for case_position, case in enumerate(cases):
            case_path = f"THANHPHANHOSO[{case_position}]"
            case_name = self.text(case, "TRUONGHOP", f"{case_path}.TRUONGHOP")
            case_extra = {key: value for key, value in case.items() if key not in _CASE_KEYS}
            items = self.objects(case, "GIAYTO", f"{case_path}.GIAYTO")
            if not items:
                self.warn(f"{case_path}.GIAYTO", _("A case without documents is dropped."))
            for position, item in enumerate(items):
                path = f"{case_path}.GIAYTO[{position}]"
                document = DocumentData(
                    name=self.text(item, "TENGIAYTO", f"{path}.TENGIAYTO"),
                    case=case_name,
                    case_position=case_position,
                    code=self.text(item, "MAGIAYTO", f"{path}.MAGIAYTO"),
                    originals=self.count(item, "SOBANCHINH", f"{path}.SOBANCHINH"),
                    copies=self.count(item, "SOBANSAO", f"{path}.SOBANSAO"),
                    template_name=self.text(item, "TENMAUDON", f"{path}.TENMAUDON"),
                    template_url=self.text(item, "URL", f"{path}.URL"),
                    replacing_result_code=self.text(item, "MA_KQ_THAYTHE", f"{path}.MA_KQ_THAYTHE"),
                    extra={key: value for key, value in item.items() if key not in _DOCUMENT_KEYS},
                )
                if position == 0 and case_extra:
                    document.extra[CASE_EXTRA_KEY] = case_extra
                if not document.name.strip():
                    self.error(f"{path}.TENGIAYTO", _("The document name is missing."))
                elif document.originals == 0 and document.copies == 0:
                    self.warn(path, _("0 originals and 0 copies: probably a note, kept as a row."))
                documents.append(document)
        return documents


def parse_record(record: Any, index: int) -> ParseResult:
    """Validate one packet record at position ``index`` and read it into a ``ProcedureData``."""
    parser = _Parser(index)
    data = parser.record(record)
    result = ParseResult(data=data, issues=parser.issues)
    if result.errors:
        result.data = None
    return result


def _channel_to_packet(channel: ChannelData) -> dict[str, Any]:
    return {
        "KENH": str(channel.channel),
        "TENKENH": channel.name,
        "THOIGIAN": [_time_limit_to_packet(limit) for limit in channel.time_limits],
        **channel.extra,
    }


def _time_limit_to_packet(limit: TimeLimitData) -> dict[str, Any]:
    return {
        "THOIGIANGIAIQUYET": _decimal_text(limit.amount),
        "DONVITINH": limit.unit_label,
        "MOTA": limit.description,
        "PHILEPHI": [_fee_to_packet(fee) for fee in limit.fees],
        **limit.extra,
    }


def _fee_to_packet(fee: FeeData) -> dict[str, Any]:
    return {
        "MAPHILEPHI": fee.code,
        "SOTIEN": fee.amount_label or _decimal_text(fee.amount),
        "DONVI": fee.currency_label,
        "MOTA": fee.description,
        "TENTEP": fee.file_name,
        "URL": fee.url,
        **fee.extra,
    }


def _documents_to_packet(documents: list[DocumentData]) -> list[dict[str, Any]]:
    cases: dict[int, dict[str, Any]] = {}
    for document in documents:
        extra = dict(document.extra)
        case_extra = extra.pop(CASE_EXTRA_KEY, {})
        case = cases.setdefault(document.case_position, {"TRUONGHOP": document.case, "GIAYTO": []})
        case.update(case_extra)
        case["GIAYTO"].append(
            {
                "MAGIAYTO": document.code,
                "TENGIAYTO": document.name,
                "SOBANCHINH": str(document.originals),
                "SOBANSAO": str(document.copies),
                "TENMAUDON": document.template_name,
                "URL": document.template_url,
                "MA_KQ_THAYTHE": document.replacing_result_code,
                **extra,
            }
        )
    return [cases[position] for position in sorted(cases)]


def _decimal_text(value: Decimal | None) -> str:
    """Write a number as the portal does: ``"5"``, ``"0.5"``; empty when missing.

    >>> _decimal_text(Decimal("10.00")), _decimal_text(Decimal("0.50")), _decimal_text(None)
    ('10', '0.5', '')
    """
    if value is None:
        return ""
    return format(value.normalize(), "f")


def _drop_empty(value: Any) -> Any:
    if isinstance(value, dict):
        cleaned = {key: _drop_empty(item) for key, item in value.items()}
        return {key: item for key, item in cleaned.items() if item not in ("", None, [], {})}
    if isinstance(value, list):
        return [_drop_empty(item) for item in value]
    return value


def _type_name(value: Any) -> str:
    return {
        dict: "an object",
        list: "a list",
        str: "text",
        bool: "true/false",
        int: "a number",
        float: "a number",
        type(None): "null",
    }.get(type(value), type(value).__name__)
