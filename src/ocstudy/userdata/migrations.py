"""The user database's schema, one sqlite-utils migration at a time. Never edit an applied
migration: add a new one."""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

MIGRATIONS = Migrations("ocstudy-user")


@MIGRATIONS(name="0001_notes")
def _notes(db: Database) -> None:
    db.table("notes").create(
        {"slug": str, "text": str, "created_at": str, "updated_at": str},
        pk="slug",
        not_null={"text", "created_at", "updated_at"},
    )
    db.execute(
        "CREATE VIRTUAL TABLE notes_search USING fts5(slug UNINDEXED, text, "
        "tokenize = 'porter unicode61 remove_diacritics 2')"
    )


@MIGRATIONS(name="0002_reviews")
def _reviews(db: Database) -> None:
    """Card scheduling state, the full review log and the learner's quiz settings.

    A log row keeps the card's state before and after the answer (JSON), so undo can put
    the card back exactly; ``state_before`` (NULL for a new card) serves the statistics.
    """
    db.table("card_states").create(
        {
            "card_id": str,
            "state": int,
            "step": int,
            "stability": float,
            "difficulty": float,
            "due": str,
            "last_review": str,
            "reps": int,
            "lapses": int,
        },
        pk="card_id",
        not_null={"state", "due", "reps", "lapses"},
    )
    db.table("card_states").create_index(["due"], index_name="card_states_due")
    db.table("review_log").create(
        {
            "id": int,
            "card_id": str,
            "rating": int,
            "mode": str,
            "reviewed_at": str,
            "duration_ms": int,
            "state_before": int,
            "before_json": str,
            "after_json": str,
        },
        pk="id",
        not_null={"card_id", "rating", "mode", "reviewed_at", "after_json"},
    )
    db.table("review_log").create_index(["reviewed_at"], index_name="review_log_time")
    db.table("review_log").create_index(["card_id", "id"], index_name="review_log_card")
    db.table("settings").create({"key": str, "value": str}, pk="key", not_null={"value"})


@MIGRATIONS(name="0003_card_marks")
def _card_marks(db: Database) -> None:
    """What the learner sets on a card, apart from its schedule: suspended, buried until a
    moment (UTC text, the end of the study day it was buried on), a flag 0-7, a leech. Keyed
    by card id, so a card never answered can be marked too; a card with no mark has no row."""
    db.table("card_marks").create(
        {"card_id": str, "suspended": int, "buried_until": str, "flag": int, "leech": int},
        pk="card_id",
        not_null={"suspended", "flag", "leech"},
        defaults={"suspended": 0, "flag": 0, "leech": 0},
    )


@MIGRATIONS(name="0004_own_cards")
def _own_cards(db: Database) -> None:
    """The learner's own cards: ``id`` ("own:" and a random hex) is the key their schedule
    and review log are filed under, like a generated card's; ``themes`` is a JSON list."""
    db.table("own_cards").create(
        {
            "id": str,
            "front": str,
            "back": str,
            "entity_slug": str,
            "themes": str,
            "created_at": str,
            "updated_at": str,
        },
        pk="id",
        not_null={"front", "back", "themes", "created_at", "updated_at"},
    )


@MIGRATIONS(name="0005_card_tags")
def _card_tags(db: Database) -> None:
    """The learner's own tags on any card (a generated card or their own), one row per card
    and tag, keyed by card id like the marks: a card with no tag has no row."""
    db.table("card_tags").create(
        {"card_id": str, "tag": str},
        pk=("card_id", "tag"),
        not_null={"card_id", "tag"},
    )
    db.table("card_tags").create_index(["tag"], index_name="card_tags_tag")


@MIGRATIONS(name="0006_review_origin")
def _review_origin(db: Database) -> None:
    """Where each answer was given: ``origin`` 'ocstudy' (every answer so far) or 'anki' (a
    review made in Anki and brought back). An answer's identity is its card and its time to
    the millisecond (Anki's revlog id is a millisecond time): the index finds it when a
    review is brought back, and is not unique, so a log that already holds two answers of one
    identity migrates as it is (an import only never adds a second)."""
    db.table("review_log").add_column("origin", str, not_null_default="ocstudy")
    db.execute(
        "CREATE INDEX review_log_identity ON review_log (card_id, substr(reviewed_at, 1, 23))"
    )


@MIGRATIONS(name="0007_exam_results")
def _exam_results(db: Database) -> None:
    """The practice exams taken: when, over what scope, the score, each theme's score (JSON
    {theme: [right, asked]}) and the cards missed (a JSON list of card ids). Apart from the
    review log: a practice exam never changes the schedule."""
    db.table("exam_results").create(
        {
            "id": int,
            "taken_at": str,
            "scope": str,
            "questions": int,
            "right": int,
            "themes": str,
            "missed": str,
        },
        pk="id",
        not_null={"taken_at", "scope", "questions", "right", "themes", "missed"},
    )


@MIGRATIONS(name="0008_sync")
def _sync(db: Database) -> None:
    """What syncing through a shared folder keeps (``docs/sync.md``): this device's id, clock
    and counters (``sync_state``); the exact bytes of each change file it published, to write
    one again if the folder loses it (``sync_published``); the other devices' files folded in
    (``sync_folded``); every version of a note, own card, mark, tag or setting known, with what
    it supersedes and the file it went out in (``sync_versions``: NULL ``published`` is this
    device's change not yet written); and the other texts of an item changed on two computers
    at once, kept beside it until the learner chooses (``sync_conflicts``)."""
    db.table("sync_state").create({"key": str, "value": str}, pk="key", not_null={"value"})
    db.table("sync_published").create({"seq": int, "body": bytes}, pk="seq", not_null={"body"})
    db.table("sync_folded").create(
        {"device": str, "seq": int}, pk=("device", "seq"), not_null={"device", "seq"}
    )
    db.table("sync_versions").create(
        {
            "stamp": str,
            "kind": str,
            "key": str,
            "value": str,
            "supersedes": str,
            "published": int,
        },
        pk="stamp",
        not_null={"kind", "key", "supersedes"},
    )
    db.table("sync_versions").create_index(["kind", "key"], index_name="sync_versions_item")
    db.table("sync_conflicts").create(
        {"kind": str, "key": str, "stamp": str, "value": str},
        pk=("kind", "key", "stamp"),
        not_null={"value"},
    )
