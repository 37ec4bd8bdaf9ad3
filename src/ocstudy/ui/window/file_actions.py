"""What the File menu does with files: exports with a progress dialog that can cancel, notes
import, backups and restores. The main window only shows the results.

The dialogs' classes are imported where they are used: Qt for Python builds a class's Python
type, with all its enums, on first import, and none of them is needed for the first paint."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QApplication

from ocstudy.ui.window.replace_question import agreed_to_replace
from ocstudy.userdata.database import UserDatabaseError

if TYPE_CHECKING:
    from ocstudy.services.export_files import Progress
    from ocstudy.services.exports import Exports, Outcome
    from ocstudy.services.safety import DataSafety, Restored
    from ocstudy.services.sheet import SheetRequest
    from ocstudy.ui.sheet.dialog import SheetDialog
    from ocstudy.ui.window.main_window import MainWindow


class FileActions(QObject):
    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window

    @property
    def exports(self) -> Exports:
        return self.window.services.exports()

    @property
    def safety(self) -> DataSafety:
        return self.window.services.safety()

    # -- running with progress ------------------------------------------------------------

    def run(self, title: str, work: Callable[[Progress], Outcome]) -> Outcome | None:
        """Run ``work`` with a cancellable progress dialog; report its outcome or its error."""
        from PySide6.QtWidgets import QProgressDialog

        dialog = QProgressDialog(title, "Cancel", 0, 100, self.window)
        dialog.setObjectName("progressDialog")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)

        def progress(done: int, total: int) -> bool:
            dialog.setMaximum(max(1, total))
            dialog.setValue(min(done, total))
            QApplication.processEvents()
            return not dialog.wasCanceled()

        try:
            outcome = work(progress)
        except (OSError, ValueError, UserDatabaseError) as error:
            dialog.close()
            self.window.tell(f"{title} failed: {error}")
            return None
        dialog.close()
        self.window.statusBar().showMessage(outcome.message, 10_000)
        return outcome

    def _save_path(self, title: str, name: str, kind: str) -> Path | None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getSaveFileName(self.window, title, name, kind)
        return Path(path) if path else None

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
                lambda p: self.exports.anki_deck(
                    path, include_notes=include_notes, progress=p, replace=shrink is not None
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
            self.run("Exporting your notes", lambda p: self.exports.notes(path, p, replace=replace))

    def export_csv(self) -> None:
        path = self._save_path("Export the quiz cards", "ocstudy-cards.csv", "CSV (*.csv)")
        shrink = self.exports.shrink(path, "csv") if path else None
        if path and agreed_to_replace(self.window, shrink):
            replace = shrink is not None
            self.run(
                "Exporting the cards", lambda p: self.exports.cards_csv(path, p, replace=replace)
            )

    def export_content(self) -> None:
        path = self._save_path("Export the content", "ocstudy-content.json", "JSON (*.json)")
        if path:
            self.run("Exporting the content", lambda _p: self.exports.content_json(path))

    def ask_import_notes(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(
            self.window, "Import notes", "", "ocstudy notes (*.json)"
        )
        if path:
            self.import_notes(Path(path))

    def import_notes(self, path: Path) -> Outcome | None:
        self.window.study.flush()
        outcome = self.run("Importing notes", lambda p: self.exports.import_notes(path, p))
        if outcome is not None:
            self.window.reload_user_data()
            self.window.tell(outcome.message)
        return outcome

    # -- revision sheets -------------------------------------------------------------------

    def ask_revision_sheet(self) -> SheetDialog:
        """Open the revision sheet dialog (not blocking); writing starts when it is accepted.
        It opens on the entry the study view shows and on that entry's main theme."""
        from ocstudy.services.sheet.weak import has_history
        from ocstudy.ui.sheet.dialog import SheetDialog

        study = self.window.services.study
        slug = self.window.study.current_slug
        entity = study.entity(slug) if slug else None
        folder = Path.home()
        dialog = SheetDialog(
            [(theme.key, theme.label) for theme in study.themes()],
            sorted(((e.slug, e.short_name) for e in study.entities()), key=lambda i: i[1]),
            current_slug=entity.slug if entity else None,
            current_theme=entity.main_theme if entity else None,
            has_history=has_history(self.window.services.quiz()),
            folder=folder,
            parent=self.window,
        )
        dialog.accepted.connect(lambda: self.revision_sheet(dialog.request(), dialog.path()))
        dialog.open()
        return dialog

    def revision_sheet(self, request: SheetRequest, path: Path) -> Outcome | None:
        """Assemble and print the sheet, with progress that can cancel."""
        from datetime import date

        from ocstudy.services.export_files import OperationCancelledError
        from ocstudy.services.exports import Outcome
        from ocstudy.services.sheet import SheetAssembler
        from ocstudy.ui.sheet.pdf import write_sheet_pdf

        self.window.study.flush()
        study, quiz = self.window.services.study, self.window.services.quiz

        def notes() -> dict[str, str]:
            found = (study.note(slug) for slug in study.noted_slugs())
            return {note.slug: note.text for note in found if note is not None}

        def work(progress: Progress) -> Outcome:
            cancelled = Outcome("The revision sheet was cancelled; no file was written.", True)
            assembler = SheetAssembler(quiz().content, notes=notes, quiz=quiz)
            try:
                sheet = assembler.assemble(request, date.today(), progress)
            except OperationCancelledError:
                return cancelled
            result = write_sheet_pdf(sheet, path, progress)
            if result.cancelled:
                return cancelled
            return Outcome(f"Wrote the revision sheet to {path} ({result.pages} pages).")

        return self.run("Printing the revision sheet", work)

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
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(
            self.window, "Restore from backup", str(self.safety.folder), "ocstudy backups (*.db)"
        )
        if path:
            self.restore(Path(path))

    def restore(self, source: Path) -> bool:
        """Ask, back up the current state, restore ``source``, and reload what is shown."""
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
            return False
        from ocstudy.services.exports import Outcome

        self.window.study.flush()
        found: list[Restored | None] = []

        def work(progress: Progress) -> Outcome:
            found.append(self.safety.restore(source, progress))
            if found[0] is None:
                return Outcome("The restore was cancelled; your data is as it was.", True)
            return Outcome(f"Restored {source.name}.")

        if self.run("Restoring your data", work) is None or not found or found[0] is None:
            return False
        restored = found[0]
        self.window.reload_user_data()
        self.window.tell(
            f"Restored {restored.restored_from.name}. What you had before is kept in "
            f"{restored.previous_state.name}."
        )
        return True
