"""One running ocstudy per data folder: a lock file in the folder itself (``ocstudy.lock``,
held while the window is open, stale once its process is gone) says whether one is running; a
local socket only brings that one's window to the front. A second launch asks it to come
forward and exits; if it cannot be reached (it runs in another login session, with another
``XDG_RUNTIME_DIR`` or temporary folder), the second launch says so and opens nothing, so two
windows never write one folder. Only where no lock can be made (a read-only folder) does the
socket alone decide.

Start-up pays only for a lock file (QtCore): the socket's module, QtNetwork, is loaded after
the first paint to listen, or at once by a second launch that finds the folder locked.

On POSIX the socket lives in a folder only this user can enter: ``$XDG_RUNTIME_DIR``, else
``ocstudy-UID`` in the temporary folder (made 0700), never straight in a shared ``/tmp`` where
another local user could take the name first. A second launch talks only to a socket this user
owns, so nobody else can answer for the running ocstudy (or stop it from starting).
"""

from __future__ import annotations

import contextlib
import os
import stat
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from PySide6.QtCore import QLockFile, QObject

from ocstudy.services.folders import private_folder

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalServer

ACTIVATE = b"activate\n"
TIMEOUT_MS = 500
LOCK_NAME = "ocstudy.lock"
#: How long a second launch waits for a locked folder's ocstudy to listen: it may be starting.
STARTING_S = 5.0

#: ``ours``: this process holds the folder; ``taken``: another live ocstudy does;
#: ``unavailable``: no lock can be made there (a read-only folder), so only the socket can tell.
Claim = Literal["ours", "taken", "unavailable"]


#: The longest socket path every POSIX system takes (macOS: 104 bytes with the final NUL).
MAX_SOCKET_PATH = 103


def _users_only_folder(path: Path) -> bool:
    """A real folder (not a link) of this user's that nobody else may enter."""
    try:
        info = path.lstat()
    except OSError:
        return False
    return (
        stat.S_ISDIR(info.st_mode)
        and info.st_uid == os.getuid()
        and stat.S_IMODE(info.st_mode) & 0o077 == 0
    )


def runtime_folder() -> Path | None:
    """Where this user's sockets go: ``$XDG_RUNTIME_DIR`` when it is the user's only, else
    ``ocstudy-UID`` in the temporary folder; None when neither is safe (then no socket)."""
    import tempfile

    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    if runtime and Path(runtime).is_absolute() and _users_only_folder(Path(runtime)):
        return Path(runtime)
    fallback = Path(tempfile.gettempdir()) / f"ocstudy-{os.getuid()}"
    with contextlib.suppress(OSError):
        fallback.mkdir(mode=0o700)
    with contextlib.suppress(OSError):
        info = fallback.lstat()
        if stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid():
            fallback.chmod(0o700)  # ours, but made looser by someone: ours to tighten
    return fallback if _users_only_folder(fallback) else None


def server_name(data_dir: Path) -> str | None:
    """The local socket of ``data_dir``'s ocstudy: a full path on POSIX (see the module
    docstring), a pipe name elsewhere; None when no safe place can hold it."""
    import getpass
    import hashlib

    key = f"{getpass.getuser()}:{data_dir.resolve()}".encode()
    name = f"ocstudy-{hashlib.sha256(key).hexdigest()[:16]}"
    if os.name != "posix":
        return name
    folder = runtime_folder()
    if folder is None or len(os.fsencode(folder / name)) > MAX_SOCKET_PATH:
        return None
    return str(folder / name)


def _is_the_users_socket(name: str) -> bool:
    """True if ``name`` is a socket this user made (always, where names are not files)."""
    if os.name != "posix":
        return True
    try:
        info = os.lstat(name)
    except OSError:
        return False
    return stat.S_ISSOCK(info.st_mode) and info.st_uid == os.getuid()


class SingleInstance(QObject):
    def __init__(self, data_dir: Path, parent: QObject | None = None):
        super().__init__(parent)
        self.data_dir = data_dir
        self._lock: QLockFile | None = None
        self._server: QLocalServer | None = None

    @property
    def name(self) -> str | None:
        return server_name(self.data_dir)

    def claim(self) -> Claim:
        """Take the folder's lock, the user's only. A lock left by a crashed run is taken over
        (Qt checks that its process is gone)."""
        try:
            private_folder(self.data_dir)
        except OSError:
            return "unavailable"
        path = self.data_dir / LOCK_NAME
        lock = QLockFile(str(path))
        lock.setStaleLockTime(0)  # stale only when its process is gone, never by age
        if lock.tryLock(0):
            self._lock = lock
            if os.name == "posix":
                with contextlib.suppress(OSError):  # it holds a process id, nothing secret
                    path.chmod(0o600)
            return "ours"
        if lock.error() == QLockFile.LockError.LockFailedError:
            return "taken"
        return "unavailable"

    def in_use_message(self) -> str:
        """One line for a launch that found the folder locked and nobody answering."""
        pid, host, _name = QLockFile(str(self.data_dir / LOCK_NAME)).getLockInfo()
        from PySide6.QtCore import QSysInfo

        holder = f"process {pid}" if pid else "another process"
        if host and host != QSysInfo.machineHostName():
            holder += f" on {host}"
        return (
            f"{self.data_dir} is already open in another ocstudy ({holder}) whose window "
            "cannot be reached from here (another login session?); close it, or let it finish "
            "starting, then try again."
        )

    def activate_running(self, wait_s: float = 0.0) -> bool:
        """True if another ocstudy on this data folder answered and was asked to come forward;
        tries again for ``wait_s`` seconds while nobody answers."""
        from PySide6.QtNetwork import QLocalSocket

        name = self.name
        if name is None:
            return False
        deadline = time.monotonic() + wait_s
        while True:
            if _is_the_users_socket(name):  # nobody else is asked, or believed
                socket = QLocalSocket()
                socket.connectToServer(name)
                if socket.waitForConnected(TIMEOUT_MS):
                    socket.write(ACTIVATE)
                    socket.waitForBytesWritten(TIMEOUT_MS)
                    socket.disconnectFromServer()
                    return True
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.1)

    def listen(self, on_activate: Callable[[], None]) -> bool:
        from PySide6.QtNetwork import QLocalServer

        name = self.name
        if name is None:
            return False
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(name):
            QLocalServer.removeServer(name)  # a stale socket from a crashed run
            if not server.listen(name):
                return False

        def accept() -> None:
            while server.hasPendingConnections():
                connection = server.nextPendingConnection()
                connection.readyRead.connect(on_activate)
                connection.disconnected.connect(connection.deleteLater)

        server.newConnection.connect(accept)
        self._server = server
        return True
