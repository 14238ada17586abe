"""REST plumbing shared by every app: problem+json errors and keyset pagination helpers."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from motcua.core.errors import DomainError, ValidationFailedError

PROBLEM_CONTENT_TYPE = "application/problem+json"

# Stable codes for DRF's own exceptions, keyed by class.
_DRF_CODES: dict[type[exceptions.APIException], str] = {
    exceptions.ValidationError: "validation_failed",
    exceptions.ParseError: "malformed_request",
    exceptions.AuthenticationFailed: "authentication_failed",
    exceptions.NotAuthenticated: "not_authenticated",
    exceptions.PermissionDenied: "permission_denied",
    exceptions.NotFound: "not_found",
    exceptions.MethodNotAllowed: "method_not_allowed",
    exceptions.NotAcceptable: "not_acceptable",
    exceptions.UnsupportedMediaType: "unsupported_media_type",
    exceptions.Throttled: "throttled",
}


def problem_response(
    *, status_code: int, code: str, title: str, detail: str, extra: dict[str, Any] | None = None
) -> Response:
    """Build an RFC 9457 problem document with our stable ``code`` member."""
    body: dict[str, Any] = {
        "type": f"urn:motcua:problem:{code}",
        "code": code,
        "title": title,
        "status": status_code,
        "detail": detail,
    }
    if extra:
        body.update(extra)
    return Response(body, status=status_code, content_type=PROBLEM_CONTENT_TYPE)


def problem_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF exception handler: every error leaves the API as problem+json with a stable code."""
    if isinstance(exc, ValidationFailedError):
        return problem_response(
            status_code=exc.status,
            code=exc.code,
            title=str(exc.title),
            detail=exc.message,
            extra={"errors": exc.errors},
        )
    if isinstance(exc, DomainError):
        return problem_response(
            status_code=exc.status, code=exc.code, title=str(exc.title), detail=exc.message
        )
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    response = exception_handler(exc, context)
    if response is None or not isinstance(exc, exceptions.APIException):
        return response
    code = next((c for cls, c in _DRF_CODES.items() if isinstance(exc, cls)), "error")
    extra: dict[str, Any] = {}
    if isinstance(exc, exceptions.ValidationError):
        detail = _("The input is not valid.")
        extra["errors"] = exc.detail
    else:
        detail = str(exc.detail)
    problem = problem_response(
        status_code=response.status_code,
        code=code,
        title=str(exc.default_detail),
        detail=detail,
        extra=extra,
    )
    for header in ("WWW-Authenticate", "Allow", "Retry-After"):
        if header in response:
            problem[header] = response[header]
    return problem


def bad_request(code: str, detail: str) -> Response:
    """A 400 problem for query-parameter errors detected in a view."""
    return problem_response(
        status_code=status.HTTP_400_BAD_REQUEST,
        code=code,
        title=_("The input is not valid."),
        detail=detail,
    )
