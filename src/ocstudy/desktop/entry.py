"""The launcher entry and icon for the current user (``ocstudy --install-desktop-entry``),
by the freedesktop Desktop Entry Specification."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Final

from ocstudy import paths

APP_ID: Final = "ocstudy"
DESKTOP_FILE: Final = f"{APP_ID}.desktop"
ICON_FILE: Final = f"{APP_ID}.svg"

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
