"""National portal sync: events per second delivered to the fake portal, and the transition→delivery lag.

Usage::

    .venv/bin/python bench/sync.py                   # SQLite in a temp folder, and PostgreSQL if it answers
    .venv/bin/python bench/sync.py --database-url postgresql://postgres@127.0.0.1:5432/motcua_bench_sync
    .venv/bin/python bench/sync.py --sqlite-only --dossiers 1000 --rate 100 --seconds 10

Two measurements per database, each database in its own child process, the fake portal in its own
process (``motcua fake_portal``) on loopback, checking every packet as in the tests:

1. **Throughput**: ``--dossiers`` dossiers are submitted, received and assigned through the real
   services (3 events each) while nothing delivers; then one worker drains the backlog
   (``outbox_deliver_once`` in a loop). Events per second = events / drain time. The portal's
   state is checked afterwards: every event once, no duplicates.
2. **Lag**: a worker process (``motcua integration_deliver``) runs while this process performs
   transitions at ``--rate`` events per second for ``--seconds``; the lag of each event is the
   portal's receive time minus the event's time. p50, p95 and max are reported.

The PostgreSQL database named in the URL is a throwaway: dropped and created again, then dropped.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PG_URL = "postgresql://postgres@127.0.0.1:5432/motcua_bench_sync"
API_KEY = "bench-key"
TARGET_EVENTS_PER_SECOND = 500


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def start_portal() -> tuple[subprocess.Popen[str], str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "motcua.cli", "fake_portal", "--port", "0", "--api-key", API_KEY],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    line = process.stdout.readline().strip()  # "fake national portal on http://127.0.0.1:PORT"
    return process, line.rsplit(" ", 1)[1]


def portal_state(url: str) -> dict[str, Any]:
    import httpx

    return httpx.get(f"{url}/_control/state", timeout=60).json()  # type: ignore[no-any-return]


def child(database_url: str, dossiers: int, rate: float, seconds: float) -> None:
    portal, portal_url = start_portal()
    os.environ.update(
        {
            "DATABASE_URL": database_url,
            "DJANGO_SETTINGS_MODULE": "motcua.settings",
            "USE_NATIONAL_PORTAL": "true",
            "NATIONAL_PORTAL_URL": portal_url,
            "NATIONAL_PORTAL_API_KEY": API_KEY,
            "LOG_LEVEL": "WARNING",
        }
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    try:
        result = {"database": database_url.split(":", 1)[0]}
        result |= throughput(portal_url, dossiers)
        result |= lag(portal_url, database_url, rate, seconds)
    finally:
        portal.terminate()
        portal.wait(timeout=10)
    print(json.dumps(result))


def _world() -> Any:
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    from motcua.dossiers.tests.factories import make_world

    return make_world()


def throughput(portal_url: str, dossiers: int) -> dict[str, Any]:
    from django.utils import timezone

    from motcua.dossiers.services import transitions as t
    from motcua.integration.models import DeliveryState
    from motcua.integration.national_portal.client import PortalClient, PortalConfig
    from motcua.integration.services.national_portal import PortalSender
    from motcua.integration.services.outbox import (
        outbox_deliver_once,
        receiver_national_portal_get,
    )

    world = _world()
    started = time.perf_counter()
    for _ in range(dossiers):
        d = t.dossier_submit(
            actor=world.applicant,
            procedure_version_id=world.version.pk,
            receiving_unit_id=world.reception.pk,
            applicant=world.applicant_input(),
            form_data={"purpose": "Cấp mới"},
        )
        t.dossier_receive(dossier_id=d.pk, actor=world.officer, checklist=[])
        t.dossier_assign(dossier_id=d.pk, actor=world.officer, assignee_id=world.specialist.pk)
    transitions_seconds = time.perf_counter() - started
    events = dossiers * 3
    receiver = receiver_national_portal_get()
    client = PortalClient(PortalConfig.from_settings())
    sender = PortalSender(client)
    profile = None
    if os.environ.get("BENCH_PROFILE"):
        import cProfile

        profile = cProfile.Profile()
        profile.enable()
    started = time.perf_counter()
    while True:
        result = outbox_deliver_once(receiver=receiver, sender=sender, now=timezone.now())
        if result.claimed == 0 and not DeliveryState.objects.filter(is_pending=True).exists():
            break
    drain_seconds = time.perf_counter() - started
    if profile is not None:
        profile.disable()
        profile.dump_stats(os.environ["BENCH_PROFILE"])
    client.close()
    state = portal_state(portal_url)
    stored = sum(len(v) for v in state["progress"].values())
    return {
        "events": events,
        "transitions_per_second": round(events / transitions_seconds, 1),
        "drain_seconds": round(drain_seconds, 2),
        "events_per_second": round(events / drain_seconds, 1),
        "stored_progress": stored,
        "duplicates": state["counters"]["duplicate_elements"],
        "requests": state["counters"]["requests"],
    }


def lag(portal_url: str, database_url: str, rate: float, seconds: float) -> dict[str, Any]:
    from django.db.models import Sum

    from motcua.dossiers.models import DossierEvent
    from motcua.dossiers.services import transitions as t
    from motcua.integration.models import DeliveryState

    world = _world()
    env = {**os.environ, "INTEGRATION_POLL_SECONDS": "0.05", "DATABASE_URL": database_url}
    worker = subprocess.Popen(
        [sys.executable, "-m", "motcua.cli", "integration_deliver"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
    )
    # Warm-up: wait until the worker has started and delivered one new event.
    warm = t.dossier_submit(
        actor=world.applicant,
        procedure_version_id=world.version.pk,
        receiving_unit_id=world.reception.pk,
        applicant=world.applicant_input(),
        form_data={},
    )
    deadline = time.monotonic() + 60
    while not DeliveryState.objects.filter(dossier=warm, delivered_sequence=1).exists():
        if time.monotonic() > deadline:
            raise RuntimeError("the worker did not start")
        time.sleep(0.05)
    first_id = DossierEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
    interval = 1.0 / rate
    started = time.perf_counter()
    made = 0
    open_dossiers: list[Any] = []
    while time.perf_counter() - started < seconds:
        # one event per tick: a new submission, or the reception of an earlier one
        if open_dossiers and made % 2:
            t.dossier_receive(dossier_id=open_dossiers.pop(), actor=world.officer, checklist=[])
        else:
            d = t.dossier_submit(
                actor=world.applicant,
                procedure_version_id=world.version.pk,
                receiving_unit_id=world.reception.pk,
                applicant=world.applicant_input(),
                form_data={},
            )
            open_dossiers.append(d.pk)
        made += 1
        pause = started + made * interval - time.perf_counter()
        if pause > 0:
            time.sleep(pause)
    produced_seconds = time.perf_counter() - started
    deadline = time.monotonic() + 120
    total = DossierEvent.objects.count()
    while time.monotonic() < deadline:
        delivered = DeliveryState.objects.aggregate(n=Sum("delivered_sequence"))["n"] or 0
        if delivered >= total:
            break
        time.sleep(0.1)
    worker.send_signal(signal.SIGTERM)
    worker.wait(timeout=30)
    state = portal_state(portal_url)
    received = {
        p["key"]: p["received_at"] for entries in state["progress"].values() for p in entries
    }
    lags = []
    for code, sequence, occurred_at in DossierEvent.objects.filter(id__gt=first_id).values_list(
        "dossier__code", "sequence", "occurred_at"
    ):
        key = f"{code}/{sequence}"
        if key in received:
            lags.append(received[key] - occurred_at.timestamp())
    return {
        "lag_events": made,
        "lag_delivered": len(lags),
        "offered_rate": round(made / produced_seconds, 1),
        "lag_p50_ms": round(statistics.median(lags) * 1000, 1) if lags else None,
        "lag_p95_ms": round(percentile(lags, 0.95) * 1000, 1) if lags else None,
        "lag_max_ms": round(max(lags) * 1000, 1) if lags else None,
    }


def postgres_admin(url: str, statement: str) -> None:
    import psycopg

    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(statement)  # type: ignore[arg-type]


def run_child(database_url: str, args: argparse.Namespace) -> dict[str, Any] | None:
    process = subprocess.run(
        [
            sys.executable,
            __file__,
            "--child",
            database_url,
            "--dossiers",
            str(args.dossiers),
            "--rate",
            str(args.rate),
            "--seconds",
            str(args.seconds),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if process.returncode != 0:
        print(process.stderr[-3000:], file=sys.stderr)
        return None
    return json.loads(process.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", default=DEFAULT_PG_URL)
    parser.add_argument("--sqlite-only", action="store_true")
    parser.add_argument("--dossiers", type=int, default=2000)
    parser.add_argument("--rate", type=float, default=50.0)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.dossiers, args.rate, args.seconds)
        return
    results = []
    with tempfile.TemporaryDirectory() as folder:
        results.append(run_child(f"sqlite:///{folder}/bench.sqlite3", args))
    if not args.sqlite_only:
        name = args.database_url.rsplit("/", 1)[1]
        try:
            postgres_admin(args.database_url, f'DROP DATABASE IF EXISTS "{name}"')
            postgres_admin(args.database_url, f'CREATE DATABASE "{name}"')
        except Exception as exc:  # PostgreSQL is optional here
            print(f"PostgreSQL skipped: {exc}", file=sys.stderr)
        else:
            results.append(run_child(args.database_url, args))
            postgres_admin(args.database_url, f'DROP DATABASE IF EXISTS "{name}"')
    print(json.dumps([r for r in results if r], indent=2, ensure_ascii=False))
    failed = [r for r in results if not r or r["events_per_second"] < TARGET_EVENTS_PER_SECOND]
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
