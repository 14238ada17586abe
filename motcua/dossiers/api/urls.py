"""Routes of the dossier API, included under /api/v1/ by motcua/urls.py."""

from django.urls import path

from motcua.dossiers.api.views import (
    DossierActionApi,
    DossierDetailApi,
    DossierDocumentDownloadApi,
    DossierDocumentListApi,
    DossierEventListApi,
    DossierListCreateApi,
    DossierLookupApi,
)

urlpatterns = [
    path("dossiers", DossierListCreateApi.as_view(), name="api-dossier-list"),
    path("dossiers/<str:code>", DossierDetailApi.as_view(), name="api-dossier-detail"),
    path(
        "dossiers/<str:code>/actions/<str:action>",
        DossierActionApi.as_view(),
        name="api-dossier-action",
    ),
    path("dossiers/<str:code>/events", DossierEventListApi.as_view(), name="api-dossier-events"),
    path(
        "dossiers/<str:code>/documents",
        DossierDocumentListApi.as_view(),
        name="api-dossier-documents",
    ),
    path(
        "dossiers/<str:code>/documents/<int:document_id>",
        DossierDocumentDownloadApi.as_view(),
        name="api-dossier-document",
    ),
    path("lookup/<str:code>", DossierLookupApi.as_view(), name="api-dossier-lookup"),
]
