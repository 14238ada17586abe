"""HTML → PDF with WeasyPrint, using the Be Vietnam Pro font shipped on PyPI (fontpkg-be-vietnam-pro).

The printed HTML and the PDF come from the same template; only the ``@font-face`` rules, which point
at the font files, are added for the PDF so it never depends on the fonts of the machine.
"""

from __future__ import annotations

import logging
from functools import cache

import fontpkg_be_vietnam_pro  # type: ignore[import-untyped]  # a font package, no stubs

# WeasyPrint logs every rendering step at INFO; only its warnings are worth the log.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


@cache
def font_face_css() -> str:
    """``@font-face`` rules for the regular, italic, bold and bold italic Be Vietnam Pro files."""
    files = fontpkg_be_vietnam_pro.ROOT / "files"
    rules = []
    for weight, style, name in (
        (400, "normal", "Regular"),
        (400, "italic", "Italic"),
        (700, "normal", "Bold"),
        (700, "italic", "BoldItalic"),
    ):
        url = (files / f"BeVietnamPro-{name}.ttf").as_uri()
        rules.append(
            f'@font-face{{font-family:"{fontpkg_be_vietnam_pro.FAMILY}";'
            f"src:url({url});font-weight:{weight};font-style:{style}}}"
        )
    return "\n".join(rules)


def html_to_pdf(html: str) -> bytes:
    """Render a complete HTML document to PDF bytes."""
    from weasyprint import HTML  # type: ignore[import-untyped]  # no stubs published
    from weasyprint.text.fonts import FontConfiguration  # type: ignore[import-untyped]

    fonts = FontConfiguration()
    document = HTML(string=html, base_url=None)
    pdf = document.write_pdf(font_config=fonts)
    assert pdf is not None  # noqa: S101 - write_pdf without a target returns the bytes
    return bytes(pdf)
