"""``motcua catalog import`` / ``export``: arguments, output and exit codes."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from motcua.catalog.models import Procedure, ProcedureVersion
from motcua.catalog.packet import normalize_record
from motcua.catalog.tests.packets import full_record, minimal_record

pytestmark = pytest.mark.django_db


def write(tmp_path, content, name="packet.json"):
    path = tmp_path / name
    path.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    return path


def run(*args):
    from io import StringIO

    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_import_prints_the_summary_and_defaults_to_today(tmp_path):
    path = write(tmp_path, [full_record(), minimal_record()])

    out, _err = run("catalog_import", str(path))

    assert "2 record(s): 2 created, 0 new version(s), 0 unchanged" in out
    assert "warning [0] 1.013225.H99 CACHTHUCTHUCHIEN[1].THOIGIAN[0].PHILEPHI[0].SOTIEN" in out
    assert set(ProcedureVersion.objects.values_list("effective_from", flat=True)) == {
        timezone.localdate()
    }


def test_import_effective_from_option(tmp_path):
    path = write(tmp_path, minimal_record())

    run("catalog_import", str(path), "--effective-from", "2025-07-01")
    out, _err = run("catalog_import", str(path))

    assert ProcedureVersion.objects.get().effective_from == dt.date(2025, 7, 1)
    assert "0 created, 0 new version(s), 1 unchanged" in out


def test_import_dry_run_writes_nothing(tmp_path):
    path = write(tmp_path, [minimal_record()])

    out, _err = run("catalog_import", str(path), "--dry-run")

    assert out.startswith("Dry run, nothing written. 1 record(s): 1 created")
    assert Procedure.objects.count() == 0


def test_rejected_records_exit_1_and_are_listed(tmp_path):
    path = write(tmp_path, [minimal_record(), {"MaTTHC": "1.000894", "TENTTHC": 3}])

    with pytest.raises(CommandError) as raised:
        run("catalog_import", str(path))

    assert raised.value.returncode == 1
    assert Procedure.objects.count() == 1


def test_strict_abort_exits_1_and_imports_nothing(tmp_path):
    path = write(tmp_path, [minimal_record(), full_record()])

    with pytest.raises(CommandError) as raised:
        run("catalog_import", str(path), "--strict")

    assert raised.value.returncode == 1
    assert Procedure.objects.count() == 0


@pytest.mark.parametrize("content", ["{not json", "42"])
def test_unreadable_packet_exits_2(tmp_path, content):
    path = write(tmp_path, content)

    with pytest.raises(CommandError) as raised:
        run("catalog_import", str(path))

    assert raised.value.returncode == 2


def test_missing_file_exits_2(tmp_path):
    with pytest.raises(CommandError) as raised:
        run("catalog_import", str(tmp_path / "absent.json"))

    assert raised.value.returncode == 2


def test_export_writes_the_same_format(tmp_path):
    records = [full_record(), minimal_record()]
    run("catalog_import", str(write(tmp_path, records)))
    output = tmp_path / "out.json"

    run("catalog_export", "--output", str(output))
    stdout, _err = run("catalog_export", "--code", "1.001193")

    assert json.loads(output.read_text(encoding="utf-8")) == sorted(
        (normalize_record(r) for r in records), key=lambda r: r["MaTTHC"]
    )
    assert json.loads(stdout) == [normalize_record(minimal_record())]


def test_export_unknown_code_fails(tmp_path):
    run("catalog_import", str(write(tmp_path, [minimal_record()])))

    with pytest.raises(CommandError, match=r"9\.999999"):
        run("catalog_export", "--code", "9.999999")
