"""Domain errors of the organizations app (stable codes, translated messages)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from motcua.core.errors import DomainError


class InvalidAgencyIdentifierError(DomainError):
    code = "invalid_agency_identifier"
    message_template = _(
        "%(identifier)r is not an agency identifier like 000.00.00.H29 (QCVN 102)."
    )


class AgencyIdentifierTakenError(DomainError):
    code = "agency_identifier_taken"
    status = 409
    message_template = _("Another agency already has the identifier %(identifier)s.")


class AgencyInactiveError(DomainError):
    code = "agency_inactive"
    status = 409
    message_template = _("Agency %(identifier)s is no longer active.")


class AgencyTreeCycleError(DomainError):
    code = "agency_tree_cycle"
    message_template = _(
        "Agency %(identifier)s cannot be placed under itself or its own sub-agency."
    )


class AgencyNameRequiredError(DomainError):
    code = "agency_name_required"
    message_template = _("An agency needs a name.")
