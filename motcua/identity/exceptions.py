"""Errors of citizen accounts, each with a stable code and a message that says how to fix it."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from motcua.core.errors import DomainError, ValidationFailedError


class RateLimitedError(DomainError):
    code = "rate_limited"
    status = 429
    title = _("Too many attempts.")
    message_template = _("Too many attempts. Please wait %(minutes)s minutes and try again.")


class InvalidCodeError(DomainError):
    code = "invalid_code"
    status = 400
    title = _("The code is not valid.")
    message_template = _(
        "The code is wrong or has expired. Check the last message we sent, or ask for a new code."
    )


class InvalidContactError(ValidationFailedError):
    code = "invalid_contact"
    title = _("Enter a phone number or an e-mail address.")
    message_template = _(
        "Enter a mobile phone number of 10 digits (e.g. 0912345678) or an e-mail address "
        "(e.g. ten@example.vn)."
    )


class OidcError(DomainError):
    code = "oidc_failed"
    status = 400
    title = _("Signing in with the identity provider failed.")
    message_template = _(
        "Signing in with %(provider)s did not succeed. Please try again, or sign in with your "
        "phone number or e-mail address."
    )
