"""Before Qt starts: a check that the libraries Qt's xcb platform plugin needs are there, so
that a missing one is named with the packages to install instead of Qt's opaque abort."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Final

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
