"""Recording an applicant's satisfaction rating (đánh giá mức độ hài lòng)."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction

from motcua.core.errors import ValidationFailedError
from motcua.dossiers.lifecycle import DossierStatus
from motcua.dossiers.locks import dossier_qs_for_update
from motcua.dossiers.services.permissions import Actor, Relation, ensure_may_see
from motcua.evaluation.exceptions import RatingNotAllowedError
from motcua.evaluation.models import SatisfactionLevel, SatisfactionRating

#: A rating is taken once the result exists (ready or handed over).
RATABLE_STATUSES = frozenset({DossierStatus.FINISHED, DossierStatus.RESULT_RETURNED})


def rating_allowed(*, dossier_status: int, already_rated: bool) -> bool:
    return DossierStatus(dossier_status) in RATABLE_STATUSES and not already_rated


@transaction.atomic
def rating_submit(
    *,
    dossier_id: int,
    actor: Actor,
    level: str,
    comment: str = "",
    timeliness_score: int | None = None,
    attitude_score: int | None = None,
    now: dt.datetime,
) -> SatisfactionRating:
    """Store the applicant's rating of a dossier whose result is ready; only once."""
    dossier = dossier_qs_for_update().get(pk=dossier_id)
    relations = ensure_may_see(actor, dossier)
    if Relation.APPLICANT not in relations or dossier.status_enum not in RATABLE_STATUSES:
        raise RatingNotAllowedError()
    if level not in SatisfactionLevel.values:
        raise ValidationFailedError(errors={"level": ["choose one of the levels"]})
    for score in (timeliness_score, attitude_score):
        if score is not None and not 1 <= score <= 5:
            raise ValidationFailedError(errors={"score": ["from 1 to 5"]})
    try:
        with transaction.atomic():
            return SatisfactionRating.objects.create(
                dossier=dossier,
                rated_by_id=actor.pk,
                level=level,
                comment=comment.strip()[:2000],
                timeliness_score=timeliness_score,
                attitude_score=attitude_score,
                rated_at=now,
            )
    except IntegrityError as exc:
        raise RatingNotAllowedError() from exc
