"""Template filters of the catalog pages, and the shared stylesheet being served."""

from decimal import Decimal

import pytest
from django.contrib.staticfiles import finders
from django.utils import translation

from motcua.catalog.models import Fee
from motcua.catalog.templatetags.catalog_format import fee_note, quantity, strip_bullet, vnd


@pytest.mark.parametrize(
    ("language", "amount", "expected"),
    [
        ("vi", Decimal(50000), "50.000 đồng"),
        ("vi", Decimal(1250000), "1.250.000 đồng"),
        ("vi", 500, "500 đồng"),
        ("en", Decimal(50000), "50,000 VND"),
    ],
)
def test_vnd(language, amount, expected):
    with translation.override(language):
        assert vnd(amount) == expected


def test_quantity_drops_useless_decimals():
    with translation.override("vi"):
        assert quantity(Decimal("20.00")) == "20"
        assert quantity(Decimal("0.50")) == "0,5"
        assert quantity(None) == ""
    with translation.override("en"):
        assert quantity(Decimal("1.5")) == "1.5"


def test_strip_bullet():
    assert strip_bullet("- Tờ khai đăng ký") == "Tờ khai đăng ký"
    assert strip_bullet("* Giấy tờ phải nộp:") == "Giấy tờ phải nộp:"
    assert strip_bullet("Bản sao Giấy khai sinh") == "Bản sao Giấy khai sinh"


def test_fee_note_hides_a_note_that_only_says_free():
    assert fee_note(Fee(amount=Decimal(0), description="Miễn phí")) == ""
    assert fee_note(Fee(amount=Decimal(0), description="Miễn phí cho hộ nghèo")) == (
        "Miễn phí cho hộ nghèo"
    )
    assert fee_note(Fee(amount=Decimal(8000), description="Miễn phí")) == "Miễn phí"
    assert fee_note(Fee(amount=Decimal(50000), description="- Lệ phí đăng ký")) == "Lệ phí đăng ký"


def test_the_layout_stylesheet_is_found_and_small():
    path = finders.find("motcua/motcua.css")
    assert path is not None
    with open(path, "rb") as stylesheet:
        assert len(stylesheet.read()) < 20_000
