"""The bundled icons are shown from PNG files drawn from their SVGs (``ocstudy.paths.ICON_SIZES``):
the same pixels as the SVG drawn by Qt at each size, without Qt's SVG library in the app."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon, QImage
from pytestqt.qtbot import QtBot

from ocstudy import paths
from ocstudy.ui.common.icons import bundled_icon
from ocstudy.ui.window.main_window import MainWindow

ICONS = [(name, size) for name, sizes in paths.ICON_SIZES.items() for size in sizes]


def _pixels(image: QImage) -> tuple[tuple[int, int], bytes]:
    argb = image.convertToFormat(QImage.Format.Format_ARGB32)
    return argb.size().toTuple(), bytes(argb.constBits())


@pytest.mark.parametrize(("name", "size"), ICONS)
def test_each_png_is_its_svg_as_qt_draws_it(qapp: object, name: str, size: int) -> None:
    """If this fails, an SVG changed: run ``python scripts/render_icons.py``."""
    drawn_by_qt = QIcon(str(paths.icon_path(f"{name}.svg"))).pixmap(QSize(size, size)).toImage()
    png = paths.icon_path(f"{name}-{size}.png")
    assert png in paths.icon_pngs(name)
    assert _pixels(QImage(str(png))) == _pixels(drawn_by_qt)


def test_the_icons_offer_every_size_and_no_other(qapp: object) -> None:
    for name, sizes in paths.ICON_SIZES.items():
        offered = sorted(size.width() for size in bundled_icon(name).availableSizes())
        assert offered == sorted(sizes), name


def test_the_tree_marks_a_noted_entry_with_the_note_icon(
    qtbot: QtBot, window: MainWindow, data_dir: Path
) -> None:
    study = window.study
    study.select("firearms-protocol")
    qtbot.keyClicks(study.notes.editor, "Ratified by 120 states.")
    study.select("untoc")  # the note is saved on leaving it
    marker = study.model.index_of("firearms-protocol").data(1)  # DecorationRole
    assert isinstance(marker, QIcon) and not marker.isNull()
    shown = marker.pixmap(QSize(16, 16)).toImage()
    assert _pixels(shown) == _pixels(QImage(str(paths.icon_path("note-16.png"))))
