"""Timing helpers and the one results table every benchmark reports into.

Every figure is a ratio against a baseline measured in the same run, on the same machine,
interleaved with ours, so that a busy shared machine slows both alike.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Result:
    name: str
    ours: float
    baseline: float
    baseline_name: str
    target: float | None  # maximum ratio, or None for information only
    unit: str = "ms"

    @property
    def ratio(self) -> float:
        return self.ours / self.baseline if self.baseline else float("inf")

    @property
    def met(self) -> str:
        if self.target is None:
            return "info"
        return "yes" if self.ratio <= self.target else "NO"


def timed(function: Callable[[], object]) -> float:
    """Milliseconds one call takes."""
    start = time.perf_counter()
    function()
    return (time.perf_counter() - start) * 1000


def interleaved_medians(
    ours: Callable[[], float], baseline: Callable[[], float], repeats: int
) -> tuple[float, float]:
    """Run both ``repeats`` times, alternating, and return their median measurements."""
    our_times: list[float] = []
    base_times: list[float] = []
    for _ in range(repeats):
        base_times.append(baseline())
        our_times.append(ours())
    return statistics.median(our_times), statistics.median(base_times)


def table(results: list[Result]) -> str:
    header = (
        f"{'measure':<44} {'ocstudy':>10} {'baseline':>10} {'ratio':>7} {'target':>7} "
        "met  baseline is"
    )
    lines = [header, "-" * len(header)]
    for r in results:
        target = f"{r.target:.2f}x" if r.target is not None else "-"
        lines.append(
            f"{r.name:<44} {r.ours:>8.1f}{r.unit:<2} {r.baseline:>8.1f}{r.unit:<2} "
            f"{r.ratio:>6.2f}x {target:>7} {r.met:<4} {r.baseline_name}"
        )
    return "\n".join(lines)
