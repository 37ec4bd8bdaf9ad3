"""Test-wide setup: Qt runs offscreen on a 1920x1080 screen (offscreen's own is 800x800, and
the window fits the screen it opens on), and no test touches the real user folder."""

from __future__ import annotations

import os

os.environ.setdefault(
    "QT_QPA_PLATFORM",
    "offscreen:configfile=" + os.path.join(os.path.dirname(__file__), "offscreen-screen.json"),
)
os.environ.setdefault("QT_QUICK_BACKEND", "software")

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from ocstudy import paths

if TYPE_CHECKING:
    from ocstudy.content.repository import ContentRepository
    from ocstudy.ui.window.main_window import MainWindow

#: The review's fixtures (the content's cards, a quiz service on a fresh user database with an
#: injected clock), shared by the tests of quiz/, services/ and userdata/.
pytest_plugins = ["tests.review_fixtures"]

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED = REPO_ROOT.parent / "shared"


@pytest.fixture(autouse=True)
def _isolated_user_folders(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Point every platform folder at a temporary one, so a test can never write real user data."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.delenv(paths.DATA_DIR_ENV, raising=False)
    monkeypatch.delenv(paths.CONTENT_DB_ENV, raising=False)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    return folder


@pytest.fixture(scope="session")
def content_db() -> Path:
    return paths.content_db_path()


@pytest.fixture(scope="session")
def repository(content_db: Path) -> Iterator[ContentRepository]:
    from ocstudy.content.repository import ContentRepository

    repo = ContentRepository.open(content_db)
    yield repo
    repo.close()


@pytest.fixture(scope="session")
def claims_path() -> Path:
    return paths.resources_dir() / "reference" / "claims.json"


@pytest.fixture
def opened_windows() -> Iterator[list[MainWindow]]:
    """Windows a test opens (it appends them): closed and deleted after the test."""
    opened: list[MainWindow] = []
    yield opened
    for window in opened:
        try:
            # a close with unsaved text asks the learner in a modal dialog, which no test
            # would answer here: quit as on SIGTERM, asking nothing
            window.quit_without_asking()
            window.deleteLater()
        except RuntimeError:  # already deleted by the test
            pass
