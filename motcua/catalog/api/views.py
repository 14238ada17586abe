"""Catalog API: the public, read-only list and record of procedures (thủ tục hành chính).

Views parse the query string, call one selector and render; errors leave as problem+json through
``motcua.core.api.problem_exception_handler``.
"""

from __future__ import annotations

import hashlib

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
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
    ORDERING_RELEVANCE,
    ProcedureKey,
    procedure_api_list,
    procedure_list_ordering,
    procedure_version_get,
)
from motcua.core.api import problem_responses, query_params_parse
from motcua.core.pagination import Cursor, cursor_decode, next_page_url
from motcua.core.text import fold

# Anyone may read the catalog. No authentication runs at all, so a browser's session cookie never
# turns a write attempt into a CSRF failure: every write answers 405 for every kind of user.
PUBLIC_READ_ONLY = {"authentication_classes": [], "permission_classes": [AllowAny]}

_KEY_TYPES: dict[str, list[type]] = {ORDERING_RELEVANCE: [int, int, str], "code": [str]}


def _cursor_ordering(query: str | None) -> str:
    """The ordering a cursor is bound to; a relevance cursor is also bound to its query."""
    ordering = procedure_list_ordering(query=query)
    if ordering != ORDERING_RELEVANCE:
        return ordering
    digest = hashlib.sha256(fold(query or "").encode()).hexdigest()[:12]
    return f"{ordering}:{digest}"


class ProcedureListApi(APIView):
    authentication_classes = PUBLIC_READ_ONLY["authentication_classes"]
    permission_classes = PUBLIC_READ_ONLY["permission_classes"]

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
        ordering = _cursor_ordering(query)
        after: ProcedureKey | None = None
        if "cursor" in params:
            base = ordering.split(":")[0]
            cursor = cursor_decode(params["cursor"], ordering=ordering, key_types=_KEY_TYPES[base])
            after = cursor.key  # type: ignore[assignment]  # shape checked by key_types
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
        next_cursor = Cursor(ordering, page.next_key) if page.next_key is not None else None
        context = {"request": request}
        return Response(
            {
                "results": ProcedureListItemSerializer(page.items, many=True, context=context).data,
                "next": next_page_url(request, next_cursor),
            }
        )


class ProcedureDetailApi(APIView):
    authentication_classes = PUBLIC_READ_ONLY["authentication_classes"]
    permission_classes = PUBLIC_READ_ONLY["permission_classes"]

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
