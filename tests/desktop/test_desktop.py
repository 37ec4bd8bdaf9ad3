"""Desktop integration without Qt: the launcher entry and the xcb libraries check."""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ocstudy import paths
from ocstudy.desktop.entry import desktop_entry_text, install_desktop_entry, ocstudy_command
from ocstudy.desktop.xcb import (
    XCB_LIBRARIES,
    _loads,
    missing_xcb_libraries,
    xcb_check_applies,
    xcb_help_text,
)


def _parse(text: str) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment, method-assign]  # keys are case-sensitive
    parser.read_string(text)
    return parser["Desktop Entry"]


def _exec_argv(value: str) -> list[str]:
    """Read ``Exec`` as the Desktop Entry Specification says: string escapes first, then the
    arguments, double-quoted ones with backslash escapes of " ` $ and \\, and %% for %."""
    value = value.replace("\\\\", "\\")
    argv, current, quoted, i = [], "", False, 0
    while i < len(value):
        char = value[i]
        if quoted and char == "\\" and value[i + 1] in '"`$\\':
            current, i = current + value[i + 1], i + 2
            continue
        if char == '"':
            quoted = not quoted
        elif char == " " and not quoted:
            argv.append(current)
            current = ""
        else:
            current += char
        i += 1
    return [arg.replace("%%", "%") for arg in [*argv, current] if arg]


def test_entry_text_has_the_keys_and_quotes_the_command() -> None:
    command = ["/opt/my apps/bin/python3", "-m", "ocstudy"]
    entry = _parse(desktop_entry_text(command, Path("/icons/ocstudy.svg")))
    assert entry["Type"] == "Application" and entry["Name"] == "ocstudy"
    assert entry["Terminal"] == "false" and entry["Categories"] == "Education;"
    assert entry["StartupWMClass"] == "ocstudy" and entry["Icon"] == "/icons/ocstudy.svg"
    assert entry["GenericName"] and entry["Comment"] and entry["Keywords"].endswith(";")
    assert entry["Exec"] == '"/opt/my apps/bin/python3" -m ocstudy'
    assert _exec_argv(entry["Exec"]) == command
    assert entry["TryExec"] == "/opt/my apps/bin/python3"

    odd = _parse(desktop_entry_text('/home/a"b/100%/x$y', Path("/i.svg")))["Exec"]
    assert odd == '"/home/a\\\\"b/100%%/x\\\\$y"'
    assert _exec_argv(odd) == ['/home/a"b/100%/x$y']
    with pytest.raises(ValueError, match="line break"):
        desktop_entry_text("/bin/oc\nstudy", Path("/i.svg"))


def test_template_is_a_valid_entry_in_resources() -> None:
    template = paths.resources_dir() / "desktop" / "ocstudy.desktop"
    entry = _parse(template.read_text(encoding="utf-8"))
    assert entry["Exec"] == "ocstudy" and entry["Icon"] == "ocstudy"


def test_install_writes_entry_and_icon_under_xdg_data_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    written = install_desktop_entry()
    entry_path = tmp_path / "share" / "applications" / "ocstudy.desktop"
    icon_path = tmp_path / "share" / "icons" / "hicolor" / "scalable" / "apps" / "ocstudy.svg"
    assert written == [entry_path, icon_path]
    assert icon_path.read_bytes() == paths.icon_path("ocstudy.svg").read_bytes()
    entry = _parse(entry_path.read_text(encoding="utf-8"))
    assert entry["Icon"] == str(icon_path)
    argv = _exec_argv(entry["Exec"])
    assert argv == ocstudy_command() and Path(argv[0]).is_absolute() and Path(argv[0]).exists()
    if os.name == "posix":
        assert entry_path.stat().st_mode & 0o777 == 0o644
    # installing again replaces the files, leaving nothing else behind
    assert install_desktop_entry(tmp_path / "share", command=["/usr/bin/ocstudy"]) == written
    assert _parse(entry_path.read_text(encoding="utf-8"))["Exec"] == "/usr/bin/ocstudy"
    assert sorted(p.name for p in entry_path.parent.iterdir()) == ["ocstudy.desktop"]


def test_relative_xdg_data_home_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_DATA_HOME", "relative/share")
    entry, _ = install_desktop_entry()
    assert entry == tmp_path / ".local" / "share" / "applications" / "ocstudy.desktop"


X11 = {"DISPLAY": ":0"}


def _never(soname: str) -> bool:
    raise AssertionError(f"checked {soname} although the check does not apply")


@pytest.mark.parametrize(
    ("environ", "platform"),
    [
        ({}, "linux"),  # no display: Qt will not use xcb
        (X11, "darwin"),
        (X11, "win32"),
        ({**X11, "QT_QPA_PLATFORM": "offscreen"}, "linux"),
        ({**X11, "QT_QPA_PLATFORM": "wayland;xcb"}, "linux"),
        ({**X11, "WAYLAND_DISPLAY": "wayland-0", "XDG_SESSION_TYPE": "wayland"}, "linux"),
    ],
)
def test_xcb_check_does_not_apply(environ: dict[str, str], platform: str) -> None:
    assert not xcb_check_applies(environ, platform)
    assert missing_xcb_libraries(environ=environ, platform=platform, loads=_never) == []


@pytest.mark.parametrize(
    "environ",
    [
        X11,
        {**X11, "QT_QPA_PLATFORM": "xcb"},
        {**X11, "QT_QPA_PLATFORM": "xcb", "WAYLAND_DISPLAY": "w", "XDG_SESSION_TYPE": "wayland"},
        {**X11, "XDG_SESSION_TYPE": "x11"},
    ],
)
def test_xcb_check_names_missing_libraries_and_packages(environ: dict[str, str]) -> None:
    assert missing_xcb_libraries(environ=environ, platform="linux", loads=lambda _: True) == []
    absent = {"libxcb-cursor.so.0", "libxcb-icccm.so.4", "libxcb-shape.so.0"}
    missing = missing_xcb_libraries(
        environ=environ, platform="linux", loads=lambda name: name not in absent
    )
    assert set(missing) == absent
    text = xcb_help_text(missing)
    assert "libxcb-cursor.so.0" in text
    apt = next(line for line in text.splitlines() if "apt install" in line)
    dnf = next(line for line in text.splitlines() if "dnf install" in line)
    assert apt.split("apt install ")[1].split() == [
        "libxcb-cursor0",
        "libxcb-icccm4",
        "libxcb-shape0",
    ]
    assert dnf.split("dnf install ")[1].split() == ["xcb-util-cursor", "xcb-util-wm", "libxcb"]


def test_every_library_has_both_package_names() -> None:
    assert "libxcb-cursor.so.0" in XCB_LIBRARIES and "libxkbcommon-x11.so.0" in XCB_LIBRARIES
    assert all(deb and rpm for deb, rpm in XCB_LIBRARIES.values())


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="sonames are Linux's")
def test_the_real_loader() -> None:
    assert _loads("libc.so.6")
    assert not _loads("libocstudy-does-not-exist.so.7")
    # on this machine: whatever is missing is named, and nothing raises
    found = missing_xcb_libraries(environ=X11, platform="linux")
    assert set(found) <= set(XCB_LIBRARIES)


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="desktop-file-utils")
def test_desktop_file_validate_accepts_the_entry(tmp_path: Path) -> None:
    entry, _ = install_desktop_entry(tmp_path, command=["/opt/a b/python", "-m", "ocstudy"])
    result = subprocess.run(
        ["desktop-file-validate", str(entry)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0 and result.stdout == "", result.stdout
