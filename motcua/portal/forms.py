"""Citizen portal forms: they parse and check the shape of input; rules live in the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.evaluation.models import SatisfactionLevel
from motcua.identity.models import AccountKind

CONTACT_HELP = _("Your mobile phone number (e.g. 0912345678) or e-mail address.")
REQUIRED = _("This field is required: fill it in.")


class PortalForm(forms.Form):
    """A form whose fields say "required" in a way that tells how to fix it."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.error_messages["required"] = REQUIRED


class LoginForm(PortalForm):
    contact = forms.CharField(
        label=_("Phone number or e-mail"), max_length=254, help_text=CONTACT_HELP
    )
    password = forms.CharField(label=_("Password"), widget=forms.PasswordInput, max_length=256)


class RegisterForm(PortalForm):
    kind = forms.ChoiceField(
        label=_("I register as"),
        choices=AccountKind.choices,
        initial=AccountKind.PERSON,
        widget=forms.RadioSelect,
    )
    full_name = forms.CharField(
        label=_("Full name"),
        max_length=255,
        help_text=_("As on the identity card; for an organization, its representative."),
    )
    identity_number = forms.CharField(
        label=_("Identity number"),
        max_length=20,
        required=False,
        help_text=_("Citizen identity card (CCCD, 12 digits); for an organization, its tax code."),
    )
    organization_name = forms.CharField(
        label=_("Organization name"),
        max_length=255,
        required=False,
        help_text=_("Only for an organization: its registered name."),
    )
    contact = forms.CharField(
        label=_("Phone number or e-mail"), max_length=254, help_text=CONTACT_HELP
    )
    password = forms.CharField(
        label=_("Password"),
        widget=forms.PasswordInput,
        max_length=256,
        help_text=_("At least 8 characters; not only digits, not a common password."),
    )


class VerifyForm(PortalForm):
    contact = forms.CharField(label=_("Phone number or e-mail"), max_length=254)
    code = forms.RegexField(
        label=_("Verification code"),
        regex=r"^\s*\d{6}\s*$",
        help_text=_("The 6 digits we sent you."),
        error_messages={"invalid": _("Enter the 6 digits of the code.")},
    )


class ResetRequestForm(PortalForm):
    contact = forms.CharField(
        label=_("Phone number or e-mail"), max_length=254, help_text=CONTACT_HELP
    )


class ResetConfirmForm(VerifyForm):
    password = forms.CharField(
        label=_("New password"),
        widget=forms.PasswordInput,
        max_length=256,
        help_text=_("At least 8 characters; not only digits, not a common password."),
    )


class LookupForm(PortalForm):
    code = forms.CharField(
        label=_("Dossier code"),
        max_length=40,
        help_text=_("Printed on your receipt, e.g. 000.00.00.H99-261130-0001."),
    )


class LookupCodeForm(PortalForm):
    code = forms.RegexField(
        label=_("Verification code"),
        regex=r"^\s*\d{6}\s*$",
        help_text=_("The 6 digits we sent to the applicant's phone or e-mail."),
        error_messages={"invalid": _("Enter the 6 digits of the code.")},
    )


class WithdrawForm(PortalForm):
    reason = forms.CharField(
        label=_("Reason (optional)"), max_length=2000, required=False, widget=forms.Textarea
    )


class RatingForm(PortalForm):
    level = forms.ChoiceField(
        label=_("How satisfied are you with the handling of your dossier?"),
        choices=SatisfactionLevel.choices,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment (optional)"), max_length=2000, required=False, widget=forms.Textarea
    )
