"""Errors of the catalog domain, each with a stable code (rendered as problem+json by the API)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from motcua.core.errors import NotFoundError, ValidationFailedError


class ProcedureNotFoundError(NotFoundError):
    code = "procedure_not_found"
    title = _("Procedure not found.")
    message_template = _("No procedure has the code %(code)s.")


class ProcedureVersionNotFoundError(NotFoundError):
    code = "procedure_version_not_found"
    title = _("Procedure version not found.")
    message_template = _("Procedure %(code)s has no version matching the request.")


class InvalidProcedureCodeError(ValidationFailedError):
    code = "invalid_procedure_code"
    title = _("Not a procedure code.")
    message_template = _(
        "%(code)s is not a procedure code; a procedure code looks like 1.000948 or 1.000948.H38."
    )
