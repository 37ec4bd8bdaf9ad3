"""What an item is, given every version of it known (``docs/sync.md``): for notes and own
cards the versions no other supersedes (the heads), the latest in front and the others kept
beside it as a conflict; for marks, tags and settings the latest version. Pure: the same
versions give the same answer in any order, on any device."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ocstudy.userdata.sync_items import content
from ocstudy.userdata.sync_store import StoredVersion


@dataclass(frozen=True, slots=True)
class Resolved:
    #: the version in front (its value None: the item is deleted), or None: no version
    front: StoredVersion | None
    #: the other heads with a text, kept beside the front one (three-way kinds only)
    others: tuple[StoredVersion, ...] = ()
    #: every head, deletions included
    heads: tuple[str, ...] = field(default=())

    @property
    def value(self) -> str | None:
        return None if self.front is None else self.front.value


def resolve(versions: Sequence[StoredVersion], three_way: bool) -> Resolved:
    if not versions:
        return Resolved(None)
    if not three_way:
        latest = max(versions, key=lambda version: version.stamp)
        return Resolved(latest, (), (latest.stamp,))
    superseded = {stamp for version in versions for stamp in version.supersedes}
    heads = sorted(
        (version for version in versions if version.stamp not in superseded),
        key=lambda version: version.stamp,
        reverse=True,
    )
    if not heads:  # versions that supersede one another in a circle: none is lost
        heads = sorted(versions, key=lambda version: version.stamp, reverse=True)
    living = [version for version in heads if version.value is not None]
    if not living:
        return Resolved(heads[0], (), tuple(version.stamp for version in heads))
    front, others, texts = living[0], [], {content(living[0].value)}
    for version in living[1:]:
        if content(version.value) not in texts:
            texts.add(content(version.value))
            others.append(version)
    return Resolved(front, tuple(others), tuple(version.stamp for version in heads))
