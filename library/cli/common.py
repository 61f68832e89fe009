"""What every command shares: errors, exit codes, opening the library, output."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn, Protocol

from library.paths import default_library_path
from library.storage.database import Library
from library.storage.store import ReadOnlyLibrary, open_library

Command = Callable[[argparse.Namespace], int]
Add = Callable[[str, Command, str], argparse.ArgumentParser]


# What only the desktop application can do, handed to `main` by the `hashiya` launcher
# (reader/launch.py): this package never imports `reader` or Qt (tests/test_import_graph.py).
class StartGui(Protocol):
    """Open the window on the library at `path`; returns the exit status."""

    def __call__(self, path: Path, *, lang: str | None, smoke_test: bool) -> int: ...


EXIT_FAILURE = 1
EXIT_BAD_INPUT = 2
EXPORT_FORMATS = (
    "markdown", "csv", "json", "brat", "conll", "tei", "docx", "pdf",
    "csl-json", "ris", "bibtex", "bagit",
    "xliff", "xliff12", "tmx", "tbx", "omegat", "bilingual-docx",
)  # fmt: skip
SMOKE_TEST_HELP = (
    "open the window, run for a second and quit: exit 0 if nothing went wrong "
    "(checks an installation or a packaged build; also HASHIYA_SMOKE_TEST=1)"
)


class UserError(Exception):
    """Bad input from the user: one line on stderr, exit 2."""

    exit_code = EXIT_BAD_INPUT


class Failure(Exception):
    """The command could not do its work: one line on stderr, exit 1."""

    exit_code = EXIT_FAILURE


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UserError(f"{message} (see '{self.prog} --help')")


def emit_json(doc: Any) -> None:
    sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2))
    sys.stdout.write("\n")


def library_path(args: argparse.Namespace) -> Path:
    """`--library PATH`, else the default; an empty `--library ""` is a mistake, not a
    request for the default library."""
    if args.library is None:
        return default_library_path()
    if not str(args.library).strip():
        raise UserError("--library needs a path (it was empty)")
    return Path(args.library)


def open_lib(args: argparse.Namespace, *, readonly: bool = False, reading: bool = False) -> Library:
    """The library of `--library`. `reading`: the command only reads, so a library that
    cannot be written (a read-only file, folder or mount) is opened read-only; a command
    that writes is refused in one line naming the file."""
    path = library_path(args)
    if readonly and not path.exists():
        raise UserError(f"no library at {path} (import something first: hashiya import PATH)")
    if not readonly and path.exists() and not _writable(path):
        if not reading:
            raise Failure(f"{_unwritable(path)} is read-only: nothing was changed")
        readonly = True
    try:
        lib = open_library(path, readonly=readonly)
    except ReadOnlyLibrary:
        if readonly or not reading:
            raise
        lib = open_library(path, readonly=True)
    # `--author NAME` on a command that makes things: what it makes is NAME's.
    lib.acting_author = getattr(args, "acting_author", None) or None
    return lib


def add_author_option(p: argparse.ArgumentParser) -> None:
    """`--author NAME`: record what this command makes as NAME's (a colleague's layer),
    not the library's own identity."""
    p.add_argument(
        "--author",
        dest="acting_author",
        metavar="NAME",
        help="record what this makes as NAME's (default: your name in Preferences, else the user)",
    )


def _unwritable(path: Path) -> Path:
    """The file (or folder) that keeps the library at `path` from being written."""
    for name in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        if name.exists() and not os.access(name, os.W_OK):
            return name
    return path.parent if not os.access(path.parent, os.W_OK) else path


def _writable(path: Path) -> bool:
    """Whether the library at `path` and SQLite's files beside it can be written (a
    read-only mount, file or folder cannot). `access` only: nothing is opened."""
    if not os.access(path.parent, os.W_OK | os.X_OK):
        return False
    return all(
        os.access(name, os.W_OK)
        for name in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm"))
        if name.exists()
    )


def text_out(text: str, args: argparse.Namespace) -> str:
    if getattr(args, "visual", False):
        from library.cli.terminal import visual

        return visual(text)
    return text


def parse_article_id(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise UserError(f"article id must be a number, not {value!r}") from None
    if number < 1:
        raise UserError(f"article id must be positive, not {number}")
    return number


def positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, not {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a positive number, not {number}")
    return number
