"""The main window: the views, one per task (``view_stack.py``; all but the study view made when
first shown, ``view_factories.py``), the menus, Edit > Undo across the views, the first paint,
and closing (``closing.py``); what it shows of the data as it changes, ``data_watch.py``."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMainWindow, QWidget

from ocstudy.services.bundle import AppServices
from ocstudy.services.operations import Changes, UndoStep
from ocstudy.ui.common.changes import ChangeNotice
from ocstudy.ui.study.view import StudyView
from ocstudy.ui.window.data_watch import DataWatch
from ocstudy.ui.window.geometry import keep_on_screen, open_fitted, remembered_frame
from ocstudy.ui.window.menus import WindowMenus
from ocstudy.ui.window.own_cards import OwnCardWindow
from ocstudy.ui.window.view_stack import ViewStack

#: How often the running app backs up on its own (it also does on close).
AUTOMATIC_BACKUP_MINUTES = 30
#: If the window is not painted by then (it started minimised), ``firstPainted`` comes anyway.
FIRST_PAINT_FALLBACK_MS = 2000

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent, QPaintEvent

    from ocstudy.services.review.quiz import QuizService
    from ocstudy.ui.cards.view import CardsView
    from ocstudy.ui.quiz.view import QuizView
    from ocstudy.ui.stats.view import StatsView
    from ocstudy.ui.timeline.panel import TimelinePanel
    from ocstudy.ui.window.file_actions import FileActions
    from ocstudy.ui.window.sync_folder import SyncFolder


class MainWindow(QMainWindow):
    #: Once, after the window's first paint: work the learner does not see waits for it.
    firstPainted = Signal()
    #: A row of the learner's data could not be read as it is (a message naming it).
    unreadableData = Signal(str)

    def __init__(
        self,
        services: AppServices,
        settings: QSettings,
        data_dir: Path,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowTitle("ocstudy")
        self.setAccessibleName("ocstudy")
        self.services = services
        self._service = services.study
        self._settings = settings
        self.data_dir = data_dir
        self.view_stack = ViewStack(self)
        self.views, self.view_bar = self.view_stack.stack, self.view_stack.bar

        #: The one change notice and undo history: the views hear of every change here.
        self.changes = ChangeNotice(self)
        #: The counts, what could not be read, other processes' writes: first to hear of
        #: every change (caches go before views read)
        self.data_watch = DataWatch(self)
        self.counts_label = self.data_watch.counts_label
        self.unreadable_label = self.data_watch.unreadable_label
        self.unreadable_messages = self.data_watch.unreadable_messages
        self.menus = WindowMenus(self, settings)
        #: Edit > Undo: made now (its Ctrl+Z is the browser's and the quiz's too); the menu
        #: shows it once built.
        self.undo_action = self.menus.action("&Undo", self.undo, "Ctrl+Z", "undoAction")
        self.changes.undoChanged.connect(self.name_undo)
        self.study = StudyView(services.study, self)
        self.study.statusMessage.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.study.entitySelected.connect(self._entity_selected)
        self.study.historyChanged.connect(self.menus.update_history)
        self.study.attach_changes(self.changes)
        self.study.notes.noteChanged.connect(
            lambda slug: self.changes.announce(Changes.of_notes([slug]))
        )
        self.study.notes.noteDeleted.connect(self._note_deleted)

        self.timeline: TimelinePanel | None = None  # built when first shown
        self.quiz: QuizView | None = None
        self.stats: StatsView | None = None
        self.cards: CardsView | None = None
        self.startup_message: str | None = None
        self._files: FileActions | None = None  # made on first use
        self.own_cards = OwnCardWindow(self)
        self._backup_timer = QTimer(self)
        self._backup_timer.setObjectName("automaticBackupTimer")
        self._backup_timer.setInterval(AUTOMATIC_BACKUP_MINUTES * 60_000)
        self._backup_timer.timeout.connect(lambda: self.files.backup(quiet=True))
        self._backup_timer.start()
        self.recovery_file: Path | None = None  # where unsaved notes were kept on a close
        self._asking_allowed = True
        self.add_view("study", "&Study", lambda: self.study, QKeySequence("Alt+1"))
        for key, title, keys in (
            ("timeline", "&Timeline", "Alt+2"),
            ("quiz", "&Quiz", "Alt+3"),
            ("stats", "St&atistics", "Alt+4"),
            ("cards", "&Cards", "Alt+5"),
        ):  # each made when first shown (view_factories.py)
            self.add_view(key, title, partial(self._create_view, key), QKeySequence(keys))
        self.data_watch.start()
        self._restore_state()
        self._painted = False
        #: File > Sync folder, made after the first paint (before the menus that show it)
        self.sync_folder: SyncFolder | None = None
        self.firstPainted.connect(self._start_syncing)
        self.firstPainted.connect(self.menus.build)
        self.firstPainted.connect(lambda: keep_on_screen(self))  # its frame is known now
        QTimer.singleShot(FIRST_PAINT_FALLBACK_MS, self._first_paint_done)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            QTimer.singleShot(0, self._first_paint_done)  # once the paint is on the screen

    def _first_paint_done(self) -> None:
        if not self._painted:
            self._painted = True
            self.firstPainted.emit()

    @property
    def files(self) -> FileActions:
        """File's actions (backups, exports, imports, each on a worker thread with progress),
        made on first use: the first paint imports none of them."""
        if self._files is None:
            from ocstudy.ui.window.file_actions import FileActions

            self._files = FileActions(self)
        return self._files

    def _start_syncing(self) -> None:
        from ocstudy.ui.window.sync_folder import SyncFolder

        self.sync_folder = SyncFolder(self)

    # -- views ------------------------------------------------------------------------------

    def add_view(
        self, key: str, title: str, factory: Callable[[], QWidget], shortcut: QKeySequence
    ) -> None:
        """Register a view; it gets a View menu entry, a toolbar button and a shortcut, and is
        built the first time it is shown (so start-up pays only for the first view)."""
        action = self.view_stack.add(key, title, factory, shortcut)
        self.menus.view_menu.insertAction(self.menus.views_end, action)

    def view_widget(self, key: str) -> QWidget:
        """The view's widget, built now if it was not yet."""
        return self.view_stack.widget(key)

    def show_view(self, key: str) -> None:
        self.view_stack.show(key)

    def _create_view(self, key: str) -> QWidget:
        from ocstudy.ui.window.view_factories import create_view  # with the view's modules

        return create_view(self, key)

    def quiz_service(self) -> QuizService:
        """The quiz's service, made on first use (it imports the scheduler, FSRS)."""
        return self.services.quiz()

    def focus_search(self) -> None:
        """Edit > Find: the cards browser's search in the browser, else the study view's,
        shown (typing must never go to a field out of sight)."""
        if self.current_view == "cards" and self.cards is not None:
            self.cards.focus_search()
        else:
            self.show_view("study")
            self.study.focus_search()

    @property
    def settings(self) -> QSettings:
        """The window's remembered state (``ui-state.ini`` in the data folder)."""
        return self._settings

    @property
    def current_view(self) -> str:
        return self.view_stack.current

    def _entity_selected(self, slug: str) -> None:
        if self.timeline is not None:
            self.timeline.view.highlight(slug)
        entity = self._service.entity(slug)
        if self.quiz is not None and entity is not None:
            self.quiz.set_selected_entity(slug, entity.short_name)
        if entity:
            self.setWindowTitle(f"{entity.short_name} \u2014 ocstudy")

    def undo(self) -> None:
        """Edit > Undo: take back the newest change, whichever view made it (the browser and
        the quiz say what was undone, or that there was nothing, where the learner is)."""
        if self.current_view == "cards" and self.cards is not None:
            self.cards.card_actions.undo_last()
        elif self.current_view == "quiz" and self.quiz is not None:
            self.quiz.undo()
        else:
            self.changes.undo()

    def name_undo(self) -> None:
        """Edit > Undo names what it would take back ("Undo Flag red")."""
        self.undo_action.setText(self.changes.undo_text())

    def grey_undo(self) -> None:
        """The Edit menu opens: Undo is greyed out when there is nothing to undo (as in Anki).
        Once the menu closes it is enabled again: its Ctrl+Z is the browser's and the quiz's
        too, which say there is nothing to undo where the learner is (:meth:`ungrey_undo`)."""
        self.name_undo()
        self.undo_action.setEnabled(self.changes.history.can_undo)

    def ungrey_undo(self) -> None:
        self.undo_action.setEnabled(True)

    def undo_delete(self) -> None:
        """Bring back the note deleted last, and show its entity."""
        self.changes.undo("note")

    def _note_deleted(self, slug: str) -> None:
        """A note was deleted: Edit > Undo (or Ctrl+Alt+Z) brings it back, from any view, and
        shows the study view on its entry (the learner sees what came back)."""

        def undo() -> Changes | None:
            restored = self.study.notes.undo_delete()
            if not restored:
                return None  # it said why; the step stays
            self.show_view("study")
            self.study.select(restored)
            return Changes.of_notes([restored])

        self.changes.done(Changes.of_notes([slug]), UndoStep("Delete note", undo, kind="note"))

    # -- your data: messages, outside writes ------------------------------------------------

    def tell(self, message: str) -> None:
        """Tell the learner something about their data: a dialog that does not block, and the
        status bar."""
        from PySide6.QtWidgets import QMessageBox  # a dialog: imported when first used

        self.statusBar().showMessage(message, 30_000)
        box = QMessageBox(QMessageBox.Icon.Information, "ocstudy", message, parent=self)
        box.setObjectName("dataMessage")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def bring_to_front(self) -> None:
        self.setWindowState(self.windowState() & ~Qt.WindowState.WindowMinimized)
        self.show()
        self.raise_()
        self.activateWindow()

    def reload_user_data(self) -> None:
        """Show the user database afresh (after a restore, an import, or another process's
        write): everything may have changed, and the views hear so; typing not saved yet is
        kept (see ``NotesPanel.reload``)."""
        self.data_watch.reload_user_data()

    def check_outside_changes(self) -> None:
        """Announce ``Changes.all()`` if another process (``ocstudy import notes``,
        ``restore``) wrote the data: one of the notice's sources (see ``DataWatch``)."""
        self.data_watch.check_outside_changes()

    def data_shown(self) -> None:
        """The data as it is now is what the window shows (an operation showed what it
        wrote): the next look for outside changes starts from here."""
        self.data_watch.data_shown()

    def operation_running(self) -> bool:
        """Whether an operation (File's, the sync's) is writing the data on a connection of
        its own: it shows what it wrote when it ends."""
        busy = self._files is not None and self._files.running
        return busy or (self.sync_folder is not None and self.sync_folder.running)

    # -- remembered state, quitting ---------------------------------------------------------

    def _restore_state(self) -> None:
        self.menus.restore()
        geometry = self._settings.value("window/geometry")
        frame = remembered_frame(self._settings.value("window/frame"))
        open_fitted(self, geometry if isinstance(geometry, QByteArray) else None, frame)
        state = self._settings.value("window/state")
        if state is not None:
            self.restoreState(state)
        self.study.restore_state(self._settings)
        self.menus.sync_grouping()
        self.show_view(str(self._settings.value("window/view", "study")))

    def quit_without_asking(self) -> None:
        """Close as Ctrl+Q does, with nobody to answer a question (SIGTERM, SIGHUP, a logout):
        the note saved, or kept in a recovery file; a backup made."""
        self._asking_allowed = False
        self.close()

    def session_ending(self, _manager: object) -> None:
        """The desktop session ends (``commitDataRequest``): quit, asking nothing."""
        self.quit_without_asking()

    def closeEvent(self, event: QCloseEvent) -> None:
        from ocstudy.ui.window.closing import save_state, settle_unsaved_work

        if not settle_unsaved_work(self, interactive=self._asking_allowed):
            event.ignore()
            return
        self.files.stop()  # an operation running: cancelled, and its thread ended
        if self.sync_folder is not None:
            self.sync_folder.sync_on_quit()
        save_state(self)
        self._backup_timer.stop()
        self.data_watch.stop()
        self.files.backup(quiet=True)
        super().closeEvent(event)
