"""What each ``ocstudy`` subcommand does. Only what a command needs is imported, inside it,
so that ``ocstudy --version`` and the app's start-up stay fast.

Every command returns an exit code: 0, or 2 with one line on stderr when the content or the
user data cannot be used (never a traceback).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ocstudy import paths

if TYPE_CHECKING:
    from ocstudy.content.repository import ContentRepository
    from ocstudy.services.exports import Exports
    from ocstudy.services.quiz import QuizService
    from ocstudy.userdata.database import UserDatabase

EXIT_OK, EXIT_BAD_DATA = 0, 2


class CommandError(Exception):
    """A failure to report in one line, with exit code 2."""


def fail(message: str) -> int:
    print(f"ocstudy: {message}", file=sys.stderr)
    return EXIT_BAD_DATA


def build_content(args: argparse.Namespace) -> int:
    from ocstudy.content.builder import build, uncovered_claims
    from ocstudy.content.checks import SourceError
    from ocstudy.content.sources import load_content

    content_dir = paths.content_sources_dir()
    claims_path = paths.resources_dir() / "reference" / "claims.json"
    try:
        if args.check:
            rows = load_content(content_dir, claims_path)
        else:
            if args.output:
                target = Path(args.output)
            elif (paths.CHECKOUT_ROOT / "pyproject.toml").is_file():
                target = paths.CHECKOUT_ROOT / "data" / "ocstudy.db"
            else:
                return fail("not in a checkout: give the database to write with --output FILE")
            rows = build(content_dir, claims_path, target)
    except SourceError as error:
        return fail(str(error))
    missing = uncovered_claims(rows, claims_path)
    done = "checked" if args.check else f"built {target}"
    print(f"{done}: {len(rows.tables['entities'])} entities, {len(rows.tables['facts'])} facts")
    if missing:
        print(f"warning: {len(missing)} claims not encoded: {' '.join(missing)}", file=sys.stderr)
    return EXIT_OK


def _content() -> ContentRepository:
    from ocstudy.content.repository import ContentDatabaseError, ContentRepository

    try:
        return ContentRepository.open(paths.content_db_path())
    except ContentDatabaseError as error:
        raise CommandError(str(error)) from None


def _user_db(args: argparse.Namespace) -> UserDatabase:
    from ocstudy.userdata.database import UserDatabaseError, open_user_database

    try:
        return open_user_database(paths.resolve_data_dir(args.data_dir))
    except UserDatabaseError as error:
        raise CommandError(str(error)) from None


def _quiz(content: ContentRepository, user_db: UserDatabase) -> QuizService:
    from ocstudy.services.quiz import QuizService
    from ocstudy.userdata.reviews import ReviewStore

    return QuizService(content, ReviewStore(user_db))


def export(args: argparse.Namespace) -> int:
    if args.export_what == "json":  # the content alone: no user data needed
        from ocstudy.content.export import export_json

        document = export_json(_content())
        if args.output:
            Path(args.output).write_text(document, encoding="utf-8")
        else:
            sys.stdout.write(document)
        return EXIT_OK
    exports = _exports(args)
    target = Path(args.file)
    if args.export_what == "anki":
        outcome = exports.anki_deck(target, include_notes=args.with_notes)
    elif args.export_what == "notes":
        if target.suffix.lower() not in (".md", ".markdown", ".json"):
            return fail(f"{target}: give a .md file (Markdown) or a .json file")
        outcome = exports.notes(target)
    else:
        outcome = exports.cards_csv(target)
    print(outcome.message)
    return EXIT_OK


def _exports(args: argparse.Namespace) -> Exports:
    from ocstudy.services.exports import Exports
    from ocstudy.userdata.notes import NoteStore

    content, user_db = _content(), _user_db(args)
    return Exports(content, NoteStore(user_db), user_db, lambda: _quiz(content, user_db).cards())


def import_notes(args: argparse.Namespace) -> int:
    from ocstudy.services.notes_io import NotesImportError
    from ocstudy.userdata.database import UserDatabaseError

    try:
        print(_exports(args).import_notes(Path(args.file)).message)
    except (NotesImportError, UserDatabaseError) as error:
        return fail(str(error))
    return EXIT_OK


def stats(args: argparse.Namespace) -> int:
    import json

    from ocstudy.services.stats import stats_json, stats_text

    service = _quiz(_content(), _user_db(args))
    if args.json:
        print(json.dumps(stats_json(service), indent=2, ensure_ascii=False))
    else:
        print(stats_text(service))
    return EXIT_OK


def backup_or_restore(args: argparse.Namespace) -> int:
    from ocstudy.services.safety import DataSafety
    from ocstudy.userdata.database import UserDatabaseError

    safety = DataSafety(_user_db(args), paths.resolve_data_dir(args.data_dir))
    try:
        if args.command == "backup":
            print(f"backed up to {safety.backup_now()}")
        else:
            restored = safety.restore(Path(args.file))
            assert restored is not None  # no progress callback: nothing can cancel it
            print(
                f"restored {restored.restored_from}; the data before is kept in "
                f"{restored.previous_state}"
            )
    except UserDatabaseError as error:
        return fail(str(error))
    return EXIT_OK


def install_desktop_entry() -> int:
    from ocstudy.services.desktop import install_desktop_entry as install

    for path in install():
        print(f"installed {path}")
    print("ocstudy now appears in your desktop's application launcher.")
    return EXIT_OK


def launch(args: argparse.Namespace) -> int:
    from ocstudy.services.desktop import missing_xcb_libraries, xcb_help_text

    missing = missing_xcb_libraries()
    if missing:  # before Qt starts: its own message is an opaque abort
        print(xcb_help_text(missing), file=sys.stderr)
        return EXIT_BAD_DATA
    from ocstudy.app import run

    return run(paths.resolve_data_dir(args.data_dir))
