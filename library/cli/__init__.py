"""The `hashiya` command (the contract is in DESIGN.md, the usage in README.md).

`--json` prints exactly one JSON document on stdout. Errors are one line on stderr and
exit status 2 for bad input, 1 for a failure; a user never sees a traceback. Each module
of this package holds one group of commands and registers them with `register(add)`.

The `hashiya` command is `reader.launch.main`: it calls `main` here with the one thing
only the desktop application can do, opening the window (`gui`). Without it
(`python -m library.cli`, a script) every other command works the same, PDF export
included, and `gui` says how to get it.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from collections.abc import Sequence

import library
from library.cli import (
    annotating,
    exchange,
    reading,
    relating,
    syncing,
    team,
    translating,
    upkeep,
)
from library.cli.common import (
    EXIT_FAILURE,
    SMOKE_TEST_HELP,
    Command,
    Failure,
    Parser,
    StartGui,
    UserError,
)
from library.storage.database import LibraryError
from library.storage.store import describe_error

__all__ = ["build_parser", "main"]


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--library",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="library file (default: $HASHIYA_LIBRARY, else library.sqlite in the user data folder)",
    )
    parser = Parser(
        prog="hashiya",
        description="Read, search and annotate collections of Arabic news articles.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"hashiya {library.__version__}")
    parser.add_argument("--lang", choices=["ar", "en"], help="interface language of the GUI")
    parser.add_argument("--smoke-test", action="store_true", help=SMOKE_TEST_HELP)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)

    def add(name: str, func: Command, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text, parents=[common])
        p.set_defaults(func=func)
        return p

    for group in (reading, annotating, relating, exchange, translating, team, syncing, upkeep):
        group.register(add)
    return parser


def main(
    argv: Sequence[str] | None = None,
    *,
    gui: StartGui | None = None,
) -> int:
    """Run one command; `gui` opens the window (handed in by `reader.launch`, which
    imports Qt only when it is called)."""
    for stream in (sys.stdout, sys.stderr):
        # A C or POSIX locale would otherwise fail on the first Arabic letter.
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")
    parser = build_parser()
    args: argparse.Namespace | None = None
    try:
        args, extra = parser.parse_known_args(argv)
        if extra:
            # `hashiya search -word` means "exclude word", not an unknown option.
            if getattr(args, "command", None) == "search" and not any(
                e.startswith("--") for e in extra
            ):
                args.query = [*args.query, *extra]
            else:
                parser.error(f"unrecognized arguments: {' '.join(extra)}")
        if not hasattr(args, "library"):
            args.library = None
        _check_text_arguments(args)
        args.start_gui = gui
        func: Command = getattr(args, "func", reading.cmd_gui)
        return func(args)
    except (UserError, Failure) as exc:
        print(f"hashiya: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except LibraryError as exc:
        print(f"hashiya: error: {_one_line(str(exc))}", file=sys.stderr)
        return getattr(exc, "exit_code", EXIT_FAILURE)
    except sqlite3.Error as exc:
        # Whatever command met it: a damaged file, a full disk, a lock held too long,
        # a file that cannot be written. Said in words, never as a traceback.
        library_path = getattr(args, "library", None) or _default_path()
        print(f"hashiya: error: {_one_line(describe_error(exc, library_path))}", file=sys.stderr)
        return EXIT_FAILURE
    except KeyboardInterrupt:
        print("hashiya: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _default_path():
    from library.paths import default_library_path

    try:
        return default_library_path()
    except Exception:  # only names the program holding a lock; never in the way
        return None


# Arguments that name files: any bytes the file system allows are fine there.
_PATH_ARGUMENTS = {"library", "path", "paths", "output"}


def _check_text_arguments(args: argparse.Namespace) -> None:
    """Text that goes into the library (a note, a name, a tag...) must be valid UTF-8:
    Python hands undecodable bytes over as lone surrogates, which SQLite cannot store."""
    for name, value in vars(args).items():
        if name in _PATH_ARGUMENTS:
            continue
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str):
                try:
                    item.encode("utf-8")
                except UnicodeEncodeError:
                    shown = item.encode("utf-8", "backslashreplace").decode("ascii", "replace")
                    option = name if name in ("id", "query") else "--" + name.replace("_", "-")
                    raise UserError(f"{option} is not valid UTF-8 text: {shown[:60]!r}") from None
