"""Applicant identity numbers and form data, checked without the database (pure)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

# Căn cước công dân: 12 digits; the first 3 are the province of birth (001–096).
CITIZEN_ID_RE = re.compile(r"^(0\d{2})\d{9}$")
# Mã số doanh nghiệp / mã số thuế: 10 digits, or 10 digits, a dash and a 3-digit branch number.
ENTERPRISE_CODE_RE = re.compile(r"^\d{10}(-\d{3})?$")


def is_citizen_id(value: str) -> bool:
    """Tell whether ``value`` is a 12-digit citizen identity number (CCCD) with a valid province.

    >>> is_citizen_id("001203012345"), is_citizen_id("099203012345"), is_citizen_id("12345")
    (True, False, False)
    """
    match = CITIZEN_ID_RE.fullmatch(value)
    return match is not None and 1 <= int(match.group(1)) <= 96


def is_enterprise_code(value: str) -> bool:
    """Tell whether ``value`` is an enterprise or tax code (10 digits, optional -NNN branch).

    The check digit's algorithm is not in our legal sources, so only the shape is checked.

    >>> is_enterprise_code("0100109106"), is_enterprise_code("0100109106-001")
    (True, True)
    >>> is_enterprise_code("01001091"), is_enterprise_code("0100109106-1")
    (False, False)
    """
    return bool(ENTERPRISE_CODE_RE.fullmatch(value))


MAX_FORM_FIELDS = 200
MAX_FORM_VALUE_LENGTH = 5000
_FIELD_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
    "date": (str,),
}
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def form_data_errors(data: Any, schema: Any) -> dict[str, list[str]]:
    """Check form data against a procedure's field schema; return ``{field: [problem]}``.

    ``schema`` is a list of ``{"name", "type", "required"}`` (types: string, integer, number,
    boolean, date) or empty: then any flat object of scalar values is accepted.

    >>> form_data_errors({"age": "x"}, [{"name": "age", "type": "integer", "required": True}])
    {'age': ['must be integer']}
    """
    if not isinstance(data, Mapping):
        return {"form_data": ["must be an object"]}
    errors: dict[str, list[str]] = {}
    if len(data) > MAX_FORM_FIELDS:
        errors["form_data"] = ["too many fields"]
    for name, value in data.items():
        if isinstance(value, bool | int | float) or value is None:
            continue
        if not isinstance(value, str):
            errors.setdefault(str(name), []).append("must be a scalar value")
        elif len(value) > MAX_FORM_VALUE_LENGTH:
            errors.setdefault(str(name), []).append("too long")
    for field in schema or []:
        name = str(field.get("name", ""))
        if name not in data or data[name] in (None, ""):
            if field.get("required"):
                errors.setdefault(name, []).append("required")
            continue
        kind = str(field.get("type", "string"))
        value = data[name]
        types = _FIELD_TYPES.get(kind, (str,))
        wrong = not isinstance(value, types) or (kind != "boolean" and isinstance(value, bool))
        if not wrong and kind == "date" and not _DATE_RE.fullmatch(value):
            wrong = True
        if wrong:
            errors.setdefault(name, []).append(f"must be {kind}")
    return errors
