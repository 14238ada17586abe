"""The OpenAPI schema: committed file in sync, served as JSON, documented offline in Swagger UI."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.conf import settings
from django.utils import translation
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiYamlRenderer
from drf_spectacular.validation import validate_schema

COMMITTED = Path(settings.BASE_DIR) / "docs" / "openapi" / "v1.yaml"


@pytest.fixture(autouse=True)
def _static_root(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path


def generated_schema() -> dict[str, Any]:
    """The schema as `make schema` writes it (English, rendered to YAML and read back)."""
    with translation.override("en"):
        schema = SchemaGenerator().get_schema(request=None, public=True)
        validate_schema(schema)
        loaded: dict[str, Any] = yaml.safe_load(
            OpenApiYamlRenderer().render(schema, renderer_context={})
        )
        return loaded


def test_committed_schema_matches_the_code():
    committed = yaml.safe_load(COMMITTED.read_text(encoding="utf-8"))

    assert committed == generated_schema(), (
        "docs/openapi/v1.yaml is out of date with the API code: run `make schema` and commit it."
    )


def test_schema_documents_catalog_errors_enums_and_parameters():
    schema = generated_schema()
    list_op = schema["paths"]["/api/v1/procedures"]["get"]
    detail_op = schema["paths"]["/api/v1/procedures/{code}"]["get"]

    assert {p["name"] for p in list_op["parameters"]} == {
        "q",
        "sector",
        "agency",
        "online_level",
        "channel",
        "limit",
        "cursor",
    }
    assert {p["name"] for p in detail_op["parameters"]} == {"code", "version", "on"}
    for operation, statuses in [(list_op, {"400", "405"}), (detail_op, {"400", "404", "405"})]:
        for status in statuses:
            content = operation["responses"][status]["content"]
            assert list(content) == ["application/problem+json"]
            assert content["application/problem+json"]["schema"] == {
                "$ref": "#/components/schemas/Problem"
            }
    examples = detail_op["responses"]["404"]["content"]["application/problem+json"]["examples"]
    assert {e["value"]["code"] for e in examples.values()} == {
        "procedure_not_found",
        "procedure_version_not_found",
    }
    online = schema["components"]["schemas"]["OnlineLevelEnum"]
    assert online["enum"] == ["full", "partial", "none"]
    assert "`full` - Full online" in online["description"]  # the labels
    assert "`1` - At the counter" in schema["components"]["schemas"]["ChannelEnum"]["description"]


def test_openapi_json_is_served(client):
    response = client.get("/api/v1/openapi.json")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.oai.openapi+json"
    assert "/api/v1/procedures" in response.json()["paths"]


@pytest.mark.django_db  # closing a response fires request_finished, which checks the connection
def test_docs_page_loads_its_assets_locally(client):
    response = client.get("/api/v1/docs")

    assert response.status_code == 200
    html = response.content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert len(assets) >= 3  # the Swagger UI stylesheet and its two scripts (plus favicon)
    assert all(asset.startswith("/static/") for asset in assets), assets
    assert "//" not in "".join(a.removeprefix("/") for a in assets)
    for asset in assets:
        served = client.get(asset)
        assert served.status_code == 200, asset
        assert len(b"".join(served.streaming_content)) > 0
        served.close()
    assert "/api/v1/openapi.json" in html
