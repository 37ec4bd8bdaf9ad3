"""Shared checks for the content sources: the error they raise and small field readers."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ocstudy.content.dates import DateError, DateSpan

Row = dict[str, Any]


class SourceError(ValueError):
    """A content source that cannot be built; the message says where and why."""

    def __init__(self, file: str, entity: str | None, field_name: str | None, message: str):
        where = ": ".join(part for part in (file, entity, field_name) if part)
        super().__init__(f"{where}: {message}")


def text_field(data: Row, key: str, file: str, who: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise SourceError(file, who, key, "missing field" if value is None else "must be text")
    return value.strip()


def text_list(data: Row, key: str, file: str, who: str, required: bool = False) -> list[str]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise SourceError(file, who, key, "must be a list of texts")
    if required and not value:
        raise SourceError(file, who, key, "missing field")
    return [v.strip() for v in value]


def parse_date(value: Any, file: str, slug: str, where: str) -> DateSpan:
    if not isinstance(value, str):
        raise SourceError(file, slug, where, 'a date is ISO text, e.g. "2000-11-15"')
    try:
        return DateSpan.parse(value)
    except DateError as error:
        raise SourceError(file, slug, where, f"impossible date: {error}") from None


@dataclass
class ContentRows:
    """Everything the builder writes, table by table, in a deterministic order."""

    meta: dict[str, str] = field(default_factory=dict)
    tables: dict[str, list[Row]] = field(default_factory=dict)

    def add(self, table: str, row: Row) -> None:
        self.tables.setdefault(table, []).append(row)


def load_toml(path: Path, relative: str) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise SourceError(relative, None, None, f"not valid TOML: {error}") from None
