"""Search text for procedures: what is folded into ``ProcedureVersion.search_text`` (pure)."""

from __future__ import annotations

from collections.abc import Iterable

from motcua.core.text import fold


def search_text_for(*, code: str, name: str, sector_name: str, keywords: Iterable[str] = ()) -> str:
    """Fold the searchable parts of a procedure version into one space-separated string.

    >>> search_text_for(code="1.001193", name="Đăng ký khai sinh", sector_name="Hộ tịch")
    '1 001193 dang ky khai sinh ho tich'
    """
    return fold(" ".join([code, name, sector_name, *keywords]))
