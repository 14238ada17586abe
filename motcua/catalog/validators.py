"""Validators for catalog codes (pure)."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Code in the national procedure database (mã TTHC): 1.000948, 1.000948.H38, 1.010708.000.
PROCEDURE_CODE_RE = re.compile(r"^[1-3]\.\d{6}(\.[A-Z0-9]{3})?$")


def is_procedure_code(value: str) -> bool:
    """Tell whether ``value`` is a national procedure code.

    >>> is_procedure_code("1.000948.H38"), is_procedure_code("1.001193"), is_procedure_code("4.1")
    (True, True, False)
    """
    return bool(PROCEDURE_CODE_RE.fullmatch(value))


def validate_procedure_code(value: str) -> None:
    if not is_procedure_code(value):
        raise ValidationError(
            _("Enter a procedure code like 1.000948 or 1.000948.H38."),
            code="invalid_procedure_code",
        )
