"""The timeline view with its toolbar (theme and event-kind filters, remembered; zoom buttons;
export to PNG or SVG of the current view or the whole timeline), its legend, and the panel
of the selected event."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ocstudy.content.vocabulary import EVENT_KINDS
from ocstudy.services.timeline import SPAN_KIND, TimelineItem
from ocstudy.ui.common.file_dialogs import save_file_path
from ocstudy.ui.timeline.input import ZOOM_STEP
from ocstudy.ui.timeline.view import TimelineView
from ocstudy.ui.timeline.widgets import EventDetails, StayOpenMenu, TimelineLegend


def _menu_button(
    parent: QWidget, text: str, name: str, stays_open: bool = False
) -> tuple[QToolButton, QMenu]:
    button = QToolButton(parent)
    button.setText(text)
    button.setObjectName(name)
    button.setAccessibleName(text)
    button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
    menu = StayOpenMenu(button) if stays_open else QMenu(button)
    menu.setObjectName(f"{name}Menu")
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
        self._settings: QSettings | None = None  # given by restore_state
        self.view = TimelineView(items, themes, self)
        kinds = sorted({item.kind for item in items})
        self.theme_actions: dict[str, QAction] = {}
        self.kind_actions: dict[str, QAction] = {}

        themes_button, themes_menu = _menu_button(self, "Themes", "timelineThemes", True)
        self._all_none(themes_menu, self.theme_actions)
        for key, label in themes:
            self.theme_actions[key] = self._toggle(themes_menu, label)
        kinds_button, kinds_menu = _menu_button(self, "Events", "timelineKinds", True)
        self._all_none(kinds_menu, self.kind_actions)
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
            ("\u2212", "Zoom out (-)", lambda: self.view.zoom_step(1 / ZOOM_STEP), "zoomOut"),
            ("+", "Zoom in (+)", lambda: self.view.zoom_step(ZOOM_STEP), "zoomIn"),
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
        hint.setWordWrap(True)  # with larger text it takes two lines, not the screen's width
        toolbar.addWidget(hint, 1)
        self.legend_button = QToolButton(self)
        self.legend_button.setText("Legend")
        self.legend_button.setObjectName("timelineLegendToggle")
        self.legend_button.setAccessibleName("Show the legend")
        self.legend_button.setToolTip("Show or hide the key to the marks and colours")
        self.legend_button.setCheckable(True)
        self.legend_button.setChecked(True)
        toolbar.addWidget(self.legend_button)
        toolbar.addWidget(export_button)
        self.legend = TimelineLegend(themes, self)
        self.legend_button.toggled.connect(self.legend.setVisible)
        self.details = EventDetails(self)
        self.view.eventSelected.connect(self._show_event)
        self.details.entityOpened.connect(self.view.entityOpened)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(toolbar)
        layout.addWidget(self.legend)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.details)
        self.setFocusProxy(self.view)

    def _show_event(self, key: str) -> None:
        self.details.show_item(self.view.item(key) if key else None)

    def _all_none(self, menu: QMenu, actions: dict[str, QAction]) -> None:
        """ "All" and "None" at the top of a filter menu; the menu stays open for them too."""
        for text, checked in (("All", True), ("None", False)):
            action = menu.addAction(text)
            action.setProperty("staysOpen", True)
            action.triggered.connect(lambda _=False, c=checked: self._set_all(actions, c))
        menu.addSeparator()

    def _set_all(self, actions: dict[str, QAction], checked: bool) -> None:
        for action in actions.values():
            action.blockSignals(True)
            action.setChecked(checked)
            action.blockSignals(False)
        self._apply_filters()

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
        settings.setValue("timeline/legend", self.legend_button.isChecked())

    def restore_state(self, settings: QSettings) -> None:
        """The filters and the legend as they were; the export dialog keeps its folder in
        ``settings`` too (:mod:`ocstudy.ui.common.file_dialogs`)."""
        self._settings = settings
        for key, actions in (
            ("hiddenThemes", self.theme_actions),
            ("hiddenKinds", self.kind_actions),
        ):
            hidden = set(str(settings.value(f"timeline/{key}", "")).split(","))
            for name, action in actions.items():
                action.blockSignals(True)
                action.setChecked(name not in hidden)
                action.blockSignals(False)
        self.legend_button.setChecked(bool(settings.value("timeline/legend", True, type=bool)))
        self._apply_filters()

    # -- export -----------------------------------------------------------------------------

    def _ask_export(self, whole: bool, suffix: str) -> None:
        kind = "SVG image (*.svg)" if suffix == "svg" else "PNG image (*.png)"
        name = f"ocstudy-timeline.{suffix}"
        target = save_file_path(self, "Export the timeline", self._settings, name, kind)
        if target is None:
            return
        if target.suffix.lower() != f".{suffix}":
            target = target.with_name(f"{target.name}.{suffix}")
        self._tell(self._export_and_say(target, whole))

    def _export_and_say(self, path: Path, whole: bool) -> str:
        try:
            written = self.export(path, whole)
        except OSError as error:
            return f"Could not export the timeline: {error}"
        if len(written) == 1:
            return f"Timeline exported to {written[0]}"
        return f"Timeline exported to {len(written)} pages: {written[0]} \u2026 {written[-1].name}"

    def _tell(self, message: str) -> None:
        window = self.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(message, 10_000)

    def export(self, path: Path, whole: bool) -> list[Path]:
        """Write the current view, or the whole timeline (every event, no clusters), as PNG
        or SVG with a title and the legend; return the files written (a tall whole timeline
        as PNG takes several pages)."""
        from ocstudy.ui.timeline.export import export_view, whole_timeline_view

        themes, _ = self._current_filters()
        shown = [(key, label) for key, label in self._themes if key in themes]
        names = ", ".join(label for _, label in shown) if len(shown) < len(self._themes) else ""
        title = "ocstudy \u2014 timeline" + (f": {names}" if names else "")
        if not whole:
            return export_view(self.view, path, shown, title, whole=False)
        source = whole_timeline_view(self._items, self._themes, self._current_filters(), self.view)
        try:
            return export_view(source, path, shown, title, whole=True)
        finally:
            source.deleteLater()

    def _current_filters(self) -> tuple[set[str], set[str] | None]:
        themes = {key for key, action in self.theme_actions.items() if action.isChecked()}
        kinds = {key for key, action in self.kind_actions.items() if action.isChecked()}
        return themes, None if kinds == set(self.kind_actions) else kinds
