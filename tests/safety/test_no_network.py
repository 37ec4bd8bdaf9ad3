"""The app opens no network connection: with sockets blocked, the whole UI flow runs (entries,
search, a relation link, a note with a remote image and a link, its preview, the timeline, a
quiz, the statistics, every export, a backup) and nothing tries to connect or open a URL.

Python's sockets are guarded in-process; Qt's own C++ networking never passes through Python,
so the same flow also runs in a subprocess under ``strace``, which sees every ``connect`` and
``sendto`` at the system-call level (skipped where strace is missing or ptrace is refused).
The rendered Markdown and the detail pane load nothing and open only http(s) links, on a click.

Run as a script (``python test_no_network.py DATA_DIR OUT_DIR``), this module drives the flow
once and prints ``FLOW DONE``: that is what the strace test runs.
"""

from __future__ import annotations

import ast
import errno
import os
import resource
import shutil
import socket
import stat
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QByteArray, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QImage, QTextDocument
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QTextBrowser

from driving import click_link, click_tree_item, fragments
from ocstudy.app import create_main_window
from ocstudy.render.detail import entity_url
from ocstudy.ui.study.detail_pane import DetailPane, blank_resource
from ocstudy.ui.study.note_preview import MarkdownPreview
from ocstudy.ui.window.main_window import MainWindow

SRC = Path(__file__).resolve().parents[2] / "src" / "ocstudy"
REMOTE_IMAGE = "https://example.com/x.png"
WEB_LINK = "https://www.unodc.org/"
NOTE = f"Palermo, 12-15 December 2000 ![x]({REMOTE_IMAGE}) and [UNODC]({WEB_LINK})"
UNSAFE_LINKS = [
    "file:///etc/passwd",
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "ftp://example.com/x",
    "mailto:someone@example.com",
    "smb://server/share",
]
IMAGE = QTextDocument.ResourceType.ImageResource.value
CTRL = Qt.KeyboardModifier.ControlModifier


# -- the guard -------------------------------------------------------------------------------


class NetworkBlockedError(OSError):
    def __init__(self) -> None:
        super().__init__(errno.ENETUNREACH, "the network is blocked in this test")


@pytest.fixture
def network_attempts(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every attempt to reach the network (recorded, then refused); AF_UNIX stays allowed."""
    attempts: list[str] = []

    def guard(name: str, real: Callable[..., Any]) -> Callable[..., Any]:
        def method(self: socket.socket, *args: Any) -> Any:
            if self.family != socket.AF_UNIX:
                attempts.append(f"socket.{name}{args!r} family={self.family!r}")
                raise NetworkBlockedError
            return real(self, *args)

        return method

    for name in ("connect", "connect_ex", "sendto"):
        monkeypatch.setattr(socket.socket, name, guard(name, getattr(socket.socket, name)))

    def refuse(name: str, real: Callable[..., Any]) -> Callable[..., Any]:
        def function(*args: Any, **kwargs: Any) -> Any:
            # Only getaddrinfo takes a family; the others always mean the network.
            family = kwargs.get("family", args[2] if len(args) > 2 else 0)
            if name != "getaddrinfo" or family != socket.AF_UNIX:
                attempts.append(f"socket.{name}{args!r}")
                raise NetworkBlockedError
            return real(*args, **kwargs)

        return function

    for name in ("create_connection", "getaddrinfo", "gethostbyname", "gethostbyname_ex"):
        monkeypatch.setattr(socket, name, refuse(name, getattr(socket, name)))
    return attempts


@pytest.fixture
def opened_urls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    opened: list[str] = []

    def record(url: QUrl | str) -> bool:
        opened.append(url.toString() if isinstance(url, QUrl) else str(url))
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(record))
    return opened


def test_the_guard_catches_what_it_must_and_lets_local_sockets_through(
    network_attempts: list[str], tmp_path: Path
) -> None:
    with pytest.raises(NetworkBlockedError):
        socket.create_connection(("192.0.2.1", 80), timeout=0.1)
    with pytest.raises(NetworkBlockedError):
        socket.getaddrinfo("example.com", 443)
    with (
        socket.socket(socket.AF_INET, socket.SOCK_STREAM) as inet,
        pytest.raises(NetworkBlockedError),
    ):
        inet.connect(("192.0.2.1", 80))
    with (
        socket.socket(socket.AF_INET6, socket.SOCK_DGRAM) as udp,
        pytest.raises(NetworkBlockedError),
    ):
        udp.sendto(b"x", ("2001:db8::1", 53))
    assert len(network_attempts) == 4
    path = str(tmp_path / "local.sock")
    with socket.socket(socket.AF_UNIX) as server, socket.socket(socket.AF_UNIX) as client:
        server.bind(path)
        server.listen(1)
        client.connect(path)  # the single-instance check needs this
    assert len(network_attempts) == 4


# -- driving the real window (QTest only, so that the script below can run it too) -----------


def wait_until(condition: Callable[[], object], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting for the window")
        QApplication.processEvents()
        time.sleep(0.01)


def show(window: MainWindow) -> MainWindow:
    painted: list[bool] = []
    window.firstPainted.connect(lambda: painted.append(True))  # the menus are made then
    window.show()
    window.activateWindow()
    wait_until(window.isActiveWindow)  # shortcuts reach only the active window
    wait_until(lambda: bool(painted))
    return window


def anchors(browser: QTextBrowser) -> list[str]:
    hrefs = (fragment.charFormat().anchorHref() for fragment in fragments(browser.document()))
    return [href for href in hrefs if href]


def image_names(document: QTextDocument) -> list[str]:
    formats = (fragment.charFormat() for fragment in fragments(document))
    return [f.toImageFormat().name() for f in formats if f.isImageFormat()]


def loaded(resource: object) -> bool:
    """Whether a resource holds anything read from somewhere (None, b"", an empty QByteArray,
    a null QImage and the app's blank pixel do not: they are what a loader that loads nothing
    answers)."""
    if resource is None:
        return False
    if isinstance(resource, (QByteArray, bytes)):
        return len(resource) > 0
    if isinstance(resource, QImage):
        return not resource.isNull() and resource != blank_resource()
    return True


def answer_cards(window: MainWindow, count: int) -> int:
    quiz = window.quiz
    assert quiz is not None
    answered = 0
    for _ in range(count):
        card = quiz.card
        if card is None:
            break
        page = quiz.card_page
        if quiz.mode == "choice":
            QTest.keyClick(page, getattr(Qt.Key, f"Key_{card.choices.index(card.answer_text) + 1}"))
        elif quiz.mode == "typed":
            QTest.keyClicks(page.typed, "15 November 2000")
            QTest.keyClick(page.typed, Qt.Key.Key_Return)
        else:
            QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
        assert quiz.revealed
        QTest.keyClick(page, Qt.Key.Key_Space)
        answered += 1
    return answered


def drive_whole_flow(window: MainWindow, out_dir: Path) -> None:
    """Everything a learner does in a session, through the real widgets."""
    study = window.study
    click_tree_item(window, "firearms-protocol")
    assert study.current_slug == "firearms-protocol"
    click_tree_item(window, "cnd")
    assert study.current_slug == "cnd"

    QTest.keyClick(window, Qt.Key.Key_F, CTRL)
    QTest.keyClicks(study.search_box, "firearms")
    wait_until(lambda: study.model.matches is not None)
    QTest.keyClick(study.search_box, Qt.Key.Key_Escape)
    wait_until(lambda: study.model.matches is None)

    study.select("firearms-protocol")
    click_link(study.detail, entity_url("untoc"))  # a relation link
    assert study.current_slug == "untoc"
    QTest.keyClick(study.tree, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert study.current_slug == "firearms-protocol"

    editor = study.notes.editor
    editor.setFocus()
    QTest.keyClicks(editor, NOTE)
    assert study.flush()
    QTest.keyClick(window, Qt.Key.Key_P, CTRL | Qt.KeyboardModifier.ShiftModifier)
    preview = study.notes.preview
    assert study.notes.stack.currentWidget() is preview
    assert REMOTE_IMAGE in image_names(preview.document()) and WEB_LINK in anchors(preview)
    preview.grab()  # lay out and paint: this is when an image would be fetched
    QTest.keyClick(window, Qt.Key.Key_P, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert study.notes.stack.currentWidget() is editor

    QTest.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    assert window.current_view == "timeline" and window.timeline is not None
    view = window.timeline.view
    wait_until(lambda: view.viewport().width() > 100)
    for key in (Qt.Key.Key_Plus, Qt.Key.Key_Plus, Qt.Key.Key_Right, Qt.Key.Key_0):
        QTest.keyClick(view, key)
    view.grab()

    QTest.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    assert window.current_view == "quiz" and window.quiz is not None
    quiz = window.quiz
    quiz.start_page.mode_box.setCurrentIndex(quiz.start_page.mode_box.findData("mixed"))
    quiz.start_page.start_button.setFocus()
    QTest.keyClick(quiz.start_page.start_button, Qt.Key.Key_Return)
    wait_until(lambda: quiz.card is not None)
    assert answer_cards(window, 5) == 5

    QTest.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.AltModifier)
    assert window.current_view == "stats" and window.stats is not None
    assert window.stats.figures["reviewed_today"].text() == "5"
    window.stats.grab()

    exports = window.services.exports()
    for outcome in (
        exports.anki_deck(out_dir / "deck.apkg", include_notes=True),
        exports.notes(out_dir / "notes.md"),
        exports.notes(out_dir / "notes.json"),
        exports.cards_csv(out_dir / "cards.csv"),
        exports.content_json(out_dir / "content.json"),
        exports.import_notes(out_dir / "notes.json"),
    ):
        assert not outcome.cancelled, outcome.message
    assert window.files.backup(quiet=True) is not None
    QTest.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    assert window.current_view == "study"


@pytest.fixture
def flow_window(
    qtbot: Any, data_dir: Path, opened_windows: list[MainWindow]
) -> Callable[[], MainWindow]:
    def factory() -> MainWindow:
        window = show(create_main_window(data_dir))
        opened_windows.append(window)
        return window

    return factory


def test_the_whole_ui_flow_opens_no_connection_and_no_url(
    network_attempts: list[str],
    opened_urls: list[str],
    flow_window: Callable[[], MainWindow],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    requested: list[tuple[str, object]] = []
    real_load = MarkdownPreview.loadResource

    def spy(self: MarkdownPreview, kind: int, name: QUrl | str) -> object:
        result = real_load(self, kind, name)
        requested.append((name.toString() if isinstance(name, QUrl) else name, result))
        return result

    monkeypatch.setattr(MarkdownPreview, "loadResource", spy)
    window = flow_window()
    drive_whole_flow(window, tmp_path)
    window.close()
    assert (tmp_path / "deck.apkg").stat().st_size > 0
    assert network_attempts == []
    assert opened_urls == []
    assert requested and not any(loaded(result) for _, result in requested)  # asked, got nothing
    assert {name for name, _ in requested} == {REMOTE_IMAGE}


def private(path: Path) -> bool:
    mode = stat.S_IMODE(path.stat().st_mode)
    return mode == (0o700 if path.is_dir() else 0o600)


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_every_data_file_the_whole_flow_leaves_is_the_users_only(
    network_attempts: list[str],
    opened_urls: list[str],
    flow_window: Callable[[], MainWindow],
    data_dir: Path,
    tmp_path: Path,
) -> None:
    window = flow_window()
    drive_whole_flow(window, tmp_path)
    window.close()
    made = list(data_dir.rglob("*"))  # the folder is the test's: it keeps its modes (issue 21)
    assert {p.name for p in made} >= {"user.db", "backups", "ui-state.ini"}
    assert [str(p) for p in made if p.name != "ui-state.ini" and not private(p)] == []
    for export in ("notes.md", "notes.json"):
        assert private(tmp_path / export)  # the learner's notes, even outside the folder


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_the_window_state_file_is_the_users_only(
    flow_window: Callable[[], MainWindow], data_dir: Path
) -> None:
    flow_window().close()
    assert private(data_dir / "ui-state.ini")


def strace_command() -> list[str] | None:
    """strace, following children, with only the network calls traced; None if unusable."""
    tracer = shutil.which("strace")
    if tracer is None:
        return None
    for options in (["--seccomp-bpf"], []):
        command = [tracer, "-f", "-qq", *options, "-e", "trace=connect,sendto,sendmsg"]
        probe = subprocess.run([*command, "true"], capture_output=True, timeout=30)
        if probe.returncode == 0:
            return command
    return None


@pytest.mark.slow
def test_the_whole_ui_flow_makes_no_network_system_call(tmp_path: Path) -> None:
    """Below Python too: strace sees every connect and sendto, Qt's and libc's included."""
    command = strace_command()
    if command is None:
        pytest.skip("strace is not installed or ptrace is not permitted here")
    log = tmp_path / "strace.log"
    out = tmp_path / "out"
    out.mkdir()
    flow = [sys.executable, "-m", "safety.test_no_network", str(tmp_path / "data"), str(out)]
    result = subprocess.run(
        [*command, "-o", str(log), *flow],
        cwd=Path(__file__).parents[1],  # tests/, so that the shared helpers import
        capture_output=True,
        text=True,
        timeout=300,
        env=os.environ.copy(),
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "FLOW DONE" in result.stdout and "OPENED" not in result.stdout
    calls = log.read_text(errors="replace").splitlines()
    assert any("AF_UNIX" in line and "local.sock" in line for line in calls)  # strace saw it
    network = [line for line in calls if "AF_INET" in line]  # AF_INET and AF_INET6
    assert network == []


# -- Markdown preview and detail pane: nothing loaded, only http(s) opened, only on a click ---


@pytest.fixture
def window(flow_window: Callable[[], MainWindow]) -> MainWindow:
    return flow_window()


def test_the_preview_never_loads_a_remote_image(
    window: MainWindow, network_attempts: list[str], opened_urls: list[str]
) -> None:
    notes = window.study.notes
    window.study.select("gpml")
    notes.editor.setPlainText(f'{NOTE}\n\n<img src="https://example.com/y.png">')
    assert window.study.flush()
    notes.set_preview(True)
    preview = notes.preview
    preview.grab()  # laid out and painted
    assert image_names(preview.document()) == [REMOTE_IMAGE]  # raw HTML is not rendered
    assert not loaded(preview.loadResource(IMAGE, QUrl(REMOTE_IMAGE)))
    assert not loaded(preview.document().resource(IMAGE, QUrl(REMOTE_IMAGE)))
    assert network_attempts == [] and opened_urls == []


def a_png(folder: Path) -> Path:
    path = folder / "secret.png"
    picture = QImage(40, 30, QImage.Format.Format_RGB32)
    picture.fill(Qt.GlobalColor.red)
    assert picture.save(str(path))
    return path


LOCAL_FILE_BUG = (
    "BUG: loadResource returning None is not enough: QTextDocument::loadResource (C++) then "
    "reads any local file itself (file:// URLs and paths relative to the working folder); "
    "returning QByteArray() or QImage() (a valid QVariant in Qt 6) would stop it"
)


def test_the_preview_never_loads_a_local_file(window: MainWindow, tmp_path: Path) -> None:
    url = QUrl.fromLocalFile(str(a_png(tmp_path))).toString()
    window.study.select("gpml")
    window.study.notes.editor.setPlainText(f"![x]({url})")
    window.study.notes.set_preview(True)
    preview = window.study.notes.preview
    preview.grab()
    assert image_names(preview.document()) == [url]
    assert not loaded(preview.document().resource(IMAGE, QUrl(url)))


DEV_ZERO = """
import os
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtWidgets import QApplication
from ocstudy.ui.study.note_preview import MarkdownPreview
app = QApplication([])
preview = MarkdownPreview()
preview.resize(400, 300)
preview.show()
preview.setMarkdown("![x](file:///dev/zero)")
app.processEvents()
preview.grab()
print("RENDERED")
"""


def at_most_1_gib() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_note_with_an_image_at_dev_zero_renders_and_the_app_lives() -> None:
    result = subprocess.run(
        [sys.executable, "-c", DEV_ZERO],
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=at_most_1_gib,  # the bug would take all the memory there is
    )
    assert result.returncode == 0 and "RENDERED" in result.stdout, result.stderr[-500:]


def test_preview_links_open_only_http_and_only_when_clicked(
    window: MainWindow, network_attempts: list[str], opened_urls: list[str]
) -> None:
    notes = window.study.notes
    window.study.select("gpml")
    links = " ".join(f"[{n}]({url})" for n, url in enumerate([*UNSAFE_LINKS[:2], WEB_LINK]))
    notes.editor.setPlainText(links)
    assert window.study.flush()
    notes.set_preview(True)
    preview = notes.preview
    assert set(anchors(preview)) == {*UNSAFE_LINKS[:2], WEB_LINK}
    assert opened_urls == []  # rendering opens nothing
    for url in UNSAFE_LINKS[:2]:
        click_link(preview, url)
    assert opened_urls == []
    for url in UNSAFE_LINKS:
        preview.anchorClicked.emit(QUrl(url))
    preview.anchorClicked.emit(QUrl(entity_url("untoc")))
    assert opened_urls == []
    click_link(preview, WEB_LINK)
    assert opened_urls == [WEB_LINK]
    assert network_attempts == []


def test_detail_pane_links_open_only_http_and_only_when_clicked(
    window: MainWindow, network_attempts: list[str], opened_urls: list[str]
) -> None:
    study = window.study
    study.select("firearms-protocol")
    web = [href for href in anchors(study.detail) if href.startswith(("http://", "https://"))]
    assert web, "the firearms protocol cites the record's sources"
    assert opened_urls == []  # rendering opens nothing
    for url in UNSAFE_LINKS:
        study.detail.anchorClicked.emit(QUrl(url))
    assert opened_urls == [] and study.current_slug == "firearms-protocol"
    click_link(study.detail, web[0])
    assert opened_urls == [QUrl(web[0]).toString()]
    study.detail.anchorClicked.emit(QUrl(WEB_LINK))
    assert opened_urls[-1] == WEB_LINK
    study.detail.anchorClicked.emit(QUrl(entity_url("untoc")))  # inside the app
    assert study.current_slug == "untoc" and len(opened_urls) == 2
    assert network_attempts == []


@pytest.mark.parametrize(
    "kind",
    ["remote", "local"],
)
def test_the_detail_pane_loads_nothing(qtbot: Any, tmp_path: Path, kind: str) -> None:
    url = REMOTE_IMAGE if kind == "remote" else QUrl.fromLocalFile(str(a_png(tmp_path))).toString()
    pane = DetailPane()
    qtbot.addWidget(pane)
    pane.show_detail(f'<p>x<img src="{url}"></p>', "untoc")
    pane.resize(400, 300)
    pane.show()
    pane.grab()
    assert image_names(pane.document()) == [url]
    assert not loaded(pane.loadResource(IMAGE, QUrl(url)))
    assert not loaded(pane.document().resource(IMAGE, QUrl(url)))


# -- nothing in the code can reach the network -------------------------------------------------

NETWORK_MODULES = {
    "socket", "ssl", "urllib.request", "http.client", "http.server", "ftplib", "smtplib",
    "poplib", "imaplib", "telnetlib", "xmlrpc.client", "socketserver", "requests", "httpx",
    "aiohttp", "urllib3", "websocket", "websockets", "PySide6.QtWebEngineCore",
    "PySide6.QtWebEngineWidgets", "PySide6.QtWebSockets", "PySide6.QtHttpServer",
}  # fmt: skip
ALLOWED_QT_NETWORK = {"QLocalServer", "QLocalSocket"}


def test_no_module_imports_a_network_api() -> None:
    offenders = []
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [(alias.name, None) for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [(node.module, alias.name) for alias in node.names]
            else:
                continue
            for module, name in names:
                where = f"{path.relative_to(SRC)}:{node.lineno}"
                if module in NETWORK_MODULES or module.startswith("PySide6.QtWeb"):
                    offenders.append(f"{where} {module}")
                if module == "PySide6.QtNetwork" and name not in ALLOWED_QT_NETWORK:
                    offenders.append(f"{where} {module}.{name}")
    assert offenders == []


# -- the script the strace test runs -----------------------------------------------------------


def main(data_dir: Path, out_dir: Path) -> int:
    def refuse(url: QUrl | str) -> bool:
        print("OPENED", url.toString() if isinstance(url, QUrl) else url, flush=True)
        return False

    QDesktopServices.openUrl = staticmethod(refuse)  # type: ignore[method-assign,assignment]
    with socket.socket(socket.AF_UNIX) as server, socket.socket(socket.AF_UNIX) as client:
        server.bind(str(out_dir / "local.sock"))  # a local connect: proves strace is watching
        server.listen(1)
        client.connect(str(out_dir / "local.sock"))
    app = QApplication.instance() or QApplication(sys.argv[:1])
    window = show(create_main_window(data_dir))
    drive_whole_flow(window, out_dir)
    window.close()
    app.processEvents()
    print("FLOW DONE", flush=True)
    return 0


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2])))
