"""The study view: search field and instrument tree on the left; the detail pane and the
notes editor on the right, in splitters the user can move. Back and forward go through the
entities visited."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ocstudy.phrasing import counted
from ocstudy.services.operations import Changes
from ocstudy.services.study import StudyService
from ocstudy.ui.common.changes import ChangeNotice
from ocstudy.ui.common.icons import bundled_icon
from ocstudy.ui.study.detail_pane import DetailPane, render_detail
from ocstudy.ui.study.history import history_step
from ocstudy.ui.study.notes_panel import NotesPanel
from ocstudy.ui.study.tree_model import (
    SLUG_ROLE,
    Grouping,
    InstrumentTreeModel,
)
from ocstudy.ui.study.widgets import InstrumentTree, SearchBox

SEARCH_DELAY_MS = 30


class StudyView(QSplitter):
    entitySelected = Signal(str)
    historyChanged = Signal()
    statusMessage = Signal(str)

    def __init__(self, service: StudyService, parent: QWidget | None = None):
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setObjectName("studyView")
        self.setChildrenCollapsible(True)  # on a small screen the tree or the page can fold away
        self._service = service
        self._titles = {e.slug: e.short_name for e in service.entities()}
        self._theme_labels = {t.key: t.label for t in service.themes()}
        self._back: list[str] = []
        self._forward: list[str] = []
        self._current: str | None = None
        self._filtering = False
        #: where each entry's page was scrolled to, restored going back and forth
        self._scroll: dict[str, int] = {}
        #: the facts of the entry shown whose long source form the learner opened
        self._expanded: frozenset[str] = frozenset()

        self.search_box = SearchBox(self)
        self.search_box.setObjectName("searchBox")
        self.search_box.setAccessibleName("Search instruments, bodies and your notes")
        self.search_box.setPlaceholderText("Search (Ctrl+F)")
        self.search_box.setClearButtonEnabled(True)
        self.grouping_box = QComboBox(self)
        self.grouping_box.setObjectName("groupingBox")
        self.grouping_box.setAccessibleName("Group the tree by")
        self.grouping_box.setAccessibleDescription("Group the tree by kind or by theme")
        self.grouping_box.addItem("By kind", Grouping.KIND.value)
        self.grouping_box.addItem("By theme", Grouping.THEME.value)

        self.model = InstrumentTreeModel(
            service.entities(),
            [(g.key, g.label) for g in service.kind_groups()],
            [(t.key, t.label) for t in service.themes()],
            bundled_icon("note"),
            self,
        )
        self.model.set_noted(service.noted_slugs())
        self.tree = InstrumentTree(self)
        self.tree.setObjectName("instrumentTree")
        self.tree.setAccessibleName("Instruments and bodies")
        self.tree.setModel(self.model)
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.expandAll()
        self.empty_label = QLabel(self)
        self.empty_label.setObjectName("searchEmptyLabel")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.hide()

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        self.back_button = self._history_button("\u25c0", "Back", "Alt+Left", self.back)
        self.forward_button = self._history_button("\u25b6", "Forward", "Alt+Right", self.forward)
        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addWidget(self.forward_button)
        top.addWidget(self.search_box, 1)
        top.addWidget(self.grouping_box)
        left_layout.addLayout(top)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("searchCount")
        self.count_label.setAccessibleName("How many entries match the search")
        self.count_label.setToolTip("F3 and Shift+F3 go to the next and previous match on the page")
        self.count_label.hide()
        left_layout.addWidget(self.count_label)
        left_layout.addWidget(self.tree, 1)
        left_layout.addWidget(self.empty_label)

        self.detail = DetailPane(self)
        self.notes = NotesPanel(service, self)
        self.right = QSplitter(Qt.Orientation.Vertical, self)
        self.right.setObjectName("detailSplitter")
        self.right.addWidget(self.detail)
        self.right.addWidget(self.notes)
        self.right.setStretchFactor(0, 3)
        self.right.setStretchFactor(1, 1)
        self.addWidget(left)
        self.addWidget(self.right)
        self.setStretchFactor(0, 1)
        self.setStretchFactor(1, 3)
        self.setSizes([320, 900])

        self._search_rows_shown = False
        #: the matches of the search shown, best first: Enter opens the first
        self._ranked: tuple[str, ...] = ()
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._run_search)
        self.search_box.textChanged.connect(self._search_timer.start)
        self.search_box.moveToResults.connect(self._enter_results)
        self.grouping_box.currentIndexChanged.connect(self._grouping_chosen)
        self.tree.selectionModel().currentChanged.connect(self._tree_current_changed)
        self.model.modelReset.connect(self._after_reset)
        self.detail.entityActivated.connect(self.select)
        self.detail.citationToggled.connect(self._toggle_citation)
        self.historyChanged.connect(self._update_history_buttons)
        self.notes.noteChanged.connect(self._note_changed)
        self.notes.statusMessage.connect(self.statusMessage)
        self.detail.show_message("Choose an instrument or a body on the left, or search for one.")
        for widget in (self.tree, self.detail, self.notes):
            widget.historyStep.connect(self.step)

    def _history_button(
        self, text: str, name: str, keys: str, slot: Callable[[], None]
    ) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setObjectName(f"study{name}")
        button.setAccessibleName(name)
        button.setToolTip(f"{name} ({keys}, or the mouse's {name.lower()} button)")
        button.setAutoRaise(True)
        button.setEnabled(False)
        button.clicked.connect(slot)
        return button

    def _update_history_buttons(self) -> None:
        self.back_button.setEnabled(self.can_go_back())
        self.forward_button.setEnabled(self.can_go_forward())

    # -- selection and history ----------------------------------------------------------------

    @property
    def current_slug(self) -> str | None:
        return self._current

    def select(self, slug: str) -> None:
        """Show ``slug``, selecting it in the tree; visiting adds to the back history."""
        self._show(slug, remember=True)

    def _show(self, slug: str, remember: bool) -> None:
        entity = self._service.entity(slug)
        if entity is None:
            return
        if slug != self._current:
            if self._current is not None:
                self._scroll[self._current] = self.detail.verticalScrollBar().value()
            if remember and self._current is not None:
                self._back.append(self._current)
                self._forward.clear()
            self._current = slug
            self._expanded = frozenset()
            self.notes.set_entity(slug, entity.short_name)
            self._render(scroll=0 if remember else self._scroll.get(slug, 0))
            self.entitySelected.emit(slug)
            self.historyChanged.emit()
        self._select_in_tree(slug)

    def _render(self, scroll: int | None = None) -> None:
        """Draw the current entry's page, at ``scroll`` (default: where it is now)."""
        if self._current is None:
            return
        detail = self._service.detail(self._current)
        assert detail is not None
        has_note = self._current in self.model.noted
        html = render_detail(
            detail, self.palette(), self._titles, self._theme_labels, has_note, self._expanded
        )
        if scroll is None:
            scroll = self.detail.verticalScrollBar().value()
        self.detail.show_detail(html, self._current, scroll)

    def _toggle_citation(self, fact_id: str) -> None:
        """A click on a fact's source mark shows its quote and the record; again hides them."""
        self._expanded = self._expanded ^ {fact_id}
        self._render()

    def _select_in_tree(self, slug: str) -> None:
        current = self.tree.currentIndex()
        if current.isValid() and current.data(SLUG_ROLE) == slug:
            return
        index = self.model.index_of(slug)
        if not index.isValid() and self.model.matches is not None:
            self.search_box.clear()
            self._run_search()
            index = self.model.index_of(slug)
        if index.isValid():
            self.tree.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
            self.tree.scrollTo(index)

    def _tree_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._filtering:  # rows hidden by a search move the tree's cursor: not a choice
            return
        slug = current.data(SLUG_ROLE) if current.isValid() else None
        if slug:
            self._show(slug, remember=True)

    def can_go_back(self) -> bool:
        return bool(self._back)

    def can_go_forward(self) -> bool:
        return bool(self._forward)

    def back(self) -> None:
        if self._back and self._current:
            self._forward.append(self._current)
            self._show(self._back.pop(), remember=False)

    def forward(self) -> None:
        if self._forward and self._current:
            self._back.append(self._current)
            self._show(self._forward.pop(), remember=False)

    def step(self, step: int) -> None:
        """Back (-1) or forward (1) through the entities visited."""
        if step < 0:
            self.back()
        elif step > 0:
            self.forward()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """Presses its labels and margins leave unhandled: the mouse's back and forward."""
        if step := history_step(event):
            self.step(step)
            return
        super().mousePressEvent(event)

    # -- search and grouping ----------------------------------------------------------------

    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def _run_search(self) -> None:
        self._search_timer.stop()
        text = self.search_box.text()
        result = self._service.search(text)
        if result.is_filter and not self._search_rows_shown:
            from ocstudy.ui.study.search_rows import SearchRowDelegate  # only once searching

            self.tree.setItemDelegate(SearchRowDelegate(self.model, self.tree))
            self._search_rows_shown = True
        self.model.set_matches(
            result.slugs if result.is_filter else None, result.query_words, result.snippets
        )
        empty = result.is_filter and not result.slugs
        if empty:
            shown = text if len(text) <= 60 else text[:57] + "\u2026"
            self.empty_label.setText(f"Nothing matches \u201c{shown}\u201d.")
        self.empty_label.setVisible(empty)
        self._ranked = result.slugs if result.is_filter else ()
        count = len(result.slugs)
        self.count_label.setText(counted(count, "entry", "entries"))
        self.count_label.setVisible(result.is_filter and bool(count))
        self.detail.highlight_words(result.query_words)

    def _enter_results(self) -> None:
        self._run_search()
        self.tree.setFocus(Qt.FocusReason.OtherFocusReason)
        current = self.tree.currentIndex()
        if current.isValid() and self.model.matches is None:
            return
        best = self.model.index_of(self._ranked[0]) if self._ranked else QModelIndex()
        first = best if best.isValid() else self._first_entity(QModelIndex())
        if first.isValid():
            self.tree.setCurrentIndex(first)

    def _first_entity(self, parent: QModelIndex) -> QModelIndex:
        for row in range(self.model.rowCount(parent)):
            index = self.model.index(row, 0, parent)
            matches = self.model.matches
            slug = index.data(SLUG_ROLE)
            if slug and (matches is None or slug in matches):
                return index
            child = self._first_entity(index)
            if child.isValid():
                return child
        return QModelIndex()

    @property
    def grouping(self) -> Grouping:
        return self.model.grouping

    def set_grouping(self, grouping: Grouping) -> None:
        self.grouping_box.setCurrentIndex(self.grouping_box.findData(grouping.value))

    def _grouping_chosen(self, _row: int) -> None:
        self.model.set_grouping(Grouping(self.grouping_box.currentData()))

    def _after_reset(self) -> None:
        """A new grouping or search: open every group, and keep the entry shown selected if it
        is still in the tree (the tree's cursor moving is never a choice of the learner's)."""
        self._filtering = True
        try:
            self.tree.expandAll()
            index = self.model.index_of(self._current) if self._current else QModelIndex()
            if index.isValid():
                self.tree.selectionModel().setCurrentIndex(
                    index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                )
                self.tree.scrollTo(index)
        finally:
            self._filtering = False

    def changeEvent(self, event: QEvent) -> None:
        """Re-render when the system switches between light and dark."""
        if event.type() == QEvent.Type.PaletteChange:
            self._render()
        super().changeEvent(event)

    # -- notes ------------------------------------------------------------------------------

    def _note_changed(self, slug: str) -> None:
        self.model.set_noted(self._service.noted_slugs())
        if slug == self._current:
            self._render()

    def attach_changes(self, notice: ChangeNotice) -> None:
        """Hear of the notes' changes from ``notice`` (the window's), this view's own saves
        included: only the notes it names are read again."""
        self.notes.noteChanged.disconnect(self._note_changed)
        notice.changed.connect(self.notes_changed)

    def notes_changed(self, changes: Changes) -> None:
        """Show the notes ``changes`` names as stored now: the markers and "My notes", the
        open note if it is one of them and nobody is typing in it (typing is saved merged
        with what is stored, ``NotesPanel.save_now``), and the page."""
        if changes.everything:
            self.reload_notes()
        elif changes.note_slugs:
            self.model.set_noted(self._service.noted_slugs())
            if self._current in changes.note_slugs:
                if not self.notes.typing:
                    entity = self._service.entity(self._current)
                    self.notes.reload(self._current, entity.short_name if entity else "")
                self._render()

    def flush(self) -> bool:
        return self.notes.save_now()

    def reload_notes(self) -> None:
        """Read the notes again (after a restore): the markers, the open note, the page."""
        self.model.set_noted(self._service.noted_slugs())
        entity = self._service.entity(self._current) if self._current else None
        self.notes.reload(self._current, entity.short_name if entity else "")
        self._render()

    # -- state ------------------------------------------------------------------------------

    def save_state(self, settings: QSettings) -> None:
        settings.setValue("study/mainSplitter", self.saveState())
        settings.setValue("study/detailSplitter", self.right.saveState())
        settings.setValue("study/grouping", self.grouping.value)
        settings.setValue("study/preview", self.notes.preview_button.isChecked())
        settings.setValue("study/lastEntity", self._current or "")

    def restore_state(self, settings: QSettings) -> None:
        for key, splitter in (("study/mainSplitter", self), ("study/detailSplitter", self.right)):
            state = settings.value(key)
            if state is not None:
                splitter.restoreState(state)
        grouping = settings.value("study/grouping", Grouping.KIND.value)
        if grouping in {g.value for g in Grouping}:
            self.set_grouping(Grouping(grouping))
        self.notes.set_preview(bool(settings.value("study/preview", False, type=bool)))
        last = str(settings.value("study/lastEntity", ""))
        if last and self._service.entity(last):
            self._show(last, remember=False)
