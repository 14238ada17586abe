"""Catalog API: the public, read-only list and record of procedures (thủ tục hành chính).

Views parse the query string, call one selector and render; errors leave as problem+json through
``motcua.core.api.problem_exception_handler``.
"""

from __future__ import annotations

import hashlib

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.authentication import BaseAuthentication
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from motcua.catalog.api.serializers import (
    ProcedureDetailQuerySerializer,
    ProcedureDetailSerializer,
    ProcedureListItemSerializer,
    ProcedureListQuerySerializer,
    ProcedureListSerializer,
)
from motcua.catalog.selectors import (
    procedure_api_list,
    procedure_list_is_ranked,
    procedure_version_get,
)
from motcua.core.api import problem_responses, query_params_parse
from motcua.core.pagination import Cursor, Keyset, cursor_decode, next_page_url
from motcua.core.text import fold


def _cursor_scope(query: str | None) -> str:
    """The list a cursor belongs to: by code, or ranked for this (folded) query."""
    if not procedure_list_is_ranked(query=query):
        return "procedures:code"
    digest = hashlib.sha256(fold(query or "").encode()).hexdigest()[:16]
    return f"procedures:relevance:{digest}"


class PublicReadOnlyApi(APIView):
    """Base of the catalog's views: anyone may read, nobody may write.

    No authentication runs at all, so a browser's session cookie never turns a write attempt
    into a CSRF failure: a write answers 405 for every kind of user.
    """

    authentication_classes: list[type[BaseAuthentication]] = []
    permission_classes = [AllowAny]


class ProcedureListApi(PublicReadOnlyApi):
    @extend_schema(
        operation_id="procedures_list",
        summary="List and search procedures in force",
        description=(
            "Procedures in force today, with filters and keyset pagination. Follow `next` "
            "until it is null; a cursor keeps its place even when procedures change meanwhile. "
            "With `q` the order is by relevance (then code), without it by code."
        ),
        parameters=[ProcedureListQuerySerializer],
        responses={
            200: ProcedureListSerializer,
            **problem_responses(
                {400: ["invalid_parameter", "invalid_cursor"], 405: ["method_not_allowed"]}
            ),
        },
        tags=["catalog"],
    )
    def get(self, request: Request) -> Response:
        params = query_params_parse(ProcedureListQuerySerializer, request)
        query = params.get("q")
        scope = _cursor_scope(query)
        after: Keyset | None = None
        if "cursor" in params:
            after = cursor_decode(params["cursor"], scope=scope)
        page = procedure_api_list(
            on=timezone.localdate(),
            query=query,
            sector_code=params.get("sector"),
            agency_identifier=params.get("agency"),
            online_level=params.get("online_level"),
            channel=params.get("channel"),
            after=after,
            limit=params["limit"],
        )
        next_cursor = Cursor(scope, page.next_keyset) if page.next_keyset is not None else None
        context = {"request": request}
        return Response(
            {
                "results": ProcedureListItemSerializer(page.items, many=True, context=context).data,
                "next": next_page_url(request, next_cursor),
            }
        )


class ProcedureDetailApi(PublicReadOnlyApi):
    @extend_schema(
        operation_id="procedures_retrieve",
        summary="The full record of a procedure",
        description=(
            "Every field of the national procedure record, as in force today; `version` or "
            "`on` reads a past version (a dossier keeps the version it was submitted under). "
            "A code that is not shaped like a procedure code (e.g. `1.000948.H38`) answers 400 "
            "`invalid_procedure_code`; a well-formed code we do not know answers 404 "
            "`procedure_not_found`."
        ),
        parameters=[
            ProcedureDetailQuerySerializer,
            OpenApiParameter(
                "code",
                str,
                OpenApiParameter.PATH,
                description="National procedure code, e.g. `1.001193` or `1.000948.H38`.",
            ),
        ],
        responses={
            200: ProcedureDetailSerializer,
            **problem_responses(
                {
                    400: ["invalid_parameter", "invalid_procedure_code"],
                    404: ["procedure_not_found", "procedure_version_not_found"],
                    405: ["method_not_allowed"],
                }
            ),
        },
        tags=["catalog"],
    )
    def get(self, request: Request, code: str) -> Response:
        params = query_params_parse(ProcedureDetailQuerySerializer, request)
        version = procedure_version_get(
            code=code, on=params.get("on") or timezone.localdate(), number=params.get("version")
        )
        return Response(ProcedureDetailSerializer(version, context={"request": request}).data)
