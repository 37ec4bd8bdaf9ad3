"""The card dialog's entry and themes fields.

The entry (``cardEntity``): "(none)" and every entry by name; a typed name completes, and a
whole name, a short name or a key in any case counts as that entry. The themes
(``cardThemes``): every theme, checkable. Editing a card filed under an entry or themes the
content does not know (an imported card's), those are listed, marked "not in this content",
so that saving keeps them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QListWidget, QListWidgetItem, QWidget

NO_ENTRY = "(none)"
NOT_IN_CONTENT = "(not in this content)"
KEY_ROLE = Qt.ItemDataRole.UserRole


class EntryBox(QComboBox):
    def __init__(
        self, entries: list[tuple[str, str]], *, keep_unknown: bool, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.keep_unknown = keep_unknown
        self.setObjectName("cardEntity")
        self.setAccessibleName("The entry the card belongs to")
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        # long entry names must not widen the dialog
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(30)
        self.addItem(NO_ENTRY, None)
        for slug, name in entries:
            self.addItem(name, slug)
        completer = self.completer()
        assert completer is not None
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def typed_index(self) -> int:
        """The list's entry the field names: its whole name, its short name or its key, in
        any case; -1 for none of them."""
        text = self.currentText().strip()
        index = self.findText(text, Qt.MatchFlag.MatchFixedString)
        if index >= 0:
            return index
        wanted = text.casefold()
        for row in range(1, self.count()):
            short = self.itemText(row).split(" \u2014 ")[0]
            if wanted in (short.casefold(), str(self.itemData(row)).casefold()):
                return row
        return -1

    def slug(self) -> str | None:
        """The chosen entry; a typed name that matches one counts as that one."""
        index = self.typed_index()
        data = self.itemData(index) if index >= 0 else None
        return str(data) if data else None

    def choose(self, slug: str | None) -> None:
        """Choose the entry ``slug``; one the content does not know is listed (marked so) and
        chosen when ``keep_unknown``, else "(none)" is."""
        index = self.findData(slug) if slug else 0
        if index < 0 and slug and self.keep_unknown:
            self.addItem(f"{slug} {NOT_IN_CONTENT}", slug)
            index = self.count() - 1
        self.setCurrentIndex(max(0, index))
        self.show_start()

    def show_start(self) -> None:
        """A long name shows from its start."""
        line = self.lineEdit()
        if line is not None:
            line.setCursorPosition(0)

    def problem(self) -> str | None:
        """A typed entry that is none of the list's (it would silently file the card under
        no entry)."""
        text = self.currentText().strip()
        if text and self.typed_index() < 0:
            return f"No entry is called \u201c{text}\u201d: pick one from the list, or {NO_ENTRY}."
        return None


class ThemeList(QListWidget):
    def __init__(
        self, themes: list[tuple[str, str]], *, keep_unknown: bool, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.keep_unknown = keep_unknown
        self.setObjectName("cardThemes")
        self.setAccessibleName("The card's themes")
        for key, label in themes:
            self._add(key, label, Qt.CheckState.Unchecked)
        self._fit()

    def _add(self, key: str, label: str, state: Qt.CheckState) -> None:
        item = QListWidgetItem(label, self)
        item.setData(KEY_ROLE, key)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(state)

    def _fit(self) -> None:
        """Tall enough for every theme: no scrolling in a list this short."""
        rows = max(1, self.count())
        self.setFixedHeight(self.sizeHintForRow(0) * rows + 2 * self.frameWidth() + 4)

    def checked(self) -> tuple[str, ...]:
        items = (self.item(row) for row in range(self.count()))
        return tuple(
            str(item.data(KEY_ROLE)) for item in items if item.checkState() == Qt.CheckState.Checked
        )

    def tick(self, keys: tuple[str, ...]) -> None:
        """Tick exactly ``keys`` (no ``itemChanged``); a theme the content does not know is
        listed (marked so) and ticked when ``keep_unknown``."""
        self.blockSignals(True)
        listed: set[object] = set()
        for row in range(self.count()):
            item = self.item(row)
            listed.add(item.data(KEY_ROLE))
            checked = item.data(KEY_ROLE) in keys
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        if self.keep_unknown:
            unknown = [key for key in dict.fromkeys(keys) if key not in listed]
            for key in unknown:
                self._add(key, f"{key} {NOT_IN_CONTENT}", Qt.CheckState.Checked)
            if unknown:
                self._fit()
        self.blockSignals(False)
