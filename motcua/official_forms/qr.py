"""The QR code of a form (Circular 01/2023/TT-VPCP Art 11): its content and its SVG image.

Pure: the minimum content is the dossier code, the procedure code, the applicant's identity, the
document name, the issuing system and the time of issue; a receipt adds the appointment date.
The content is JSON (UTF-8), so any reader can parse it; the image follows ISO/IEC 18004.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

import segno


@dataclass(frozen=True, slots=True)
class QrContent:
    dossier_code: str
    procedure_code: str
    applicant_identity: str
    document_name: str
    issuing_system: str
    issued_at: dt.datetime
    appointment_at: dt.datetime | None = None

    def as_text(self) -> str:
        """The encoded text: compact JSON with ISO 8601 times in the local offset."""
        data: dict[str, str] = {
            "dossier_code": self.dossier_code,
            "procedure_code": self.procedure_code,
            "applicant_identity": self.applicant_identity,
            "document_name": self.document_name,
            "issuing_system": self.issuing_system,
            "issued_at": self.issued_at.isoformat(timespec="seconds"),
        }
        if self.appointment_at is not None:
            data["appointment_at"] = self.appointment_at.isoformat(timespec="seconds")
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def qr_svg_data_uri(text: str) -> str:
    """An SVG data URI of the QR code for ``text`` (error correction M, quiet zone 4)."""
    code = segno.make(text, error="m", encoding="utf-8", micro=False)
    return str(code.svg_data_uri(scale=4, border=4))
