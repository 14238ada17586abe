"""Compile the committed .po translation files to .mo without GNU gettext (polib)."""

from __future__ import annotations

from pathlib import Path

import polib


def compile_messages(source_dir: Path, target_dir: Path) -> list[Path]:
    """Compile every ``<lang>/LC_MESSAGES/*.po`` under ``source_dir`` into ``target_dir``.

    Fuzzy entries are left out, as msgfmt does. Returns the written .mo paths.
    """
    written = []
    for po_path in sorted(source_dir.glob("*/LC_MESSAGES/*.po")):
        relative = po_path.relative_to(source_dir).with_suffix(".mo")
        mo_path = target_dir / relative
        mo_path.parent.mkdir(parents=True, exist_ok=True)
        catalog = polib.pofile(str(po_path))
        for entry in catalog.fuzzy_entries():
            catalog.remove(entry)
        tmp = mo_path.with_suffix(".mo.tmp")
        catalog.save_as_mofile(str(tmp))
        tmp.replace(mo_path)
        written.append(mo_path)
    return written
