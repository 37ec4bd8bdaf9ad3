"""The cards browser after a change to one card (issue 24): 100,000 cards in the real
``CardsView`` on a real quiz service, one card flagged, and the change announced on the
window's change notice; the view reads that card's row again. Baseline, in the same run and
on the same view: the full re-read every show did before (``CardsView.refresh``).
Target: at most 0.1x.

The deck is the real content's cards copied under new ids until there are 100,000 (as
``bench_browser``), put in the service in place of the content's deck (which an action's
reading again keeps); the user database is a fresh one in a temporary folder, so every card
is new (the full re-read reads no states: the baseline is, if anything, quicker than the
app's).
"""

from __future__ import annotations

import os
import random
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from bench_browser import _cards
from harness import Result, interleaved_medians, timed
from ocstudy import paths
from ocstudy.content.repository import ContentRepository
from ocstudy.services.browser.actions import CardActions
from ocstudy.services.operations import Changes
from ocstudy.services.review.quiz import QuizService
from ocstudy.ui.cards.view import CardsView
from ocstudy.ui.common.changes import ChangeNotice
from ocstudy.userdata.database import open_user_database
from ocstudy.userdata.reviews import ReviewStore

CARDS, QUICK_CARDS = 100_000, 5_000
REPEATS, QUICK_REPEATS = 5, 2


def run(quick: bool) -> list[Result]:
    app = QApplication.instance() or QApplication([])
    count, repeats = (QUICK_CARDS, QUICK_REPEATS) if quick else (CARDS, REPEATS)
    content = ContentRepository.open(paths.content_db_path())
    rng = random.Random(24)
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        db = open_user_database(folder / "ocstudy")
        service = QuizService.open(content, ReviewStore(db), fuzz=False, seed=1)
        service.catalogue.__dict__["_generated"] = {card.id: card for card in _cards(count)}
        settings = QSettings(str(folder / "ui.ini"), QSettings.Format.IniFormat)
        notice = ChangeNotice()
        view = CardsView(service, settings)
        view.attach_changes(notice)
        view.resize(1200, 700)
        view.show()
        app.processEvents()
        actions = CardActions(service.schedule)
        ids = view.model.card_ids()

        def flag_one() -> str:
            card_id = rng.choice(ids)
            actions.flag([card_id], rng.randint(1, 7))
            return card_id

        def announced() -> float:
            card_id = flag_one()
            return timed(
                lambda: (notice.announce(Changes.of_cards([card_id])), app.processEvents())
            )

        def full() -> float:
            flag_one()
            return timed(lambda: (view.refresh(), app.processEvents()))

        ours, base = interleaved_medians(announced, full, repeats)
        view.close()
        view.deleteLater()
        app.processEvents()
        db.close()
    content.close()
    return [
        Result(
            f"browser: one card changed ({count:,} cards)",
            ours,
            base,
            "the whole table read again (CardsView.refresh)",
            0.1,
        )
    ]


if __name__ == "__main__":
    import sys

    from harness import table

    print(table(run("--quick" in sys.argv)))
