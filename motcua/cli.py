"""The ``motcua`` command.

``motcua GROUP ACTION …`` runs the Django management command ``GROUP_ACTION`` (for example
``motcua catalog import FILE`` runs ``catalog_import``), ``motcua due-date …`` runs ``due_date``,
and any other word is passed to Django as is (``motcua migrate``).
"""

from __future__ import annotations

import os
import sys

from django.core.management import execute_from_command_line

# Two-word commands: the first word is a group, the second its action.
GROUPS = {"catalog", "dossiers", "token", "calendar"}


def resolve(argv: list[str]) -> list[str]:
    """Map ``motcua`` arguments to a Django management command line.

    >>> resolve(["catalog", "import", "x.json"])
    ['catalog_import', 'x.json']
    >>> resolve(["due-date", "--working-days", "3"])
    ['due_date', '--working-days', '3']
    """
    if not argv:
        return ["help"]
    head, rest = argv[0], argv[1:]
    if head in GROUPS and rest and not rest[0].startswith("-"):
        return [f"{head}_{rest[0].replace('-', '_')}", *rest[1:]]
    return [head.replace("-", "_") if not head.startswith("-") else head, *rest]


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")
    execute_from_command_line(["motcua", *resolve(sys.argv[1:])])


if __name__ == "__main__":
    main()
