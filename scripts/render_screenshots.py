"""Render the main views to PNG, offscreen, in a light and a dark palette: docs/screenshots/.

    python scripts/render_screenshots.py [OUTPUT_DIR]

Uses a throwaway data folder with one sample note, so the notes panel is not empty.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

# a 1920x1200 screen (offscreen's own is 800x800, and the window is fitted to its screen)
os.environ.setdefault(
    "QT_QPA_PLATFORM",
    f"offscreen:configfile={Path(__file__).with_name('offscreen-screen.json')}",
)

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the tests' simulated learner

from PySide6.QtWidgets import QApplication

from ocstudy import paths
from ocstudy.app import _application, create_main_window
from ocstudy.quiz.scope import Scope
from ocstudy.timeline.scale import day_number
from ocstudy.ui.window.main_window import MainWindow

SAMPLE_NOTE = (
    "**Exam tip:** the body says 3 July 2005; footnote 9 says 3 June 2005. "
    "The record confirms **3 July 2005**.\n\n- third protocol to UNTOC\n- GA res 55/255"
)


def _fixed_clock() -> datetime:
    """The same afternoon every run, so the screenshots change only when the app does."""
    return datetime(2026, 11, 29, 15, 0, tzinfo=UTC)


def _shoot(window: MainWindow, path: Path, written: list[Path]) -> None:
    QApplication.processEvents()
    window.grab().save(str(path))
    written.append(path)


def _answer_some_cards(window: MainWindow) -> None:
    """A few answers, for the statistics, and a card left answered by multiple choice."""
    quiz = window.quiz
    assert quiz is not None
    quiz.start_page.mode_box.setCurrentIndex(quiz.start_page.mode_box.findData("choice"))
    quiz.start_page.choose_scope(Scope.dates())  # dates are asked by choice
    quiz.start()
    for _ in range(8):
        quiz.show_answer()
        quiz.rate(quiz.suggested_rating())
    card = quiz.card
    if card is not None and card.choices:
        quiz.pick(card.choices.index(card.answer_text))


def _show_cards(window: MainWindow) -> None:
    """The cards browser at 1280x820, its sidebar open: a search, a flagged, a suspended and
    a tagged card, and a card where the paper is wrong."""
    window.resize(1280, 820)
    window.show_view("cards")
    cards = window.cards
    assert cards is not None
    cards.search.setText("entity:firearms-protocol or rated:1")
    cards.run_search()
    ids = cards.model.card_ids()
    differs = next(
        (i for i in ids if (c := cards.service.catalogue.card(i)) and c.paper_notes),
        None,
    )
    if len(ids) > 3:  # as a learner marks them
        actions = cards.card_actions.actions
        actions.flag([ids[1]], 1)
        actions.toggle_suspend([ids[2]])
        actions.add_tags([ids[1], *([differs] if differs else [])], ["exam", "weak-dates"])
        cards.refresh()
    cards.select(differs)


def _shoot_add_card(window: MainWindow, path: Path, written: list[Path]) -> None:
    """The Add card dialog on the Smuggling of Migrants Protocol, both sides previewed."""
    window.show_view("study")
    window.study.select("smuggling-protocol")
    dialog = window.own_cards.add_card()
    dialog.front.setPlainText("Which **three** Protocols supplement UNTOC?")
    dialog.back.setPlainText(
        "1. Trafficking in persons (2000)\n2. Smuggling of migrants (2000)\n"
        "3. *Firearms* (2001)\n\nSee [UNODC](https://www.unodc.org)."
    )
    dialog.update_previews()
    dialog.resize(900, 560)
    QApplication.processEvents()
    dialog.grab().save(str(path))
    written.append(path)
    dialog.discard()  # the sample text is not the learner's: close without asking


def _shoot_sheet(out_dir: Path, written: list[Path]) -> None:
    """Page 2 of the Firearms revision sheet (the chronology, the timeline figure), as
    pdftoppm (poppler-utils) draws it at 100 dpi; skipped, saying so, without pdftoppm."""
    from ocstudy.content.repository import ContentRepository
    from ocstudy.services.sheet import SheetAssembler, SheetRequest
    from ocstudy.ui.sheet.pdf import write_sheet_pdf

    if shutil.which("pdftoppm") is None:
        print("pdftoppm (poppler-utils) is missing: sheet-page.png not rendered", file=sys.stderr)
        return
    content = ContentRepository.open(paths.content_db_path())
    sheet = SheetAssembler(content).assemble(SheetRequest("theme", "firearms"), date(2026, 11, 29))
    with tempfile.TemporaryDirectory() as folder:
        pdf = Path(folder) / "sheet.pdf"
        write_sheet_pdf(sheet, pdf)
        command = ["pdftoppm", "-r", "100", "-png", "-singlefile", "-f", "2", "-l", "2"]
        subprocess.run([*command, str(pdf), str(out_dir / "sheet-page")], check=True)
    content.close()
    written.append(out_dir / "sheet-page.png")


def _shoot_stats(out_dir: Path, name: str, written: list[Path]) -> None:
    """The statistics of a learner 150 days into the deck (80 cards, about 1,300 answers, made
    with the tests' simulated learner), over a year: the page's top and its charts at
    1280x820, and the top at 1024x640."""
    from tests.services.review.review_log import record_history

    from ocstudy.content.repository import ContentRepository
    from ocstudy.services.review.quiz import QuizService
    from ocstudy.userdata.database import open_user_database
    from ocstudy.userdata.reviews import ReviewStore

    with tempfile.TemporaryDirectory() as data:
        folder = Path(data)
        content = ContentRepository.open(paths.content_db_path())
        store = ReviewStore(open_user_database(folder))
        ids = [card.id for card in QuizService.open(content, store).catalogue.cards()][:80]
        record_history(store, ids, _fixed_clock() - timedelta(days=150), days=149, new_per_day=4)
        store.database.close()
        content.close()
        window = create_main_window(folder, clock=_fixed_clock, fuzz=False, seed=2026)
        window.menus.set_theme(name)
        window.resize(1280, 820)
        window.show()
        window.show_view("stats")
        stats = window.stats
        assert stats is not None
        stats.controls.set_time_range("year")
        _shoot(window, out_dir / f"stats-{name}.png", written)
        area = stats.page_area
        area.verticalScrollBar().setValue(stats.buttons.y() - 8)
        _shoot(window, out_dir / f"stats-charts-{name}.png", written)
        window.resize(1024, 640)
        area.verticalScrollBar().setValue(0)
        _shoot(window, out_dir / f"stats-1024x640-{name}.png", written)
        window.close()
        window.deleteLater()


def render(out_dir: Path) -> list[Path]:
    _application()
    written: list[Path] = []
    for name in ("light", "dark"):
        with tempfile.TemporaryDirectory() as data:
            window = create_main_window(Path(data), clock=_fixed_clock, fuzz=False, seed=2026)
            window.menus.set_theme(name)  # View > Appearance, as a user would choose
            window.resize(1280, 820)
            window.show()
            window.study.select("firearms-protocol")
            window.study.notes.editor.setPlainText(SAMPLE_NOTE)
            window.study.flush()
            window.study.notes.set_preview(True)
            _shoot(window, out_dir / f"study-{name}.png", written)
            window.resize(1024, 640)  # a small laptop's screen
            _shoot(window, out_dir / f"study-1024x640-{name}.png", written)
            window.resize(1280, 820)
            window.study.search_box.setText("illicit trafficking")
            window.study._run_search()
            window.study.select("firearms-protocol")
            _shoot(window, out_dir / f"search-{name}.png", written)
            window.study.search_box.clear()
            window.study._run_search()
            window.show_view("timeline")
            _shoot(window, out_dir / f"timeline-{name}.png", written)
            assert window.timeline is not None
            first, last = day_number(date(2000, 1, 1)), day_number(date(2005, 12, 31))
            window.timeline.view.zoom_to_days(first, last)
            window.study.select("untoc")
            window.timeline.view.select_item("untoc:event:entry_into_force")
            _shoot(window, out_dir / f"timeline-2000-2005-{name}.png", written)
            window.resize(1024, 640)  # a small laptop's screen
            _shoot(window, out_dir / f"timeline-1024x640-{name}.png", written)
            window.resize(1280, 820)
            window.show_view("quiz")
            _shoot(window, out_dir / f"quiz-start-{name}.png", written)
            _answer_some_cards(window)
            _shoot(window, out_dir / f"quiz-{name}.png", written)
            window.resize(1024, 640)
            _shoot(window, out_dir / f"quiz-1024x640-{name}.png", written)
            window.resize(1280, 820)
            _shoot_stats(out_dir, name, written)
            _show_cards(window)
            _shoot(window, out_dir / f"cards-{name}.png", written)
            window.resize(1024, 640)  # a small laptop's screen
            _shoot(window, out_dir / f"cards-1024x640-{name}.png", written)
            _shoot_add_card(window, out_dir / f"add-card-{name}.png", written)
            window.resize(1280, 820)
            window.show_view("study")
            window.close()
            window.deleteLater()
    _shoot_sheet(out_dir, written)
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
