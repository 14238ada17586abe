"""Keyset pagination for list APIs: opaque cursors and the ``{"results", "next"}`` envelope.

A cursor names the ordering it was made for and the sort key of the last item served, so the next
page starts strictly after that key (``WHERE key > last``) however many rows were added or removed
in between; unlike OFFSET it costs the same on page 1 and page 1,000. The cursor is base64url JSON:
opaque to clients, but never trusted either, since its contents are checked before use.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.utils.translation import gettext_lazy as _
from rest_framework.request import Request

from motcua.core.errors import ValidationFailedError

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100

# A key is a short tuple of JSON scalars (e.g. ``(score, code)`` or ``(code,)``).
KeyValue = str | int | float


class InvalidCursorError(ValidationFailedError):
    code = "invalid_cursor"
    title = _("The cursor is not valid.")
    message_template = _(
        "The cursor is not valid for this list; start again from the first page without a cursor."
    )


@dataclass(frozen=True, slots=True)
class Cursor:
    """Where a page starts: after ``key`` in ``ordering``."""

    ordering: str
    key: tuple[KeyValue, ...]


def cursor_encode(cursor: Cursor) -> str:
    """Encode a cursor as an opaque, URL-safe string.

    >>> cursor_encode(Cursor("code", ("1.000948",)))
    'eyJvIjoiY29kZSIsImsiOlsiMS4wMDA5NDgiXX0'
    """
    raw = json.dumps({"o": cursor.ordering, "k": list(cursor.key)}, separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def cursor_decode(value: str, *, ordering: str, key_types: Sequence[type]) -> Cursor:
    """Decode a cursor made for ``ordering`` whose key has ``key_types``; else InvalidCursorError.

    >>> cursor_decode("eyJvIjoiY29kZSIsImsiOlsiMS4wMDA5NDgiXX0", ordering="code", key_types=[str])
    Cursor(ordering='code', key=('1.000948',))
    """
    try:
        padded = value + "=" * (-len(value) % 4)
        payload = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
    except (ValueError, UnicodeError, binascii.Error) as exc:
        raise InvalidCursorError(errors={"cursor": [str(InvalidCursorError.title)]}) from exc
    if not _matches(payload, ordering=ordering, key_types=key_types):
        raise InvalidCursorError(errors={"cursor": [str(InvalidCursorError.title)]})
    return Cursor(ordering=ordering, key=tuple(payload["k"]))


def _matches(payload: Any, *, ordering: str, key_types: Sequence[type]) -> bool:
    if not isinstance(payload, dict) or payload.get("o") != ordering:
        return False
    key = payload.get("k")
    if not isinstance(key, list) or len(key) != len(key_types):
        return False
    for item, expected in zip(key, key_types, strict=True):
        # bool is an int to Python, never a valid key; ints are acceptable floats (JSON 1.0 → 1).
        if isinstance(item, bool):
            return False
        if expected is float and isinstance(item, int | float):
            continue
        if not isinstance(item, expected):
            return False
    return True


def next_page_url(request: Request, cursor: Cursor | None) -> str | None:
    """The absolute URL of the next page: this request's query with ``cursor`` replaced."""
    if cursor is None:
        return None
    params = [
        (name, value)
        for name, values in request.query_params.lists()
        if name != "cursor"
        for value in values
    ]
    params.append(("cursor", cursor_encode(cursor)))
    return request.build_absolute_uri(f"{request.path}?{urlencode(params)}")
