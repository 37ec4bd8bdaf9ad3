"""Lanes, rows and clusters: where each event's marker and label go at a given zoom.

Only the events in (or near) the visible range are laid out, so the cost of a zoom step
depends on what is on screen, not on how many events exist. Within a lane, events are taken
in time order and each label goes in the first row where it does not touch the previous
glyph; an event that finds no free row is folded into the last glyph of the least crowded
row, which becomes a cluster ("12 events") that opens again as the user zooms in. Labels in
one row therefore never overlap, by construction.

When far more events are visible than could ever be labelled, they are first grouped into
buckets of a fixed width in days (aligned to the origin, so they do not jump while panning),
each bucket counted with a binary search: the work is then proportional to the screen width.
"""

from __future__ import annotations

import heapq
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from ocstudy.timeline.scale import TimeScale

Measure = Callable[[str], float]

MARKER_PX = 10.0  # width of a single-day marker
LABEL_GAP_PX = 6.0  # space between a marker and its label, and between glyphs in a row
MAX_ROWS = 5
BUCKET_PX = 96.0  # bucket width when events are far too many to label
PX_PER_LABEL = 24.0  # below this much room per visible event, bucket first


class LaneEvent(NamedTuple):
    """One event as the layout sees it: a span of days, a label, and extra label width.

    A named tuple, in this field order, so that tens of thousands are cheap to make and sort
    by themselves in time order (start, end, then key)."""

    start: float  # day number of the first day
    end: float  # day number of the last day (== start for one day)
    key: str
    label: str
    extra_px: float = 0.0  # decorations drawn after the label (other themes' dots)


@dataclass
class Glyph:
    """What the view draws: one event, or a cluster of events, in a row of a lane."""

    indices: Sequence[int]  # positions in the lane's event list
    row: int
    x0: float  # marker or bar start, px
    x1: float  # bar end, px (== x0 for a marker or a cluster)
    label: str
    label_x0: float
    label_x1: float

    @property
    def is_cluster(self) -> bool:
        return len(self.indices) > 1

    @property
    def extent(self) -> tuple[float, float]:
        """Everything drawn: from the marker's left edge to the end of the bar or label."""
        return (self.x0 - MARKER_PX / 2, max(self.x1, self.label_x1))


@dataclass
class Lane:
    """A theme's events, sorted by start."""

    key: str
    label: str
    events: Sequence[LaneEvent]
    _starts: list[float] = field(init=False, repr=False)
    _longest: float = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.events = sorted(self.events)
        self._starts = [event.start for event in self.events]
        self._longest = max((e.end - e.start for e in self.events), default=0.0)

    def visible_range(self, first_day: float, last_day: float) -> range:
        """Indices of the events that may touch ``[first_day, last_day]``."""
        low = bisect_left(self._starts, first_day - self._longest)
        high = bisect_right(self._starts, last_day)
        return range(low, high)

    def index_at_or_after(self, day: float) -> int:
        return bisect_left(self._starts, day)


def cluster_label(count: int) -> str:
    return f"{count:,} events"


def _groups(lane: Lane, scale: TimeScale, first_day: float, last_day: float) -> list[range]:
    visible = lane.visible_range(first_day, last_day)
    width_px = max(1.0, scale.x(last_day) - scale.x(first_day))
    if len(visible) <= width_px / PX_PER_LABEL:
        return [range(i, i + 1) for i in visible if lane.events[i].end >= first_day]
    bucket_days = BUCKET_PX / scale.px_per_day
    first_bucket = int((first_day - scale.origin) // bucket_days)
    last_bucket = int((last_day - scale.origin) // bucket_days)
    groups = []
    low = visible.start
    for bucket in range(first_bucket, last_bucket + 1):
        high = lane.index_at_or_after(scale.origin + (bucket + 1) * bucket_days)
        high = min(max(high, low), visible.stop)
        if high > low:
            groups.append(range(low, high))
        low = high
    return groups


def _glyph(lane: Lane, group: range, scale: TimeScale, measure: Measure) -> Glyph:
    first = lane.events[group.start]
    x0 = scale.x(first.start)
    if len(group) == 1:
        ranged = first.end > first.start
        x1 = max(scale.x(first.end + 1), x0 + MARKER_PX) if ranged else x0
        label, extra = first.label, first.extra_px
    else:
        x1, label, extra = x0, cluster_label(len(group)), 0.0
    label_x0 = max(x1, x0 + MARKER_PX / 2) + LABEL_GAP_PX + extra
    return Glyph(group, 0, x0, x1, label, label_x0, label_x0 + measure(label))


def layout_lane(
    lane: Lane,
    scale: TimeScale,
    first_day: float,
    last_day: float,
    measure: Measure,
    max_rows: int = MAX_ROWS,
) -> list[Glyph]:
    """Glyphs for the lane's events in the day range, packed into at most ``max_rows`` rows."""
    row_ends: list[float] = [float("-inf")] * max_rows
    row_last: list[Glyph | None] = [None] * max_rows
    glyphs: list[Glyph] = []
    for group in _groups(lane, scale, first_day, last_day):
        glyph = _glyph(lane, group, scale, measure)
        left = glyph.extent[0]
        row = next((r for r in range(max_rows) if row_ends[r] + LABEL_GAP_PX <= left), None)
        if row is not None:
            glyph.row = row
            glyphs.append(glyph)
            row_ends[row] = glyph.extent[1]
            row_last[row] = glyph
            continue
        row = min(range(max_rows), key=lambda r: row_ends[r])
        host = row_last[row]
        assert host is not None
        host.indices = [*host.indices, *group]
        host.x1 = host.x0
        host.label = cluster_label(len(host.indices))
        host.label_x0 = host.x0 + MARKER_PX / 2 + LABEL_GAP_PX
        host.label_x1 = host.label_x0 + measure(host.label)
        row_ends[row] = host.extent[1]
    return glyphs


def layout_lane_unclustered(lane: Lane, scale: TimeScale, measure: Measure) -> list[Glyph]:
    """Every event of the lane on its own, in as many rows as it takes (for printing and
    whole-timeline exports, where nothing may hide in a cluster).

    First fit, like :func:`layout_lane`, but with two heaps (rows still busy, by where they end;
    rows free again, by number) so that the cost stays O(n log n) however many rows it takes."""
    busy: list[tuple[float, int]] = []
    free: list[int] = []
    rows = 0
    glyphs: list[Glyph] = []
    for index in range(len(lane.events)):
        glyph = _glyph(lane, range(index, index + 1), scale, measure)
        left, right = glyph.extent
        while busy and busy[0][0] + LABEL_GAP_PX <= left:
            heapq.heappush(free, heapq.heappop(busy)[1])
        if free:
            glyph.row = heapq.heappop(free)
        else:
            glyph.row, rows = rows, rows + 1
        heapq.heappush(busy, (right, glyph.row))
        glyphs.append(glyph)
    return glyphs


def share_rows(needs: Sequence[int], budget: int) -> list[int]:
    """How many rows each lane may have when together they may have ``budget`` (fit all: every
    lane on screen). Each lane gets what it needs if all fit; else at least one, and the same cap
    for all (a lane needing fewer keeps fewer), the rows left over going one each to the lanes
    that need the most, the upper first."""
    if sum(needs) <= budget:
        return list(needs)
    cap = 1
    while sum(min(need, cap + 1) for need in needs) <= budget:
        cap += 1
    shares = [min(need, cap) for need in needs]
    left = budget - sum(shares)
    for index in sorted(range(len(needs)), key=lambda i: -needs[i]):
        if left <= 0:
            break
        if needs[index] > shares[index]:
            shares[index] += 1
            left -= 1
    return shares


def glyph_at(glyphs: Sequence[Glyph], x: float, row: int, slack: float = 3.0) -> Glyph | None:
    """The glyph drawn at ``x`` in ``row`` (marker, bar or label), if any."""
    for glyph in glyphs:
        if glyph.row == row:
            start, end = glyph.extent
            if start - slack <= x <= end + slack:
                return glyph
    return None
