"""Dossier API v1: create, read, list, act on dossiers; events; documents; anonymous lookup.

Views parse the input, call one service or selector and render. Every error leaves as
problem+json with a stable code. A dossier the caller may not see answers exactly like one that
does not exist (404 ``dossier_not_found``). Bearer tokens are limited to their scopes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from django.http import FileResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.authentication import BaseAuthentication, SessionAuthentication
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from motcua.accounts.authentication import BearerTokenAuthentication, request_scopes
from motcua.accounts.models import Scope
from motcua.catalog.models import Channel
from motcua.core.api import problem_responses, query_params_parse
from motcua.core.errors import DomainError, ValidationFailedError
from motcua.core.pagination import Cursor, Keyset, cursor_decode, next_page_url
from motcua.dossiers.api.serializers import (
    ACTION_FIELDS,
    ActionInputSerializer,
    DocumentListSerializer,
    DocumentSerializer,
    DocumentUploadSerializer,
    DossierCreateSerializer,
    DossierEventListSerializer,
    DossierListQuerySerializer,
    DossierListSerializer,
    DossierSerializer,
    PublicStatusSerializer,
    document_rows,
    event_rows,
)
from motcua.dossiers.lifecycle import DossierStatus, Transition
from motcua.dossiers.models import Dossier
from motcua.dossiers.selectors import (
    DossierFilters,
    dossier_document_get,
    dossier_documents,
    dossier_events,
    dossier_get,
    dossier_get_for_actor,
    dossier_list_for_actor,
    dossier_lookup,
)
from motcua.dossiers.services import transitions as tr
from motcua.dossiers.services.documents import dossier_document_add
from motcua.dossiers.services.idempotency import idempotent_call, request_fingerprint

IDEMPOTENCY_HEADER = "Idempotency-Key"
_STATUS_BY_NAME = {s.api_name: s.value for s in DossierStatus}


class InsufficientScopeError(DomainError):
    code = "insufficient_scope"
    status = 403
    title = _("The token does not grant this.")
    message_template = _("This request needs a token with the %(scope)s scope.")


class MissingFieldsError(ValidationFailedError):
    code = "validation_failed"


def ensure_scope(request: Request, scope: str) -> None:
    scopes = request_scopes(request)
    if scopes is not None and scope not in scopes:
        raise InsufficientScopeError(scope=scope)


def etag(dossier: Dossier) -> str:
    return f'"{dossier.version}"'


def expected_version(request: Request, body_version: int | None) -> int | None:
    """The version the client read: If-Match (``"3"`` or ``W/"3"``) or ``version`` in the body."""
    header = request.headers.get("If-Match", "").strip()
    if header and header != "*":
        value = header.removeprefix("W/").strip('"')
        if not value.isdigit():
            raise ValidationFailedError(errors={"If-Match": ["must be an ETag of this API"]})
        return int(value)
    return body_version


def dossier_response(request: Request, dossier: Dossier, code: int = 200) -> Response:
    response = Response(DossierSerializer(dossier).data, status=code)
    response["ETag"] = etag(dossier)
    return response


def _principal(request: Request) -> str:
    return f"user:{request.user.pk}"


def idempotent(request: Request, content: Any, run: Callable[[], Response]) -> Response:
    """Run a POST once per Idempotency-Key; a retry gets the first response."""
    key = request.headers.get(IDEMPOTENCY_HEADER)
    if key is None:
        return run()

    def run_and_capture() -> tuple[int, Any, dict[str, str]]:
        response = run()
        headers = {h: response[h] for h in ("ETag", "Location") if h in response}
        return response.status_code, response.data, headers

    stored = idempotent_call(
        principal=_principal(request),
        key=key,
        fingerprint=request_fingerprint(method="POST", path=request.path, content=content),
        run=run_and_capture,
    )
    response = Response(stored.body, status=stored.status)
    for header, value in stored.headers.items():
        response[header] = value
    if stored.replayed:
        response["Idempotent-Replayed"] = "true"
    return response


class DossierApi(APIView):
    authentication_classes: list[type[BaseAuthentication]] = [
        BearerTokenAuthentication,
        SessionAuthentication,
    ]
    permission_classes = [IsAuthenticated]


_COMMON_ERRORS = {401: ["not_authenticated", "authentication_failed"], 403: ["insufficient_scope"]}
_CODE_PARAM = OpenApiParameter(
    "code",
    str,
    OpenApiParameter.PATH,
    description="Dossier code, e.g. `000.00.00.H29-260302-0001`.",
)
_IDEMPOTENCY_PARAM = OpenApiParameter(
    IDEMPOTENCY_HEADER,
    str,
    OpenApiParameter.HEADER,
    required=False,
    description="Any unique string; a retry with the same key returns the first response.",
)


class DossierListCreateApi(DossierApi):
    @extend_schema(
        operation_id="dossiers_create",
        summary="Submit a dossier (online) or receive one (counter, post)",
        request=DossierCreateSerializer,
        parameters=[_IDEMPOTENCY_PARAM],
        responses={
            201: DossierSerializer,
            **problem_responses(
                {
                    400: [
                        "validation_failed",
                        "invalid_applicant",
                        "invalid_form_data",
                        "wrong_procedure",
                        "invalid_idempotency_key",
                    ],
                    **_COMMON_ERRORS,
                    403: ["insufficient_scope", "permission_denied"],
                    422: ["idempotency_key_reused"],
                }
            ),
        },
        tags=["dossiers"],
    )
    def post(self, request: Request) -> Response:
        ensure_scope(request, Scope.DOSSIERS_WRITE)
        payload = DossierCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data

        def run() -> Response:
            applicant = tr.ApplicantInput(**data["applicant"])
            if data["channel"] in (Channel.COUNTER, Channel.POSTAL):
                dossier = tr.dossier_receive_at_counter(
                    actor=request.user,
                    procedure_version_id=data["procedure_version"],
                    receiving_unit_id=data["receiving_unit"],
                    applicant=applicant,
                    form_data=data["form_data"],
                    checklist=data["checklist"],
                    channel=data["channel"],
                )
            else:
                dossier = tr.dossier_submit(
                    actor=request.user,
                    procedure_version_id=data["procedure_version"],
                    receiving_unit_id=data["receiving_unit"],
                    applicant=applicant,
                    form_data=data["form_data"],
                    channel=data["channel"],
                    via_national_portal=data["via_national_portal"],
                )
            # The creator may see it (applicant, reception officer or integration client).
            response = dossier_response(request, dossier, status.HTTP_201_CREATED)
            response["Location"] = f"{request.path.rstrip('/')}/{dossier.code}"
            return response

        return idempotent(request, request.data, run)

    @extend_schema(
        operation_id="dossiers_list",
        summary="List the dossiers you may see (keyset pages)",
        parameters=[DossierListQuerySerializer],
        responses={
            200: DossierListSerializer,
            **problem_responses({400: ["invalid_parameter", "invalid_cursor"], **_COMMON_ERRORS}),
        },
        tags=["dossiers"],
    )
    def get(self, request: Request) -> Response:
        ensure_scope(request, Scope.DOSSIERS_READ)
        params = query_params_parse(DossierListQuerySerializer, request)
        scope = f"dossiers:{params['ordering']}"
        after: Keyset | None = None
        if "cursor" in params:
            after = cursor_decode(params["cursor"], scope=scope)
        items, next_keyset = dossier_list_for_actor(
            actor=request.user,
            filters=DossierFilters(
                status=[_STATUS_BY_NAME[s] for s in params.get("status", [])] or None,
                agency=params.get("agency"),
                procedure=params.get("procedure"),
                assignee=params.get("assignee"),
                due_before=params.get("due_before"),
                due_after=params.get("due_after"),
                overdue=params.get("overdue"),
            ),
            now=timezone.now(),
            ordering=params["ordering"],
            after=after,
            limit=params["limit"],
        )
        cursor = Cursor(scope, next_keyset) if next_keyset is not None else None
        return Response(
            {
                "results": DossierSerializer(items, many=True).data,
                "next": next_page_url(request, cursor),
            }
        )


class DossierDetailApi(DossierApi):
    @extend_schema(
        operation_id="dossiers_retrieve",
        summary="A dossier (ETag: its version)",
        parameters=[_CODE_PARAM],
        responses={
            200: DossierSerializer,
            **problem_responses({404: ["dossier_not_found"], **_COMMON_ERRORS}),
        },
        tags=["dossiers"],
    )
    def get(self, request: Request, code: str) -> Response:
        ensure_scope(request, Scope.DOSSIERS_READ)
        return dossier_response(request, dossier_get_for_actor(code=code, actor=request.user))


def _call_action(
    transition: Transition, dossier: Dossier, request: Request, data: dict[str, Any]
) -> Dossier:
    common: dict[str, Any] = {
        "dossier_id": dossier.pk,
        "actor": request.user,
        "expected_version": expected_version(request, data.get("version")),
    }
    t = Transition
    calls: dict[Transition, Callable[[], Dossier]] = {
        t.RECEIVE: lambda: tr.dossier_receive(**common, checklist=data["checklist"]),
        t.REFUSE: lambda: tr.dossier_refuse(**common, reason=data["reason"]),
        t.REQUEST_SUPPLEMENT: lambda: tr.dossier_request_supplement(
            **common, reason=data["reason"], missing_documents=data["missing_documents"]
        ),
        t.SUBMIT_SUPPLEMENT: lambda: tr.dossier_submit_supplement(
            **common, note=data.get("note", "")
        ),
        t.ASSIGN: lambda: tr.dossier_assign(
            **common, assignee_id=data["assignee"], step=data.get("step", "")
        ),
        t.FORWARD: lambda: tr.dossier_forward(
            **common, assignee_id=data["assignee"], step=data.get("step", "")
        ),
        t.CONSULT: lambda: tr.dossier_consult(
            **common, unit_id=data["unit"], answer_due_at=data["due_at"], question=data["question"]
        ),
        t.APPROVE: lambda: tr.dossier_approve(**common, note=data.get("note", "")),
        t.REJECT: lambda: tr.dossier_reject(**common, reason=data["reason"]),
        t.REQUEST_PAYMENT: lambda: tr.dossier_request_payment(
            **common, amount=data["amount"], description=data["description"]
        ),
        t.CONFIRM_PAYMENT: lambda: tr.dossier_confirm_payment(
            **common, reference=data["reference"]
        ),
        t.WITHDRAW: lambda: tr.dossier_withdraw(**common, reason=data.get("reason", "")),
        t.STOP: lambda: tr.dossier_stop(**common, reason=data["reason"]),
        t.FINISH: lambda: tr.dossier_finish(**common, result=data["result"]),
        t.RETURN_RESULT: lambda: tr.dossier_return_result(**common, delivery=data["delivery"]),
        t.APOLOGIZE: lambda: tr.dossier_apologize(
            **common, new_due_at=data["new_due_at"], reason=data["reason"]
        ),
    }
    return calls[transition]()


ACTION_NAMES = [t.value for t in ACTION_FIELDS]


class DossierActionApi(DossierApi):
    @extend_schema(
        operation_id="dossiers_action",
        summary="Perform an action (a lifecycle transition) on a dossier",
        description="Required fields per action: "
        + "; ".join(f"`{t.value}`: {', '.join(f) or '—'}" for t, f in ACTION_FIELDS.items())
        + ". Send the version you read in `If-Match` (or `version`) to avoid lost updates.",
        request=ActionInputSerializer,
        parameters=[
            _CODE_PARAM,
            OpenApiParameter("action", str, OpenApiParameter.PATH, enum=ACTION_NAMES),
            OpenApiParameter("If-Match", str, OpenApiParameter.HEADER, required=False),
            _IDEMPOTENCY_PARAM,
        ],
        responses={
            200: DossierSerializer,
            **problem_responses(
                {
                    400: ["validation_failed", "invalid_assignee", "invalid_consultation"],
                    **_COMMON_ERRORS,
                    403: ["insufficient_scope", "permission_denied"],
                    404: ["dossier_not_found", "not_found"],
                    409: [
                        "invalid_transition",
                        "supplement_already_requested",
                        "reappointment_not_allowed",
                        "rejection_too_late",
                        "no_time_limit",
                    ],
                    412: ["version_conflict"],
                    422: ["idempotency_key_reused"],
                }
            ),
        },
        tags=["dossiers"],
    )
    def post(self, request: Request, code: str, action: str) -> Response:
        ensure_scope(request, Scope.DOSSIERS_WRITE)
        try:
            transition = Transition(action)
        except ValueError:
            transition = Transition.SUBMIT
        if transition not in ACTION_FIELDS:
            raise ValidationFailedError(errors={"action": [f"one of {', '.join(ACTION_NAMES)}"]})
        payload = ActionInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        missing = [f for f in ACTION_FIELDS[transition] if f not in data]
        if missing:
            raise MissingFieldsError(errors={f: ["required for this action"] for f in missing})

        def run() -> Response:
            dossier = dossier_get_for_actor(code=code, actor=request.user)
            _call_action(transition, dossier, request, data)
            # Not access-checked again: the action may end the actor's relation (forward).
            return dossier_response(request, dossier_get(dossier_id=dossier.pk))

        content = {"data": request.data, "if_match": request.headers.get("If-Match", "")}
        return idempotent(request, content, run)


class DossierEventListApi(DossierApi):
    @extend_schema(
        operation_id="dossiers_events",
        summary="The processing history of a dossier (hash-chained events)",
        parameters=[_CODE_PARAM],
        responses={
            200: DossierEventListSerializer,
            **problem_responses({404: ["dossier_not_found"], **_COMMON_ERRORS}),
        },
        tags=["dossiers"],
    )
    def get(self, request: Request, code: str) -> Response:
        ensure_scope(request, Scope.DOSSIERS_READ)
        dossier = dossier_get_for_actor(code=code, actor=request.user)
        return Response({"results": event_rows(list(dossier_events(dossier=dossier)))})


class DossierDocumentListApi(DossierApi):
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    @extend_schema(
        operation_id="dossiers_documents_list",
        summary="The documents of a dossier",
        parameters=[_CODE_PARAM],
        responses={
            200: DocumentListSerializer,
            **problem_responses({404: ["dossier_not_found"], **_COMMON_ERRORS}),
        },
        tags=["dossiers"],
    )
    def get(self, request: Request, code: str) -> Response:
        ensure_scope(request, Scope.DOSSIERS_READ)
        dossier = dossier_get_for_actor(code=code, actor=request.user)
        return Response({"results": document_rows(list(dossier_documents(dossier=dossier)))})

    @extend_schema(
        operation_id="dossiers_documents_upload",
        summary="Upload a document (PDF, PNG, JPEG or TIFF; type checked by content)",
        request={"multipart/form-data": DocumentUploadSerializer},
        parameters=[_CODE_PARAM, _IDEMPOTENCY_PARAM],
        responses={
            201: DocumentSerializer,
            **problem_responses(
                {
                    400: ["validation_failed", "upload_rejected"],
                    **_COMMON_ERRORS,
                    403: ["insufficient_scope", "permission_denied"],
                    404: ["dossier_not_found"],
                    422: ["idempotency_key_reused"],
                }
            ),
        },
        tags=["dossiers"],
    )
    def post(self, request: Request, code: str) -> Response:
        ensure_scope(request, Scope.DOSSIERS_WRITE)
        payload = DocumentUploadSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        upload = data["file"]

        def run() -> Response:
            dossier = dossier_get_for_actor(code=code, actor=request.user)
            document = dossier_document_add(
                dossier_id=dossier.pk,
                actor=request.user,
                upload=upload,
                name=upload.name or "file",
                required_document_id=data.get("required_document"),
                kind=data["kind"],
            )
            return Response(DocumentSerializer(document).data, status=status.HTTP_201_CREATED)

        digest = hashlib.sha256()
        for chunk in upload.chunks():
            digest.update(chunk)
        upload.seek(0)
        content = {
            "file": digest.hexdigest(),
            "required_document": data.get("required_document"),
            "kind": data["kind"],
        }
        return idempotent(request, content, run)


class DossierDocumentDownloadApi(DossierApi):
    @extend_schema(
        operation_id="dossiers_documents_download",
        summary="Download a document",
        parameters=[_CODE_PARAM],
        responses={
            (200, "application/octet-stream"): bytes,
            **problem_responses({404: ["dossier_not_found"], **_COMMON_ERRORS}),
        },
        tags=["dossiers"],
    )
    def get(self, request: Request, code: str, document_id: int) -> FileResponse:
        ensure_scope(request, Scope.DOSSIERS_READ)
        dossier = dossier_get_for_actor(code=code, actor=request.user)
        document = dossier_document_get(dossier=dossier, document_id=document_id)
        return FileResponse(
            document.file.open("rb"),
            as_attachment=True,
            filename=document.original_name,
            content_type=document.content_type,
        )


class DossierLookupApi(APIView):
    """Anonymous status lookup by code (tra cứu hồ sơ): no personal data."""

    authentication_classes: list[type[BaseAuthentication]] = []
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="dossiers_lookup",
        summary="Look up a dossier's status by its code (anonymous)",
        parameters=[_CODE_PARAM],
        responses={
            200: PublicStatusSerializer,
            **problem_responses({404: ["dossier_not_found"]}),
        },
        tags=["dossiers"],
    )
    def get(self, request: Request, code: str) -> Response:
        return Response(PublicStatusSerializer(dossier_lookup(code=code)).data)
