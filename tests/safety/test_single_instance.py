"""One ocstudy per data folder: a second launch asks the running one to come to the front and
exits 0; a socket left by a crashed run does not stop the next start; and if two instances
ever run on one folder, SQLite's locking and the busy timeout keep both their writes."""

from __future__ import annotations

import os
import socket
import sqlite3
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from pytestqt.qtbot import QtBot

from ocstudy.ui.window.single_instance import LOCK_NAME, SingleInstance, server_name
from ocstudy.userdata.database import USER_DB_NAME, open_user_database
from ocstudy.userdata.notes import NoteStore

START_TIMEOUT_S = 60


def listening(name: str) -> bool:
    probe = QLocalSocket()
    probe.connectToServer(name)
    if not probe.waitForConnected(200):
        return False
    probe.disconnectFromServer()  # connected, nothing written: the app is not disturbed
    return True


def wait_until_listening(process: subprocess.Popen[bytes], data_dir: Path) -> None:
    name = server_name(data_dir)
    deadline = time.monotonic() + START_TIMEOUT_S
    while not listening(name):
        assert process.poll() is None, f"the first ocstudy exited with {process.returncode}"
        assert time.monotonic() < deadline, "the first ocstudy never listened"
        time.sleep(0.1)


def launch(data_dir: Path, log: Path, env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    with log.open("wb") as output:
        return subprocess.Popen(
            [sys.executable, "-m", "ocstudy", "--data-dir", str(data_dir)],
            stdout=subprocess.DEVNULL,
            stderr=output,
            env={**(env or os.environ), "QT_QPA_PLATFORM": "offscreen"},
        )


def launch_and_wait(data_dir: Path) -> subprocess.CompletedProcess[str]:
    """A second launch, run to its end."""
    return subprocess.run(
        [sys.executable, "-m", "ocstudy", "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )


@pytest.fixture
def running(tmp_path: Path) -> Iterator[list[subprocess.Popen[bytes]]]:
    processes: list[subprocess.Popen[bytes]] = []
    yield processes
    for process in processes:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=30)


@pytest.mark.slow
def test_a_second_launch_brings_the_first_forward_and_exits_0(
    qtbot: QtBot, tmp_path: Path, running: list[subprocess.Popen[bytes]]
) -> None:
    data_dir = tmp_path / "data"
    first = launch(data_dir, tmp_path / "first.log")
    running.append(first)
    wait_until_listening(first, data_dir)
    started = time.monotonic()
    second = launch_and_wait(data_dir)
    assert second.returncode == 0, second.stderr
    assert "already running" in second.stderr
    assert time.monotonic() - started < 15
    assert first.poll() is None  # the first goes on running
    assert "Traceback" not in (tmp_path / "first.log").read_text(errors="replace")

    first.kill()  # a crash: the socket's file stays behind
    first.wait(timeout=30)
    third = launch(data_dir, tmp_path / "third.log")
    running.append(third)
    wait_until_listening(third, data_dir)  # the stale socket did not stop it
    assert "already running" not in (tmp_path / "third.log").read_text(errors="replace")


@pytest.mark.slow
def test_two_launches_at_once_leave_one_running(
    tmp_path: Path, running: list[subprocess.Popen[bytes]]
) -> None:
    """The one that takes the folder's lock starts; the other waits for it to listen (it
    is still starting), brings it forward and exits 0."""
    data_dir = tmp_path / "data"
    logs = [tmp_path / "a.log", tmp_path / "b.log"]
    running.extend(launch(data_dir, log) for log in logs)
    deadline = time.monotonic() + START_TIMEOUT_S
    while all(process.poll() is None for process in running):
        assert time.monotonic() < deadline, "neither launch gave way to the other"
        time.sleep(0.1)
    (done,) = [n for n, process in enumerate(running) if process.poll() is not None]
    assert running[done].returncode == 0
    assert "already running" in logs[done].read_text()
    assert running[1 - done].poll() is None  # the other goes on running
    wait_until_listening(running[1 - done], data_dir)


def test_the_folder_lock_is_held_by_one_instance(tmp_path: Path) -> None:
    data_dir = tmp_path / "new" / "data"
    first = SingleInstance(data_dir)
    assert first.claim() == "ours"  # the folder is made, the user's only, and so is the lock
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
    assert stat.S_IMODE((data_dir / LOCK_NAME).stat().st_mode) == 0o600
    assert SingleInstance(data_dir).claim() == "taken"
    assert SingleInstance(tmp_path / "another folder").claim() == "ours"
    del first  # its process is alive but it quit: the lock went with it
    assert SingleInstance(data_dir).claim() == "ours"


def test_a_folder_that_cannot_be_made_does_not_stop_the_app(tmp_path: Path) -> None:
    (tmp_path / "a file").write_text("not a folder")
    assert SingleInstance(tmp_path / "a file" / "data").claim() == "unavailable"


@pytest.mark.slow
def test_a_second_launch_on_a_folder_that_cannot_be_locked_still_finds_the_first(
    tmp_path: Path, running: list[subprocess.Popen[bytes]]
) -> None:
    """No lock can be made (a file stands where the folder's parent should be: the tests run
    as root, which ignores permissions), so the socket alone tells the second launch."""
    (tmp_path / "a file").write_text("not a folder")
    data_dir = tmp_path / "a file" / "data"
    first = launch(data_dir, tmp_path / "first.log")
    running.append(first)
    wait_until_listening(first, data_dir)
    second = launch_and_wait(data_dir)
    assert second.returncode == 0 and "already running" in second.stderr
    assert first.poll() is None and listening(server_name(data_dir))


def test_two_instances_in_one_process(qtbot: QtBot, tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    first, second = SingleInstance(data_dir), SingleInstance(data_dir)
    assert not second.activate_running()  # nobody is listening yet
    asked: list[str] = []
    assert first.listen(lambda: asked.append("front"))
    assert second.activate_running()
    qtbot.waitUntil(lambda: asked == ["front"])
    assert not SingleInstance(tmp_path / "another folder").activate_running()
    assert second.activate_running()  # and again: every launch is heard
    qtbot.waitUntil(lambda: asked == ["front", "front"])


def test_the_name_is_per_user_and_folder(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    assert server_name(tmp_path / "a") == server_name(tmp_path / "a" / ".." / "a")
    assert server_name(tmp_path / "a") != server_name(tmp_path / "b")


@pytest.mark.skipif(os.name != "posix", reason="POSIX sockets and permissions")
def test_the_socket_is_the_users_only_and_a_stale_one_is_replaced(
    qtbot: QtBot, tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"
    crashed = SingleInstance(data_dir)
    assert crashed.listen(lambda: None)
    server = crashed.findChild(QLocalServer)
    assert server is not None
    path = Path(server.fullServerName())
    assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0  # nobody else can ask it anything
    server.close()
    crashed.deleteLater()
    stale = socket.socket(socket.AF_UNIX)  # a socket file nobody listens on: a crashed run
    stale.bind(str(path))
    stale.close()
    assert path.exists()
    asked: list[str] = []
    fresh = SingleInstance(data_dir)
    assert not SingleInstance(data_dir).activate_running()
    assert fresh.listen(lambda: asked.append("front"))
    assert SingleInstance(data_dir).activate_running()
    qtbot.waitUntil(lambda: asked == ["front"])


def test_two_instances_writing_one_folder_keep_every_write(tmp_path: Path) -> None:
    """The fallback when the socket cannot work: interleaved writes from two connections, one
    of them waiting out the other's open transaction (the busy timeout), all kept."""
    data_dir = tmp_path / "data"
    one, two = NoteStore(open_user_database(data_dir)), NoteStore(open_user_database(data_dir))
    for n in range(20):
        one.save(f"one-{n}", f"first instance {n}")
        two.save(f"two-{n}", f"second instance {n}")
    blocker = sqlite3.connect(
        data_dir / USER_DB_NAME, isolation_level=None, check_same_thread=False
    )
    blocker.execute("BEGIN IMMEDIATE")  # the other instance is in the middle of a write
    release = threading.Timer(0.5, lambda: blocker.execute("COMMIT"))
    release.start()
    started = time.monotonic()
    two.save("untoc", "written while the other held the lock")
    assert time.monotonic() - started >= 0.4  # it waited instead of failing
    release.join()
    blocker.close()
    check = sqlite3.connect(data_dir / USER_DB_NAME)
    assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    notes = dict(check.execute("SELECT slug, text FROM notes"))
    assert len(notes) == 41 and notes["untoc"] == "written while the other held the lock"
    assert all(notes[f"one-{n}"] == f"first instance {n}" for n in range(20))
    assert set(one.search("instance")) == set(notes) - {"untoc"}


def socket_path(instance: SingleInstance) -> Path:
    """Where the instance's socket file is (Qt puts a bare name in its temporary folder)."""
    from PySide6.QtCore import QDir

    name = instance.name
    assert name is not None
    return Path(name) if os.path.isabs(name) else Path(QDir.tempPath()) / name


@pytest.fixture
def runtime_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "run"
    folder.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(folder))
    return folder


@pytest.fixture
def temporary_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A temporary folder of the test's own, shared by all as /tmp is (1777)."""
    import tempfile

    folder = tmp_path / "tmp"
    folder.mkdir()
    folder.chmod(0o1777)
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    monkeypatch.setenv("TMPDIR", str(folder))
    return folder


@pytest.mark.skipif(os.name != "posix", reason="POSIX sockets and permissions")
def test_the_socket_lives_in_the_users_runtime_folder(
    qtbot: QtBot, tmp_path: Path, runtime_dir: Path
) -> None:
    instance = SingleInstance(tmp_path / "data")
    assert instance.listen(lambda: None)
    server = instance.findChild(QLocalServer)
    assert server is not None
    assert Path(server.fullServerName()).parent == runtime_dir
    assert socket_path(instance).is_socket()


@pytest.mark.skipif(os.name != "posix", reason="POSIX sockets and permissions")
@pytest.mark.parametrize("runtime", ["unset", "others can enter", "relative", "a file"])
def test_without_a_private_runtime_folder_the_socket_goes_in_a_private_temporary_one(
    qtbot: QtBot,
    tmp_path: Path,
    temporary_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    runtime: str,
) -> None:
    loose = tmp_path / "loose"
    loose.mkdir(mode=0o777)
    loose.chmod(0o777)
    (tmp_path / "file").write_text("")
    values = {"others can enter": str(loose), "relative": "run", "a file": str(tmp_path / "file")}
    if runtime == "unset":
        monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    else:
        monkeypatch.setenv("XDG_RUNTIME_DIR", values[runtime])
    instance = SingleInstance(tmp_path / "data")
    assert instance.listen(lambda: None)
    folder = temporary_dir / f"ocstudy-{os.getuid()}"
    assert socket_path(instance).parent == folder
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert SingleInstance(tmp_path / "data").activate_running()


@pytest.mark.skipif(os.name != "posix" or os.getuid() != 0, reason="needs root to chown")
def test_a_temporary_folder_another_user_made_first_is_not_used(
    tmp_path: Path, temporary_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    squatted = temporary_dir / f"ocstudy-{os.getuid()}"
    squatted.mkdir(mode=0o777)
    os.chown(squatted, 65534, 65534)
    instance = SingleInstance(tmp_path / "data")
    assert instance.name is None and not instance.listen(lambda: None)
    assert not instance.activate_running()
    assert list(squatted.iterdir()) == []
    assert squatted.stat().st_uid == 65534  # left as it was


@pytest.mark.skipif(os.name != "posix" or os.getuid() != 0, reason="needs root to chown")
def test_a_socket_another_user_listens_on_is_never_believed(tmp_path: Path) -> None:
    """Another local user who listens on the name first must not pass for the running
    ocstudy: the second launch would exit, and start nothing."""
    instance = SingleInstance(tmp_path / "data")
    path = socket_path(instance)
    path.unlink(missing_ok=True)
    squatter = socket.socket(socket.AF_UNIX)
    try:
        squatter.bind(str(path))
        squatter.listen(1)
        os.chown(path, 65534, 65534)
        assert not instance.activate_running()
        squatter.settimeout(0.2)
        with pytest.raises(TimeoutError):  # it was not even asked
            squatter.accept()
    finally:
        squatter.close()
        path.unlink(missing_ok=True)


@pytest.fixture
def short_dir() -> Iterator[Path]:
    """A folder with a short path: a socket's path has at most 103 bytes."""
    import shutil
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="oc-", dir="/tmp"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def apart(short_dir: Path, separated_by: str, which: str) -> dict[str, str]:
    """The environment of a launch whose socket lives where the other launch's cannot be
    reached: its own runtime folder, or (with none) its own temporary folder; "squatted": a
    temporary folder where another local user made ``ocstudy-UID`` first (no socket at all)."""
    folder = short_dir / which
    folder.mkdir(mode=0o1777 if separated_by == "squatted" else 0o700, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if k not in ("XDG_RUNTIME_DIR", "TMPDIR")}
    if separated_by == "squatted":
        env["TMPDIR"] = str(folder)
        if which == "b":
            taken = folder / f"ocstudy-{os.getuid()}"
            taken.mkdir(mode=0o777)
            os.chown(taken, 65534, 65534)
    else:
        env[separated_by] = str(folder)
    return env


def the_test_uses(env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    """Make ``server_name`` in this process name the socket a launch with ``env`` listens on."""
    import tempfile

    for name in ("XDG_RUNTIME_DIR", "TMPDIR"):
        if name in env:
            monkeypatch.setenv(name, env[name])
        else:
            monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(tempfile, "tempdir", env.get("TMPDIR"))


@pytest.mark.slow
@pytest.mark.skipif(os.name != "posix", reason="POSIX sockets")
@pytest.mark.parametrize(
    "separated_by",
    [
        "XDG_RUNTIME_DIR",
        "TMPDIR",
        pytest.param(
            "squatted",
            marks=pytest.mark.skipif(
                os.name != "posix" or os.getuid() != 0, reason="needs root to chown"
            ),
        ),
    ],
)
def test_a_launch_that_cannot_reach_the_running_window_opens_no_second_one(
    tmp_path: Path,
    running: list[subprocess.Popen[bytes]],
    monkeypatch: pytest.MonkeyPatch,
    short_dir: Path,
    separated_by: str,
) -> None:
    """Another runtime folder (another login session), or another temporary folder: the
    socket cannot be reached (or, in a temporary folder another user took first, made), but
    the folder's lock says ocstudy has it open. The second launch says so in one line and exits
    2 without opening a window; once the first is SIGKILLed, its lock is stale and a launch from
    the other session starts (where it can listen)."""
    data_dir = tmp_path / "data"
    env_a, env_b = apart(short_dir, separated_by, "a"), apart(short_dir, separated_by, "b")
    the_test_uses(env_a, monkeypatch)
    first = launch(data_dir, tmp_path / "first.log", env_a)
    running.append(first)
    wait_until_listening(first, data_dir)
    second = launch(data_dir, tmp_path / "second.log", env_b)
    running.append(second)
    try:
        second.wait(timeout=START_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        pytest.fail("the second launch opened a second window on the folder")
    said = (tmp_path / "second.log").read_text(errors="replace")
    assert second.returncode == 2, said
    lines = [line for line in said.splitlines() if line.strip()]
    assert len(lines) == 1 and "already open" in lines[0] and str(data_dir) in lines[0], said
    assert f"process {first.pid}" in lines[0]
    assert first.poll() is None  # the first goes on running, alone

    first.kill()  # a crash: its lock is left behind, its process gone
    first.wait(timeout=30)
    env_c = env_a if separated_by == "squatted" else env_b
    the_test_uses(env_c, monkeypatch)
    third = launch(data_dir, tmp_path / "third.log", env_c)
    running.append(third)
    wait_until_listening(third, data_dir)  # the stale lock did not stop it
    assert "already" not in (tmp_path / "third.log").read_text(errors="replace")
