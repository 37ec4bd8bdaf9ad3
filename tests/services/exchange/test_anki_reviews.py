"""Reviews made in Anki come back: ocstudy's deck studied for days with Anki's own scheduler
(the official ``anki`` package), exported with scheduling information (modern .apkg, legacy
.apkg, .colpkg) and imported: the log holds exactly those answers on the right cards, once;
the states are their replay; the statistics count them; a card answered yesterday is not due
today. A package without scheduling, a damaged, foreign or newer one: one line, nothing
changed."""

from __future__ import annotations

import shutil
import sqlite3
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fsrs import State

pytest.importorskip("anki.collection")

from ocstudy.cli import main
from ocstudy.content.repository import ContentRepository
from ocstudy.quiz.replay import replay
from ocstudy.services.bundle import AppServices
from ocstudy.services.exchange.anki_cards import note_guid
from ocstudy.services.own_cards import CardDraft
from ocstudy.services.review.schedule import to_stored
from ocstudy.services.review.stats import compute_stats
from ocstudy.userdata.database import open_user_database
from ocstudy.wiring import app_services

from .anki_phone import DAY_MS, Phone

DAYS = 4
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass
class Studied:
    """A learner's folder (with an own card), and the packages their phone exported."""

    mine: Path
    own_id: str
    packages: dict[str, Path]
    #: what Anki logged: (ocstudy card, time, rating) of every answer on ocstudy's cards
    answers: set[tuple[str, datetime, int]]
    #: the ocstudy cards answered on the last day but one, with their last rating
    yesterday: dict[str, int]
    foreign: int
    manual: int
    now: datetime


def studied_on_the_phone(repository: ContentRepository, folder: Path) -> Studied:
    mine = folder / "mine"
    services = app_services(repository, open_user_database(mine), mine)
    own_id = services.own_cards().add(CardDraft("My own question", "My own answer")).id
    deck = folder / "ocstudy.apkg"
    services.exports().anki_deck(deck)
    cards = services.quiz().catalogue.cards()
    by_guid = {note_guid(card.id): card.id for card in cards}

    phone = Phone(folder / "anki", deck)
    phone.first(phone.card_of(own_id), phone.card_of(cards[0].id))
    phone.study_other_deck("Spanish", ["¿Qué hora es?", "¿Dónde está?"])
    for day in range(DAYS):
        if day == DAYS - 2:  # yesterday: some new cards answered Easy go straight to review
            phone.study(40, easy_every=5)
        else:
            phone.study(12)
        if day == 1:
            phone.col.sched.set_due_date([phone.card_of(cards[0].id)], "0")
        if day < DAYS - 1:
            phone.next_day()
    phone.done_studying()
    logged = phone.reviews()
    packages = {
        "modern": phone.export(folder / "phone.apkg"),
        "legacy": phone.export(folder / "legacy.apkg", legacy=True),
        "none": phone.export(folder / "no-scheduling.apkg", scheduling=False),
        "colpkg": phone.export_collection(folder / "phone.colpkg"),
    }
    phone.close()
    now = datetime.now(UTC) + timedelta(minutes=1)
    answers = {
        (by_guid[r.guid], EPOCH + timedelta(milliseconds=r.stamp), r.ease)
        for r in logged
        if r.guid in by_guid and r.kind in (0, 1, 2, 3) and r.ease
    }
    yesterday_start = int((now - timedelta(days=1)).timestamp() * 1000) - DAY_MS // 2
    yesterday = {
        by_guid[r.guid]: r.ease
        for r in logged
        if r.guid in by_guid and r.ease and yesterday_start <= r.stamp < yesterday_start + DAY_MS
    }
    return Studied(
        mine,
        own_id,
        packages,
        answers,
        yesterday,
        foreign=sum(1 for r in logged if r.guid not in by_guid),
        manual=sum(1 for r in logged if r.guid in by_guid and not r.ease),
        now=now,
    )


@pytest.fixture(scope="module")
def phone(repository: ContentRepository, tmp_path_factory: pytest.TempPathFactory) -> Studied:
    return studied_on_the_phone(repository, tmp_path_factory.mktemp("phone"))


@pytest.fixture
def learner(phone: Studied, repository: ContentRepository, tmp_path: Path) -> Iterator[AppServices]:
    """A copy of the learner's folder as it was when the deck went to the phone."""
    folder = tmp_path / "learner"
    shutil.copytree(phone.mine, folder)
    db = open_user_database(folder)
    yield app_services(repository, db, folder, clock=lambda: phone.now)
    db.close()


def anki_log(services: AppServices) -> set[tuple[str, datetime, int]]:
    rows = services.quiz().schedule.reviews.database.execute(
        "SELECT card_id, reviewed_at, rating FROM review_log WHERE origin = 'anki'"
    )
    return {(card, datetime.fromisoformat(at), rating) for card, at, rating in rows}


@pytest.mark.parametrize("kind", ["modern", "legacy", "colpkg"])
def test_the_phones_reviews_come_back_once_on_the_right_cards(
    phone: Studied, learner: AppServices, kind: str
) -> None:
    assert phone.foreign == 2 and phone.manual == 1  # the test's own premise
    cards = {card for card, _, _ in phone.answers}
    assert phone.own_id in cards

    first = learner.reviews().import_anki(phone.packages[kind])
    again = learner.reviews().import_anki(phone.packages[kind])

    assert first.message == (
        f"{len(phone.answers)} reviews of {len(cards)} cards imported, 0 already here, "
        f"{phone.foreign} not ocstudy's; 1 manual reschedule skipped (not answers)."
    )
    assert first.cards == frozenset(cards)
    assert again.message.startswith(f"0 reviews of 0 cards imported, {len(phone.answers)} already")
    assert anki_log(learner) == phone.answers
    assert len(learner.quiz().schedule.lines()) == len(phone.answers)


def test_states_are_the_replay_the_statistics_count_them_and_yesterdays_cards_wait(
    phone: Studied, learner: AppServices
) -> None:
    learner.reviews().import_anki(phone.packages["modern"])
    schedule = learner.quiz().schedule

    by_card: dict[str, list[tuple[int, datetime]]] = {}
    for line in schedule.lines():
        by_card.setdefault(line.card_id, []).append((line.rating, line.reviewed_at))
    for card_id, answers in by_card.items():
        expected = to_stored(replay(schedule.scheduler, card_id, answers)[-1])
        assert schedule.reviews.state(card_id) == expected
    figures = compute_stats(learner.quiz(), time_range="month")
    assert sum(day.count for day in figures.reviews_per_day) == len(phone.answers)
    assert figures.total_cards - figures.never_reviewed == len(by_card)
    # the cards last answered yesterday, into review for days, are not due today
    states = {card: schedule.state(card) for card in phone.yesterday}
    graduated = [
        card
        for card, state in states.items()
        if state is not None
        and state.state == State.Review
        and by_card[card][-1][1] < phone.now - timedelta(hours=12)
        and state.due - by_card[card][-1][1] >= timedelta(days=2)
    ]
    assert graduated
    due_days = {schedule.day.day_of(states[card].due) for card in graduated}  # type: ignore[union-attr]
    assert min(due_days) > schedule.today()


def test_the_command_line_says_it_in_one_line(
    phone: Studied, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "learner"
    shutil.copytree(phone.mine, folder)
    code = main(
        ["--data-dir", str(folder), "import", "anki-reviews", str(phone.packages["legacy"])]
    )
    out = capsys.readouterr().out
    assert code == 0 and out.count("\n") == 1 and "reviews of" in out


def test_an_entry_timed_beyond_any_date_is_skipped(
    phone: Studied, learner: AppServices, tmp_path: Path
) -> None:
    """An entry whose time (its id, in milliseconds) no date holds, as a damaged phone's
    clock or another tool may write: skipped and counted, the others imported."""
    package = tmp_path / "far.apkg"
    with (
        zipfile.ZipFile(phone.packages["legacy"]) as old,
        zipfile.ZipFile(package, "w") as new,
    ):
        for name in old.namelist():
            if name != "collection.anki21":
                new.writestr(name, old.read(name))
        collection = tmp_path / "collection.anki21"
        collection.write_bytes(old.read("collection.anki21"))
    first, last = (
        (moment - EPOCH) // timedelta(milliseconds=1)
        for moment in (min(a[1] for a in phone.answers), max(a[1] for a in phone.answers))
    )
    with sqlite3.connect(collection) as col:
        col.execute("UPDATE revlog SET id = ? WHERE id = ?", [2**62, first])
        col.execute("UPDATE revlog SET id = ? WHERE id = ?", [-(10**15), last])
    col.close()
    with zipfile.ZipFile(package, "a") as new:
        new.write(collection, "collection.anki21")

    outcome = learner.reviews().import_anki(package)

    assert len(anki_log(learner)) == len(phone.answers) - 2
    assert f"{phone.manual + 2} manual reschedules skipped" in outcome.message


def damaged_packages(phone: Studied, folder: Path) -> dict[str, tuple[Path, str]]:
    modern = phone.packages["modern"].read_bytes()
    cut = folder / "cut.apkg"
    cut.write_bytes(modern[: len(modern) // 2])
    text = folder / "notes.apkg"
    text.write_text("just some text\n", encoding="utf-8")
    newer = folder / "newer.apkg"
    with zipfile.ZipFile(phone.packages["modern"]) as old, zipfile.ZipFile(newer, "w") as new:
        for name in old.namelist():
            new.writestr(name, b"\x08\x04" if name == "meta" else old.read(name))
    squashed = folder / "squashed.apkg"
    with zipfile.ZipFile(phone.packages["modern"]) as old, zipfile.ZipFile(squashed, "w") as new:
        for name in old.namelist():
            data = old.read(name)
            new.writestr(name, data[:1000] if name == "collection.anki21b" else data)
    return {
        "none": (
            phone.packages["none"],
            "no-scheduling.apkg: this package has no review history; export it with "
            "scheduling information",
        ),
        "cut": (cut, "cut.apkg is damaged: a ZIP archive that cannot be opened"),
        "text": (text, "notes.apkg is plain text, not an Anki package (.apkg or .colpkg)"),
        "newer": (newer, "newer.apkg was written by a newer Anki (package version 4)"),
        "squashed": (squashed, "squashed.apkg is damaged ("),
    }


@pytest.mark.parametrize("which", ["none", "cut", "text", "newer", "squashed"])
def test_a_package_that_cannot_be_read_is_one_line_and_changes_nothing(
    phone: Studied,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    which: str,
) -> None:
    folder = tmp_path / "learner"
    shutil.copytree(phone.mine, folder)
    package, says = damaged_packages(phone, tmp_path)[which]

    code = main(["--data-dir", str(folder), "import", "anki-reviews", str(package)])

    captured = capsys.readouterr()
    assert (code, captured.out) == (2, "")
    assert captured.err.startswith(f"ocstudy: {says}") and captured.err.count("\n") == 1
    db = open_user_database(folder)
    assert db.execute("SELECT count(*) FROM review_log").fetchone()[0] == 0
    db.close()


def test_a_cancelled_import_leaves_the_log_as_it_was(phone: Studied, learner: AppServices) -> None:
    calls: list[int] = []

    def progress(done: int, total: int) -> bool:
        calls.append(done)
        return done < 3

    outcome = learner.reviews().import_anki(phone.packages["modern"], progress)

    assert outcome.cancelled and outcome.message.startswith("The import was cancelled")
    assert calls == [1, 2, 3]
    assert learner.quiz().schedule.lines() == [] and learner.quiz().schedule.states() == {}
