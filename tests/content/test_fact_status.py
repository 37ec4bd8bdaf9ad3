"""A fact's status is a type, not a string: five statuses, worst first, a fact taking its worst
citation's; and a content database holding a status ocstudy does not know is said to be
damaged, in one line, not taken for one it knows."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from ocstudy.content.repository import ContentDatabaseError, ContentRepository
from ocstudy.content.vocabulary import STATUS_SEVERITY, FactStatus


def test_the_statuses_worst_first() -> None:
    assert [s.value for s in STATUS_SEVERITY] == [
        "differs",
        "unverified",
        "unchecked",
        "record",
        "agrees",
    ]
    assert [s.severity for s in STATUS_SEVERITY] == [0, 1, 2, 3, 4]
    assert FactStatus.worst([FactStatus.AGREES, FactStatus.RECORD]) is FactStatus.RECORD
    assert FactStatus.worst([FactStatus.UNCHECKED, FactStatus.DIFFERS]) is FactStatus.DIFFERS
    assert FactStatus.worst([]) is FactStatus.AGREES


def test_what_each_status_says() -> None:
    assert [s for s in FactStatus if s.differs] == [FactStatus.DIFFERS]
    assert [s for s in FactStatus if s.is_hearsay] == [
        FactStatus.UNVERIFIED,
        FactStatus.UNCHECKED,
    ]
    assert FactStatus("record") is FactStatus.RECORD and FactStatus.RECORD == "record"


def test_the_repository_reads_statuses_as_the_type(repository: ContentRepository) -> None:
    detail = repository.detail("firearms-protocol")
    assert detail is not None
    statuses = {c.status for f in detail.facts for c in f.citations} | {
        f.status for f in detail.facts
    }
    assert statuses and all(isinstance(s, FactStatus) for s in statuses)


def test_an_unknown_status_is_a_damaged_database(content_db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "content.db"
    shutil.copyfile(content_db, copy)
    with sqlite3.connect(copy) as connection:
        connection.execute(
            "UPDATE citations SET status = 'maybe' WHERE fact_id IN "
            "(SELECT id FROM facts WHERE entity_slug = 'untoc')"
        )
    connection.close()
    repository = ContentRepository.open(copy)
    with pytest.raises(ContentDatabaseError, match="damaged: 'maybe' is no fact's status"):
        repository.detail("untoc")
