"""``import anki-reviews`` of something that is not a regular file (``/dev/zero``, a named pipe)
is refused at once, as the JSON imports refuse it: never read without a bound (``/dev/zero``
grew the process by gigabytes a second), never waiting for a writer."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from named_pipes import raised_without_waiting
from ocstudy.services.exchange.anki_reviews import AnkiPackageError, read_anki_reviews
from ocstudy.userdata.database import open_user_database

DEV_ZERO_IMPORT = """
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))  # a fault must not eat the machine
from ocstudy.cli import main
sys.exit(main(["--data-dir", sys.argv[1], "import", "anki-reviews", "/dev/zero"]))
"""


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_dev_zero_as_the_package_is_one_line_and_exit_2(tmp_path: Path) -> None:
    open_user_database(tmp_path / "data").close()
    result = subprocess.run(
        [sys.executable, "-c", DEV_ZERO_IMPORT, str(tmp_path / "data")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr[-500:]
    assert result.stderr.splitlines() == ["ocstudy: zero is not a regular file"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_as_the_package_is_refused_without_waiting(tmp_path: Path) -> None:
    fifo = tmp_path / "phone.apkg"
    os.mkfifo(fifo)
    raised = raised_without_waiting(lambda: read_anki_reviews(fifo, ["paper:written:group"]), fifo)
    assert isinstance(raised, AnkiPackageError)
    assert str(raised) == "phone.apkg is not a regular file"
