"""The bundled icons, as Qt icons."""

from __future__ import annotations

from PySide6.QtGui import QIcon

from ocstudy import paths


def bundled_icon(name: str) -> QIcon:
    """The bundled icon ``name`` at each of its sizes (:data:`ocstudy.paths.ICON_SIZES`)."""
    icon = QIcon()
    for png in paths.icon_pngs(name):
        icon.addFile(str(png))
    return icon
