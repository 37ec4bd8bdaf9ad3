"""Started by bench_startup.py in a fresh process: show a window, report when it is painted.

    python startup_probe.py ocstudy DATA_DIR     the real app's window, as ``ocstudy`` builds it
    python startup_probe.py bare                 a bare PySide6 QMainWindow

Prints one line, ``painted <unix time> <resident KiB>``, after the window's first paint,
then exits at once.
"""

from __future__ import annotations

import os
import sys
import time


def _resident_kib() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def main() -> None:
    from PySide6.QtCore import QEvent, QObject, QTimer

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                QTimer.singleShot(0, self.report)
            return False

        def report(self) -> None:
            print(f"painted {time.time():.6f} {_resident_kib()}", flush=True)
            os._exit(0)

    probe = FirstPaint()
    if sys.argv[1] == "bare":
        from PySide6.QtWidgets import QApplication, QMainWindow

        app = QApplication(sys.argv[:1])
        window = QMainWindow()
        window.resize(1280, 820)
    else:
        from pathlib import Path

        from ocstudy.app import _application, create_main_window

        app = _application()
        window = create_main_window(Path(sys.argv[2]))
    window.installEventFilter(probe)
    window.show()
    app.exec()


if __name__ == "__main__":
    main()
