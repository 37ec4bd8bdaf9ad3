"""Read a running ocstudy's accessibility tree through the AT-SPI bus, as a screen reader does.

Run with the system Python, which has Debian's pyatspi (not the project's venv):

    python3 atspi_walk.py APP_NAME VIEW [VIEW ...]

For each view name ("-" for none) it presses the view's button through AT-SPI (its "Press"
action, as a screen reader user would), waits for the tree to settle and prints one JSON
object: the view and every node showing on screen, with its role, name, description, depth
and whether it takes focus.
"""

from __future__ import annotations

import json
import sys
import time

import pyatspi  # type: ignore[import-not-found]

SETTLE_S = 0.6


def find_app(name: str, timeout: float) -> object:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for app in pyatspi.Registry.getDesktop(0):
            if app is not None and app.name == name and app.childCount > 0:
                return app
        time.sleep(0.1)
    raise SystemExit(f"no application {name!r} on the accessibility bus")


def nodes(node: object, depth: int = 0) -> list[dict[str, object]]:
    if node is None or depth > 40:
        return []
    states = node.getState()  # type: ignore[attr-defined]
    if depth and not states.contains(pyatspi.STATE_SHOWING):
        return []
    found = [
        {
            "role": node.getRoleName(),  # type: ignore[attr-defined]
            "name": node.name or "",  # type: ignore[attr-defined]
            "description": node.description or "",  # type: ignore[attr-defined]
            "depth": depth,
            "focusable": states.contains(pyatspi.STATE_FOCUSABLE),
        }
    ]
    for index in range(node.childCount):  # type: ignore[attr-defined]
        found += nodes(node.getChildAtIndex(index), depth + 1)  # type: ignore[attr-defined]
    return found


BUTTON_ROLES = ("push button", "toggle button", "check box")


def press(app: object, name: str) -> None:
    """Press the button called ``name`` (the view bar's are checkable: "check box")."""

    def find(node: object) -> object | None:
        role = node.getRoleName()  # type: ignore[attr-defined]
        if role in BUTTON_ROLES and node.name == name:  # type: ignore[attr-defined]
            return node
        for index in range(node.childCount):  # type: ignore[attr-defined]
            hit = find(node.getChildAtIndex(index))  # type: ignore[attr-defined]
            if hit is not None:
                return hit
        return None

    button = find(app)
    if button is None:
        raise SystemExit(f"no button named {name!r}")
    action = button.queryAction()  # type: ignore[attr-defined]
    names = [action.getName(i) for i in range(action.nActions)]
    action.doAction(names.index("Press") if "Press" in names else 0)


def main() -> None:
    app_name, views = sys.argv[1], sys.argv[2:]
    app = find_app(app_name, 30)
    for view in views:
        if view != "-":  # "-": the tree as it is, no button pressed
            press(app, view)
        time.sleep(SETTLE_S)
        print(json.dumps({"view": view, "nodes": nodes(app)}), flush=True)


if __name__ == "__main__":
    main()
