"""Run by ``test_small_screen_xvfb.py`` on a real X display: the app's window as ``ocstudy``
opens it, then every view in turn (the quiz with its longest answer shown, and its summary),
each checked by ``screen_fit.out_of_reach`` against the screen's free room. Prints one JSON
line: the room, the window's frame, and what is out of reach in each view.

``small_screen_driver.py DATA_DIR [--remembered]``: with ``--remembered`` the data folder's
window state first holds a 1600x960 window at (300, 200), as left on a bigger screen."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMainWindow

from ocstudy.app import UI_STATE_FILE, _application, create_main_window
from ocstudy.render.feedback import answer_html
from ocstudy.ui.common.palette import palette_colors

sys.path.insert(0, str(Path(__file__).parent))
from screen_fit import out_of_reach  # beside this file, not a package here


def remember_a_big_window(data_dir: Path) -> None:
    big = QMainWindow()
    big.setGeometry(300, 200, 1600, 960)
    settings = QSettings(str(data_dir / UI_STATE_FILE), QSettings.Format.IniFormat)
    settings.setValue("window/geometry", big.saveGeometry())
    settings.sync()


def settle() -> None:
    for _ in range(20):
        QApplication.processEvents()


def main(data_dir: Path, remembered: bool) -> int:
    app = _application()
    data_dir.mkdir(parents=True, exist_ok=True)
    if remembered:
        remember_a_big_window(data_dir)
    window = create_main_window(data_dir)
    window.show()
    QTest.qWaitForWindowExposed(window)
    settle()
    screen = window.screen()
    room = screen.availableGeometry()
    found: dict[str, list[str]] = {}
    for view in ("study", "timeline", "quiz", "stats", "cards"):
        window.show_view(view)
        settle()
        found[view] = out_of_reach(window, room)
    quiz = window.quiz
    assert quiz is not None
    colors = palette_colors(quiz.palette())
    longest = max(
        quiz.service.catalogue.cards(), key=lambda card: len(answer_html(card, None, colors))
    )
    quiz.run_session(quiz.service.practice([longest.id]))
    quiz.show_answer()
    settle()
    found["quiz answer"] = out_of_reach(window, room)
    quiz.end_session()
    settle()
    found["quiz summary"] = out_of_reach(window, room)
    print(
        json.dumps(
            {
                "screen": [room.x(), room.y(), room.width(), room.height()],
                "frame": list(window.frameGeometry().getRect()),
                "out_of_reach": found,
            }
        ),
        flush=True,
    )
    window.quit_without_asking()
    app.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), "--remembered" in sys.argv[2:]))
