from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from .devices import Computer, SyncTool


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[tuple[Computer, Computer, SyncTool]]:
    views = (tmp_path / "view-a", tmp_path / "view-b")
    a = Computer(tmp_path / "laptop", views[0])
    b = Computer(tmp_path / "desktop", views[1])
    yield a, b, SyncTool(views)
    a.close()
    b.close()
