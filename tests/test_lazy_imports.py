"""Start-up imports only what the first window needs: the scheduler, Anki export, the JSON
export, statistics, the quiz, the timeline and the shortcuts dialog wait until they are used."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

DEFERRED = (
    "fsrs",
    "genanki",
    "ocstudy.content.export",
    "ocstudy.services.stats",
    "ocstudy.services.quiz",
    "ocstudy.ui.quiz_view",
    "ocstudy.ui.shortcuts_dialog",
    "ocstudy.ui.timeline_panel",
    "PySide6.QtSvg",
)

PROBE = """
import json, os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from pathlib import Path
from ocstudy.app import _application, create_main_window
app = _application()
window = create_main_window(Path(sys.argv[1]))
window.show()
window.study.select("untoc")
app.processEvents()
before = sorted(name for name in sys.modules)
window.show_view("quiz")
window.show_view("stats")
window.show_view("timeline")
app.processEvents()
after = sorted(name for name in sys.modules)
print(json.dumps({"before": before, "after": after}))
window.close()
"""


def test_deferred_modules_load_only_when_used(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(tmp_path / "data")],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    modules = json.loads(result.stdout.strip().splitlines()[-1])
    loaded_at_start = set(modules["before"]) & set(DEFERRED)
    assert loaded_at_start == set(), f"imported at start-up: {sorted(loaded_at_start)}"
    assert {"fsrs", "ocstudy.services.stats", "ocstudy.ui.timeline_panel"} <= set(modules["after"])
