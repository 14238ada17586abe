"""Root URL configuration: each app's pages, and each app's API under /api/v1/."""

from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path, re_path
from drf_spectacular.views import SpectacularJSONAPIView, SpectacularSwaggerView

from motcua.core.api import api_not_found

api_v1: list[URLPattern | URLResolver] = [
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="openapi-schema"),
    path("docs", SpectacularSwaggerView.as_view(url_name="openapi-schema"), name="api-docs"),
    path("", include("motcua.catalog.api.urls")),
    path("", include("motcua.dossiers.api.urls")),
    path("", include("motcua.integration.api.urls")),
]

urlpatterns = [
    path("api/v1/", include(api_v1)),
    re_path(r"^api/", api_not_found),  # any other API path: 404 problem+json, not an HTML page
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("can-bo/", include("motcua.backoffice.urls")),  # officials' back office
    path(
        "", include("motcua.portal.urls")
    ),  # citizen portal: accounts, submit, my dossiers, lookup
    path(
        "", include("motcua.catalog.urls")
    ),  # public catalog pages: /, /thu-tuc/, /thu-tuc/<code>/
]

# problem+json under /api/, elsewhere the HTML page with an error reference (no stack trace)
handler500 = "motcua.portal.views.errors.server_error"
