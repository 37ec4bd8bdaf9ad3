"""Render the main views to PNG, offscreen, in a light and a dark palette: docs/screenshots/.

    python scripts/render_screenshots.py [OUTPUT_DIR]

Uses a throwaway data folder with one sample note, so the notes panel is not empty.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from ocstudy.app import _application, create_main_window
from ocstudy.timeline.scale import day_number
from ocstudy.ui.appearance import dark_palette

SAMPLE_NOTE = (
    "**Exam tip:** the body says 3 July 2005; footnote 9 says 3 June 2005. "
    "The record confirms **3 July 2005**.\n\n- third protocol to UNTOC\n- GA res 55/255"
)


def render(out_dir: Path) -> list[Path]:
    app = _application()
    app.setStyle("Fusion")
    light = app.palette()
    written = []
    for name, palette in (("light", light), ("dark", dark_palette())):
        app.setPalette(palette)
        with tempfile.TemporaryDirectory() as data:
            window = create_main_window(Path(data))
            window.resize(1440, 900)
            window.show()
            window.study.select("firearms-protocol")
            window.study.notes.editor.setPlainText(SAMPLE_NOTE)
            window.study.flush()
            window.study.notes.set_preview(True)
            QApplication.processEvents()
            path = out_dir / f"study-{name}.png"
            window.grab().save(str(path))
            written.append(path)
            window.show_view("timeline")
            QApplication.processEvents()
            path = out_dir / f"timeline-{name}.png"
            window.grab().save(str(path))
            written.append(path)
            assert window.timeline is not None
            view = window.timeline.view
            view.zoom_to_days(day_number(date(2000, 1, 1)), day_number(date(2005, 12, 31)))
            window.study.select("untoc")
            QApplication.processEvents()
            path = out_dir / f"timeline-2000-2005-{name}.png"
            window.grab().save(str(path))
            written.append(path)
            window.show_view("quiz")
            quiz = window.quiz
            assert quiz is not None
            quiz.start_page.mode_box.setCurrentIndex(quiz.start_page.mode_box.findData("choice"))
            quiz.start()
            for _ in range(8):  # some history for the statistics
                quiz.show_answer()
                quiz.rate(quiz.suggested_rating())
            card = quiz.card
            if card is not None and card.choices:
                quiz.pick(card.choices.index(card.answer_text))
            QApplication.processEvents()
            path = out_dir / f"quiz-{name}.png"
            window.grab().save(str(path))
            written.append(path)
            window.show_view("stats")
            QApplication.processEvents()
            path = out_dir / f"stats-{name}.png"
            window.grab().save(str(path))
            written.append(path)
            window.show_view("study")
            window.close()
    return written


if __name__ == "__main__":
    target = (
        Path(sys.argv[1])
        if len(sys.argv) > 1
        else Path(__file__).parents[1] / "docs" / "screenshots"
    )
    target.mkdir(parents=True, exist_ok=True)
    for path in render(target):
        print(path)
