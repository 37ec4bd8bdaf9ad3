"""The File menu's review history: Export > Reviews…, Import > Reviews from Anki… and
Import > Reviews (ocstudy JSON)…. Each runs as an operation (a worker thread, progress,
Cancel); an import that added reviews then announces that everything changed (the window's quiz
forgets the card states it kept, the views read again), and says "N reviews
of M cards imported, K already here, L not ocstudy's"."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ocstudy.services.operations import Changes
from ocstudy.ui.common.file_dialogs import open_file_path, save_file_path

if TYPE_CHECKING:
    from ocstudy.services.bundle import AppServices
    from ocstudy.services.exchange.exports import Outcome
    from ocstudy.services.progress import Progress
    from ocstudy.ui.common.operations import Operation
    from ocstudy.ui.window.file_actions import FileActions

ANKI_FILTER = "Anki package (*.apkg *.colpkg)"


def export_reviews(files: FileActions) -> None:
    window = files.window
    path = save_file_path(
        window, "Export my reviews", window.settings, "ocstudy-reviews.json",
        "JSON (*.json);;CSV (*.csv)",
    )  # fmt: skip
    if path:
        files.run(
            "Exporting your reviews",
            files.on_worker(lambda services, _p: services.reviews().export(path)),
        )


def ask_import_anki_reviews(files: FileActions) -> None:
    window = files.window
    path = open_file_path(window, "Import reviews from Anki", window.settings, ANKI_FILTER)
    if path:
        import_anki_reviews(files, path)


def ask_import_reviews(files: FileActions) -> None:
    window = files.window
    path = open_file_path(window, "Import reviews", window.settings, "ocstudy reviews (*.json)")
    if path:
        import_reviews(files, path)


def import_anki_reviews(files: FileActions, path: Path) -> Operation[Outcome] | None:
    """The reviews of an Anki package, brought back on a worker thread."""

    def work(services: AppServices, progress: Progress) -> Outcome:
        return services.reviews().import_anki(path, progress)

    return _import(files, "Importing reviews from Anki", work)


def import_reviews(files: FileActions, path: Path) -> Operation[Outcome] | None:
    """The reviews of an ocstudy reviews export, merged on a worker thread."""

    def work(services: AppServices, progress: Progress) -> Outcome:
        return services.reviews().import_json(path, progress)

    return _import(files, "Importing reviews", work)


def _import(
    files: FileActions, title: str, work: Callable[[AppServices, Progress], Outcome]
) -> Operation[Outcome] | None:
    window = files.window

    def imported(outcome: Outcome) -> None:
        if not outcome.cancelled and outcome.cards != frozenset():
            window.changes.announce(Changes.all())
        window.tell(outcome.message)

    return files.run(title, files.on_worker(work), imported, writes=True)
