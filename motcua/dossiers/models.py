"""The dossier aggregate (hồ sơ): the dossier row, its documents, events, pauses and code counters.

Only the services in ``motcua.dossiers.services`` write these rows; a status is changed nowhere else.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from motcua.catalog.models import Channel, ProcedureVersion, RequiredDocument
from motcua.dossiers.lifecycle import CLOSED_STATUSES, DossierStatus
from motcua.organizations.models import Agency, Unit


class ApplicantKind(models.TextChoices):
    PERSON = "person", _("Person")  # công dân
    ORGANIZATION = "organization", _("Organization")  # doanh nghiệp, tổ chức


class ResultDelivery(models.TextChoices):
    COUNTER = "counter", _("At the counter")  # nhận trực tiếp
    POST = "post", _("By post")  # qua bưu chính công ích
    ELECTRONIC = "electronic", _("Electronically")  # nhận bản điện tử


class Timeliness(models.TextChoices):
    EARLY = "early", _("Early")  # trước hạn
    ON_TIME = "on_time", _("On time")  # đúng hạn
    LATE = "late", _("Late")  # quá hạn


class Dossier(models.Model):
    """A dossier (hồ sơ TTHC) from submission to the returned result."""

    code = models.CharField(_("dossier code"), max_length=40, unique=True)
    procedure_version = models.ForeignKey(
        ProcedureVersion, verbose_name=_("procedure"), on_delete=models.PROTECT, related_name="+"
    )
    receiving_unit = models.ForeignKey(
        Unit, verbose_name=_("receiving unit"), on_delete=models.PROTECT, related_name="+"
    )
    # Foreign keys covered by a composite index below carry no index of their own: every index
    # is paid on each of the millions of inserts.
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("handling agency"),
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    channel = models.PositiveSmallIntegerField(_("channel"), choices=Channel.choices)
    via_national_portal = models.BooleanField(_("from the national portal"), default=False)

    # The applicant (người nộp / chủ hồ sơ), kept on the row: it is part of the legal record.
    applicant_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("applicant account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )
    applicant_kind = models.CharField(
        _("applicant kind"), max_length=20, choices=ApplicantKind.choices
    )
    applicant_name = models.CharField(_("applicant name"), max_length=255)
    applicant_identity_number = models.CharField(_("identity number"), max_length=20)
    applicant_phone = models.CharField(_("phone"), max_length=20, blank=True)
    applicant_email = models.EmailField(_("e-mail"), blank=True)
    applicant_address = models.CharField(_("address"), max_length=500, blank=True)

    form_data = models.JSONField(_("form data"), default=dict, blank=True)
    status = models.PositiveSmallIntegerField(
        _("status"), choices=[(s.value, s.name.lower()) for s in DossierStatus]
    )
    submitted_at = models.DateTimeField(_("submitted at"))
    received_at = models.DateTimeField(_("received at"), null=True, blank=True)
    due_at = models.DateTimeField(_("due at"), null=True, blank=True)
    # The time limit taken at receipt (worktime.deadlines.LimitUnit; empty: none applies).
    limit_unit = models.CharField(max_length=20, blank=True)
    limit_amount = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    reappointed_due_at = models.DateTimeField(null=True, blank=True)  # hẹn lại (Mẫu 04)
    reappointment_reason = models.TextField(blank=True)
    # The facts the due date was computed from (worktime.explanation.Fact.as_dict()), in order.
    due_explanation = models.JSONField(default=list, blank=True)
    paused_at = models.DateTimeField(null=True, blank=True)  # waiting for a supplement
    supplement_count = models.PositiveSmallIntegerField(default=0)
    reappointment_count = models.PositiveSmallIntegerField(default=0)
    current_step = models.CharField(_("current step"), max_length=255, blank=True)
    current_unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assignee"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    consulted_unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    consultation_due_at = models.DateTimeField(null=True, blank=True)
    is_approved = models.BooleanField(default=False)
    result = models.JSONField(_("result"), default=dict, blank=True)
    result_delivery = models.CharField(
        _("result delivery"), max_length=20, choices=ResultDelivery.choices, blank=True
    )
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    timeliness = models.CharField(max_length=10, choices=Timeliness.choices, blank=True)
    # Incremented by every change: clients send it back (If-Match) to detect lost updates.
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")
        permissions = [
            ("integrate", "Can read every dossier and submit on behalf of the national portal"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__gte=1) & Q(status__lte=10), name="dossier_status_code"
            ),
            models.CheckConstraint(
                condition=Q(due_at__isnull=True) | Q(received_at__isnull=False),
                name="dossier_due_after_receipt",
            ),
        ]
        indexes = [
            models.Index(fields=["agency", "due_at", "id"], name="dossier_agency_queue_idx"),
            models.Index(fields=["assignee", "due_at", "id"], name="dossier_assignee_queue_idx"),
            models.Index(fields=["applicant_user", "id"], name="dossier_applicant_idx"),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def status_enum(self) -> DossierStatus:
        return DossierStatus(self.status)

    @property
    def is_closed(self) -> bool:
        return self.status_enum in CLOSED_STATUSES


class DocumentKind(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted document")  # thành phần hồ sơ
    SUPPLEMENT = "supplement", _("Supplement")  # giấy tờ bổ sung
    RESULT = "result", _("Result")  # giấy tờ kết quả


class DossierDocument(models.Model):
    """A file of a dossier, stored through Django's storage under a generated name."""

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="documents")
    kind = models.CharField(max_length=20, choices=DocumentKind.choices)
    required_document = models.ForeignKey(
        RequiredDocument, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    file = models.FileField(max_length=255)
    original_name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField()
    content_type = models.CharField(max_length=100)  # detected from the content, never trusted
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["dossier", "id"]

    def __str__(self) -> str:
        return self.original_name


class DossierEvent(models.Model):
    """One step of a dossier's history: append-only, hash-chained to the dossier's previous event."""

    # Indexed by the (dossier, sequence) unique constraint.
    dossier = models.ForeignKey(
        Dossier, on_delete=models.PROTECT, related_name="events", db_index=False
    )
    sequence = models.PositiveIntegerField()  # 1, 2, 3… within the dossier
    action = models.CharField(
        max_length=40
    )  # a lifecycle Transition value, or a bookkeeping action
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )
    actor_label = models.CharField(max_length=255, blank=True)  # kept if the account goes away
    occurred_at = models.DateTimeField()
    from_status = models.PositiveSmallIntegerField(null=True)
    to_status = models.PositiveSmallIntegerField()
    data = models.JSONField(default=dict)
    previous_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)  # checked by `motcua dossiers verify`, not indexed

    class Meta:
        ordering = ["dossier", "sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["dossier", "sequence"], name="dossierevent_unique_sequence"
            )
        ]
        indexes = [models.Index(fields=["occurred_at", "id"], name="dossierevent_time_idx")]

    def __str__(self) -> str:
        return f"{self.dossier_id}#{self.sequence} {self.action}"

    def hashed_content(self) -> dict[str, Any]:
        """The fields covered by ``hash`` (see ``motcua.dossiers.events``)."""
        return {
            "dossier": self.dossier_id,
            "sequence": self.sequence,
            "action": self.action,
            "actor": self.actor_id,
            "actor_label": self.actor_label,
            "occurred_at": self.occurred_at,
            "from_status": self.from_status,
            "to_status": self.to_status,
            "data": self.data,
            "previous_hash": self.previous_hash,
        }


class DossierPause(models.Model):
    """A wait for the applicant's supplement (tạm dừng): the deadline clock stops."""

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="pauses")
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    status_before = models.PositiveSmallIntegerField()
    reason = models.TextField()
    missing_documents = models.JSONField(default=list)

    class Meta:
        ordering = ["dossier", "started_at"]

    def __str__(self) -> str:
        return f"{self.dossier_id} {self.started_at:%Y-%m-%d}"


class DossierCodeCounter(models.Model):
    """The last sequence number of dossier codes per agency and day; locked to take the next one."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    day = models.DateField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agency", "day"], name="dossiercodecounter_unique_day")
        ]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.day}: {self.last_number}"


class IdempotencyRecord(models.Model):
    """The first response to a POST carrying an ``Idempotency-Key``, replayed on retries."""

    principal = models.CharField(max_length=100)  # "user:<id>" or "anonymous"
    key = models.CharField(max_length=255)
    fingerprint = models.CharField(max_length=64)  # SHA-256 of method, path and body
    response_status = models.PositiveSmallIntegerField(default=0)
    response_body = models.JSONField(default=dict)
    response_headers = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["principal", "key"], name="idempotency_unique_key")
        ]

    def __str__(self) -> str:
        return f"{self.principal} {self.key}"
