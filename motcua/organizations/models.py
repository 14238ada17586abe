"""Agencies, units and staff roles (R1).

Mergers and renames are data changes: an agency is renamed in place (its identifier stays), and a
merged agency is deactivated with ``merged_into`` pointing at its successor.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from motcua.organizations.validators import validate_agency_identifier


class AgencyLevel(models.TextChoices):
    MINISTRY = "ministry", _("Ministry")  # Bộ, ngành
    PROVINCE = "province", _("Province")  # UBND cấp tỉnh
    DEPARTMENT = "department", _("Department")  # Sở, ban, ngành cấp tỉnh
    DISTRICT = "district", _("District (legacy)")  # cấp huyện, abolished 01/07/2025
    COMMUNE = "commune", _("Commune")  # UBND cấp xã / phường / đặc khu
    OTHER = "other", _("Other")


class Agency(models.Model):
    """A state agency (cơ quan) in a tree of any depth."""

    identifier = models.CharField(
        _("electronic identifier"),
        max_length=13,
        unique=True,
        validators=[validate_agency_identifier],
        help_text=_("QCVN 102 identifier, e.g. 000.00.00.H29."),
    )
    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    level = models.CharField(_("level"), max_length=20, choices=AgencyLevel.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    address = models.CharField(_("address"), max_length=500, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_from",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["identifier"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(parent=models.F("pk")), name="agency_not_own_parent"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class UnitKind(models.TextChoices):
    RECEPTION = "reception", _("One-stop reception unit")  # Bộ phận một cửa / TTPVHCC
    DEPARTMENT = "department", _("Specialized unit")  # phòng chuyên môn
    LEADERSHIP = "leadership", _("Leadership")  # lãnh đạo


class Unit(models.Model):
    """A unit inside an agency: a one-stop reception unit or a specialized unit."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="units"
    )
    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=20, choices=UnitKind.choices)
    address = models.CharField(_("address"), max_length=500, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["agency__identifier", "name"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "name"], name="unit_unique_name_in_agency")
        ]

    def __str__(self) -> str:
        return f"{self.name} — {self.agency.name}"


class Role(models.TextChoices):
    RECEPTION_OFFICER = "reception_officer", _("Reception officer")  # cán bộ một cửa
    SPECIALIST = "specialist", _("Specialist")  # chuyên viên
    LEADER = "leader", _("Leader")  # lãnh đạo
    AGENCY_ADMIN = "agency_admin", _("Agency administrator")  # quản trị cơ quan


class StaffRole(models.Model):
    """A role an official (a user) holds in one unit; an official may hold several."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("official"),
        on_delete=models.CASCADE,
        related_name="staff_roles",
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="staff_roles"
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    title = models.CharField(_("job title"), max_length=255, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("staff role")
        verbose_name_plural = _("staff roles")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "unit", "role"], name="staffrole_unique_user_unit_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.unit}"
