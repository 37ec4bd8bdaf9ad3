"""A built wheel carries the content database and resources, and finds them once installed."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import REPO_ROOT
from ocstudy import paths


def test_checkout_resolution() -> None:
    """In a checkout (editable install) the files at the repository root are used."""
    assert paths.content_db_path() == REPO_ROOT / "data" / "ocstudy.db"
    assert paths.resources_dir() == REPO_ROOT / "resources"


@pytest.mark.slow
def test_wheel_carries_data_and_resources(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist)],
        cwd=REPO_ROOT,
        check=True,
        capture_output=True,
        timeout=300,
    )
    (wheel,) = dist.glob("ocstudy-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        assert "ocstudy/data/ocstudy.db" in names
        assert "ocstudy/resources/content/paper.toml" in names
        assert "ocstudy/resources/reference/claims.json" in names
        assert any(n.startswith("ocstudy/resources/content/entities/") for n in names)
        assert "ocstudy/paths.py" in names
        unpacked = tmp_path / "site"
        archive.extractall(unpacked)
    probe = (
        "from ocstudy import paths; from ocstudy.content.repository import ContentRepository;"
        "print(paths.content_db_path()); print(paths.resources_dir());"
        "print(len(ContentRepository.open(paths.content_db_path()).entities()))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        env={**os.environ, "PYTHONPATH": str(unpacked)},
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    db_path, resources, count = result.stdout.split()
    assert Path(db_path) == unpacked / "ocstudy" / "data" / "ocstudy.db"
    assert Path(resources) == unpacked / "ocstudy" / "resources"
    assert int(count) >= 50
