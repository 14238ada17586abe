"""Read back a rendered PDF with Debian's poppler-utils and zbar-tools (text and QR codes)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(
            f"{name} is not installed (Debian: poppler-utils / zbar-tools; .ci/run installs them)"
        )
    return path


def pdf_lines(pdf: bytes, tmp_path: Path) -> list[str]:
    """The PDF's text as pdftotext reads it, one stripped line each, blank lines dropped."""
    source = tmp_path / "form.pdf"
    source.write_bytes(pdf)
    out = subprocess.run(  # noqa: S603 - fixed tool, our own file
        [_tool("pdftotext"), "-layout", "-enc", "UTF-8", str(source), "-"],
        check=True,
        capture_output=True,
    ).stdout.decode("utf-8")
    return [" ".join(line.split()) for line in out.splitlines() if line.strip()]


def pdf_page_count(pdf: bytes, tmp_path: Path) -> int:
    source = tmp_path / "count.pdf"
    source.write_bytes(pdf)
    out = subprocess.run(  # noqa: S603
        [_tool("pdfinfo"), str(source)], check=True, capture_output=True
    ).stdout.decode()
    return int(next(line.split()[-1] for line in out.splitlines() if line.startswith("Pages:")))


def pdf_page_size_mm(pdf: bytes, tmp_path: Path) -> tuple[int, int]:
    source = tmp_path / "size.pdf"
    source.write_bytes(pdf)
    out = subprocess.run(  # noqa: S603
        [_tool("pdfinfo"), str(source)], check=True, capture_output=True
    ).stdout.decode()
    line = next(line for line in out.splitlines() if line.startswith("Page size:"))
    width, height = float(line.split()[2]), float(line.split()[4])
    return round(width / 72 * 25.4), round(height / 72 * 25.4)


def pdf_qr_codes(pdf: bytes, tmp_path: Path) -> list[str]:
    """Every QR code on the PDF's first page (rendered at 200 dpi), decoded as UTF-8 text."""
    source = tmp_path / "qr.pdf"
    source.write_bytes(pdf)
    subprocess.run(  # noqa: S603
        [
            _tool("pdftoppm"),
            "-r",
            "200",
            "-f",
            "1",
            "-l",
            "1",
            "-png",
            str(source),
            str(tmp_path / "page"),
        ],
        check=True,
        capture_output=True,
    )
    image = next(tmp_path.glob("page*.png"))
    result = subprocess.run(  # noqa: S603
        [_tool("zbarimg"), "--quiet", "--raw", "-Sbinary", str(image)],
        check=False,
        capture_output=True,
    )
    raw = result.stdout.decode("utf-8")
    return [raw.rstrip("\n")] if raw.strip() else []
