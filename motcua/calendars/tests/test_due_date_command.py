"""The ``motcua due-date`` contract: output, JSON, exit code 2, and a fresh clone without a database."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from motcua.calendars.models import CalendarDecision, OfficeHours
from motcua.organizations.tests.factories import AgencyFactory

MOTCUA = str(Path(sys.executable).parent / "motcua")


@pytest.fixture(scope="module")
def fresh_env(tmp_path_factory):
    """A clone right after checkout: an empty var directory, the default SQLite database."""
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["MOTCUA_VAR_DIR"] = str(tmp_path_factory.mktemp("fresh-var"))
    return env


def run(env, *args):
    return subprocess.run(  # noqa: S603 - our own command
        [MOTCUA, "due-date", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


def test_issue_example_after_a_fresh_clone(fresh_env):  # [D22]
    result = run(fresh_env, "--received", "2026-02-12T09:00", "--working-days", "15")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "2026-03-12T09:00:00+07:00"
    assert "Nghỉ Tết Nguyên đán 16/02–20/02/2026" in lines
    assert lines[-1] == "Hạn giải quyết: 09:00 thứ Năm 12/03/2026"
    # the command created no database
    assert list(Path(fresh_env["MOTCUA_VAR_DIR"]).glob("*.sqlite3")) == []


def test_json_output_with_pauses_and_working_hours(fresh_env):
    result = run(
        fresh_env,
        "--received",
        "2026-03-02T07:30",
        "--working-hours",
        "16",
        "--json",
        "--pause",
        "2026-03-02T13:30/2026-03-04T07:30",
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["due_at"] == "2026-03-05T11:30:00+07:00"
    kinds = [f["kind"] for f in data["explanation"]]
    assert kinds[0] == "received"
    assert "pause" in kinds
    assert kinds[-1] == "due"
    assert data["explanation"][-1]["text"] == "Hạn giải quyết: 11:30 thứ Năm 05/03/2026"


def test_calendar_days_and_english(fresh_env):
    result = run(
        fresh_env,
        "--received",
        "2026-02-12T10:00+07:00",
        "--calendar-days",
        "5",
        "--language",
        "en",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "2026-02-23T17:30:00+07:00"
    assert "Due at 17:30 Monday 23/02/2026" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--received", "2026-02-30T09:00", "--working-days", "15"], "not an ISO 8601"),
        (["--received", "2026-02-12T09:00"], "is required"),
        (
            ["--received", "2026-02-12T09:00", "--working-days", "1", "--agency", "000.00.00.H29"],
            "need a database",
        ),
    ],
)
def test_invalid_input_exits_2_with_one_line(fresh_env, args, message):  # [D22]
    result = run(fresh_env, *args)
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1
    assert message in result.stderr


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--received", "2026-02-12T09:00", "--working-days", "-1"], "greater than zero"),
        (["--received", "2026-02-12T09:00", "--working-days", "abc"], "needs a number"),
        (["--received", "2026-02-12T09:00", "--working-hours", "NaN"], "greater than zero"),
        (["--received", "2026-02-12T09:00", "--calendar-days", "1.5"], "whole number"),
        (
            ["--received", "2026-02-12T09:00", "--working-days", "1", "--working-hours", "2"],
            "not allowed with",
        ),
        (
            ["--received", "2026-02-12T09:00", "--working-days", "1", "--pause", "2026-02-13"],
            "START/END",
        ),
        (
            [
                "--received",
                "2026-02-12T09:00",
                "--working-days",
                "1",
                "--pause",
                "2026-02-13T10:00/2026-02-13T09:00",
            ],
            "end after it starts",
        ),
        (["--received", "2080-01-01T09:00", "--working-days", "1"], "outside the years"),
        (
            ["--received", "2026-02-12T09:00", "--working-days", "1", "--agency", "000.00.00.H01"],
            "unknown agency",
        ),
    ],
)
def test_invalid_input_in_process(capsys, args, message):  # [D22]
    with pytest.raises(SystemExit) as exit_info:
        call_command("due_date", *args)
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1
    assert message in err


@pytest.mark.django_db
def test_agency_calendar_and_hours_from_the_database():
    agency = AgencyFactory(identifier="000.00.00.H29")
    OfficeHours.objects.create(
        agency=agency,
        morning_opens_at=dt.time(7),
        morning_closes_at=dt.time(11),
        afternoon_opens_at=dt.time(13),
        afternoon_closes_at=dt.time(17),
    )
    CalendarDecision.objects.create(
        agency=agency,
        kind="day_off",
        first_on=dt.date(2026, 3, 3),
        last_on=dt.date(2026, 3, 3),
        name="nghỉ bão",
    )
    out = StringIO()
    call_command(
        "due_date",
        "--received",
        "2026-03-02T07:00",
        "--working-days",
        "2",
        "--agency",
        "000.00.00.H29",
        stdout=out,
    )
    lines = out.getvalue().splitlines()
    assert lines[0] == "2026-03-04T17:00:00+07:00"
    assert "Nghỉ nghỉ bão 03/03/2026" in lines
