"""The review history out as JSON and CSV and back in on the command line: the JSON round
trip into a fresh folder gives the same log, a second import adds nothing, the CSV has the
documented columns, and a bad file is one line, exit 2, nothing changed."""

from __future__ import annotations

import csv
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fsrs import State

from ocstudy.cli import main
from ocstudy.content.repository import ContentRepository
from ocstudy.quiz.rating import Rating
from ocstudy.quiz.session import QuizSession
from ocstudy.services.review.quiz import QuizService
from ocstudy.userdata.database import open_user_database
from ocstudy.userdata.marks import NO_MARK, CardMark, MarkStore
from ocstudy.userdata.review_rows import LogLine
from ocstudy.userdata.reviews import ReviewStore

START = datetime(2026, 3, 2, 9, 0, 0, 250_123, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


def run(capsys: pytest.CaptureFixture[str], folder: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(folder), *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def studied(repository: ContentRepository, folder: Path) -> QuizService:
    """Three days of answers in ``folder``, as the quiz gives them."""
    clock = Clock()
    service = QuizService.open(repository, ReviewStore(open_user_database(folder)), clock=clock)
    for day in range(3):
        clock.now = START + timedelta(days=day)
        session = QuizSession(service.schedule, [c.id for c in service.catalogue.cards()[:4]])
        for rating in (Rating.Again, Rating.Good, Rating.Good, Rating.Easy):
            if session.current is None:
                break
            clock.now += timedelta(seconds=7)
            session.answer(rating, duration_ms=3000)
    return service


def log(folder: Path) -> list[tuple[str, int, datetime, int | None]]:
    lines: list[LogLine] = ReviewStore(open_user_database(folder)).lines()
    return [(x.card_id, x.rating, x.reviewed_at, x.duration_ms) for x in lines]


def test_the_json_round_trip_gives_the_same_log_and_states_once(
    repository: ContentRepository, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mine, other = tmp_path / "mine", tmp_path / "other"
    service = studied(repository, mine)
    states = service.schedule.reviews.states()
    exported = tmp_path / "reviews.json"

    code, out, _ = run(capsys, mine, "export", "reviews", str(exported))
    assert (code, out) == (0, f"Exported 12 reviews to {exported}.\n")
    document = json.loads(exported.read_text(encoding="utf-8"))
    assert (document["format"], document["format_version"]) == ("ocstudy-reviews", 1)
    first = document["reviews"][0]
    assert set(first) == {
        "card",
        "question",
        "reviewed_at",
        "rating",
        "duration_ms",
        "origin",
        "mode",
    }
    assert first["origin"] == "ocstudy" and first["reviewed_at"].endswith("+00:00")

    code, out, _ = run(capsys, other, "import", "reviews", str(exported))
    assert (code, out) == (0, "12 reviews of 4 cards imported, 0 already here.\n")
    assert log(other) == log(mine)
    # the same states, due dates included: a card's fuzz is the same in every run
    assert ReviewStore(open_user_database(other)).states() == states
    code, out, _ = run(capsys, other, "import", "reviews", str(exported))
    assert (code, out) == (0, "0 reviews of 0 cards imported, 12 already here.\n")
    assert len(log(other)) == 12


def test_the_csv_has_the_documented_columns(
    repository: ContentRepository, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mine = tmp_path / "mine"
    service = studied(repository, mine)
    exported = tmp_path / "reviews.csv"
    assert run(capsys, mine, "export", "reviews", str(exported))[0] == 0
    with exported.open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    assert list(rows[0]) == [
        "card", "question", "reviewed_at", "rating", "duration_ms", "origin", "mode"
    ]  # fmt: skip
    first = service.schedule.reviews.lines()[0]
    card = service.catalogue.card(first.card_id)
    assert card is not None
    assert rows[0]["card"] == first.card_id and rows[0]["question"] == card.prompt
    assert datetime.fromisoformat(rows[0]["reviewed_at"]) == first.reviewed_at
    assert (rows[0]["rating"], rows[0]["duration_ms"], rows[0]["origin"]) == (
        "1",
        "3000",
        "ocstudy",
    )
    assert len(rows) == 12


@pytest.mark.parametrize(
    ("change", "says"),
    [
        (lambda d: d["reviews"][1].update(rating=5), "review 2: rating 5 is not 1 to 4"),
        (lambda d: d["reviews"][0].update(reviewed_at="yesterday"), "review 1: reviewed_at is not"),
        (lambda d: d["reviews"][2].update(origin="phone"), "review 3: origin 'phone'"),
        (
            lambda d: d["reviews"][0].update(duration_ms=-5),
            "review 1: duration_ms -5 is not a whole number of milliseconds, 0 or more",
        ),
        (lambda d: d.update(format_version=9), "was written by a newer ocstudy"),
        (lambda d: d.update(reviews={}), "'reviews' is not a list"),
    ],
)
def test_a_bad_reviews_file_is_one_line_exit_2_and_changes_nothing(
    repository: ContentRepository,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    change: object,
    says: str,
) -> None:
    mine, other = tmp_path / "mine", tmp_path / "other"
    studied(repository, mine)
    exported = tmp_path / "reviews.json"
    run(capsys, mine, "export", "reviews", str(exported))
    document = json.loads(exported.read_text(encoding="utf-8"))
    change(document)  # type: ignore[operator]
    exported.write_text(json.dumps(document), encoding="utf-8")
    open_user_database(other).close()

    code, out, err = run(capsys, other, "import", "reviews", str(exported))

    assert (code, out) == (2, "")
    assert err.startswith("ocstudy: reviews.json") and says in err and err.count("\n") == 1
    assert log(other) == []


def lapsed(repository: ContentRepository, folder: Path, lapses: int) -> str:
    """A card lapsed ``lapses`` times in ``folder`` where leeches are off; its id."""
    clock = Clock()
    service = QuizService.open(repository, ReviewStore(open_user_database(folder)), clock=clock)
    service.schedule.reviews.set_settings({"quiz.leech_threshold": "0"})
    card_id = service.catalogue.cards()[0].id
    while (state := service.schedule.state(card_id)) is None or state.lapses < lapses:
        reviewing = state is not None and state.state == State.Review
        QuizSession(service.schedule, [card_id]).answer(
            Rating.Again if reviewing else Rating.Easy, duration_ms=1000
        )
        clock.now += timedelta(days=60)
    return card_id


@pytest.mark.parametrize(("threshold", "leech"), [("2", True), ("3", False)])
def test_lapses_brought_in_make_a_leech_as_answering_here_would(
    repository: ContentRepository,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    threshold: str,
    leech: bool,
) -> None:
    phone, mine = tmp_path / "phone", tmp_path / "mine"
    card_id = lapsed(repository, phone, 2)
    exported = tmp_path / "reviews.json"
    assert run(capsys, phone, "export", "reviews", str(exported))[0] == 0
    ReviewStore(open_user_database(mine)).set_settings({"quiz.leech_threshold": threshold})

    assert run(capsys, mine, "import", "reviews", str(exported))[0] == 0
    marks = MarkStore(ReviewStore(open_user_database(mine)))
    expected = CardMark(suspended=True, leech=True) if leech else NO_MARK
    assert marks.mark(card_id) == expected


@pytest.mark.parametrize("name", ["reviews.json", "reviews.csv"])
def test_an_export_over_a_file_holding_more_reviews_is_refused_unless_forced(
    repository: ContentRepository, tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    mine, other = tmp_path / "mine", tmp_path / "other"
    studied(repository, mine)
    lapsed(repository, other, 1)
    exported = tmp_path / name
    assert run(capsys, mine, "export", "reviews", str(exported))[0] == 0
    held = exported.read_bytes()

    code, out, err = run(capsys, other, "export", "reviews", str(exported))
    assert (code, out) == (2, "")
    assert "holds 12 reviews, this export 2: nothing was written (--force replaces it)" in err
    assert exported.read_bytes() == held
    code, out, _ = run(capsys, other, "export", "reviews", str(exported), "--force")
    assert (code, out) == (0, f"Exported 2 reviews to {exported}.\n")


def test_reviews_of_cards_not_here_are_left_out_and_counted(
    repository: ContentRepository, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A review of a card this ocstudy lacks (an own card of the other computer's, a made-up
    id) is not imported: it would belong to no card (found by the second reader)."""
    mine, other = tmp_path / "mine", tmp_path / "other"
    studied(repository, mine)
    exported = tmp_path / "reviews.json"
    run(capsys, mine, "export", "reviews", str(exported))
    document = json.loads(exported.read_text(encoding="utf-8"))
    document["reviews"][0]["card"] = "no-such-card"
    exported.write_text(json.dumps(document), encoding="utf-8")
    code, out, _ = run(capsys, other, "import", "reviews", str(exported))
    assert code == 0
    assert out == (
        "11 reviews of 4 cards imported, 0 already here, 1 review of cards not here left out "
        "(import their own cards first).\n"
    )
    rows = open_user_database(other).execute("SELECT DISTINCT card_id FROM card_states")
    assert "no-such-card" not in {row[0] for row in rows}
