"""Calendar data (R4): official decisions on days off and make-up days, and office hours.

Both overlay the pure national calendar of ``motcua.worktime``; see docs/deadlines.md for how an
agency's calendar combines them. Writes go through ``calendars.services``.
"""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from motcua.organizations.models import Agency


class DecisionKind(models.TextChoices):
    DAY_OFF = "day_off", _("Day off")  # ngày nghỉ (lễ, tết, hoán đổi)
    WORKING_DAY = "working_day", _("Make-up working day")  # ngày làm bù
    CANCEL = "cancel", _("Cancelled holiday")  # a base holiday that is worked after all


class CalendarDecision(models.Model):
    """An official decision about a range of dates, nationwide or for one agency (and its subtree)."""

    agency = models.ForeignKey(
        Agency,
        verbose_name=_("agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="calendar_decisions",
        help_text=_("Leave empty for a nationwide decision."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=DecisionKind.choices)
    first_on = models.DateField(_("first day"))
    last_on = models.DateField(_("last day"))
    name = models.CharField(
        _("name"), max_length=200, help_text=_("Shown to citizens, e.g. Tết Nguyên đán.")
    )
    reference = models.CharField(
        _("decision number"), max_length=100, blank=True, help_text=_("e.g. 2450/VPCP-KGVX")
    )
    decided_on = models.DateField(_("decision date"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("calendar decision")
        verbose_name_plural = _("calendar decisions")
        ordering = ["-first_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(last_on__gte=F("first_on")), name="calendardecision_range_in_order"
            ),
        ]
        indexes = [models.Index(fields=["agency", "first_on"], name="calendardecision_agency_on")]

    def __str__(self) -> str:
        return f"{self.name} {self.first_on:%d/%m/%Y}–{self.last_on:%d/%m/%Y}"


class OfficeHours(models.Model):
    """Office hours of an agency (or nationwide), for the whole year or for a season of it."""

    agency = models.ForeignKey(
        Agency,
        verbose_name=_("agency"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="office_hours",
        help_text=_("Leave empty for the nationwide default."),
    )
    season_first_month = models.PositiveSmallIntegerField(
        _("season starts (month)"), null=True, blank=True
    )
    season_first_day = models.PositiveSmallIntegerField(
        _("season starts (day)"), null=True, blank=True
    )
    season_last_month = models.PositiveSmallIntegerField(
        _("season ends (month)"), null=True, blank=True
    )
    season_last_day = models.PositiveSmallIntegerField(
        _("season ends (day)"), null=True, blank=True
    )
    morning_opens_at = models.TimeField(_("morning opens at"))
    morning_closes_at = models.TimeField(_("morning closes at"))
    afternoon_opens_at = models.TimeField(_("afternoon opens at"), null=True, blank=True)
    afternoon_closes_at = models.TimeField(_("afternoon closes at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("office hours")
        verbose_name_plural = _("office hours")
        ordering = ["agency__identifier", "season_first_month", "season_first_day"]
        constraints = [
            models.CheckConstraint(
                condition=Q(morning_closes_at__gt=F("morning_opens_at")),
                name="officehours_morning_in_order",
            ),
            models.CheckConstraint(
                condition=(Q(afternoon_opens_at__isnull=True) & Q(afternoon_closes_at__isnull=True))
                | (
                    Q(afternoon_opens_at__isnull=False)
                    & Q(afternoon_closes_at__isnull=False)
                    & Q(afternoon_closes_at__gt=F("afternoon_opens_at"))
                    & Q(afternoon_opens_at__gte=F("morning_closes_at"))
                ),
                name="officehours_afternoon_in_order",
            ),
            models.CheckConstraint(
                condition=(
                    Q(season_first_month__isnull=True)
                    & Q(season_first_day__isnull=True)
                    & Q(season_last_month__isnull=True)
                    & Q(season_last_day__isnull=True)
                )
                | (
                    Q(season_first_month__range=(1, 12))
                    & Q(season_last_month__range=(1, 12))
                    & Q(season_first_day__range=(1, 31))
                    & Q(season_last_day__range=(1, 31))
                ),
                name="officehours_season_complete",
            ),
            models.UniqueConstraint(
                fields=["agency"],
                condition=Q(season_first_month__isnull=True),
                name="officehours_one_default_per_agency",
            ),
            models.UniqueConstraint(
                fields=["season_first_month"],
                condition=Q(season_first_month__isnull=True, agency__isnull=True),
                name="officehours_one_nationwide_default",
            ),
        ]

    def __str__(self) -> str:
        hours = f"{self.morning_opens_at:%H:%M}–{self.morning_closes_at:%H:%M}"
        if self.afternoon_opens_at and self.afternoon_closes_at:
            hours += f", {self.afternoon_opens_at:%H:%M}–{self.afternoon_closes_at:%H:%M}"
        if self.is_seasonal:
            hours += (
                f" ({self.season_first_day:02}/{self.season_first_month:02}–"
                f"{self.season_last_day:02}/{self.season_last_month:02})"
            )
        return hours

    @property
    def is_seasonal(self) -> bool:
        return self.season_first_month is not None
