"""Submit once (R17): the dossiers app owns reuse by reference; the portal calls it from here."""

from __future__ import annotations

from motcua.dossiers.services.documents import dossier_document_reuse

__all__ = ["dossier_document_reuse"]
