"""The views besides the study view (timeline, quiz, statistics, cards), each made the first
time it is shown (so start-up pays only for the study view and imports none of theirs), and
wired to the window: an entry opened in any of them shows in the study view, the quiz's card
info opens as the browser's does, a row of the statistics starts a quiz on its cards."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from ocstudy.ui.window.own_cards import FilesWindow

if TYPE_CHECKING:
    from ocstudy.ui.cards.view import CardsView
    from ocstudy.ui.quiz.view import QuizView
    from ocstudy.ui.stats.view import StatsView
    from ocstudy.ui.timeline.panel import TimelinePanel
    from ocstudy.ui.window.own_cards import OwnCardWindow


class ViewsWindow(FilesWindow, Protocol):
    """The window whose views these are: each sets its attribute when made."""

    timeline: TimelinePanel | None
    quiz: QuizView | None
    stats: StatsView | None
    cards: CardsView | None

    @property
    def own_cards(self) -> OwnCardWindow: ...

    def show_view(self, key: str) -> None: ...


def create_view(window: ViewsWindow, key: str) -> QWidget:
    """The view ``key`` ("timeline", "quiz", "stats" or "cards"), made and wired."""
    factories = {"timeline": _timeline, "quiz": _quiz, "stats": _stats, "cards": _cards}
    return factories[key](window)


def _timeline(window: ViewsWindow) -> TimelinePanel:
    from ocstudy.ui.timeline.panel import TimelinePanel

    service = window.services.study
    themes = [(theme.key, theme.label) for theme in service.themes()]
    assert isinstance(window, QWidget)
    panel = TimelinePanel(service.timeline_items(), themes, window)
    panel.restore_state(window.settings)
    panel.view.entityActivated.connect(window.study.select)
    panel.view.entityOpened.connect(partial(open_in_study, window))
    panel.view.highlight(window.study.current_slug)
    window.timeline = panel
    return panel


def _quiz(window: ViewsWindow) -> QuizView:
    from ocstudy.ui.quiz.view import QuizView

    assert isinstance(window, QWidget)
    view = QuizView(window.quiz_service(), window)
    view.attach_changes(window.changes)
    view.entityOpened.connect(partial(open_in_study, window))
    view.cardInfoRequested.connect(partial(show_card_info, window))
    slug = window.study.current_slug
    entity = window.services.study.entity(slug) if slug else None
    view.set_selected_entity(slug, entity.short_name if entity else None)
    window.quiz = view
    return view


def _stats(window: ViewsWindow) -> StatsView:
    from ocstudy.ui.stats.view import StatsView

    assert isinstance(window, QWidget)
    window.stats = StatsView(window.quiz_service(), window.settings, window)
    window.stats.attach_changes(window.changes)
    window.stats.quizRequested.connect(partial(quiz_on, window))
    return window.stats


def _cards(window: ViewsWindow) -> CardsView:
    from ocstudy.ui.cards.view import CardsView

    assert isinstance(window, QWidget)
    window.cards = CardsView(window.quiz_service(), window.settings, window)
    window.cards.attach_changes(window.changes)
    window.cards.entityOpened.connect(partial(open_in_study, window))
    window.cards.statusMessage.connect(lambda text: window.statusBar().showMessage(text, 8000))
    window.own_cards.attach_browser(window.cards)
    window.cards.card_actions.bulk.start = window.files.start_on_quiz
    return window.cards


def show_card_info(window: ViewsWindow, card_id: str) -> None:
    """Card info for the quiz's card on screen (as the browser's Ctrl+Shift+I)."""
    from ocstudy.ui.cards.card_info import CardInfoDialog

    assert isinstance(window, QWidget)
    dialog = CardInfoDialog(window.quiz_service(), card_id, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()


def quiz_on(window: ViewsWindow, kind: str, key: str) -> None:
    """Start a quiz on a theme's or an entry's cards (from the statistics' rows)."""
    from ocstudy.quiz.scope import Scope

    if kind == "entity":
        window.study.select(key)  # the quiz offers the entry selected in the tree
    window.show_view("quiz")
    assert window.quiz is not None
    window.quiz.back_to_start()
    window.quiz.start_page.choose_scope(Scope.entity(key) if kind == "entity" else Scope.theme(key))
    window.quiz.start()


def open_in_study(window: ViewsWindow, slug: str) -> None:
    """Show an entry (opened in another view) in the study view."""
    if not slug:  # an own card on no entry
        return
    window.study.select(slug)
    window.show_view("study")
