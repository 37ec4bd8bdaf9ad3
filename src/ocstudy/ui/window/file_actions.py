"""What the File menu does with files: exports, imports, revision sheets, backups and
restores. The long ones run on a worker thread, on connections of their own, with a progress
dialog that can cancel them (``operations.py``); the main window only shows the results.

The dialogs' classes are imported where they are used: Qt for Python builds a class's Python
type, with all its enums, on first import, and none of them is needed for the first paint."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from ocstudy.phrasing import counted
from ocstudy.services.errors import UserDatabaseError
from ocstudy.services.operations import Changes
from ocstudy.ui.common.operations import Operation
from ocstudy.ui.window.replace_question import agreed_to_replace

if TYPE_CHECKING:
    from ocstudy.services.bundle import AppServices
    from ocstudy.services.exchange.exports import Exports, Outcome
    from ocstudy.services.progress import Progress
    from ocstudy.services.review.quiz import QuizService
    from ocstudy.services.safety import DataSafety, Restored
    from ocstudy.services.sheet import SheetRequest
    from ocstudy.ui.sheet.dialog import SheetDialog
    from ocstudy.ui.window.parts import WindowParts

T = TypeVar("T")


class FileActions(QObject):
    def __init__(self, window: WindowParts):
        assert isinstance(window, QWidget)
        super().__init__(window)
        self.window = window
        #: The operation running now, if any (one at a time).
        self.operation: Operation[object] | None = None

    @property
    def exports(self) -> Exports:
        return self.window.services.exports()

    @property
    def safety(self) -> DataSafety:
        return self.window.services.safety()

    # -- running with progress ------------------------------------------------------------

    def run(
        self,
        title: str,
        work: Callable[[Progress], Outcome],
        then: Callable[[Outcome], None] | None = None,
        *,
        writes: bool = False,
    ) -> Operation[Outcome] | None:
        """Run ``work`` on a worker thread with a cancellable progress dialog; then say its
        outcome in the status bar and hand it to ``then``, or say its error. ``work`` must not
        use the window's connections: see :meth:`on_worker`. None if another operation is
        still running (the learner is told). ``writes``: see :meth:`start`."""

        def done(outcome: Outcome) -> None:
            self.window.statusBar().showMessage(outcome.message, 10_000)
            if then is not None:
                then(outcome)

        return self.start(title, work, done, writes=writes)

    def start(
        self,
        title: str,
        work: Callable[[Progress], T],
        then: Callable[[T], None],
        *,
        writes: bool = False,
    ) -> Operation[T] | None:
        """Run ``work`` as :meth:`run` does, handing its result to ``then``. ``writes``: the
        work changes the learner's data, which the window then shows (so its check for
        outside changes does not take the change for another program's); an operation that
        only reads must not say so, or a change another program made meanwhile would be
        taken as shown and never reloaded."""
        if self.running:
            assert self.operation is not None
            self.window.tell(f"Wait until “{self.operation.title}” is done, then try again.")
            return None

        def done(result: T) -> None:
            try:
                then(result)
            finally:
                if writes:  # what it wrote is shown now: no outside change to reload for
                    self.window.data_shown()

        def failed(error: Exception) -> None:
            """Say it, whatever it was: raised in a slot, an unforeseen error would only
            reach the console, the learner told nothing (its traceback goes there too)."""
            if not isinstance(error, OSError | ValueError | UserDatabaseError):
                import traceback

                traceback.print_exception(error)
            self.window.tell(f"{title} failed: {error}")

        operation = Operation(title, work, self.window, done, failed)
        self.operation = operation  # type: ignore[assignment]
        return operation

    def on_worker(self, work: Callable[[AppServices, Progress], T]) -> Callable[[Progress], T]:
        """``work`` given the window's services on connections of the worker's own."""

        def task(progress: Progress) -> T:
            with self.window.services.on_worker() as services:
                return work(services, progress)

        return task

    def start_on_quiz(
        self,
        title: str,
        work: Callable[[QuizService, Progress], T],
        then: Callable[[T], None],
    ) -> Operation[T] | None:
        """``work`` given the quiz service on connections of the worker's own (the cards
        browser's bulk actions), run as :meth:`start` does."""
        return self.start(title, self.on_worker(lambda s, p: work(s.quiz(), p)), then, writes=True)

    @property
    def running(self) -> bool:
        return self.operation is not None and not self.operation.done

    def stop(self) -> None:
        """Cancel every operation running in the window (the File menu's, the cards
        browser's) and wait until each has stopped: the window is closing."""
        for operation in self.window.findChildren(Operation):
            if not operation.done:
                operation.wait()

    def _save_path(self, title: str, name: str, kind: str) -> Path | None:
        """Where to save ``name``: asked in the folder last chosen, else in Documents."""
        from ocstudy.ui.common.file_dialogs import save_file_path  # (QFileDialog: on first use)

        return save_file_path(self.window, title, self.window.settings, name, kind)

    # -- exports and import ---------------------------------------------------------------

    def export_anki(self, include_notes: bool) -> None:
        path = self._save_path("Export an Anki deck", "ocstudy.apkg", "Anki deck (*.apkg)")
        if not path:
            return
        self.window.study.flush()
        shrink = self.exports.shrink(path, "anki")
        if agreed_to_replace(self.window, shrink):
            self.run(
                "Exporting the Anki deck",
                self.on_worker(
                    lambda services, p: services.exports().anki_deck(
                        path, include_notes=include_notes, progress=p, replace=shrink is not None
                    )
                ),
            )

    def export_notes(self, kind: str) -> None:
        filters = {"md": "Markdown (*.md)", "json": "JSON (*.json)"}
        path = self._save_path("Export my notes", f"ocstudy-notes.{kind}", filters[kind])
        if not path:
            return
        self.window.study.flush()
        shrink = self.exports.shrink(path, "notes")
        if agreed_to_replace(self.window, shrink):
            replace = shrink is not None
            self.run(
                "Exporting your notes",
                self.on_worker(
                    lambda services, p: services.exports().notes(path, p, replace=replace)
                ),
            )

    def export_csv(self) -> None:
        path = self._save_path("Export the quiz cards", "ocstudy-cards.csv", "CSV (*.csv)")
        shrink = self.exports.shrink(path, "csv") if path else None
        if path and agreed_to_replace(self.window, shrink):
            replace = shrink is not None
            self.run(
                "Exporting the cards",
                self.on_worker(
                    lambda services, p: services.exports().cards_csv(path, p, replace=replace)
                ),
            )

    def export_content(self) -> None:
        path = self._save_path("Export the content", "ocstudy-content.json", "JSON (*.json)")
        shrink = self.exports.shrink(path, "content") if path else None
        if path and agreed_to_replace(self.window, shrink):
            replace = shrink is not None
            self.run(
                "Exporting the content",
                self.on_worker(
                    lambda services, _p: services.exports().content_json(path, replace=replace)
                ),
            )

    def ask_import_notes(self) -> None:
        from ocstudy.ui.common.file_dialogs import open_file_path

        path = open_file_path(
            self.window, "Import notes", self.window.settings, "ocstudy notes (*.json)"
        )
        if path:
            self.import_notes(path)

    def import_notes(self, path: Path) -> Operation[Outcome] | None:
        """Import on a worker thread; then announce the notes it wrote (all, if it does not
        say which) and say what was imported."""
        self.window.study.flush()

        def imported(outcome: Outcome) -> None:
            if not outcome.cancelled:
                written = outcome.notes
                self.window.changes.announce(
                    Changes.all() if written is None else Changes.of_notes(written)
                )
            self.window.tell(outcome.message)

        return self.run(
            "Importing notes",
            self.on_worker(lambda services, p: services.exports().import_notes(path, p)),
            imported,
            writes=True,
        )

    # -- revision sheets -------------------------------------------------------------------

    def ask_revision_sheet(self) -> SheetDialog:
        """Open the revision sheet dialog (not blocking); writing starts when it is accepted.
        It opens on the entry the study view shows and on that entry's main theme."""
        from ocstudy.services.sheet.weak import has_history
        from ocstudy.ui.sheet.dialog import SheetDialog

        study = self.window.services.study
        slug = self.window.study.current_slug
        entity = study.entity(slug) if slug else None
        dialog = SheetDialog(
            [(theme.key, theme.label) for theme in study.themes()],
            sorted(((e.slug, e.short_name) for e in study.entities()), key=lambda i: i[1]),
            current_slug=entity.slug if entity else None,
            current_theme=entity.main_theme if entity else None,
            has_history=has_history(self.window.services.quiz().schedule),
            settings=self.window.settings,
            parent=self.window,
        )
        dialog.accepted.connect(lambda: self.revision_sheet(dialog.request(), dialog.path()))
        dialog.open()
        return dialog

    def revision_sheet(self, request: SheetRequest, path: Path) -> Operation[Outcome] | None:
        """Assemble and print the sheet on a worker thread, with progress that can cancel."""
        from datetime import date

        from ocstudy.services.exchange.exports import Outcome
        from ocstudy.services.progress import OperationCancelledError
        from ocstudy.ui.sheet.pdf import write_sheet_pdf

        self.window.study.flush()
        today = date.today()

        def work(services: AppServices, progress: Progress) -> Outcome:
            cancelled = Outcome("The revision sheet was cancelled; no file was written.", True)
            assembler = services.sheet()
            try:
                sheet = assembler.assemble(request, today, progress)
            except OperationCancelledError:
                return cancelled
            result = write_sheet_pdf(sheet, path, progress)
            if result.cancelled:
                return cancelled
            return Outcome(f"Wrote the revision sheet to {path} ({counted(result.pages, 'page')}).")

        return self.run("Printing the revision sheet", self.on_worker(work))

    # -- backups ---------------------------------------------------------------------------

    def backup(self, quiet: bool = False) -> Path | None:
        try:
            path = self.safety.backup_now()
        except UserDatabaseError as error:
            if not quiet:
                self.window.tell(str(error))
            return None
        self.window.statusBar().showMessage(f"Backed up your data to {path}", 8000)
        return path

    def ask_restore(self) -> None:
        """The backups to choose from, the one written last first; or another file."""
        from ocstudy.ui.window.restore_dialog import RestoreDialog

        safety = self.safety
        dialog = RestoreDialog(
            safety.backups(),
            safety.now(),
            self.window,
            contents=safety.contents,
            settings=self.window.settings,
        )
        dialog.chosen.connect(self.restore)
        dialog.open()

    def restore(self, source: Path) -> Operation[Restored | None] | None:
        """Ask; then, on a worker thread, back up the current state and restore ``source``;
        then announce that everything changed. None if the learner said no (or another
        operation runs)."""
        from PySide6.QtWidgets import QMessageBox

        answer = QMessageBox.question(
            self.window,
            "Restore from backup",
            f"Replace your notes and review history with the backup {source.name}? Your "
            "current data is backed up first, so you can come back to it.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return None
        self.window.study.flush()
        safety = self.safety

        def restored(result: Restored | None) -> None:
            if result is None:
                message = "The restore was cancelled; your data is as it was."
                self.window.statusBar().showMessage(message, 10_000)
                return
            self.window.changes.announce(Changes.all())
            repaired = f" Repaired in the backup: {result.repaired}." if result.repaired else ""
            self.window.tell(
                f"Restored {result.restored_from.name}. What you had before is kept in "
                f"{result.previous_state.name}.{repaired}"
            )

        return self.start(
            "Restoring your data",
            lambda progress: safety.restore(source, progress),
            restored,
            writes=True,
        )
