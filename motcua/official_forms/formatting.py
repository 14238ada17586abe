"""Vietnamese formatting of dates, times and money on the printed forms. Pure: no ORM, no clock.

>>> import datetime as dt
>>> vnd(1250000)
'1.250.000'
>>> day_month_year(dt.date(2026, 3, 2))
'02/03/2026'
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from decimal import Decimal


def nfc(text: str) -> str:
    """The text in Unicode NFC (precomposed Vietnamese letters), as fonts and pdftotext expect."""
    return unicodedata.normalize("NFC", text)


def vnd(amount: int | Decimal) -> str:
    """An amount of đồng with dots between thousands (1.250.000)."""
    return f"{int(amount):,}".replace(",", ".")


def day_month_year(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def hour_minute(moment: dt.datetime) -> tuple[str, str]:
    return moment.strftime("%H"), moment.strftime("%M")
