"""Row locks for dossier writes (SELECT … FOR UPDATE; a no-op on SQLite, whose writes serialize)."""

from __future__ import annotations

from django.db.models import QuerySet

from motcua.dossiers.models import Dossier


def dossier_qs_for_update() -> QuerySet[Dossier]:
    return Dossier.objects.select_for_update(of=("self",)).select_related("agency")
