import subprocess
import sys

from motcua.cli import resolve


def test_two_word_commands_map_to_management_commands():
    assert resolve(["catalog", "import", "x.json", "--dry-run"]) == [
        "catalog_import",
        "x.json",
        "--dry-run",
    ]
    assert resolve(["due-date", "--working-days", "3"]) == ["due_date", "--working-days", "3"]
    assert resolve(["migrate", "--check"]) == ["migrate", "--check"]
    assert resolve([]) == ["help"]


def test_group_word_alone_is_left_to_django():
    assert resolve(["catalog", "--help"]) == ["catalog", "--help"]


def test_motcua_command_runs_django_commands():
    result = subprocess.run(
        [sys.executable, "-m", "motcua.cli", "check"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout
