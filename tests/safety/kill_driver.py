"""Run by test_kill.py in a subprocess: the real app's window, typing notes and answering
cards without pause, printing a line after each write has been committed. The test kills this
process with SIGKILL at a random moment.

``kill_driver.py DATA_DIR --type-and-wait TEXT``: the app as ``ocstudy`` runs it (``app.run``);
once its window is up, TEXT is typed into the note on UNTOC (no save asked for) and ``TYPED``
printed; the test then sends a signal."""

from __future__ import annotations

import json
import os
import random
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from fsrs import Rating
from PySide6.QtCore import QTimer
from PySide6.QtTest import QTest

from ocstudy.app import _application, create_main_window

SLUGS = ("untoc", "tip-protocol", "cnd", "incb", "unodc", "hague-convention")


def type_and_wait(data_dir: Path, text: str) -> int:
    from ocstudy.app import run
    from ocstudy.ui.window.main_window import MainWindow

    app = _application()

    def type_when_shown() -> None:
        windows = [w for w in app.topLevelWidgets() if isinstance(w, MainWindow)]
        if not windows or not windows[0].isVisible():
            QTimer.singleShot(20, type_when_shown)
            return
        window = windows[0]
        window.study.select("untoc")
        QTest.keyClicks(window.study.notes.editor, text)
        print("TYPED", flush=True)

    QTimer.singleShot(0, type_when_shown)
    return run(data_dir)


def main() -> None:
    if sys.argv[2] == "--type-and-wait":
        sys.exit(type_and_wait(Path(sys.argv[1]), sys.argv[3]))
    data_dir, seed = Path(sys.argv[1]), int(sys.argv[2])
    rng = random.Random(seed)
    app = _application()
    window = create_main_window(data_dir, fuzz=False, seed=seed)
    window.show()
    window.show_view("quiz")
    quiz = window.quiz
    assert quiz is not None
    session = window.quiz_service().start()
    window.show_view("study")
    print("READY", flush=True)

    def step() -> None:
        if rng.random() < 0.6:
            slug = rng.choice(SLUGS)
            window.study.select(slug)
            editor = window.study.notes.editor
            editor.moveCursor(editor.textCursor().MoveOperation.End)
            QTest.keyClicks(editor, f" {rng.randrange(10**6)}")
            editor.insertPlainText(" \u00e9\u4e2d")  # as an input method would type it
            if window.study.flush():
                print("SAVED", slug, json.dumps(editor.toPlainText()), flush=True)
        elif session.current is not None:
            record = session.answer(rng.choice(list(Rating)), "flashcard", 1000)
            print("ANSWERED", record.card_id, record.log_id, flush=True)
        QTimer.singleShot(0, step)

    QTimer.singleShot(0, step)
    app.exec()


if __name__ == "__main__":
    main()
