"""Reading the sheets' PDFs with poppler-utils (pdftotext, pdfinfo, pdffonts, pdftoppm), as a
student's PDF viewer would; the tests that need them skip, saying so, where they are missing
(.ci/run installs them)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

POPPLER = ("pdftotext", "pdfinfo", "pdffonts", "pdftoppm")
needs_poppler = pytest.mark.skipif(
    any(shutil.which(tool) is None for tool in POPPLER),
    reason="poppler-utils (pdftotext, pdfinfo, pdffonts, pdftoppm) is not installed: "
    "apt-get install poppler-utils",
)


def pdf_pages(path: Path, *, layout: bool = False) -> list[str]:
    """The text of each page, as pdftotext extracts it."""
    args = ["pdftotext", *(["-layout"] if layout else []), str(path), "-"]
    text = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1]


def flat(text: str) -> str:
    """Whitespace folded to single spaces (table cells wrap)."""
    return " ".join(text.split())


def pdf_info(path: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return dict(
        (key.strip(), value.strip())
        for key, _, value in (line.partition(":") for line in out.stdout.splitlines())
    )


def footer_pages(pages: list[str]) -> list[tuple[int, int]]:
    found = []
    for text in pages:
        match = re.search(r"page (\d+) of (\d+)", text)
        assert match, f"no page number on a page: {text[-200:]!r}"
        found.append((int(match.group(1)), int(match.group(2))))
    return found


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ocstudy", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=120,
    )
