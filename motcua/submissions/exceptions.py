"""Errors of online submissions; messages say what to do."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from motcua.core.errors import NotFoundError, ValidationFailedError


class DraftNotFoundError(NotFoundError):
    code = "draft_not_found"
    title = _("Draft not found.")
    message_template = _("There is no draft with this number in your account.")


class DraftIncompleteError(ValidationFailedError):
    code = "draft_incomplete"
    title = _("The submission is not complete.")
    message_template = _("Some information is missing or wrong: correct the fields listed.")


class FileRejectedError(ValidationFailedError):
    code = "file_rejected"
    title = _("The file was not accepted.")
    message_template = _("The file was not accepted: see the message next to the field.")
