"""Dependencies point one way (docs/architecture.md): checked on the imports of every module."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "motcua"


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def source_files(folder: str) -> list[Path]:
    return [p for p in (PACKAGE / folder).rglob("*.py") if "tests" not in p.parts]


@pytest.mark.parametrize("path", source_files("worktime"), ids=str)
def test_worktime_is_pure(path):
    # worktime imports neither Django nor the rest of the project, and never reads the clock
    banned = {m for m in imported_modules(path) if m.split(".")[0] in {"django", "rest_framework"}}
    banned |= {
        m
        for m in imported_modules(path)
        if m.startswith("motcua.") and not m.startswith("motcua.worktime")
    }
    assert banned == set()
    text = path.read_text(encoding="utf-8")
    for clock in (
        "datetime.now(",
        "date.today(",
        "time.time(",
        "dt.datetime.now(",
        "dt.date.today(",
    ):
        assert clock not in text, f"{path} reads the clock ({clock})"


DOMAIN_APPS = ["core", "organizations", "calendars", "catalog"]


@pytest.mark.parametrize("app", DOMAIN_APPS)
def test_domain_never_imports_interfaces(app):
    # models, services and selectors never import an api/, portal or backoffice module
    offenders = []
    for path in source_files(app):
        rel = path.relative_to(PACKAGE / app)
        if rel.parts[0] in {"api", "views.py", "management", "admin.py", "urls.py"}:
            continue
        for module in imported_modules(path):
            if ".api" in module or module.startswith(("motcua.portal", "motcua.backoffice")):
                offenders.append(f"{path}: {module}")
    assert offenders == []
