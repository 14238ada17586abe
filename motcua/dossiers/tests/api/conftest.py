import pytest
from django.contrib.auth.models import Permission
from rest_framework.test import APIClient

from motcua.accounts.services.tokens import token_create
from motcua.dossiers.lifecycle import DossierStatus
from motcua.dossiers.tests.factories import dossier_in, make_world
from motcua.organizations.tests.factories import UserFactory

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MOTCUA_MAX_UPLOAD_BYTES = 1024


@pytest.fixture
def world():
    return make_world("000.00.01.H29")


@pytest.fixture
def other_world():
    return make_world("000.00.02.H29")


@pytest.fixture
def machine():
    user = UserFactory(username="national-portal")
    user.user_permissions.add(Permission.objects.get(codename="integrate"))
    return user


def client_for(kind, world, other_world, machine):
    """An API client authenticated as one kind of caller."""
    client = APIClient()
    users = {
        "applicant_own": world.applicant,
        "applicant_other": other_world.applicant,
        "reception_same": world.officer,
        "reception_other": other_world.officer,
        "specialist_assigned": world.specialist,
        "specialist_unassigned": world.specialist2,
        "leader": world.leader,
    }
    if kind in users:
        client.force_authenticate(users[kind])
    elif kind == "machine_with_scope":
        _, raw = token_create(user=machine, name="t", scopes=["dossiers:read", "dossiers:write"])
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    elif kind == "machine_without_scope":
        _, raw = token_create(user=machine, name="t", scopes=[])
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    else:
        assert kind == "anonymous"
    return client


@pytest.fixture
def processing(world):
    """A dossier of ``world`` being processed by ``world.specialist``."""
    return dossier_in(DossierStatus.PROCESSING, world)
