"""Phone numbers and e-mail addresses as typed by citizens, normalized (pure)."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Vietnamese mobile numbers: 0 + 9 digits, or +84 / 84 + 9 digits; spaces, dots and dashes allowed.
_PHONE_RE = re.compile(r"^(?:\+?84|0)(\d{9})$")
_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True, slots=True)
class Contact:
    kind: str  # "phone" or "email"
    value: str

    @property
    def channel(self) -> str:
        """The notification channel that reaches this contact."""
        return "sms" if self.kind == "phone" else "email"


def parse_contact(text: str) -> Contact | None:
    """A phone number (as 0xxxxxxxxx) or an e-mail address (lower case); None if neither.

    >>> parse_contact(" +84 912.345.678 "), parse_contact("Ten@Example.VN")
    (Contact(kind='phone', value='0912345678'), Contact(kind='email', value='ten@example.vn'))
    >>> parse_contact("12345") is None
    True
    """
    text = text.strip()
    if "@" in text:
        return Contact("email", text.lower()) if _EMAIL_RE.fullmatch(text) else None
    digits = re.sub(r"[\s.\-()]", "", text)
    match = _PHONE_RE.fullmatch(digits)
    return Contact("phone", "0" + match.group(1)) if match else None


def mask(contact: Contact) -> str:
    """The contact with most characters hidden, to tell the citizen where a code went.

    >>> mask(Contact("phone", "0912345678")), mask(Contact("email", "nguyenvan@example.vn"))
    ('******5678', 'n***@example.vn')
    """
    if contact.kind == "phone":
        return "*" * (len(contact.value) - 4) + contact.value[-4:]
    name, _, domain = contact.value.partition("@")
    return f"{name[:1]}***@{domain}"
