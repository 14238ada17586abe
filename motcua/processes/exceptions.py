"""Domain errors of internal processes, each with a stable code."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from motcua.core.errors import DomainError, ValidationFailedError


class InvalidProcessError(ValidationFailedError):
    code = "invalid_process"
    title = _("The internal process is not valid.")
    message_template = _("The internal process is not valid: %(detail)s")


class NoProcessError(DomainError):
    code = "no_process"
    status = 409
    title = _("The procedure has no internal process in this agency.")
    message_template = _("The procedure has no internal process in this agency.")


class ProcessFinishedError(DomainError):
    code = "process_finished"
    status = 409
    title = _("The dossier has passed every step.")
    message_template = _("The dossier has passed every step of its process.")


class WrongStepOfficialError(DomainError):
    code = "wrong_step_official"
    status = 400
    title = _("This official does not perform the step.")
    message_template = _("The step %(step)s is performed by a %(role)s of %(unit)s.")


class NotConsultedError(DomainError):
    code = "not_consulted"
    status = 403
    title = _("Your unit is not consulted on this dossier.")
    message_template = _("Your unit is not consulted on this dossier.")


class NotAgencyAdminError(DomainError):
    code = "not_agency_admin"
    status = 403
    title = _("Only the agency's administrators may do this.")
    message_template = _("Only the agency's administrators may do this.")
