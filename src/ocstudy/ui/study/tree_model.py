"""The instrument tree: entities grouped by kind or by theme, plus a "My notes" group.

A plain :class:`QAbstractItemModel` over a small tree of :class:`Node` objects. A search
rebuilds the tree with the matches and their ancestors only: with thousands of rows that is
far cheaper than a QSortFilterProxyModel, whose bookkeeping asks this model for hundreds of
thousands of parents on every keystroke.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QIcon

from ocstudy.content.model import Entity
from ocstudy.content.search import SNIPPET_END, SNIPPET_START

SLUG_ROLE = Qt.ItemDataRole.UserRole + 1
MY_NOTES_GROUP = "my-notes"

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
# Looked up once: the view asks for every visible row's data, role by role, at each paint,
# and an attribute of a Qt for Python type (or an enum's "|") costs a Python call each time.
_DISPLAY = Qt.ItemDataRole.DisplayRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_ACCESSIBLE = Qt.ItemDataRole.AccessibleTextRole
_DECORATION = Qt.ItemDataRole.DecorationRole
_NO_FLAGS = Qt.ItemFlag.NoItemFlags
_SELECTABLE = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
#: Under a search: whether the row is a match (False: shown as the parent of one), and the
#: line of the entity's facts or note that matched, when its title and names did not.
MATCH_ROLE = Qt.ItemDataRole.UserRole + 2
SNIPPET_ROLE = Qt.ItemDataRole.UserRole + 3
_ROLES = frozenset(
    {_DISPLAY, _TOOLTIP, _ACCESSIBLE, _DECORATION, SLUG_ROLE, MATCH_ROLE, SNIPPET_ROLE}
)


class Grouping(StrEnum):
    KIND = "kind"
    THEME = "theme"


class Node:
    """A row of the tree, a group or an entity; compared by identity."""

    __slots__ = ("children", "group_key", "label", "parent", "position", "slug")

    def __init__(self, label: str, slug: str | None = None, group_key: str | None = None):
        self.label = label
        self.slug = slug
        self.group_key = group_key
        self.parent: Node | None = None
        self.children: list[Node] = []
        #: Position among the parent's children, kept up to date: views ask for a node's
        #: parent row very often, so it must not be a list search.
        self.position = 0

    def add(self, child: Node) -> Node:
        child.parent = self
        child.position = len(self.children)
        self.children.append(child)
        return child

    def insert(self, row: int, child: Node) -> None:
        child.parent = self
        self.children.insert(row, child)
        self.renumber()

    def remove(self, row: int) -> None:
        del self.children[row]
        self.renumber()

    def renumber(self) -> None:
        for position, child in enumerate(self.children):
            child.position = position

    def row(self) -> int:
        return self.position


def _sort_key(entity: Entity) -> tuple[int, int, str]:
    """Instruments first, in time order; then bodies, by name."""
    if entity.is_body:
        return (1, 0, entity.short_name.casefold())
    return (0, entity.year or 9999, entity.short_name.casefold())


def entity_label(entity: Entity) -> str:
    return f"{entity.short_name} ({entity.year})" if entity.year else entity.short_name


class InstrumentTreeModel(QAbstractItemModel):
    def __init__(
        self,
        entities: tuple[Entity, ...],
        groups: list[tuple[str, str]],
        themes: list[tuple[str, str]],
        note_icon: QIcon,
        parent: Any = None,
    ):
        super().__init__(parent)
        self._entities = {entity.slug: entity for entity in entities}
        self._kind_groups = groups
        self._themes = themes
        self._note_icon = note_icon
        self._noted: set[str] = set()
        self._matches: set[str] | None = None
        self._snippets: dict[str, str] = {}
        #: under a search, each shown entry's place in the ranking (a parent takes its best
        #: match's), so the groups, and the entries in each, list the best matches first
        self._rank: dict[str, int] = {}
        #: the words searched for, which the rows' delegate highlights
        self.query_words: tuple[str, ...] = ()
        self._grouping = Grouping.KIND
        self._root = self._build()

    # -- structure --------------------------------------------------------------------------

    @property
    def grouping(self) -> Grouping:
        return self._grouping

    def set_grouping(self, grouping: Grouping) -> None:
        if grouping != self._grouping:
            self._grouping = grouping
            self._rebuild()

    @property
    def matches(self) -> set[str] | None:
        return self._matches

    def set_matches(
        self,
        slugs: Sequence[str] | set[str] | None,
        query_words: tuple[str, ...] = (),
        snippets: dict[str, str] | None = None,
    ) -> None:
        """Show only ``slugs`` and their ancestors; None shows everything. ``query_words``
        and ``snippets`` say why each row matches."""
        self.query_words = query_words if slugs is not None else ()
        self._snippets = snippets or {}
        rank = self._ranking(slugs)
        if slugs != self._matches or rank != self._rank:
            self._matches = set(slugs) if slugs is not None else None
            self._rank = rank
            self._rebuild()
        elif self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, 0))

    def _rebuild(self) -> None:
        self.beginResetModel()
        self._root = self._build()
        self.endResetModel()

    def _shown(self) -> set[str] | None:
        """The slugs to show: the matches and every ancestor of one (None: all)."""
        if self._matches is None:
            return None
        shown = set()
        for slug in self._matches:
            while slug and slug in self._entities and slug not in shown:
                shown.add(slug)
                slug = self._entities[slug].parent_slug or ""
        return shown

    def _ranking(self, slugs: Sequence[str] | set[str] | None) -> dict[str, int]:
        if slugs is None or isinstance(slugs, set):
            return {}
        rank: dict[str, int] = {}
        for place, slug in enumerate(slugs):
            while slug and slug in self._entities and place < rank.get(slug, len(slugs)):
                rank[slug] = place
                slug = self._entities[slug].parent_slug or ""
        return rank

    def _order(self, entity: Entity) -> tuple[int, tuple[int, int, str]]:
        return (self._rank.get(entity.slug, 0), _sort_key(entity))

    def _build(self) -> Node:
        root = Node("root")
        shown = self._shown()
        self._notes_node = root.add(Node("My notes", group_key=MY_NOTES_GROUP))
        for slug in self._sorted(self._noted):
            if shown is None or slug in (self._matches or ()):
                self._notes_node.add(Node(entity_label(self._entities[slug]), slug=slug))
        if self._rank:
            self._notes_node.children.sort(key=lambda node: self._rank.get(node.slug or "", 0))
            self._notes_node.renumber()
        if shown is not None and not self._notes_node.children:
            root.children.clear()  # while searching, an empty "My notes" is only noise
        entities = [e for e in self._entities.values() if shown is None or e.slug in shown]
        if self._grouping is Grouping.KIND:
            buckets = [(key, label, [e for e in entities if e.group == key])
                       for key, label in self._kind_groups]  # fmt: skip
        else:
            buckets = [(key, label, [e for e in entities if key in e.themes])
                       for key, label in self._themes]  # fmt: skip
        for key, label, members in buckets:
            if not members:
                continue
            group = root.add(Node(label, group_key=key))
            in_group = {entity.slug for entity in members}
            nodes: dict[str, Node] = {}
            ordered = sorted(members, key=self._order)
            for entity in ordered:
                nodes[entity.slug] = Node(entity_label(entity), slug=entity.slug)
            for entity in ordered:
                parent = entity.parent_slug
                holder = nodes[parent] if parent in in_group and parent else group
                holder.add(nodes[entity.slug])
        if self._rank:  # the group holding the best match first, and so on
            root.children.sort(key=self._best_rank)
            root.renumber()
        return root

    def _best_rank(self, group: Node) -> int:
        return min((self._rank.get(node.slug or "", len(self._rank)) for node in group.children),
                   default=len(self._rank))  # fmt: skip

    def _sorted(self, slugs: set[str]) -> list[str]:
        return sorted(slugs, key=lambda slug: _sort_key(self._entities[slug]))

    @property
    def noted(self) -> frozenset[str]:
        """The entities with a note, as last set."""
        return frozenset(self._noted)

    def set_noted(self, slugs: set[str]) -> None:
        """Show note markers on ``slugs`` and list them under "My notes"."""
        slugs = {slug for slug in slugs if slug in self._entities}
        if slugs == self._noted:
            return
        if self._matches is not None:  # a filtered tree is simply built again
            self._noted = slugs
            self._rebuild()
            return
        changed = slugs ^ self._noted
        group_index = self.createIndex(self._notes_node.row(), 0, self._notes_node)
        for slug in self._sorted(self._noted - slugs):
            row = next(i for i, n in enumerate(self._notes_node.children) if n.slug == slug)
            self.beginRemoveRows(group_index, row, row)
            self._notes_node.remove(row)
            self.endRemoveRows()
        for slug in self._sorted(slugs - self._noted):
            key = _sort_key(self._entities[slug])
            row = sum(
                1
                for node in self._notes_node.children
                if node.slug and _sort_key(self._entities[node.slug]) < key
            )
            self.beginInsertRows(group_index, row, row)
            self._notes_node.insert(row, Node(entity_label(self._entities[slug]), slug=slug))
            self.endInsertRows()
        self._noted = slugs
        for index in self._indexes_of(changed):
            self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])

    def _indexes_of(self, slugs: set[str]) -> list[QModelIndex]:
        found: list[QModelIndex] = []

        def walk(node: Node) -> None:
            for row, child in enumerate(node.children):
                if child.slug in slugs:
                    found.append(self.createIndex(row, 0, child))
                walk(child)

        walk(self._root)
        return found

    def index_of(self, slug: str) -> QModelIndex:
        """The first row showing ``slug`` outside "My notes", or an invalid index."""
        for index in self._indexes_of({slug}):
            node = index.internalPointer()
            if node.parent is not self._notes_node:
                return index
        return QModelIndex()

    # -- QAbstractItemModel -----------------------------------------------------------------

    def _node(self, index: Index) -> Node:
        node: Node = index.internalPointer() if index.isValid() else self._root
        return node

    def index(self, row: int, column: int, parent: Index = _ROOT) -> QModelIndex:
        node = self._node(parent)
        if column != 0 or not 0 <= row < len(node.children):
            return QModelIndex()
        return self.createIndex(row, column, node.children[row])

    def parent(self, index: Index = _ROOT) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        parent = self._node(index).parent
        if parent is None or parent is self._root:
            return QModelIndex()
        return self.createIndex(parent.row(), 0, parent)

    def rowCount(self, parent: Index = _ROOT) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._node(parent).children)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 1

    def flags(self, index: Index) -> Qt.ItemFlag:
        return _SELECTABLE if index.isValid() else _NO_FLAGS

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        if role not in _ROLES or not index.isValid():
            return None
        node = self._node(index)
        entity = self._entities.get(node.slug) if node.slug else None
        if role == _DISPLAY:
            if entity is None and node.group_key == MY_NOTES_GROUP:
                return f"{node.label} ({len(node.children)})"
            return node.label
        if role == MATCH_ROLE:
            return (
                self._matches is not None and entity is not None and (entity.slug in self._matches)
            )
        if role == SNIPPET_ROLE:
            return self._snippets.get(entity.slug) if entity else None
        if role == _TOOLTIP:
            if entity is None:
                return None
            snippet = self._snippets.get(entity.slug)
            if snippet:
                plain = snippet.replace(SNIPPET_START, "").replace(SNIPPET_END, "")
                return f"{entity.title}\nMatches: {plain}"
            return entity.title
        if role == _ACCESSIBLE:
            if entity is None:
                return node.label
            noted = ", has a note" if entity.slug in self._noted else ""
            shown_for = (
                ", shown as the parent of a match"
                if self._matches is not None and entity.slug not in self._matches
                else ""
            )
            return f"{entity.short_name}, {entity.kind_label}{noted}{shown_for}"
        if role == _DECORATION:
            return self._note_icon if entity and entity.slug in self._noted else None
        return node.slug  # the one role left: SLUG_ROLE
