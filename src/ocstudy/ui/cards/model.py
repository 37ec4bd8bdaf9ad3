"""The cards table's model: one row per card id, values formatted only when Qt asks.

The model holds plain :class:`~ocstudy.services.browser.rows.CardRow` tuples and the list of
rows shown (filtered, then sorted on keys computed once per column), so sorting or filtering
100,000 cards calls no service and formats no cell that is not on screen. A flagged or
suspended card's row is shaded (``row_colors.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta, tzinfo
from typing import Any, NamedTuple

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QGuiApplication, QPixmap

from ocstudy.quiz.scheduling import format_interval
from ocstudy.services.browser.actions import FLAG_NAMES
from ocstudy.services.browser.kinds import kind_words
from ocstudy.services.browser.query import Matcher
from ocstudy.services.browser.rows import CardRow
from ocstudy.ui.cards.row_colors import row_background
from ocstudy.ui.common.long_text import cell_text
from ocstudy.ui.common.palette import flag_color

CARD_ID_ROLE = Qt.ItemDataRole.UserRole + 1
ENTITY_ROLE = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex


class Column(NamedTuple):
    key: str
    title: str
    #: The row field it shows (and sorts by).
    field: str
    numeric: bool = False
    shown: bool = True  # by default


def _interval(days: float | None) -> str:
    return "" if days is None else format_interval(timedelta(days=days))


def _text(value: Any) -> str:
    return "" if value is None else str(value)


#: Shown by default: what the question needs beside it to be browsed (Anki shows four); the
#: rest (the learner's tags among them, which the card's pane and the sidebar show) is a
#: right-click on a column title away.
COLUMNS: tuple[Column, ...] = (
    Column("question", "Question", "question"),
    Column("answer", "Answer", "answer"),
    Column("entity", "Entry", "entity"),
    Column("theme", "Theme", "theme", shown=False),
    Column("kind", "Kind", "kind"),
    Column("tier", "Tier", "tier", shown=False),
    Column("from", "From", "origin", shown=False),
    Column("state", "State", "state"),
    Column("due", "Due", "due", numeric=True),
    Column("interval", "Interval", "interval", numeric=True, shown=False),
    Column("stability", "Stability", "stability", numeric=True, shown=False),
    Column("difficulty", "Difficulty", "difficulty", numeric=True, shown=False),
    Column("retrievability", "Retrievability", "retrievability", numeric=True, shown=False),
    Column("reviews", "Reviews", "reps", numeric=True, shown=False),
    Column("lapses", "Lapses", "lapses", numeric=True, shown=False),
    Column("flag", "Flag", "flag"),
    Column("tags", "Tags", "tags", shown=False),
    Column("origin", "Own / generated", "own", shown=False),
)
COLUMN_KEYS = tuple(column.key for column in COLUMNS)
_MARK_ROLES = (
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.DecorationRole,
)
_SWATCHES: dict[str, QPixmap] = {}
#: The columns sorted by the words they show, not by the value behind them.
_SORTED_AS_SHOWN = frozenset({"kind", "tags"})


def tags_text(tags: tuple[str, ...]) -> str:
    return " ".join(tags)


def state_text(row: CardRow) -> str:
    """The state column: the schedule's state, after a suspension or burial, and a leech."""
    marks = [name for name, on in (("suspended", row.suspended), ("buried", row.buried)) if on]
    text = " · ".join([*marks, row.state])
    return f"{text} · leech" if row.leech else text


def _swatch(color: str) -> QPixmap:
    if color not in _SWATCHES:
        pixmap = QPixmap(12, 12)
        pixmap.fill(QColor(color))
        _SWATCHES[color] = pixmap
    return _SWATCHES[color]


def _mark_data(row: CardRow, field: str, role: int) -> Any:
    """The state and flag columns: words first (a reader, a colour-blind learner), and the
    flag's colour as a swatch beside them, from the palette (dark mode reads)."""
    if field == "state":
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return state_text(row)
        return None
    if not row.flag:
        return None
    if role == Qt.ItemDataRole.DecorationRole:
        return _swatch(flag_color(row.flag, QGuiApplication.palette()))
    return f"{row.flag} {FLAG_NAMES[row.flag]}"


_POSITIONS = {name: position for position, name in enumerate(CardRow._fields)}


_CELL_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class CardsModel(QAbstractTableModel):
    def __init__(self, tz: tzinfo, parent: Any = None) -> None:
        super().__init__(parent)
        self._tz = tz
        self._rows: list[CardRow] = []
        self._positions: dict[str, int] = {}
        self._shown: list[int] = []
        self._keys: dict[int, list[Any]] = {}
        self._matcher: Matcher | None = None
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._formats: dict[str, Callable[[Any], str]] = {
            "due": self._date,
            "interval": lambda days: (
                format_interval(timedelta(days=days)) if days is not None else ""
            ),
            "stability": lambda days: f"{days:.1f}d" if days is not None else "",
            "difficulty": lambda value: f"{value:.1f}" if value is not None else "",
            "retrievability": lambda value: f"{value:.0%}" if value is not None else "",
            "own": lambda own: "own" if own else "generated",
            "kind": kind_words,
            "tags": tags_text,
            "question": cell_text,  # a card's whole text, measured to elide it, took seconds
            "answer": cell_text,
        }

    # -- content ----------------------------------------------------------------------------

    def set_rows(self, rows: list[CardRow]) -> None:
        """Show ``rows`` (the current filter and sort still apply)."""
        self.beginResetModel()
        self._rows = rows
        self._positions = {row.id: i for i, row in enumerate(rows)}
        self._keys = {}
        self._shown = self._filtered()
        self._apply_sort()
        self.endResetModel()

    def update_rows(self, rows: list[CardRow]) -> list[CardRow]:
        """Show ``rows`` in place of the rows with their ids (each must be in the model): only
        those cells are read again; the sort moves them if their key changed. The rows they
        replace. (Whether they still match the search is the view's to ask.)"""
        replaced, moved = [], False
        for row in rows:
            position = self._positions[row.id]
            replaced.append(self._rows[position])
            self._rows[position] = row
            for column, keys in self._keys.items():
                key = self._key(COLUMNS[column].field, row[_POSITIONS[COLUMNS[column].field]])
                sorted_by = self._sort is not None and column == self._sort[0]
                moved |= sorted_by and key != keys[position]
                keys[position] = key
        if moved:
            assert self._sort is not None
            self.sort(*self._sort)
        changed = {self._positions[row.id] for row in rows}
        last = self.columnCount() - 1
        for shown_row, position in enumerate(self._shown):
            if position in changed:
                self.dataChanged.emit(self.index(shown_row, 0), self.index(shown_row, last))
        return replaced

    def matches(self, row: CardRow) -> bool:
        """Whether the search shown accepts ``row``."""
        return self._matcher is None or self._matcher(row)

    def set_matcher(self, matcher: Matcher | None) -> None:
        """Show only the rows ``matcher`` accepts (None: all)."""
        self.beginResetModel()
        self._matcher = matcher
        self._shown = self._filtered()
        self._apply_sort()
        self.endResetModel()

    def _filtered(self) -> list[int]:
        matcher = self._matcher
        if matcher is None:
            return list(range(len(self._rows)))
        return [i for i, row in enumerate(self._rows) if matcher(row)]

    def rows(self) -> list[CardRow]:
        """Every card's row, shown or not."""
        return self._rows

    @property
    def total(self) -> int:
        return len(self._rows)

    def card_id(self, row: int) -> str:
        return self._rows[self._shown[row]].id

    def card_ids(self) -> list[str]:
        """The ids shown, in order."""
        rows = self._rows
        return [rows[i].id for i in self._shown]

    def row_of(self, card_id: str) -> int | None:
        """Where the card is shown (None: not shown)."""
        position = self._positions.get(card_id)
        if position is None:
            return None
        try:
            return self._shown.index(position)
        except ValueError:
            return None

    def card_row(self, card_id: str) -> CardRow | None:
        position = self._positions.get(card_id)
        return None if position is None else self._rows[position]

    # -- Qt ---------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[self._shown[index.row()]]
        column = COLUMNS[index.column()]
        if column.field in ("state", "flag") and role in _MARK_ROLES:
            return _mark_data(row, column.field, role)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            value = row[_POSITIONS[column.field]]
            return self._formats.get(column.field, _text)(value)
        if role == Qt.ItemDataRole.BackgroundRole:
            shaded = row.flag or row.suspended
            return row_background(row, QGuiApplication.palette()) if shaded else None
        if role == CARD_ID_ROLE:
            return row.id
        if role == ENTITY_ROLE:
            return row.entity_slugs[0] if row.entity_slugs else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column.numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section].title
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        # Qt asks once a selected cell when the window's activation changes (a dialog opens):
        # 50,000 times for 5,000 selected rows; the flags are made once, not per call
        return _CELL_FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    # -- sorting ----------------------------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        self._sort = (column, order)
        persistent = self.persistentIndexList()
        ids = [self.card_id(index.row()) for index in persistent]
        self._apply_sort()
        positions = {card_id: row for row, card_id in enumerate(self.card_ids())}
        self.changePersistentIndexList(
            persistent,
            [
                self.index(positions[card_id], index.column())
                for card_id, index in zip(ids, persistent, strict=True)
            ],
        )
        self.layoutChanged.emit()

    def _apply_sort(self) -> None:
        """Sort the shown rows by the chosen column; empty values (a new card's due) last,
        whichever the direction; ties in card order."""
        if self._sort is None:
            return
        column, order = self._sort
        keys = self._sort_keys(column)
        shown = sorted(self._shown)
        present = [i for i in shown if keys[i] is not None]
        missing = [i for i in shown if keys[i] is None]
        present.sort(key=keys.__getitem__, reverse=order == Qt.SortOrder.DescendingOrder)
        self._shown = present + missing

    def _sort_keys(self, column: int) -> list[Any]:
        if column not in self._keys:
            field = COLUMNS[column].field
            position = _POSITIONS[field]
            self._keys[column] = [self._key(field, row[position]) for row in self._rows]
        return self._keys[column]

    def _key(self, field: str, value: Any) -> Any:
        """What a cell sorts by: the words shown for some columns, text without case."""
        if field in _SORTED_AS_SHOWN:
            return self._formats[field](value).casefold() or None
        return value.casefold() if isinstance(value, str) else value

    def _date(self, moment: datetime | None) -> str:
        return "" if moment is None else moment.astimezone(self._tz).strftime("%Y-%m-%d")
