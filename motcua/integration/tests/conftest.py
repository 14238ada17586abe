import datetime as dt

import httpx
import pytest

from motcua.dossiers.tests.factories import MONDAY, make_world
from motcua.integration.fake_portal.server import FakePortalServer
from motcua.integration.national_portal.client import PortalClient, PortalConfig
from motcua.integration.services.national_portal import PortalSender
from motcua.integration.services.outbox import receiver_national_portal_get


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


class Portal:
    """The fake portal running in a thread, with its control endpoint."""

    def __init__(self, server: FakePortalServer) -> None:
        self.server = server
        self.url = server.url
        self.http = httpx.Client(base_url=server.url, timeout=5)

    def control(self, action: str, **payload):
        response = self.http.post(f"/_control/{action}", json=payload)
        response.raise_for_status()
        return response.json()

    def state(self):
        return self.http.get("/_control/state").json()

    def progress_keys(self, code: str) -> list[str]:
        return [p["key"] for p in self.state()["progress"].get(code, [])]

    def close(self) -> None:
        self.http.close()
        self.server.stop()


@pytest.fixture
def portal(settings):
    server = FakePortalServer(0, api_key="test-key").start()
    settings.USE_NATIONAL_PORTAL = True
    settings.NATIONAL_PORTAL_API_KEY = "test-key"
    settings.NATIONAL_PORTAL_TIMEOUT = 1.0
    for name, path in [
        ("CREATE", "/dossiers/create"),
        ("UPDATE", "/dossiers/update"),
        ("PROGRESS", "/dossiers/progress"),
        ("PROCEDURES", "/procedures"),
    ]:
        setattr(settings, f"NATIONAL_PORTAL_{name}_URL", server.url + path)
    fake = Portal(server)
    yield fake
    fake.close()


@pytest.fixture
def sender(portal):
    client = PortalClient(PortalConfig.from_settings())
    yield PortalSender(client)
    client.close()


@pytest.fixture
def receiver(db):
    return receiver_national_portal_get()


@pytest.fixture
def world(db):
    return make_world("000.00.01.H29")


def later(minutes: float) -> dt.datetime:
    return MONDAY + dt.timedelta(minutes=minutes)
