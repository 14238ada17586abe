"""Routes of the integration API, included under /api/v1/ by motcua/urls.py."""

from django.urls import path

from motcua.integration.api.views import (
    IntakeNationalPortalApi,
    IntegrationStatusApi,
    WebhookDeliveryListApi,
    WebhookSubscriptionDetailApi,
    WebhookSubscriptionListCreateApi,
)

urlpatterns = [
    path("intake/national-portal", IntakeNationalPortalApi.as_view(), name="api-intake-portal"),
    path("webhooks", WebhookSubscriptionListCreateApi.as_view(), name="api-webhook-list"),
    path(
        "webhooks/<int:subscription_id>",
        WebhookSubscriptionDetailApi.as_view(),
        name="api-webhook-detail",
    ),
    path(
        "webhooks/<int:subscription_id>/deliveries",
        WebhookDeliveryListApi.as_view(),
        name="api-webhook-deliveries",
    ),
    path("integration/status", IntegrationStatusApi.as_view(), name="api-integration-status"),
]
