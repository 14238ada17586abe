"""Procedures (TTHC) and their versions, as in the national procedure database record.

A ``Procedure`` is the stable identity (its national code). Everything a citizen reads lives on a
``ProcedureVersion`` with an effective date, so that a dossier keeps the version it was submitted
under; a changed record imports as a new version. Lists the law leaves free-form (steps, results,
legal basis, related procedures, agency names) are JSON; the parts that other domains compute with
(channels, time limits, fees, required documents) are rows.
"""

from __future__ import annotations

from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from motcua.catalog.published import PublishedLists, published_lists_read
from motcua.catalog.validators import validate_procedure_code
from motcua.organizations.models import Agency


class Sector(models.Model):
    """A sector (lĩnh vực) with its code (Circular 01/2018 Art 20: ``MX1X2-LV``)."""

    code = models.CharField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=255)
    search_text = models.CharField(max_length=255, editable=False, default="")
    # True when the packet had no MALINHVUC and the code was derived from the name.
    is_code_derived = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Procedure(models.Model):
    """The identity of a procedure: its code in the national procedure database."""

    code = models.CharField(
        _("procedure code"), max_length=20, unique=True, validators=[validate_procedure_code]
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("procedure")
        verbose_name_plural = _("procedures")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.code


class OnlineLevel(models.TextChoices):
    FULL = "full", _("Full online")  # toàn trình
    PARTIAL = "partial", _("Partly online")  # một phần
    NONE = "none", _("Not online")


class ProcedureVersion(models.Model):
    """One published version of a procedure, effective from a date."""

    procedure = models.ForeignKey(
        Procedure, verbose_name=_("procedure"), on_delete=models.PROTECT, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    effective_from = models.DateField(_("effective from"))
    effective_to = models.DateField(_("effective until"), null=True, blank=True)

    national_id = models.CharField(max_length=100, blank=True)  # ID in the national database
    name = models.CharField(_("name"), max_length=1000)  # TENTTHC
    procedure_type = models.CharField(_("procedure type"), max_length=255, blank=True)  # LOAITTHC
    publication_decision = models.CharField(
        _("publication decision"), max_length=255, blank=True
    )  # SOQUYETDINHCONGBO
    publication_decision_id = models.CharField(max_length=100, blank=True)  # IDQUYETDINHCONGBO
    decision = models.TextField(_("decision"), blank=True)  # QUYETDINH
    publishing_agency_code = models.CharField(max_length=100, blank=True)  # MACOQUANCONGBO
    national_status = models.CharField(max_length=100, blank=True)  # TRANGTHAI
    sector = models.ForeignKey(
        Sector, verbose_name=_("sector"), on_delete=models.PROTECT, related_name="versions"
    )
    # Lists kept as the national packet publishes them, with the portal's keys (legal-spec §4.2),
    # so that an export writes them back unchanged; read them through ``published``.
    # Further sectors when the packet lists more than one (LINHVUCTHUCHIEN[1:]).
    other_sectors = models.JSONField(default=list, blank=True)
    levels = models.JSONField(_("levels"), default=list, blank=True)  # CAPTHUCHIEN
    applicant_types = models.JSONField(
        _("applicant types"), default=list, blank=True
    )  # DOITUONGTHUCHIEN
    applicant_description = models.TextField(
        _("applicant description"), blank=True
    )  # MOTADOITUONGTHUCHIEN
    description = models.TextField(_("description"), blank=True)  # MOTA
    conditions = models.TextField(_("conditions"), blank=True)  # YEUCAU
    reception_address = models.TextField(_("where to submit"), blank=True)  # DIACHITIEPNHAN
    keywords = models.TextField(_("keywords"), blank=True)  # TUKHOA
    online_level = models.CharField(
        _("online level"), max_length=10, choices=OnlineLevel.choices, default=OnlineLevel.NONE
    )
    steps = models.JSONField(_("steps"), default=list, blank=True)  # TRINHTUTHUCHIEN
    results = models.JSONField(_("results"), default=list, blank=True)  # KETQUATHUCHIEN
    legal_basis = models.JSONField(_("legal basis"), default=list, blank=True)  # CANCUPHAPLY
    related_codes = models.JSONField(_("related procedures"), default=list, blank=True)
    inter_agency_codes = models.JSONField(_("inter-agency procedures"), default=list, blank=True)
    # Agency lists as published ([{MADONVI, TENDONVI}]); matched to our agencies where possible.
    implementing_agencies = models.JSONField(default=list, blank=True)  # COQUANTHUCHIEN
    competent_agencies = models.JSONField(default=list, blank=True)  # COQUANCOTHAMQUYEN
    authorized_agencies = models.JSONField(default=list, blank=True)  # COQUANDUOCUYQUYEN
    coordinating_agencies = models.JSONField(default=list, blank=True)  # COQUANPHOIHOP
    implementing_agency_description = models.TextField(blank=True)  # MOTACOQUANTHUCHIEN
    competent_agency_description = models.TextField(blank=True)  # MOTACOQUANTHAMQUYEN
    agencies = models.ManyToManyField(
        Agency,
        verbose_name=_("implementing agencies"),
        related_name="procedure_versions",
        blank=True,
    )
    extra = models.JSONField(default=dict, blank=True)  # packet fields we do not model, kept as-is
    content_hash = models.CharField(max_length=64, editable=False)
    search_text = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("procedure version")
        verbose_name_plural = _("procedure versions")
        ordering = ["procedure__code", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["procedure", "number"], name="procedureversion_unique_number"
            ),
            models.CheckConstraint(
                condition=models.Q(effective_to__isnull=True)
                | models.Q(effective_to__gte=models.F("effective_from")),
                name="procedureversion_effective_range",
            ),
        ]
        indexes = [models.Index(fields=["procedure", "effective_from"])]

    def __str__(self) -> str:
        return f"{self.procedure.code} v{self.number}: {self.name}"

    @cached_property
    def published(self) -> PublishedLists:
        """The published lists (levels, steps, legal basis, …) in our own vocabulary."""
        return published_lists_read(self)


class Channel(models.IntegerChoices):
    """Channels with the national portal's codes (KENH / KenhThucHien)."""

    COUNTER = 1, _("At the counter")  # trực tiếp
    ONLINE = 2, _("Online")  # trực tuyến
    POSTAL = 3, _("Public postal service")  # bưu chính công ích


class ProcedureChannel(models.Model):
    """A channel through which the procedure can be done (CACHTHUCTHUCHIEN)."""

    version = models.ForeignKey(ProcedureVersion, on_delete=models.CASCADE, related_name="channels")
    position = models.PositiveIntegerField()
    channel = models.PositiveSmallIntegerField(_("channel"), choices=Channel.choices)
    name = models.CharField(_("name"), max_length=255, blank=True)  # TENKENH as published
    extra = models.JSONField(default=dict, blank=True)  # packet fields we do not model

    class Meta:
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "position"], name="channel_unique_position")
        ]

    def __str__(self) -> str:
        return self.get_channel_display()


class TimeLimitUnit(models.TextChoices):
    WORKING_DAY = "working_day", _("working days")  # ngày làm việc
    WORKING_HOUR = "working_hour", _("working hours")  # giờ làm việc
    CALENDAR_DAY = "calendar_day", _("calendar days")  # ngày
    UNSPECIFIED = "unspecified", _("unit not stated")  # the portal omitted it


class TimeLimit(models.Model):
    """A time limit (thời hạn giải quyết) of one channel, with its fees (THOIGIAN)."""

    channel = models.ForeignKey(
        ProcedureChannel, on_delete=models.CASCADE, related_name="time_limits"
    )
    position = models.PositiveIntegerField()
    amount = models.DecimalField(
        _("time limit"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    unit = models.CharField(_("unit"), max_length=20, choices=TimeLimitUnit.choices)
    unit_label = models.CharField(max_length=100, blank=True)  # DONVITINH as published
    description = models.TextField(_("description"), blank=True)
    extra = models.JSONField(default=dict, blank=True)  # packet fields we do not model

    class Meta:
        ordering = ["channel", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["channel", "position"], name="timelimit_unique_position"
            )
        ]

    def __str__(self) -> str:
        return f"{self.amount} {self.get_unit_display()}"


class Fee(models.Model):
    """A fee or charge (phí, lệ phí) in VND under one time limit (PHILEPHI)."""

    time_limit = models.ForeignKey(TimeLimit, on_delete=models.CASCADE, related_name="fees")
    position = models.PositiveIntegerField()
    code = models.CharField(max_length=100, blank=True)  # MAPHILEPHI
    amount = models.DecimalField(
        _("amount (VND)"), max_digits=15, decimal_places=0, null=True, blank=True
    )
    amount_label = models.CharField(max_length=100, blank=True)  # SOTIEN when not a number
    currency_label = models.CharField(max_length=50, blank=True)  # DONVI as published
    description = models.TextField(_("description"), blank=True)
    file_name = models.CharField(max_length=500, blank=True)
    url = models.URLField(max_length=1000, blank=True)
    extra = models.JSONField(default=dict, blank=True)  # packet fields we do not model

    class Meta:
        ordering = ["time_limit", "position"]

    def __str__(self) -> str:
        return f"{self.amount} VND"


class RequiredDocument(models.Model):
    """A document the applicant must submit (thành phần hồ sơ), within a case (TRUONGHOP)."""

    version = models.ForeignKey(
        ProcedureVersion, on_delete=models.CASCADE, related_name="required_documents"
    )
    position = models.PositiveIntegerField()
    case = models.TextField(_("case"), blank=True)
    case_position = models.PositiveIntegerField(default=0)
    code = models.CharField(max_length=100, blank=True)  # MAGIAYTO
    name = models.TextField(_("name"))
    originals = models.PositiveIntegerField(_("originals"), default=0)
    copies = models.PositiveIntegerField(_("copies"), default=0)
    template_name = models.CharField(_("form template"), max_length=1000, blank=True)
    template_url = models.URLField(max_length=1000, blank=True)
    replacing_result_code = models.CharField(max_length=100, blank=True)  # MA_KQ_THAYTHE
    extra = models.JSONField(default=dict, blank=True)  # packet fields we do not model

    class Meta:
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "position"], name="document_unique_position")
        ]

    def __str__(self) -> str:
        return self.name
