"""The browser's columns: which are shown and how they are sorted, both remembered, and their
widths, which leave the question the room.

The question's column stretches; the other columns shown have the width their titles and
values want, narrowed on a small window (down to their titles) so that the question keeps at
least :data:`QUESTION_SHARE` of the table (at 1024x640 it had about 80 px). A column the
learner widens or narrows by hand keeps its width from then on.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QSettings, Qt
from PySide6.QtWidgets import QHeaderView, QMenu, QTableView

from ocstudy.ui.cards.model import COLUMN_KEYS, COLUMNS

#: The least share of the table's width the question keeps while other columns can narrow.
QUESTION_SHARE = 0.42
#: The width each column wants, in average characters (the due date is measured).
WANTED_CHARS = {
    "answer": 26,
    "entity": 18,
    "theme": 18,
    "kind": 20,
    "state": 18,
    "flag": 10,
    "tags": 12,
}
DEFAULT_CHARS = 8
#: What a column must show whole however narrow the window (its title otherwise): a due
#: date, a flag's swatch with its number and name, the word "suspended".
LEAST_SAMPLES = {"due": "2026-12-31", "flag": "\u25a0 7 Purple", "state": "suspended"}
QUESTION = COLUMN_KEYS.index("question")


class CardColumns(QObject):
    def __init__(self, table: QTableView, settings: QSettings) -> None:
        super().__init__(table)
        self.table = table
        self._settings = settings
        self._dragging = False
        self._by_hand: set[int] = set()
        header = table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setStretchLastSection(False)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self.menu)
        header.sortIndicatorChanged.connect(self._sort_changed)
        header.sectionResized.connect(self._resized)
        header.sectionHandleDoubleClicked.connect(self._by_hand.add)
        self._header_area, self._table_area = header.viewport(), table.viewport()
        self._header_area.installEventFilter(self)
        self._table_area.installEventFilter(self)
        self._restore()

    # -- which columns, and the sort --------------------------------------------------------

    def menu(self, position: QPoint) -> QMenu:
        header = self.table.horizontalHeader()
        menu = QMenu(self.table)
        menu.setObjectName("cardsColumnsMenu")
        for section, column in enumerate(COLUMNS):
            action = menu.addAction(column.title)
            action.setObjectName(f"cardsColumn_{column.key}")
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(section))
            action.toggled.connect(lambda shown, s=section: self.show_column(s, shown))
        menu.popup(header.mapToGlobal(position))
        return menu

    def show_column(self, section: int, shown: bool) -> None:
        header = self.table.horizontalHeader()
        if not shown and header.count() - header.hiddenSectionCount() <= 1:
            return  # the last column shown stays
        header.setSectionHidden(section, not shown)
        hidden = [c.key for s, c in enumerate(COLUMNS) if header.isSectionHidden(s)]
        self._settings.setValue("cards/hidden", ",".join(hidden) or "-")
        self.fit()

    def _sort_changed(self, section: int, order: Qt.SortOrder) -> None:
        direction = "desc" if order == Qt.SortOrder.DescendingOrder else "asc"
        self._settings.setValue("cards/sort", f"{COLUMNS[section].key}:{direction}")

    def _restore(self) -> None:
        header = self.table.horizontalHeader()
        saved = str(self._settings.value("cards/hidden", ""))
        hidden = set(saved.split(",")) if saved else {c.key for c in COLUMNS if not c.shown}
        for section, column in enumerate(COLUMNS):
            header.setSectionHidden(section, column.key in hidden)
            header.resizeSection(section, self.wanted(section))
        header.setSectionResizeMode(QUESTION, QHeaderView.ResizeMode.Stretch)
        key, _, direction = str(self._settings.value("cards/sort", "due:asc")).partition(":")
        section = COLUMN_KEYS.index(key) if key in COLUMN_KEYS else COLUMN_KEYS.index("due")
        order = Qt.SortOrder.DescendingOrder if direction == "desc" else Qt.SortOrder.AscendingOrder
        header.setSortIndicator(section, order)

    # -- widths -----------------------------------------------------------------------------

    def least(self, section: int) -> int:
        """The narrowest a column gets by itself: its title, with room for the sort arrow,
        or what it must show whole (``LEAST_SAMPLES``)."""
        title = (
            self.table.horizontalHeader().fontMetrics().horizontalAdvance(COLUMNS[section].title)
        )
        sample = LEAST_SAMPLES.get(COLUMNS[section].key, "")
        return max(title + 28, self.table.fontMetrics().horizontalAdvance(sample) + 16)

    def wanted(self, section: int) -> int:
        """The width a column has when there is room: its values', at least its least."""
        chars = WANTED_CHARS.get(COLUMNS[section].key, DEFAULT_CHARS)
        return max(self.least(section), self.table.fontMetrics().averageCharWidth() * chars)

    def fit(self) -> None:
        """Share the table's width: the question keeps its share; the other columns shown
        get what they want if there is room, else narrow towards their titles, each as much
        as it has to spare. Columns set by hand are left as they are."""
        header = self.table.horizontalHeader()
        room = self.table.viewport().width()
        sections = [
            s
            for s in range(header.count())
            if s != QUESTION and not header.isSectionHidden(s) and s not in self._by_hand
        ]
        if room <= 0 or not sections:
            return
        fixed = sum(header.sectionSize(s) for s in self._by_hand if not header.isSectionHidden(s))
        spare = room - round(room * QUESTION_SHARE) - fixed
        wanted = {s: self.wanted(s) for s in sections}
        least = {s: min(self.least(s), wanted[s]) for s in sections}
        slack = sum(wanted.values()) - sum(least.values())
        give = min(1.0, max(0.0, (spare - sum(least.values())) / slack)) if slack else 1.0
        for s in sections:
            header.resizeSection(s, least[s] + round((wanted[s] - least[s]) * give))

    def _resized(self, section: int, _old: int, _new: int) -> None:
        """A column the learner drags to a width keeps it (the question's stretches)."""
        if self._dragging and section != QUESTION:
            self._by_hand.add(section)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self._table_area and kind == QEvent.Type.Resize:
            self.fit()
        elif watched is self._header_area:
            if kind == QEvent.Type.MouseButtonPress:
                self._dragging = True
            elif kind == QEvent.Type.MouseButtonRelease:
                self._dragging = False
        return super().eventFilter(watched, event)
