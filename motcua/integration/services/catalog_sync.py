"""Catalog sync: pull the national procedure packet (GoiTinThuTucQG) page by page and import it.

The Foundation importer does the work (``catalog.services.importing.catalog_import``): a new code
becomes a procedure, a changed record a new version effective from ``effective_from``, an equal
record changes nothing.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import httpx
from django.utils.translation import gettext_lazy as _

from motcua.catalog.services.importing import ImportReport, catalog_import
from motcua.core.errors import DomainError
from motcua.integration.national_portal.client import PortalClient

#: A guard against a portal that never says "no next page".
MAX_PAGES = 10_000


class CatalogSyncFailedError(DomainError):
    code = "catalog_sync_failed"
    status = 502
    title = _("The national procedure database could not be read.")
    message_template = _("Reading page %(page)s of the procedure packet failed: %(error)s")


def procedure_records_fetch(*, client: PortalClient) -> list[Any]:
    """Every record of the portal's procedure packet, in the portal's order."""
    records: list[Any] = []
    page: int | None = 1
    while page is not None and page <= MAX_PAGES:
        try:
            content = client.procedure_page(page)
        except (httpx.HTTPError, ValueError) as exc:
            raise CatalogSyncFailedError(page=page, error=str(exc)[:300]) from exc
        records.extend(content["data"])
        page = content.get("next")
    return records


def catalog_sync(
    *, client: PortalClient, effective_from: dt.date, dry_run: bool = False, strict: bool = False
) -> ImportReport:
    """Import the national procedure packet into the catalog (changed procedures: new versions)."""
    records = procedure_records_fetch(client=client)
    return catalog_import(
        records=records, effective_from=effective_from, dry_run=dry_run, strict=strict
    )
