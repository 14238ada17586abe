"""Uploaded files: type detected from the first bytes (magic numbers), safe stored names (pure)."""

from __future__ import annotations

import re
import unicodedata

# (magic prefix, content type, extension); the client's name and content type are never trusted.
_SIGNATURES: tuple[tuple[bytes, str, str], ...] = (
    (b"%PDF-", "application/pdf", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png", "png"),
    (b"\xff\xd8\xff", "image/jpeg", "jpg"),
    (b"II*\x00", "image/tiff", "tif"),
    (b"MM\x00*", "image/tiff", "tif"),
)
HEADER_BYTES = 16


def detect_type(head: bytes) -> tuple[str, str] | None:
    r"""The content type and extension of a file from its first bytes; None if not accepted.

    >>> detect_type(b"%PDF-1.7\\n"), detect_type(b"MZ\\x90\\x00")
    (('application/pdf', 'pdf'), None)
    """
    for magic, content_type, extension in _SIGNATURES:
        if head.startswith(magic):
            return content_type, extension
    return None


def display_name(name: str) -> str:
    r"""A client file name reduced to a harmless display label (no path, no control characters).

    >>> display_name("../../etc/Giấy tờ\\x00.pdf")
    'Giấy tờ.pdf'
    """
    base = re.split(r"[\\/]", name)[-1]
    cleaned = "".join(c for c in unicodedata.normalize("NFC", base) if c.isprintable())
    return cleaned.strip(" .")[:200] or "file"
