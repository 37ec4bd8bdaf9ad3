"""No module of the UI imports another that imports it back, directly or through others, the
imports made only for type checking included: a view's helpers (its actions, its painting, its
keys) type what they use of the view with a Protocol of their own instead of importing it."""

from __future__ import annotations

import grimp


def _ui_cycles() -> list[tuple[str, ...]]:
    graph = grimp.build_graph("ocstudy", cache_dir=None)
    ui = {module for module in graph.modules if module.startswith("ocstudy.ui.")}
    cycles = set()
    for module in sorted(ui):
        for imported in graph.find_modules_directly_imported_by(module) & ui:
            back = graph.find_shortest_chain(importer=imported, imported=module)
            if back is not None:
                cycles.add(tuple(sorted({module, *back})))
    return sorted(cycles)


def test_no_ui_module_imports_itself_through_others() -> None:
    assert _ui_cycles() == []
