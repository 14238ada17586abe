"""Dossier codes ``<agency identifier>-YYMMDD-NNNN`` (Circular 01/2018/TT-VPCP Art 19)."""

from __future__ import annotations

import datetime as dt

from motcua.dossiers.locks import code_counter_qs_for_update
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

    The counter row is created if missing (ignoring a concurrent creation), then locked, so two
    receptions never get the same number and a rolled-back one leaves no gap in committed codes.
    """
    DossierCodeCounter.objects.bulk_create(
        [DossierCodeCounter(agency=agency, day=day, last_number=0)], ignore_conflicts=True
    )
    counter = code_counter_qs_for_update().get(agency=agency, day=day)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return format_code(agency.identifier, day, counter.last_number)
