"""The statistics' exam panel: while an exam date is set, the same forecast as the quiz's
start page; and the practice exams' scores over time, beside it."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ocstudy.services.review.exam_text import (
    days_left_text,
    fit_text,
    percent,
    readiness_text,
    today_text,
)
from ocstudy.services.review.quiz import QuizService

#: The practice exams listed, newest last.
SHOWN_RESULTS = 8


class ExamPanel(QWidget):
    def __init__(self, service: QuizService, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("statsExam")
        self._service = service
        self.forecast = QLabel(self)
        self.forecast.setObjectName("statsExamForecast")
        self.forecast.setAccessibleName("Exam forecast")
        self.forecast.setWordWrap(True)
        self.forecast.setTextFormat(Qt.TextFormat.RichText)
        self.scores = QLabel(self)
        self.scores.setObjectName("statsExamScores")
        self.scores.setAccessibleName("Practice exam scores")
        self.scores.setWordWrap(True)
        self.scores.setTextFormat(Qt.TextFormat.RichText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.forecast)
        layout.addWidget(self.scores)

    def refresh(self) -> None:
        exam = self._service.exam
        forecast = exam.forecast()
        results = self._service.practice_exams.results()
        self.setVisible(forecast is not None or bool(results) or bool(exam.passed_message))
        if forecast is None:
            self.forecast.setText(escape(exam.passed_message or ""))
        else:
            lines = [days_left_text(forecast), readiness_text(forecast), today_text(forecast)]
            if (problem := fit_text(forecast)) is not None:
                lines.append(problem)
            themes = ", ".join(f"{t.label} {percent(t.recall)}" for t in forecast.themes)
            lines.append(f"Recall on the day if you stopped now, weakest first: {themes}")
            self.forecast.setText(
                "<b>Exam day</b><br>" + "<br>".join(escape(line) for line in lines)
            )
        rows = [
            f"{r.taken_at.astimezone():%d %b %Y %H:%M}: {r.right} of {r.questions} "
            f"({percent(r.score)})"
            for r in results[-SHOWN_RESULTS:]
        ]
        self.scores.setVisible(bool(rows))
        self.scores.setText("<b>Practice exams</b><br>" + "<br>".join(map(escape, rows)))
