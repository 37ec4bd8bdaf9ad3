"""The window's views, one per task: pages of a stacked widget (the window's central widget),
each with a button on the view bar, an entry in the View menu and a shortcut (Alt+1…5), and
each built the first time it is shown (so start-up pays only for the first view)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QStackedWidget, QToolBar, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from collections.abc import Callable


class ViewStack:
    def __init__(self, window: QMainWindow) -> None:
        self.window = window
        self.stack = QStackedWidget(window)
        self.stack.setObjectName("views")
        window.setCentralWidget(self.stack)
        self._actions = QActionGroup(window)
        self._keys: list[str] = []
        self._factories: dict[str, Callable[[], QWidget]] = {}
        self.bar = QToolBar("Views", window)
        self.bar.setObjectName("viewSwitcher")
        self.bar.setMovable(False)
        self.bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        window.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.bar)

    def add(
        self, key: str, title: str, factory: Callable[[], QWidget], shortcut: QKeySequence
    ) -> QAction:
        """Register a view (the first one registered is shown); its action, for the View
        menu."""
        holder = QWidget(self.stack)
        holder.setObjectName(f"{key}Holder")
        QVBoxLayout(holder).setContentsMargins(0, 0, 0, 0)
        self.stack.addWidget(holder)
        self._factories[key] = factory
        action = QAction(title, self.window, checkable=True, shortcut=shortcut)
        action.setObjectName(f"view_{key}")
        action.setToolTip(f"{title.replace('&', '')} ({shortcut.toString()})")
        action.triggered.connect(lambda: self.show(key))
        self._actions.addAction(action)
        self.bar.addAction(action)
        self._keys.append(key)
        if len(self._keys) == 1:
            self.show(key)
        return action

    def widget(self, key: str) -> QWidget:
        """The view's widget, built now if it was not yet."""
        holder = self.stack.widget(self._keys.index(key))
        layout = holder.layout() if holder is not None else None
        assert layout is not None
        if layout.count() == 0:
            layout.addWidget(self._factories[key]())
        item = layout.itemAt(0)
        widget = item.widget() if item is not None else None
        assert widget is not None
        return widget

    def show(self, key: str) -> None:
        """Show the view ``key`` (an unknown key, such as a hand-edited setting's, does
        nothing) and give it the focus."""
        if key in self._keys:
            index = self._keys.index(key)
            widget = self.widget(key)
            self.stack.setCurrentIndex(index)
            self._actions.actions()[index].setChecked(True)
            widget.setFocus(Qt.FocusReason.OtherFocusReason)

    @property
    def current(self) -> str:
        """The key of the view shown."""
        return self._keys[self.stack.currentIndex()]
