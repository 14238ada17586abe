"""REST plumbing shared by every app: problem+json errors and keyset pagination helpers."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import defaults
from drf_spectacular.utils import OpenApiExample, OpenApiResponse
from rest_framework import exceptions, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import exception_handler

from motcua.core.errors import DomainError, ValidationFailedError

API_PREFIX = "/api/"

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


# Titles for the DRF exceptions whose default message is a template ("Method {method} ...").
_DRF_TITLES = {
    "method_not_allowed": gettext_lazy("Method not allowed."),
    "unsupported_media_type": gettext_lazy("Unsupported media type."),
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
        title=str(_DRF_TITLES.get(code, exc.default_detail)),
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


# --- Query parameters --------------------------------------------------------------------------


class InvalidParameterError(ValidationFailedError):
    """A query parameter has a value the API does not accept; ``errors`` names the parameter."""

    code = "invalid_parameter"
    title = gettext_lazy("A query parameter is not valid.")
    message_template = gettext_lazy("A query parameter is not valid: see errors.")


def query_params_parse(
    serializer_class: type[serializers.Serializer],  # type: ignore[type-arg]
    request: Request,
) -> dict[str, Any]:
    """Validate the query string with ``serializer_class``; raise InvalidParameterError if bad."""
    serializer = serializer_class(data=request.query_params)
    if not serializer.is_valid():
        raise InvalidParameterError(errors=_plain_errors(serializer.errors))
    return dict(serializer.validated_data)


def _plain_errors(errors: Any) -> dict[str, list[str]]:
    """DRF's nested ErrorDetail structure as ``{field: [message, ...]}``."""
    plain: dict[str, list[str]] = {}
    for field, messages in dict(errors).items():
        if isinstance(messages, list | tuple):
            plain[str(field)] = [str(m) for m in messages]
        else:
            plain[str(field)] = [str(messages)]
    return plain


# --- Plain Django views and handlers (outside DRF) ----------------------------------------------


def problem_json_response(*, status_code: int, code: str, title: str, detail: str) -> HttpResponse:
    """A problem document from plain Django code (URL resolver misses, server errors)."""
    body = {
        "type": f"urn:motcua:problem:{code}",
        "code": code,
        "title": title,
        "status": status_code,
        "detail": detail,
    }
    return JsonResponse(
        body,
        status=status_code,
        content_type=PROBLEM_CONTENT_TYPE,
        json_dumps_params={"ensure_ascii": False, "separators": (",", ":")},
    )


def api_not_found(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    """Any path under /api/ that no API route matched: a 404 problem, never an HTML page."""
    return problem_json_response(
        status_code=404,
        code="not_found",
        title=_("Not found."),
        detail=_("There is no API resource at this address."),
    )


def server_error(request: HttpRequest, template_name: str = "500.html") -> HttpResponse:
    """``handler500``: a 500 problem for API paths, the HTML error page elsewhere."""
    if request.path.startswith(API_PREFIX):
        return problem_json_response(
            status_code=500,
            code="server_error",
            title=_("Server error."),
            detail=_("The server failed to handle the request; it has been logged."),
        )
    return defaults.server_error(request, template_name)


# --- OpenAPI description of errors -------------------------------------------------------------


class ProblemSerializer(serializers.Serializer):  # type: ignore[type-arg]
    """RFC 9457 problem details, with our stable ``code`` and field ``errors``."""

    type = serializers.CharField(help_text="URN naming the problem: urn:motcua:problem:<code>.")
    code = serializers.CharField(help_text="Stable machine-readable error code.")
    title = serializers.CharField(help_text="Short human summary (in the request's language).")
    status = serializers.IntegerField(help_text="The HTTP status code.")
    detail = serializers.CharField(help_text="Human explanation of this occurrence.")
    # The metaclass moves declared fields off the class, so Serializer.errors is not shadowed.
    errors = serializers.DictField(  # type: ignore[assignment]
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="Field or parameter name → messages; present on validation errors.",
    )


_STATUS_DESCRIPTIONS = {
    400: "Bad request (invalid parameter, cursor or identifier).",
    401: "Not authenticated.",
    403: "Permission denied.",
    404: "Not found.",
    405: "Method not allowed.",
    409: "Conflict with the current state.",
    500: "Server error.",
}


def problem_responses(
    codes: dict[int, list[str]],
) -> dict[tuple[int, str], OpenApiResponse]:
    """Schema ``responses`` entries: each status as application/problem+json with its codes.

    ``codes`` maps an HTTP status to the stable ``code`` values an endpoint can answer with.
    """
    responses: dict[tuple[int, str], OpenApiResponse] = {}
    for status_code, problem_codes in sorted(codes.items()):
        listed = ", ".join(f"`{c}`" for c in problem_codes)
        responses[(status_code, PROBLEM_CONTENT_TYPE)] = OpenApiResponse(
            response=ProblemSerializer,
            description=f"{_STATUS_DESCRIPTIONS.get(status_code, 'Error.')} Codes: {listed}.",
            examples=[
                OpenApiExample(
                    c,
                    value={
                        "type": f"urn:motcua:problem:{c}",
                        "code": c,
                        "title": "…",
                        "status": status_code,
                        "detail": "…",
                    },
                    status_codes=[status_code],
                    media_type=PROBLEM_CONTENT_TYPE,
                )
                for c in problem_codes
            ],
        )
    return responses
