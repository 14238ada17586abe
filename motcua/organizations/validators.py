"""Validators for organization identifiers (pure)."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# QCVN 102:2016/BTTTT electronic identifier of an agency: V1V2V3.Z1Z2.Y1Y2.MX1X2,
# e.g. 000.00.00.H29 (a provincial People's Committee) or 000.12.31.H29 (a commune).
AGENCY_IDENTIFIER_RE = re.compile(r"^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$")


def is_agency_identifier(value: str) -> bool:
    """Tell whether ``value`` is a QCVN 102 agency identifier.

    >>> is_agency_identifier("000.00.00.H29"), is_agency_identifier("H29")
    (True, False)
    """
    return bool(AGENCY_IDENTIFIER_RE.fullmatch(value))


def validate_agency_identifier(value: str) -> None:
    if not is_agency_identifier(value):
        raise ValidationError(
            _("Enter an agency identifier like 000.00.00.H29 (QCVN 102)."),
            code="invalid_agency_identifier",
        )
