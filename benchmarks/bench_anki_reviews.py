"""Reviews brought back from Anki (issue 25): ``ocstudy import anki-reviews`` of a package
holding 100,000 review log entries on ocstudy's cards, against reading the same ``revlog``
rows with ``sqlite3`` alone from the same package. Target: at most 2x.

The baseline is the least any reader of the package does: the collection unzipped and
decompressed (zstd) into a temporary file, as ``sqlite3`` cannot read it inside the archive,
then ``SELECT * FROM revlog`` fetched whole (the two first steps take about 15 ms of its
130 ms). It maps nothing to ocstudy's cards and writes nothing.

The package is made by Anki itself: ocstudy's deck exported and imported into a fresh
collection, a synthetic history of answers written into its review log (every card of the
real content, answered about every few days over years), then exported with scheduling
information (modern .apkg: zstd). Each import goes into a fresh copy of the learner's folder.
An info row times reading the package alone (unzip, zstd, the log mapped to ocstudy's cards);
the rest is the merge (every touched card's FSRS replay, the log written). The phases inside
one import are in benchmarks/README.md.
"""

from __future__ import annotations

import random
import shutil
import sqlite3
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from harness import Result, interleaved_medians
from ocstudy import paths
from ocstudy.content.repository import ContentRepository
from ocstudy.services.exchange.anki_reviews import read_anki_reviews
from ocstudy.userdata.database import open_user_database
from ocstudy.wiring import app_services

ROWS, QUICK_ROWS = 100_000, 5_000
REPEATS, QUICK_REPEATS = 3, 1
BASELINE = "the same revlog rows read from the package with sqlite3 (unzip, zstd)"
DAY_MS = 86_400_000


def _ms(function: Callable[[], object]) -> float:
    start = time.perf_counter()
    function()
    return (time.perf_counter() - start) * 1000


def _package(folder: Path, deck: Path, rows: int, rng: random.Random) -> Path:
    """The phone's package (scheduling included)."""
    from anki.collection import (
        Collection,
        ExportAnkiPackageOptions,
        ImportAnkiPackageOptions,
        ImportAnkiPackageRequest,
    )

    col: Any = Collection(str(folder / "anki" / "collection.anki2"))
    col.import_anki_package(
        ImportAnkiPackageRequest(
            package_path=str(deck), options=ImportAnkiPackageOptions(with_scheduling=False)
        )
    )
    card_ids = [row[0] for row in col.db.all("SELECT id FROM cards")]
    start = int(time.time() * 1000) - 3 * 365 * DAY_MS
    stamps: dict[int, int] = dict.fromkeys(card_ids, start)
    revlog = []
    for number in range(rows):
        cid = card_ids[number % len(card_ids)]
        stamps[cid] += rng.randrange(DAY_MS // 2, 5 * DAY_MS) + number % 997
        ease = rng.choices((1, 2, 3, 4), (10, 10, 70, 10))[0]
        revlog.append((stamps[cid], cid, -1, ease, 3, 1, 2500, rng.randrange(2000, 20000), 1))
    col.db.executemany("INSERT INTO revlog VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", revlog)
    package = folder / "phone.apkg"
    options = ExportAnkiPackageOptions(
        with_scheduling=True, with_deck_configs=True, with_media=False, legacy=False
    )
    col.export_anki_package(out_path=str(package), options=options, limit=None)
    col.close()
    return package


def _read_revlog(package: Path) -> None:
    """The package's review log read with ``sqlite3``: the collection unzipped and
    decompressed to a temporary file, every ``revlog`` row fetched."""
    import zstandard

    with tempfile.TemporaryDirectory() as temp:
        plain = Path(temp) / "collection.anki2"
        with (
            zipfile.ZipFile(package) as archive,
            archive.open("collection.anki21b") as source,
            plain.open("wb") as copy,
        ):
            zstandard.ZstdDecompressor().copy_stream(source, copy)
        connection = sqlite3.connect(plain)
        connection.execute("SELECT * FROM revlog").fetchall()
        connection.close()


def run(quick: bool) -> list[Result]:
    try:
        import anki.collection  # noqa: F401
    except ImportError as error:
        print(
            f"bench_anki_reviews: skipped, no Anki to make the package ({error})", file=sys.stderr
        )
        return []
    rows = QUICK_ROWS if quick else ROWS
    repeats = QUICK_REPEATS if quick else REPEATS
    content = ContentRepository.open(paths.content_db_path())
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        (folder / "anki").mkdir()
        mine = folder / "mine"
        db = open_user_database(mine)
        services = app_services(content, db, mine)
        deck = folder / "ocstudy.apkg"
        services.exports().anki_deck(deck)
        card_ids = [card.id for card in services.quiz().catalogue.cards()]
        db.close()
        package = _package(folder, deck, rows, random.Random(1))
        runs = iter(range(1_000_000))

        def ours() -> float:
            copy = folder / f"run-{next(runs)}"
            shutil.copytree(mine, copy)
            copy_db = open_user_database(copy)
            reviews = app_services(content, copy_db, copy).reviews()
            reviews._cards()  # the deck is made before the clock starts: the app has it
            try:
                return _ms(lambda: reviews.import_anki(package))
            finally:
                copy_db.close()

        def baseline() -> float:
            return _ms(lambda: _read_revlog(package))

        whole = interleaved_medians(ours, baseline, repeats)
        reading = interleaved_medians(
            lambda: _ms(lambda: read_anki_reviews(package, card_ids)), baseline, repeats
        )
    content.close()
    size = f"{rows:,} reviews"
    return [
        Result(f"anki reviews: import ({size})", *whole, BASELINE, 2.0),
        Result(f"anki reviews: read the package ({size})", *reading, BASELINE, None),
    ]


if __name__ == "__main__":
    from harness import table

    print(table(run("--quick" in sys.argv)))
