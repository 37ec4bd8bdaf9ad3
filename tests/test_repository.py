"""What the repository tracks: sources, not build artefacts."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
ARTEFACTS = ("*.whl", "*.tar.gz", "*.egg", "*.pyc")


@pytest.mark.skipif(
    shutil.which("git") is None or not (REPO_ROOT / ".git").exists(), reason="not a git checkout"
)
def test_no_build_artefact_is_tracked() -> None:
    """A stray wheel (vulture-2.16-py3-none-any.whl) sat at the root; nothing used it."""
    tracked = subprocess.run(
        ["git", "ls-files", "--", *ARTEFACTS],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert tracked == []
