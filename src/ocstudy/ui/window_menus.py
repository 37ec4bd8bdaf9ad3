"""The View menu's appearance entries and the Help menu: look and text size (remembered),
the keyboard shortcuts, and the About box."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu, QMenuBar

from ocstudy import __version__
from ocstudy.ui.appearance import THEMES, Appearance

if TYPE_CHECKING:
    from ocstudy.ui.main_window import MainWindow
    from ocstudy.ui.shortcuts_dialog import ShortcutsDialog

LICENCES = (
    ("ocstudy", "MIT"),
    ("Qt and Qt for Python (PySide6)", "LGPL v3"),
    ("sqlite-utils", "Apache 2.0"),
    ("fsrs (spaced repetition)", "MIT"),
    ("genanki (Anki export)", "MIT"),
    ("platformdirs", "MIT"),
)


class WindowMenus:
    def __init__(self, window: MainWindow, settings: QSettings):
        self.window = window
        self.settings = settings
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        self.appearance = Appearance(app)
        self.theme_actions: dict[str, QAction] = {}

    def add_appearance(self, view_menu: QMenu) -> None:
        menu = view_menu.addMenu("&Appearance")
        menu.setObjectName("appearanceMenu")
        group = QActionGroup(self.window)
        for key, text in THEMES.items():
            action = QAction(text, self.window, checkable=True)
            action.setObjectName(f"theme_{key}")
            action.triggered.connect(lambda _=False, k=key: self.set_theme(k))
            group.addAction(action)
            menu.addAction(action)
            self.theme_actions[key] = action
        size = view_menu.addMenu("Text &size")
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

    def add_help(self, menu: QMenuBar) -> None:
        help_menu = menu.addMenu("&Help")
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
        from ocstudy.ui.shortcuts_dialog import ShortcutsDialog  # imported when first used

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
