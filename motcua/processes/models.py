"""Internal processes (quy trình nội bộ, R3): per procedure and agency, ordered steps with their share.

A process lists the steps a received dossier goes through inside the agency: each step names the
unit and the role that performs it and its share of the procedure's time limit (percent; the
shares of a process add up to 100). A dossier's passage through the steps is recorded in
``DossierStep`` (one row per step started), each with its own due time. Only
``motcua.processes.services`` writes these rows.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from motcua.catalog.models import Procedure
from motcua.dossiers.models import Dossier
from motcua.organizations.models import Agency, Role, Unit

#: The roles that may perform a step (reception hands over; it is not a processing step).
STEP_ROLES = [
    (Role.SPECIALIST.value, Role.SPECIALIST.label),
    (Role.LEADER.value, Role.LEADER.label),
]


class InternalProcess(models.Model):
    """The internal process of one procedure in one agency."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+"
    )
    procedure = models.ForeignKey(
        Procedure, verbose_name=_("procedure"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("name"), max_length=255, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("internal process")
        verbose_name_plural = _("internal processes")
        ordering = ["agency__identifier", "procedure__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "procedure"],
                condition=Q(is_active=True),
                name="internalprocess_one_active_per_procedure",
            )
        ]

    def __str__(self) -> str:
        return self.name or f"{self.procedure.code} — {self.agency.name}"


class ProcessStep(models.Model):
    """One ordered step of a process: who performs it and its share of the time limit."""

    process = models.ForeignKey(InternalProcess, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField(_("order"))
    name = models.CharField(_("step"), max_length=255)
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(_("role"), max_length=30, choices=STEP_ROLES)
    share_percent = models.DecimalField(
        _("share of the time limit (%)"), max_digits=5, decimal_places=2
    )
    is_approval = models.BooleanField(_("leader approval"), default=False)

    class Meta:
        verbose_name = _("process step")
        verbose_name_plural = _("process steps")
        ordering = ["process", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["process", "position"], name="processstep_unique_order"
            ),
            models.CheckConstraint(
                condition=Q(share_percent__gt=0) & Q(share_percent__lte=100),
                name="processstep_share_in_range",
            ),
            models.CheckConstraint(
                condition=Q(is_approval=False) | Q(role=Role.LEADER.value),
                name="processstep_approval_by_leader",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.name}"


class DossierStep(models.Model):
    """A dossier's stay in one step of its process, with the step's own due time."""

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="+")
    step = models.ForeignKey(ProcessStep, on_delete=models.PROTECT, related_name="+")
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    started_at = models.DateTimeField()
    due_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["dossier", "started_at", "id"]
        indexes = [models.Index(fields=["dossier", "finished_at"], name="dossierstep_open_idx")]

    def __str__(self) -> str:
        return f"{self.dossier_id} {self.step}"


class ConsultationAnswer(models.Model):
    """The answer of a consulted unit (ý kiến phối hợp, Decree 61 Art 19.5)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    answer = models.TextField(_("answer"))
    answered_at = models.DateTimeField()
    is_late = models.BooleanField(default=False)

    class Meta:
        ordering = ["dossier", "answered_at"]

    def __str__(self) -> str:
        return f"{self.dossier_id} {self.unit_id}"


class LateNotice(models.Model):
    """A dossier found about to be late by the daily job; its apology draft waits for the leader."""

    dossier = models.OneToOneField(Dossier, on_delete=models.PROTECT, related_name="+")
    due_at = models.DateTimeField()  # the due date when found
    found_at = models.DateTimeField()
    recipients = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+")
    proposed_due_at = models.DateTimeField(null=True, blank=True)  # in the draft apology
    apology_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_at", "id"]

    def __str__(self) -> str:
        return f"{self.dossier_id} due {self.due_at:%d/%m/%Y %H:%M}"
