"""Started by bench_startup.py in a fresh process: show a window, report when it is painted.

    python startup_probe.py ocstudy DATA_DIR     ``ocstudy --data-dir DATA_DIR``, as launched
    python startup_probe.py bare                 a bare PySide6 QMainWindow
    python startup_probe.py widgets              ocstudy's kinds of widgets, in plain PySide6

The app runs its real launch path (the command line, the single-instance lock, the window):
the probe only wraps the function that builds the window, to watch it for its first paint.

Prints one line, ``painted <unix time> <resident KiB>``, after the window's first paint,
then exits at once. With ``PROBE_EVENT=map`` in the environment, on an X server
(``QT_QPA_PLATFORM=xcb``), it reports instead when the X server maps the main window (its
``MapNotify``, read from the xcb events Qt receives): when the learner's screen first shows it.
"""

from __future__ import annotations

import os
import sys
import time
from typing import Any


def _resident_kib() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def main() -> None:
    if sys.argv[1] == "ocstudy":
        _launch_ocstudy(sys.argv[2])
        return
    probe = _probe()
    if sys.argv[1] == "widgets":
        _plain_widgets_window(probe)
        return
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1280, 820)
    window.installEventFilter(probe)
    window.show()
    app.exec()


def _probe() -> Any:
    """An object to install on the main window: it reports its first paint, or (with
    ``PROBE_EVENT=map``) its ``MapNotify``, then exits."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                QTimer.singleShot(0, self.report)
            return False

        def report(self) -> None:
            print(f"painted {time.time():.6f} {_resident_kib()}", flush=True)
            os._exit(0)

    if os.environ.get("PROBE_EVENT") == "map":
        return _map_probe()
    return FirstPaint()


def _launch_ocstudy(data_dir: str) -> None:
    """``ocstudy --data-dir DATA_DIR`` as the command runs it, every module imported in its
    order (the app's own before Qt's, see ``ocstudy/app.py``): the probe waits for
    ``ocstudy.app`` to be imported to wrap the function that builds the window."""
    from ocstudy.cli import main as ocstudy_main

    sys.meta_path.insert(0, _WatchApp())
    ocstudy_main(["--data-dir", data_dir])


class _WatchApp:
    """Finds ``ocstudy.app`` as the other finders do, and watches the window it builds."""

    def find_spec(self, name: str, path: Any = None, target: Any = None) -> Any:
        if name != "ocstudy.app":
            return None
        sys.meta_path.remove(self)
        spec = next(s for f in sys.meta_path if (s := f.find_spec(name, path, target)))
        loader: Any = spec.loader
        run_module = loader.exec_module

        def exec_module(module: Any) -> None:
            run_module(module)
            build_window = module.create_main_window
            probe = _probe()

            def watched_window(*args: Any, **kwargs: Any) -> Any:
                window = build_window(*args, **kwargs)
                window.installEventFilter(probe)
                return window

            module.create_main_window = watched_window

        loader.exec_module = exec_module
        return spec


XCB_MAP_NOTIFY = 19


def _map_probe() -> Any:
    """An object to install on the main window as the paint probe is: it reports when the X
    server maps that window (an xcb ``MapNotify`` for its id), then exits."""
    import ctypes

    from PySide6.QtCore import QAbstractNativeEventFilter, QCoreApplication, QEvent, QObject

    class MapNotify(QAbstractNativeEventFilter):
        def __init__(self) -> None:
            super().__init__()
            self.window_id = -1

        def nativeEventFilter(self, event_type: Any, message: Any) -> Any:
            if bytes(event_type) == b"xcb_generic_event_t":
                address = int(message)  # a shiboken VoidPtr
                kind = ctypes.c_uint8.from_address(address).value & 0x7F
                if kind == XCB_MAP_NOTIFY:
                    mapped = ctypes.c_uint32.from_address(address + 8).value
                    if mapped == self.window_id:
                        print(f"painted {time.time():.6f} {_resident_kib()}", flush=True)
                        os._exit(0)
            return False, 0

    class Installer(QObject):
        """Learns the main window's id when it is shown (installed as an event filter on it)
        and listens to the X server's events from then on."""

        def __init__(self) -> None:
            super().__init__()
            self.native = MapNotify()

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.WinIdChange or (
                event.type() == QEvent.Type.Show and self.native.window_id < 0
            ):
                self.native.window_id = int(watched.winId())  # type: ignore[attr-defined]
                QCoreApplication.instance().installNativeEventFilter(self.native)  # type: ignore[union-attr]
            return False

    return Installer()


def _plain_widgets_window(probe: Any) -> None:
    """The floor under ocstudy's start-up: the widgets its first window shows (menus, view
    buttons, a search field, a grouped tree, an HTML page, a text editor, a status bar),
    filled with a page's worth of text by plain PySide6, with no model or code of ours."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QAction, QKeySequence, QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import (
        QApplication,
        QComboBox,
        QLabel,
        QLineEdit,
        QMainWindow,
        QPlainTextEdit,
        QSplitter,
        QTextBrowser,
        QTreeView,
        QVBoxLayout,
        QWidget,
    )

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    for title in ("&File", "&Edit", "&View", "&Help"):
        window.menuBar().addMenu(title)
    bar = window.addToolBar("Views")
    for n, title in enumerate(("Study", "Timeline", "Quiz", "Statistics"), start=1):
        action = QAction(title, window, checkable=True)
        action.setShortcut(QKeySequence(f"Ctrl+{n}"))
        bar.addAction(action)
    model = QStandardItemModel()
    for group in range(8):
        parent = QStandardItem(f"Group {group}")
        for row in range(7):
            parent.appendRow(QStandardItem(f"Instrument {group}.{row} (19{60 + row})"))
        model.appendRow(parent)
    tree = QTreeView()
    tree.setModel(model)
    tree.setHeaderHidden(True)
    tree.expandAll()
    search = QLineEdit(placeholderText="Search")
    search.setClearButtonEnabled(True)
    left = QWidget()
    layout = QVBoxLayout(left)
    layout.addWidget(search)
    layout.addWidget(QComboBox())
    layout.addWidget(tree)
    page = QTextBrowser()
    rows = "".join(
        f"<tr><td>{day} November 2000</td><td>Adopted</td><td>New York</td></tr>"
        for day in range(1, 13)
    )
    page.setHtml(f"<h2>Protocol</h2><p>{'Text of the paper. ' * 40}</p><table>{rows}</table>")
    right = QSplitter(Qt.Orientation.Vertical)
    right.addWidget(page)
    right.addWidget(QPlainTextEdit("A note."))
    main = QSplitter(Qt.Orientation.Horizontal)
    main.addWidget(left)
    main.addWidget(right)
    window.setCentralWidget(main)
    window.statusBar().addPermanentWidget(QLabel("54 instruments and bodies"))
    window.resize(1280, 820)
    window.installEventFilter(probe)
    window.show()
    app.exec()


if __name__ == "__main__":
    main()
