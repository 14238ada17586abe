"""The friendly server-error page: a reference the citizen can quote, never a stack trace."""

from __future__ import annotations

import logging
import secrets
import sys

from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.template import loader

from motcua.core.api import API_PREFIX
from motcua.core.api import server_error as core_server_error

logger = logging.getLogger("motcua.errors")


def server_error(request: HttpRequest, template_name: str = "500.html") -> HttpResponse:
    """``handler500``: problem+json under /api/, else the HTML page with an error reference."""
    if request.path.startswith(API_PREFIX):
        return core_server_error(request, template_name)
    reference = secrets.token_hex(4).upper()
    logger.error(
        "Server error %s on %s %s", reference, request.method, request.path, exc_info=sys.exc_info()
    )
    try:
        body = loader.get_template(template_name).render({"reference": reference})
    except Exception:
        body = f"<h1>Server error</h1><p>Reference: {reference}</p>"
    return HttpResponseServerError(body)
