"""One running ocstudy per data folder: a second launch asks the first, over a local socket,
to come to the front, and exits. If the socket cannot be used, both instances run; SQLite's
locking and the transactions keep their writes whole.

Start-up pays only for a lock file (QtCore): the socket's module, QtNetwork, is loaded after
the first paint to listen, or at once by a second launch that finds the folder locked.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from PySide6.QtCore import QLockFile, QObject

from ocstudy.userdata.database import private_folder

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


def server_name(data_dir: Path) -> str:
    import getpass
    import hashlib

    key = f"{getpass.getuser()}:{data_dir.resolve()}".encode()
    return f"ocstudy-{hashlib.sha256(key).hexdigest()[:16]}"


class SingleInstance(QObject):
    def __init__(self, data_dir: Path, parent: QObject | None = None):
        super().__init__(parent)
        self.data_dir = data_dir
        self._lock: QLockFile | None = None
        self._server: QLocalServer | None = None

    @property
    def name(self) -> str:
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

    def activate_running(self, wait_s: float = 0.0) -> bool:
        """True if another ocstudy on this data folder answered and was asked to come forward;
        tries again for ``wait_s`` seconds while nobody answers."""
        from PySide6.QtNetwork import QLocalSocket

        deadline = time.monotonic() + wait_s
        while True:
            socket = QLocalSocket()
            socket.connectToServer(self.name)
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

        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            QLocalServer.removeServer(self.name)  # a stale socket from a crashed run
            if not server.listen(self.name):
                return False

        def accept() -> None:
            while server.hasPendingConnections():
                connection = server.nextPendingConnection()
                connection.readyRead.connect(on_activate)
                connection.disconnected.connect(connection.deleteLater)

        server.newConnection.connect(accept)
        self._server = server
        return True
