"""The official printed forms of the one-stop shop (Circular 01/2018/TT-VPCP Art 9, Circular 03/2025).

Pure: the kinds, their numbers, paper sizes and template names. Numbering follows Circular
01/2018 (05 = process control slip, 06 = tracking book); the stop notice comes from Circular
03/2025 (its Mẫu 05) and has no number in the 2018 list.
"""

from __future__ import annotations

import enum

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class FormKind(enum.StrEnum):
    """A printed form; the value is used in URLs and file names."""

    RECEIPT = "receipt"  # Mẫu 01 Giấy tiếp nhận hồ sơ và hẹn trả kết quả (A5)
    SUPPLEMENT_REQUEST = "supplement-request"  # Mẫu 02 Phiếu yêu cầu bổ sung, hoàn thiện (A5)
    REFUSAL = "refusal"  # Mẫu 03 Phiếu từ chối tiếp nhận giải quyết hồ sơ (A5)
    APOLOGY = "apology"  # Mẫu 04 Phiếu xin lỗi và hẹn lại ngày trả kết quả (A5)
    CONTROL_SLIP = "control-slip"  # Mẫu 05 Phiếu kiểm soát quá trình giải quyết hồ sơ (A5)
    TRACKING_BOOK = "tracking-book"  # Mẫu 06 Sổ theo dõi hồ sơ (A4, per period)
    STOP_NOTICE = "stop-notice"  # Thông báo dừng giải quyết hồ sơ (Circular 03/2025)

    @property
    def number(self) -> str:
        """The form number of Circular 01/2018 ("01"…"06"), empty for the stop notice."""
        return _NUMBERS[self]

    @property
    def paper(self) -> str:
        """The paper size the circular prescribes (CSS ``@page`` size)."""
        return "A4" if self in (FormKind.TRACKING_BOOK, FormKind.STOP_NOTICE) else "A5"

    @property
    def template_name(self) -> str:
        return f"official_forms/{self.value.replace('-', '_')}.html"

    @property
    def official_name(self) -> str | Promise:
        """The official name of the form (its document name in the QR code)."""
        return _TITLES[self]


_NUMBERS = {
    FormKind.RECEIPT: "01",
    FormKind.SUPPLEMENT_REQUEST: "02",
    FormKind.REFUSAL: "03",
    FormKind.APOLOGY: "04",
    FormKind.CONTROL_SLIP: "05",
    FormKind.TRACKING_BOOK: "06",
    FormKind.STOP_NOTICE: "",
}

_TITLES = {
    FormKind.RECEIPT: _("Dossier receipt and appointment for the result"),
    FormKind.SUPPLEMENT_REQUEST: _("Request to supplement and complete the dossier"),
    FormKind.REFUSAL: _("Refusal to receive and process the dossier"),
    FormKind.APOLOGY: _("Apology and new appointment for the result"),
    FormKind.CONTROL_SLIP: _("Dossier processing control slip"),
    FormKind.TRACKING_BOOK: _("Dossier tracking book"),
    FormKind.STOP_NOTICE: _("Notice of stopping the processing of the dossier"),
}

#: The forms issued for one dossier (the tracking book covers a period instead).
DOSSIER_FORMS = tuple(k for k in FormKind if k is not FormKind.TRACKING_BOOK)
