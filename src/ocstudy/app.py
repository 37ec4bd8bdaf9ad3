"""The composition root: the one place that wires content, user data, services and the UI.

``create_main_window`` builds exactly the window that ``ocstudy`` shows; tests use it too.
"""

from __future__ import annotations

import contextlib
import gc
import linecache
import os
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from ocstudy import APP_NAME, ORGANIZATION, __version__, paths
from ocstudy.clock import utc_now
from ocstudy.content.repository import ContentDatabaseError, ContentRepository
from ocstudy.userdata.startup import open_user_data
from ocstudy.wiring import app_services

# isort: split
# Qt for Python after the layers below the UI: it reads the source of every module imported
# after it, to look for ``from __feature__ import`` (about 0.1 ms and the file's lines kept in
# memory, each); a module imported before it is read only if a later import names it. So
# also the first page's renderer and the folders' lookup, which the window imports later.
import platformdirs  # noqa: F401

import ocstudy.render.detail  # noqa: F401

# isort: split
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from ocstudy.ui.common.icons import bundled_icon
from ocstudy.ui.window.main_window import MainWindow

UI_STATE_FILE = "ui-state.ini"


def _private_file(path: Path) -> Path:
    """Create ``path`` readable by the user only, if its folder exists (QSettings keeps the
    permissions of a file it rewrites)."""
    with contextlib.suppress(OSError):  # a folder that cannot be read or written: nor can Qt
        if os.name == "posix" and path.parent.is_dir() and not path.exists():
            path.touch(mode=0o600)
    return path


def create_main_window(
    data_dir: Path,
    content_db: Path | None = None,
    *,
    clock: Callable[[], datetime] | None = None,
    fuzz: bool = True,
    seed: int | None = None,
) -> MainWindow:
    """Build the fully wired main window on ``data_dir`` (a QApplication must exist).

    ``clock`` gives the time to the notes and the quiz, ``fuzz`` and ``seed`` reach the quiz:
    tests fix the time, turn the interval fuzz off and seed the order of new cards; the app
    uses the real clock, fuzz (as FSRS recommends; a card's fuzz depends on the card and its
    answers alone) and a random seed for the run's own choices (ties, custom study). Raises
    :class:`ContentDatabaseError` if the content cannot be read.
    """
    content = ContentRepository.open(content_db or paths.content_db_path())
    user_db, message = open_user_data(data_dir)
    settings = QSettings(str(_private_file(data_dir / UI_STATE_FILE)), QSettings.Format.IniFormat)
    services = app_services(content, user_db, data_dir, clock or utc_now, fuzz=fuzz, seed=seed)
    window = MainWindow(services, settings, data_dir)
    window.startup_message = message
    return window


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
    app.setWindowIcon(bundled_icon("ocstudy"))
    return app


def quit_gracefully_on_signals(app: QApplication, window: MainWindow) -> None:
    """SIGTERM, SIGHUP, SIGINT and the desktop's logout quit as Ctrl+Q does: the note saved
    (or kept in a recovery file), a backup made, the lock released when ``run`` returns.

    Python runs a signal handler only when the interpreter gets control, never while Qt's
    loop waits in C++. On POSIX the C-level handler writes a byte to a pipe
    (``signal.set_wakeup_fd``) whose ``QSocketNotifier`` wakes the loop; elsewhere a timer
    lets the interpreter in five times a second. The handler then closes the window."""
    import signal

    from PySide6.QtCore import QSocketNotifier, QTimer

    def handler(_number: int, _frame: object) -> None:
        QTimer.singleShot(0, window.quit_without_asking)

    for name in ("SIGTERM", "SIGHUP", "SIGINT"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), handler)
    if os.name == "posix":
        reader, writer = os.pipe()
        os.set_blocking(reader, False)
        os.set_blocking(writer, False)
        signal.set_wakeup_fd(writer)
        notifier = QSocketNotifier(reader, QSocketNotifier.Type.Read, window)
        notifier.activated.connect(lambda: _drain(reader))
    else:
        timer = QTimer(window)
        timer.timeout.connect(lambda: None)
        timer.start(200)
    quit_on_logout(app, window)


def _drain(descriptor: int) -> None:
    with contextlib.suppress(OSError):
        os.read(descriptor, 512)


def quit_on_logout(app: QApplication, window: MainWindow) -> None:
    """The desktop session ends (Qt's ``commitDataRequest``): quit as Ctrl+Q does, asking
    nothing (the session would not wait)."""
    app.commitDataRequest.connect(window.session_ending)


def _refuse(app: QApplication, title: str, message: str) -> int:
    """Say why the app does not start, in one line (and a dialog on a real display): 2."""
    print(f"ocstudy: {message}", file=sys.stderr)
    if app.platformName() != "offscreen":  # nobody could see, or dismiss, the dialog
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(None, title, message)
    return 2


def run(data_dir: Path) -> int:
    """Start the app; 2 when the content cannot be opened. A second launch on the same data
    folder brings the running window to the front and exits 0; if that window cannot be
    reached, it says so and exits 2, opening nothing (the folder's lock is held)."""
    from ocstudy.ui.window.single_instance import STARTING_S, SingleInstance

    # Qt for Python has read the source of each module imported after it (looking for
    # ``from __feature__ import``) and left its lines in Python's line cache: about 2 MB that
    # nothing reads again (a traceback reads its files anew).
    linecache.clearcache()
    app = _application()
    instance = SingleInstance(data_dir)
    claim = instance.claim()
    wait_s = STARTING_S if claim == "taken" else 0.0  # the holder may still be starting
    if claim != "ours" and instance.activate_running(wait_s):
        print("ocstudy is already running: its window was brought to the front.", file=sys.stderr)
        return 0
    if claim == "taken" and instance.claim() == "taken":  # (its holder may have ended since)
        return _refuse(app, "ocstudy is already open", instance.in_use_message())
    try:
        window = create_main_window(data_dir)
    except ContentDatabaseError as error:
        return _refuse(app, "ocstudy cannot start", str(error))
    window.firstPainted.connect(lambda: instance.listen(window.bring_to_front))
    window.firstPainted.connect(gc.enable)  # off since the launch began (``commands.launch``)
    quit_gracefully_on_signals(app, window)
    window.show()
    if window.startup_message:
        print(f"ocstudy: {window.startup_message}", file=sys.stderr)
        window.tell(window.startup_message)
    return app.exec()
