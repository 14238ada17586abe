"""Citizen accounts (tài khoản công dân, tổ chức): contacts, one-time codes, OIDC links, rate limits.

A citizen account is a Django user (for sessions and permissions) plus a ``CitizenAccount`` that
holds how the citizen signs in (phone number or e-mail address) and who they are. A business or
other organization submits through an account of kind ``organization`` that represents it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class AccountKind(models.TextChoices):
    PERSON = "person", _("Person")  # công dân
    ORGANIZATION = "organization", _("Organization")  # doanh nghiệp, tổ chức


class CitizenAccount(models.Model):
    """The citizen side of a user account."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="citizen_account"
    )
    kind = models.CharField(
        _("account kind"), max_length=20, choices=AccountKind.choices, default=AccountKind.PERSON
    )
    full_name = models.CharField(_("full name"), max_length=255)
    # CCCD (12 digits) for a person; enterprise or tax code for an organization.
    identity_number = models.CharField(_("identity number"), max_length=20, blank=True)
    organization_name = models.CharField(_("organization name"), max_length=255, blank=True)
    # Normalized contacts (phone 0xxxxxxxxx, e-mail lower case); each identifies one account.
    phone = models.CharField(_("phone"), max_length=20, null=True, blank=True, unique=True)
    email = models.EmailField(_("e-mail"), null=True, blank=True, unique=True)
    address = models.CharField(_("address"), max_length=500, blank=True)
    phone_verified_at = models.DateTimeField(null=True, blank=True)
    email_verified_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("citizen account")
        verbose_name_plural = _("citizen accounts")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="person") | ~Q(organization_name=""),
                name="citizenaccount_organization_named",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.organization_name or self.full_name

    @property
    def is_organization(self) -> bool:
        return self.kind == AccountKind.ORGANIZATION


class CodePurpose(models.TextChoices):
    VERIFY_CONTACT = "verify_contact", _("Verify a phone number or e-mail address")
    PASSWORD_RESET = "password_reset", _("Reset the password")
    DOSSIER_ACCESS = "dossier_access", _("See a dossier's details")


class OneTimeCode(models.Model):
    """A short code sent to a phone or e-mail (mã xác thực); only a keyed hash is stored."""

    purpose = models.CharField(max_length=30, choices=CodePurpose.choices)
    subject = models.CharField(max_length=255)  # what the code unlocks: a contact or a dossier code
    code_hash = models.CharField(max_length=64)
    channel = models.CharField(max_length=10)
    destination = models.CharField(max_length=255)
    attempts = models.PositiveSmallIntegerField(default=0)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [
            models.Index(fields=["purpose", "subject", "created_at"], name="onetimecode_lookup_idx")
        ]

    def __str__(self) -> str:
        return f"{self.purpose} {self.subject}"


class OidcIdentity(models.Model):
    """A user's identity at an OpenID Connect provider (e.g. the national e-identity, VNeID)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="oidc_identities"
    )
    provider = models.CharField(max_length=50)
    subject = models.CharField(max_length=255)  # the provider's "sub" claim
    claims = models.JSONField(default=dict)  # the last userinfo received
    created_at = models.DateTimeField(auto_now_add=True)
    last_login_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["provider", "subject"], name="oidcidentity_unique_sub")
        ]

    def __str__(self) -> str:
        return f"{self.provider}:{self.subject}"


class RateLimitCounter(models.Model):
    """How many attempts a key made in one fixed time window (login, lookup, one-time codes)."""

    key = models.CharField(max_length=64)  # SHA-256 of scope and client key: no raw IPs stored
    window_start = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["key", "window_start"], name="ratelimit_unique_window")
        ]
        indexes = [models.Index(fields=["window_start"], name="ratelimit_window_idx")]

    def __str__(self) -> str:
        return f"{self.key[:8]} {self.window_start}: {self.count}"
