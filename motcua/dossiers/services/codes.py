"""Dossier codes ``<agency identifier>-YYMMDD-NNNN`` (Circular 01/2018/TT-VPCP Art 19)."""

from __future__ import annotations

import datetime as dt

from django.db import connection

from motcua.dossiers.models import DossierCodeCounter
from motcua.organizations.models import Agency


def format_code(identifier: str, day: dt.date, number: int) -> str:
    """Format a dossier code; the number has at least 4 digits.

    >>> format_code("000.00.00.H29", dt.date(2026, 3, 2), 7)
    '000.00.00.H29-260302-0007'
    """
    return f"{identifier}-{day:%y%m%d}-{number:04d}"


def dossier_code_next(*, agency: Agency, day: dt.date) -> str:
    """Take the next code of ``agency`` for ``day``; call inside the transaction that uses it.

    One statement creates the day's counter row or increments it (an upsert), which locks the
    row until the transaction ends: two receptions never get the same number, and a rolled-back
    one gives its number back (no gap among committed codes). Never ``MAX() + 1``.
    """
    table = connection.ops.quote_name(DossierCodeCounter._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (agency_id, day, last_number) VALUES (%s, %s, 1) "  # noqa: S608 - the table name is ours
            f"ON CONFLICT (agency_id, day) DO UPDATE SET last_number = {table}.last_number + 1 "
            "RETURNING last_number",
            [agency.pk, day],
        )
        row = cursor.fetchone()
    return format_code(agency.identifier, day, int(row[0]))
