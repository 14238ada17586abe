"""Integration API v1: intake from the national portal, webhook subscriptions, delivery status.

Machine clients authenticate with a bearer token (``motcua token create``); their account needs the
``dossiers.integrate`` permission. Views parse input, call one service or selector, and render.
"""

from __future__ import annotations

import json
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.authentication import BaseAuthentication, SessionAuthentication
from rest_framework.exceptions import ParseError
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from motcua.accounts.authentication import BearerTokenAuthentication, request_scopes
from motcua.accounts.models import Scope
from motcua.core.api import problem_responses, query_params_parse
from motcua.core.errors import DomainError
from motcua.core.pagination import Cursor, Keyset, cursor_decode, next_page_url
from motcua.dossiers.lifecycle import Transition
from motcua.dossiers.services.permissions import is_integration
from motcua.integration import selectors
from motcua.integration.services.intake import intake_national_portal, intake_signature_verify
from motcua.integration.services.webhooks import (
    SIGNATURE_HEADER,
    webhook_subscription_create,
    webhook_subscription_delete,
)


class IntegrationScopeError(DomainError):
    code = "insufficient_scope"
    status = 403
    title = _("The token does not grant this.")
    message_template = _("This request needs a token with the %(scope)s scope.")


class NotIntegrationClientError(DomainError):
    code = "not_integration_client"
    status = 403
    title = _("Only integration clients may do this.")
    message_template = _("This account is not an integration client (dossiers.integrate).")


def ensure_integration_client(request: Request, scope: str) -> None:
    scopes = request_scopes(request)
    if scopes is not None and scope not in scopes:
        raise IntegrationScopeError(scope=scope)
    if not is_integration(request.user):
        raise NotIntegrationClientError()


class IntegrationApi(APIView):
    authentication_classes: list[type[BaseAuthentication]] = [
        BearerTokenAuthentication,
        SessionAuthentication,
    ]
    permission_classes = [IsAuthenticated]


_AUTH_ERRORS = {
    401: ["not_authenticated", "authentication_failed"],
    403: ["insufficient_scope", "not_integration_client"],
}

# --- intake ------------------------------------------------------------------------------------


class IntakeOutputSerializer(serializers.Serializer[Any]):
    code = serializers.CharField(help_text="Our dossier code.")
    status = serializers.CharField(help_text="Always `new` (status 1) for a fresh intake.")
    portal_dossier_id = serializers.CharField(help_text="The portal's id (MaHoSoQG).")
    created = serializers.BooleanField(help_text="False when this intake was a repeat.")


class IntakeInputSerializer(serializers.Serializer[Any]):
    """The intake packet (the portal's field names; see docs/integration.md)."""

    MaHoSoQG = serializers.CharField(max_length=100)
    MaTTHC = serializers.CharField(max_length=50)
    MaDonVi = serializers.CharField(max_length=13)
    ChuHoSo = serializers.CharField(max_length=255)
    LoaiDoiTuong = serializers.IntegerField(min_value=1, max_value=4)
    SoGiayToChuHoSo = serializers.CharField(max_length=20)
    SoDienThoai = serializers.CharField(max_length=20, allow_blank=True)
    Email = serializers.CharField(max_length=254, allow_blank=True)
    DiaChi = serializers.CharField(max_length=500, allow_blank=True)
    NgayNopHoSo = serializers.CharField(help_text="yyyyMMddHHmmss, local time.")
    DuLieuBieuMau = serializers.DictField(help_text="The form's data.")


class IntakeNationalPortalApi(APIView):
    """``POST /api/v1/intake/national-portal``: a dossier submitted on the national portal."""

    authentication_classes: list[type[BaseAuthentication]] = [BearerTokenAuthentication]
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="intake_national_portal",
        summary="Take in a dossier submitted on the national portal (signed, idempotent)",
        description=(
            f"Sign the raw body: `{SIGNATURE_HEADER}: t=<unix seconds>,v1=<hex HMAC-SHA256 of "
            "'<t>.<body>' under NATIONAL_PORTAL_INTAKE_SECRET>`, within 300 s of our clock. "
            "Idempotent by `MaHoSoQG`: a repeat answers 200 with the same dossier."
        ),
        request=IntakeInputSerializer,
        parameters=[
            OpenApiParameter(SIGNATURE_HEADER, str, OpenApiParameter.HEADER, required=True)
        ],
        responses={
            201: IntakeOutputSerializer,
            200: IntakeOutputSerializer,
            **problem_responses(
                {
                    400: ["invalid_intake", "malformed_request", "invalid_applicant"],
                    401: ["not_authenticated", "authentication_failed", "invalid_signature"],
                    403: ["insufficient_scope", "not_integration_client"],
                    409: ["intake_conflict"],
                    503: ["intake_not_configured"],
                }
            ),
        },
        tags=["integration"],
    )
    def post(self, request: Request) -> Response:
        ensure_integration_client(request, Scope.DOSSIERS_WRITE)
        body = request.body
        now = timezone.now()
        intake_signature_verify(
            body=body, header=request.headers.get(SIGNATURE_HEADER, ""), now=now
        )
        try:
            packet = json.loads(body)
        except ValueError as exc:
            raise ParseError() from exc
        result = intake_national_portal(actor=request.user, packet=packet, now=now)
        output = {
            "code": result.dossier.code,
            "status": result.dossier.status_enum.api_name,
            "portal_dossier_id": result.portal_dossier_id,
            "created": result.created,
        }
        return Response(output, status=status.HTTP_201_CREATED if result.created else 200)


# --- webhooks ----------------------------------------------------------------------------------

ACTION_CHOICES = [t.value for t in Transition]


class SubscriptionSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField(source="pk")
    name = serializers.CharField()
    url = serializers.URLField()
    actions = serializers.ListField(child=serializers.CharField())
    is_active = serializers.BooleanField()
    created_at = serializers.DateTimeField()


class SubscriptionCreatedSerializer(SubscriptionSerializer):
    secret = serializers.CharField(help_text="The signing secret; shown only once.")


class SubscriptionListSerializer(serializers.Serializer[Any]):
    results = SubscriptionSerializer(many=True)


class SubscriptionInputSerializer(serializers.Serializer[Any]):
    name = serializers.CharField(max_length=100)
    url = serializers.URLField(max_length=500)
    actions = serializers.ListField(
        child=serializers.ChoiceField(choices=ACTION_CHOICES),
        required=False,
        default=list,
        help_text="Deliver only these actions; empty: every action.",
    )


class DeliveryAttemptSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField(source="pk")
    started_at = serializers.DateTimeField()
    duration_ms = serializers.IntegerField()
    operation = serializers.CharField()
    keys = serializers.ListField(child=serializers.CharField())
    outcome = serializers.CharField()
    http_status = serializers.IntegerField(allow_null=True)
    response = serializers.CharField()


class DeliveryAttemptListSerializer(serializers.Serializer[Any]):
    results = DeliveryAttemptSerializer(many=True)
    next = serializers.URLField(allow_null=True)


class PageQuerySerializer(serializers.Serializer[Any]):
    cursor = serializers.CharField(required=False)
    limit = serializers.IntegerField(min_value=1, max_value=200, default=50)


_ID_PARAM = OpenApiParameter("subscription_id", int, OpenApiParameter.PATH)


class WebhookSubscriptionListCreateApi(IntegrationApi):
    @extend_schema(
        operation_id="webhooks_list",
        summary="Your webhook subscriptions",
        responses={200: SubscriptionListSerializer, **problem_responses(_AUTH_ERRORS)},
        tags=["integration"],
    )
    def get(self, request: Request) -> Response:
        ensure_integration_client(request, Scope.DOSSIERS_READ)
        rows = selectors.webhook_subscription_list(owner=request.user)
        return Response({"results": SubscriptionSerializer(rows, many=True).data})

    @extend_schema(
        operation_id="webhooks_create",
        summary="Subscribe to dossier events (signed deliveries, retried, in order per dossier)",
        request=SubscriptionInputSerializer,
        responses={
            201: SubscriptionCreatedSerializer,
            **problem_responses(
                {400: ["validation_failed"], **_AUTH_ERRORS, 409: ["too_many_subscriptions"]}
            ),
        },
        tags=["integration"],
    )
    def post(self, request: Request) -> Response:
        ensure_integration_client(request, Scope.DOSSIERS_READ)
        payload = SubscriptionInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        receiver, secret = webhook_subscription_create(owner=request.user, **payload.validated_data)
        data = dict(SubscriptionSerializer(receiver).data) | {"secret": secret}
        return Response(data, status=status.HTTP_201_CREATED)


class WebhookSubscriptionDetailApi(IntegrationApi):
    @extend_schema(
        operation_id="webhooks_retrieve",
        summary="A webhook subscription",
        parameters=[_ID_PARAM],
        responses={
            200: SubscriptionSerializer,
            **problem_responses({**_AUTH_ERRORS, 404: ["webhook_subscription_not_found"]}),
        },
        tags=["integration"],
    )
    def get(self, request: Request, subscription_id: int) -> Response:
        ensure_integration_client(request, Scope.DOSSIERS_READ)
        receiver = selectors.webhook_subscription_get(
            owner=request.user, subscription_id=subscription_id
        )
        return Response(SubscriptionSerializer(receiver).data)

    @extend_schema(
        operation_id="webhooks_delete",
        summary="Stop a webhook subscription",
        parameters=[_ID_PARAM],
        responses={
            204: None,
            **problem_responses({**_AUTH_ERRORS, 404: ["webhook_subscription_not_found"]}),
        },
        tags=["integration"],
    )
    def delete(self, request: Request, subscription_id: int) -> Response:
        ensure_integration_client(request, Scope.DOSSIERS_READ)
        webhook_subscription_delete(owner=request.user, subscription_id=subscription_id)
        return Response(status=status.HTTP_204_NO_CONTENT)


class WebhookDeliveryListApi(IntegrationApi):
    @extend_schema(
        operation_id="webhooks_deliveries",
        summary="The delivery log of a subscription, newest first",
        parameters=[_ID_PARAM, PageQuerySerializer],
        responses={
            200: DeliveryAttemptListSerializer,
            **problem_responses(
                {
                    400: ["invalid_parameter", "invalid_cursor"],
                    **_AUTH_ERRORS,
                    404: ["webhook_subscription_not_found"],
                }
            ),
        },
        tags=["integration"],
    )
    def get(self, request: Request, subscription_id: int) -> Response:
        ensure_integration_client(request, Scope.DOSSIERS_READ)
        receiver = selectors.webhook_subscription_get(
            owner=request.user, subscription_id=subscription_id
        )
        params = query_params_parse(PageQuerySerializer, request)
        scope = f"webhook-deliveries:{receiver.pk}"
        after: Keyset | None = None
        if "cursor" in params:
            after = cursor_decode(params["cursor"], scope=scope)
        rows, next_keyset = selectors.delivery_attempt_page(
            receiver=receiver, after=after, limit=params["limit"]
        )
        cursor = Cursor(scope, next_keyset) if next_keyset is not None else None
        return Response(
            {
                "results": DeliveryAttemptSerializer(rows, many=True).data,
                "next": next_page_url(request, cursor),
            }
        )


# --- status ------------------------------------------------------------------------------------


class ReceiverLagSerializer(serializers.Serializer[Any]):
    receiver = serializers.CharField(source="receiver.name")
    kind = serializers.CharField(source="receiver.kind")
    pending_dossiers = serializers.IntegerField()
    pending_events = serializers.IntegerField()
    uncollected_events = serializers.IntegerField()
    oldest_pending_at = serializers.DateTimeField(allow_null=True)
    lag_seconds = serializers.FloatField()
    dead_letters = serializers.IntegerField()
    last_delivered_at = serializers.DateTimeField(allow_null=True)
    retry_at = serializers.DateTimeField(allow_null=True)


class IntegrationStatusSerializer(serializers.Serializer[Any]):
    receivers = ReceiverLagSerializer(many=True)


class IntegrationStatusApi(IntegrationApi):
    @extend_schema(
        operation_id="integration_status",
        summary="Delivery lag and dead letters per receiver (national portal, webhooks)",
        responses={200: IntegrationStatusSerializer, **problem_responses(_AUTH_ERRORS)},
        tags=["integration"],
    )
    def get(self, request: Request) -> Response:
        ensure_integration_client(request, Scope.DOSSIERS_READ)
        lags = selectors.receivers_lag(now=timezone.now())
        return Response({"receivers": ReceiverLagSerializer(lags, many=True).data})
