"""A learner's data folder with a bit of everything, and the junk values a hand edit, an odd
backup or another ocstudy may leave in it (issue 21 §7): each planted in one known row."""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tests.services.review.review_log import record_history

from ocstudy.content.repository import ContentRepository
from ocstudy.services.review.quiz import QuizService
from ocstudy.userdata.database import USER_DB_NAME, open_user_database
from ocstudy.userdata.marks import NO_MARK, CardEdit, CardMark, MarkStore
from ocstudy.userdata.notes import NoteStore
from ocstudy.userdata.own_cards import OwnCard, OwnCardStore
from ocstudy.userdata.reviews import ReviewStore

JUNK_OWN = "own:" + "a" * 32
KEPT_OWN = "own:" + "b" * 32
KEPT_FRONT = "Which body keeps this card?"
JUNK_NOTE_TEXT = "My note on the first entry"
KEPT_NOTE_TEXT = "My note on the second entry"


@dataclass(frozen=True)
class Learner:
    """What the folder holds: the rows the junk goes into, and what else must stay shown."""

    folder: Path
    scheduled: str  # a content card with a schedule (the junk state goes there)
    buried: str  # a content card buried until tomorrow
    flagged: str  # a content card suspended and flagged
    junk_note: str  # the entries of the two notes
    kept_note: str
    last_answer: int  # the newest review-log row
    answered: frozenset[str]  # every card answered


def make_learner(folder: Path, content: ContentRepository) -> Learner:
    """Thirty content cards and two own cards studied for the past 20 days, two notes, a
    buried card, a suspended and flagged one, and settings; all by the app's own stores."""
    now = datetime.now(UTC)
    db = open_user_database(folder)
    reviews, own = ReviewStore(db), OwnCardStore(db)
    own.put_all(
        OwnCard(card_id, front, "The back", None, ("drugs",), now - timedelta(days=30), now)
        for card_id, front in ((JUNK_OWN, "A card of my own"), (KEPT_OWN, KEPT_FRONT))
    )
    quiz = QuizService.open(content, reviews, own=own)
    content_ids = [card.id for card in quiz.catalogue.cards() if not card.is_own][:30]
    ids = [*content_ids, JUNK_OWN, KEPT_OWN]
    record_history(reviews, ids, now - timedelta(days=20), days=20)
    slugs = [entity.slug for entity in content.entities()][:2]
    notes = NoteStore(db)
    notes.save(slugs[0], JUNK_NOTE_TEXT)
    notes.save(slugs[1], KEPT_NOTE_TEXT)
    buried = CardMark(buried_until=now + timedelta(days=1))
    MarkStore(reviews).apply(
        [
            CardEdit(ids[1], (NO_MARK, buried)),
            CardEdit(ids[2], (NO_MARK, CardMark(suspended=True, flag=3))),
        ],
        "mark the cards",
    )
    reviews.set_settings({"quiz.desired_retention": "0.85", "quiz.new_cards_per_day": "15"})
    last = db.execute("SELECT max(id) FROM review_log").fetchone()[0]
    db.close()
    return Learner(folder, ids[0], ids[1], ids[2], *slugs, last, frozenset(ids))


@dataclass(frozen=True)
class Junk:
    """One junk value: the SQL that plants it, what the message names, and which commands
    read it (and so must say it)."""

    key: str
    sql: str
    names: str
    read_by: frozenset[str]


STATS = frozenset({"stats", "stats --json"})
QUIZ = STATS | {"export anki", "export csv", "fsrs evaluate"}  # each makes a quiz service
OWN = STATS | {"export anki", "export csv", "export own-cards"}


def junk_values(learner: Learner) -> list[Junk]:
    state = f"UPDATE card_states SET {{}} WHERE card_id = '{learner.scheduled}'"
    own = f"UPDATE own_cards SET {{}} WHERE id = '{JUNK_OWN}'"
    note = f"UPDATE notes SET {{}} WHERE slug = '{learner.junk_note}'"
    answer = f"UPDATE review_log SET {{}} WHERE id = {learner.last_answer}"
    mark = "UPDATE card_marks SET {} WHERE card_id = '{}'"
    setting = "UPDATE settings SET value = {} WHERE key = 'quiz.{}'"
    notes = frozenset({"export notes"})
    return [
        Junk("retention", setting.format("'abc'", "desired_retention"), "retention", QUIZ),
        Junk("new-per-day", setting.format("'x'", "new_cards_per_day"), "new_cards", STATS),
        Junk("themes", own.format("themes = 'drugs, firearms'"), JUNK_OWN, OWN),
        Junk("own-created", own.format("created_at = 'yesterday'"), JUNK_OWN, OWN),
        Junk("own-updated", own.format("updated_at = 12"), JUNK_OWN, OWN),
        Junk("own-front", own.format("front = x'ff00'"), JUNK_OWN, OWN),
        Junk("due", state.format("due = 'soon'"), learner.scheduled, STATS),
        Junk("state-99", state.format("state = 99"), learner.scheduled, STATS),
        Junk("stability", state.format("stability = 'high'"), learner.scheduled, STATS),
        Junk("buried", mark.format("buried_until = 'x'", learner.buried), learner.buried, STATS),
        Junk("flag", mark.format("flag = 'red'", learner.flagged), learner.flagged, STATS),
        Junk("note-created", note.format("created_at = 'x'"), learner.junk_note, notes),
        Junk("note-updated", note.format("updated_at = 'x'"), learner.junk_note, notes),
        Junk("note-bytes", note.format("text = x'ff00'"), learner.junk_note, notes),
        Junk("rating", answer.format("rating = 99"), f"answer {learner.last_answer}", STATS),
        Junk(
            "reviewed-at",
            answer.format("reviewed_at = '2026-13-45'"),
            f"answer {learner.last_answer}",
            frozenset({"fsrs evaluate"}),  # text order keeps it out of the statistics' days
        ),
        Junk("answer-time", answer.format("duration_ms = 'slow'"), "answer", STATS),
        Junk(
            "parameters",
            "INSERT INTO settings (key, value) VALUES ('fsrs.parameters', '[1, 2')",
            "fsrs.parameters",
            QUIZ,
        ),
    ]


def planted(learner: Learner, junk: Junk, folder: Path) -> Path:
    """A copy of the learner's folder with ``junk`` planted."""
    shutil.copytree(learner.folder, folder)
    connection = sqlite3.connect(folder / USER_DB_NAME)
    with connection:
        assert connection.execute(junk.sql).rowcount == 1
    connection.close()
    return folder
