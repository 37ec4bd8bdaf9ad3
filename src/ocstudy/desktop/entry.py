"""Fitting into a Linux desktop, without Qt: the launcher entry and icon for the current user,
and, before Qt starts, a check that the libraries Qt's xcb platform plugin needs are there, so
that a missing one is named with the packages to install instead of Qt's opaque abort.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Final

from ocstudy import paths

APP_ID: Final = "ocstudy"
DESKTOP_FILE: Final = f"{APP_ID}.desktop"
ICON_FILE: Final = f"{APP_ID}.svg"

#: The libraries Qt's xcb plugin (libqxcb.so, libQt6XcbQpa.so) links against that are not in
#: the PySide6 wheel, by soname, with the packages that carry them: (Debian/Ubuntu, Fedora).
XCB_LIBRARIES: Final[dict[str, tuple[str, str]]] = {
    "libxcb.so.1": ("libxcb1", "libxcb"),
    "libX11-xcb.so.1": ("libx11-xcb1", "libX11-xcb"),
    "libxcb-cursor.so.0": ("libxcb-cursor0", "xcb-util-cursor"),
    "libxcb-icccm.so.4": ("libxcb-icccm4", "xcb-util-wm"),
    "libxcb-image.so.0": ("libxcb-image0", "xcb-util-image"),
    "libxcb-keysyms.so.1": ("libxcb-keysyms1", "xcb-util-keysyms"),
    "libxcb-render-util.so.0": ("libxcb-render-util0", "xcb-util-renderutil"),
    "libxcb-util.so.1": ("libxcb-util1", "xcb-util"),
    "libxcb-randr.so.0": ("libxcb-randr0", "libxcb"),
    "libxcb-render.so.0": ("libxcb-render0", "libxcb"),
    "libxcb-shape.so.0": ("libxcb-shape0", "libxcb"),
    "libxcb-shm.so.0": ("libxcb-shm0", "libxcb"),
    "libxcb-sync.so.1": ("libxcb-sync1", "libxcb"),
    "libxcb-xfixes.so.0": ("libxcb-xfixes0", "libxcb"),
    "libxcb-xkb.so.1": ("libxcb-xkb1", "libxcb"),
    "libxkbcommon.so.0": ("libxkbcommon0", "libxkbcommon"),
    "libxkbcommon-x11.so.0": ("libxkbcommon-x11-0", "libxkbcommon-x11"),
}

# -- the launcher entry ----------------------------------------------------------------------

_RESERVED: Final = set(" \t\n\"'\\><~|&;$*?#()`")


def _exec_argument(argument: str) -> str:
    """One argument of ``Exec``, quoted by the Desktop Entry Specification's rules."""
    if "\n" in argument or "\r" in argument:
        raise ValueError(f"a launcher command cannot contain a line break: {argument!r}")
    if _RESERVED & set(argument):
        escaped = "".join("\\" + c if c in '"`$\\' else c for c in argument)
        argument = f'"{escaped}"'
    return argument.replace("%", "%%")


def _string_value(text: str) -> str:
    """A value of type string: backslashes escaped, no line breaks."""
    if "\n" in text or "\r" in text:
        raise ValueError(f"a desktop entry value cannot contain a line break: {text!r}")
    return text.replace("\\", "\\\\")


def ocstudy_command() -> list[str]:
    """How to start this ocstudy: the ``ocstudy`` script next to this Python (a venv's), else
    the one on PATH, else ``python -m ocstudy``."""
    beside = Path(sys.executable).parent / ("ocstudy.exe" if os.name == "nt" else "ocstudy")
    if beside.is_file() and os.access(beside, os.X_OK):
        return [str(beside.absolute())]
    import shutil

    found = shutil.which(APP_ID)
    if found:
        return [str(Path(found).absolute())]
    return [str(Path(sys.executable).absolute()), "-m", APP_ID]


def desktop_template() -> Path:
    return paths.resources_dir() / "desktop" / DESKTOP_FILE


def desktop_entry_text(executable: str | Sequence[str], icon_path: Path) -> str:
    """The freedesktop entry: ``resources/desktop/ocstudy.desktop`` with Exec, TryExec and Icon
    filled in. ``executable`` is a program path, or a whole command as a list of arguments."""
    command = [executable] if isinstance(executable, str) else list(executable)
    values = {
        # quoted first, then escaped as any string value (GLib rejects a bare \" or \$)
        "Exec": _string_value(" ".join(_exec_argument(argument) for argument in command)),
        "TryExec": _string_value(command[0]),
        "Icon": _string_value(str(icon_path)),
    }
    lines = []
    for line in desktop_template().read_text(encoding="utf-8").splitlines():
        key = line.partition("=")[0]
        lines.append(f"{key}={values[key]}" if key in values and "=" in line else line)
    return "\n".join(lines) + "\n"


def xdg_data_home(environ: Mapping[str, str] | None = None) -> Path:
    """``$XDG_DATA_HOME`` if set to an absolute path (the spec ignores others), else
    ``~/.local/share``."""
    value = (os.environ if environ is None else environ).get("XDG_DATA_HOME", "")
    return Path(value) if value and Path(value).is_absolute() else Path.home() / ".local/share"


def _write(path: Path, data: bytes) -> None:
    from ocstudy.services.exchange.export_files import atomic_file  # not on the launch's way to Qt

    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_file(path) as temp:
        temp.write_bytes(data)
        temp.chmod(0o644)


def install_desktop_entry(
    data_home: Path | None = None, *, command: Sequence[str] | None = None
) -> list[Path]:
    """Install the launcher entry and the icon for the current user (``data_home``, default
    :func:`xdg_data_home`): ``applications/ocstudy.desktop`` and
    ``icons/hicolor/scalable/apps/ocstudy.svg``. Returns the paths written (entry first);
    raises ``OSError`` if they cannot be written."""
    home = data_home or xdg_data_home()
    icon = home / "icons" / "hicolor" / "scalable" / "apps" / ICON_FILE
    entry = home / "applications" / DESKTOP_FILE
    _write(icon, paths.icon_path(ICON_FILE).read_bytes())
    text = desktop_entry_text(command or ocstudy_command(), icon)
    _write(entry, text.encode("utf-8"))
    return [entry, icon]


# -- Qt's xcb platform -----------------------------------------------------------------------


def xcb_check_applies(
    environ: Mapping[str, str] | None = None, platform: str | None = None
) -> bool:
    """Qt is going to use xcb: Linux, an X display, and no other platform chosen (neither by
    ``QT_QPA_PLATFORM`` nor by a Wayland session, where Qt 6 prefers Wayland)."""
    env = os.environ if environ is None else environ
    if not (platform or sys.platform).startswith("linux") or not env.get("DISPLAY"):
        return False
    chosen = env.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0].strip()
    if chosen:
        return chosen == "xcb"
    wayland = env.get("WAYLAND_DISPLAY") and env.get("XDG_SESSION_TYPE") == "wayland"
    return not wayland


def _loads(soname: str) -> bool:
    import ctypes

    try:
        ctypes.CDLL(soname)
    except OSError:
        return False
    return True


def missing_xcb_libraries(
    *,
    environ: Mapping[str, str] | None = None,
    platform: str | None = None,
    loads: Callable[[str], bool] = _loads,
) -> list[str]:
    """The sonames of :data:`XCB_LIBRARIES` that do not load, when the check applies
    (:func:`xcb_check_applies`); [] otherwise. ``loads`` is for tests."""
    if not xcb_check_applies(environ, platform):
        return []
    return [soname for soname in XCB_LIBRARIES if not loads(soname)]


def xcb_packages(missing: Iterable[str]) -> tuple[list[str], list[str]]:
    """The Debian/Ubuntu and the Fedora packages that provide ``missing``."""
    debian: dict[str, None] = {}
    fedora: dict[str, None] = {}
    for soname in missing:
        deb, rpm = XCB_LIBRARIES.get(soname, (soname, soname))
        debian[deb] = fedora[rpm] = None
    return list(debian), list(fedora)


def xcb_help_text(missing: Sequence[str]) -> str:
    """What to tell the user instead of Qt's abort (no trailing newline)."""
    debian, fedora = xcb_packages(missing)
    return "\n".join(
        [
            "ocstudy cannot open its window: Qt's xcb platform needs libraries that are missing:",
            f"  {', '.join(missing)}",
            "Install them with:",
            f"  Debian, Ubuntu:  sudo apt install {' '.join(debian)}",
            f"  Fedora:          sudo dnf install {' '.join(fedora)}",
            "then start ocstudy again.",
        ]
    )
