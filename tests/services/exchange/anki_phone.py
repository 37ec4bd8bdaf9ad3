"""Anki on a phone, driven by the official ``anki`` package: ocstudy's deck imported into a
fresh collection, cards answered by Anki's own v3 scheduler over several days, packages
exported with scheduling information as AnkiDroid and AnkiMobile export them.

Anki's clock cannot be set, so a day passes as Anki counts days: the collection's creation
day moves a day back (Anki's "today" moves a day on), and, when the studying is done, each
day's review log entries move back with it, so that the last day's answers were given now
and the first day's ``days - 1`` days ago; Anki's own answers, kinds and ratings are kept."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from anki.cards import Card
from anki.collection import (
    Collection,
    ExportAnkiPackageOptions,
    ImportAnkiPackageOptions,
    ImportAnkiPackageRequest,
)
from anki.scheduler.v3 import CardAnswer

from ocstudy.services.exchange.anki_cards import PARENT_DECK, note_guid

DAY_MS = 86_400_000


@dataclass(frozen=True)
class AnkiReview:
    guid: str
    stamp: int  # the revlog id: the answer's time in milliseconds
    ease: int
    kind: int


class Phone:
    def __init__(self, folder: Path, deck: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.path = str(folder / "collection.anki2")
        self.col: Any = Collection(self.path)
        request = ImportAnkiPackageRequest(
            package_path=str(deck), options=ImportAnkiPackageOptions(with_scheduling=False)
        )
        self.col.import_anki_package(request)
        self.deck_id = self.col.decks.id_for_name(PARENT_DECK)
        self.col.decks.select(self.deck_id)
        self.day_ends: list[int] = []

    def card_of(self, card_id: str) -> int:
        """Anki's card id of the ocstudy card ``card_id``."""
        return int(
            self.col.db.scalar(
                "SELECT c.id FROM cards c JOIN notes n ON n.id = c.nid WHERE n.guid = ?",
                note_guid(card_id),
            )
        )

    def study_other_deck(self, name: str, fronts: list[str]) -> None:
        """Notes of the learner's own in another deck of the collection, answered."""
        deck_id = self.col.decks.id(name)
        for front in fronts:
            note = self.col.new_note(self.col.models.by_name("Basic"))
            note["Front"], note["Back"] = front, "back"
            self.col.add_note(note, deck_id)
        self.col.decks.select(deck_id)
        self.study(len(fronts), again_every=len(fronts) + 1)
        self.col.decks.select(self.deck_id)

    def first(self, *card_ids: int) -> None:
        """Anki introduces these new cards first."""
        self.col.sched.reposition_new_cards(
            card_ids=list(card_ids),
            starting_from=0,
            step_size=1,
            randomize=False,
            shift_existing=True,
        )

    def study(self, answers: int, again_every: int = 4, easy_every: int = 0) -> None:
        """Answer ``answers`` cards as Anki's queue shows them: Again every ``again_every``-th
        answer, Easy every ``easy_every``-th of the others (0: never), Good the rest."""
        for number in range(answers):
            queued = self.col.sched.get_queued_cards(fetch_limit=1)
            if not queued.cards:
                break
            top = queued.cards[0]
            card = Card(self.col, backend_card=top.card)
            card.start_timer()
            rating = CardAnswer.GOOD
            if number % again_every == 0:
                rating = CardAnswer.AGAIN
            elif easy_every and number % easy_every == 1:
                rating = CardAnswer.EASY
            self.col.sched.answer_card(
                self.col.sched.build_answer(card=card, states=top.states, rating=rating)
            )

    def next_day(self) -> None:
        self.day_ends.append(int(self.col.db.scalar("SELECT coalesce(max(id), 0) FROM revlog")))
        self.col.crt -= 86_400
        self.col.close()
        self.col = Collection(self.path)
        self.col.decks.select(self.deck_id)

    def done_studying(self) -> None:
        """Each day's answers back to their day (the last day's stay now)."""
        self.next_day()
        days = len(self.day_ends)
        low = 0
        for day, high in enumerate(self.day_ends):
            shift = (days - 1 - day) * DAY_MS
            self.col.db.execute(
                "UPDATE revlog SET id = id - ? WHERE id > ? AND id <= ?", shift, low, high
            )
            low = high

    def reviews(self) -> list[AnkiReview]:
        rows = self.col.db.all(
            "SELECT n.guid, r.id, r.ease, r.type FROM revlog r JOIN cards c ON c.id = r.cid "
            "JOIN notes n ON n.id = c.nid ORDER BY r.id"
        )
        return [AnkiReview(*row) for row in rows]

    def export(self, path: Path, *, legacy: bool = False, scheduling: bool = True) -> Path:
        options = ExportAnkiPackageOptions(
            with_scheduling=scheduling, with_deck_configs=scheduling, with_media=False,
            legacy=legacy,
        )  # fmt: skip
        self.col.export_anki_package(out_path=str(path), options=options, limit=None)
        return path

    def export_collection(self, path: Path) -> Path:
        """A whole-collection package (.colpkg); Anki closes the collection to write it."""
        self.col.export_collection_package(str(path), include_media=False, legacy=False)
        self.col = Collection(self.path)
        return path

    def close(self) -> None:
        self.col.close()
