"""The ``ocstudy`` command line: launch the app, or run one of the commands below."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from ocstudy import __version__, commands, paths


def _parser(*, commands: bool = True) -> argparse.ArgumentParser:
    """The command line; without ``commands``, only the options of a plain launch, and it
    neither prints nor exits (argparse spends about a millisecond on each subcommand's parser,
    which a launch does not need)."""
    parser = argparse.ArgumentParser(
        prog="ocstudy",
        usage="ocstudy [-h] [--version] [--data-dir DIR] [--install-desktop-entry] [COMMAND ...]",
        description="Study the UN's fight against transnational organized crime. "
        "ocstudy with no COMMAND opens the app; a COMMAND does one thing from the "
        "command line and exits.",
        add_help=commands,
        exit_on_error=commands,
    )
    if commands:
        parser.add_argument(
            "--version",
            action="version",
            version=f"ocstudy {__version__}",
            help="print ocstudy's version and exit",
        )
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        type=_folder_name,
        help="the folder of your notes, own cards and review history (default: "
        f"${paths.DATA_DIR_ENV} or the platform's application data folder)",
    )
    parser.add_argument(
        "--install-desktop-entry",
        action="store_true",
        help="add ocstudy to your desktop's application launcher (Linux), then exit",
    )
    parser.set_defaults(command=None)
    if not commands:
        return parser
    # the commands' own usage lines start "ocstudy COMMAND", not with the usage above
    sub = parser.add_subparsers(title="commands", dest="command", metavar="COMMAND", prog="ocstudy")

    build = sub.add_parser(
        "build-content",
        help="build the content database from resources/content (for content authors)",
    )
    build.add_argument("--check", action="store_true", help="check the sources, write nothing")
    build.add_argument(
        "--output", metavar="FILE", help="the database to write (default: data/ocstudy.db)"
    )

    export = sub.add_parser(
        "export", help="write the content, the quiz cards, your notes, own cards or tags to a file"
    )
    what = export.add_subparsers(dest="export_what", metavar="WHAT", required=True)
    content = what.add_parser("json", help="the whole content as one JSON document")
    content.add_argument(
        "-o", "--output", metavar="FILE.json", help="write here instead of stdout ('-': stdout)"
    )
    anki = what.add_parser("anki", help="the quiz cards as an Anki deck (.apkg)")
    anki.add_argument("file", metavar="FILE.apkg")
    anki.add_argument("--with-notes", action="store_true", help="add your notes as a field")
    notes = what.add_parser("notes", help="your notes, as Markdown (.md) or JSON (.json)")
    notes.add_argument("file", metavar="FILE")
    csv = what.add_parser("csv", help="the quiz cards as CSV for Anki's text import")
    csv.add_argument("file", metavar="FILE.csv")
    deck = what.add_parser("cards", help="every quiz card of the deck, as JSON, to read")
    deck.add_argument("file", metavar="FILE.json")
    own = what.add_parser("own-cards", help="your own cards, as JSON")
    own.add_argument("file", metavar="FILE.json")
    tags = what.add_parser("tags", help="your tags on cards, as JSON")
    tags.add_argument("file", metavar="FILE.json")
    reviews = what.add_parser("reviews", help="your review history, as JSON (.json) or CSV (.csv)")
    reviews.add_argument("file", metavar="FILE.json|FILE.csv")
    for learners in (anki, notes, csv, own, tags, reviews):
        learners.add_argument(
            "--force",
            action="store_true",
            help="replace FILE even if it holds more notes, cards or reviews than this export",
        )
    for whole in (content, deck):
        whole.add_argument(
            "--force",
            action="store_true",
            help="replace FILE even if it is an export of your notes, cards, tags or reviews",
        )

    imports = sub.add_parser(
        "import", help="merge notes, own cards, tags or reviews from an export or Anki"
    )
    imports_what = imports.add_subparsers(dest="import_what", metavar="WHAT", required=True)
    imports_what.add_parser(
        "notes", help="merge a notes export into your notes, entry by entry"
    ).add_argument("file", metavar="FILE.json")
    imports_what.add_parser(
        "own-cards", help="merge an own-cards export into your own cards, card by card"
    ).add_argument("file", metavar="FILE.json")
    imports_what.add_parser(
        "tags", help="add the tags of a tags export to your cards (no tag is ever removed)"
    ).add_argument("file", metavar="FILE.json")
    imports_what.add_parser(
        "reviews", help="merge a reviews export into your review history (each review once)"
    ).add_argument("file", metavar="FILE.json")
    imports_what.add_parser(
        "anki-reviews",
        help="bring back the reviews you made in Anki, AnkiDroid or AnkiMobile on ocstudy's "
        "cards (a package exported with scheduling information)",
    ).add_argument("file", metavar="FILE.apkg|FILE.colpkg")

    sync = sub.add_parser(
        "sync",
        help="bring in what your other computers wrote to a synced folder, and write yours",
    )
    sync.add_argument(
        "--folder",
        metavar="DIR",
        required=True,
        type=_folder_name,
        help="a folder Syncthing, Nextcloud, Dropbox or OneDrive keeps in step (docs/sync.md)",
    )

    sub.add_parser("backup", help="back up your notes, own cards and review history now")
    restore = sub.add_parser("restore", help="bring your data back from a backup file")
    restore.add_argument(
        "file", metavar="FILE", help="the backup (what you have now is backed up first)"
    )

    stats = sub.add_parser("stats", help="print your quiz statistics, as the app shows them")
    stats.add_argument("--json", action="store_true", help="print them as JSON")
    stats.add_argument(
        "--range",
        choices=("month", "year", "all"),
        default="month",
        help="the answers counted: the last 30 days (default), 365 days, or all",
    )
    stats.add_argument(
        "--search",
        metavar="QUERY",
        default="",
        help="only the cards QUERY finds, in the cards browser's syntax (theme:firearms)",
    )
    _sheet_parser(sub)
    _fsrs_parser(sub)
    _plan_parser(sub)
    return parser


def _plan_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    plan = sub.add_parser(
        "plan",
        help="set an exam date and print the plan and forecast to it; "
        "without --exam or --clear, print the plan set",
    )
    when = plan.add_mutually_exclusive_group()
    when.add_argument("--exam", metavar="YYYY-MM-DD", help="the exam's date")
    when.add_argument("--clear", action="store_true", help="remove the exam date and its plan")
    plan.add_argument("--scope", help="with --exam: core (default), detail, all, or a theme's key")
    plan.add_argument("--minutes", type=int, help="with --exam: minutes a day (default 30)")
    plan.add_argument("--json", action="store_true", help="print the plan as JSON")


def _fsrs_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    fsrs = sub.add_parser(
        "fsrs", help="fit the FSRS scheduler to your answers, check it, reset it or simulate"
    )
    what = fsrs.add_subparsers(dest="fsrs_what", metavar="WHAT", required=True)
    what.add_parser(
        "evaluate", help="how well the parameters in use predict your answers (log loss, RMSE)"
    )
    what.add_parser("optimize", help="fit the parameters to your answers and schedule with them")
    what.add_parser("reset", help="go back to FSRS's default parameters")
    simulate = what.add_parser(
        "simulate", help="play the next 90 days at several desired retentions"
    )
    simulate.add_argument(
        "--retention",
        metavar="R",
        nargs="+",
        help="desired retentions to simulate, 0.70-0.99 (default: 0.80 0.85 0.90 0.95)",
    )


def _sheet_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    sheet = sub.add_parser("sheet", help="write a printable revision sheet (PDF)")
    scope = sheet.add_mutually_exclusive_group(required=True)
    scope.add_argument("--all", action="store_true", help="every entry")
    scope.add_argument("--theme", metavar="KEY", help="one theme's entries (e.g. firearms)")
    scope.add_argument("--entity", metavar="SLUG", help="one entry and what it includes")
    sheet.add_argument("-o", "--output", metavar="FILE.pdf", required=True, help="the PDF to write")
    sheet.add_argument("--with-notes", action="store_true", help="add your notes")
    sheet.add_argument(
        "--weak", metavar="N", type=int, default=0, help="add the N cards you fail most"
    )
    sheet.add_argument(
        "--page", choices=("a4", "letter"), default="a4", help="the paper size (default: a4)"
    )


def _folder_name(text: str) -> str:
    """``--data-dir``'s folder; an empty one (``--data-dir "$DIR"``, ``DIR`` unset) is refused,
    not read as no ``--data-dir`` at all, which is the learner's real data folder."""
    if not text:
        raise argparse.ArgumentTypeError("give a folder, not an empty name")
    return text


def _plain_launch(argv: Sequence[str] | None) -> argparse.Namespace | None:
    """The options of a plain launch; None when ``argv`` asks for more (a command, --help,
    --version) or is wrong: then the whole parser reads it, or explains what is wrong."""
    try:
        args, rest = _parser(commands=False).parse_known_args(argv)
    except argparse.ArgumentError:
        return None
    return None if rest else args


def _search_values(argv: Sequence[str]) -> list[str]:
    """``--search -tag:exam`` read as ``--search=-tag:exam``: argparse takes a word starting
    with "-" for an option, and a search that leaves cards out starts so (``-h`` and a word
    starting with "--" stay options)."""
    words, joined = list(argv), []
    while words:
        word = words.pop(0)
        value = words[0] if words else ""
        if word == "--search" and value.startswith("-") and value != "-h" and value[:2] != "--":
            word = f"--search={words.pop(0)}"
        joined.append(word)
    return joined


def main(argv: Sequence[str] | None = None) -> int:
    argv = _search_values(sys.argv[1:] if argv is None else argv)
    args = _plain_launch(argv) or _parser().parse_args(argv)
    if args.install_desktop_entry:
        if args.command is not None:  # it exits after installing: the command would not run
            return commands.fail(
                f"--install-desktop-entry goes alone: run it, then the command {args.command}"
            )
        return commands.install_desktop_entry()
    dispatch = {
        "build-content": commands.build_content,
        "export": commands.export,
        "import": commands.import_notes,
        "stats": commands.stats,
        "backup": commands.backup_or_restore,
        "restore": commands.backup_or_restore,
        "sheet": commands.sheet,
        "fsrs": commands.fsrs,
        "plan": commands.plan,
        "sync": commands.sync,
    }
    try:
        code = dispatch.get(args.command, commands.launch)(args)
        sys.stdout.flush()
    except commands.CommandError as error:
        return commands.fail(str(error))
    except BrokenPipeError:  # ``ocstudy stats | head``: the reader has what it wanted
        _quiet_stdout()
        return commands.EXIT_OK
    except OSError as error:  # the commands report their own files: this is the output
        _quiet_stdout()
        where = f"{error.filename}" if error.filename else "cannot write the output"
        return commands.fail(f"{where}: {error.strerror or error}")
    return code


def _quiet_stdout() -> None:
    """Point stdout at the null device, so that the interpreter's last flush on the closed
    pipe neither fails nor complains."""
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, sys.stdout.fileno())
    os.close(null)
