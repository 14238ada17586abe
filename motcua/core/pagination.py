"""Keyset pagination for list APIs: signed opaque cursors and the page query.

A page starts strictly after the sort key of the last item served (``WHERE key > last``), so
pages never overlap or skip however many rows were added or removed in between, and page 1,000
costs what page 1 costs (no OFFSET). The sort key is read from the queryset's own ``order_by``:
any list whose ordering ends in a unique, non-null field can be paged this way.

A cursor carries its *scope* (which list, e.g. the search query it ranks by), the ordering fields
and the key. It is signed with SECRET_KEY: a client cannot forge one, so a key's values always
have the types the ordering fields expect.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypeVar
from urllib.parse import urlencode

from django.core import signing
from django.db.models import Model, Q, QuerySet
from django.utils.translation import gettext_lazy as _
from rest_framework.request import Request

from motcua.core.errors import ValidationFailedError

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
_SALT = "motcua.core.pagination.cursor"

KeyValue = str | int | float
ModelT = TypeVar("ModelT", bound=Model)


class InvalidCursorError(ValidationFailedError):
    code = "invalid_cursor"
    title = _("The cursor is not valid.")
    message_template = _(
        "The cursor is not valid for this list; start again from the first page without a cursor."
    )

    def __init__(self) -> None:
        super().__init__(errors={"cursor": [str(self.title)]})


@dataclass(frozen=True, slots=True)
class Keyset:
    """The sort key of one row: its values for the ``order_by`` fields ("-" = descending)."""

    order_by: tuple[str, ...]
    values: tuple[KeyValue, ...]


@dataclass(frozen=True, slots=True)
class Cursor:
    """Where a page of the list ``scope`` starts: strictly after ``keyset``."""

    scope: str
    keyset: Keyset


def cursor_encode(cursor: Cursor) -> str:
    """Sign and encode a cursor as a URL-safe string."""
    payload = {
        "s": cursor.scope,
        "o": list(cursor.keyset.order_by),
        "k": list(cursor.keyset.values),
    }
    return signing.dumps(payload, salt=_SALT, compress=True)


def cursor_decode(value: str, *, scope: str) -> Keyset:
    """The keyset of a cursor made for ``scope``; InvalidCursorError for anything else."""
    try:
        payload = signing.loads(value, salt=_SALT)
    except (signing.BadSignature, ValueError, UnicodeError) as exc:
        raise InvalidCursorError from exc
    if not isinstance(payload, dict) or payload.get("s") != scope:
        raise InvalidCursorError
    order_by, values = payload.get("o"), payload.get("k")
    if (
        not isinstance(order_by, list)
        or not isinstance(values, list)
        or len(order_by) != len(values)
        or not all(isinstance(field, str) for field in order_by)
        or not all(isinstance(v, str | int | float) and not isinstance(v, bool) for v in values)
    ):
        raise InvalidCursorError
    return Keyset(order_by=tuple(order_by), values=tuple(values))


def keyset_filter(keyset: Keyset) -> Q:
    """Rows strictly after ``keyset`` in its ordering.

    >>> keyset_filter(Keyset(("-rank", "code"), (8, "1.000948")))
    <Q: (OR: ('rank__lt', 8), (AND: ('rank', 8), ('code__gt', '1.000948')))>
    """
    after = Q()
    for position, field in enumerate(keyset.order_by):
        name = field.removeprefix("-")
        equal = {
            earlier.removeprefix("-"): value
            for earlier, value in zip(
                keyset.order_by[:position], keyset.values[:position], strict=True
            )
        }
        lookup = f"{name}__lt" if field.startswith("-") else f"{name}__gt"
        after |= Q(**equal, **{lookup: keyset.values[position]})
    return after


def keyset_of(row: Model, order_by: Sequence[str]) -> Keyset:
    """The keyset of ``row`` (fields may follow relations: ``procedure__code``)."""
    values: list[KeyValue] = []
    for field in order_by:
        value: Any = row
        for part in field.removeprefix("-").split("__"):
            value = getattr(value, part)
        if isinstance(value, dt.date):  # dates and datetimes compare as ISO strings in lookups
            value = value.isoformat()
        if not isinstance(value, str | int | float) or isinstance(value, bool):
            raise TypeError(f"cannot page on {field}={value!r}: not a non-null scalar")
        values.append(value)
    return Keyset(order_by=tuple(order_by), values=tuple(values))


def keyset_page(
    rows: QuerySet[ModelT], *, after: Keyset | None, limit: int
) -> tuple[list[ModelT], Keyset | None]:
    """Up to ``limit`` rows after ``after`` in the queryset's order, and the keyset to go on.

    The queryset's ``order_by`` must be field names ending in a unique one. A keyset taken under
    another ordering (the code changed between two requests) raises InvalidCursorError.
    """
    if rows.query.is_empty():  # qs.none(): nothing to page, whatever its ordering
        return [], None
    order_by = tuple(str(field) for field in rows.query.order_by)
    if not order_by or not all(isinstance(f, str) for f in rows.query.order_by):
        raise ValueError("keyset_page needs a queryset ordered by field names")
    if after is not None:
        if after.order_by != order_by:
            raise InvalidCursorError
        rows = rows.filter(keyset_filter(after))
    fetched = list(rows[: limit + 1])
    page = fetched[:limit]
    next_keyset = keyset_of(page[-1], order_by) if len(fetched) > limit else None
    return page, next_keyset


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
