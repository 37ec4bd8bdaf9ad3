"""The window's menus: File, Edit, View (with look and text size, remembered) and Help.

The menu bar shows its titles at once; the entries, and their keyboard shortcuts, are made
just after the window's first paint (``build``), since the first paint shows none of them.
Until then the actions that follow the study view's state (back, forward, grouping, the note
preview, the look) have nothing to update; ``build`` sets them from that state."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QApplication, QMainWindow, QStackedWidget

from ocstudy import __version__
from ocstudy.ui.study.tree_model import Grouping
from ocstudy.ui.window.appearance import THEMES, Appearance
from ocstudy.ui.window.own_cards import FilesWindow

if TYPE_CHECKING:
    from collections.abc import Callable

    from ocstudy.ui.window.file_actions import FileActions
    from ocstudy.ui.window.own_cards import OwnCardWindow
    from ocstudy.ui.window.shortcuts_dialog import ShortcutsDialog
    from ocstudy.ui.window.sync_folder import SyncFolder

LICENCES = (
    ("ocstudy", "MIT"),
    ("Qt and Qt for Python (PySide6)", "LGPL v3"),
    ("sqlite-utils", "Apache 2.0"),
    ("fsrs (spaced repetition)", "MIT"),
    ("genanki (Anki export)", "MIT"),
    ("platformdirs", "MIT"),
)

Shortcut = QKeySequence | QKeySequence.StandardKey | str


class MenusWindow(FilesWindow, Protocol):
    """The window with its own-card actions (Add card\u2026, the own cards' import and export)."""

    @property
    def own_cards(self) -> OwnCardWindow: ...
    @property
    def undo_action(self) -> QAction: ...
    @property
    def sync_folder(self) -> SyncFolder | None: ...

    def grey_undo(self) -> None: ...
    def ungrey_undo(self) -> None: ...


class WindowMenus:
    def __init__(self, window: MenusWindow, settings: QSettings):
        assert isinstance(window, QMainWindow)
        self.window = window
        self.settings = settings
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        self.appearance = Appearance(app)
        self.theme_actions: dict[str, QAction] = {}
        self.grouping_actions: dict[Grouping, QAction] = {}
        #: The study view's own actions, enabled only while it is shown: in another view
        #: their keys would change the entry it shows (and the quiz's "entry selected") or
        #: delete its note, out of sight.
        self.study_actions: list[QAction] = []
        self.built = False
        bar = window.menuBar()
        self.file_menu = bar.addMenu("&File")
        self.edit_menu = bar.addMenu("&Edit")
        self.view_menu = bar.addMenu("&View")
        #: The views' entries (``MainWindow.add_view``) go above this separator.
        self.views_end = self.view_menu.addSeparator()
        self.help_menu = bar.addMenu("&Help")

    def action(
        self,
        text: str,
        slot: Callable[..., object],
        shortcut: Shortcut | None = None,
        name: str | None = None,
    ) -> QAction:
        """An action of the window: its shortcut works wherever the window has the focus."""
        action = QAction(text, self.window)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if name:
            action.setObjectName(name)
        action.triggered.connect(slot)
        self.window.addAction(action)
        return action

    def build(self) -> None:
        """Every menu's entries, once."""
        if self.built:
            return
        self.built = True
        self._build_file()
        self._build_edit()
        self._build_view()
        self._build_help()
        views = self.window.centralWidget()
        assert isinstance(views, QStackedWidget)
        views.currentChanged.connect(self.follow_view)
        self.follow_view()
        self.sync_grouping()

    def _build_file(self) -> None:
        files, menu = self.window.files, self.file_menu
        own = self.window.own_cards
        add = self.action("Add &card\u2026", own.add_card, "Ctrl+Shift+A", "addCardAction")
        menu.addAction(add)
        menu.addSeparator()
        export = menu.addMenu("&Export")
        export.setObjectName("exportMenu")
        for text, name, slot in (
            ("&Anki deck (.apkg)\u2026", "exportAnki", lambda: files.export_anki(False)),
            (
                "Anki deck with &my notes (.apkg)\u2026",
                "exportAnkiNotes",
                lambda: files.export_anki(True),
            ),
            (
                "My notes as &Markdown\u2026",
                "exportNotesMarkdown",
                lambda: files.export_notes("md"),
            ),
            ("My notes as &JSON\u2026", "exportNotesJson", lambda: files.export_notes("json")),
            ("Quiz cards as &CSV\u2026", "exportCsv", files.export_csv),
            ("My own cards as JS&ON\u2026", "exportOwnCards", own.export_json),
            ("The &content as JSON\u2026", "exportJsonAction", files.export_content),
            (
                "My &reviews (JSON or CSV)\u2026",
                "exportReviews",
                lambda: _export_reviews(files),
            ),
        ):
            export.addAction(self.action(text, slot, name=name))
        imports = menu.addMenu("Im&port")
        imports.setObjectName("importMenu")
        for text, name, slot in (
            (
                "Reviews from &Anki\u2026",
                "importAnkiReviews",
                lambda: _import_anki_reviews(files),
            ),
            (
                "&Reviews (ocstudy JSON)\u2026",
                "importReviews",
                lambda: _import_reviews(files),
            ),
        ):
            imports.addAction(self.action(text, slot, name=name))
        menu.addAction(
            self.action("&Import notes\u2026", files.ask_import_notes, name="importNotes")
        )
        menu.addAction(
            self.action("Import own car&ds\u2026", own.ask_import, name="importOwnCards")
        )
        menu.addAction(
            self.action("Re&vision sheet\u2026", files.ask_revision_sheet, name="revisionSheet")
        )
        sync = self.window.sync_folder
        if sync is not None:
            menu.addSeparator()
            menu.addAction(sync.choose_action)
            menu.addAction(sync.stop_action)
        menu.addSeparator()
        menu.addAction(self.action("Create &backup now", files.backup, name="backupAction"))
        menu.addAction(
            self.action("&Restore from backup\u2026", files.ask_restore, name="restoreAction")
        )
        menu.addSeparator()
        menu.addAction(self.action("&Quit", self.window.close, "Ctrl+Q", "quitAction"))

    def _build_edit(self) -> None:
        study, menu = self.window.study, self.edit_menu
        editor = study.notes.editor
        menu.addAction(self.window.undo_action)
        menu.aboutToShow.connect(self.window.grey_undo)
        menu.aboutToHide.connect(self.window.ungrey_undo)
        for text, slot, standard_key, name in (
            ("&Undo typing", editor.undo, QKeySequence.StandardKey.Undo, "undoTypingAction"),
            ("&Redo typing", editor.redo, QKeySequence.StandardKey.Redo, "redoTypingAction"),
        ):
            # The note editor handles these keys itself (before the window's Undo, which
            # has Ctrl+Z elsewhere); the menu only shows them.
            action = self.action(text, slot, standard_key, name)
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(
            self.action(
                "&Find\u2026", self.window.focus_search, QKeySequence.StandardKey.Find, "findAction"
            )
        )
        for text, step, key, name in (
            ("Next &match on the page", 1, "F3", "nextMatchAction"),
            ("Previous matc&h on the page", -1, "Shift+F3", "previousMatchAction"),
        ):
            match = self.action(text, lambda _=False, s=step: study.detail.next_match(s), key, name)
            self.study_actions.append(match)
            menu.addAction(match)
        menu.addSeparator()
        delete = self.action(
            "&Delete note\u2026", study.notes.delete_note, "Ctrl+Shift+Del", "deleteNoteAction"
        )
        self.study_actions.append(delete)
        menu.addAction(delete)
        undo_delete = self.action(
            "Undo de&lete note", self.window.undo_delete, "Ctrl+Alt+Z", "undoDeleteNoteAction"
        )
        menu.addAction(undo_delete)
        menu.aboutToShow.connect(
            lambda: undo_delete.setEnabled(self.window.changes.history.newest("note") is not None)
        )

    def _build_view(self) -> None:
        study, menu = self.window.study, self.view_menu
        self.back_action = self.action(
            "&Back", study.back, QKeySequence.StandardKey.Back, "backAction"
        )
        self.forward_action = self.action(
            "&Forward", study.forward, QKeySequence.StandardKey.Forward, "forwardAction"
        )
        menu.addAction(self.back_action)
        menu.addAction(self.forward_action)
        menu.addSeparator()
        grouping = QActionGroup(self.window)
        for value, text, key, name in (
            (Grouping.KIND, "Group by &kind", "Ctrl+K", "groupByKindAction"),
            (Grouping.THEME, "Group by &theme", "Ctrl+T", "groupByThemeAction"),
        ):
            action = self.action(text, lambda _=False, g=value: study.set_grouping(g), key, name)
            action.setCheckable(True)
            grouping.addAction(action)
            menu.addAction(action)
            self.grouping_actions[value] = action
            self.study_actions.append(action)
        study.grouping_box.currentIndexChanged.connect(self.sync_grouping)
        menu.addSeparator()
        preview = self.action(
            "Note &preview", study.notes.set_preview, "Ctrl+Shift+P", "previewAction"
        )
        preview.setCheckable(True)
        preview.setChecked(study.notes.preview_button.isChecked())
        study.notes.preview_button.toggled.connect(preview.setChecked)
        menu.addAction(preview)
        self.study_actions.append(preview)
        menu.addSeparator()
        self._build_appearance()

    def follow_view(self) -> None:
        """The study view's actions, enabled while it is the view shown."""
        shown = self.window.current_view == "study"
        for action in self.study_actions:
            action.setEnabled(shown)
        self.update_history()

    def update_history(self) -> None:
        """Back and forward, enabled in the study view as its history allows."""
        if self.built:
            shown = self.window.current_view == "study"
            self.back_action.setEnabled(shown and self.window.study.can_go_back())
            self.forward_action.setEnabled(shown and self.window.study.can_go_forward())

    def sync_grouping(self) -> None:
        if self.built:
            self.grouping_actions[self.window.study.grouping].setChecked(True)

    def _build_appearance(self) -> None:
        menu = self.view_menu.addMenu("&Appearance")
        menu.setObjectName("appearanceMenu")
        group = QActionGroup(self.window)
        for key, text in THEMES.items():
            action = QAction(text, self.window, checkable=True)
            action.setObjectName(f"theme_{key}")
            action.triggered.connect(lambda _=False, k=key: self.set_theme(k))
            group.addAction(action)
            menu.addAction(action)
            self.theme_actions[key] = action
        self.theme_actions[self.appearance.theme].setChecked(True)
        size = self.view_menu.addMenu("Text &size")
        for text, keys, name, slot in (
            ("&Larger", ["Ctrl+=", "Ctrl++"], "textLarger", lambda: self.grow(1.0)),
            ("&Smaller", ["Ctrl+-"], "textSmaller", lambda: self.grow(-1.0)),
            ("&Normal", ["Ctrl+Alt+0"], "textNormal", self.reset_size),
        ):
            action = QAction(text, self.window)
            action.setObjectName(name)
            action.setShortcuts([QKeySequence(k) for k in keys])
            action.triggered.connect(slot)
            self.window.addAction(action)
            size.addAction(action)

    def _build_help(self) -> None:
        help_menu = self.help_menu
        shortcuts = QAction("&Keyboard shortcuts", self.window)
        shortcuts.setObjectName("shortcutsAction")
        shortcuts.setShortcuts([QKeySequence("F1"), QKeySequence("Ctrl+/")])
        shortcuts.triggered.connect(self.show_shortcuts)
        self.window.addAction(shortcuts)
        help_menu.addAction(shortcuts)
        help_menu.addSeparator()
        about = help_menu.addAction("&About ocstudy")
        about.setObjectName("aboutAction")
        about.triggered.connect(self.about)
        help_menu.addAction("About &Qt").triggered.connect(QApplication.aboutQt)

    # -- actions ----------------------------------------------------------------------------

    def set_theme(self, theme: str) -> None:
        self.appearance.set_theme(theme)
        if self.built:
            self.theme_actions[self.appearance.theme].setChecked(True)
        self.settings.setValue("view/theme", self.appearance.theme)

    def grow(self, step: float) -> None:
        self.appearance.grow(step)
        self.settings.setValue("view/textPoints", self.appearance.points)

    def reset_size(self) -> None:
        self.appearance.reset_size()
        self.settings.remove("view/textPoints")

    def restore(self) -> None:
        self.set_theme(str(self.settings.value("view/theme", "system")))
        points = self.settings.value("view/textPoints")
        if points is not None:
            self.appearance.set_points(float(str(points)))

    def show_shortcuts(self) -> ShortcutsDialog:
        from ocstudy.ui.window.shortcuts_dialog import ShortcutsDialog  # imported when first used

        dialog = ShortcutsDialog(self.window.findChildren(QAction), self.window)
        dialog.open()
        return dialog

    def about(self) -> None:
        from PySide6.QtWidgets import QMessageBox  # a dialog: imported when first used

        licences = "".join(f"<tr><td>{name}</td><td>{kind}</td></tr>" for name, kind in LICENCES)
        box = QMessageBox(self.window)
        box.setObjectName("aboutBox")
        box.setWindowTitle("About ocstudy")
        box.setText(
            f"<h3>ocstudy {__version__}</h3>"
            "<p>Study the United Nations' fight against transnational organized crime, from "
            "Mandeep Kaur's paper, every fact with its source and checked against the record.</p>"
            f"<p>Your data: {self.window.data_dir}<br>"
            f"Content version: {self.window.services.study.content_version}</p>"
            f"<table cellpadding='2'>{licences}</table>"
        )
        box.open()


# The review history's file actions are imported on first use (with the file dialogs).


def _export_reviews(files: FileActions) -> None:
    from ocstudy.ui.window.review_files import export_reviews

    export_reviews(files)


def _import_anki_reviews(files: FileActions) -> None:
    from ocstudy.ui.window.review_files import ask_import_anki_reviews

    ask_import_anki_reviews(files)


def _import_reviews(files: FileActions) -> None:
    from ocstudy.ui.window.review_files import ask_import_reviews

    ask_import_reviews(files)
