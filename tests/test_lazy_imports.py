"""Start-up imports only what the first window needs: the scheduler, Anki export, the
exports, backups, statistics, the quiz, the timeline, the shortcuts dialog and the
single-instance socket wait until they are used, or until the window is painted. The lists
below are the one place that says what the first paint may not import (issue 28)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

DEFERRED = (
    "fsrs",
    "genanki",
    "ocstudy.services.exchange.content_json",
    "ocstudy.services.exchange.export_files",
    "ocstudy.services.exchange.exports",
    "ocstudy.services.safety",
    "ocstudy.services.review.stats",
    "ocstudy.services.review.quiz",
    "ocstudy.userdata.backups",
    "ocstudy.ui.quiz.view",
    "ocstudy.ui.cards.view",
    "ocstudy.services.browser.rows",
    "ocstudy.services.browser.search",
    "ocstudy.ui.window.shortcuts_dialog",
    "ocstudy.ui.timeline.panel",
    "PySide6.QtNetwork",
    "PySide6.QtSvg",
    "ocstudy.ui.common.file_dialogs",  # QFileDialog: on the first file asked for
    "ocstudy.ui.window.file_actions",  # File's actions and their operations: on first use
    "ocstudy.ui.common.operations",
    # the stores of the cards browser's errors (and the review log's): when the browser asks
    "ocstudy.userdata.card_tags",
    "ocstudy.userdata.saved_searches",
    "ocstudy.userdata.reviews",
)
#: What only a data folder's migration needs before the first paint (a first start, a newer
#: ocstudy): sqlite-utils and what it brings (``hashlib`` loads OpenSSL, 3.5 MB resident). A
#: returning learner's start reads and checks with ``sqlite3`` alone.
MIGRATION_ONLY = ("sqlite_utils", "click", "dateutil", "pluggy", "importlib.metadata", "hashlib")
#: What a returning learner's first paint does not import, though a migration does: about
#: 3 ms with its classes (the first paint's records are NamedTuples).
RETURNING_DEFERRED = ("dataclasses",)
#: Qt for Python types a returning learner's first paint does not set up (each costs its enum
#: types: ``QStyle`` about 10 ms). A first start asks the style for a title bar's height.
RETURNING_QT_TYPES_DEFERRED = ("QStyle",)

#: Launches ``ocstudy --data-dir D`` as the command does, and notes the modules loaded at
#: the window's first paint, once it is listening for a second launch, and after every view.
PROBE = """
import gc, json, linecache, os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
import PySide6.QtWidgets
from PySide6.QtCore import QEvent, QObject, QTimer
import ocstudy.app
from ocstudy.cli import main

seen = {}

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and "painted" not in seen:
            seen["painted"] = sorted(sys.modules)
            seen["painted_qt_types"] = sorted(vars(PySide6.QtWidgets))
            seen["collecting"] = [gc.isenabled()]
            seen["cached_sources"] = sorted(linecache.cache)
            if os.path.exists("/proc/self/maps"):  # the shared libraries loaded (Linux)
                with open("/proc/self/maps") as maps:
                    seen["libraries"] = sorted({line.split("/")[-1].strip() for line in maps})
        return False

probe = FirstPaint()
real_create = ocstudy.app.create_main_window

def create(*args, **kwargs):
    window = real_create(*args, **kwargs)
    window.installEventFilter(probe)
    window.firstPainted.connect(lambda: QTimer.singleShot(0, lambda: after_paint(window)))
    return window

def after_paint(window):
    seen["listening"] = sorted(sys.modules)
    seen["collecting"].append(gc.isenabled())
    window.study.select("untoc")
    for view in ("quiz", "stats", "timeline", "cards"):
        window.show_view(view)
    seen["views"] = sorted(sys.modules)
    window.show_view("study")  # where the next start opens
    print(json.dumps(seen))
    window.close()
    from PySide6.QtWidgets import QApplication
    QApplication.quit()

ocstudy.app.create_main_window = create
sys.exit(main(["--data-dir", sys.argv[1]]))
"""


def _launch(data_dir: Path) -> dict[str, list[str]]:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(data_dir)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    modules: dict[str, list[str]] = json.loads(result.stdout.strip().splitlines()[-1])
    return modules


def test_deferred_modules_load_only_when_used(tmp_path: Path) -> None:
    modules = _launch(tmp_path / "data")  # a first start: the folder is made and migrated
    loaded_at_start = set(modules["painted"]) & set(DEFERRED)
    assert loaded_at_start == set(), f"imported before the first paint: {sorted(loaded_at_start)}"
    assert "PySide6.QtNetwork" in modules["listening"]  # it listens once painted
    assert {
        "fsrs",
        "ocstudy.services.review.stats",
        "ocstudy.ui.timeline.panel",
        "ocstudy.ui.cards.view",
    } <= set(modules["views"])


def test_the_garbage_collector_waits_for_the_first_paint(tmp_path: Path) -> None:
    """Start-up's objects live as long as the app: no collection scans them before the
    window is painted; collections run as usual from then on."""
    assert _launch(tmp_path / "data")["collecting"] == [False, True]


def test_a_returning_learner_starts_without_the_migrations_tools(tmp_path: Path) -> None:
    _launch(tmp_path / "data")
    modules = _launch(tmp_path / "data")
    loaded_at_start = set(modules["painted"]) & {*DEFERRED, *MIGRATION_ONLY, *RETURNING_DEFERRED}
    assert loaded_at_start == set(), f"imported before the first paint: {sorted(loaded_at_start)}"
    set_up = set(modules["painted_qt_types"]) & set(RETURNING_QT_TYPES_DEFERRED)
    assert set_up == set(), f"set up before the first paint: {sorted(set_up)}"
    read_by_qt = [path for path in modules["cached_sources"] if path.endswith("main_window.py")]
    assert read_by_qt == [], "the sources Qt for Python read at the imports are not kept"
    svg = [name for name in modules.get("libraries", []) if "Qt6Svg" in name or "svg" in name]
    assert svg == [], "the icons are PNG files: Qt's SVG library (about 1.4 MB) stays out"


#: Imported by ``ocstudy.app`` before Qt for Python, which reads the source of every module
#: imported after it (``from __feature__`` is looked for): the layers below the UI, and what
#: they import.
BEFORE_QT = (
    "ocstudy.content.repository",
    "ocstudy.userdata.startup",
    "ocstudy.wiring",
    "ocstudy.render.detail",
    "platformdirs",
    "sqlite3",
    "html.entities",
)


def test_the_layers_below_the_ui_are_imported_before_qt() -> None:
    order = subprocess.run(
        [sys.executable, "-c", "import sys, ocstudy.app; print(' '.join(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout.split()
    qt = order.index("PySide6.QtCore")
    assert [name for name in BEFORE_QT if order.index(name) > qt] == []
