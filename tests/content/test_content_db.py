"""The committed content database: complete, faithful to its sources, read-only."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SHARED
from ocstudy import paths
from ocstudy.content import CONTENT_SCHEMA_VERSION
from ocstudy.content.build.builder import build, sources_hash, uncovered_claims
from ocstudy.content.build.schema import SCHEMA
from ocstudy.content.build.sources import load_content
from ocstudy.content.repository import ContentDatabaseError, ContentRepository


def _table_contents(path: Path) -> dict[str, list[tuple[object, ...]]]:
    connection = sqlite3.connect(path)
    tables = [*SCHEMA, "entity_search"]
    contents = {
        t: sorted(connection.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in tables
    }
    contents["user_version"] = [connection.execute("PRAGMA user_version").fetchone()]
    connection.close()
    return contents


@pytest.fixture(scope="module")
def fresh_build(tmp_path_factory: pytest.TempPathFactory, claims_path: Path) -> Path:
    target = tmp_path_factory.mktemp("build") / "ocstudy.db"
    build(paths.content_sources_dir(), claims_path, target)
    return target


def test_committed_database_matches_its_sources(fresh_build: Path, content_db: Path) -> None:
    """Rebuilding from resources/content gives exactly the committed data/ocstudy.db."""
    assert _table_contents(fresh_build) == _table_contents(content_db), (
        "data/ocstudy.db is out of date: run `ocstudy build-content` and commit it"
    )


def test_build_is_deterministic(fresh_build: Path, claims_path: Path, tmp_path: Path) -> None:
    second = tmp_path / "again.db"
    build(paths.content_sources_dir(), claims_path, second)
    assert _table_contents(second) == _table_contents(fresh_build)


def test_every_claim_of_the_reference_is_encoded(claims_path: Path) -> None:
    rows = load_content(paths.content_sources_dir(), claims_path)
    assert uncovered_claims(rows, claims_path) == []
    assert len(json.loads(claims_path.read_text())) == 202


#: A correction ocstudy made to its copy before the shared reference took it, as its
#: README lists it: "- **2026-12-07, F162** (this copy only): ...".
_THIS_COPY_ONLY = re.compile(r"^- \*\*\d{4}-\d{2}-\d{2}, (F\d{3})\*\* \(this copy only\)", re.M)
#: What a correction may change: the record's side of a claim, never what the paper says.
_RECORD_FIELDS = {"authoritative_value", "source_url", "status", "comment"}


@pytest.mark.skipif(not (SHARED / "reference").is_dir(), reason="shared/reference not beside")
def test_vendored_claims_match_the_shared_reference_but_for_the_listed_corrections(
    claims_path: Path,
) -> None:
    ours = {c["id"]: c for c in json.loads(claims_path.read_text())}
    shared = {c["id"]: c for c in json.loads((SHARED / "reference" / "claims.json").read_text())}
    listed = set(_THIS_COPY_ONLY.findall((claims_path.parent / "README.md").read_text()))
    assert ours.keys() == shared.keys()
    changed = {
        claim_id: {key for key in ours[claim_id] if ours[claim_id][key] != shared[claim_id][key]}
        for claim_id in ours
        if ours[claim_id] != shared[claim_id]
    }
    assert set(changed) == listed, "list each correction of this copy in its README, and only those"
    assert all(fields <= _RECORD_FIELDS for fields in changed.values())


@pytest.mark.skipif(not (SHARED / "reference").is_dir(), reason="shared/reference not beside")
def test_every_instrument_and_body_of_the_reference_table_is_an_entity(
    repository: ContentRepository,
) -> None:
    table = (SHARED / "reference" / "README.md").read_text().split("## (b)")[0]
    keys = set(re.findall(r"^\| ([A-Z0-9]+) \|", table, flags=re.MULTILINE))
    assert len(keys) >= 45
    assert keys <= {e.ref_key for e in repository.entities()}


def test_meta_and_version(repository: ContentRepository, claims_path: Path) -> None:
    assert repository.meta["content_schema_version"] == str(CONTENT_SCHEMA_VERSION)
    assert repository.meta["sources_hash"] == sources_hash(paths.content_sources_dir(), claims_path)
    assert repository.meta["paper_author"] == "Mandeep Kaur"


def test_foreign_keys_hold(content_db: Path) -> None:
    connection = sqlite3.connect(content_db)
    assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    connection.close()


def test_repository_cannot_write(repository: ContentRepository) -> None:
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        repository._db.execute("DELETE FROM entities")


def test_sixteen_references(repository: ContentRepository) -> None:
    assert sorted(repository.references) == list(range(1, 17))


def test_firearms_protocol_footnote_mistake_is_flagged(repository: ContentRepository) -> None:
    detail = repository.detail("firearms-protocol")
    assert detail is not None
    (entry,) = [e for e in detail.events if e.kind == "entry_into_force"]
    assert entry.date == "2005-07-03"
    assert entry.status == "differs"
    (wrong,) = entry.differences
    assert wrong.footnote == 9 and "June" in (wrong.says or "")
    assert wrong.record_source and wrong.record_source.startswith("http")
    assert any(r.kind == "supplements" and r.object_slug == "untoc" for r in detail.relations)


def test_single_convention_conference_is_taught_from_the_record(
    repository: ContentRepository,
) -> None:
    detail = repository.detail("single-convention")
    assert detail is not None
    conferences = [e for e in detail.events if e.kind == "conference"]
    assert conferences and conferences[0].date.startswith("1961")
    assert conferences[0].status == "differs"
    assert "1972" in (conferences[0].differences[0].says or "")


def test_unverified_values_say_so(repository: ContentRepository) -> None:
    detail = repository.detail("untoc")
    assert detail is not None
    (parties,) = [c for c in detail.counts if c.kind == "parties"]
    assert parties.number == 185 and parties.as_at == "2015-05"
    assert parties.status == "unverified"


def test_relations_are_seen_from_both_ends(repository: ContentRepository) -> None:
    untoc = repository.detail("untoc")
    assert untoc is not None
    supplemented_by = {
        r.other_end("untoc") for r in untoc.relations if r.label_from("untoc") == "Supplemented by"
    }
    assert supplemented_by >= {"tip-protocol", "smuggling-protocol", "firearms-protocol"}


def test_events_run_from_shanghai(repository: ContentRepository) -> None:
    events = repository.events()
    assert events[0].date_start.startswith("1909")
    assert [e.date_start for e in events] == sorted(e.date_start for e in events)


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Firearms", "firearms-protocol"),
        ("palermo", "untoc"),
        ("INCB", "incb"),
        ("Mérida", "uncac"),
        ("blue heart", "blue-heart"),
        ("55/255", "firearms-protocol"),
    ],
)
def test_search_finds(repository: ContentRepository, text: str, slug: str) -> None:
    assert slug in repository.search(text)[:5]


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_search_never_raises(text: str) -> None:
    repository = ContentRepository.open(paths.content_db_path())
    result = repository.search(text)
    assert isinstance(result, list)
    repository.close()


@pytest.mark.parametrize(
    "text", ['"', "*", "AND", "a OR b", "NEAR(a b)", "((", "title:x", "\0", "\ud800", "x" * 10_000]
)
def test_search_treats_syntax_as_words(repository: ContentRepository, text: str) -> None:
    repository.search(text)


def test_missing_database(tmp_path: Path) -> None:
    with pytest.raises(ContentDatabaseError, match="not found"):
        ContentRepository.open(tmp_path / "nothing.db")


@pytest.mark.parametrize("content", [b"", b"garbage" * 100, b"SQLite format 3\0" + b"\xff" * 200])
def test_damaged_database(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "broken.db"
    path.write_bytes(content)
    with pytest.raises(ContentDatabaseError):
        ContentRepository.open(path)


def test_unknown_schema_version(tmp_path: Path, content_db: Path) -> None:
    path = tmp_path / "future.db"
    path.write_bytes(content_db.read_bytes())
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA user_version = 99")
    connection.close()
    with pytest.raises(ContentDatabaseError, match="schema version 99"):
        ContentRepository.open(path)


def _read_everything(path: Path) -> None:
    repository = ContentRepository.open(path)
    for entity in repository.entities():
        repository.detail(entity.slug)


def test_truncated_database_fails_cleanly(tmp_path: Path, content_db: Path) -> None:
    path = tmp_path / "truncated.db"
    path.write_bytes(content_db.read_bytes()[:8192])
    with pytest.raises(ContentDatabaseError):
        _read_everything(path)
