"""Run every benchmark and print one table:  python benchmarks/run.py [--quick]

--quick uses small synthetic data and few repeats, so that CI keeps the benchmarks working;
its figures are not meant to be read. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import platform
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_anki_reviews
import bench_browser
import bench_change_refresh
import bench_forecast
import bench_fsrs_fit
import bench_notes
import bench_quiz
import bench_search
import bench_sheet
import bench_startup
import bench_stats
import bench_sync
import bench_timeline
from harness import table

BENCHMARKS = [
    bench_startup,
    bench_search,
    bench_timeline,
    bench_quiz,
    bench_sheet,
    bench_browser,
    bench_change_refresh,
    bench_fsrs_fit,
    bench_notes,
    bench_stats,
    bench_sync,
    bench_anki_reviews,
    bench_forecast,
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small data, few repeats (CI)")
    args = parser.parse_args()
    results = []
    for module in BENCHMARKS:
        results += module.run(args.quick)
    print(
        f"ocstudy benchmarks ({'quick' if args.quick else 'full'}) on {platform.platform()}, "
        f"Python {platform.python_version()}"
    )
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
