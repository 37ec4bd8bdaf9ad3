"""The ``ocstudy`` command: launch the app, build the content database, export it.

Only what a subcommand needs is imported, so that ``ocstudy --version`` and the app's
start-up stay fast.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from ocstudy import __version__, paths

EXIT_OK, EXIT_FAILURE, EXIT_BAD_DATA = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ocstudy",
        description="Study the UN's fight against transnational organized crime.",
    )
    parser.add_argument("--version", action="version", version=f"ocstudy {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help=f"folder for your notes and review history (default: ${paths.DATA_DIR_ENV} "
        "or the platform's application data folder)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    build = commands.add_parser(
        "build-content", help="build data/ocstudy.db from resources/content"
    )
    build.add_argument("--check", action="store_true", help="check the sources, write nothing")
    build.add_argument(
        "--output", metavar="FILE", help="database to write (default: data/ocstudy.db)"
    )

    commands.add_parser("backup", help="back up your notes and review history now")
    restore = commands.add_parser("restore", help="restore your data from a backup file")
    restore.add_argument(
        "file", metavar="FILE", help="a backup (the current data is backed up first)"
    )

    stats = commands.add_parser("stats", help="your quiz statistics, as in the app")
    stats.add_argument("--json", action="store_true", help="print them as JSON")

    export = commands.add_parser("export", help="export content")
    export_what = export.add_subparsers(dest="export_what", metavar="WHAT", required=True)
    export_json = export_what.add_parser("json", help="the whole content as one JSON document")
    export_json.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    return parser


def _fail(message: str, code: int = EXIT_BAD_DATA) -> int:
    print(f"ocstudy: {message}", file=sys.stderr)
    return code


def _build_content(args: argparse.Namespace) -> int:
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
                return _fail("not in a checkout: give the database to write with --output FILE")
            rows = build(content_dir, claims_path, target)
    except SourceError as error:
        return _fail(str(error))
    missing = uncovered_claims(rows, claims_path)
    entities = len(rows.tables["entities"])
    facts = len(rows.tables["facts"])
    done = "checked" if args.check else f"built {target}"
    print(f"{done}: {entities} entities, {facts} facts")
    if missing:
        print(
            f"warning: {len(missing)} claims not encoded yet: {' '.join(missing)}", file=sys.stderr
        )
    return EXIT_OK


def _export_json(args: argparse.Namespace) -> int:
    from ocstudy.content.export import export_json
    from ocstudy.content.repository import ContentDatabaseError, ContentRepository

    try:
        repository = ContentRepository.open(paths.content_db_path())
        document = export_json(repository)
    except ContentDatabaseError as error:
        return _fail(str(error))
    if args.output:
        Path(args.output).write_text(document, encoding="utf-8")
    else:
        sys.stdout.write(document)
    return EXIT_OK


def _stats(args: argparse.Namespace) -> int:
    import json

    from ocstudy.content.repository import ContentDatabaseError, ContentRepository
    from ocstudy.services.quiz import QuizService
    from ocstudy.services.stats import stats_json, stats_text
    from ocstudy.userdata.database import UserDatabaseError, open_user_database
    from ocstudy.userdata.reviews import ReviewStore

    try:
        content = ContentRepository.open(paths.content_db_path())
        reviews = ReviewStore(open_user_database(paths.resolve_data_dir(args.data_dir)))
    except (ContentDatabaseError, UserDatabaseError) as error:
        return _fail(str(error))
    service = QuizService(content, reviews)
    if args.json:
        print(json.dumps(stats_json(service), indent=2, ensure_ascii=False))
    else:
        print(stats_text(service))
    return EXIT_OK


def _backup_or_restore(args: argparse.Namespace) -> int:
    from ocstudy.services.safety import DataSafety
    from ocstudy.userdata.database import UserDatabaseError, open_user_database

    data_dir = paths.resolve_data_dir(args.data_dir)
    try:
        safety = DataSafety(open_user_database(data_dir), data_dir)
        if args.command == "backup":
            print(f"backed up to {safety.backup_now()}")
        else:
            restored = safety.restore(Path(args.file))
            print(
                f"restored {restored.restored_from}; the data before is kept in "
                f"{restored.previous_state}"
            )
    except UserDatabaseError as error:
        return _fail(str(error))
    return EXIT_OK


def _launch(args: argparse.Namespace) -> int:
    from ocstudy.app import run

    return run(paths.resolve_data_dir(args.data_dir))


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "build-content":
        return _build_content(args)
    if args.command == "export":
        return _export_json(args)
    if args.command == "stats":
        return _stats(args)
    if args.command in ("backup", "restore"):
        return _backup_or_restore(args)
    return _launch(args)
