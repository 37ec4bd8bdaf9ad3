"""Search as you type (issue 8): on a synthetic content database of 10,000 entities and
100,000 facts built with the real builder, the time from a keystroke to the filtered tree,
against the raw FTS5 query alone, measured in the same run. Target: at most 3x."""

from __future__ import annotations

import os
import sqlite3
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from harness import Result, interleaved_medians, timed
from ocstudy.content.repository import ContentRepository
from ocstudy.content.search import fts_match_expression
from ocstudy.services.study import StudyService
from ocstudy.ui.study.view import StudyView
from ocstudy.userdata.database import open_user_database
from ocstudy.userdata.notes import NoteStore
from synthetic import build_synthetic

#: What a learner types, keystroke by keystroke.
TYPED = "narcotic conv"


def run(quick: bool) -> list[Result]:
    app = QApplication.instance() or QApplication([])
    entities = 1000 if quick else 10_000
    repeats = 2 if quick else 5
    with tempfile.TemporaryDirectory() as folder:
        db = build_synthetic(Path(folder) / "search.db", entities, 2, statements_per_entity=8)
        content = ContentRepository.open(db)
        facts = content._rows("SELECT count(*) FROM facts")[0][0]
        notes = NoteStore(open_user_database(Path(folder) / "user"))
        view = StudyView(StudyService(content, notes))
        view.resize(1200, 800)
        view.show()
        app.processEvents()
        raw = sqlite3.connect(f"{db.as_uri()}?mode=ro&immutable=1", uri=True)
        prefixes = [TYPED[: n + 1] for n in range(len(TYPED)) if TYPED[n] != " "]

        def ours() -> float:
            def type_all() -> None:
                for prefix in prefixes:
                    view.search_box.setText(prefix)
                    view._run_search()  # the keystroke's work, without the coalescing pause
                view.search_box.clear()
                view._run_search()

            return timed(type_all) / (len(prefixes) + 1)

        def baseline() -> float:
            def query_all() -> None:
                for prefix in [*prefixes, ""]:
                    expression = fts_match_expression(prefix)
                    if expression:
                        raw.execute(
                            "SELECT slug FROM entity_search WHERE entity_search MATCH ? "
                            "ORDER BY rank",
                            (expression,),
                        ).fetchall()

            return timed(query_all) / (len(prefixes) + 1)

        medians = interleaved_medians(ours, baseline, repeats)
        view.close()
        view.deleteLater()
        app.processEvents()
        raw.close()
        content.close()
    return [
        Result(
            f"search: keystroke to filtered tree ({entities:,} entities, {facts:,} facts)",
            *medians,
            "the raw FTS5 query for the same text",
            3.0,
        )
    ]
