"""Draw the bundled icons' PNG files from their SVGs: resources/icons/<name>-<size>.png.

    python scripts/render_icons.py

Run it after changing an SVG in resources/icons (or a size in ``ocstudy.paths.ICON_SIZES``);
``tests/ui/test_icons.py`` fails while a PNG differs from its SVG drawn at its size.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from ocstudy import paths


def drawn(svg: Path, size: int) -> QImage:
    """``svg`` drawn on a transparent square of ``size`` pixels, as Qt's SVG icons are."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    QSvgRenderer(str(svg)).render(painter)
    painter.end()
    return image


def main() -> int:
    _app = QGuiApplication(sys.argv[:1])
    for name, sizes in paths.ICON_SIZES.items():
        for size, png in zip(sizes, paths.icon_pngs(name), strict=True):
            if not drawn(paths.icon_path(f"{name}.svg"), size).save(str(png)):
                print(f"render_icons: cannot write {png}", file=sys.stderr)
                return 2
            print(png)
    return 0


if __name__ == "__main__":
    sys.exit(main())
