"""Online submissions before they become dossiers: a draft the citizen saves and continues later.

A draft is not a dossier: a dossier's lifecycle starts at NEW when it is submitted. The draft
keeps the applicant's details, the form fields and the files chosen for each required document
(uploaded now, or reused from an earlier dossier of the same applicant).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.catalog.models import ProcedureVersion, RequiredDocument
from motcua.dossiers.models import ApplicantKind, Dossier, DossierDocument
from motcua.organizations.models import Unit


class SubmissionDraft(models.Model):
    """An online submission being prepared (hồ sơ nháp)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="submission_drafts"
    )
    procedure_version = models.ForeignKey(
        ProcedureVersion, on_delete=models.PROTECT, related_name="+"
    )
    receiving_unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    applicant_kind = models.CharField(
        max_length=20, choices=ApplicantKind.choices, default=ApplicantKind.PERSON
    )
    applicant_name = models.CharField(max_length=255, blank=True)
    applicant_identity_number = models.CharField(max_length=20, blank=True)
    applicant_phone = models.CharField(max_length=20, blank=True)
    applicant_email = models.EmailField(blank=True)
    applicant_address = models.CharField(max_length=500, blank=True)
    case = models.TextField(blank=True)  # the procedure's case (trường hợp) chosen, if several
    form_data = models.JSONField(default=dict, blank=True)
    dossier = models.OneToOneField(
        Dossier, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )  # set when submitted
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("submission draft")
        verbose_name_plural = _("submission drafts")
        indexes = [models.Index(fields=["user", "-updated_at"], name="draft_user_idx")]

    def __str__(self) -> str:
        return f"draft {self.pk} ({self.procedure_version_id})"

    @property
    def is_submitted(self) -> bool:
        return self.dossier_id is not None


class DraftDocument(models.Model):
    """A file chosen for one required document of a draft."""

    draft = models.ForeignKey(SubmissionDraft, on_delete=models.CASCADE, related_name="documents")
    required_document = models.ForeignKey(
        RequiredDocument, on_delete=models.CASCADE, related_name="+"
    )
    file = models.FileField(max_length=255)
    original_name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField()
    content_type = models.CharField(max_length=100)
    # Set when the file is an earlier document of the same applicant, reused by reference.
    reused_from = models.ForeignKey(
        DossierDocument, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["draft", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["draft", "required_document"], name="draftdocument_one_per_requirement"
            )
        ]

    def __str__(self) -> str:
        return self.original_name
