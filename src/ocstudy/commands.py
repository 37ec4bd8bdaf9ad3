"""What each ``ocstudy`` subcommand does. Only what a command needs is imported, inside it,
so that ``ocstudy --version`` and the app's start-up stay fast.

Every command returns an exit code: 0, or 2 with one line on stderr when the content, the user
data or a file it is given cannot be used (never a traceback). A command that only reads the
user data (``stats``, ``backup``, the exports) never creates the data folder.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ocstudy import paths

if TYPE_CHECKING:
    from datetime import date

    from ocstudy.content.repository import ContentRepository
    from ocstudy.services.bundle import AppServices
    from ocstudy.services.exchange.exports import Exports
    from ocstudy.services.review.fsrs_fit import Evaluation
    from ocstudy.userdata.database import UserDatabase

EXIT_OK, EXIT_BAD_DATA = 0, 2


class CommandError(Exception):
    """A failure to report in one line, with exit code 2."""


def fail(message: str) -> int:
    print(f"ocstudy: {message}", file=sys.stderr)
    return EXIT_BAD_DATA


def build_content(args: argparse.Namespace) -> int:
    from ocstudy.content.build.builder import build, uncovered_claims
    from ocstudy.content.build.checks import SourceError
    from ocstudy.content.build.sources import load_content

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


def _user_db(args: argparse.Namespace, *, create: bool = False) -> UserDatabase:
    """The learner's database. Only a command that writes to it may ``create`` it (and its
    folder): one that reads finds no data in a mistyped ``--data-dir`` and says so."""
    from ocstudy.userdata.database import (
        DamagedDatabaseError,
        UserDatabaseError,
        open_user_database,
    )

    data_dir = paths.resolve_data_dir(args.data_dir)
    if not create and not _has_data(args):
        raise CommandError(
            f"there is no ocstudy data in {data_dir} (check --data-dir, or start ocstudy once); "
            "nothing was changed"
        )
    try:
        user_db = open_user_database(data_dir)
    except DamagedDatabaseError as error:
        raise CommandError(
            f"{error}; start ocstudy: it keeps the damaged file aside and restores your newest "
            "good backup"
        ) from None
    except UserDatabaseError as error:
        raise CommandError(str(error)) from None
    user_db.unreadable_rows.listen(
        lambda message: print(f"ocstudy: warning: {message}", file=sys.stderr)
    )
    return user_db


def _has_data(args: argparse.Namespace) -> bool:
    """Whether the data folder holds the learner's database; :class:`CommandError` if it is
    a file or cannot be entered."""
    from ocstudy.userdata.database import (
        USER_DB_NAME,
        StorageError,
        check_data_folder,
        unreadable_folder_error,
    )

    data_dir = paths.resolve_data_dir(args.data_dir)
    try:
        check_data_folder(data_dir)
        return (data_dir / USER_DB_NAME).is_file()
    except StorageError as error:
        raise CommandError(str(error)) from None
    except OSError as error:  # the folder cannot be entered: another user's, mode 000
        raise CommandError(str(unreadable_folder_error(data_dir, error))) from None


def _services(
    args: argparse.Namespace, content: ContentRepository, user_db: UserDatabase
) -> AppServices:
    """The app's services on the command line, built by the app's own wiring."""
    from ocstudy.wiring import app_services

    return app_services(content, user_db, paths.resolve_data_dir(args.data_dir))


def export(args: argparse.Namespace) -> int:
    from ocstudy.services.exchange.exports import (
        ExportError,
        Outcome,
        SmallerExportError,
        content_json,
        deck_json,
    )

    outcome: Outcome
    try:
        if args.export_what == "json":  # the content alone: no user data needed
            if args.output in (None, "-"):
                from ocstudy.services.exchange.content_json import export_json

                sys.stdout.write(export_json(_content()))
                return EXIT_OK
            data_dir = paths.resolve_data_dir(args.data_dir)
            outcome = content_json(_content(), Path(args.output), data_dir, replace=args.force)
        elif args.export_what == "cards":  # the deck is content too
            data_dir = paths.resolve_data_dir(args.data_dir)
            outcome = deck_json(_content(), Path(args.file), data_dir, replace=args.force)
        elif args.export_what == "reviews":
            reviews = _services(args, _content(), _user_db(args)).reviews()
            outcome = reviews.export(Path(args.file), replace=args.force)
        else:
            target, replace = Path(args.file), args.force
            exports = _exports(args)
            if args.export_what == "anki":
                outcome = exports.anki_deck(target, include_notes=args.with_notes, replace=replace)
            elif args.export_what == "notes":
                outcome = exports.notes(target, replace=replace)
            elif args.export_what == "own-cards":
                outcome = exports.own_cards(target, replace=replace)
            elif args.export_what == "tags":
                outcome = exports.tags(target, replace=replace)
            else:
                outcome = exports.cards_csv(target, replace=replace)
    except SmallerExportError as error:
        return fail(f"{error} (--force replaces it)")
    except ExportError as error:
        return fail(str(error))
    print(outcome.message)
    return EXIT_OK


def _exports(args: argparse.Namespace, *, create: bool = False) -> Exports:
    return _services(args, _content(), _user_db(args, create=create)).exports()


def import_notes(args: argparse.Namespace) -> int:
    """``import notes``, ``own-cards``, ``tags``, ``reviews`` and ``anki-reviews``."""
    from ocstudy.services.exchange.json_files import ImportFileError
    from ocstudy.userdata.database import UserDatabaseError

    try:
        if _no_data_yet(args):
            _read_first(args.import_what, Path(args.file))
        if args.import_what in ("reviews", "anki-reviews"):
            return _import_reviews(args)
        exports = _exports(args, create=True)
        if args.import_what == "own-cards":
            print(exports.import_own_cards(Path(args.file)).message)
        elif args.import_what == "tags":
            print(exports.import_tags(Path(args.file)).message)
        else:
            print(exports.import_notes(Path(args.file)).message)
    except (ImportFileError, UserDatabaseError) as error:
        return fail(str(error))
    return EXIT_OK


def _no_data_yet(args: argparse.Namespace) -> bool:
    """Whether the data folder holds no data yet: then a writing command checks what it brings
    in before it makes the folder, so that a file it cannot take makes none."""
    from ocstudy.userdata.database import USER_DB_NAME

    try:
        return not (paths.resolve_data_dir(args.data_dir) / USER_DB_NAME).is_file()
    except OSError:  # the folder cannot be entered: opening it says so
        return False


def _read_first(what: str, path: Path) -> None:
    """Read the file ``import WHAT`` brings in, raising its import's error if it cannot."""
    from ocstudy.services.exchange.anki_reviews import read_anki_reviews
    from ocstudy.services.exchange.card_tags_io import read_tags_json
    from ocstudy.services.exchange.notes_io import read_notes_json
    from ocstudy.services.exchange.own_cards_io import read_own_cards_json
    from ocstudy.services.exchange.review_log_io import read_reviews_json

    if what == "anki-reviews":
        read_anki_reviews(path, ())
    elif what == "reviews":
        read_reviews_json(path)
    elif what == "tags":
        read_tags_json(path)
    elif what == "own-cards":
        read_own_cards_json(path)
    else:
        read_notes_json(path)


def _import_reviews(args: argparse.Namespace) -> int:
    """Reviews from a JSON export or an Anki package: read whole before anything is written
    (a bad file: one line, nothing changed)."""
    reviews = _services(args, _content(), _user_db(args, create=True)).reviews()
    if args.import_what == "reviews":
        print(reviews.import_json(Path(args.file)).message)
    else:
        print(reviews.import_anki(Path(args.file)).message)
    return EXIT_OK


def sync(args: argparse.Namespace) -> int:
    """``sync --folder DIR``: one sync, one line; a folder that cannot be read or written is
    one line, exit 2, and nothing changed."""
    from ocstudy.services.sync.service import SyncFolderError, check_apart, check_folder

    folder = Path(args.folder).expanduser()
    try:
        check_folder(folder)
        check_apart(folder, paths.resolve_data_dir(args.data_dir))
    except SyncFolderError as error:
        return fail(str(error))
    from ocstudy.services.errors import UserDatabaseError

    user_db = _user_db(args, create=True)
    try:
        report = _services(args, _content(), user_db).sync().sync_once(folder)
    except SyncFolderError as error:
        return fail(str(error))
    except UserDatabaseError as error:  # the fold is one transaction: rolled back whole
        return fail(f"{error}; nothing was changed")
    print(report.message)
    return EXIT_OK


def stats(args: argparse.Namespace) -> int:
    import json

    from ocstudy.services.browser.search import SearchSyntaxError
    from ocstudy.services.review.stats import compute_stats
    from ocstudy.services.review.stats_text import stats_lines

    service = _services(args, _content(), _user_db(args)).quiz()
    try:
        figures = compute_stats(service, time_range=args.range, search=args.search)
    except SearchSyntaxError as error:
        return fail(f"--search: {error}")
    if args.json:
        shown = figures.to_json_dict()
        if (forecast := service.exam.forecast()) is not None:
            shown["exam"] = forecast.to_json_dict()
        elif service.exam.passed_message:
            print(f"ocstudy: {service.exam.passed_message}", file=sys.stderr)
        print(json.dumps(shown, indent=2, ensure_ascii=False))
    else:
        print("\n".join(stats_lines(figures)))
    return EXIT_OK


def plan(args: argparse.Namespace) -> int:
    """``plan --exam DATE``: set the exam and print its plan; ``plan --clear``: remove it;
    ``plan`` alone: print the plan set (reading only)."""
    from ocstudy.services.errors import UserDatabaseError
    from ocstudy.services.review.exam import DEFAULT_MINUTES, DEFAULT_SCOPE
    from ocstudy.services.review.exam_text import plan_json, plan_lines

    setting = args.exam is not None
    if not setting and (args.scope is not None or args.minutes is not None):
        return fail("--scope and --minutes go with --exam YYYY-MM-DD; nothing was changed")
    content = _content()
    scope = args.scope if args.scope is not None else DEFAULT_SCOPE
    minutes = args.minutes if args.minutes is not None else DEFAULT_MINUTES
    if setting:
        try:  # before the data folder is made for it
            exam_day = _checked_exam(content, args.exam, scope, minutes)
        except ValueError as error:
            return fail(f"{error}; nothing was changed")
    if args.clear and not _has_data(args):
        print("No exam date is set; nothing was changed.")
        return EXIT_OK
    writes = setting or args.clear
    service = _services(args, content, _user_db(args, create=writes)).quiz()
    try:
        if args.clear:
            service.exam.clear()
            print("The exam date and its plan are removed.")
            return EXIT_OK
        if setting:
            service.exam.set(exam_day, scope, minutes)
    except ValueError as error:
        return fail(f"{error}; nothing was changed")
    except UserDatabaseError as error:
        return fail(str(error))
    forecast = service.exam.forecast()
    if forecast is None:  # ``plan`` alone, with no exam set (or one just passed)
        told = service.exam.passed_message or "No exam date is set."
        print(f"{told} `ocstudy plan --exam YYYY-MM-DD` sets one.")
        return EXIT_OK
    print(plan_json(forecast) if args.json else "\n".join(plan_lines(forecast)))
    return EXIT_OK


def _checked_exam(content: ContentRepository, text: str, scope: str, minutes: int) -> date:
    """The exam day in ``text``; ValueError for what setting it would refuse (the service's
    own rule, today's study day as the quiz counts it)."""
    from ocstudy.clock import utc_now
    from ocstudy.quiz.days import StudyDay, local_timezone
    from ocstudy.services.review.exam import check_exam, exam_scopes
    from ocstudy.services.review.exam_text import parsed_date

    exam_day = parsed_date(text)
    today = StudyDay(local_timezone()).day_of(utc_now())
    check_exam(exam_day, scope, minutes, today=today, scopes=exam_scopes(content.themes))
    return exam_day


def fsrs(args: argparse.Namespace) -> int:
    from ocstudy.services.review.fsrs_fit import NotEnoughReviewsError
    from ocstudy.userdata.database import UserDatabaseError

    retentions = _retentions(args.retention) if args.fsrs_what == "simulate" else ()
    fit = _services(args, _content(), _user_db(args)).quiz().fsrs_fit
    try:
        if args.fsrs_what == "evaluate":
            which = "fitted to you" if fit.fitted else "FSRS's defaults"
            print(f"{_evaluation(fit.evaluate())} ({which}, {fit.log().trainable} reviews)")
        elif args.fsrs_what == "optimize":
            result = fit.optimize(lambda stage: print(f"{stage}…", flush=True) or True)
            print(f"before: {_evaluation(result.before)}")
            print(f"after:  {_evaluation(result.after)}")
            print(f"The quiz now schedules with parameters fitted to {result.reviews} reviews.")
        elif args.fsrs_what == "reset":
            fit.reset()
            print("The quiz now schedules with FSRS's default parameters.")
        else:
            print(f"{'retention':>9} {'reviews/day':>12} {'minutes/day':>12} {'remembered':>11}")
            for row in fit.simulate(retentions):
                print(
                    f"{row.retention:>9.2f} {row.reviews_per_day:>12.1f} "
                    f"{row.minutes_per_day:>12.1f} {row.remembered:>11.0f}"
                )
            print("(the next 90 days by fsrs-rs's simulator, your parameters and new-card limit)")
    except (NotEnoughReviewsError, UserDatabaseError) as error:
        return fail(str(error))
    return EXIT_OK


def _retentions(texts: list[str] | None) -> tuple[float, ...]:
    from ocstudy.services.review.fsrs_fit import RETENTIONS

    if not texts:
        return RETENTIONS
    try:
        values = tuple(float(text) for text in texts)
    except ValueError:
        wrong = " ".join(texts)
        raise CommandError(f"--retention takes numbers such as 0.9, not {wrong}") from None
    if not all(0.7 <= value <= 0.99 for value in values):
        raise CommandError("--retention takes desired retentions from 0.70 to 0.99")
    return values


def _evaluation(evaluation: Evaluation) -> str:
    return f"log loss {evaluation.log_loss:.4f}, RMSE {evaluation.rmse:.4f}"


def backup_or_restore(args: argparse.Namespace) -> int:
    from ocstudy.services.safety import DataSafety
    from ocstudy.userdata.database import UserDatabaseError

    if args.command == "restore" and not Path(args.file).is_file():
        if Path(args.file).exists():  # a folder, a device, a pipe
            return fail(
                f"{args.file} is not a file (a backup is one .db file); nothing was changed"
            )
        return fail(f"{args.file} not found; nothing was changed")
    if args.command == "restore" and _no_data_yet(args):
        from ocstudy.userdata.backup_check import check_backup

        try:  # before the data folder is made for it
            check_backup(Path(args.file))
        except UserDatabaseError as error:
            return fail(str(error))
    user_db = _user_db(args, create=args.command == "restore")
    safety = DataSafety(user_db, paths.resolve_data_dir(args.data_dir))
    try:
        if args.command == "backup":
            print(f"backed up to {safety.backup_now()}")
        else:
            restored = safety.restore(Path(args.file))
            assert restored is not None  # no progress callback: nothing can cancel it
            repaired = f"; repaired in the backup: {restored.repaired}" if restored.repaired else ""
            print(
                f"restored {restored.restored_from}; the data before is kept in "
                f"{restored.previous_state}{repaired}"
            )
    except UserDatabaseError as error:
        return fail(str(error))
    return EXIT_OK


def sheet(args: argparse.Namespace) -> int:
    """Write a revision sheet as a PDF (drawn by Qt's printing, imported only here)."""
    from datetime import date

    from ocstudy.phrasing import counted
    from ocstudy.services.sheet import SheetAssembler, SheetError, SheetRequest
    from ocstudy.services.sheet.model import ScopeKind

    if args.weak < 0:
        return fail(f"--weak {args.weak}: give a number of cards, 0 or more")
    target = Path(args.output)
    if target.suffix.lower() != ".pdf":
        return fail(f"{target}: give a .pdf file")
    # ``--theme ""`` is a theme not found, not the whole sheet
    scope: ScopeKind = (
        "theme" if args.theme is not None else "entity" if args.entity is not None else "all"
    )
    key = args.theme if args.theme is not None else args.entity
    request = SheetRequest(scope, key, args.with_notes, args.weak, args.page)
    content = _content()
    user_db = _user_db(args) if (args.with_notes or args.weak) else None

    assembler = _services(args, content, user_db).sheet() if user_db else SheetAssembler(content)
    try:
        document = assembler.assemble(request, date.today())
    except SheetError as error:
        return fail(str(error))
    from ocstudy.ui.sheet.pdf import write_sheet_pdf

    try:
        result = write_sheet_pdf(document, target)
    except OSError as error:
        return fail(f"cannot write {target}: {error.strerror or error}")
    entries = counted(len(document.entry_slugs), "entry", "entries")
    print(f"wrote {target}: {counted(result.pages, 'page')}, {entries}")
    return EXIT_OK


def install_desktop_entry() -> int:
    from ocstudy.desktop.entry import install_desktop_entry as install

    for path in install():
        print(f"installed {path}")
    print("ocstudy now appears in your desktop's application launcher.")
    return EXIT_OK


def launch(args: argparse.Namespace) -> int:
    """Open the app's window. The garbage collector waits for the window's first paint (the
    app turns it on again then, see :func:`ocstudy.app.run`): start-up makes some 150,000
    objects that live as long as the app and frees few, and the collections that scan them
    cost about 9 ms before the first paint."""
    import gc

    gc.disable()
    from ocstudy.desktop.xcb import missing_xcb_libraries, xcb_help_text

    missing = missing_xcb_libraries()
    if missing:  # before Qt starts: its own message is an opaque abort
        print(xcb_help_text(missing), file=sys.stderr)
        return EXIT_BAD_DATA
    from ocstudy.app import run

    return run(paths.resolve_data_dir(args.data_dir))
