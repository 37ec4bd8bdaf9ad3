"""Anki's reviewer keys on the card on screen: ``-`` buries it until tomorrow, ``@`` suspends
it (both take it out of the session unanswered; U undoes), Ctrl+1...7 flag it (Ctrl+0: no
flag), ``i`` opens its card info. The card page's notice line says what happened."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent

from ocstudy.services.browser.actions import FLAG_NAMES, CardChange
from ocstudy.services.errors import UserDatabaseError
from ocstudy.ui.common.keys import flag_key

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtCore import SignalInstance
    from PySide6.QtWidgets import QStackedWidget

    from ocstudy.content.vocabulary import AnswerMode
    from ocstudy.quiz.model import QuizCard
    from ocstudy.quiz.session import QuizSession
    from ocstudy.services.review.quiz import QuizService
    from ocstudy.ui.quiz.card_page import CardPage
    from ocstudy.ui.quiz.summary_page import SummaryPage


class QuizHost(Protocol):
    """What the keys use of the quiz view (``view.py``, which makes them)."""

    @property
    def service(self) -> QuizService: ...
    @property
    def session(self) -> QuizSession | None: ...
    @property
    def card(self) -> QuizCard | None: ...
    @property
    def mode(self) -> AnswerMode: ...
    @property
    def pages(self) -> QStackedWidget: ...
    @property
    def card_page(self) -> CardPage: ...
    @property
    def summary_page(self) -> SummaryPage: ...
    @property
    def cardInfoRequested(self) -> SignalInstance: ...

    def show_next(self) -> None: ...
    def session_step(self, title: str, card_id: str) -> None: ...
    def card_marked(self, card_id: str, title: str, undo: Callable[[], str | None]) -> None: ...


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


class QuizCardMarks:
    def __init__(self, view: QuizHost) -> None:
        self.view = view
        self.actions = view.service.card_actions

    def handles(self, event: QKeyEvent) -> bool:
        """Act on ``event`` if it is one of these keys (a card on screen); whether it was."""
        if self.view.card is None or self.view.session is None:
            return False
        number = flag_key(event)
        if number is not None:
            self.flag(number)
        elif event.key() == Qt.Key.Key_Minus and not event.modifiers() & _CONTROL:
            self.set_aside(bury=True)
        elif event.text() == "@":
            self.set_aside(bury=False)
        elif event.key() == Qt.Key.Key_I and not event.modifiers() & _CONTROL:
            self.view.cardInfoRequested.emit(self.view.card.id)
        else:
            return False
        return True

    def set_aside(self, *, bury: bool) -> None:
        view = self.view
        card, session = view.card, view.session
        assert card is not None and session is not None
        try:
            if bury:
                change = self.actions.bury([card.id])
            else:
                change = self.actions.toggle_suspend([card.id], on=True)
        except UserDatabaseError as error:
            view.card_page.show_notice(f"Not saved: {error}", warn=True)
            return
        reason = "buried until tomorrow" if bury else "suspended"
        session.set_aside(card.id, lambda: self.actions.undo(change), view.mode, reason=reason)
        view.session_step("Bury" if bury else "Suspend", card.id)
        view.show_next()
        done = "Buried until tomorrow" if bury else "Suspended (find it with is:suspended)"
        self.tell(f"{done}: \u201c{_short(card.prompt)}\u201d \u2014 U undoes it")

    def flag(self, number: int) -> None:
        card = self.view.card
        assert card is not None
        try:
            change = self.actions.flag([card.id], number)
        except UserDatabaseError as error:
            self.view.card_page.show_notice(f"Not saved: {error}", warn=True)
            return
        self.view.card_page.show_notice(change.message.replace(" on 1 card", " on this card"))
        title = f"Flag {FLAG_NAMES[number].lower()}" if number else "No flag"
        self.view.card_marked(card.id, title, lambda: self._undo(change))

    def _undo(self, change: CardChange) -> str | None:
        """Take back ``change`` (a flag); what to say, or None if it could not be."""
        try:
            message = self.actions.undo(change)
        except UserDatabaseError as error:
            self.view.card_page.show_notice(f"Not undone: {error}", warn=True)
            return None
        return message.replace(" on 1 card", " on this card")

    def told_leech(self, log_id: int | None, prompt: str) -> None:
        """If answer ``log_id`` made its card a leech, say so."""
        if self.view.service.schedule.leeched(log_id):
            threshold = self.view.service.settings.leech_threshold()
            self.tell(
                f"\u201c{_short(prompt)}\u201d is a leech: forgotten {threshold} times or more, "
                "it is suspended. Find it in the browser with is:leech; U undoes the answer.",
                warn=True,
            )

    def tell(self, message: str, *, warn: bool = False) -> None:
        """Over the next card; under the summary if that card ended the session."""
        view = self.view
        if view.pages.currentWidget() is view.card_page:
            view.card_page.show_notice(message, warn=warn)
            return
        summary = view.summary_page.summary
        sign = "\u26a0 " if warn else ""
        summary.setText(f"{summary.text()}<p>{sign}{escape(message)}</p>")


_CONTROL = Qt.KeyboardModifier.ControlModifier
