"""The timeline's layout math, without Qt."""

from __future__ import annotations

import itertools
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ocstudy.timeline.layout import (
    MAX_ROWS,
    Lane,
    LaneEvent,
    glyph_at,
    layout_lane,
    layout_lane_unclustered,
    share_rows,
)
from ocstudy.timeline.scale import (
    MAX_PX_PER_DAY,
    TimeScale,
    clamp_zoom,
    day_number,
    from_day_number,
    tick_step,
    ticks,
)


def measure(text: str) -> float:
    return 7.0 * len(text)


def event(key: str, start: date, end: date | None = None) -> LaneEvent:
    return LaneEvent(day_number(start), day_number(end or start), key, key)


def test_date_to_x_and_back() -> None:
    scale = TimeScale(day_number(date(1909, 1, 1)), 0.5)
    x = scale.x(day_number(date(2000, 11, 15)))
    assert from_day_number(scale.day(x)) == date(2000, 11, 15)
    assert scale.x(scale.origin) == 0
    assert clamp_zoom(1e9) == MAX_PX_PER_DAY
    assert clamp_zoom(-1, minimum=0.01) == 0.01


@pytest.mark.parametrize(
    ("px_per_day", "unit"),
    [(0.005, "year"), (0.05, "year"), (0.5, "month"), (5, "month"), (20, "day"), (50, "day")],
)
def test_ticks_adapt_to_the_zoom(px_per_day: float, unit: str) -> None:
    assert tick_step(px_per_day)[0] == unit


@pytest.mark.parametrize("px_per_day", [0.003, 0.02, 0.2, 1.0, 4.0, 30.0])
def test_major_ticks_are_readable(px_per_day: float) -> None:
    first, last = day_number(date(1990, 1, 1)), day_number(date(2010, 1, 1))
    majors = [t for t in ticks(first, last, px_per_day) if t.major]
    gaps = [(b.day - a.day) * px_per_day for a, b in itertools.pairwise(majors)]
    assert majors and all(t.label for t in majors)
    assert all(gap >= 70 for gap in gaps)


def test_decade_and_month_labels() -> None:
    decades = ticks(day_number(date(1900, 1, 1)), day_number(date(2020, 1, 1)), 0.03)
    assert [t.label for t in decades if t.major][:3] == ["1900", "1910", "1920"]
    months = ticks(day_number(date(2000, 1, 1)), day_number(date(2000, 6, 1)), 3.0)
    assert "Mar 2000" in [t.label for t in months if t.major]


def test_sparse_events_each_get_a_glyph_and_a_row() -> None:
    lane = Lane(
        "oc",
        "Organized crime",
        [
            event("adopted", date(2000, 11, 15)),
            event("signing", date(2000, 12, 12), date(2000, 12, 15)),
            event("in force", date(2003, 9, 29)),
        ],
    )
    scale = TimeScale(day_number(date(1999, 1, 1)), 2.0)
    glyphs = layout_lane(lane, scale, scale.day(0), scale.day(4000), measure)
    assert [g.label for g in glyphs] == ["adopted", "signing", "in force"]
    assert not any(g.is_cluster for g in glyphs)
    assert glyphs[1].x1 > glyphs[1].x0  # a range is a bar
    assert glyphs[0].row != glyphs[1].row  # the first label would touch the second
    hit = glyph_at(glyphs, glyphs[2].x0, glyphs[2].row)
    assert hit is glyphs[2]


def test_crowded_events_fold_into_a_cluster_that_opens_on_zoom() -> None:
    days = [date(2001, 1, d) for d in range(1, 29)]
    lane = Lane("d", "Drugs", [event(f"e{d.day}", d) for d in days])
    coarse = TimeScale(day_number(date(1990, 1, 1)), 0.05)
    glyphs = layout_lane(lane, coarse, coarse.day(0), coarse.day(2000), measure)
    assert any(g.is_cluster for g in glyphs)
    assert sum(len(g.indices) for g in glyphs) == len(days)
    fine = TimeScale(day_number(date(2000, 12, 31)), 40.0)
    opened = layout_lane(lane, fine, fine.day(0), fine.day(1600), measure)
    assert all(not g.is_cluster for g in opened)


@st.composite
def lanes(draw: st.DrawFn) -> Lane:
    starts = draw(st.lists(st.integers(0, 20_000), min_size=0, max_size=300))
    events = []
    for i, start in enumerate(starts):
        length = draw(st.sampled_from([0, 0, 0, 3, 30, 365]))
        label = "x" * draw(st.integers(1, 40))
        events.append(LaneEvent(700_000 + start, 700_000 + start + length, f"k{i}", label))
    return Lane("t", "T", events)


@settings(max_examples=150, deadline=None)
@given(lane=lanes(), px_per_day=st.floats(0.001, 60), offset=st.integers(0, 20_000))
def test_labels_never_overlap_and_every_event_is_shown_once(
    lane: Lane, px_per_day: float, offset: int
) -> None:
    scale = TimeScale(700_000 - 100, px_per_day)
    first = 700_000 + offset * 0.5
    last = scale.day(scale.x(first) + 1600)
    glyphs = layout_lane(lane, scale, first, last, measure)
    for row in range(MAX_ROWS):
        extents = sorted(g.extent for g in glyphs if g.row == row)
        for (_, end), (start, _) in itertools.pairwise(extents):
            assert end <= start, "two glyphs overlap in a row"
    shown = [i for g in glyphs for i in g.indices]
    assert len(shown) == len(set(shown))
    touching = {i for i, e in enumerate(lane.events) if e.end >= first and e.start <= last}
    assert touching <= set(shown)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 3000), st.integers(0, 40), st.text(min_size=1, max_size=30)),
        max_size=150,
    )
)
def test_unclustered_layout_keeps_every_event_alone_and_apart(
    spans: list[tuple[int, int, str]],
) -> None:
    """For exports: every event on its own (no cluster), labels never overlapping in a row,
    and each in the first row where it fits."""
    origin = day_number(date(1990, 1, 1))
    events = [
        LaneEvent(origin + start, origin + start + length, f"e{n}", label, 8.0 * (n % 3))
        for n, (start, length, label) in enumerate(spans)
    ]
    lane = Lane("t", "T", events)
    scale = TimeScale(origin, 0.7)
    glyphs = layout_lane_unclustered(lane, scale, measure)
    assert sorted(i for g in glyphs for i in g.indices) == list(range(len(events)))
    assert not any(g.is_cluster for g in glyphs)
    rows: dict[int, list[tuple[float, float]]] = {}
    for glyph in glyphs:
        left = glyph.extent[0]
        earlier = [r for r in range(glyph.row) if rows.get(r)]
        for row in earlier:  # first fit: every lower row was still busy here
            assert rows[row][-1][1] + 6.0 > left
        rows.setdefault(glyph.row, []).append(glyph.extent)
    for extents in rows.values():
        for (_, end), (start, _) in itertools.pairwise(extents):
            assert end + 6.0 <= start + 1e-9


@settings(max_examples=200, deadline=None)
@given(
    needs=st.lists(st.integers(1, MAX_ROWS), min_size=1, max_size=9),
    budget=st.integers(0, 60),
)
def test_rows_are_shared_so_that_every_lane_fits(needs: list[int], budget: int) -> None:
    """Fit shows every lane: when the lanes need more rows than the height holds, each gets
    at least one and none more than it needs, and no lane is cut shorter than the others."""
    shares = share_rows(needs, budget)
    assert all(1 <= share <= need for share, need in zip(shares, needs, strict=True))
    if sum(needs) <= budget:
        assert shares == needs
    else:
        assert sum(shares) == max(budget, len(needs))
        for share, need in zip(shares, needs, strict=True):
            if share < need:  # a lane cut short has as many rows as any other, or one less
                assert share >= max(shares) - 1


def test_rows_are_shared_fairly() -> None:
    assert share_rows([5, 5, 5, 4, 4, 2, 1], 26) == [5, 5, 5, 4, 4, 2, 1]
    assert share_rows([5, 5, 5, 4, 4, 2, 1], 17) == [3, 3, 3, 3, 2, 2, 1]
    assert share_rows([5, 1, 1], 3) == [1, 1, 1]
    assert share_rows([5, 1, 1], 0) == [1, 1, 1]
