"""The order in which a reader meets the entries: by group, conventions before declarations
and bodies last, each with what it includes (a convention's protocols) right under it."""

from __future__ import annotations

from collections.abc import Sequence

from ocstudy.content.model import Entity


def reading_order(entities: Sequence[Entity], groups: Sequence[str]) -> list[tuple[Entity, int]]:
    """``entities`` in reading order, each with its depth (a protocol under its convention)."""
    rank = {key: index for index, key in enumerate(groups)}
    present = {e.slug for e in entities}
    position = {e.slug: index for index, e in enumerate(entities)}

    def key(e: Entity) -> tuple[int, bool, int, int]:
        return (rank.get(e.group, len(rank)), e.year is None, e.year or 0, position[e.slug])

    children: dict[str, list[Entity]] = {}
    roots = []
    for entity in entities:
        if entity.parent_slug in present:
            children.setdefault(entity.parent_slug or "", []).append(entity)
        else:
            roots.append(entity)
    ordered: list[tuple[Entity, int]] = []

    def visit(entity: Entity, depth: int) -> None:
        ordered.append((entity, depth))
        for child in sorted(children.get(entity.slug, []), key=key):
            visit(child, depth + 1)

    for root in sorted(roots, key=key):
        visit(root, 0)
    return ordered
