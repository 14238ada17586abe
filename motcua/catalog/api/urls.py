"""Routes of the catalog API, included under /api/v1/ by motcua/urls.py."""

from django.urls import path

from motcua.catalog.api.views import ProcedureDetailApi, ProcedureListApi

urlpatterns = [
    path("procedures", ProcedureListApi.as_view(), name="api-procedure-list"),
    path("procedures/<str:code>", ProcedureDetailApi.as_view(), name="api-procedure-detail"),
]
