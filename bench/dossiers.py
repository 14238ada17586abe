"""Dossier API under load: N generated dossiers with their events, measured over HTTP (gunicorn).

Usage::

    .venv/bin/python bench/dossiers.py                       # 100,000 dossiers, SQLite in a temp folder
    .venv/bin/python bench/dossiers.py --database-url postgresql://postgres@127.0.0.1:5432/motcua_bench_dossiers
    .venv/bin/python bench/dossiers.py --database-url postgresql://... --dossiers 10000000

The PostgreSQL database named in the URL is a throwaway: dropped, created, and dropped again at the
end (``--keep`` keeps it). Dossiers are generated in bulk (not through the services: that would
take hours at 10 million) but exactly as the services write them: codes from per-agency daily
counters, events hash-chained with the same function, due dates from ``worktime``. Then gunicorn
serves the API and the script measures:

* submissions per second: ``POST /api/v1/dossiers`` from several client threads;
* status lookup ``GET /api/v1/lookup/{code}`` p50/p95 (anonymous, random codes);
* an official's work queue ``GET /api/v1/dossiers?agency=…&ordering=due_at&limit=50`` p50/p95;
* SQL queries per request of each endpoint (in-process, Django's query capture).
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
AGENCIES = 10
SPECIALISTS_PER_AGENCY = 5
CITIZENS = 1000
BATCH = 5000
FIRST_DAY = dt.date(2024, 1, 1)
OPEN_STATUSES = ["received", "processing", "supplement_requested", "payment_requested"]


# --- child: generate ---------------------------------------------------------------------------


def setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")
    import django

    django.setup()


def generate(count: int, seed: int) -> dict[str, Any]:
    """Bulk-insert the world and ``count`` dossiers with events; return what the client needs."""
    setup_django()
    from decimal import Decimal
    from zoneinfo import ZoneInfo

    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission
    from django.db import transaction

    from motcua.accounts.services.tokens import token_create
    from motcua.catalog.models import (
        Channel,
        Procedure,
        ProcedureChannel,
        ProcedureVersion,
        RequiredDocument,
        Sector,
        TimeLimit,
        TimeLimitUnit,
    )
    from motcua.dossiers.events import GENESIS_HASH, event_hash
    from motcua.dossiers.lifecycle import DossierStatus as S
    from motcua.dossiers.models import Dossier, DossierCodeCounter, DossierEvent
    from motcua.dossiers.services.codes import format_code
    from motcua.organizations.models import Agency, AgencyLevel, Role, StaffRole, Unit, UnitKind
    from motcua.worktime.deadlines import add_working_time
    from motcua.worktime.vietnam import national_calendar

    rng = random.Random(seed)
    vn = ZoneInfo("Asia/Ho_Chi_Minh")
    calendar = national_calendar()
    limit = calendar.working_day_length * 5
    users = get_user_model()
    started = time.perf_counter()

    with transaction.atomic():
        sector = Sector.objects.create(code="BENCH-01", name="Lĩnh vực thử tải")
        procedure = Procedure.objects.create(code="1.999999")
        version = ProcedureVersion.objects.create(
            procedure=procedure,
            number=1,
            effective_from=dt.date(2024, 1, 1),
            name="Thủ tục thử tải",
            sector=sector,
            content_hash="0" * 64,
        )
        for position, channel in enumerate((Channel.COUNTER, Channel.ONLINE)):
            procedure_channel = ProcedureChannel.objects.create(
                version=version, position=position, channel=channel
            )
            TimeLimit.objects.create(
                channel=procedure_channel,
                position=0,
                amount=Decimal(5),
                unit=TimeLimitUnit.WORKING_DAY,
            )
        RequiredDocument.objects.create(version=version, position=0, name="Tờ khai")
        agencies, receptions, officers, leaders, specialists = [], [], [], [], []
        for number in range(AGENCIES):
            agency = Agency.objects.create(
                identifier=f"000.00.{number + 10:02d}.H98",
                name=f"Cơ quan thử tải {number}",
                level=AgencyLevel.COMMUNE,
            )
            reception = Unit.objects.create(agency=agency, name="Một cửa", kind=UnitKind.RECEPTION)
            department = Unit.objects.create(
                agency=agency, name="Chuyên môn", kind=UnitKind.DEPARTMENT
            )
            officer = users.objects.create(username=f"officer{number}")
            leader = users.objects.create(username=f"leader{number}")
            StaffRole.objects.create(user=officer, unit=reception, role=Role.RECEPTION_OFFICER)
            StaffRole.objects.create(user=leader, unit=reception, role=Role.LEADER)
            staff = []
            for index in range(SPECIALISTS_PER_AGENCY):
                specialist = users.objects.create(username=f"specialist{number}_{index}")
                StaffRole.objects.create(user=specialist, unit=department, role=Role.SPECIALIST)
                staff.append(specialist)
            agencies.append(agency)
            receptions.append(reception)
            officers.append(officer)
            leaders.append(leader)
            specialists.append(staff)
        citizens = users.objects.bulk_create(
            [users(username=f"citizen{n}", password="!") for n in range(CITIZENS)]  # noqa: S106 - unusable
        )
        # Databases without RETURNING leave the pks unset.
        citizens = list(users.objects.filter(username__startswith="citizen").order_by("pk"))
        machine = users.objects.create(username="national-portal")
        machine.user_permissions.add(Permission.objects.get(codename="integrate"))

    # Dossiers spread over days and agencies; codes numbered per (agency, day).
    days = max(1, min(700, count // (AGENCIES * 50) + 1))
    counters: dict[tuple[int, dt.date], int] = {}
    codes_sample: list[str] = []
    made = 0
    while made < count:
        size = min(BATCH, count - made)
        rows = []
        plans = []
        for _ in range(size):
            a = rng.randrange(AGENCIES)
            day = FIRST_DAY + dt.timedelta(days=rng.randrange(days))
            number = counters.get((a, day), 0) + 1
            counters[(a, day)] = number
            received = dt.datetime.combine(day, dt.time(7, 30), tzinfo=vn) + dt.timedelta(
                minutes=rng.randrange(600)
            )
            due = add_working_time(received, limit, calendar)
            roll = rng.random()
            status = (
                S.RESULT_RETURNED
                if roll < 0.6
                else S.FINISHED
                if roll < 0.7
                else S.PROCESSING
                if roll < 0.9
                else S.RECEIVED
                if roll < 0.97
                else S.SUPPLEMENT_REQUESTED
            )
            assignee = None if status == S.RECEIVED else rng.choice(specialists[a])
            path = [("submit", None, S.NEW), ("receive", S.NEW, S.RECEIVED)]
            if status != S.RECEIVED:
                path.append(("assign", S.RECEIVED, S.PROCESSING))
            if status == S.SUPPLEMENT_REQUESTED:
                path.append(("request_supplement", S.PROCESSING, S.SUPPLEMENT_REQUESTED))
            if status in (S.FINISHED, S.RESULT_RETURNED):
                path.append(("finish", S.PROCESSING, S.FINISHED))
            if status == S.RESULT_RETURNED:
                path.append(("return_result", S.FINISHED, S.RESULT_RETURNED))
            finished = received + dt.timedelta(days=rng.randrange(1, 9))
            code = format_code(agencies[a].identifier, day, number)
            if len(codes_sample) < 2000 and rng.random() < 0.05:
                codes_sample.append(code)
            rows.append(
                Dossier(
                    code=code,
                    procedure_version=version,
                    receiving_unit=receptions[a],
                    agency=agencies[a],
                    channel=Channel.ONLINE,
                    applicant_user=rng.choice(citizens),
                    applicant_kind="person",
                    applicant_name="Nguyễn Văn Thử",
                    applicant_identity_number=f"001{rng.randrange(10**9):09d}",
                    status=status,
                    submitted_at=received,
                    received_at=received,
                    due_at=due,
                    limit_unit="working_days",
                    limit_amount=Decimal(5),
                    due_explanation=[{"kind": "received", "at": received.isoformat()}],
                    assignee=assignee,
                    finished_at=finished if status in (S.FINISHED, S.RESULT_RETURNED) else None,
                    timeliness=(
                        ("on_time" if finished <= due else "late")
                        if status in (S.FINISHED, S.RESULT_RETURNED)
                        else ""
                    ),
                    version=len(path),
                )
            )
            plans.append((path, received, assignee))
        with transaction.atomic():
            saved = Dossier.objects.bulk_create(rows, batch_size=BATCH)
            if any(d.pk is None for d in saved):  # databases without RETURNING
                by_code = dict(
                    Dossier.objects.filter(code__in=[d.code for d in rows]).values_list(
                        "code", "pk"
                    )
                )
                for dossier in saved:
                    dossier.pk = by_code[dossier.code]
            events = []
            for dossier, (path, received, assignee) in zip(saved, plans, strict=True):
                previous = GENESIS_HASH
                for sequence, (action, before, after) in enumerate(path, start=1):
                    event = DossierEvent(
                        dossier_id=dossier.pk,
                        sequence=sequence,
                        action=action,
                        actor_id=None,
                        actor_label="",
                        occurred_at=received + dt.timedelta(hours=sequence),
                        from_status=before,
                        to_status=after,
                        data={"assignee": assignee.pk} if action == "assign" and assignee else {},
                        previous_hash=previous,
                    )
                    event.hash = event_hash(event.hashed_content())
                    previous = event.hash
                    events.append(event)
            DossierEvent.objects.bulk_create(events, batch_size=BATCH)
        made += size
        print(f"  {made:,} dossiers", file=sys.stderr, end="\r", flush=True)
    DossierCodeCounter.objects.bulk_create(
        [
            DossierCodeCounter(agency=agencies[a], day=day, last_number=n)
            for (a, day), n in counters.items()
        ],
        batch_size=BATCH,
    )
    # Fresh statistics, as a production table has them (autovacuum would do it soon anyway).
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    _, citizen_token = token_create(
        user=citizens[0], name="bench", scopes=["dossiers:write", "dossiers:read"]
    )
    _, leader_token = token_create(user=leaders[0], name="bench", scopes=["dossiers:read"])
    return {
        "generate_s": time.perf_counter() - started,
        "events": DossierEvent.objects.count(),
        "codes": codes_sample,
        "agency": agencies[0].identifier,
        "agency_code": Dossier.objects.filter(agency=agencies[0]).values_list("code", flat=True)[0],
        "reception_unit": receptions[0].pk,
        "reception_units": [unit.pk for unit in receptions],
        "version": version.pk,
        "citizen_token": citizen_token,
        "leader_token": leader_token,
        "queue_size": Dossier.objects.filter(
            agency=agencies[0], status__in=[S.RECEIVED, S.PROCESSING, S.SUPPLEMENT_REQUESTED]
        ).count(),
    }


def submission_body(info: dict[str, Any], unit: int | None = None) -> dict[str, Any]:
    return {
        "procedure_version": info["version"],
        "receiving_unit": unit or info["reception_unit"],
        "applicant": {"kind": "person", "name": "Lê Thị Tải", "identity_number": "001190000001"},
        "form_data": {"purpose": "thử tải"},
    }


def queue_path(info: dict[str, Any]) -> str:
    statuses = "".join(f"&status={s}" for s in OPEN_STATUSES)
    return f"/api/v1/dossiers?agency={info['agency']}&ordering=due_at&limit=50{statuses}"


def count_queries(info: dict[str, Any]) -> dict[str, int]:
    """SQL queries of one request to each endpoint, in-process (after one warm-up each)."""
    setup_django()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    leader = {"Authorization": f"Bearer {info['leader_token']}"}
    citizen = {"Authorization": f"Bearer {info['citizen_token']}"}
    code = info["agency_code"]
    calls: dict[str, Callable[[], Any]] = {
        "submission": lambda: client.post(
            "/api/v1/dossiers",
            json.dumps(submission_body(info)),
            content_type="application/json",
            headers=citizen,
        ),
        "lookup": lambda: client.get(f"/api/v1/lookup/{code}"),
        "work queue (50)": lambda: client.get(queue_path(info), headers=leader),
        "dossier detail": lambda: client.get(f"/api/v1/dossiers/{code}", headers=leader),
    }
    counts = {}
    for name, call in calls.items():
        call()
        with CaptureQueriesContext(connection) as captured:
            response = call()
        assert response.status_code in (200, 201), (name, response.status_code)
        counts[name] = len(captured.captured_queries)
    return counts


# --- parent: orchestrate and measure over HTTP -------------------------------------------------


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def request(
    conn: http.client.HTTPConnection, method: str, path: str, body: Any = None, token: str = ""
) -> tuple[int, bytes]:
    headers = {"Accept": "application/json"}
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    if token:
        headers["Authorization"] = f"Bearer {token}"
    conn.request(method, path, body=data, headers=headers)
    response = conn.getresponse()
    return response.status, response.read()


def timed_gets(port: int, paths: list[str], token: str = "") -> list[float]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    times = []
    for path in paths:
        start = time.perf_counter()
        status, _ = request(conn, "GET", path, token=token)
        times.append((time.perf_counter() - start) * 1000)
        if status != 200:
            raise SystemExit(f"GET {path} answered {status}")
    conn.close()
    return times


def submissions(
    port: int, info: dict[str, Any], total: int, threads: int, *, spread: bool
) -> tuple[float, int]:
    """Concurrent submissions: to one agency (one code counter) or spread over all agencies."""
    errors: list[int] = []
    per_thread = total // threads
    units = info["reception_units"] if spread else [info["reception_unit"]]

    def work() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        for index in range(per_thread):
            body = submission_body(info, units[index % len(units)])
            status, _ = request(conn, "POST", "/api/v1/dossiers", body, info["citizen_token"])
            if status != 201:
                errors.append(status)
        conn.close()

    workers = [threading.Thread(target=work) for _ in range(threads)]
    start = time.perf_counter()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    elapsed = time.perf_counter() - start
    return per_thread * threads / elapsed, len(errors)


def wait_ready(port: int, process: subprocess.Popen[bytes]) -> None:
    for _ in range(200):
        if process.poll() is not None:
            raise SystemExit("gunicorn exited")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            request(conn, "GET", "/api/v1/lookup/none")
            conn.close()
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit("gunicorn did not start")


def reset_postgres(url: str, *, drop_only: bool = False) -> None:
    import psycopg
    from psycopg.conninfo import conninfo_to_dict, make_conninfo

    name = str(conninfo_to_dict(url).get("dbname") or "")
    if not name.replace("_", "").isalnum() or "bench" not in name:
        raise SystemExit(
            f"refusing to drop {name!r}: the benchmark database name must contain 'bench'"
        )
    with psycopg.connect(make_conninfo(url, dbname="postgres"), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not drop_only:
            conn.execute(f'CREATE DATABASE "{name}"')


def child(command: str, env: dict[str, str], *args: str) -> dict[str, Any]:
    process = subprocess.run(
        [sys.executable, __file__, command, *args],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
        check=False,
    )
    if process.returncode != 0:
        raise SystemExit(f"{command} failed")
    return dict(json.loads(process.stdout.strip().splitlines()[-1]))


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] in ("_generate", "_queries"):
        if sys.argv[1] == "_generate":
            print(json.dumps(generate(int(sys.argv[2]), int(sys.argv[3]))))
        else:
            print(json.dumps(count_queries(json.loads(sys.argv[2]))))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dossiers", type=int, default=100_000)
    parser.add_argument("--database-url", default="", help="PostgreSQL URL (default: SQLite)")
    parser.add_argument("--submissions", type=int, default=1000)
    parser.add_argument("--lookups", type=int, default=500)
    parser.add_argument("--queues", type=int, default=300)
    parser.add_argument("--threads", type=int, default=8, help="client threads for submissions")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--worker-threads", type=int, default=4, help="threads per gunicorn worker")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the PostgreSQL database")
    options = parser.parse_args()
    load_before = os.getloadavg()  # the rest of the machine, before this script adds to it

    temp = tempfile.TemporaryDirectory(prefix="motcua-bench-dossiers-")
    var = Path(temp.name)
    (var / "static").mkdir()
    url = options.database_url or f"sqlite:///{var / 'bench.sqlite3'}"
    if options.database_url:
        reset_postgres(url)
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "MOTCUA_VAR_DIR": str(var),
        "DJANGO_SETTINGS_MODULE": "motcua.settings",
        "DATABASE_CONN_MAX_AGE": "60",
        "LOG_LEVEL": "WARNING",
    }
    vendor = "PostgreSQL" if options.database_url else "SQLite"
    print(f"{vendor}: migrating, generating {options.dossiers:,} dossiers…", file=sys.stderr)
    subprocess.run(
        [sys.executable, "-m", "motcua.cli", "migrate", "--verbosity", "0"],
        env=env,
        cwd=ROOT,
        check=True,
    )
    info = child("_generate", env, str(options.dossiers), str(options.seed))
    queries = child("_queries", env, json.dumps(info))
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "motcua.wsgi",
            "--bind",
            f"127.0.0.1:{options.port}",
            "--workers",
            str(options.workers),
            "--threads",
            str(options.worker_threads),
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
    )
    try:
        wait_ready(options.port, server)
        rng = random.Random(options.seed)
        lookup_paths = [
            f"/api/v1/lookup/{rng.choice(info['codes'])}" for _ in range(options.lookups)
        ]
        timed_gets(options.port, lookup_paths[:50])  # warm-up
        lookups = timed_gets(options.port, lookup_paths)
        queue = [queue_path(info)] * options.queues
        timed_gets(options.port, queue[:20], info["leader_token"])
        queues = timed_gets(options.port, queue, info["leader_token"])
        rate, errors = submissions(
            options.port, info, options.submissions, options.threads, spread=True
        )
        rate_one, errors_one = submissions(
            options.port, info, options.submissions, options.threads, spread=False
        )
        load_after = os.getloadavg()
        server.terminate()
        server.wait(timeout=30)
        # Every chain, generated or submitted during the run, must verify.
        start = time.perf_counter()
        verify = subprocess.run(
            [sys.executable, "-m", "motcua.cli", "dossiers", "verify"],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        verify_s = time.perf_counter() - start
    finally:
        if server.poll() is None:
            server.terminate()
            server.wait(timeout=30)
        if options.database_url and not options.keep:
            reset_postgres(url, drop_only=True)
        temp.cleanup()

    print(
        f"\n{vendor}, {options.dossiers:,} dossiers and {info['events']:,} events generated in "
        f"{info['generate_s']:.0f} s; gunicorn {options.workers} workers × "
        f"{options.worker_threads} threads"
    )
    print(
        f"  load average (1 min): {load_before[0]:.1f} at the start, {load_after[0]:.1f} at the end "
        f"of the HTTP measurements ({os.cpu_count()} CPUs)"
    )
    print(
        f"  submissions over {AGENCIES} agencies: {rate:.0f}/s "
        f"({options.submissions} from {options.threads} threads, {errors} errors)"
    )
    print(
        f"  submissions to one agency (one code counter row): {rate_one:.0f}/s "
        f"({options.submissions} from {options.threads} threads, {errors_one} errors)"
    )
    print(
        f"  status lookup: p50 {percentile(lookups, 50):.1f} ms, p95 {percentile(lookups, 95):.1f} ms"
    )
    print(
        f"  work queue (50 by due date, {info['queue_size']:,} open in the agency): "
        f"p50 {percentile(queues, 50):.1f} ms, p95 {percentile(queues, 95):.1f} ms"
    )
    print(
        f"  motcua dossiers verify: {verify_s:.0f} s, exit {verify.returncode}: "
        f"{verify.stdout.strip().splitlines()[-1] if verify.stdout.strip() else verify.stderr[-200:]}"
    )
    print("  SQL queries per request: " + ", ".join(f"{k} {v}" for k, v in queries.items()))


if __name__ == "__main__":
    main()
