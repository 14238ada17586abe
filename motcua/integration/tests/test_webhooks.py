import json
import threading
import time
from collections import deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from rest_framework.test import APIClient

from motcua.dossiers.lifecycle import DossierStatus
from motcua.dossiers.tests.factories import dossier_in, submit
from motcua.integration.models import AttemptOutcome, DeliveryAttempt, DeliveryState, Receiver
from motcua.integration.retry import is_valid_signature, parse_signature_header
from motcua.integration.services.outbox import outbox_deliver_once, outbox_drain
from motcua.integration.services.webhooks import WebhookSender

from .conftest import later
from .intake_helpers import integration_client


class Sink(ThreadingHTTPServer):
    """A subscriber's endpoint: records every request, answers with queued statuses (else 204)."""

    daemon_threads = True

    def __init__(self):
        self.requests: list[tuple[dict[str, str], bytes]] = []
        self.statuses: deque[int] = deque()

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                return

            def do_POST(handler):  # noqa: N805
                body = handler.rfile.read(int(handler.headers["Content-Length"]))
                self.requests.append((dict(handler.headers), body))
                status = self.statuses.popleft() if self.statuses else 204
                handler.send_response(status)
                handler.send_header("Content-Length", "0")
                handler.end_headers()

        super().__init__(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server_address[1]}/hooks"

    def payloads(self):
        return [json.loads(body) for _, body in self.requests]


@pytest.fixture
def sink():
    server = Sink()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def webhook_sender():
    sender = WebhookSender()
    yield sender
    sender.close()


@pytest.fixture
def client():
    return integration_client(scopes=["dossiers:read"], username="webhook-client")


def subscribe(client, url, actions=()):
    response = client.post(
        "/api/v1/webhooks", {"name": "Hệ thống thống kê", "url": url, "actions": list(actions)}
    )
    assert response.status_code == 201, response.content
    return response.json()


@pytest.mark.django_db
def test_subscribed_events_are_delivered_signed_and_in_order(client, sink, webhook_sender, world):
    before = submit(world)  # happened before the subscription: not delivered
    created = subscribe(client, sink.url, actions=["receive", "finish"])
    assert created["secret"].startswith("whsec_")
    dossier = dossier_in(DossierStatus.FINISHED, world)
    receiver = Receiver.objects.get(pk=created["id"])
    outbox_drain(receiver=receiver, sender=webhook_sender, now=later(10))
    payloads = sink.payloads()
    assert [(p["type"], p["dossier"], p["to_status"]) for p in payloads] == [
        ("dossier.receive", dossier.code, "received"),
        ("dossier.finish", dossier.code, "finished"),
    ]
    assert before.code not in {p["dossier"] for p in payloads}
    for headers, body in sink.requests:
        parsed = parse_signature_header(headers["Motcua-Signature"])
        assert parsed is not None
        stamp, digest = parsed
        assert is_valid_signature(
            created["secret"], stamp, body, digest, now=time.time(), window=300
        )
        assert headers["Idempotency-Key"] == json.loads(body)["id"]
    # every event of the dossier is accounted for, the filtered ones without a request
    state = DeliveryState.objects.get(receiver=receiver, dossier=dossier)
    assert (state.delivered_sequence, state.is_pending) == (dossier.version, False)


@pytest.mark.django_db
def test_failures_are_retried_with_backoff_and_logged(client, sink, webhook_sender, world):
    created = subscribe(client, sink.url)
    receiver = Receiver.objects.get(pk=created["id"])
    dossier = submit(world)
    sink.statuses.extend([503, 410])
    # a server error: the circuit opens
    outbox_deliver_once(receiver=receiver, sender=webhook_sender, now=later(1))
    receiver.refresh_from_db()
    assert receiver.retry_at is not None
    # a client error: the subscriber refuses this event, the dossier backs off
    outbox_deliver_once(receiver=receiver, sender=webhook_sender, now=later(2))
    state = DeliveryState.objects.get(receiver=receiver, dossier=dossier)
    assert (state.attempts, state.delivered_sequence) == (1, 0)
    outbox_drain(receiver=receiver, sender=webhook_sender, now=later(3))
    assert [p["id"] for p in sink.payloads()] == [f"{dossier.code}/1"] * 3
    outcomes = list(
        DeliveryAttempt.objects.filter(receiver=receiver)
        .order_by("id")
        .values_list("outcome", "http_status")
    )
    assert outcomes == [
        (AttemptOutcome.FAILED, 503),
        (AttemptOutcome.REJECTED, 410),
        (AttemptOutcome.DELIVERED, 204),
    ]
    # the log is readable through the API, newest first, a page at a time
    page = client.get(f"/api/v1/webhooks/{receiver.pk}/deliveries?limit=2").json()
    assert [r["outcome"] for r in page["results"]] == ["delivered", "rejected"]
    rest = client.get(page["next"]).json()
    assert ([r["http_status"] for r in rest["results"]], rest["next"]) == ([503], None)


@pytest.mark.django_db
def test_an_unreachable_subscriber_is_a_transport_failure(client, webhook_sender, world):
    created = subscribe(client, "http://127.0.0.1:9/nothing-listens-here")
    receiver = Receiver.objects.get(pk=created["id"])
    submit(world)
    result = outbox_deliver_once(receiver=receiver, sender=webhook_sender, now=later(1))
    assert (result.failed, result.delivered_events) == (1, 0)
    attempt = DeliveryAttempt.objects.get(receiver=receiver)
    assert (attempt.outcome, attempt.http_status) == (AttemptOutcome.FAILED, None)
    assert "ConnectError" in attempt.response


@pytest.mark.django_db
def test_subscriptions_are_listed_read_and_stopped_by_their_owner(client, sink):
    created = subscribe(client, sink.url, actions=["finish"])
    listed = client.get("/api/v1/webhooks").json()["results"]
    assert [(s["id"], s["actions"], s["is_active"]) for s in listed] == [
        (created["id"], ["finish"], True)
    ]
    assert "secret" not in listed[0]
    assert client.get(f"/api/v1/webhooks/{created['id']}").json()["url"] == sink.url
    other = integration_client(scopes=["dossiers:read"], username="other-client")
    assert other.get(f"/api/v1/webhooks/{created['id']}").status_code == 404
    assert other.delete(f"/api/v1/webhooks/{created['id']}").status_code == 404
    assert client.delete(f"/api/v1/webhooks/{created['id']}").status_code == 204
    assert client.get("/api/v1/webhooks").json()["results"] == []
    assert client.delete(f"/api/v1/webhooks/{created['id']}").status_code == 404
    assert Receiver.objects.get(pk=created["id"]).is_active is False


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"name": "x", "url": "ftp://example.vn/x"}, "url"),
        ({"name": "x", "url": "https://example.vn/x", "actions": ["explode"]}, "actions"),
        ({"url": "https://example.vn/x"}, "name"),
    ],
)
def test_invalid_subscriptions_are_refused(client, payload, field):
    response = client.post("/api/v1/webhooks", payload)
    assert response.status_code == 400
    assert field in response.json()["errors"]


@pytest.mark.django_db
def test_a_client_has_at_most_twenty_subscriptions(client):
    for n in range(20):
        subscribe(client, f"https://example.vn/hook/{n}")
    response = client.post("/api/v1/webhooks", {"name": "x", "url": "https://example.vn/21"})
    assert (response.status_code, response.json()["code"]) == (409, "too_many_subscriptions")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("caller", "status", "code"),
    [
        ("anonymous", 401, "not_authenticated"),
        ("no_scope", 403, "insufficient_scope"),
        ("not_integration", 403, "not_integration_client"),
        ("integration", 200, None),
    ],
)
@pytest.mark.parametrize("path", ["/api/v1/webhooks", "/api/v1/integration/status"])
def test_authorization_matrix(caller, status, code, path):
    if caller == "anonymous":
        caller_client = APIClient()
    elif caller == "no_scope":
        caller_client = integration_client(scopes=["dossiers:write"])
    elif caller == "not_integration":
        caller_client = integration_client(scopes=["dossiers:read"], integrate=False)
    else:
        caller_client = integration_client(scopes=["dossiers:read"])
    response = caller_client.get(path)
    assert response.status_code == status
    if code:
        assert response.json()["code"] == code


@pytest.mark.django_db
def test_the_status_api_shows_the_lag(client, portal, sender, receiver, world):
    dossier = dossier_in(DossierStatus.RECEIVED, world)
    body = client.get("/api/v1/integration/status").json()
    portal_row = body["receivers"][0]
    assert (portal_row["kind"], portal_row["uncollected_events"]) == ("national_portal", 2)
    assert portal_row["lag_seconds"] == 0.0  # nothing collected yet
    outbox_drain(receiver=receiver, sender=sender, now=later(5))
    portal_row = client.get("/api/v1/integration/status").json()["receivers"][0]
    assert (portal_row["pending_events"], portal_row["uncollected_events"]) == (0, 0)
    assert portal_row["dead_letters"] == 0
    assert portal.progress_keys(dossier.code) == [f"{dossier.code}/1", f"{dossier.code}/2"]
