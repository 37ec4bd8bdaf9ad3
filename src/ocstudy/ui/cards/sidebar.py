"""The browser's sidebar, as Anki's: saved searches, themes, tiers, kinds, card states, flags
and the learner's tags, each item a search.

A click on an item searches for it (``theme:firearms``); with Ctrl the item is added to the
search in the field (and), with Shift it is an alternative (or), with Alt its cards are left
out, as in Anki's sidebar; Enter does the same from the keyboard. The sections fold, and stay
as the learner left them; so does the sidebar, shown or hidden (Ctrl+Shift+R). Right-click:
save the current search; on a saved search, rename or delete it (``saved_searches.py`` does
these).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QModelIndex, QPoint, QSettings, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QFont,
    QIcon,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPixmap,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import QAbstractItemView, QMenu, QTreeView, QWidget

from ocstudy.content.vocabulary import TIER_WORDS, TIERS
from ocstudy.services.browser.actions import FLAG_NAMES
from ocstudy.services.browser.kinds import KIND_WORDS, kind_words
from ocstudy.services.browser.rows import CardRow
from ocstudy.services.browser.search import Join
from ocstudy.ui.common.palette import flag_color, palette_colors

#: The search an item sets; the name of a saved search; the key of a section.
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 1
SAVED_ROLE = Qt.ItemDataRole.UserRole + 2
SECTION_ROLE = Qt.ItemDataRole.UserRole + 3

STATES = (
    ("New", "is:new"),
    ("Learning", "is:learn"),
    ("Review", "is:review"),
    ("Due today", "is:due"),
    ("Suspended", "is:suspended"),
    ("Buried", "is:buried"),
    ("Leeches", "is:leech"),
    ("Your own cards", "is:own"),
)
TIER_SEARCHES = tuple((TIER_WORDS[tier][0], f"tier:{tier}") for tier in TIERS)
#: What an empty section says, and its tooltip.
NO_SAVED_SEARCH = (
    "Right-click: save one",
    "Right-click \u203a Save current search\u2026 keeps the search in the field under a name",
)
NO_TAG = ("Ctrl+Shift+T adds one", "Ctrl+Shift+T puts your tags on the selected cards")


@dataclass(frozen=True)
class SidebarContent:
    """What the sidebar lists besides its fixed items."""

    saved: tuple[tuple[str, str], ...]  # (name, search)
    themes: tuple[tuple[str, str], ...]  # (key, label)
    kinds: tuple[str, ...]
    tags: tuple[str, ...]

    @classmethod
    def of(
        cls, rows: Iterable[CardRow], themes: Mapping[str, str], saved: Mapping[str, str]
    ) -> SidebarContent:
        kinds: set[str] = set()
        tags: dict[str, str] = {}
        for row in rows:
            kinds.add(row.kind)
            for tag in row.tags:
                tags.setdefault(tag.casefold(), tag)
        order = list(KIND_WORDS)
        listed = sorted(kinds, key=lambda k: (order.index(k) if k in order else len(order), k))
        return cls(
            tuple(saved.items()),
            tuple(themes.items()),
            tuple(listed),
            tuple(tags[key] for key in sorted(tags)),
        )


def _swatch(color: str) -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(QColor(color))
    return QIcon(pixmap)


class CardsSidebar(QTreeView):
    #: An item's search, how it joins the search in the field, and whether it is negated.
    searchChosen = Signal(str, str, bool)
    #: The context menu is about to show, on a saved search (its name) or elsewhere ("").
    menuAboutToShow = Signal(QMenu, str)

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cardsSidebar")
        self.setAccessibleName("Sidebar: searches by theme, tier, kind, state, flag and tag")
        self._settings = settings
        self._content: SidebarContent | None = None
        self.setHeaderHidden(True)
        self.setUniformRowHeights(True)
        self.setIndentation(14)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)
        self.setToolTip(
            "Click: search for it \u00b7 Ctrl+click: and \u00b7 Shift+click: or "
            "\u00b7 Alt+click: leave out"
        )
        self.model_ = QStandardItemModel(self)
        self.setModel(self.model_)
        self.expanded.connect(lambda index: self._folded(index, False))
        self.collapsed.connect(lambda index: self._folded(index, True))
        #: Shows or hides the sidebar, as a dock's toggle action does: the browser takes it
        #: (its shortcut, a button beside the search).
        self.toggle_action = QAction("S&idebar", self)
        self.toggle_action.setObjectName("cardsSidebarAction")
        self.toggle_action.setCheckable(True)
        self.toggle_action.setShortcut(QKeySequence("Ctrl+Shift+R"))
        self.toggle_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.toggle_action.setToolTip("Show or hide the sidebar of searches (Ctrl+Shift+R)")
        self.toggle_action.toggled.connect(self._show)

    def show_as_left(self) -> None:
        """Shown or hidden as the learner left it (once the browser has laid it out)."""
        shown = str(self._settings.value("cards/sidebar", "true")) != "false"
        self.toggle_action.setChecked(shown)
        self.setVisible(shown)

    def _show(self, shown: bool) -> None:
        self.setVisible(shown)
        self._settings.setValue("cards/sidebar", "true" if shown else "false")

    # -- content ----------------------------------------------------------------------------

    def show_content(self, content: SidebarContent) -> None:
        """List ``content`` (nothing is rebuilt when it is what is listed)."""
        if content == self._content:
            return
        self._content = content
        current = self.currentIndex().data(SEARCH_ROLE)
        self.model_.clear()
        saved = self._section("saved", "Saved searches", content.saved, NO_SAVED_SEARCH)
        for row, (name, _search) in enumerate(content.saved):
            saved.child(row).setData(name, SAVED_ROLE)
        themes = [(label, f"theme:{key}") for key, label in content.themes]
        self._section("themes", "Themes", themes)
        self._section("tiers", "Tiers", TIER_SEARCHES)
        kinds = [(kind_words(kind), f"kind:{kind}") for kind in content.kinds]
        self._section("kinds", "Kinds", kinds)
        self._section("states", "Card state", STATES)
        flags = [(name, f"flag:{n}") for n, name in enumerate(FLAG_NAMES) if n]
        section = self._section("flags", "Flags", [*flags, ("No flag", "flag:0")])
        for row in range(len(flags)):
            section.child(row).setIcon(_swatch(flag_color(row + 1, self.palette())))
        tags = [(tag, f"tag:{tag}") for tag in content.tags]
        self._section("tags", "Your tags", tags, NO_TAG)
        folded = self._folded_sections()
        for row in range(self.model_.rowCount()):
            index = self.model_.index(row, 0)
            self.setExpanded(index, index.data(SECTION_ROLE) not in folded)
        if current:
            self.select_search(str(current))

    def changeEvent(self, event: QEvent) -> None:
        """A new look: the flags' swatches and the hints' colour follow it."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self._content is not None:
            content, self._content = self._content, None
            self.show_content(content)

    def _section(
        self,
        key: str,
        title: str,
        items: Sequence[tuple[str, str]],
        empty: tuple[str, str] | None = None,
    ) -> QStandardItem:
        """A section of ``items`` (text, search); ``empty`` is said when there is none."""
        section = QStandardItem(title)
        section.setData(key, SECTION_ROLE)
        section.setSelectable(False)
        font = QFont(self.font())
        font.setBold(True)
        section.setFont(font)
        for text, search in items:
            item = QStandardItem(text)
            item.setData(search, SEARCH_ROLE)
            item.setToolTip(f"{text}: {search}")
            section.appendRow(item)
        if not items and empty:
            hint = QStandardItem(empty[0])
            hint.setToolTip(empty[1])
            hint.setSelectable(False)
            hint.setForeground(QColor(palette_colors(self.palette()).muted))
            section.appendRow(hint)
        self.model_.appendRow(section)
        return section

    def items(self) -> dict[str, QModelIndex]:
        """Every item with a search, by its text ("Firearms"; a saved search by its name)."""
        found = {}
        for row in range(self.model_.rowCount()):
            section = self.model_.index(row, 0)
            for child in range(self.model_.rowCount(section)):
                index = self.model_.index(child, 0, section)
                if index.data(SEARCH_ROLE):
                    found[str(index.data())] = index
        return found

    def select_search(self, search: str) -> None:
        """Make the item of ``search`` current, if there is one."""
        for index in self.items().values():
            if index.data(SEARCH_ROLE) == search:
                self.setCurrentIndex(index)
                return

    # -- folded sections, remembered --------------------------------------------------------

    def _folded_sections(self) -> set[str]:
        return {
            key for key in str(self._settings.value("cards/sidebarFolded", "")).split(",") if key
        }

    def _folded(self, index: QModelIndex, folded: bool) -> None:
        key = index.data(SECTION_ROLE)
        if not key:
            return
        keys = self._folded_sections()
        keys = keys | {key} if folded else keys - {key}
        self._settings.setValue("cards/sidebarFolded", ",".join(sorted(keys)))

    # -- choosing ---------------------------------------------------------------------------

    def choose(self, index: QModelIndex, modifiers: Qt.KeyboardModifier) -> None:
        """Search for the item at ``index``, joined as ``modifiers`` say (see the module)."""
        search = index.data(SEARCH_ROLE) if index.isValid() else None
        if not search:
            return
        join: Join = "replace"
        if modifiers & Qt.KeyboardModifier.ControlModifier:
            join = "and"
        elif modifiers & Qt.KeyboardModifier.ShiftModifier:
            join = "or"
        negate = bool(modifiers & Qt.KeyboardModifier.AltModifier)
        self.searchChosen.emit(str(search), join, negate)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        index = self.indexAt(event.position().toPoint())
        if event.button() == Qt.MouseButton.LeftButton and index == self.currentIndex():
            self.choose(index, event.modifiers())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.choose(self.currentIndex(), event.modifiers())
            return
        super().keyPressEvent(event)

    def _menu(self, position: QPoint) -> None:
        menu = QMenu(self)
        menu.setObjectName("cardsSidebarMenu")
        name = self.indexAt(position).data(SAVED_ROLE)
        self.menuAboutToShow.emit(menu, str(name or ""))
        if menu.actions():
            menu.popup(self.viewport().mapToGlobal(position))
