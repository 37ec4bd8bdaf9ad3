"""One running ocstudy per data folder: a second launch asks the first, over a local socket,
to come to the front, and exits. If the socket cannot be used, both instances run; SQLite's
locking and the transactions keep their writes whole."""

from __future__ import annotations

import getpass
import hashlib
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtNetwork import QLocalServer, QLocalSocket

ACTIVATE = b"activate\n"
TIMEOUT_MS = 500


def server_name(data_dir: Path) -> str:
    key = f"{getpass.getuser()}:{data_dir.resolve()}".encode()
    return f"ocstudy-{hashlib.sha256(key).hexdigest()[:16]}"


class SingleInstance(QObject):
    def __init__(self, data_dir: Path, parent: QObject | None = None):
        super().__init__(parent)
        self.name = server_name(data_dir)
        self._server: QLocalServer | None = None

    def activate_running(self) -> bool:
        """True if another ocstudy on this data folder answered and was asked to come forward."""
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(TIMEOUT_MS):
            return False
        socket.write(ACTIVATE)
        socket.waitForBytesWritten(TIMEOUT_MS)
        socket.disconnectFromServer()
        return True

    def listen(self, on_activate: Callable[[], None]) -> bool:
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
