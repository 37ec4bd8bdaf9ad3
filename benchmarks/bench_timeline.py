"""Timeline: scene build, first paint and a zoom step on a synthetic content database of
50,000 events, each against a bare QGraphicsView holding the same number of plain
rectangles, measured in the same run (issue 4). Targets: build <= 2x, zoom step <= 1.5x.

The whole-timeline export (every event, no clusters) must stay linear: its time per event for
all the events against its time per event for a tenth of them, target <= 1.5x."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QRectF, Qt
from PySide6.QtWidgets import QApplication, QGraphicsScene, QGraphicsView

from harness import Result, interleaved_medians, timed
from ocstudy.content.repository import ContentRepository
from ocstudy.services.timeline import TimelineItem, timeline_items
from ocstudy.timeline.scale import day_number
from ocstudy.ui.timeline.view import TimelineView
from synthetic import build_synthetic

SIZE = (1400, 800)


def _bare_view(items: list[TimelineItem], lanes: dict[str, int]) -> QGraphicsView:
    view = QGraphicsView()
    scene = QGraphicsScene(view)
    for item in items:
        x = day_number(item.start)
        width = max(1.0, day_number(item.end) - x)
        scene.addRect(QRectF(x, lanes[item.theme] * 30.0, width, 10.0))
    view.setScene(scene)
    view.resize(*SIZE)
    return view


def _our_view(items: list[TimelineItem], themes: list[tuple[str, str]]) -> TimelineView:
    view = TimelineView(items, themes)
    view.resize(*SIZE)
    return view


def run(quick: bool) -> list[Result]:
    app = QApplication.instance() or QApplication([])
    entities = 500 if quick else 5000
    repeats = 3 if quick else 7
    with tempfile.TemporaryDirectory() as folder:
        db = build_synthetic(Path(folder) / "timeline.db", entities, 10)
        content = ContentRepository.open(db)
        items = timeline_items(content)
        content.close()
    themes = [(key, key.replace("-", " ").title()) for key in sorted({i.theme for i in items})]
    lanes = {key: index for index, (key, _) in enumerate(themes)}
    events = f"{len(items):,} items"

    def build_ours() -> float:
        return timed(lambda: _our_view(items, themes).deleteLater())

    def build_bare() -> float:
        return timed(lambda: _bare_view(items, lanes).deleteLater())

    build = interleaved_medians(build_ours, build_bare, repeats)

    def first_paint(make: object, fit: object) -> float:
        view = make()  # type: ignore[operator]
        view.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
        view.show()
        app.processEvents()
        fit(view)  # type: ignore[operator]
        elapsed = timed(lambda: view.viewport().grab())
        view.deleteLater()
        return elapsed

    def fit_bare(view: QGraphicsView) -> None:
        view.fitInView(view.sceneRect(), Qt.AspectRatioMode.IgnoreAspectRatio)

    paint = interleaved_medians(
        lambda: first_paint(lambda: _our_view(items, themes), lambda v: v.fit_all()),
        lambda: first_paint(lambda: _bare_view(items, lanes), fit_bare),
        repeats,
    )

    ours = _our_view(items, themes)
    bare = _bare_view(items, lanes)
    for view in (ours, bare):
        view.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
        view.show()
    app.processEvents()
    ours.fit_all()
    fit_bare(bare)

    def zoom_ours() -> float:
        factor = 1.5 if ours.time_scale.px_per_day < 1 else 1 / 1.5**8
        return timed(lambda: (ours.zoom_by(factor), ours.viewport().grab()))

    def zoom_bare() -> float:
        factor = 1.5 if bare.transform().m11() < ours.time_scale.px_per_day * 1.01 else 1 / 1.5**8
        return timed(lambda: (bare.scale(factor, 1), bare.viewport().grab()))

    zoom = interleaved_medians(zoom_ours, zoom_bare, repeats * 2)
    export = _export_per_event(items, themes, max(1, repeats // 2))
    for view in (ours, bare):
        view.close()
        view.deleteLater()
    app.processEvents()
    baseline = f"bare QGraphicsView, {events} as plain rects"
    return [
        Result(f"timeline: scene build ({events})", *build, baseline, 2.0),
        Result("timeline: first paint (fit all)", *paint, baseline, None),
        Result("timeline: zoom step (x1.5, repaint)", *zoom, baseline, 1.5),
        Result(
            f"timeline: whole export as SVG, per event ({events})",
            *export,
            "the same per event for a tenth of the items",
            1.5,
            unit="\u00b5s",
        ),
    ]


def _export_per_event(
    items: list[TimelineItem], themes: list[tuple[str, str]], repeats: int
) -> tuple[float, float]:
    """Microseconds per event to export the whole timeline (every event, no clusters) as SVG,
    for all the items and for a tenth of them."""
    from ocstudy.ui.timeline.export import export_view, whole_timeline_view

    tenth = items[::10]
    like = TimelineView(tenth, themes)
    all_themes = ({key for key, _ in themes}, None)

    def per_event(chosen: list[TimelineItem]) -> float:
        with tempfile.TemporaryDirectory() as folder:

            def write() -> None:
                view = whole_timeline_view(chosen, themes, all_themes, like)
                export_view(view, Path(folder) / "t.svg", themes, "bench", whole=True)
                view.deleteLater()

            return timed(write) * 1000 / len(chosen)

    result = interleaved_medians(lambda: per_event(items), lambda: per_event(tenth), repeats)
    like.deleteLater()
    return result
