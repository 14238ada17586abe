"""Domain errors: a stable machine code plus a translated, human message.

The API renders them as RFC 9457 ``application/problem+json`` (see ``core.api``); the UI shows
``message``. Subclasses fix ``code``, ``status`` and ``message_template``.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    """Base of every business-rule violation; never a programming error."""

    code: ClassVar[str] = "domain_error"
    status: ClassVar[int] = 400
    title: ClassVar[str | Promise] = _("The request breaks a business rule.")
    message_template: ClassVar[str | Promise] = _("The request breaks a business rule.")

    def __init__(self, **params: Any) -> None:
        self.params = params
        super().__init__(self.message)

    @property
    def message(self) -> str:
        return (
            str(self.message_template) % self.params if self.params else str(self.message_template)
        )


class NotFoundError(DomainError):
    code = "not_found"
    status = 404
    title = _("Not found.")
    message_template = _("The requested resource does not exist.")


class ValidationFailedError(DomainError):
    """Input that fails validation; ``errors`` maps a field to its messages."""

    code = "validation_failed"
    status = 400
    title = _("The input is not valid.")
    message_template = _("The input is not valid.")

    def __init__(self, errors: dict[str, list[str]] | None = None, **params: Any) -> None:
        self.errors = errors or {}
        super().__init__(**params)
