"""What a learner on a small screen cannot reach: the controls of the view shown that lie
outside the screen's free room, and the panes squeezed too small to read. Used in process (a
fake screen) and by ``small_screen_driver.py`` (the real app on a real X display)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QStatusBar,
    QTableView,
    QTreeView,
    QWidget,
)

CONTROLS = (
    QAbstractButton,
    QAbstractScrollArea,  # lists, tables, trees, text fields, the timeline, a scrolled page
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QStatusBar,
)
#: Panes a view is for, by object name: the least room each needs to be read (width, height).
PANES = {
    "instrumentTree": (180, 150),
    "detailPane": (360, 150),
    "notesEditor": (360, 60),
    "timelineView": (600, 200),
    "quizColumn": (400, 200),
    "statsPage": (600, 200),
}
#: The cards browser's columns are seen to elsewhere (``ui/cards``).
COLUMNS_NOT_CHECKED = {"cardsTable"}
NARROWEST_COLUMN = 40


def _scrolled(widget: QWidget) -> bool:
    """Whether ``widget`` is on a page that scrolls (it is reached by scrolling)."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea) and not isinstance(parent, QHeaderView):
            return True
        parent = parent.parentWidget()
    return False


def _name(widget: QWidget) -> str:
    text = widget.text() if isinstance(widget, QAbstractButton | QLineEdit | QLabel) else ""
    return f"{type(widget).__name__} {widget.objectName() or widget.accessibleName()!r} {text!r}"


def cut_labels(window: QMainWindow) -> list[str]:
    """The labels shown narrower than their text in one line (and not wrapping it)."""
    return [
        f"{_name(label)} {label.text()[:60]!r} is cut: {label.width()} of "
        f"{label.minimumSizeHint().width()} px"
        for label in window.findChildren(QLabel)
        if label.isVisible()
        and label.window() is window
        and label.text()
        and not label.wordWrap()
        and label.width() < label.minimumSizeHint().width()
    ]


def out_of_reach(window: QMainWindow, room: QRect) -> list[str]:
    """What in ``window``'s view shown (and its menu, tool and status bars) is out of
    ``room`` (the screen's free room, global coordinates), squeezed too small, or cut."""
    problems = cut_labels(window)
    if not room.contains(window.frameGeometry()):
        problems.append(f"the window {window.frameGeometry()} is not inside {room}")
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or widget.window() is not window or _scrolled(widget):
            continue
        if isinstance(widget, CONTROLS) and not isinstance(widget, QHeaderView):
            where = QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())
            if not room.contains(where):
                problems.append(f"{_name(widget)} at {where} is off the screen")
        least = PANES.get(widget.objectName())
        if least and (widget.width() < least[0] or widget.height() < least[1]):
            problems.append(f"{_name(widget)} is squeezed to {widget.size()}, needs {least}")
        if isinstance(widget, QTableView | QTreeView) and (
            widget.objectName() not in COLUMNS_NOT_CHECKED
        ):
            problems.extend(_narrow_columns(widget))
    return problems


def _narrow_columns(view: QAbstractItemView) -> list[str]:
    model = view.model()
    header = view.horizontalHeader() if isinstance(view, QTableView) else view.header()
    if model is None or (isinstance(view, QTreeView) and model.columnCount() == 1):
        return []  # a tree's one column is the view's width
    return [
        f"{_name(view)}: column {model.headerData(column, header.orientation())!r} is "
        f"{header.sectionSize(column)} px"
        for column in range(model.columnCount())
        if not header.isSectionHidden(column) and header.sectionSize(column) < NARROWEST_COLUMN
    ]
