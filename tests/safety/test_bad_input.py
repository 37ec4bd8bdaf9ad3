"""Garbage in, nothing breaks: search text, typed quiz answers, note text and notes import files
from Hypothesis (FTS5 syntax, quotes, NUL, lone surrogates, emoji, right-to-left, 100,000
characters, 5 MB) never raise, and what the learner writes comes back byte for byte.

Lone surrogates: Qt cannot hold one (PySide6 drops it when a ``str`` becomes a ``QString``),
so no note typed or pasted in the editor, and no search typed in the search box, ever has one;
a notes import file can (``"\\ud800"`` is valid JSON) and is refused with ``NotesImportError``.
``NoteStore`` itself refuses one cleanly: a ``ValueError`` (SQLite cannot encode it), nothing
written. Those are the contracts tested here.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QModelIndex
from pytestqt.qtbot import QtBot

from ocstudy.content.repository import ContentRepository
from ocstudy.content.search import words
from ocstudy.quiz.answers import CheckResult, check_typed
from ocstudy.quiz.model import DateAnswer, NumberAnswer, QuizCard
from ocstudy.services.exchange.formats import NOTES
from ocstudy.services.exchange.notes_io import NotesImportError, export_notes, import_notes
from ocstudy.services.review.quiz import QuizService
from ocstudy.services.study import StudyService
from ocstudy.ui.study.tree_model import SLUG_ROLE
from ocstudy.ui.window.main_window import MainWindow
from ocstudy.userdata.database import USER_DB_NAME, UserDatabase, open_user_database
from ocstudy.userdata.notes import Note, NoteStore
from ocstudy.userdata.reviews import ReviewStore

from .conftest import open_window

LONE_SURROGATES = [chr(0xD800), chr(0xDBFF), chr(0xDC00), chr(0xDFFF)]
FTS_SYNTAX = [
    '"', '""', "'", "*", "^", ":", "-", "+", "(", ")", "{", "}", "AND", "OR", "NOT", "NEAR",
    "NEAR(a b", "NEAR/3", "title:", "text:", "slug:", "a*", '"a" OR "b"', "\\", "%", "_", ";",
    "--", "/*", "\0", "\U0001f600", "\u05e9\u05dc\u05d5\u05dd", "\u202e", "\u200b", "\ufeff",
]  # fmt: skip
DATE_BITS = [
    "15", "Nov", "november", "2000", "2000-11-15", "15/11/2000", "11/15/2000", "-", "/", ".",
    "15th", "1st", "of", "the", "between", "and", "12-15", "\u2013", ",", "31", "0", "00",
    "9999", "10000", "99999999", "Feb", "29", "30", "a/res/55/25", "resolution", "55/25",
]  # fmt: skip

ANY_CHAR = st.one_of(st.characters(), st.sampled_from([*LONE_SURROGATES, "\0", "\r", "\u2028"]))
#: Any text at all, lone surrogates and NUL included.
ANY_TEXT = st.text(alphabet=ANY_CHAR)
SEARCH_TEXT = st.one_of(
    ANY_TEXT,
    st.lists(st.one_of(st.sampled_from(FTS_SYNTAX + LONE_SURROGATES), ANY_TEXT), max_size=12).map(
        " ".join
    ),
    st.lists(st.sampled_from(FTS_SYNTAX + LONE_SURROGATES), max_size=12).map("".join),
)
TYPED_TEXT = st.one_of(
    ANY_TEXT,
    st.lists(st.sampled_from(DATE_BITS + LONE_SURROGATES + ["\0"]), max_size=8).map(" ".join),
    st.integers().map(str),
    st.integers(min_value=0).map(lambda n: f"{n:,}"),
)
HUGE = "x" * 100_000
HUGE_MIXED = (
    ("15 November 2000 \U0001f600 \u05e9\u05dc\u05d5\u05dd \0 " + chr(0xD800) + ' "NEAR(* ') * 4000
)[:100_000]
FIVE_MB = (
    "Palermo, 12\u201315 December 2000 \U0001f600 \u05e9\u05dc\u05d5\u05dd \0 tab\t\n" * 120_000
)[: 5 * 1024 * 1024]
NOTE_TEXTS = {
    "5 MB": FIVE_MB,
    "emoji": "\U0001f600\U0001f1fa\U0001f1f3 \U0001f469\u200d\U0001f4bb flags, ZWJ sequences",
    "right-to-left": "\u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627 \u202eRLO\u202c",
    "NUL": "before\0after\0\0",
    "all together": "\U0001f600 \u05e9\u05dc\u05d5\u05dd \0 ![x](https://example.com/x.png)\n**1997**",
    "control characters": "\x01\x07\x08\x0b\x0c\x1b[31mred\x1b[0m\x7f\x85",
    "noncharacters": "\uffff\U0010ffff\ue000 private use",
    "combining": "e\u0301\u0301\u0301 Zalgo\u0336\u0337\u0338 \u0915\u094d\u0937",
    "only spaces": "   \t  ",
}  # fmt: skip
#: What Qt's plain-text editor turns into "\n" (line and paragraph separators, and U+FDD0 and
#: U+FDD1, which it uses to mark frames) or drops (a BOM, U+FFFE, lone surrogates).
EDITOR_NORMALIZED = {
    "\r", "\u2028", "\u2029", "\ufdd0", "\ufdd1", "\ufeff", "\ufffe",
    *map(chr, range(0xD800, 0xE000)),
}  # fmt: skip
#: What the editor should keep but does not (test_a_no_break_space_survives_the_editor).


def has_lone_surrogate(text: str) -> bool:
    return any(0xD800 <= ord(char) <= 0xDFFF for char in text)


def stored_bytes(data_dir: Path, slug: str) -> bytes | None:
    """The note's text exactly as it is on disk, read by a separate connection."""
    connection = sqlite3.connect(data_dir / USER_DB_NAME)
    try:
        row = connection.execute(
            "SELECT CAST(text AS BLOB) FROM notes WHERE slug = ?", (slug,)
        ).fetchone()
    finally:
        connection.close()
    return row[0] if row else None


def notes_state(db: UserDatabase) -> list[tuple[object, ...]]:
    """Every stored byte of the notes and of their search index."""
    notes = db.execute("SELECT slug, CAST(text AS BLOB), created_at, updated_at FROM notes")
    index = db.execute("SELECT slug, CAST(text AS BLOB) FROM notes_search")
    return [*sorted(map(tuple, notes)), ("index",), *sorted(map(tuple, index))]


@pytest.fixture
def window(qtbot: QtBot, opened_windows: list[MainWindow], data_dir: Path) -> MainWindow:
    return open_window(qtbot, opened_windows, data_dir)


# -- (a) search text ---------------------------------------------------------------------------


def tree_rows(window: MainWindow) -> list[tuple[str, bool]]:
    """Every entity row the tree shows, with whether it has rows under it."""
    model = window.study.model
    rows: list[tuple[str, bool]] = []

    def walk(parent: QModelIndex) -> None:
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            slug = index.data(SLUG_ROLE)
            if slug:
                rows.append((slug, model.rowCount(index) > 0))
            walk(index)

    walk(QModelIndex())
    return rows


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=SEARCH_TEXT)
@example(text=HUGE)
@example(text=HUGE_MIXED)
@example(text="".join(LONE_SURROGATES) + "untoc")
@example(text="\0" * 50)
@example(text='" OR * NEAR( title: AND')
def test_any_text_in_the_search_box_keeps_the_tree_consistent(
    window: MainWindow, text: str
) -> None:
    study = window.study
    assert study.model.matches is None  # the example before cleared its search
    everything = {slug for slug, _ in tree_rows(window)}
    study.select("untoc")
    study.search_box.setText(text)
    study._run_search()
    typed = study.search_box.text()  # Qt drops lone surrogates: the box never holds one
    assert not has_lone_surrogate(typed)
    result = study._service.search(typed)
    matches = study.model.matches
    assert matches == (set(result.slugs) if result.is_filter else None)
    rows = tree_rows(window)
    shown = {slug for slug, _ in rows}
    if matches is not None:
        assert matches <= shown  # every match is in the tree ...
        for slug, has_children in rows:  # ... and every other row is an ancestor of one
            assert slug in matches or has_children, slug
    assert study.empty_label.isHidden() == (not result.is_filter or bool(result.slugs))
    assert study.current_slug == "untoc" and study.notes.slug == "untoc"
    study.search_box.setText("")
    study._run_search()
    assert {slug for slug, _ in tree_rows(window)} == everything


@pytest.fixture(scope="module")
def study_service(
    repository: ContentRepository, tmp_path_factory: pytest.TempPathFactory
) -> StudyService:
    notes = NoteStore(open_user_database(tmp_path_factory.mktemp("search")))
    for slug, text in NOTE_TEXTS.items():
        if slug != "5 MB":
            notes.save(slug.replace(" ", "-"), text)
    notes.save("untoc", "zebrafish mnemonic")
    return StudyService(repository, notes)


@settings(max_examples=150, deadline=None)
@given(text=SEARCH_TEXT)
@example(text=HUGE)
@example(text=HUGE_MIXED)
@example(text="a" + chr(0xD800) + "b" + chr(0xDFFF) + "zebrafish")
@example(text="\0zebrafish\0")
def test_any_text_searched_through_the_service_never_raises(
    study_service: StudyService, text: str
) -> None:
    result = study_service.search(text)
    # a text with something besides blanks filters: with no word in it, it matches nothing
    assert result.is_filter == bool(text.strip())
    assert bool(words(text)) or not result.slugs
    assert len(set(result.slugs)) == len(result.slugs)
    known = {e.slug for e in study_service.entities()} | study_service.noted_slugs()
    assert set(result.slugs) <= known
    assert study_service.search(text) == result


# -- (b) typed quiz answers --------------------------------------------------------------------


@pytest.fixture(scope="module")
def typed_cards(
    repository: ContentRepository, tmp_path_factory: pytest.TempPathFactory
) -> tuple[QuizCard, ...]:
    reviews = ReviewStore(open_user_database(tmp_path_factory.mktemp("quiz")))
    cards = QuizService.open(repository, reviews, seed=1).catalogue.cards()
    typed = tuple(card for card in cards if "typed" in card.modes)
    assert len(typed) > 150  # the reviewed deck's dates, numbers, symbols and abbreviations
    return typed


def assert_checked(card: QuizCard, text: str) -> None:
    result = check_typed(card, text)
    assert isinstance(result, CheckResult)
    assert result.verdict in ("correct", "partial", "wrong", "unanswered")
    assert result.mode == "typed"
    assert result.given == text and isinstance(result.expected, str) and result.expected


@settings(max_examples=60, deadline=None)
@given(text=TYPED_TEXT)
@example(text="".join(LONE_SURROGATES))
@example(text="15 Nov" + chr(0xD800) + " 2000")
@example(text="\0")
@example(text="31 February 2000")
@example(text="12-15 December 2000 to 3 July 2005")
@example(text="0/0/2000")
@example(text="0/0/0000")
def test_any_typed_answer_on_every_typed_card_is_checked(
    typed_cards: tuple[QuizCard, ...], text: str
) -> None:
    for card in typed_cards:
        assert_checked(card, text)


@pytest.mark.slow
def test_a_typed_answer_of_100000_characters_on_every_typed_card_is_checked(
    typed_cards: tuple[QuizCard, ...],
) -> None:
    for card in typed_cards:
        assert_checked(card, HUGE_MIXED)


@pytest.mark.parametrize("text", ["0000", "1/1/0000", "January 0000", "12-15 December 0000"])
def test_a_typed_year_zero_is_checked(typed_cards: tuple[QuizCard, ...], text: str) -> None:
    """Found here: the year 0 parsed, then datetime.date(0, ...) raised ValueError on range
    cards (fixed in e2c3790: PartialDate.parse refuses it)."""
    for card in typed_cards:
        if isinstance(card.answer, DateAnswer):
            assert_checked(card, text)


def first_card(cards: tuple[QuizCard, ...], kind: type) -> QuizCard:
    return next(card for card in cards if isinstance(card.answer, kind))


@pytest.mark.parametrize("kind", [DateAnswer, NumberAnswer], ids=["date card", "number card"])
def test_a_typed_answer_of_thousands_of_digits_is_checked(
    typed_cards: tuple[QuizCard, ...], kind: type
) -> None:
    """Found here: int() of more than 4300 digits raised ValueError in quiz/parsing.py
    (fixed in e2c3790: digit runs longer than MAX_DIGITS read as no number)."""
    assert_checked(first_card(typed_cards, kind), "9" * 4301)


def test_a_long_run_of_digits_is_checked(typed_cards: tuple[QuizCard, ...]) -> None:
    """Found here: the _ORDINAL regex backtracked quadratically over a digit run (20,000
    digits: ~5 s; 100,000: over 2 minutes; 300,000 would take most of an hour, in the GUI
    thread); fixed in e2c3790. No clock here: were the fault back, this test would not end."""
    card = first_card(typed_cards, DateAnswer)
    assert_checked(card, "1" * 300_000 + "st")


# -- (c) notes ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(NOTE_TEXTS))
def test_unusual_notes_round_trip_byte_exact_through_the_store(data_dir: Path, name: str) -> None:
    text = NOTE_TEXTS[name]
    db = open_user_database(data_dir)
    NoteStore(db).save("gpml", text)
    db.close()
    assert stored_bytes(data_dir, "gpml") == text.encode("utf-8")
    assert NoteStore(open_user_database(data_dir)).get("gpml").text == text  # type: ignore[union-attr]


@settings(max_examples=80, deadline=None)
@given(text=ANY_TEXT)
@example(text="a" + chr(0xD800) + "b")
@example(text=chr(0xDFFF))
@example(text="\U0001f600" + chr(0xDC00))
def test_any_note_text_round_trips_or_is_refused_cleanly(
    tmp_path_factory: pytest.TempPathFactory, text: str
) -> None:
    db = open_user_database(tmp_path_factory.mktemp("notes"))
    store = NoteStore(db)
    kept = store.save("untoc", "kept as it was")
    before = notes_state(db)
    if has_lone_surrogate(text):
        with pytest.raises(UnicodeEncodeError):  # SQLite cannot store it
            store.save("untoc", text)
        with pytest.raises(UnicodeEncodeError):
            store.restore(Note("cnd", text, kept.created_at, kept.updated_at))
        assert notes_state(db) == before
        assert store.get("untoc") == kept and store.search("kept") == ["untoc"]
        assert not db.conn.in_transaction
    else:
        store.save("untoc", text)
        assert store.get("untoc").text == text  # type: ignore[union-attr]
        assert stored_bytes(db.path.parent, "untoc") == text.encode("utf-8")
    db.close()


@pytest.mark.parametrize("name", ["5 MB", "emoji", "right-to-left", "NUL", "all together"])
def test_unusual_notes_round_trip_byte_exact_through_the_editor_and_a_restart(
    qtbot: QtBot, opened_windows: list[MainWindow], data_dir: Path, name: str
) -> None:
    text = NOTE_TEXTS[name]
    first = open_window(qtbot, opened_windows, data_dir)
    first.study.select("untoc")
    first.study.notes.editor.setPlainText(text)
    assert first.study.flush()
    assert first.study.notes.saved_label.text().startswith("Saved")
    first.close()
    assert stored_bytes(data_dir, "untoc") == text.encode("utf-8")
    again = open_window(qtbot, opened_windows, data_dir)
    assert again.study.current_slug == "untoc"  # the last entry read comes back
    assert again.study.notes.editor.toPlainText() == text
    assert not again.study.notes.has_unsaved_changes


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=ANY_TEXT)
@example(text="a" + chr(0xD800) + "b")
@example(text="crlf\r\nand\rcr\u2028ls\u2029ps")
@example(text="\ufeffbom")
def test_what_the_editor_shows_is_what_is_stored(
    window: MainWindow, data_dir: Path, text: str
) -> None:
    """Stored byte for byte as shown; unchanged unless Qt's editor itself normalizes it (line
    and paragraph separators become "\\n"; lone surrogates, a BOM and U+FFFE are dropped)."""
    window.study.select("cnd")
    editor = window.study.notes.editor
    editor.setPlainText(text)
    shown = window.study.notes.text()  # as shown: toPlainText would turn a no-break space

    assert window.study.flush()
    stored = stored_bytes(data_dir, "cnd")
    if stored is None:  # an empty text on a note that never existed stores nothing
        assert shown == ""
    else:
        assert stored == shown.encode("utf-8")
    if not EDITOR_NORMALIZED & set(text):
        assert shown == text


def test_a_no_break_space_survives_the_editor(
    qtbot: QtBot, opened_windows: list[MainWindow], data_dir: Path
) -> None:
    first = open_window(qtbot, opened_windows, data_dir)
    first.study.select("untoc")
    qtbot.keyClicks(first.study.notes.editor, "Palermo, 12\u00a0December 2000")
    assert "\u00a0" in first.study.notes.editor.document().toRawText()  # it is in the editor
    first.close()
    assert stored_bytes(data_dir, "untoc") == "Palermo, 12\u00a0December 2000".encode()


# -- (d) notes import files ------------------------------------------------------------------

JSON_VALUE = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | ANY_TEXT,
    lambda children: (
        st.lists(children, max_size=5) | st.dictionaries(ANY_TEXT, children, max_size=5)
    ),
    max_leaves=20,
)
SLUG_LIKE = st.one_of(
    st.sampled_from(["untoc", "cnd", "incb", "unknown-entity", "a", "../etc", "", " untoc"]),
    st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,20}", fullmatch=True),
    ANY_TEXT,
)
MOMENT = st.one_of(
    st.none(),
    ANY_TEXT,
    st.integers(),
    st.builds(
        lambda moment, minutes: moment.replace(
            tzinfo=timezone(timedelta(minutes=minutes))
        ).isoformat(),
        st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2100, 1, 1)),
        st.integers(min_value=-23 * 60, max_value=23 * 60),
    ),
    st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2100, 1, 1)).map(
        datetime.isoformat
    ),
)
ENTRY = st.one_of(
    JSON_VALUE,
    st.fixed_dictionaries(
        {"text": st.one_of(ANY_TEXT, st.sampled_from(["kept as it was", ""]), JSON_VALUE)},
        optional={"title": JSON_VALUE, "created_at": MOMENT, "updated_at": MOMENT},
    ),
)
DOCUMENT = st.one_of(
    JSON_VALUE,
    st.fixed_dictionaries(
        {
            "format": st.one_of(st.just(NOTES.name), JSON_VALUE),
            "format_version": st.one_of(st.sampled_from([1, 0, 2, True, 1.0, "1"]), JSON_VALUE),
            "notes": st.one_of(st.dictionaries(SLUG_LIKE, ENTRY, max_size=4), JSON_VALUE),
        },
        optional={"exported_at": MOMENT, "app_version": JSON_VALUE},
    ),
)


@pytest.fixture(scope="module")
def import_target(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[UserDatabase, NoteStore]]:
    db = open_user_database(tmp_path_factory.mktemp("import"))
    store = NoteStore(db)
    store.save("untoc", "kept as it was")
    store.save("cnd", "53 members")
    yield db, store
    db.close()


def import_or_refuse(db: UserDatabase, store: NoteStore, path: Path) -> None:
    before = store.all()
    state = notes_state(db)
    try:
        summary = import_notes(path, store, ["untoc", "cnd", "incb"], transaction=db.atomic)
    except NotesImportError as error:  # one of the two outcomes, not an expected error
        assert path.name in str(error)  # noqa: PT017
        assert notes_state(db) == state  # refused: nothing changed
        return
    assert not summary.cancelled
    after = {note.slug: note.text for note in store.all()}
    for note in before:  # imported: no text lost
        assert note.text.rstrip() in after[note.slug]
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


@settings(max_examples=100, deadline=None)
@given(content=st.binary(max_size=2000))
@example(content=b"")
@example(content=b"\xef\xbb\xbf")
@example(content=b"\xff\xfe{\x00}\x00")
@example(content=b"[" * 100_000)
@example(content=b'{"format": "ocstudy-notes", "format_version": 1, "notes": {}}\0')
def test_any_bytes_as_a_notes_file_import_or_raise_notes_import_error(
    import_target: tuple[UserDatabase, NoteStore],
    tmp_path_factory: pytest.TempPathFactory,
    content: bytes,
) -> None:
    path = tmp_path_factory.mktemp("file") / "notes.json"
    path.write_bytes(content)
    import_or_refuse(*import_target, path)


@settings(max_examples=150, deadline=None)
@given(document=DOCUMENT, ascii_only=st.booleans())
@example(
    document={"format": NOTES.name, "format_version": 1, "notes": {"untoc": {"text": chr(0xD800)}}},
    ascii_only=True,
)
@example(
    document={
        "format": NOTES.name,
        "format_version": 1,
        "notes": {"incb": {"text": "13 \0 \U0001f600"}},
    },
    ascii_only=False,
)
def test_any_json_as_a_notes_file_imports_or_raises_notes_import_error(
    import_target: tuple[UserDatabase, NoteStore],
    tmp_path_factory: pytest.TempPathFactory,
    document: object,
    ascii_only: bool,
) -> None:
    path = tmp_path_factory.mktemp("file") / "notes.json"
    text = json.dumps(document, ensure_ascii=ascii_only)
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    import_or_refuse(*import_target, path)


def notes_file(tmp_path: Path, notes: dict[str, dict[str, str]]) -> Path:
    path = tmp_path / "notes.json"
    path.write_text(json.dumps({"format": NOTES.name, "format_version": 1, "notes": notes}))
    return path


@pytest.mark.parametrize("moment", ["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00"])
def test_an_imported_note_at_the_edge_of_time_is_refused_or_exportable(
    tmp_path: Path, repository: ContentRepository, moment: str
) -> None:
    """Found here: such a note imported, then export_notes raised OverflowError in _utc
    (fixed in e2c3790: notes_io._when refuses it)."""
    store = NoteStore(open_user_database(tmp_path / "data"))
    path = notes_file(
        tmp_path, {"untoc": {"text": "hi", "created_at": moment, "updated_at": moment}}
    )
    try:
        import_notes(path, store, ["untoc"])
    except NotesImportError:
        return
    export_notes(store.all(), repository, tmp_path / "out.json")


def test_the_window_survives_importing_a_note_at_the_edge_of_time(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    """Found here: File > Import notes of such a note on the open entry raised OverflowError
    in NotesPanel._show_saved (fixed in e2c3790: the import is refused)."""
    moment = "0001-01-01T00:00:00+14:00"
    path = notes_file(
        tmp_path, {"untoc": {"text": "hi", "created_at": moment, "updated_at": moment}}
    )
    window.study.select("untoc")
    operation = window.files.import_notes(path)
    assert operation is not None
    qtbot.waitUntil(lambda: operation.done, timeout=10_000)
    assert operation.result is None or window.study.notes.editor.toPlainText() == "hi"


def test_a_slug_with_a_trailing_newline_is_refused(tmp_path: Path) -> None:
    """Found here: _SLUG.match accepted 'untoc\\n' ('$' matches before a final newline);
    fixed in e2c3790 with fullmatch."""
    store = NoteStore(open_user_database(tmp_path / "data"))
    path = notes_file(tmp_path, {"untoc\n": {"text": "hi"}})
    with pytest.raises(NotesImportError):
        import_notes(path, store, ["untoc"])
    assert store.all() == []


def test_the_store_still_exports_and_reimports_after_all_that_garbage(
    import_target: tuple[UserDatabase, NoteStore], repository: ContentRepository, tmp_path: Path
) -> None:
    """After all the garbage above, the store still exports and re-imports cleanly."""
    db, store = import_target
    path = tmp_path / "again.json"
    export_notes(store.all(), repository, path, now=datetime(2026, 1, 1, tzinfo=UTC))
    summary = import_notes(path, store, [], transaction=db.atomic)
    assert summary.added == summary.updated == summary.merged == ()
