"""The pure replay of a card's log: plain ratings and times in, the scheduler's states out;
the quiz's own answers replay into the states they gave."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fsrs import Card, Scheduler, State
from fsrs import Rating as FsrsRating
from fsrs.scheduler import LOWER_BOUNDS_PARAMETERS, UPPER_BOUNDS_PARAMETERS
from hypothesis import given, settings
from hypothesis import strategies as st

from ocstudy.quiz.rating import Rating
from ocstudy.quiz.replay import replay
from ocstudy.quiz.scheduling import CardScheduler, CardState

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

#: A log's answers: a rating and the time since the answer before (seconds to years).
_answers = st.lists(st.tuples(st.integers(1, 4), st.integers(0, 3 * 365 * 86_400_000)), max_size=40)
_parameters = st.tuples(
    *(
        st.floats(low, high, allow_nan=False)
        for low, high in zip(LOWER_BOUNDS_PARAMETERS, UPPER_BOUNDS_PARAMETERS, strict=True)
    )
)
#: A schedule the learner set by hand (Forget, Set due date), that a replay may start from.
_starts = st.one_of(
    st.none(),
    st.builds(
        CardState,
        st.sampled_from(State),
        st.integers(0, 3),
        st.floats(0.001, 36500, allow_nan=False),
        st.floats(1, 10, allow_nan=False),
        st.just(START),
        st.just(START - timedelta(days=3)),
        st.integers(0, 500),
        st.integers(0, 50),
    ),
)


def _moments(answers: list[tuple[int, int]]) -> list[tuple[int, datetime]]:
    moment, timed = START, []
    for rating, gap_ms in answers:
        moment += timedelta(milliseconds=gap_ms)
        timed.append((rating, moment))
    return timed


def test_replay_is_the_schedulers_answers_one_after_another() -> None:
    scheduler = CardScheduler(seed=3)  # fuzz on: seeded by the card and its review count
    answers = [(1, START), (3, START + timedelta(minutes=2)), (3, START + timedelta(days=1))]
    expected: list[CardState] = []
    state = None
    for rating, moment in answers:
        state = scheduler.review("card", state, Rating(rating), moment)
        expected.append(state)

    assert replay(scheduler, "card", answers) == expected
    assert replay(scheduler, "card", []) == []


def test_replay_counts_reviews_and_lapses_from_a_new_card() -> None:
    scheduler = CardScheduler(fuzz=False)
    day = timedelta(days=1)
    answers = [(3, START), (3, START + day), (3, START + 4 * day), (1, START + 20 * day)]

    states = replay(scheduler, "card", answers)

    assert [s.reps for s in states] == [1, 2, 3, 4]
    assert states[2].state == State.Review
    assert states[-1].lapses == 1
    assert states[-1].last_review == START + 20 * day


@settings(max_examples=150, deadline=None)
@given(
    answers=_answers,
    start=_starts,
    parameters=_parameters,
    retention=st.floats(0.7, 0.99),
    maximum_interval=st.integers(1, 36500),
    seed=st.integers(0, 2**32 - 1),
)
def test_a_replay_is_exactly_the_answers_given_one_by_one(
    answers: list[tuple[int, int]],
    start: CardState | None,
    parameters: tuple[float, ...],
    retention: float,
    maximum_interval: int,
    seed: int,
) -> None:
    """The replay passes fsrs's card from one answer to the next; the states are the answer
    path's to the last float, fuzz included."""
    scheduler = CardScheduler(
        retention, seed=seed, parameters=parameters, maximum_interval=maximum_interval
    )
    expected: list[CardState] = []
    state = start
    for rating, moment in _moments(answers):
        state = scheduler.review("card", state, Rating(rating), moment)
        expected.append(state)

    assert replay(scheduler, "card", _moments(answers), start) == expected


@settings(max_examples=150, deadline=None)
@given(answers=_answers, parameters=_parameters, retention=st.floats(0.7, 0.99))
def test_an_answer_is_fsrs_own_review_of_its_own_card(
    answers: list[tuple[int, int]], parameters: tuple[float, ...], retention: float
) -> None:
    """Without fuzz, each answer's state is what fsrs's scheduler gives for fsrs's own card
    (ocstudy hands it a card that copies itself faster)."""
    scheduler = CardScheduler(retention, fuzz=False, parameters=parameters)
    fsrs = Scheduler(parameters, retention, enable_fuzzing=False)
    card: Card | None = None
    state: CardState | None = None
    for rating, moment in _moments(answers):
        card = card or Card(0, State.Learning, 0, None, None, moment, None)
        card, _ = fsrs.review_card(card, FsrsRating(rating), moment)
        state = scheduler.review("card", state, Rating(rating), moment)
        fields = (card.state, card.step, card.stability, card.difficulty, card.due)
        assert (state.state, state.step, state.stability, state.difficulty, state.due) == fields
        assert state.last_review == card.last_review == moment
