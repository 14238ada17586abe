"""Reliability on PostgreSQL: a 5-minute outage with 1,000 dossiers, a worker killed with SIGKILL
in the middle of a delivery, and the same intake sent concurrently.

SQLite is skipped: it serializes every write transaction (no concurrent workers, no SKIP LOCKED),
so these scenarios cannot happen there; the 20-dossier outage scenario runs on both databases.
"""

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from django.db import connection, connections
from django.utils import timezone

from motcua.dossiers.models import Dossier
from motcua.dossiers.services import transitions as t
from motcua.dossiers.tests.factories import make_world
from motcua.integration.models import DeliveryState, IntakeRecord
from motcua.integration.services.intake import intake_national_portal
from motcua.integration.services.outbox import outbox_drain
from motcua.organizations.tests.factories import UserFactory

from .intake_helpers import packet
from .reliability import run_outage_scenario

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite serializes write transactions and has no SKIP LOCKED: needs PostgreSQL",
    ),
]
REPO = Path(__file__).resolve().parents[3]


@pytest.mark.django_db
def test_portal_down_five_minutes_while_1000_dossiers_change(portal, sender, receiver, world):
    run_outage_scenario(portal, sender, receiver, world, dossiers=1000)


def _wait_for(condition, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError("timed out waiting")


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_delivery_loses_nothing_and_duplicates_nothing(
    portal, sender, receiver
):
    # given 30 dossiers with 3 events each, committed
    world = make_world("000.00.07.H29")
    now = timezone.now() - dt.timedelta(minutes=5)
    dossiers = []
    for _ in range(30):
        d = t.dossier_receive_at_counter(
            actor=world.officer,
            procedure_version_id=world.version.pk,
            receiving_unit_id=world.reception.pk,
            applicant=world.applicant_input(),
            form_data={},
            checklist=[],
            now=now,
        )
        t.dossier_assign(
            dossier_id=d.pk, actor=world.officer, assignee_id=world.specialist.pk, now=now
        )
        t.dossier_request_payment(
            dossier_id=d.pk, actor=world.officer, amount=1000, description="Lệ phí", now=now
        )
        dossiers.append(d)
    # the second progress packet is stored by the portal, which then hangs before answering
    portal.control("faults", mode="timeout", after=2, count=1, seconds=60, accept=True)
    db = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": f"postgresql://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "USE_NATIONAL_PORTAL": "true",
        "NATIONAL_PORTAL_URL": portal.url,
        "NATIONAL_PORTAL_API_KEY": "test-key",
        "NATIONAL_PORTAL_TIMEOUT": "120",
        "INTEGRATION_POLL_SECONDS": "0.1",
        "LOG_LEVEL": "WARNING",
    }
    worker = subprocess.Popen(
        [sys.executable, "-m", "motcua.cli", "integration_deliver"],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        # when the worker is killed while the portal holds its third packet
        _wait_for(lambda: portal.state()["counters"]["faults_injected"] == 1)
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=10)
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.wait(timeout=10)
        assert worker.stderr is not None
        errors = worker.stderr.read().decode()
        worker.stderr.close()
    assert worker.returncode == -signal.SIGKILL, errors
    before = portal.state()
    stored_before = sum(len(v) for v in before["progress"].values())
    assert stored_before == 20  # two packets of ten reached the portal
    assert not DeliveryState.objects.filter(delivered_sequence__gt=0).exists()
    # then another worker, once the dead one's lease has expired, finishes the job
    later = timezone.now() + dt.timedelta(minutes=3)
    outbox_drain(receiver=receiver, sender=sender, now=later)
    after = portal.state()
    for d in dossiers:
        assert [p["key"] for p in after["progress"][d.code]] == [f"{d.code}/{n}" for n in (1, 2, 3)]
        assert after["dossiers"][d.code]["TrangThaiHoSo"] == 6
    # the resent elements were recognised: 30 snapshots and the 20 stored progress entries
    assert after["counters"]["duplicate_elements"] == 50
    assert after["counters"]["accepted_elements"] == 30 + 90
    assert set(
        DeliveryState.objects.values_list("delivered_sequence", "is_pending", "lease_token")
    ) == {(3, False, "")}


@pytest.mark.django_db(transaction=True)
def test_the_same_intake_sent_concurrently_is_one_dossier(settings):
    world = make_world("000.00.08.H29")
    machine = UserFactory(username="dvcqg-concurrent")
    machine.user_permissions.add(Permission.objects.get(codename="integrate"))
    content = packet(world, portal_id="G22.99-260301-0042")

    def send(_: int):
        try:
            from django.contrib.auth import get_user_model

            actor = get_user_model().objects.get(pk=machine.pk)
            result = intake_national_portal(actor=actor, packet=content, now=timezone.now())
            return result.dossier.code, result.created
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(send, range(8)))
    assert len({code for code, _ in results}) == 1
    assert sorted(created for _, created in results) == [False] * 7 + [True]
    assert Dossier.objects.count() == 1
    assert IntakeRecord.objects.count() == 1
