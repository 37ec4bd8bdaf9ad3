"""Run by test_unsaved_cards.py in a subprocess: the app as ``ocstudy`` runs it (``app.run``);
once its window is up, the Add card dialog is opened on UNTOC and FRONT and BACK typed into it
(not added), and ``TYPED`` printed; the test then sends a signal.

``unsaved_card_driver.py DATA_DIR FRONT BACK``"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTimer
from PySide6.QtTest import QTest

from ocstudy.app import _application, run
from ocstudy.ui.window.main_window import MainWindow


def main() -> None:
    data_dir, front, back = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
    app = _application()

    def type_when_shown() -> None:
        windows = [w for w in app.topLevelWidgets() if isinstance(w, MainWindow)]
        if not windows or not windows[0].isVisible():
            QTimer.singleShot(20, type_when_shown)
            return
        window = windows[0]
        window.study.select("untoc")
        dialog = window.own_cards.add_card()
        QTest.keyClicks(dialog.front, front)
        QTest.keyClicks(dialog.back, back)
        print("TYPED", flush=True)

    QTimer.singleShot(0, type_when_shown)
    sys.exit(run(data_dir))


if __name__ == "__main__":
    main()
