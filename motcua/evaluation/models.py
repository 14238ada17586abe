"""Satisfaction ratings (đánh giá mức độ hài lòng) given by applicants after the result.

Read by the evaluation scoring (Decision 766/QĐ-TTg, indicator group 5: satisfaction).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.dossiers.models import Dossier


class SatisfactionLevel(models.TextChoices):
    VERY_SATISFIED = "very_satisfied", _("Very satisfied")  # rất hài lòng
    SATISFIED = "satisfied", _("Satisfied")  # hài lòng
    DISSATISFIED = "dissatisfied", _("Dissatisfied")  # không hài lòng


class SatisfactionRating(models.Model):
    """One applicant's rating of one dossier's handling; given once, after the result."""

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="+")
    rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    level = models.CharField(_("satisfaction"), max_length=20, choices=SatisfactionLevel.choices)
    # Optional scores 1–5 of the parts of the service (Circular 01/2018 style questions).
    timeliness_score = models.PositiveSmallIntegerField(null=True, blank=True)
    attitude_score = models.PositiveSmallIntegerField(null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    rated_at = models.DateTimeField()

    class Meta:
        verbose_name = _("satisfaction rating")
        verbose_name_plural = _("satisfaction ratings")
        constraints = [
            models.UniqueConstraint(
                fields=["dossier", "rated_by"], name="rating_one_per_applicant"
            ),
            models.CheckConstraint(
                condition=models.Q(timeliness_score__isnull=True)
                | models.Q(timeliness_score__gte=1, timeliness_score__lte=5),
                name="rating_timeliness_score_range",
            ),
            models.CheckConstraint(
                condition=models.Q(attitude_score__isnull=True)
                | models.Q(attitude_score__gte=1, attitude_score__lte=5),
                name="rating_attitude_score_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id} {self.level}"
