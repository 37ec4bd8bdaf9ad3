"""Revision sheets (issue 15): the whole content's sheet, from the content to the PDF on disk
(assembling, laying out the body and the contents, the timeline figures, page footers),
against Qt printing the same HTML (body and contents) with ``QTextDocument.print_`` alone,
measured in the same run. Target: at most 1.5x. A theme's sheet is reported for information
(the issue asks for under a second on this machine)."""

from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QPageSize, QPdfWriter, QTextDocument
from PySide6.QtWidgets import QApplication

from harness import Result, interleaved_medians, timed
from ocstudy import paths
from ocstudy.content.repository import ContentRepository
from ocstudy.render.sheet import SheetHtml, contents_html
from ocstudy.services.sheet import SheetAssembler, SheetRequest
from ocstudy.ui.sheet.pdf import DPI, markdown_html, print_font, write_sheet_pdf

TODAY = date(2026, 12, 1)


def _ours(content: ContentRepository, request: SheetRequest, target: Path) -> float:
    def work() -> None:
        sheet = SheetAssembler(content).assemble(request, TODAY)
        write_sheet_pdf(sheet, target)

    return timed(work)


def _same_html(content: ContentRepository, request: SheetRequest) -> str:
    sheet = SheetAssembler(content).assemble(request, TODAY)
    body = SheetHtml(markdown_html, 2100).body(sheet)
    return contents_html(sheet, {}) + body


def _qt_alone(html: str, target: Path) -> float:
    def work() -> None:
        document = QTextDocument()
        document.setDefaultFont(print_font())
        document.setHtml(html)
        writer = QPdfWriter(str(target))
        writer.setResolution(DPI)
        writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        document.print_(writer)
        del writer  # the file is complete once the writer is gone

    return timed(work)


def run(quick: bool) -> list[Result]:
    QApplication.instance() or QApplication([])
    repeats = 3 if quick else 9
    content = ContentRepository.open(paths.content_db_path())
    results = []
    with tempfile.TemporaryDirectory() as folder:
        ours_pdf, qt_pdf = Path(folder) / "ours.pdf", Path(folder) / "qt.pdf"
        for name, request, target in (
            ("sheet: whole content to PDF", SheetRequest("all"), 1.5),
            ("sheet: one theme (drugs) to PDF", SheetRequest("theme", "drugs"), None),
        ):
            html = _same_html(content, request)
            ours, baseline = interleaved_medians(
                lambda r=request: _ours(content, r, ours_pdf),
                lambda h=html: _qt_alone(h, qt_pdf),
                repeats,
            )
            results.append(
                Result(name, ours, baseline, "QTextDocument.print_ of the same HTML", target)
            )
    content.close()
    return results
