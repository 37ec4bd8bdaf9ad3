"""Help > Keyboard shortcuts: every shortcut of the window's actions, and the keys each view
understands, in one searchable table that says where each key works.

"Everywhere" means in every view, whatever has the focus: the view keys (Alt+1...5) are
such keys, so that Ctrl+1...7 can flag a card in the quiz and the cards browser, as in Anki."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QAction, QKeySequence, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

EVERYWHERE = "Everywhere"
#: Where a window action's key does something, by the action's name (any other: everywhere).
ACTION_PLACES: dict[str, str] = {
    "undoTypingAction": "Study: the note editor",
    "redoTypingAction": "Study: the note editor",
    "nextMatchAction": "Study",
    "previousMatchAction": "Study",
    "backAction": "Study",
    "forwardAction": "Study",
    "groupByKindAction": "Study",
    "groupByThemeAction": "Study",
    "previewAction": "Study",
    "deleteNoteAction": "Study",
    "undoDeleteNoteAction": "Study",
}
#: The order of the places in the table.
PLACES = (EVERYWHERE, "Study", "Timeline", "Quiz", "Statistics", "Cards")
HINT = (
    "Where says where a key works: Everywhere is in every view, whatever has the focus. "
    "Alt+1 \u2026 Alt+5 switch views everywhere; Ctrl+1 \u2026 Ctrl+7 flag a card in the "
    "quiz and the cards browser, as in Anki."
)

#: Keys that are not menu actions: they belong to one view.
VIEW_KEYS: tuple[tuple[str, str, str], ...] = (
    ("Study", "Escape (in the search field)", "Clear the search"),
    ("Study", "Down or Enter (in the search field)", "Go to the first match"),
    ("Study", "Tab, then Enter (in the details)", "Follow a link to another entry"),
    ("Timeline", "+ / \u2212, Ctrl+wheel, pinch", "Zoom in / out, under the mouse"),
    ("Timeline", "0 or Home", "Fit the whole timeline"),
    ("Timeline", "Z", "Zoom to the selected entry's events"),
    ("Timeline", "\u2190 \u2192 or [ ]", "Previous / next event in time"),
    ("Timeline", "Shift+\u2190 \u2192, wheel, drag", "Pan"),
    ("Timeline", "Enter, double-click", "Open the event's entry in the study view"),
    (
        "Quiz",
        "Space or Enter",
        "Show the answer, or check a typed answer or an order (with none given: I don't "
        "know, suggests Again), then accept the suggested rating",
    ),
    ("Quiz", "1 2 3 4", "Pick an option; after the answer: Again / Hard / Good / Easy"),
    ("Quiz", "Alt+\u2191 / Alt+\u2193", "Move an event when putting events in order"),
    ("Quiz", "U or Ctrl+Z", "Undo the last answer"),
    ("Quiz", "E", "Open the card's entry in the study view"),
    ("Quiz", "Escape", "End the session"),
    ("Quiz", "\u2212 / @", "Bury the card until tomorrow / suspend it (not while typing)"),
    ("Quiz", "Ctrl+1 \u2026 Ctrl+7, Ctrl+0", "Flag the card on screen / no flag"),
    ("Quiz", "I", "Card info for the card on screen"),
    ("Quiz", "C (on the start page)", "Custom study: forgotten, ahead, new, a theme, a search"),
    (
        "Cards",
        "Enter, double-click",
        "Open the selected card's entry in the study view (Enter on your own card edits it)",
    ),
    ("Cards", "Ctrl+Delete", "Delete your own card (asks first)"),
    ("Cards", "Ctrl+Shift+I", "Card info: every answer to the selected card"),
    ("Cards", "Right-click a column title", "Choose the columns"),
    ("Cards", "Ctrl+J", "Suspend / unsuspend the selected cards"),
    ("Cards", "Ctrl+Shift+J", "Bury the selected cards until tomorrow"),
    ("Cards", "Ctrl+1 \u2026 Ctrl+7, Ctrl+0 (in the table)", "Flag the selected cards / no flag"),
    ("Cards", "Ctrl+Shift+T", "Add tags to the selected cards (Ctrl+Shift+A adds a card)"),
    ("Cards", "Ctrl+Alt+Shift+T", "Remove tags from the selected cards"),
    ("Cards", "Ctrl+Shift+R", "Show or hide the sidebar"),
    (
        "Cards",
        "Click, Ctrl+click, Shift+click, Alt+click (in the sidebar)",
        "Search for the item; add it to the search (and); or; leave its cards out",
    ),
    ("Cards", "Ctrl+Alt+N", "Forget the selected cards: new again (asks)"),
    ("Cards", "Ctrl+Shift+D", "Set the due date of the selected cards"),
    ("Cards", "Ctrl+Z", "Undo the last action on cards (also your own card's delete or edit)"),
)


def shortcut_rows(actions: Iterable[QAction]) -> list[tuple[str, str, str]]:
    """(where, keys, what) for the window's actions with a shortcut and the views' own keys:
    everywhere first (the view keys in their order), then by view. A view's own actions (the
    cards browser's) are among its keys."""
    rows: dict[tuple[str, str, str], tuple[bool, str]] = {}
    for action in actions:
        name = action.objectName()
        window_wide = action.shortcutContext() == Qt.ShortcutContext.WindowShortcut
        keys = ", ".join(
            k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()
        )
        if keys and (window_wide or name in ACTION_PLACES):
            what = action.text().replace("&", "").rstrip("\u2026")
            view_key = name.startswith("view_")
            if view_key:
                what = f"Switch to the {what} view"
            row = (ACTION_PLACES.get(name, EVERYWHERE), keys, what)
            rows[row] = (not view_key, keys if view_key else what)
    ordered = sorted(rows, key=rows.__getitem__) + list(VIEW_KEYS)
    return sorted(ordered, key=lambda row: _place_rank(row[0]))


def _place_rank(where: str) -> int:
    first = where.split(":")[0].split(",")[0]
    return PLACES.index(first) if first in PLACES else len(PLACES)


class ShortcutsDialog(QDialog):
    def __init__(self, actions: Iterable[QAction], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle("Keyboard shortcuts")
        self.setAccessibleName("Keyboard shortcuts")
        self.model = QStandardItemModel(0, 3, self)
        self.model.setHorizontalHeaderLabels(["Where", "Keys", "What it does"])
        for row in shortcut_rows(actions):
            self.model.appendRow([QStandardItem(cell) for cell in row])
        proxy = QSortFilterProxyModel(self)
        proxy.setSourceModel(self.model)
        proxy.setFilterKeyColumn(-1)
        proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        search = QLineEdit(self)
        search.setObjectName("shortcutsSearch")
        search.setPlaceholderText("Filter")
        search.setAccessibleName("Filter the shortcuts")
        search.textChanged.connect(proxy.setFilterFixedString)
        hint = QLabel(HINT, self)
        hint.setObjectName("shortcutsWhere")
        hint.setWordWrap(True)
        self.table = QTableView(self)
        self.table.setObjectName("shortcutsTable")
        self.table.setModel(proxy)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(search)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(680, 560)
