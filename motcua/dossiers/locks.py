"""Row locks for dossier writes (SELECT … FOR UPDATE; a no-op on SQLite, whose writes serialize)."""

from __future__ import annotations

from django.db.models import QuerySet

from motcua.dossiers.models import Dossier, DossierCodeCounter


def dossier_qs_for_update() -> QuerySet[Dossier]:
    return Dossier.objects.select_for_update(of=("self",)).select_related("agency")


def code_counter_qs_for_update() -> QuerySet[DossierCodeCounter]:
    return DossierCodeCounter.objects.select_for_update()
