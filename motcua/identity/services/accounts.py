"""Citizen accounts: register, verify the contact, sign in, reset the password.

Nothing here tells a caller whether a phone number or e-mail address has an account (no user
enumeration): registering a taken contact and asking a reset for an unknown one look the same
from outside, and the owner of a taken contact is told by a message instead.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.models import AbstractBaseUser, User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from motcua.core.errors import ValidationFailedError
from motcua.dossiers.validators import is_citizen_id, is_enterprise_code
from motcua.identity.contacts import Contact, parse_contact
from motcua.identity.exceptions import InvalidCodeError, InvalidContactError
from motcua.identity.models import AccountKind, CitizenAccount, CodePurpose
from motcua.identity.services.codes import code_check, code_issue
from motcua.notifications.services.delivery import notification_send


@dataclass(frozen=True, slots=True)
class Registration:
    contact: str  # phone number or e-mail address, as typed
    password: str
    full_name: str
    kind: str = AccountKind.PERSON
    identity_number: str = ""
    organization_name: str = ""


def contact_parse(text: str) -> Contact:
    contact = parse_contact(text)
    if contact is None:
        raise InvalidContactError(errors={"contact": [str(InvalidContactError.message_template)]})
    return contact


def _account_by_contact(contact: Contact) -> CitizenAccount | None:
    field = "phone" if contact.kind == "phone" else "email"
    return CitizenAccount.objects.select_related("user").filter(**{field: contact.value}).first()


def _registration_errors(data: Registration) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not data.full_name.strip():
        errors["full_name"] = [_("Enter your full name as on your identity card.")]
    identity = data.identity_number.strip()
    if data.kind == AccountKind.ORGANIZATION:
        if not data.organization_name.strip():
            errors["organization_name"] = [_("Enter the organization's registered name.")]
        if not is_enterprise_code(identity):
            errors["identity_number"] = [
                _("Enter the enterprise or tax code: 10 digits, or 10 digits, a dash and 3 digits.")
            ]
    elif data.kind == AccountKind.PERSON:
        if identity and not is_citizen_id(identity):
            errors["identity_number"] = [
                _("Enter the 12 digits of your citizen identity card (CCCD), or leave it empty.")
            ]
    else:
        errors["kind"] = [_("Choose a person or an organization.")]
    try:
        password_validation.validate_password(data.password)
    except ValidationError as exc:
        errors["password"] = list(exc.messages)
    return errors


@transaction.atomic
def account_register(*, data: Registration, now: dt.datetime) -> Contact:
    """Create an inactive account and send a code to its contact (đăng ký tài khoản).

    If the contact already has an account, nothing is created and its owner gets a notice; the
    caller sees the same result either way.
    """
    contact = parse_contact(data.contact)
    errors = _registration_errors(data)
    if contact is None:
        errors["contact"] = [str(InvalidContactError.message_template)]
    if errors or contact is None:
        raise ValidationFailedError(errors=errors)
    existing = _account_by_contact(contact)
    if existing is not None and not existing.user.is_active:
        # Never activated: whoever proves the contact with the code sets the details.
        _update_unverified(existing, data)
        _send_verification(contact, now)
        return contact
    if existing is not None:
        notification_send(
            channel=contact.channel,
            recipient=contact.value,
            subject=_("Someone tried to register with your contact"),
            body=_(
                "Someone tried to register a new account with this contact, which already has "
                "an account. If it was you, sign in or reset your password."
            ),
            key=f"register-taken:{contact.value}:{now.isoformat()}",
        )
        return contact
    user_model = get_user_model()
    user = user_model(username=f"c-{uuid.uuid4().hex[:20]}", is_active=False)
    user.set_password(data.password)
    user.save(force_insert=True)
    CitizenAccount.objects.create(
        user=user,
        kind=data.kind,
        full_name=data.full_name.strip()[:255],
        identity_number=data.identity_number.strip(),
        organization_name=data.organization_name.strip()[:255]
        if data.kind == AccountKind.ORGANIZATION
        else "",
        **{contact.kind: contact.value},
    )
    _send_verification(contact, now)
    return contact


def _update_unverified(account: CitizenAccount, data: Registration) -> None:
    user = account.user
    user.set_password(data.password)
    user.save(update_fields=["password"])
    account.kind = data.kind
    account.full_name = data.full_name.strip()[:255]
    account.identity_number = data.identity_number.strip()
    account.organization_name = (
        data.organization_name.strip()[:255] if data.kind == AccountKind.ORGANIZATION else ""
    )
    account.save(update_fields=["kind", "full_name", "identity_number", "organization_name"])


def _send_verification(contact: Contact, now: dt.datetime) -> None:
    code_issue(
        purpose=CodePurpose.VERIFY_CONTACT,
        subject=contact.value,
        contact=contact,
        now=now,
        message=_("Your code to activate your account is %(code)s. It is valid for 10 minutes."),
    )


def account_resend_verification(*, contact_text: str, now: dt.datetime) -> None:
    """Send a new activation code if the contact has an account that is not active yet."""
    contact = contact_parse(contact_text)
    account = _account_by_contact(contact)
    if account is not None and not account.user.is_active:
        _send_verification(contact, now)


@transaction.atomic
def account_verify(*, contact_text: str, code: str, now: dt.datetime) -> User:
    """Check the activation code; the account becomes active and the contact verified."""
    contact = contact_parse(contact_text)
    code_check(purpose=CodePurpose.VERIFY_CONTACT, subject=contact.value, code=code, now=now)
    account = _account_by_contact(contact)
    assert account is not None  # noqa: S101 - a code is issued only for an existing account
    field = "phone_verified_at" if contact.kind == "phone" else "email_verified_at"
    setattr(account, field, now)
    account.save(update_fields=[field])
    user = account.user
    user.is_active = True
    user.save(update_fields=["is_active"])
    return user


def account_authenticate(*, contact_text: str, password: str) -> User | None:
    """The active user whose contact and password match, or None (same cost either way)."""
    contact = parse_contact(contact_text)
    account = _account_by_contact(contact) if contact is not None else None
    if account is None:
        get_user_model()().set_password(password)  # spend the hashing time anyway
        return None
    user = account.user
    if not user.check_password(password) or not user.is_active:
        return None
    return user


def password_reset_request(*, contact_text: str, now: dt.datetime) -> Contact:
    """Send a reset code if the contact has an account; the caller cannot tell (quên mật khẩu)."""
    contact = contact_parse(contact_text)
    if _account_by_contact(contact) is not None:
        code_issue(
            purpose=CodePurpose.PASSWORD_RESET,
            subject=contact.value,
            contact=contact,
            now=now,
            message=_(
                "Your code to reset your password is %(code)s. It is valid for 10 minutes. "
                "If you did not ask for it, ignore this message."
            ),
        )
    return contact


@transaction.atomic
def password_reset_confirm(
    *, contact_text: str, code: str, new_password: str, now: dt.datetime
) -> User:
    """Set a new password with a reset code; the contact counts as verified."""
    contact = contact_parse(contact_text)
    account = _account_by_contact(contact)
    user = account.user if account is not None else None
    try:
        password_validation.validate_password(new_password, user)
    except ValidationError as exc:
        raise ValidationFailedError(errors={"password": list(exc.messages)}) from exc
    code_check(purpose=CodePurpose.PASSWORD_RESET, subject=contact.value, code=code, now=now)
    if account is None or user is None:  # a code is issued only for an existing account
        raise InvalidCodeError()
    user.set_password(new_password)
    user.is_active = True
    user.save(update_fields=["password", "is_active"])
    field = "phone_verified_at" if contact.kind == "phone" else "email_verified_at"
    setattr(account, field, now)
    account.save(update_fields=[field])
    return user


def account_of(user: AbstractBaseUser) -> CitizenAccount | None:
    return CitizenAccount.objects.filter(user_id=user.pk).first()
