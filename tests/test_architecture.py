"""The packages below the UI import one another without a circle, imports made only for type
checking included (grimp, import-linter's own graph builder)."""

from __future__ import annotations

import grimp

CHECKED = ("ocstudy.services", "ocstudy.quiz", "ocstudy.userdata", "ocstudy.content")


def _a_cycle(graph: grimp.ImportGraph, modules: set[str]) -> list[str] | None:
    """One import circle among ``modules`` (a depth-first search), or None."""
    done: set[str] = set()
    path: list[str] = []
    on_path: set[str] = set()

    def visit(module: str) -> list[str] | None:
        path.append(module)
        on_path.add(module)
        for imported in sorted(graph.find_modules_directly_imported_by(module) & modules):
            if imported in on_path:
                return [*path[path.index(imported) :], imported]
            if imported not in done and (found := visit(imported)) is not None:
                return found
        path.pop()
        on_path.discard(module)
        done.add(module)
        return None

    for module in sorted(modules):
        if module not in done and (found := visit(module)) is not None:
            return found
    return None


def test_no_import_circle_among_services_quiz_userdata_and_content() -> None:
    graph = grimp.build_graph("ocstudy")
    modules = {m for m in graph.modules if m.startswith(CHECKED)}
    assert len(modules) > 100  # the graph was read
    assert _a_cycle(graph, modules) is None


def test_the_search_finds_a_circle() -> None:
    graph = grimp.ImportGraph()
    for name in ("a", "b", "c"):
        graph.add_module(name)
    graph.add_import(importer="a", imported="b")
    graph.add_import(importer="b", imported="c")
    assert _a_cycle(graph, {"a", "b", "c"}) is None
    graph.add_import(importer="c", imported="a")
    assert _a_cycle(graph, {"a", "b", "c"}) == ["a", "b", "c", "a"]
