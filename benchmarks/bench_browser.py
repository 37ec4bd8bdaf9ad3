"""Cards browser (issue 14): 100,000 synthetic cards with review states in the browser's model
and table, against a bare ``QTableView`` over a ``QSortFilterProxyModel`` on a plain model of
the same rows, measured in the same run: open (model, table, first paint), sort by due, and
filter by a search. Target: at most 1x.

The cards are the real content's, copied under new ids until there are enough, each with a
random schedule (new, learning, review or relearning; due from a month ago to three months
ahead). Rows are built once, outside the timings, for both sides.
"""

from __future__ import annotations

import dataclasses
import os
import random
from datetime import UTC, datetime, timedelta
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from fsrs import State
from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtWidgets import QApplication, QTableView

from harness import Result, interleaved_medians, timed
from ocstudy import paths
from ocstudy.content.repository import ContentRepository
from ocstudy.quiz.cards import generate_cards
from ocstudy.quiz.days import StudyDay
from ocstudy.quiz.model import QuizCard
from ocstudy.quiz.scheduling import CardScheduler, CardState
from ocstudy.services.browser.query import SearchContext
from ocstudy.services.browser.rows import CardRow, build_rows
from ocstudy.services.browser.search import parse_search
from ocstudy.ui.cards.model import COLUMN_KEYS, COLUMNS, CardsModel

CARDS, QUICK_CARDS = 100_000, 5_000
REPEATS, QUICK_REPEATS = 3, 2
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
#: The search measured, and the same text for the proxy's fixed-string filter.
WORD = "protocol"
DUE = COLUMN_KEYS.index("due")


def _cards(count: int) -> list[QuizCard]:
    content = ContentRepository.open(paths.content_db_path())
    details = [content.detail(e.slug) for e in content.entities()]
    real = generate_cards(d for d in details if d is not None)
    names = {e.slug: e.short_name for e in content.entities()}
    content.close()
    _cards.names = names  # type: ignore[attr-defined]
    return [
        dataclasses.replace(real[n % len(real)], id=f"{real[n % len(real)].id}#{n}")
        for n in range(count)
    ]


def _states(cards: list[QuizCard], rng: random.Random) -> dict[str, CardState]:
    states: dict[str, CardState] = {}
    kinds = (State.Learning, State.Review, State.Review, State.Review, State.Relearning)
    for card in cards:
        if rng.random() < 0.2:
            continue  # new
        stability = rng.uniform(0.5, 200.0)
        last = NOW - timedelta(days=rng.uniform(0, 60))
        due = NOW + timedelta(days=rng.uniform(-30, 90))
        reps = rng.randint(1, 30)
        states[card.id] = CardState(
            rng.choice(kinds), None, stability, rng.uniform(1, 10), due, last, reps,
            rng.randint(0, reps // 3),
        )  # fmt: skip
    return states


class BareModel(QAbstractTableModel):
    """The baseline's model: each cell the row's plain value as text."""

    def __init__(self, rows: list[CardRow]) -> None:
        super().__init__()
        self.rows = rows
        self.fields = [CardRow._fields.index(c.field) for c in COLUMNS]

    def rowCount(self, parent: Any = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Any = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.fields)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        value = self.rows[index.row()][self.fields[index.column()]]
        if isinstance(value, datetime):
            return value.isoformat()
        return "" if value is None else str(value)


def _show(view: QTableView) -> None:
    view.resize(1200, 700)
    view.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    view.show()
    QApplication.processEvents()
    view.viewport().grab()


def run(quick: bool) -> list[Result]:
    app = QApplication.instance() or QApplication([])
    count, repeats = (QUICK_CARDS, QUICK_REPEATS) if quick else (CARDS, REPEATS)
    rng = random.Random(14)
    cards = _cards(count)
    states = _states(cards, rng)
    scheduler = CardScheduler(fuzz=False)
    rows = build_rows(
        cards, states, _cards.names, {}, lambda s: scheduler.retrievability(s, NOW),  # type: ignore[attr-defined]
        NOW, StudyDay(UTC),
    )  # fmt: skip
    context = SearchContext(lambda days, rating: frozenset())
    made: dict[str, Any] = {}

    def open_ours() -> float:
        def make() -> None:
            model = CardsModel(UTC)
            model.set_rows(rows)
            view = QTableView()
            view.setModel(model)
            view.setSortingEnabled(True)
            view.verticalHeader().hide()
            _show(view)
            if "ours" in made:
                made["ours"][0].deleteLater()
            made["ours"] = (view, model)

        return timed(make)

    def open_bare() -> float:
        def make() -> None:
            proxy = QSortFilterProxyModel()
            source = BareModel(rows)
            proxy.setSourceModel(source)
            proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            view = QTableView()
            view.setModel(proxy)
            view.setSortingEnabled(True)
            view.verticalHeader().hide()
            _show(view)
            if "bare" in made:
                made["bare"][0].deleteLater()
            made["bare"] = (view, proxy, source)

        return timed(make)

    opening = interleaved_medians(open_ours, open_bare, repeats)

    def sort_ours() -> float:
        view, model = made["ours"]
        model._sort = None
        model._keys = {}
        return timed(
            lambda: (view.sortByColumn(DUE, Qt.SortOrder.AscendingOrder), app.processEvents())
        )

    def sort_bare() -> float:
        view, proxy, _ = made["bare"]
        proxy.sort(-1)
        return timed(
            lambda: (view.sortByColumn(DUE, Qt.SortOrder.AscendingOrder), app.processEvents())
        )

    sorting = interleaved_medians(sort_ours, sort_bare, repeats)

    def filter_ours() -> float:
        model = made["ours"][1]
        model.set_matcher(None)

        def search() -> None:
            model.set_matcher(parse_search(WORD).matcher(context))
            app.processEvents()

        return timed(search)

    def filter_bare() -> float:
        proxy = made["bare"][1]
        proxy.setFilterFixedString("")

        def search() -> None:
            proxy.setFilterKeyColumn(0)
            proxy.setFilterFixedString(WORD)
            app.processEvents()

        return timed(search)

    filtering = interleaved_medians(filter_ours, filter_bare, repeats)
    for kept in made.values():
        kept[0].deleteLater()
    label = f"{count:,} cards"
    baseline = "QTableView + QSortFilterProxyModel"
    return [
        Result(f"browser: open ({label})", *opening, baseline, 1.0),
        Result(f"browser: sort by due ({label})", *sorting, baseline, 1.0),
        Result(f"browser: filter by \u201c{WORD}\u201d ({label})", *filtering, baseline, 1.0),
    ]
