"""Load the demo catalog: the project's own packet (``catalog/demo/procedures.json``).

The packet is a curated selection of real procedures (codes, names, time limits, fees, required
documents as published on the National Public Service Portal, trimmed and with the units the law
states where the portal left them out). It goes through the importer like any packet, with a
fixed effective date so that loading it again on another day changes nothing. Versions are then
linked to the demo province's agencies: commune-level procedures to every commune, province-level
ones to the department that handles their sector (or to the province itself).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from django.db import transaction

from motcua.catalog.models import ProcedureVersion
from motcua.catalog.packet import packet_load
from motcua.catalog.services.importing import ImportReport, catalog_import
from motcua.organizations.demo import (
    PROVINCE_IDENTIFIER,
    demo_agencies_by_sector,
    demo_commune_identifiers,
)
from motcua.organizations.models import Agency

DEMO_PACKET = Path(__file__).resolve().parent.parent / "demo" / "procedures.json"
DEMO_EFFECTIVE_FROM = dt.date(2025, 7, 1)  # the two-level local government took effect

COMMUNE_LEVEL = "Cấp xã"  # a level name as published (CAPTHUCHIEN)


@transaction.atomic
def demo_catalog_load(*, on_progress: Callable[[], object] | None = None) -> ImportReport:
    """Import the demo packet and link its versions to the demo agencies (idempotent)."""
    report = catalog_import(
        records=packet_load(DEMO_PACKET),
        effective_from=DEMO_EFFECTIVE_FROM,
        on_progress=on_progress,
    )
    _link_demo_agencies()
    return report


def _link_demo_agencies() -> None:
    agencies = {
        agency.identifier: agency
        for agency in Agency.objects.filter(identifier__endswith=".H99", is_active=True)
    }
    if PROVINCE_IDENTIFIER not in agencies:
        return
    communes = [agencies[i] for i in demo_commune_identifiers() if i in agencies]
    by_sector = demo_agencies_by_sector()
    versions = ProcedureVersion.objects.filter(effective_to__isnull=True).select_related("sector")
    for version in versions:
        levels = set(version.published.levels)
        wanted = list(communes) if COMMUNE_LEVEL in levels else []
        if levels - {COMMUNE_LEVEL} or not wanted:
            departments = [
                agencies[i] for i in by_sector.get(version.sector.code, []) if i in agencies
            ]
            wanted += departments or [agencies[PROVINCE_IDENTIFIER]]
        version.agencies.add(*wanted)
