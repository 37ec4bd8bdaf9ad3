"""Drive the real widgets as a user would, with QTest alone (no qtbot): the no-network flow
also runs as a script under strace, and shares these with the UI tests."""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor, QTextDocument, QTextFragment
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QTextBrowser

from ocstudy.ui.window.main_window import MainWindow

NO_MODIFIER = Qt.KeyboardModifier.NoModifier


def fragments(document: QTextDocument) -> Iterator[QTextFragment]:
    """Every run of same-format text in ``document``, in order."""
    block = document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            yield iterator.fragment()
            iterator += 1
        block = block.next()


def click_tree_item(window: MainWindow, slug: str) -> None:
    tree = window.study.tree
    index = window.study.model.index_of(slug)
    assert index.isValid(), f"{slug} is not in the tree"
    tree.scrollTo(index)
    QTest.mouseClick(
        tree.viewport(), Qt.MouseButton.LeftButton, NO_MODIFIER, tree.visualRect(index).center()
    )


def click_link(browser: QTextBrowser, href: str) -> None:
    """Click the first anchor pointing at ``href``, where it is drawn."""
    document = browser.document()
    for fragment in fragments(document):
        if fragment.charFormat().anchorHref() == href:
            cursor = QTextCursor(document)
            cursor.setPosition(fragment.position() + max(1, fragment.length() // 2))
            browser.setTextCursor(cursor)
            browser.ensureCursorVisible()
            rect = browser.cursorRect(cursor)
            point = QPoint(rect.center().x() - 2, rect.center().y())
            QTest.mouseClick(browser.viewport(), Qt.MouseButton.LeftButton, NO_MODIFIER, point)
            return
    raise AssertionError(f"no link to {href}")
