"""Where the bundled content database and resources live, and where user data goes.

An installed wheel carries ``data/ocstudy.db`` and ``resources/`` inside the package
(hatchling ``force-include``); an editable install or a plain checkout has them at the
repository root. The installed copy wins, so a wheel never reads a stray checkout.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
CHECKOUT_ROOT = PACKAGE_DIR.parent.parent
CONTENT_DB_NAME = "ocstudy.db"
DATA_DIR_ENV = "OCSTUDY_DATA_DIR"
#: Points the app at another content database (tests, benchmarks, a content author's build).
CONTENT_DB_ENV = "OCSTUDY_CONTENT_DB"


def _first_existing(*candidates: Path) -> Path:
    """The first that exists; if none does, the first whose folder does (where it belongs:
    a checkout's ``data/``, not the package's), so that a message names a real place."""
    for candidate in candidates:
        if candidate.exists():
            return candidate
    return next((c for c in candidates if c.parent.is_dir()), candidates[0])


def content_db_path() -> Path:
    """The bundled, read-only content database (or ``$OCSTUDY_CONTENT_DB``)."""
    override = os.environ.get(CONTENT_DB_ENV)
    if override:
        return Path(override).expanduser()
    return _first_existing(
        PACKAGE_DIR / "data" / CONTENT_DB_NAME,
        CHECKOUT_ROOT / "data" / CONTENT_DB_NAME,
    )


def resources_dir() -> Path:
    """The bundled resources: content sources, icons, styles."""
    return _first_existing(PACKAGE_DIR / "resources", CHECKOUT_ROOT / "resources")


def content_sources_dir() -> Path:
    return resources_dir() / "content"


def icon_path(name: str) -> Path:
    return resources_dir() / "icons" / name


#: The sizes, in pixels, at which the app shows each bundled icon: it reads them from PNG
#: files (``<name>-<size>.png``) that ``scripts/render_icons.py`` draws from the SVGs beside
#: them. An SVG would load Qt's SVG library (about 1.4 MB resident) to draw the same pixels.
#: The window icon's are the sizes Qt's X11 window draws a scalable window icon at.
ICON_SIZES: dict[str, tuple[int, ...]] = {"ocstudy": (16, 32, 64, 128), "note": (16, 32)}


def icon_pngs(name: str) -> list[Path]:
    """The PNG files of the bundled icon ``name``, one per size of :data:`ICON_SIZES`."""
    return [icon_path(f"{name}-{size}.png") for size in ICON_SIZES[name]]


def default_data_dir() -> Path:
    """The platform's per-user application data folder (never the bundled data)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("ocstudy", appauthor=False, roaming=True))


def checked_content_marker(identity: str) -> Path | None:
    """The file whose presence says that the content database ``identity`` passed its
    integrity check (in the user's cache folder); None if there is no cache folder. Named by
    a CRC of ``identity`` (``hashlib`` would load OpenSSL, 3.5 MB, before the first paint),
    the marker holds ``identity`` itself, so that two identities of one CRC never pass for
    one another."""
    import zlib

    from platformdirs import user_cache_dir

    try:
        folder = Path(user_cache_dir("ocstudy", appauthor=False)) / "content-checked"
    except (OSError, RuntimeError):
        return None
    key = identity.encode("utf-8", "surrogateescape")
    return folder / f"{zlib.crc32(key):08x}-{len(key)}"


def resolve_data_dir(cli_value: str | os.PathLike[str] | None = None) -> Path:
    """``--data-dir`` beats ``OCSTUDY_DATA_DIR`` beats the platform default."""
    if cli_value:
        return Path(cli_value).expanduser().resolve()
    env_value = os.environ.get(DATA_DIR_ENV)
    if env_value:
        return Path(env_value).expanduser().resolve()
    return default_data_dir()
