"""Reads of the catalog for pages and the API."""

from __future__ import annotations

import datetime as dt

from django.db.models import OuterRef, QuerySet, Subquery

from motcua.catalog.models import ProcedureVersion


def procedure_version_current_qs(*, on: dt.date) -> QuerySet[ProcedureVersion]:
    """The version of each procedure in force on ``on`` (the latest effective one)."""
    latest = (
        ProcedureVersion.objects.filter(procedure=OuterRef("procedure"), effective_from__lte=on)
        .order_by("-effective_from", "-number")
        .values("pk")[:1]
    )
    return ProcedureVersion.objects.filter(pk=Subquery(latest)).select_related(
        "procedure", "sector"
    )
