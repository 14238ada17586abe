"""Errors of satisfaction ratings."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from motcua.core.errors import DomainError


class RatingNotAllowedError(DomainError):
    code = "rating_not_allowed"
    status = 409
    title = _("The dossier cannot be rated now.")
    message_template = _("You can rate a dossier once, after its result is ready.")
