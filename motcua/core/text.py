"""Text folding for search without diacritics (tìm kiếm không dấu).

Pure: the same function fills the ``search_text`` columns and folds queries, so SQLite and
PostgreSQL see identical text.
"""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^0-9a-z]+")


def fold(text: str) -> str:
    """Lower-case, strip diacritics (đ→d) and collapse everything but letters and digits to spaces.

    >>> fold("Cấp giấy phép xây dựng")
    'cap giay phep xay dung'
    >>> fold("ĐĂNG KÝ  khai-sinh")
    'dang ky khai sinh'
    """
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return _NON_WORD.sub(" ", stripped.lower()).strip()


def nfc(text: str) -> str:
    """Normalize to NFC, the form we store and print (Vietnamese has two encodings of many letters)."""
    return unicodedata.normalize("NFC", text)
