"""``record_sources.toml``: where the reference saw a value in a secondary copy, the official
source that shows it, or what kind of source the copy is.

The reference (``claims.json``) is kept verbatim, so its ``source_url`` may be a mirror; a
citation that takes its source from a claim gets the official one from this table instead.
A ``source`` written in an entity file is used as written.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from ocstudy.content.build.checks import SourceError, load_toml

FILE = "record_sources.toml"


class RecordSource(NamedTuple):
    url: str | None
    kind: str | None


class _Official(NamedTuple):
    source: str
    claims: frozenset[str]


class RecordSources:
    def __init__(self, official: dict[str, list[_Official]], secondary: dict[str, str]):
        self._official = official
        self._secondary = secondary

    @classmethod
    def read(cls, content_dir: Path) -> RecordSources:
        path = content_dir / FILE
        if not path.is_file():
            return cls({}, {})
        data = load_toml(path, FILE)
        unknown = set(data) - {"official", "secondary"}
        if unknown:
            raise SourceError(FILE, None, sorted(unknown)[0], "unknown table")
        official: dict[str, list[_Official]] = {}
        for index, item in enumerate(data.get("official", []), start=1):
            where = f"official[{index}]"
            _check_keys(item, {"seen", "source", "what"}, {"claims"}, where)
            claims = item.get("claims", [])
            official.setdefault(item["seen"], []).append(
                _Official(item["source"], frozenset(claims))
            )
        secondary: dict[str, str] = {}
        for index, item in enumerate(data.get("secondary", []), start=1):
            _check_keys(item, {"seen", "kind"}, set(), f"secondary[{index}]")
            secondary[item["seen"]] = item["kind"]
        return cls(official, secondary)

    def resolve(self, seen: str | None, claim_ids: list[str]) -> RecordSource:
        """The better source for a claim's ``source_url`` (or the seen one), and its kind
        where it is not an official one."""
        if seen is None:
            return RecordSource(None, None)
        for entry in self._official.get(seen, []):
            if not entry.claims or entry.claims & set(claim_ids):
                return RecordSource(entry.source, self._secondary.get(entry.source))
        return RecordSource(seen, self._secondary.get(seen))

    def kind_of(self, url: str | None) -> str | None:
        return self._secondary.get(url) if url else None


def _check_keys(
    item: dict[str, object], required: set[str], optional: set[str], where: str
) -> None:
    unknown = set(item) - required - optional
    if unknown:
        raise SourceError(FILE, where, sorted(unknown)[0], "unknown field")
    missing = required - set(item)
    if missing:
        raise SourceError(FILE, where, sorted(missing)[0], "missing field")
    for key in required | (optional & set(item)):
        value = item[key]
        good = (
            isinstance(value, list) and all(isinstance(v, str) for v in value)
            if key == "claims"
            else isinstance(value, str) and value.strip()
        )
        if not good:
            raise SourceError(
                FILE, where, key, "must be text" if key != "claims" else "must be a list"
            )
