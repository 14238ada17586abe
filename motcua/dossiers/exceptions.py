"""Domain errors of dossiers, each with a stable code (rendered as problem+json by the API)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from motcua.core.errors import DomainError, NotFoundError, ValidationFailedError
from motcua.dossiers.lifecycle import InvalidTransitionError

__all__ = [
    "ConsultationDeadlineError",
    "DossierNotFoundError",
    "InvalidApplicantError",
    "InvalidAssigneeError",
    "InvalidFormDataError",
    "InvalidTransitionError",
    "NoTimeLimitError",
    "PermissionDeniedError",
    "ReappointmentNotAllowedError",
    "RejectionTooLateError",
    "SupplementAlreadyRequestedError",
    "UploadRejectedError",
    "VersionConflictError",
    "WrongProcedureError",
]


class DossierNotFoundError(NotFoundError):
    code = "dossier_not_found"
    title = _("Dossier not found.")
    message_template = _("There is no dossier with this code that you may see.")


class PermissionDeniedError(DomainError):
    code = "permission_denied"
    status = 403
    title = _("You may not do this.")
    message_template = _("You may not perform %(action)s on this dossier.")


class VersionConflictError(DomainError):
    code = "version_conflict"
    status = 412
    title = _("The dossier has changed since you read it.")
    message_template = _(
        "The dossier is at version %(current)s, not %(expected)s: reload it and try again."
    )


class SupplementAlreadyRequestedError(DomainError):
    code = "supplement_already_requested"
    status = 409
    title = _("A supplement was already requested.")
    message_template = _(
        "A supplement may be requested only once for a dossier (Decree 61/2018, Art 15.3 and 19.4)."
    )


class ReappointmentNotAllowedError(DomainError):
    code = "reappointment_not_allowed"
    status = 409
    title = _("The due date cannot be re-appointed.")
    message_template = _(
        "A new due date may be given only once, later than the current one, and no later than "
        "one working day before it (Decree 61/2018, Art 19.9)."
    )


class RejectionTooLateError(DomainError):
    code = "rejection_too_late"
    status = 409
    title = _("The time limit has passed.")
    message_template = _(
        "A dossier may be rejected only within its time limit (Decree 61/2018, Art 19.8)."
    )


class InvalidApplicantError(ValidationFailedError):
    code = "invalid_applicant"
    title = _("The applicant's details are not valid.")
    message_template = _("The applicant's details are not valid: see errors.")


class InvalidFormDataError(ValidationFailedError):
    code = "invalid_form_data"
    title = _("The form data are not valid.")
    message_template = _("The form data do not match the procedure's form: see errors.")


class WrongProcedureError(ValidationFailedError):
    code = "wrong_procedure"
    title = _("The procedure does not fit.")
    message_template = _("The procedure or document does not belong here: see errors.")


class InvalidAssigneeError(ValidationFailedError):
    code = "invalid_assignee"
    title = _("The assignee is not valid.")
    message_template = _("The assignee must be a specialist or leader of the handling agency.")


class ConsultationDeadlineError(ValidationFailedError):
    code = "invalid_consultation"
    title = _("The consultation is not valid.")
    message_template = _(
        "A consultation needs another unit of the agency and a deadline in the future."
    )


class NoTimeLimitError(DomainError):
    code = "no_time_limit"
    status = 409
    title = _("The dossier has no time limit.")
    message_template = _("This dossier has no due date, so it cannot be re-appointed.")


class UploadRejectedError(ValidationFailedError):
    code = "upload_rejected"
    title = _("The file was not accepted.")
    message_template = _("The file was not accepted: see errors.")
