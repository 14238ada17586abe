"""The portal's domain apps never import the portal (dependencies point one way)."""

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2]


def imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("app", ["identity", "notifications", "submissions", "evaluation"])
def test_domain_apps_do_not_import_the_interface(app):
    offenders = [
        f"{path}: {module}"
        for path in (PACKAGE / app).rglob("*.py")
        if "tests" not in path.parts
        for module in imports(path)
        if module.startswith(("motcua.portal", "motcua.backoffice")) or ".api" in module
    ]
    assert offenders == []


def test_views_write_no_status():
    # every state change goes through the dossier services
    for path in (PACKAGE / "portal").rglob("*.py"):
        if "tests" in path.parts:
            continue
        assert not re.search(r"\.status\s*=(?!=)", path.read_text(encoding="utf-8")), path
