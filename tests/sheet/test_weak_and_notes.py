"""A history with known failures puts exactly those cards under "Your weak spots", most failed
first; the learner's notes are printed, from Markdown, only when asked for."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from ocstudy.content.repository import ContentRepository
from ocstudy.services.review.quiz import QuizService
from ocstudy.services.sheet import SheetAssembler, SheetRequest
from ocstudy.services.sheet.model import Table
from ocstudy.userdata.database import open_user_database
from ocstudy.userdata.notes import NoteStore
from ocstudy.userdata.review_rows import StoredState
from ocstudy.userdata.reviews import ReviewStore

from .conftest import flat, needs_poppler, pdf_pages, run_cli

NOW = datetime(2026, 12, 1, 9, tzinfo=UTC)
RELEARNING, REVIEW = 3, 2


def _answer(store: ReviewStore, card: str, rating: int, when: datetime) -> None:
    before = store.state(card)
    if rating == 1:
        after = StoredState(RELEARNING, 0, 0.5, 9.0, when + timedelta(minutes=10), when, 1, 1)
    else:
        after = StoredState(REVIEW, None, 400.0, 3.0, when + timedelta(days=300), when, 1, 0)
    store.record(
        card, rating=rating, mode="flashcard", reviewed_at=when, duration_ms=4000,
        before=before, after=after,
    )  # fmt: skip


@pytest.fixture
def history(data_dir: Path, repository: ContentRepository) -> tuple[list[str], list[str]]:
    """Three cards failed (three, two and one times), five answered well; the failed first."""
    db = open_user_database(data_dir)
    service = QuizService.open(repository, ReviewStore(db), clock=lambda: NOW, seed=1)
    cards = [card.id for card in service.catalogue.cards()]
    failed, passed = [cards[10], cards[40], cards[70]], [cards[i] for i in (5, 25, 55, 85, 95)]
    when = NOW - timedelta(days=3)
    for card, failures in zip(failed, (3, 2, 1), strict=True):
        for _ in range(failures):
            _answer(service.schedule.reviews, card, 1, when)
            when += timedelta(minutes=1)
    for card in passed:
        _answer(service.schedule.reviews, card, 3, when)
    db.close()
    return failed, passed


def _prompts(service: QuizService, ids: list[str]) -> list[str]:
    prompts = []
    for card_id in ids:
        card = service.catalogue.card(card_id)
        assert card is not None
        prompts.append(card.prompt)
    return prompts


def test_weak_spots_are_exactly_the_failed_cards(
    data_dir: Path, repository: ContentRepository, history: tuple[list[str], list[str]]
) -> None:
    failed, _passed = history
    service = QuizService.open(
        repository, ReviewStore(open_user_database(data_dir)), clock=lambda: NOW
    )
    assembler = SheetAssembler(repository, quiz=lambda: service)
    sheet = assembler.assemble(SheetRequest("all", weak=3), date(2026, 12, 1))
    weak = next(s for s in sheet.sections if s.anchor == "weak-spots")
    table = next(b for b in weak.blocks if isinstance(b, Table))
    assert [row[0].text for row in table.rows] == _prompts(service, failed)
    assert [row[3].text for row in table.rows] == ["3 of 3", "2 of 2", "1 of 1"]
    assert all(row[2].text for row in table.rows)  # each with its source
    # asking for more adds the answered cards least likely to be recalled, never unseen ones
    more = assembler.assemble(SheetRequest("all", weak=50), date(2026, 12, 1))
    rows = next(b for b in more.sections[-1].blocks if isinstance(b, Table)).rows
    assert len(rows) == 8


@needs_poppler
def test_the_printed_weak_spots_hold_those_cards_and_no_others(
    data_dir: Path, repository: ContentRepository, history: tuple[list[str], list[str]]
) -> None:
    failed, passed = history
    service = QuizService.open(repository, ReviewStore(open_user_database(data_dir)))
    out = data_dir.parent / "weak.pdf"
    result = run_cli("--data-dir", str(data_dir), "sheet", "--all", "--weak", "3", "-o", str(out))
    assert result.returncode == 0, result.stderr
    text = flat("\n".join(pdf_pages(out)))
    weak = text[text.rindex("Your weak spots") :]
    assert "The 3 cards of this sheet you answered" in weak
    for prompt in _prompts(service, failed):  # a long question wraps beside its answer
        assert _words_in_order(prompt, weak), prompt
    for prompt in _prompts(service, passed):
        assert not _words_in_order(prompt, weak), prompt


def _words_in_order(prompt: str, text: str) -> bool:
    """Whether the words of ``prompt`` are in ``text`` in their order, whatever comes
    between them (a table cell's lines are read between the next cell's)."""
    words = iter(text.split())
    return all(any(word == seen for seen in words) for word in prompt.split())


@needs_poppler
def test_notes_are_printed_from_markdown_only_when_asked(data_dir: Path) -> None:
    db = open_user_database(data_dir)
    NoteStore(db).save("firearms-protocol", "**Remember**: the *marking* of firearms.\n\n- one\n")
    db.close()
    base = ("--data-dir", str(data_dir), "sheet", "--theme", "firearms")
    with_notes, without = data_dir.parent / "with.pdf", data_dir.parent / "without.pdf"
    assert run_cli(*base, "--with-notes", "-o", str(with_notes)).returncode == 0
    assert run_cli(*base, "-o", str(without)).returncode == 0
    printed = flat("\n".join(pdf_pages(with_notes)))
    assert "Your note Remember: the marking of firearms." in printed
    assert "**" not in printed
    assert "Remember" not in flat("\n".join(pdf_pages(without)))
