import pytest
from django.utils import timezone

from motcua.dossiers.tests.factories import submit
from motcua.integration.models import DeliveryState
from motcua.integration.services.outbox import outbox_deliver_once
from motcua.organizations.tests.factories import UserFactory

from .conftest import later


@pytest.fixture
def admin_client(client, db):
    admin = UserFactory(username="root", is_staff=True, is_superuser=True)
    client.force_login(admin)
    return client


@pytest.mark.django_db
def test_dead_letters_are_listed_and_resent_from_the_admin(
    admin_client, portal, sender, receiver, world, settings
):
    settings.INTEGRATION_MAX_ATTEMPTS = 1
    dossier = submit(world)
    portal.control("faults", mode="reject", count=1)
    outbox_deliver_once(receiver=receiver, sender=sender, now=later(1))
    state = DeliveryState.objects.get(dossier=dossier)
    assert state.dead_at is not None
    page = admin_client.get("/admin/integration/deliverystate/?delivery=dead")
    assert page.status_code == 200
    assert dossier.code in page.content.decode()
    response = admin_client.post(
        "/admin/integration/deliverystate/",
        {"action": "resend", "_selected_action": [state.pk]},
        follow=True,
    )
    assert response.status_code == 200
    resent = DeliveryState.objects.get(pk=state.pk)
    assert (resent.dead_at, resent.attempts, resent.is_pending) == (None, 0, True)
    assert resent.next_attempt_at is not None
    assert resent.next_attempt_at <= timezone.now()


@pytest.mark.django_db
def test_the_receiver_list_shows_the_lag(admin_client, receiver, world):
    submit(world)
    page = admin_client.get("/admin/integration/receiver/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "National public service portal" in text
    for path in ("deliveryattempt", "intakerecord", "deliverystate"):
        assert admin_client.get(f"/admin/integration/{path}/").status_code == 200
