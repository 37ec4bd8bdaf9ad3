"""Bad sources stop the build with one message naming the file, the entity and the field,
and a failed build never touches the existing database."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ocstudy import paths
from ocstudy.content.build.builder import build
from ocstudy.content.build.sources import SourceError, load_content
from ocstudy.content.repository import ContentRepository

CONVENTION = """
slug = "convention"
kind = "convention"
title = "A Convention"
short_name = "Conv"
themes = ["drugs"]
section = "single-convention"
summary = "It exists."

[[events]]
kind = "adopted"
date = "1961-03-30"
claims = ["F064"]
"""

PROTOCOL = """
slug = "protocol"
kind = "protocol"
title = "A Protocol"
short_name = "Prot"
themes = ["drugs"]
section = "single-convention"
summary = "It supplements the convention."

[[relations]]
kind = "supplements"
target = "convention"
section = "single-convention"
"""


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    root = tmp_path / "resources"
    (root / "content" / "entities").mkdir(parents=True)
    (root / "reference").mkdir()
    shutil.copy(paths.content_sources_dir() / "paper.toml", root / "content" / "paper.toml")
    shutil.copy(paths.resources_dir() / "reference" / "claims.json", root / "reference")
    (root / "content" / "inconsistencies.toml").write_text("")
    (root / "content" / "entities" / "convention.toml").write_text(CONVENTION)
    (root / "content" / "entities" / "protocol.toml").write_text(PROTOCOL)
    return root


def _load(root: Path) -> object:
    return load_content(root / "content", root / "reference" / "claims.json")


def _edit(root: Path, slug: str, old: str, new: str) -> None:
    path = root / "content" / "entities" / f"{slug}.toml"
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


def test_minimal_sources_load(sources: Path) -> None:
    rows = _load(sources)
    assert [e["slug"] for e in rows.tables["entities"]] == ["convention", "protocol"]


@pytest.mark.parametrize(
    ("slug", "old", "new", "expected"),
    [
        (
            "convention",
            'title = "A Convention"\n',
            "",
            "entities/convention.toml: convention: title",
        ),
        (
            "protocol",
            'target = "convention"',
            'target = "nowhere"',
            "protocol: relations[1].target",
        ),
        ("convention", '"1961-03-30"', '"1961-02-30"', "convention: events[1].date: impossible"),
        ("convention", 'kind = "adopted"', 'kind = "invented"', "events[1].kind: unknown kind"),
        ("convention", 'claims = ["F064"]', "", "events[1]: a fact needs a citation"),
        ("convention", 'claims = ["F064"]', 'claims = ["F999"]', "unknown claim id 'F999'"),
        ("convention", 'claims = ["F064"]', 'claims = ["F065"]', "events[1].says: required"),
        ("convention", 'themes = ["drugs"]', 'themes = ["sports"]', "themes: unknown theme"),
        ("convention", 'section = "single-convention"', 'section = "x"', "section: unknown"),
        ("convention", "summary", "summery", "summery: unknown field"),
        ("convention", 'slug = "convention"', 'slug = "other"', "slug: must equal the file name"),
    ],
)
def test_bad_source_names_file_entity_and_field(
    sources: Path, slug: str, old: str, new: str, expected: str
) -> None:
    _edit(sources, slug, old, new)
    with pytest.raises(SourceError) as caught:
        _load(sources)
    assert expected in str(caught.value)
    assert "\n" not in str(caught.value)


def test_duplicate_fact_key_is_rejected(sources: Path) -> None:
    path = sources / "content" / "entities" / "convention.toml"
    path.write_text(
        CONVENTION + '\n[[events]]\nkind = "signed"\ndate = "1961"\nkey = "adopted"\n'
        'claims = ["F064"]\n'
    )
    with pytest.raises(SourceError, match="duplicate fact id 'convention:event:adopted'"):
        _load(sources)


def test_duplicate_relation_is_rejected(sources: Path) -> None:
    relation = (
        '\n[[relations]]\nkind = "supplements"\nsubject = "protocol"\ntarget = "convention"\n'
    )
    path = sources / "content" / "entities" / "convention.toml"
    path.write_text(CONVENTION + relation + 'section = "single-convention"\n')
    with pytest.raises(SourceError, match="duplicate relation"):
        _load(sources)


def test_invalid_toml_names_the_file(sources: Path) -> None:
    (sources / "content" / "entities" / "protocol.toml").write_text("slug = \n")
    with pytest.raises(SourceError, match=r"entities/protocol\.toml: not valid TOML"):
        _load(sources)


def test_failed_build_leaves_the_old_database_intact(sources: Path, tmp_path: Path) -> None:
    target = tmp_path / "out" / "ocstudy.db"
    claims = sources / "reference" / "claims.json"
    build(sources / "content", claims, target)
    before = target.read_bytes()
    _edit(sources, "convention", '"1961-03-30"', '"1961-02-30"')
    with pytest.raises(SourceError):
        build(sources / "content", claims, target)
    assert target.read_bytes() == before
    assert [p.name for p in target.parent.iterdir()] == ["ocstudy.db"]
    repository = ContentRepository.open(target)
    assert repository.entity("convention") is not None
    repository.close()


def test_differing_claim_gets_record_source_and_difference_row(sources: Path) -> None:
    _edit(
        sources,
        "convention",
        'claims = ["F064"]',
        'claims = ["F064"]\n\n[[events.also]]\nclaims = ["F065"]\nsays = "Geneva"\nnote = "Wrong."',
    )
    rows = _load(sources)
    (difference,) = rows.tables["differences"]
    assert difference["paper_value"] == "Geneva"
    assert difference["record_value"] == "30 March 1961"
    assert difference["record_source"].startswith("https://conferences2.unite.un.org/")
    (fact,) = rows.tables["facts"][:1]
    assert fact["status"] == "differs"


_CLAIM = 'claims = ["F064"]\n'
_PLACE = 'place = "New York"\n' + _CLAIM
_ABOUT_PLACE = '\n[[events.also]]\nabout = "place"\nclaims = ["F064"]\norigin = "record"\n'


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ('claims = ["F064"]', 'claims = ["F064"]\ndiffers = true', "differs: a flagged difference"),
        ('date = "1961-03-30"', 'date = "1961-03-30"\nplace_origin = "x"', "place_origin: unknown"),
        ('claims = ["F064"]', 'claims = ["F064"]\nabout = "place"', "about: only an"),
        (_CLAIM, _PLACE + _ABOUT_PLACE.replace('"place"', '"date"'), "about: must be 'place'"),
        (_CLAIM, _PLACE + _ABOUT_PLACE.replace('origin = "record"\n', ""), "origin: a place's"),
        ('claims = ["F064"]', 'claims = ["F064"]' + _ABOUT_PLACE, "about: only an"),
        ('claims = ["F064"]', 'claims = ["F064"]\nparaphrase = ""', "paraphrase: must be text"),
    ],
)
def test_bad_citation_fields_name_the_field(
    sources: Path, old: str, new: str, expected: str
) -> None:
    _edit(sources, "convention", old, new)
    with pytest.raises(SourceError, match=expected):
        _load(sources)


def test_a_claims_mirror_is_replaced_by_the_official_source(sources: Path) -> None:
    (sources / "content" / "record_sources.toml").write_text(
        "[[official]]\n"
        'seen = "https://globalprohibitionregimes.eu/database/?country=LA&regime=10&treaty=20"\n'
        'source = "https://treaties.un.org/x"\nwhat = "UNTC"\n'
        "[[secondary]]\n"
        'seen = "https://treaties.un.org/x"\nkind = "not really secondary"\n'
    )
    rows = _load(sources)
    (citation,) = [
        c for c in rows.tables["citations"] if c["fact_id"] == "convention:event:adopted"
    ]
    assert citation["record_source"] == "https://treaties.un.org/x"
    assert citation["record_source_kind"] == "not really secondary"


def test_a_bad_record_sources_file_names_itself(sources: Path) -> None:
    (sources / "content" / "record_sources.toml").write_text('[[official]]\nseen = "x"\n')
    with pytest.raises(SourceError, match=r"record_sources\.toml: official\[1\]: source: missing"):
        _load(sources)


def test_a_place_cited_apart_is_the_records_and_leaves_the_date_the_papers(
    sources: Path,
) -> None:
    """The paper gives the day, the record the place: the fact (its date) agrees, the place
    is the record's with its own citation and source."""
    _edit(sources, "convention", _CLAIM, _PLACE + _ABOUT_PLACE)
    rows = _load(sources)
    (fact,) = rows.tables["facts"][:1]
    (event,) = rows.tables["events"]
    own, place = [c for c in rows.tables["citations"] if c["fact_id"] == fact["id"]]
    assert (fact["status"], event["place_origin"]) == ("agrees", "record")
    assert (own["about"], own["origin"]) == (None, "paper")
    assert (place["about"], place["status"]) == ("place", "record")
    assert place["record_source"].startswith("https://")


def test_a_place_is_the_papers_unless_the_record_alone_gives_it(sources: Path) -> None:
    _edit(sources, "convention", _CLAIM, _PLACE)
    assert _load(sources).tables["events"][0]["place_origin"] == "paper"
    _edit(sources, "convention", _CLAIM, _CLAIM + 'origin = "record"\n')
    assert _load(sources).tables["events"][0]["place_origin"] == "record"
