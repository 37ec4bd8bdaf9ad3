"""The practice exams taken (``exam_results``, migration 0007): the score over time for the
statistics. Kept apart from the review log: a practice exam never changes the schedule. A
row that cannot be read (edited by hand) is left out and said once."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime

from ocstudy.userdata.database import UserDatabase, UserDatabaseError
from ocstudy.userdata.review_rows import iso
from ocstudy.userdata.stored_values import BadValueError


@dataclass(frozen=True, slots=True)
class StoredExamResult:
    taken_at: datetime
    scope: str
    questions: int
    right: int
    #: Each theme's right answers and questions asked.
    themes: dict[str, tuple[int, int]]
    missed: tuple[str, ...]

    @property
    def score(self) -> float:
        return self.right / self.questions if self.questions else 0.0


class ExamResultStore:
    def __init__(self, db: UserDatabase) -> None:
        self._db = db

    def add(self, result: StoredExamResult) -> None:
        themes = {key: list(pair) for key, pair in result.themes.items()}
        try:
            with self._db.atomic():
                self._db.execute(
                    "INSERT INTO exam_results (taken_at, scope, questions, right, themes, missed)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    [
                        iso(result.taken_at),
                        result.scope,
                        result.questions,
                        result.right,
                        json.dumps(themes),
                        json.dumps(list(result.missed)),
                    ],
                )
        except sqlite3.Error as error:
            raise UserDatabaseError(f"could not keep the practice exam's result: {error}") from None

    def all(self) -> list[StoredExamResult]:
        """Every result, oldest first."""
        rows = self._db.execute(
            "SELECT taken_at, scope, questions, right, themes, missed FROM exam_results "
            "ORDER BY taken_at, id"
        ).fetchall()
        results = []
        for row in rows:
            try:
                results.append(_result(row))
            except (ValueError, TypeError, AttributeError) as error:
                problem = BadValueError("the row", str(row[0]), f"a practice exam ({error})")
                self._db.unreadable_rows.say("exam_results", problem, "it is left out")
        return results


def _result(row: tuple[object, ...]) -> StoredExamResult:
    taken_at, scope, questions, right, themes, missed = row
    when = datetime.fromisoformat(str(taken_at))
    if when.tzinfo is None:
        raise ValueError("a time without its zone")
    pairs = json.loads(str(themes))
    return StoredExamResult(
        when,
        str(scope),
        int(str(questions)),
        int(str(right)),
        {str(key): (int(pair[0]), int(pair[1])) for key, pair in pairs.items()},
        tuple(str(card_id) for card_id in json.loads(str(missed))),
    )
