"""Reads of satisfaction ratings."""

from __future__ import annotations

from motcua.evaluation.models import SatisfactionRating


def rating_get(*, dossier_id: int, user_id: int) -> SatisfactionRating | None:
    return SatisfactionRating.objects.filter(dossier_id=dossier_id, rated_by_id=user_id).first()


def rated_dossier_ids(*, user_id: int, dossier_ids: list[int]) -> set[int]:
    return set(
        SatisfactionRating.objects.filter(
            rated_by_id=user_id, dossier_id__in=dossier_ids
        ).values_list("dossier_id", flat=True)
    )
