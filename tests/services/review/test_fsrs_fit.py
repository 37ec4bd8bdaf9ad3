"""FSRS fitted to the learner (issue 14, section 3): on a synthetic log of several thousand
answers made with the app's own scheduler (tests/services/review/review_log.py)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from fsrs import Rating
from fsrs.scheduler import DEFAULT_PARAMETERS
from tests.review_fixtures import FakeClock
from tests.services.review.review_log import DAYS, START, logged_db, logged_dir

from ocstudy.cli import main
from ocstudy.content.repository import ContentRepository
from ocstudy.quiz.days import StudyDay
from ocstudy.services.review.fsrs_fit import (
    MIN_REVIEWS,
    FitCancelledError,
    FsrsFit,
    NotEnoughReviewsError,
    day_shift_hours,
    fsrs_items,
    review_histories,
)
from ocstudy.services.review.quiz import QuizService
from ocstudy.userdata.database import open_user_database
from ocstudy.userdata.review_rows import StoredState
from ocstudy.userdata.reviews import ReviewStore

__all__ = ["logged_db", "logged_dir"]  # the synthetic log's fixtures


@pytest.fixture
def after_log() -> FakeClock:
    return FakeClock(START + timedelta(days=DAYS))


def quiz_on(folder: Path, content: ContentRepository, clock: FakeClock) -> QuizService:
    store = ReviewStore(open_user_database(folder))
    return QuizService.open(content, store, clock=clock, seed=7, fuzz=False, day=StudyDay())


@pytest.fixture
def logged_quiz(logged_dir: Path, content: ContentRepository, after_log: FakeClock) -> QuizService:
    return quiz_on(logged_dir, content, after_log)


@pytest.fixture
def fit(logged_quiz: QuizService) -> FsrsFit:
    return logged_quiz.fsrs_fit


def test_the_synthetic_log_has_several_thousand_answers(fit: FsrsFit) -> None:
    assert fit.log().total > 4000


@pytest.mark.parametrize("utc_offset", [0, -5, 9])
def test_histories_count_study_days_between_reviews(store: ReviewStore, utc_offset: int) -> None:
    zone = timezone(timedelta(hours=utc_offset))
    day = StudyDay(zone)  # the study day turns at 4 a.m. local time
    at = datetime(2026, 3, 2, 10, 0, tzinfo=zone)
    state = StoredState(2, None, 1.0, 5.0, at, at, 1, 0)
    answers = [
        ("a", 1, at),
        ("a", 3, at + timedelta(minutes=10)),
        ("b", 3, at),
        ("a", 3, at + timedelta(hours=17)),  # 3 a.m. the next morning: the same study day
        ("a", 4, at + timedelta(hours=19)),  # 5 a.m.: the next
        ("a", 2, at + timedelta(days=4)),
    ]
    for card_id, rating, when in answers:
        store.record(
            card_id,
            rating=rating,
            mode="flashcard",
            reviewed_at=when,
            duration_ms=None,
            before=None,
            after=state,
        )
    histories = review_histories(store.rating_days(day_shift_hours(day, at)))
    assert histories == {"a": [(1, 0), (3, 0), (3, 0), (4, 1), (2, 3)], "b": [(3, 0)]}
    log = fsrs_items(histories.values())
    assert (log.trainable, log.total) == (2, 6)
    assert [len(item.reviews) for item in log.items] == [4, 5]
    assert [item.long_term_review_cnt() for item in log.items] == [1, 2]


def test_optimize_changes_the_parameters_and_lowers_the_log_loss(fit: FsrsFit) -> None:
    stages: list[str] = []
    before = fit.evaluate()
    result = fit.optimize(lambda stage: stages.append(stage) or True)
    assert result.parameters != tuple(DEFAULT_PARAMETERS)
    assert result.before.log_loss == pytest.approx(before.log_loss, rel=1e-6)
    assert result.after.log_loss <= result.before.log_loss
    assert result.reviews >= MIN_REVIEWS
    assert fit.parameters == result.parameters and fit.fitted
    assert fit.evaluate().log_loss == pytest.approx(result.after.log_loss, rel=1e-6)
    assert len(stages) == 4 and stages[-1] == "Done"


def test_fitted_parameters_survive_a_restart_and_schedule_the_cards(
    fit: FsrsFit,
    logged_dir: Path,
    content: ContentRepository,
    after_log: FakeClock,
    logged_quiz: QuizService,
) -> None:
    card = logged_quiz.catalogue.cards()[0].id
    now = after_log()
    default_preview = logged_quiz.schedule.scheduler.preview(card, None, now)
    result = fit.optimize()
    logged_quiz.schedule.reviews._db.close()

    again = quiz_on(logged_dir, content, after_log)
    assert again.settings.fitted_parameters() == result.parameters
    assert again.schedule.scheduler.parameters == result.parameters
    fitted_preview = again.schedule.scheduler.preview(card, None, now)
    assert fitted_preview[Rating.Easy] != default_preview[Rating.Easy]


def test_reset_restores_the_defaults(fit: FsrsFit, logged_quiz: QuizService) -> None:
    card = logged_quiz.catalogue.cards()[0].id
    now = logged_quiz.schedule.now()
    default_preview = logged_quiz.schedule.scheduler.preview(card, None, now)
    fit.optimize()
    fit.reset()
    assert not fit.fitted
    assert fit.parameters == tuple(DEFAULT_PARAMETERS)
    assert logged_quiz.schedule.scheduler.preview(card, None, now) == default_preview


def test_a_cancelled_fit_changes_nothing(fit: FsrsFit, logged_quiz: QuizService) -> None:
    with pytest.raises(FitCancelledError):
        fit.optimize(lambda stage: not stage.startswith("Fitting"))
    assert not fit.fitted
    assert logged_quiz.schedule.reviews.setting("fsrs.parameters") is None


def test_too_few_reviews_says_how_many_are_needed_and_had(service: QuizService) -> None:
    fit = service.fsrs_fit
    with pytest.raises(NotEnoughReviewsError) as error:
        fit.optimize()
    assert str(error.value) == (
        f"optimizing needs at least {MIN_REVIEWS} reviews made on a later day than the card's "
        "previous one; you have 0 (of 0 answers)"
    )
    assert not fit.fitted


def test_a_stored_value_that_is_not_parameters_counts_as_defaults(service: QuizService) -> None:
    service.schedule.reviews.set_settings({"fsrs.parameters": "[1, 2, 3]"})
    assert service.settings.fitted_parameters() is None
    with pytest.raises(ValueError, match="21 finite parameters"):
        service.settings.set_fitted_parameters([1.0, 2.0])


def test_simulate_gives_more_reviews_for_a_higher_retention(fit: FsrsFit) -> None:
    rows = fit.simulate()
    assert [row.retention for row in rows] == [0.80, 0.85, 0.90, 0.95]
    reviews = [row.reviews_per_day for row in rows]
    minutes = [row.minutes_per_day for row in rows]
    assert reviews == sorted(reviews) and reviews[0] < reviews[-1]
    assert minutes == sorted(minutes) and minutes[0] > 0


# -- the command line ------------------------------------------------------------------------


def cli(capsys: pytest.CaptureFixture[str], folder: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(folder), "fsrs", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_optimize_evaluate_and_reset(
    capsys: pytest.CaptureFixture[str], logged_dir: Path
) -> None:
    code, out, _ = cli(capsys, logged_dir, "evaluate")
    assert code == 0 and "(FSRS's defaults, " in out and out.startswith("log loss ")
    code, out, err = cli(capsys, logged_dir, "optimize")
    lines = out.splitlines()
    assert code == 0 and not err
    assert lines[0].startswith("Measuring the current parameters on ")
    assert lines[1:4] == ["Fitting FSRS to them…", "Measuring the fitted parameters…", "Done…"]
    assert lines[4].startswith("before: log loss ") and lines[5].startswith("after:  log loss ")
    code, out, _ = cli(capsys, logged_dir, "evaluate")
    assert "(fitted to you, " in out
    code, out, _ = cli(capsys, logged_dir, "reset")
    assert code == 0 and "default parameters" in out
    assert "(FSRS's defaults, " in cli(capsys, logged_dir, "evaluate")[1]


def test_cli_simulate(capsys: pytest.CaptureFixture[str], logged_dir: Path) -> None:
    code, out, _ = cli(capsys, logged_dir, "simulate", "--retention", "0.8", "0.9")
    rows = out.splitlines()
    assert code == 0
    assert rows[0].split() == ["retention", "reviews/day", "minutes/day", "remembered"]
    assert [row.split()[0] for row in rows[1:3]] == ["0.80", "0.90"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["optimize"], "optimizing needs at least 400 reviews"),
        (["evaluate"], "there are no reviews to measure yet"),
        (["simulate", "--retention", "0.5"], "from 0.70 to 0.99"),
        (["simulate", "--retention", "high"], "numbers such as 0.9, not high"),
    ],
)
def test_cli_bad_input_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], data_dir: Path, args: list[str], message: str
) -> None:
    open_user_database(data_dir).close()
    code, out, err = cli(capsys, data_dir, *args)
    assert code == 2 and not out
    assert len(err.splitlines()) == 1 and message in err
    assert ReviewStore(open_user_database(data_dir)).setting("fsrs.parameters") is None
