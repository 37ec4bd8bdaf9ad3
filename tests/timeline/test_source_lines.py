"""The timeline's source lines (the selected event's panel and an event's tooltip) never part a
citation where a line wraps: "footnote 9" and "§ References" keep a no-break space."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from ocstudy.content.repository import ContentRepository
from ocstudy.phrasing import NBSP
from ocstudy.render.timeline import item_tooltip
from ocstudy.services.timeline import TimelineItem, timeline_items
from ocstudy.ui.timeline.widgets import EventDetails


def with_footnote(repository: ContentRepository) -> TimelineItem:
    return next(
        item for item in timeline_items(repository) if any("footnote" in s for s in item.sources)
    )


def test_the_selected_events_panel_keeps_each_citation_whole(
    qtbot: QtBot, repository: ContentRepository
) -> None:
    item = with_footnote(repository)
    details = EventDetails()
    qtbot.addWidget(details)
    details.show_item(item)
    label = details.findChild(QLabel, "timelineEventText")
    assert isinstance(label, QLabel)
    for text in (label.text(), label.toolTip()):
        assert f"footnote{NBSP}" in text and "footnote " not in text
        assert f"§{NBSP}" in text and "§ " not in text


def test_an_events_tooltip_keeps_each_citation_whole(repository: ContentRepository) -> None:
    tooltip = item_tooltip(with_footnote(repository))
    assert f"footnote{NBSP}" in tooltip and "footnote " not in tooltip
    assert f"§{NBSP}" in tooltip and "§ " not in tooltip
