"""The composition root: the one place that wires content, user data, services and the UI.

``create_main_window`` builds exactly the window that ``ocstudy`` shows; tests use it too.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from ocstudy import APP_NAME, ORGANIZATION, __version__, paths
from ocstudy.content.repository import ContentDatabaseError, ContentRepository
from ocstudy.services.study import StudyService
from ocstudy.ui.main_window import MainWindow
from ocstudy.userdata.database import UserDatabaseError, open_user_database
from ocstudy.userdata.notes import NoteStore

if TYPE_CHECKING:
    from ocstudy.services.quiz import QuizService

UI_STATE_FILE = "ui-state.ini"


def create_main_window(
    data_dir: Path,
    content_db: Path | None = None,
    *,
    clock: Callable[[], datetime] | None = None,
    fuzz: bool = True,
    seed: int | None = None,
) -> MainWindow:
    """Build the fully wired main window on ``data_dir`` (a QApplication must exist).

    ``clock``, ``fuzz`` and ``seed`` reach the quiz: tests fix the time, turn the interval fuzz
    off and seed the order of new cards; the app uses the real clock, fuzz (as FSRS recommends)
    and a random seed.
    """
    content = ContentRepository.open(content_db or paths.content_db_path())
    user_db = open_user_database(data_dir)
    settings = QSettings(str(data_dir / UI_STATE_FILE), QSettings.Format.IniFormat)

    def quiz_service() -> QuizService:
        from ocstudy.services.quiz import QuizService, utc_now
        from ocstudy.userdata.reviews import ReviewStore

        reviews = ReviewStore(user_db)
        return QuizService(content, reviews, clock=clock or utc_now, fuzz=fuzz, seed=seed)

    study = StudyService(content, NoteStore(user_db))
    return MainWindow(study, settings, data_dir, quiz_service)


def _application() -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName("ocstudy")
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("ocstudy")
    app.setWindowIcon(QIcon(str(paths.icon_path("ocstudy.svg"))))
    return app


def run(data_dir: Path) -> int:
    """Start the app; 2 when the content or the user data cannot be opened."""
    app = _application()
    try:
        window = create_main_window(data_dir)
    except (ContentDatabaseError, UserDatabaseError) as error:
        print(f"ocstudy: {error}", file=sys.stderr)
        if app.platformName() != "offscreen":  # nobody could see, or dismiss, the dialog
            QMessageBox.critical(None, "ocstudy cannot start", str(error))
        return 2
    window.show()
    return app.exec()
