"""The catalog API is public and read-only, for every kind of user."""

from __future__ import annotations

import pytest
from django.test import Client

from motcua.catalog.models import Procedure
from motcua.catalog.tests.factories import ProcedureFactory, ProcedureVersionFactory
from motcua.organizations.models import Role
from motcua.organizations.tests.factories import StaffRoleFactory, UserFactory

pytestmark = pytest.mark.django_db

USERS = ["anonymous", "citizen", "official", "superuser"]
WRITES = ["post", "put", "patch", "delete"]
URLS = ["/api/v1/procedures", "/api/v1/procedures/1.001193"]


@pytest.fixture(autouse=True)
def _static_root(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path


@pytest.fixture
def procedure():
    return ProcedureVersionFactory(procedure=ProcedureFactory(code="1.001193")).procedure


def client_for(kind: str) -> Client:
    """A client that enforces CSRF like a browser does, logged in as ``kind`` of user."""
    client = Client(enforce_csrf_checks=True)
    if kind == "citizen":
        client.force_login(UserFactory())
    elif kind == "official":
        client.force_login(StaffRoleFactory(role=Role.SPECIALIST).user)
    elif kind == "superuser":
        client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


@pytest.mark.parametrize("kind", USERS)
@pytest.mark.parametrize("path", URLS)
def test_everyone_may_read(procedure, kind, path):
    response = client_for(kind).get(path)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"


@pytest.mark.parametrize("kind", USERS)
@pytest.mark.parametrize("path", URLS)
@pytest.mark.parametrize("method", WRITES)
def test_nobody_may_write(procedure, kind, path, method):
    response = getattr(client_for(kind), method)(
        path, data={"code": "1.001193", "name": "x"}, content_type="application/json"
    )

    assert response.status_code == 405
    assert response["Content-Type"] == "application/problem+json"
    assert response["Allow"] == "GET, HEAD, OPTIONS"
    body = response.json()
    assert body["code"] == "method_not_allowed"
    assert "{method}" not in body["title"]
    assert method.upper() in body["detail"]
    assert list(Procedure.objects.values_list("code", flat=True)) == ["1.001193"]
