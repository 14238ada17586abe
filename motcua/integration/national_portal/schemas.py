"""The national portal's packets, field for field (legal-spec §4.1 and §4.2); pure, no Django.

The one module where the portal's Vietnamese field names appear as identifiers (STYLE.md §4):
``mapping.py`` translates between them and our model. ``*_errors`` functions check a packet against
the specification and return every problem found (an empty list: valid); the fake portal rejects a
packet with any problem, and the tests check that what we send has none.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any, Final, TypedDict

# --- wire conventions --------------------------------------------------------------------------

#: Timestamps are local time (Asia/Ho_Chi_Minh) as ``yyyyMMddHHmmss``.
TIMESTAMP_FORMAT: Final = "%Y%m%d%H%M%S"
TIMESTAMP_RE: Final = re.compile(r"^\d{14}$")
#: Progress entries (QuaTrinhXuLy) are posted in chunks of at most this many.
PROGRESS_CHUNK_SIZE: Final = 10
#: The abstract (TrichYeuHoSo) is truncated to this many characters.
ABSTRACT_MAX_LENGTH: Final = 1000
#: The handler's name (NguoiXuLy) is at most this many characters.
HANDLER_MAX_LENGTH: Final = 50

# Reply codes (error_code) and the words of their messages.
SUCCESS_CODE: Final = "0"
ALREADY_EXISTS_CODES: Final = frozenset({"3", "-3"})
INVALID_CODE: Final = "1"
NOT_FOUND_CODE: Final = "2"
SUCCESS_MESSAGE: Final = "Thành công"
ALREADY_EXISTS_MESSAGE: Final = "Hồ sơ đã tồn tại"
NOT_FOUND_MESSAGE: Final = "Hồ sơ không tồn tại"
INVALID_MESSAGE: Final = "Dữ liệu không hợp lệ"

STATUS_CODES: Final = frozenset(range(1, 11))  # TrangThaiHoSo 1…10
CHANNEL_CODES: Final = frozenset({1, 2, 3})  # KenhThucHien
APPLICANT_TYPE_CODES: Final = frozenset({1, 2, 3, 4})  # LoaiDoiTuong
ONLINE_PAYMENT_CODES: Final = frozenset({1, 2, 3})  # DuocThanhToanTrucTuyen


# --- dossier packet (HoSoDongBoDVC) ------------------------------------------------------------


class TaiLieuNop(TypedDict):
    TepDinhKemId: str
    TenTepDinhKem: str
    IsDeleted: bool
    MaThanhPhanHoSo: str
    DuongDanTaiTepTin: str
    DuocSoHoa: int
    DuocTaiSuDung: int
    DuocLayTuKhoDMQG: int
    MaKetQuaThayThe: str


class LePhi(TypedDict):
    TenPhiLePhi: str
    MaPhiLePhi: str
    HinhThucThu: int
    Gia: int
    LoaiPhiLePhi: int


class GiayToKetQua(TypedDict):
    TenGiayTo: str
    MaThanhPhanHoSo: str
    GiayToId: str
    DuongDanTepTinKetQua: str
    MaGiayToKetQua: str


class HoSoBoSung(TypedDict):
    HoSoBoSungId: str
    NguoiYeuCauBoSung: str
    NoiDungBoSung: str
    NgayBoSung: str
    NguoiTiepNhanBoSung: str
    ThongTinTiepNhan: str
    NgayTiepNhanBoSung: str | None
    TrangThaiBoSung: int
    DanhSachGiayToBoSung: list[dict[str, Any]]
    DanhSachLePhiBoSung: list[dict[str, Any]]
    NgayHenTraTruoc: str | None
    NgayHenTraMoi: str | None


class TepDinhKemKhac(TypedDict):
    TenGiayTo: str
    SoLuong: int
    LoaiGiayTo: str


class DinhDanh(TypedDict):
    LoaiDinhDanh: str
    SoDinhDanh: str


class KetNoiCSDL(TypedDict):
    MaCSDL: str


class HoSoDongBoDVC(TypedDict):
    """One dossier in a create (URLThemMoi) or update (URLCapNhat) packet."""

    MaHoSo: str
    MaTTHC: str
    TenTTHC: str
    MaLinhVuc: str
    TenLinhVuc: str
    KenhThucHien: int
    SoGiayToChuHoSo: str
    ChuHoSo: str
    LoaiDoiTuong: int
    MaDoiTuong: str
    ThongTinKhac: str
    Email: str
    Fax: str
    SoDienThoai: str
    TrichYeuHoSo: str
    NgayTiepNhan: str | None
    NgayHenTra: str | None
    TrangThaiHoSo: int
    NgayTra: str | None
    ThongTinTra: str
    HinhThuc: int
    NgayKetThucXuLy: str | None
    DonViXuLy: str
    GhiChu: str
    TaiLieuNop: list[TaiLieuNop]
    DanhSachLePhi: list[LePhi]
    DanhSachTepDinhKemKhac: list[TepDinhKemKhac]
    DanhSachHoSoBoSung: list[HoSoBoSung]
    DanhSachGiayToKetQua: list[GiayToKetQua]
    NoiNopHoSo: int
    HoSoCoThanhPhanSoHoa: int
    TaiKhoanDuocXacThucVoiVNeID: int
    DuocThanhToanTrucTuyen: int
    NgayTuChoi: str | None
    DinhDanhCHS: list[DinhDanh]
    NgayNopHoSo: str
    DSKetNoiCSDL: list[KetNoiCSDL]


class QuaTrinhXuLyDongBoDVC(TypedDict):
    """One processing step in a progress packet (URLDongBoTienTrinh)."""

    MaHoSo: str
    NguoiXuLy: str
    ChucDanh: str
    ThoiDiemXuLy: str
    PhongBanXuLy: str
    NoiDungXuLy: str
    TrangThai: int
    NgayBatDau: str
    NgayKetThucTheoQuyDinh: str | None


class PhanHoi(TypedDict):
    """The portal's reply to every packet."""

    error_code: str
    message: str


DOSSIER_FIELDS: Final = tuple(HoSoDongBoDVC.__annotations__)
PROGRESS_FIELDS: Final = tuple(QuaTrinhXuLyDongBoDVC.__annotations__)

# --- checking ----------------------------------------------------------------------------------

_Check = Callable[[Any], bool]


def _text(max_length: int | None = None, *, required: bool = False) -> _Check:
    def check(value: Any) -> bool:
        if not isinstance(value, str):
            return False
        if required and not value.strip():
            return False
        return max_length is None or len(value) <= max_length

    return check


def _timestamp(*, required: bool) -> _Check:
    def check(value: Any) -> bool:
        if value is None:
            return not required
        return isinstance(value, str) and TIMESTAMP_RE.fullmatch(value) is not None

    return check


def _code(allowed: frozenset[int]) -> _Check:
    return lambda value: type(value) is int and value in allowed


def _flag(value: Any) -> bool:
    return type(value) is int and value in (0, 1)


def _objects(fields: tuple[str, ...]) -> _Check:
    def check(value: Any) -> bool:
        return isinstance(value, list) and all(
            isinstance(item, dict) and set(fields) <= set(item) for item in value
        )

    return check


_DOSSIER_CHECKS: Final[dict[str, _Check]] = {
    "MaHoSo": _text(50, required=True),
    "MaTTHC": _text(50, required=True),
    "TenTTHC": _text(required=True),
    "MaLinhVuc": _text(50, required=True),
    "TenLinhVuc": _text(),
    "KenhThucHien": _code(CHANNEL_CODES),
    "SoGiayToChuHoSo": _text(20),
    "ChuHoSo": _text(255, required=True),
    "LoaiDoiTuong": _code(APPLICANT_TYPE_CODES),
    "MaDoiTuong": _text(),
    "ThongTinKhac": _text(),
    "Email": _text(254),
    "Fax": _text(20),
    "SoDienThoai": _text(20),
    "TrichYeuHoSo": _text(ABSTRACT_MAX_LENGTH),
    "NgayTiepNhan": _timestamp(required=False),
    "NgayHenTra": _timestamp(required=False),
    "TrangThaiHoSo": _code(STATUS_CODES),
    "NgayTra": _timestamp(required=False),
    "ThongTinTra": _text(),
    "HinhThuc": _code(frozenset({0, 1, 2, 3})),
    "NgayKetThucXuLy": _timestamp(required=False),
    "DonViXuLy": _text(required=True),
    "GhiChu": _text(),
    "TaiLieuNop": _objects(tuple(TaiLieuNop.__annotations__)),
    "DanhSachLePhi": _objects(tuple(LePhi.__annotations__)),
    "DanhSachTepDinhKemKhac": _objects(tuple(TepDinhKemKhac.__annotations__)),
    "DanhSachHoSoBoSung": _objects(tuple(HoSoBoSung.__annotations__)),
    "DanhSachGiayToKetQua": _objects(tuple(GiayToKetQua.__annotations__)),
    "NoiNopHoSo": _code(frozenset({1, 2})),
    "HoSoCoThanhPhanSoHoa": _flag,
    "TaiKhoanDuocXacThucVoiVNeID": _flag,
    "DuocThanhToanTrucTuyen": _code(ONLINE_PAYMENT_CODES),
    "NgayTuChoi": _timestamp(required=False),
    "DinhDanhCHS": _objects(tuple(DinhDanh.__annotations__)),
    "NgayNopHoSo": _timestamp(required=True),
    "DSKetNoiCSDL": _objects(tuple(KetNoiCSDL.__annotations__)),
}

_PROGRESS_CHECKS: Final[dict[str, _Check]] = {
    "MaHoSo": _text(50, required=True),
    "NguoiXuLy": _text(HANDLER_MAX_LENGTH, required=True),
    "ChucDanh": _text(),
    "ThoiDiemXuLy": _timestamp(required=True),
    "PhongBanXuLy": _text(),
    "NoiDungXuLy": _text(required=True),
    "TrangThai": _code(STATUS_CODES),
    "NgayBatDau": _timestamp(required=True),
    "NgayKetThucTheoQuyDinh": _timestamp(required=False),
}


def _object_errors(item: Any, checks: Mapping[str, _Check], where: str) -> list[str]:
    if not isinstance(item, dict):
        return [f"{where}: not an object"]
    errors = [f"{where}.{name}: missing" for name in checks if name not in item]
    errors += [
        f"{where}.{name}: invalid value {item[name]!r}"
        for name, check in checks.items()
        if name in item and not check(item[name])
    ]
    errors += [f"{where}.{name}: unknown field" for name in item if name not in checks]
    return errors


def dossier_packet_errors(packet: Any) -> list[str]:
    """Problems of a create/update packet: a non-empty JSON array of HoSoDongBoDVC objects."""
    if not isinstance(packet, list) or not packet:
        return ["the packet must be a non-empty array"]
    errors: list[str] = []
    for index, item in enumerate(packet):
        errors += _object_errors(item, _DOSSIER_CHECKS, f"[{index}]")
    return errors


def progress_packet_errors(packet: Any) -> list[str]:
    """Problems of a progress packet: an array of 1 to 10 QuaTrinhXuLyDongBoDVC objects."""
    if not isinstance(packet, list) or not packet:
        return ["the packet must be a non-empty array"]
    if len(packet) > PROGRESS_CHUNK_SIZE:
        return [f"at most {PROGRESS_CHUNK_SIZE} entries per packet, got {len(packet)}"]
    errors: list[str] = []
    for index, item in enumerate(packet):
        errors += _object_errors(item, _PROGRESS_CHECKS, f"[{index}]")
    return errors


def reply_of(raw: Any) -> PhanHoi | None:
    """The reply if ``raw`` has the reply's shape (two strings), else None (a malformed reply)."""
    if (
        isinstance(raw, dict)
        and isinstance(raw.get("error_code"), str)
        and isinstance(raw.get("message"), str)
    ):
        return PhanHoi(error_code=raw["error_code"], message=raw["message"])
    return None


def is_success(reply: PhanHoi) -> bool:
    """``error_code "0"`` is success (the reference client also looks for "thành công")."""
    return reply["error_code"] == SUCCESS_CODE


def is_already_exists(reply: PhanHoi) -> bool:
    """``"3"``/``"-3"`` with "đã tồn tại": the dossier is already there, so update it instead."""
    return reply["error_code"] in ALREADY_EXISTS_CODES and "đã tồn tại" in reply["message"].lower()


# --- procedure packet (GoiTinThuTucQG, §4.2) ---------------------------------------------------

#: Top-level fields of a procedure record; the catalog's packet parser checks their content.
PROCEDURE_FIELDS: Final = (
    "ID",
    "MaTTHC",
    "TENTTHC",
    "MACOQUANCONGBO",
    "LOAITTHC",
    "MOTADOITUONGTHUCHIEN",
    "DIACHITIEPNHAN",
    "QUYETDINH",
    "YEUCAU",
    "TUKHOA",
    "IDQUYETDINHCONGBO",
    "TRANGTHAI",
    "MOTACOQUANTHUCHIEN",
    "MOTACOQUANTHAMQUYEN",
    "MOTA",
    "TRINHTUTHUCHIEN",
    "CAPTHUCHIEN",
    "LINHVUCTHUCHIEN",
    "CACHTHUCTHUCHIEN",
    "DOITUONGTHUCHIEN",
    "THANHPHANHOSO",
    "KETQUATHUCHIEN",
    "CANCUPHAPLY",
    "TTHCLIENQUAN",
    "TTHCLIENTHONG",
    "COQUANTHUCHIEN",
    "COQUANCOTHAMQUYEN",
    "COQUANDUOCUYQUYEN",
    "COQUANPHOIHOP",
)


def procedure_page_errors(page: Any) -> list[str]:
    """Problems of a page of procedure records: ``{"data": [record…], "next": int | None}``."""
    if not isinstance(page, dict) or not isinstance(page.get("data"), list):
        return ["a page is an object with a data array"]
    if page.get("next") is not None and type(page.get("next")) is not int:
        return ["next must be a page number or null"]
    return [
        f"data[{index}]: a record needs MaTTHC and TENTTHC"
        for index, record in enumerate(page["data"])
        if not isinstance(record, dict) or not record.get("MaTTHC") or not record.get("TENTTHC")
    ]


# --- intake (a dossier submitted on the national portal) ---------------------------------------


class HoSoTiepNhanTuDVCQG(TypedDict):
    """A dossier the national portal forwards to the province (intake); fields as in HoSoDongBoDVC."""

    MaHoSoQG: str  # the portal's own id of the dossier: the intake is idempotent by it
    MaTTHC: str
    MaDonVi: str  # the identifier (QCVN 102) of the receiving agency
    ChuHoSo: str
    LoaiDoiTuong: int
    SoGiayToChuHoSo: str
    SoDienThoai: str
    Email: str
    DiaChi: str
    NgayNopHoSo: str
    DuLieuBieuMau: dict[str, Any]


_INTAKE_CHECKS: Final[dict[str, _Check]] = {
    "MaHoSoQG": _text(100, required=True),
    "MaTTHC": _text(50, required=True),
    "MaDonVi": _text(13, required=True),
    "ChuHoSo": _text(255, required=True),
    "LoaiDoiTuong": _code(APPLICANT_TYPE_CODES),
    "SoGiayToChuHoSo": _text(20, required=True),
    "SoDienThoai": _text(20),
    "Email": _text(254),
    "DiaChi": _text(500),
    "NgayNopHoSo": _timestamp(required=True),
    "DuLieuBieuMau": lambda value: isinstance(value, dict),
}


def intake_packet_errors(packet: Any) -> dict[str, list[str]]:
    """Problems of an intake packet, by field (empty: valid)."""
    if not isinstance(packet, dict):
        return {"": ["the packet must be an object"]}
    errors: dict[str, list[str]] = {}
    for name, check in _INTAKE_CHECKS.items():
        if name not in packet:
            errors[name] = ["missing"]
        elif not check(packet[name]):
            errors[name] = ["invalid value"]
    for name in packet:
        if name not in _INTAKE_CHECKS:
            errors[name] = ["unknown field"]
    return errors
