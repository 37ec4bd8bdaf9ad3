"""The two FSRS dialogs of the quiz's start page: Optimize (fit the parameters to the learner's
log, off the main thread, with its stages shown and a Cancel) and Help me decide (the next 90
days simulated for a few desired retentions). What they show is computed by
:mod:`ocstudy.services.review.fsrs_fit`."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ocstudy.services.errors import UserDatabaseError
from ocstudy.services.review.fsrs_fit import (
    MIN_REVIEWS,
    SIMULATED_DAYS,
    Evaluation,
    FitCancelledError,
    FitResult,
    FsrsFit,
    ReviewLog,
    fit,
)


class _FitWorker(QObject):
    """Runs the fit in a thread of its own; the stages and the outcome come back as signals."""

    stage = Signal(str)
    finished = Signal(object)  # a FitResult, or the error message (str)

    def __init__(self, log: ReviewLog, current: Sequence[float]) -> None:
        super().__init__()
        self._log, self._current = log, tuple(current)
        self.cancelled = False

    def run(self) -> None:
        def progress(text: str) -> bool:
            self.stage.emit(text)
            return not self.cancelled

        try:
            self.finished.emit(fit(self._log, self._current, progress))
        except (FitCancelledError, ValueError) as error:
            self.finished.emit(str(error))


def needed_text(log: ReviewLog, new_per_day: int) -> str:
    """What a fit learns from, in a student's words, how many of those answers there are, and
    how many more days of study it needs."""
    what = (
        "Optimizing fits FSRS to how you remember, from your own answers. It learns from each "
        "answer to a card you had already answered on an earlier day: only those show what "
        "you forgot in between (the answers on the day you first learn a card do not)."
    )
    have = log.trainable
    if have >= MIN_REVIEWS:
        return f"{what} You have {have}; it needs {MIN_REVIEWS}: enough."
    days = log.days_to_fit(new_per_day)
    plural = "s" if days != 1 else ""
    if log.pace is None:
        return (
            f"{what} You have none yet: they begin the day after you first study. It needs "
            f"{MIN_REVIEWS}: with {new_per_day} new cards a day, about {days} day{plural} "
            "of study."
        )
    return (
        f"{what} You have {have}; it needs {MIN_REVIEWS}. At your pace so far "
        f"({log.pace:.0f} such answers a day), that is about {days} more day{plural} of study."
    )


def _evaluation(evaluation: Evaluation) -> str:
    return f"log loss {evaluation.log_loss:.4f}, RMSE {evaluation.rmse:.4f}"


class FsrsOptimizeDialog(QDialog):
    """Says how many reviews a fit needs and has; Optimize fits and keeps the result."""

    parametersChanged = Signal()

    def __init__(self, fsrs: FsrsFit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fsrsOptimizeDialog")
        self.setWindowTitle("Optimize FSRS for you")
        self._fsrs = fsrs
        self._thread: QThread | None = None
        self._worker: _FitWorker | None = None
        self._log = fsrs.log()
        self.counts_label = QLabel(self)
        self.counts_label.setObjectName("fsrsReviewCounts")
        self.counts_label.setWordWrap(True)
        enough = self._log.trainable >= MIN_REVIEWS
        self.counts_label.setText(needed_text(self._log, fsrs.new_cards_per_day))
        self.stage_label = QLabel(self)
        self.stage_label.setObjectName("fsrsStage")
        self.stage_label.setWordWrap(True)
        self.stage_label.setAccessibleName("Optimization progress")
        self.progress = QProgressBar(self)
        self.progress.setObjectName("fsrsProgress")
        self.progress.setRange(0, 4)
        self.progress.setVisible(False)
        self.result_label = QLabel(self)
        self.result_label.setObjectName("fsrsResult")
        self.result_label.setWordWrap(True)
        self.result_label.setAccessibleName("Optimization result")
        self.optimize_button = QPushButton("&Optimize", self)
        self.optimize_button.setObjectName("fsrsOptimize")
        self.optimize_button.setEnabled(enough)
        self.optimize_button.setDefault(True)
        self.optimize_button.clicked.connect(self.start)
        self.cancel_button = QPushButton("&Cancel", self)
        self.cancel_button.setObjectName("fsrsCancel")
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.optimize_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        layout = QVBoxLayout(self)
        for widget in (self.counts_label, self.stage_label, self.progress, self.result_label):
            layout.addWidget(widget)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    @property
    def running(self) -> bool:
        return self._thread is not None

    def start(self) -> None:
        if self.running:
            return
        self._worker = _FitWorker(self._log, self._fsrs.parameters)
        self._thread = QThread(self)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.stage.connect(self._show_stage)
        self._worker.finished.connect(self._done, Qt.ConnectionType.QueuedConnection)
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self.result_label.clear()
        self.optimize_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.close_button.setEnabled(False)
        self._thread.start()

    def cancel(self) -> None:
        if self._worker is not None:
            self._worker.cancelled = True
            self.stage_label.setText("Cancelling…")
            self.cancel_button.setEnabled(False)

    def wait(self) -> None:
        """Let a running fit end (closing the dialog cancels it first)."""
        if self._thread is not None:
            self._thread.wait()

    def _show_stage(self, text: str) -> None:
        if self._worker is not None and not self._worker.cancelled:
            self.stage_label.setText(f"{text}…")
            self.progress.setValue(self.progress.value() + 1)

    def _done(self, outcome: FitResult | str) -> None:
        assert self._thread is not None
        self._thread.quit()
        self._thread.wait()
        self._thread = self._worker = None
        self.progress.setVisible(False)
        self.cancel_button.setEnabled(False)
        self.close_button.setEnabled(True)
        self.optimize_button.setEnabled(True)
        if isinstance(outcome, str):
            self.stage_label.setText(outcome[:1].upper() + outcome[1:] + ".")
            self.adjustSize()
            return
        try:
            self._fsrs.keep(outcome.parameters)
        except UserDatabaseError as error:
            self.stage_label.setText(f"{error}; the quiz keeps the parameters it had.")
            self.adjustSize()
            return
        self.stage_label.setText(f"Fitted to {outcome.reviews} reviews; the quiz uses it now.")
        self.result_label.setText(
            f"Before: {_evaluation(outcome.before)}\nAfter: {_evaluation(outcome.after)}\n"
            "(lower is better)"
        )
        self.adjustSize()
        self.parametersChanged.emit()

    def reject(self) -> None:
        if self.running:
            self.cancel()
            self.wait()
        super().reject()


class FsrsSimulationDialog(QDialog):
    """The next 90 days at desired retention 0.80-0.95: answers and minutes a day for each."""

    retentionChosen = Signal(float)

    def __init__(self, fsrs: FsrsFit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fsrsSimulationDialog")
        self.setWindowTitle("Help me decide: desired retention")
        self.rows = fsrs.simulate()
        explanation = QLabel(
            f"FSRS's own simulator (fsrs-rs) plays {SIMULATED_DAYS} days of your "
            f"{fsrs.card_count} cards from new, with your parameters, your "
            "new-card limit and your answer times. Higher retention: you remember more, "
            "for more reviews.",
            self,
        )
        explanation.setWordWrap(True)
        self.model = QStandardItemModel(0, 4, self)
        self.model.setHorizontalHeaderLabels(
            ["Desired retention", "Answers a day", "Minutes a day", "Remembered at day 90"]
        )
        for row in self.rows:
            values = (
                f"{row.retention:.2f}",
                f"{row.reviews_per_day:.0f}",
                f"{row.minutes_per_day:.1f}",
                f"{row.remembered:.0f}",
            )
            items = [QStandardItem(value) for value in values]
            for item in items:
                item.setEditable(False)
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.model.appendRow(items)
        self.table = QTableView(self)
        self.table.setObjectName("fsrsSimulationTable")
        self.table.setAccessibleName("Simulated workload per desired retention")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setMinimumHeight(
            self.table.horizontalHeader().sizeHint().height()
            + self.table.verticalHeader().length()
            + 2 * self.table.frameWidth()
        )
        self.table.doubleClicked.connect(self.accept)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.use_button = buttons.addButton(
            "&Use this retention", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.use_button.setObjectName("fsrsUseRetention")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)

    def select_retention(self, retention: float) -> None:
        nearest = min(range(len(self.rows)), key=lambda i: abs(self.rows[i].retention - retention))
        self.table.selectRow(nearest)

    def chosen(self) -> float | None:
        rows = self.table.selectionModel().selectedRows()
        return self.rows[rows[0].row()].retention if rows else None

    def accept(self) -> None:
        retention = self.chosen()
        if retention is not None:
            self.retentionChosen.emit(retention)
        super().accept()
