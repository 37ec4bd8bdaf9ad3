"""Custom study's planner on the real deck, a fresh user database and the fake clock: which
cards each choice asks and in which order (forgotten, ahead, new, a theme, a search), what it
leaves out, the choices kept between sessions, and the session it starts: practice leaves the
log and the schedule byte for byte as they were; rescheduling records normal reviews."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from fsrs import Rating, State
from tests.review_fixtures import FakeClock, ServiceFactory

from ocstudy.services.browser.actions import CardActions
from ocstudy.services.browser.query import SearchContext
from ocstudy.services.browser.rows import RatedCards, card_rows
from ocstudy.services.browser.search import SearchSyntaxError, parse_search
from ocstudy.services.review.custom_study import (
    CustomChoices,
    CustomStudyPlanner,
    described,
    load_choices,
    save_choices,
)
from ocstudy.services.review.quiz import QuizService
from ocstudy.userdata.own_cards import OwnCardStore


def answer(service: QuizService, card_id: str, rating: Rating, clock: FakeClock) -> None:
    """An answer recorded as a session records it, at the clock's time."""
    before = service.schedule.state(card_id)
    after = service.schedule.scheduler.review(card_id, before, rating, clock.now)
    service.schedule.record(card_id, rating, "flashcard", clock.now, 4000, before, after)


def one_per_fact(service: QuizService, count: int, tier: str = "core") -> list[str]:
    """``count`` cards of the tier, each of another fact, in the deck's order."""
    chosen: dict[str, str] = {}
    for card in service.catalogue.cards():
        if card.tier == tier:
            chosen.setdefault(card.sibling_key, card.id)
    return list(chosen.values())[:count]


def plan_ids(service: QuizService, **choices: object) -> tuple[str, ...]:
    return CustomStudyPlanner(service).plan(CustomChoices(**choices)).card_ids  # type: ignore[arg-type]


def test_forgotten_cards_are_those_rated_again_in_the_last_n_days(
    service: QuizService, clock: FakeClock
) -> None:
    a, b, c, d = one_per_fact(service, 4)
    answer(service, a, Rating.Again, clock)
    answer(service, b, Rating.Good, clock)
    clock.advance(days=3)
    answer(service, c, Rating.Again, clock)
    answer(service, d, Rating.Hard, clock)
    assert plan_ids(service, kind="forgotten", forgotten_days=1) == (c,)  # today is day 1
    assert plan_ids(service, kind="forgotten", forgotten_days=3) == (c,)
    # four days back reaches a: the weakest first (a, forgotten three days ago, is weaker)
    assert plan_ids(service, kind="forgotten", forgotten_days=4) == (a, c)
    rated = RatedCards(service)(4, 1)
    assert set(plan_ids(service, kind="forgotten", forgotten_days=4)) == rated  # rated:4:1


def test_study_ahead_asks_the_cards_due_in_the_next_n_days_soonest_first(
    service: QuizService, clock: FakeClock
) -> None:
    a, b, c = one_per_fact(service, 3)
    answer(service, a, Rating.Easy, clock)  # due in a few days
    answer(service, b, Rating.Good, clock)  # a learning step: due today, not ahead
    clock.advance(hours=1)
    answer(service, c, Rating.Easy, clock)
    due_a, due_c = service.schedule.state(a).due, service.schedule.state(c).due  # type: ignore[union-attr]
    days = (service.schedule.day.day_of(due_a) - service.schedule.day.day_of(clock.now)).days
    assert days >= 2 and due_a < due_c
    assert plan_ids(service, kind="ahead", ahead_days=days - 1) == ()
    assert plan_ids(service, kind="ahead", ahead_days=days) == (a, c)
    assert plan_ids(service, kind="ahead", ahead_days=365) == (a, c)
    assert b not in plan_ids(service, kind="ahead", ahead_days=365)


def test_preview_asks_the_next_new_cards_as_a_session_brings_them(
    make_service: ServiceFactory, clock: FakeClock, data_dir: Path
) -> None:
    probe = make_service()
    own = OwnCardStore(probe.schedule.reviews.database, clock)
    mine = own.add("What does **UNTOC** stand for?", "United Nations Convention…", "untoc")
    service = make_service(own=own)
    first = one_per_fact(service, 3)
    answer(service, first[0], Rating.Good, clock)
    planned = plan_ids(service, kind="new", new_cards=4)
    assert planned[0] == mine.id  # the learner's own card first, as in a session
    assert planned[1:] == (first[1], first[2], one_per_fact(service, 4)[3])
    assert all(service.catalogue.card(i).tier == "core" for i in planned)  # type: ignore[union-attr]
    service.settings.update(tiers="detail")
    wider = plan_ids(service, kind="new", new_cards=9999)
    assert {service.catalogue.card(i).tier for i in wider} == {"core", "detail"}  # type: ignore[union-attr]


def test_a_theme_asks_its_studied_cards_weakest_first_then_new_ones(
    service: QuizService, clock: FakeClock
) -> None:
    drugs = [card.id for card in service.catalogue.studied() if "drugs" in card.themes]
    siblings = {service.catalogue.card(i).sibling_key for i in drugs}  # type: ignore[union-attr]
    a, b = drugs[3], drugs[5]
    answer(service, a, Rating.Good, clock)
    answer(service, b, Rating.Again, clock)
    clock.advance(days=2)
    planned = plan_ids(service, kind="theme", theme="drugs", theme_cards=9999)
    assert planned[:2] == (b, a)  # forgotten is the weaker now
    assert len(planned) == len(siblings)  # one card of each fact
    assert plan_ids(service, kind="theme", theme="drugs", theme_cards=5) == planned[:5]
    plan = CustomStudyPlanner(service).plan(
        CustomChoices(kind="theme", theme="drugs", theme_cards=5)
    )
    assert plan.siblings == len(drugs) - len(siblings) and plan.title == "the Drugs theme"
    assert described(plan) == (
        f"Asks 5 cards, the weakest first, then new cards in learning order (the first 5 of "
        f"{len(siblings)}). Left out: {plan.siblings} of a fact another card asks."
    )
    nothing = CustomStudyPlanner(service).plan(CustomChoices(kind="ahead", ahead_days=3))
    assert described(nothing) == "No cards: none falls due in those days."


def test_a_search_finds_what_the_cards_browser_finds(
    service: QuizService, clock: FakeClock
) -> None:
    text = "untoc -kind:date"
    rows = card_rows(service)
    matcher = parse_search(text).matcher(SearchContext(RatedCards(service)))
    browser = {row.id for row in rows if matcher(row)}
    assert any(service.catalogue.card(i).tier == "extra" for i in browser)  # type: ignore[union-attr]
    planned = plan_ids(service, kind="search", search=text, search_cards=9999)
    assert set(planned) <= browser  # every tier, as the browser
    keys = {service.catalogue.card(i).sibling_key for i in browser}  # type: ignore[union-attr]
    assert len(planned) == len(keys)
    answer(service, planned[-1], Rating.Again, clock)
    assert plan_ids(service, kind="search", search=text, search_cards=2)[0] == planned[-1]
    assert plan_ids(service, kind="search", search="", search_cards=9999) == plan_ids(
        service, kind="search", search="*", search_cards=9999
    )


@pytest.mark.parametrize(
    ("text", "problem"),
    [("tier:gold", "tier:gold"), ('"open', "not closed"), ("rated:400:1", "1 to 365")],
)
def test_a_search_that_cannot_be_read_says_what_is_wrong(
    service: QuizService, text: str, problem: str
) -> None:
    with pytest.raises(SearchSyntaxError, match=problem) as raised:
        CustomStudyPlanner(service).plan(CustomChoices(kind="search", search=text))
    assert "\n" not in str(raised.value)


def test_suspended_and_buried_cards_are_left_out_and_counted(
    service: QuizService, clock: FakeClock
) -> None:
    a, b, c = one_per_fact(service, 3)
    for card_id in (a, b, c):
        answer(service, card_id, Rating.Again, clock)
    actions = CardActions(service.schedule)
    actions.toggle_suspend([a])
    actions.bury([b])
    service.schedule.forget_cached_state()
    plan = CustomStudyPlanner(service).plan(CustomChoices(kind="forgotten"))
    assert plan.card_ids == (c,) and plan.hidden == 2
    assert described(plan) == "Asks 1 card, the weakest first. Left out: 2 suspended or buried."
    clock.advance(days=1)  # the burial ends with the study day
    assert set(plan_ids(service, kind="forgotten", forgotten_days=2)) == {b, c}


def test_the_choices_are_kept_and_a_bad_stored_value_is_the_default(
    service: QuizService,
) -> None:
    themes = [theme.key for theme in service.catalogue.themes]
    assert load_choices(service.settings, themes) == CustomChoices(theme=themes[0])
    chosen = CustomChoices("search", 7, 30, 5, "firearms", 12, "kind:date", 40, True)
    save_choices(service.settings, chosen)
    assert load_choices(service.settings, themes) == chosen
    said: list[str] = []
    service.schedule.reviews.database.unreadable_rows.listen(said.append)
    service.schedule.reviews.set_settings(
        {
            "quiz.custom_study.kind": "cram",
            "quiz.custom_study.forgotten_days": "0",
            "quiz.custom_study.ahead_days": "366",
            "quiz.custom_study.new_cards": "lots",
            "quiz.custom_study.theme": "piracy",
            "quiz.custom_study.reschedule": "yes",
        }
    )
    loaded = load_choices(service.settings, themes)
    assert loaded == CustomChoices(
        theme=themes[0], theme_cards=12, search="kind:date", search_cards=40
    )
    assert len(said) == 6 and all("quiz.custom_study." in line for line in said)
    load_choices(service.settings, themes)
    assert len(said) == 6  # each said once


def dump(service: QuizService) -> bytes:
    """The review log and the schedule, every byte of every row."""
    db = sqlite3.connect(service.schedule.reviews.database.path)
    lines = [
        line
        for line in db.iterdump()
        if line.startswith(('INSERT INTO "review_log"', 'INSERT INTO "card_states"'))
    ]
    db.close()
    return "\n".join(lines).encode()


def test_practice_leaves_the_log_and_the_schedule_byte_for_byte(
    service: QuizService, clock: FakeClock
) -> None:
    cards = one_per_fact(service, 8)
    for card_id in cards[:5]:
        answer(service, card_id, Rating.Again, clock)
    clock.advance(days=1)
    before = dump(service)
    assert before.count(b"review_log") == 5
    plan = CustomStudyPlanner(service).plan(CustomChoices(kind="forgotten", forgotten_days=2))
    session = service.custom(plan.card_ids, reschedule=False)
    assert session.practice and session.current is not None
    assert session.current.id == plan.card_ids[0]
    ratings = [Rating.Again, Rating.Good, Rating.Hard, Rating.Easy]
    answered = 0
    while session.current is not None and answered < 50:
        session.answer(ratings[answered % 4], duration_ms=3000)
        clock.advance(seconds=20)
        answered += 1
        if answered == 3:
            session.undo()
    assert session.summary().practice and session.summary().cards == 5
    assert dump(service) == before


def test_rescheduling_records_normal_reviews_a_card_studied_ahead_gains_less(
    service: QuizService, clock: FakeClock
) -> None:
    (card,) = one_per_fact(service, 1)
    answer(service, card, Rating.Easy, clock)
    reviewed = service.schedule.state(card)
    assert reviewed is not None and reviewed.state == State.Review
    clock.advance(days=1)
    plan = CustomStudyPlanner(service).plan(CustomChoices(kind="ahead", ahead_days=30))
    assert plan.card_ids == (card,) and plan.reschedule is False
    session = service.custom(plan.card_ids, reschedule=True)
    assert not session.practice
    expected = service.schedule.scheduler.review(card, reviewed, Rating.Good, clock.now)
    on_time = service.schedule.scheduler.review(card, reviewed, Rating.Good, reviewed.due)
    record = session.answer(Rating.Good, duration_ms=3000)
    assert session.current is None
    assert service.schedule.state(card) == expected and record.due == expected.due
    assert service.schedule.reviews.lines()[-1].card_id == card
    # FSRS scores an early answer by the chance of recall at that moment (high, early):
    # the stability grows, less than an answer on the due day would make it
    assert reviewed.stability is not None and expected.stability is not None
    assert reviewed.stability < expected.stability < on_time.stability  # type: ignore[operator]
