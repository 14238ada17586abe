import pytest

from motcua.dossiers.lifecycle import DossierStatus
from motcua.dossiers.tests.factories import MONDAY, dossier_in, submit
from motcua.integration.models import DeliveryState
from motcua.integration.services.outbox import outbox_drain

from .conftest import later


@pytest.mark.django_db
def test_a_dossier_and_its_events_reach_the_portal_in_order(portal, sender, receiver, world):
    # given a dossier brought to "result returned" through the services (7 events)
    dossier = dossier_in(DossierStatus.RESULT_RETURNED, world)
    # when the outbox is drained
    result = outbox_drain(receiver=receiver, sender=sender, now=later(10))
    # then the portal holds the dossier as of its last status and every event once, in order
    state = portal.state()
    assert state["dossiers"][dossier.code]["TrangThaiHoSo"] == 10
    assert portal.progress_keys(dossier.code) == [
        f"{dossier.code}/{n}" for n in range(1, dossier.version + 1)
    ]
    assert result.delivered_events == dossier.version
    delivery = DeliveryState.objects.get(receiver=receiver, dossier=dossier)
    assert (delivery.delivered_sequence, delivery.is_pending) == (dossier.version, False)


@pytest.mark.django_db
def test_later_events_are_sent_as_updates(portal, sender, receiver, world):
    dossier = submit(world)
    outbox_drain(receiver=receiver, sender=sender, now=later(1))
    from motcua.dossiers.services import transitions as t

    t.dossier_receive(dossier_id=dossier.pk, actor=world.officer, checklist=[], now=later(2))
    outbox_drain(receiver=receiver, sender=sender, now=later(3))
    state = portal.state()
    assert state["dossiers"][dossier.code]["TrangThaiHoSo"] == 2
    assert state["snapshot_keys"][dossier.code] == [f"{dossier.code}/1", f"{dossier.code}/2"]
    assert portal.progress_keys(dossier.code) == [f"{dossier.code}/1", f"{dossier.code}/2"]
    assert state["counters"]["duplicate_elements"] == 0
    assert later(3) > MONDAY
