"""The timeline view with its toolbar: theme and event-kind filters (remembered), zoom
buttons, and export to PNG or SVG of the current view or the whole timeline."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, QSettings, QSize, Qt
from PySide6.QtGui import QAction, QImage, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ocstudy.content.vocabulary import EVENT_KINDS
from ocstudy.services.timeline import SPAN_KIND, TimelineItem
from ocstudy.ui.timeline.input import ZOOM_STEP
from ocstudy.ui.timeline.view import TimelineView

EXPORT_WIDTH = 2400


def _menu_button(parent: QWidget, text: str, name: str) -> tuple[QToolButton, QMenu]:
    button = QToolButton(parent)
    button.setText(text)
    button.setObjectName(name)
    button.setAccessibleName(text)
    button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
    menu = QMenu(button)
    button.setMenu(menu)
    return button, menu


class TimelinePanel(QWidget):
    def __init__(
        self,
        items: list[TimelineItem],
        themes: list[tuple[str, str]],
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("timelinePanel")
        self._items, self._themes = items, themes
        self.view = TimelineView(items, themes, self)
        kinds = sorted({item.kind for item in items})
        self.theme_actions: dict[str, QAction] = {}
        self.kind_actions: dict[str, QAction] = {}

        themes_button, themes_menu = _menu_button(self, "Themes", "timelineThemes")
        for key, label in themes:
            self.theme_actions[key] = self._toggle(themes_menu, label)
        kinds_button, kinds_menu = _menu_button(self, "Events", "timelineKinds")
        for kind in kinds:
            label = "Adoption to entry into force" if kind == SPAN_KIND else EVENT_KINDS[kind]
            self.kind_actions[kind] = self._toggle(kinds_menu, label)
        export_button, export_menu = _menu_button(self, "Export", "timelineExport")
        for text, whole, suffix in (
            ("Current view as PNG\u2026", False, "png"),
            ("Current view as SVG\u2026", False, "svg"),
            ("Whole timeline as PNG\u2026", True, "png"),
            ("Whole timeline as SVG\u2026", True, "svg"),
        ):
            action = export_menu.addAction(text)
            action.triggered.connect(lambda _=False, w=whole, s=suffix: self._ask_export(w, s))

        toolbar = QHBoxLayout()
        toolbar.addWidget(themes_button)
        toolbar.addWidget(kinds_button)
        for text, tip, slot, name in (
            ("\u2212", "Zoom out (-)", lambda: self.view.zoom_by(1 / ZOOM_STEP), "zoomOut"),
            ("+", "Zoom in (+)", lambda: self.view.zoom_by(ZOOM_STEP), "zoomIn"),
            ("Fit", "Show everything (0 or Home)", self.view.fit_all, "zoomFit"),
            (
                "Zoom to selection",
                "Zoom to the selected entry's events (Z)",
                lambda: self.view.zoom_to_entity(),
                "zoomSelection",
            ),
        ):
            button = QToolButton(self)
            button.setText(text)
            button.setToolTip(tip)
            button.setAccessibleName(tip)
            button.setObjectName(name)
            button.clicked.connect(slot)
            toolbar.addWidget(button)
        hint = QLabel("Ctrl+wheel or pinch to zoom, drag to pan, \u2190 \u2192 to step", self)
        hint.setEnabled(False)
        toolbar.addWidget(hint, 1)
        toolbar.addWidget(export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(toolbar)
        layout.addWidget(self.view, 1)
        self.setFocusProxy(self.view)

    def _toggle(self, menu: QMenu, text: str) -> QAction:
        action = menu.addAction(text)
        action.setCheckable(True)
        action.setChecked(True)
        action.toggled.connect(self._apply_filters)
        return action

    def _apply_filters(self) -> None:
        self.view.set_filters(*self._current_filters())

    # -- state ------------------------------------------------------------------------------

    def save_state(self, settings: QSettings) -> None:
        hidden_themes = [k for k, a in self.theme_actions.items() if not a.isChecked()]
        hidden_kinds = [k for k, a in self.kind_actions.items() if not a.isChecked()]
        settings.setValue("timeline/hiddenThemes", ",".join(hidden_themes))
        settings.setValue("timeline/hiddenKinds", ",".join(hidden_kinds))

    def restore_state(self, settings: QSettings) -> None:
        for key, actions in (
            ("hiddenThemes", self.theme_actions),
            ("hiddenKinds", self.kind_actions),
        ):
            hidden = set(str(settings.value(f"timeline/{key}", "")).split(","))
            for name, action in actions.items():
                action.blockSignals(True)
                action.setChecked(name not in hidden)
                action.blockSignals(False)
        self._apply_filters()

    # -- export -----------------------------------------------------------------------------

    def _ask_export(self, whole: bool, suffix: str) -> None:
        kind = "SVG image (*.svg)" if suffix == "svg" else "PNG image (*.png)"
        name = f"ocstudy-timeline.{suffix}"
        path, _ = QFileDialog.getSaveFileName(self, "Export the timeline", name, kind)
        if path:
            self.export(Path(path), whole)

    def export(self, path: Path, whole: bool) -> Path:
        """Write the current view, or the whole timeline fitted to a wide page, as PNG or SVG."""
        source = self.view
        if whole:
            source = TimelineView(self._items, self._themes)
            source.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
            source.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            source.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            source.set_filters(*self._current_filters())
            source.resize(EXPORT_WIDTH, 800)
            source.show()
            source.fit_all()
            source.resize(EXPORT_WIDTH, int(source.sceneRect().height()) + 4)
            source.fit_all()
        size = source.viewport().size()
        target = QRectF(0, 0, size.width(), size.height())
        if path.suffix.lower() == ".svg":
            generator = QSvgGenerator()
            generator.setFileName(str(path))
            generator.setSize(size)
            generator.setViewBox(target)
            generator.setTitle("ocstudy timeline")
            painter = QPainter(generator)
            source.render(painter, target, source.viewport().rect())
            painter.end()
        else:
            image = QImage(QSize(size.width(), size.height()), QImage.Format.Format_ARGB32)
            image.fill(source.palette().base().color())
            painter = QPainter(image)
            source.render(painter, target, source.viewport().rect())
            painter.end()
            image.save(str(path))
        if whole:
            source.deleteLater()
        return path

    def _current_filters(self) -> tuple[set[str], set[str] | None]:
        themes = {key for key, action in self.theme_actions.items() if action.isChecked()}
        kinds = {key for key, action in self.kind_actions.items() if action.isChecked()}
        return themes, None if kinds == set(self.kind_actions) else kinds
