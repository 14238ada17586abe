import pytest
from django.core.management import CommandError, call_command
from rest_framework.test import APIClient

from motcua.accounts.models import ApiToken
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.factories import make_world
from motcua.organizations.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_token_create_prints_a_working_token(capsys):
    UserFactory(username="tichhop")
    call_command("token_create", "--user", "tichhop", "--scopes", "dossiers:read")
    raw = capsys.readouterr().out.strip()
    token = ApiToken.objects.get()
    assert token.scopes == ["dossiers:read"]
    assert raw.startswith("mct_")
    assert raw not in token.key_hash
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert client.get("/api/v1/dossiers").status_code == 200


def test_token_create_refuses_unknown_scopes_and_users():
    UserFactory(username="tichhop")
    with pytest.raises(CommandError, match="everything"):
        call_command("token_create", "--user", "tichhop", "--scopes", "everything")
    with pytest.raises(CommandError, match="No user"):
        call_command("token_create", "--user", "nobody", "--scopes", "dossiers:read")
    assert ApiToken.objects.count() == 0


def test_dossiers_demo_makes_dossiers_once_and_prints_fresh_tokens(capsys):
    world = make_world("000.00.00.H99")
    call_command("dossiers_demo")
    first = capsys.readouterr().out
    assert "Demo dossiers: 5 created." in first
    assert Dossier.objects.filter(agency=world.agency).count() == 5
    call_command("dossiers_demo")
    second = capsys.readouterr().out
    assert "Demo dossiers" not in second
    assert Dossier.objects.count() == 5
    tokens = [line.split()[1] for line in second.splitlines()[1:]]
    assert len(tokens) == 3
    assert ApiToken.objects.count() == 3  # the first run's tokens were replaced
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {tokens[0]}")  # the national portal
    assert len(client.get("/api/v1/dossiers").json()["results"]) == 5
    call_command("dossiers_verify")
