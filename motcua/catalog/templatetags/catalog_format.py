"""Template filters for the catalog pages: money in VND and quantities, in the active language."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.utils.formats import get_format
from django.utils.translation import gettext as _

from motcua.catalog.models import Fee
from motcua.core.text import fold

register = template.Library()


def group_thousands(number: Decimal | int) -> str:
    """Write a number with the active language's separators (vi: 1.234.567,5; en: 1,234,567.5)."""
    value = Decimal(number).normalize()
    sign = "-" if value < 0 else ""
    digits = f"{abs(value):f}"
    whole, _dot, fraction = digits.partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    text = str(get_format("THOUSAND_SEPARATOR")).join(groups)
    if fraction:
        text += str(get_format("DECIMAL_SEPARATOR")) + fraction
    return sign + text


@register.filter
def vnd(amount: Decimal | int | None) -> str:
    """A fee in đồng: ``50000`` → "50.000 đồng" (Vietnamese) or "50,000 VND" (English)."""
    if amount is None:
        return ""
    return _("%(amount)s VND") % {"amount": group_thousands(amount)}


@register.filter
def quantity(amount: Decimal | int | None) -> str:
    """A quantity without useless decimals: ``Decimal("5.00")`` → "5", ``0.5`` → "0,5" in Vietnamese."""
    if amount is None:
        return ""
    return group_thousands(amount)


# Bullets the national portal leaves at the start of list items ("- ", "+ ", "* ", "• ").
_BULLETS = "-+*•–· \t"


@register.filter
def strip_bullet(text: str) -> str:
    """Drop a leading bullet from a published list item: ``"- Tờ khai"`` → ``"Tờ khai"``."""
    return text.lstrip(_BULLETS) if text else text


# Fee notes that only repeat "free" (Miễn phí) or "none" next to an amount of 0.
_EMPTY_FEE_NOTES = {"", "0", "mien phi", "khong", "khong thu", "mien le phi"}


@register.filter
def fee_note(fee: Fee) -> str:
    """The fee's description without a leading bullet, unless it only repeats that 0 is free."""
    if fee.amount == 0 and fold(fee.description) in _EMPTY_FEE_NOTES:
        return ""
    return strip_bullet(fee.description)
