"""The services one window uses, handed over together by the composition root."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ocstudy.services.exports import Exports
from ocstudy.services.safety import DataSafety
from ocstudy.services.study import StudyService

if TYPE_CHECKING:
    from ocstudy.services.quiz import QuizService


@dataclass(frozen=True)
class AppServices:
    study: StudyService
    #: Made on first use: it imports the scheduler (FSRS) and generates the cards.
    quiz: Callable[[], QuizService]
    safety: DataSafety
    exports: Exports
