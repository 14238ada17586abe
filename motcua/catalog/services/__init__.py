"""Writes to the catalog: importing and exporting the national packet, versions, agency links."""
