"""The views' HTML is built without Qt: an entry's page, a card's answer side, the revision
sheet's body and the timeline's tooltips render from plain values, in a process that never
loads PySide6."""

from __future__ import annotations

import subprocess
import sys

from ocstudy.content.repository import ContentRepository
from ocstudy.render.colors import Colors
from ocstudy.render.detail import DetailRenderer
from ocstudy.render.feedback import answer_html
from ocstudy.render.timeline import item_tooltip
from ocstudy.services.review.deck import content_deck
from ocstudy.services.timeline import timeline_items

COLORS = Colors("#000000", "#666666", "#0000ee", "#b3261e", "#fbe9e7", "#1e7b34", "#cccccc")


def test_rendering_loads_no_qt() -> None:
    modules = ", ".join(
        f"ocstudy.render.{name}"
        for name in ("colors", "detail", "feedback", "long_text", "sheet", "timeline")
    )
    probe = f"import sys, {modules}; print(sorted(m for m in sys.modules if 'PySide6' in m))"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_an_entry_page_in_the_colours_given(repository: ContentRepository) -> None:
    detail = repository.detail("firearms-protocol")
    assert detail is not None
    page = DetailRenderer(COLORS, lambda slug: slug.upper()).render(detail, {}, has_note=False)
    assert page.startswith("<h2") and "The paper says" in page and "The record says" in page
    assert f"background-color:{COLORS.warn_background}" in page  # the paper's mistake, marked


def test_an_answer_side_in_the_colours_given(repository: ContentRepository) -> None:
    card = next(c for c in content_deck(repository) if c.paper_notes and c.sources)
    side = answer_html(card, None, COLORS)
    assert "\u26a0" in side and f'<p style="color:{COLORS.muted}">Source: ' in side


def test_a_timeline_tooltip(repository: ContentRepository) -> None:
    item = next(i for i in timeline_items(repository) if i.differences)
    tooltip = item_tooltip(item)
    assert item.entity_name in tooltip and "\u26a0" in tooltip
