"""The `hashiya` command (the contract is in DESIGN.md, the usage in README.md).

`--json` prints exactly one JSON document on stdout. Errors are one line on stderr and
exit status 2 for bad input, 1 for a failure; a user never sees a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

import library
from library.paths import default_library_path
from library.store import Library, LibraryError, open_library

EXIT_FAILURE = 1
EXIT_BAD_INPUT = 2
EXPORT_FORMATS = ("markdown", "csv", "json", "brat", "conll", "tei", "docx", "pdf")
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


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UserError(f"{message} (see '{self.prog} --help')")


def _emit_json(doc: Any) -> None:
    sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2))
    sys.stdout.write("\n")


def _open(args: argparse.Namespace, *, readonly: bool = False) -> Library:
    path = Path(args.library) if args.library else default_library_path()
    if readonly and not path.exists():
        raise UserError(f"no library at {path} (import something first: hashiya import PATH)")
    return open_library(path, readonly=readonly)


def _text_out(text: str, args: argparse.Namespace) -> str:
    if getattr(args, "visual", False):
        from library.terminal import visual

        return visual(text)
    return text


# --- commands ---------------------------------------------------------------------------


def cmd_gui(args: argparse.Namespace) -> int:
    if (
        sys.platform.startswith("linux")
        and not os.environ.get("QT_QPA_PLATFORM")
        and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    ):
        # Qt would abort with a page about platform plugins.
        raise Failure(
            "no display to open the window on (DISPLAY and WAYLAND_DISPLAY are unset); "
            "the sub-commands (hashiya --help) work without one"
        )
    try:
        from reader.app import run
    except ImportError as exc:
        raise Failure(f"the desktop reader cannot start: {exc}") from exc
    path = Path(args.library) if args.library else default_library_path()
    smoke_test = getattr(args, "smoke_test", False) or os.environ.get("HASHIYA_SMOKE_TEST") == "1"
    return run(path, lang=getattr(args, "lang", None), smoke_test=smoke_test)


def _parse_field_map(pairs: Sequence[str]) -> dict[str, str]:
    from library.readers.records import FIELDS

    mapping: dict[str, str] = {}
    for pair in pairs:
        ours, sep, theirs = pair.partition("=")
        if not sep or ours not in FIELDS or not theirs:
            raise UserError(f"--field wants OURS=THEIRS with OURS one of {', '.join(FIELDS)}")
        mapping[ours] = theirs
    return mapping


def cmd_import(args: argparse.Namespace) -> int:
    from library.importer import import_paths
    from library.terminal import ProgressBar

    field_map = _parse_field_map(args.field or [])
    bar = ProgressBar() if not args.json else None
    with _open(args) as lib:
        report = import_paths(
            lib,
            args.paths,
            field_map=field_map,
            progress=(lambda p: bar.update(p.files_done, p.files_total, Path(p.current).name))
            if bar
            else None,
        )
    if bar:
        bar.finish()
    if args.json:
        _emit_json(report.to_json())
    else:
        print(
            f"imported {report.imported} article(s), {report.duplicates} duplicate(s), "
            f"{len(report.failed)} file(s) skipped"
        )
        for failure in report.failed:
            print(f"  skipped {failure.path}: {failure.error}")
    missing = [f for f in report.failed if f.error == "no such file or folder"]
    if missing and len(missing) == len(args.paths):
        print(f"hashiya: error: no such file or folder: {missing[0].path}", file=sys.stderr)
        return EXIT_BAD_INPUT
    if report.failed and not report.imported and not report.duplicates:
        print("hashiya: error: nothing could be imported", file=sys.stderr)
        return EXIT_FAILURE
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from library.articles import list_articles

    with _open(args) as lib:
        rows = list_articles(lib)
    if args.json:
        _emit_json([r.to_json() for r in rows])
        return 0
    for r in rows:
        title = _text_out(r.title, args)
        print(f"{r.id:>6}  {r.words:>6} words  {r.annotations:>4} notes  {title}")
    return 0


def _article_id(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise UserError(f"article id must be a number, not {value!r}") from None
    if number < 1:
        raise UserError(f"article id must be positive, not {number}")
    return number


def cmd_show(args: argparse.Namespace) -> int:
    from library.annotations import annotations_for
    from library.articles import NotFound, get_article

    with _open(args) as lib:
        try:
            article = get_article(lib, _article_id(args.id))
        except NotFound as exc:
            raise UserError(str(exc)) from exc
        article.annotations = [a.to_json() for a in annotations_for(lib, article.id)]
    if args.json:
        _emit_json(article.to_json())
        return 0
    print(_text_out(article.title, args))
    print(f"[{article.source} · {article.encoding} · {article.words} words]")
    for caption in article.captions:
        print(_text_out(f"({caption})", args))
    print()
    print(_text_out(article.body, args))
    return 0


def _positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, not {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a positive number, not {number}")
    return number


def cmd_search(args: argparse.Namespace) -> int:
    from library.search import Filters, QueryError, search
    from library.terminal import emphasise

    filters = Filters(
        source=args.source, date_from=args.date_from, date_to=args.date_to, tag=args.tag,
        entity_id=args.entity,
    )  # fmt: skip
    query = " ".join(args.query)
    with _open(args) as lib:
        try:
            hits = search(lib, query, limit=args.limit, filters=filters)
        except QueryError as exc:
            raise UserError(str(exc)) from exc
    if args.json:
        _emit_json([h.to_json() for h in hits])
        return 0
    if not hits:
        print("no articles match", file=sys.stderr)
        return 0
    for hit in hits:
        title = _text_out(hit.title, args)
        print(f"{hit.article_id:>6}  {title}")
        print("        " + emphasise(hit, visual_order=args.visual, colour=sys.stdout.isatty()))
    return 0


def cmd_reindex(args: argparse.Namespace) -> int:
    from library import search_index

    with _open(args) as lib, lib.transaction():
        count = search_index.rebuild(lib.conn)
    if args.json:
        _emit_json({"indexed": count})
    else:
        print(f"indexed {count} article(s)")
    return 0


# --- annotation -------------------------------------------------------------------------


def _annotation_span(args: argparse.Namespace) -> tuple[int, int] | None:
    if args.start is None and args.end is None:
        return None
    if args.start is None or args.end is None:
        raise UserError("give both --start and --end")
    return args.start, args.end


def _checked_span(lib: Library, args: argparse.Namespace, article_id: int) -> tuple[int, int]:
    from library.annotations import article_body
    from library.entities import known_names
    from library.spans import entity_span, snap_to_words

    body = article_body(lib, article_id)
    start, end = args.start, args.end
    if not (0 <= start < end <= len(body)):
        raise UserError(
            f"--start/--end must satisfy 0 <= start < end <= {len(body)} "
            f"(the length of article {article_id}'s text), not {start}/{end}"
        )
    if not args.snap:
        return start, end
    if args.entity is not None:
        return entity_span(body, start, end, known_names(lib))
    return snap_to_words(body, start, end)


def _annotate(lib: Library, args: argparse.Namespace, article_id: int, whole: bool):
    """The new annotation and, for an entity mention, what the JSON adds about it."""
    from library.annotations import add_article_note, add_highlight, add_note
    from library.entities import tag_entity
    from library.entity_types import resolve_type
    from library.palette import resolve_colour

    if whole:
        return add_article_note(lib, article_id, args.note, author=args.author), {}
    start, end = _checked_span(lib, args, article_id)
    if args.highlight is not None:
        colour = resolve_colour(lib, args.highlight).id if args.highlight else None
        return add_highlight(lib, article_id, start, end, colour, author=args.author), {}
    if args.note is not None:
        return add_note(lib, article_id, start, end, args.note, author=args.author), {}
    entity_type = resolve_type(lib, args.entity).id
    tagging = tag_entity(
        lib, article_id, start, end, entity_type=entity_type, name=args.name, author=args.author
    )
    extra = {
        "entity_name": tagging.entity.name,
        "entity_type": tagging.entity.type,
        "entity_created": tagging.created,
    }
    return tagging.annotation, extra


def cmd_annotate(args: argparse.Namespace) -> int:
    from library.annotations import AnnotationError
    from library.articles import NotFound

    if args.name is not None and args.entity is None:
        raise UserError("--name goes with --entity TYPE")
    span = _annotation_span(args)
    if span is None and args.note is None:
        raise UserError("give the passage with --start and --end")
    article_id = _article_id(args.id)
    with _open(args) as lib:
        try:
            annotation, extra = _annotate(lib, args, article_id, whole=span is None)
        except (AnnotationError, NotFound) as exc:
            raise UserError(str(exc).strip("'\"")) from exc
    if args.json:
        _emit_json({**annotation.to_json(), **extra})
        return 0
    what = annotation.kind
    if extra:
        what += f" of {extra['entity_name']} ({extra['entity_type']})"
    where = (
        "the whole article"
        if annotation.is_article_note
        else f"{annotation.start}-{annotation.end} «{annotation.exact}»"
    )
    print(_text_out(f"article {article_id}: {what} at {where} [{annotation.id}]", args))
    return 0


def cmd_entities(args: argparse.Namespace) -> int:
    from library.annotations import AnnotationError
    from library.entities import entity_index
    from library.entity_types import resolve_type

    with _open(args) as lib:
        try:
            type_id = resolve_type(lib, args.type).id if args.type else None
        except AnnotationError as exc:
            raise UserError(str(exc)) from exc
        rows = entity_index(lib, type_id)
    if args.json:
        _emit_json([r.to_json() for r in rows])
        return 0
    for r in rows:
        aliases = f"  ({' / '.join(r.entity.aliases)})" if r.entity.aliases else ""
        line = f"{r.mentions:>5} mention(s) in {r.articles:>4} article(s)  {r.entity.type:<12}  {r.entity.name}{aliases}"
        print(_text_out(line, args) + f"  [{r.entity.id}]")
    return 0


def cmd_suggest(args: argparse.Namespace) -> int:
    from library.articles import NotFound
    from library.suggest import suggest

    article_id = _article_id(args.id)
    with _open(args) as lib:
        try:
            found = suggest(lib, article_id)
        except NotFound as exc:
            raise UserError(str(exc)) from exc
    if args.json:
        _emit_json([s.to_json() for s in found])
        return 0
    if not found:
        print("no suggestions", file=sys.stderr)
    for s in found:
        print(_text_out(f"{s.start:>6}-{s.end:<6} {s.type:<12} {s.source:<9} {s.text}", args))
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from library.anchoring import reanchor_article
    from library.maintenance import check

    with _open(args) as lib:
        report = check(lib, repair=args.repair, reanchor=reanchor_article)
    if args.json:
        _emit_json(report.to_json())
    else:
        for problem in report.problems:
            mark = "repaired: " if problem.repaired else ""
            print(f"{mark}{problem.kind}: {problem.message}", file=sys.stderr)
        if report.ok:
            print(
                f"ok: {report.articles} article(s), {report.annotations} annotation(s)"
                + (f", {len(report.problems)} problem(s) repaired" if report.problems else "")
            )
    return 0 if report.ok else EXIT_FAILURE


def cmd_backup(args: argparse.Namespace) -> int:
    from library.backup import BackupError, backup_file

    source = Path(args.library) if args.library else default_library_path()
    target = Path(args.path)
    if target.exists() and not args.force:
        raise UserError(f"{target} exists; give another name or --force to replace it")
    try:
        made = backup_file(source, target)
    except BackupError as exc:
        raise Failure(str(exc)) from exc
    print(f"backed up {source} to {made}")
    return 0


# --- export and import of annotations ---------------------------------------------------


def _pdf_writer():
    """The PDF writer: only `export --format pdf` ever loads Qt (for its text layout,
    which shapes Arabic), and it lives in the reader package, so it is looked up by name
    here instead of being imported by the Qt-free core."""
    import importlib

    try:
        module = importlib.import_module("reader.pdf_writer")
    except ImportError as exc:
        raise Failure(f"PDF export needs the desktop reader's Qt: {exc}") from exc
    return module.standalone_pdf_writer()


def _export_selection(lib: Library, args: argparse.Namespace):
    from library.annotations import AnnotationError
    from library.entity_types import resolve_type
    from library.export import Selection
    from library.palette import resolve_colour

    try:
        colours = tuple(resolve_colour(lib, c).id for c in args.colour) if args.colour else None
        types = tuple(resolve_type(lib, t).id for t in args.type) if args.type else None
    except AnnotationError as exc:
        raise UserError(str(exc)) from exc
    return Selection(
        article_ids=tuple(_article_id(a) for a in args.article) if args.article else None,
        tag=args.tag,
        query=args.query,
        date_from=args.date_from,
        date_to=args.date_to,
        kinds=tuple(args.kind) if args.kind else None,
        colours=colours,
        entity_types=types,
    )


def cmd_export(args: argparse.Namespace) -> int:
    from library.articles import NotFound
    from library.export import OutputExists, SelectionError, UnknownFormat, export
    from library.search import QueryError

    output = Path(args.output).expanduser()
    if output.exists() and not args.force:
        raise UserError(f"{output} exists; give another name or --force to replace it")
    pdf_writer = _pdf_writer() if args.format == "pdf" else None
    with _open(args) as lib:
        selection = _export_selection(lib, args)
        try:
            result = export(
                lib, args.format, output, selection, force=args.force, pdf_writer=pdf_writer
            )
        except (OutputExists, NotFound, SelectionError, QueryError, UnknownFormat) as exc:
            raise UserError(str(exc).strip("'\"")) from exc
        except (IsADirectoryError, FileNotFoundError) as exc:
            raise UserError(str(exc)) from exc
        except OSError as exc:
            raise Failure(f"cannot write {output}: {exc.strerror or exc}") from exc
    if args.json:
        _emit_json(result.to_json())
    else:
        print(
            f"exported {result.annotations} annotation(s) from {result.articles} article(s) "
            f"to {result.output} ({result.format})"
        )
    return 0


def cmd_import_annotations(args: argparse.Namespace) -> int:
    from library.export.importing import ReadError, import_annotations

    with _open(args) as lib:
        try:
            report = import_annotations(lib, args.path, args.format)
        except FileNotFoundError as exc:
            raise UserError(str(exc)) from exc
        except ReadError as exc:
            raise UserError(str(exc)) from exc
    nothing_read = report.files == 0 or (
        report.failed
        and all("where" not in f and "article" not in f for f in report.failed)
        and not (report.added or report.duplicates or report.unmatched)
    )
    if nothing_read and report.failed:
        first = report.failed[0]
        raise UserError(f"{first['path']}: {first['error']}")
    if nothing_read:
        raise UserError(f"no annotation files (.jsonld, .json, .ann, .zip, .conll) in {args.path}")
    if args.json:
        _emit_json(report.to_json())
        return 0
    print(
        f"added {report.added} annotation(s) ({report.reanchored} re-anchored), "
        f"{report.duplicates} already there, {report.entities_created} new entit(ies), "
        f"{len(report.unmatched)} unmatched article(s), {len(report.failed)} problem(s)"
    )
    for u in report.unmatched:
        print(f"  unmatched: {u['article']} ({u['annotations']} annotation(s)) in {u['path']}")
    for f in report.failed:
        where = f" {f['where']}" if "where" in f else ""
        print(f"  failed: {f['path']}{where}: {f['error']}")
    return 0


# --- parser -----------------------------------------------------------------------------

Command = Callable[[argparse.Namespace], int]


def _add_annotation_commands(add: Callable[[str, Command, str], argparse.ArgumentParser]) -> None:
    p = add("annotate", cmd_annotate, "highlight, note or tag an entity in an article")
    p.add_argument("id", metavar="ID")
    p.add_argument("--start", type=int, metavar="S", help="first code point of the passage")
    p.add_argument("--end", type=int, metavar="E", help="code point after the passage")
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument(
        "--highlight",
        nargs="?",
        const="",
        metavar="COLOUR",
        help="highlight in a palette colour (id or name; default the first)",
    )
    what.add_argument(
        "--note", metavar="TEXT", help="a note (without --start/--end: on the whole article)"
    )
    what.add_argument("--entity", metavar="TYPE", help="tag a mention of an entity of this type")
    p.add_argument(
        "--name", help="the entity's name (default: the passage); an existing one is linked"
    )
    p.add_argument(
        "--snap",
        action="store_true",
        help="grow the passage to whole words (and leave an attached clitic out of an entity)",
    )
    p.add_argument("--author", help="who annotates (default: the library's author or user)")
    p.add_argument("--json", action="store_true", help="print the new annotation as JSON")
    p.add_argument(
        "--visual", action="store_true", help="Arabic in visual order for plain terminals"
    )

    p = add("entities", cmd_entities, "list the entities with their mentions and aliases")
    p.add_argument("--type", metavar="TYPE", help="only entities of this type")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument(
        "--visual", action="store_true", help="Arabic in visual order for plain terminals"
    )

    p = add("suggest", cmd_suggest, "suggest entity mentions in one article")
    p.add_argument("id", metavar="ID")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument(
        "--visual", action="store_true", help="Arabic in visual order for plain terminals"
    )


def _add_export_commands(add: Callable[[str, Command, str], argparse.ArgumentParser]) -> None:
    p = add(
        "export",
        cmd_export,
        "export annotations (markdown, csv, json, brat, conll, tei, docx, pdf)",
    )
    p.add_argument(
        "--format",
        required=True,
        choices=EXPORT_FORMATS,
        metavar="FORMAT",
        help="markdown, csv, json (W3C JSON-LD), brat, conll, tei, docx or pdf",
    )
    p.add_argument(
        "--output",
        required=True,
        metavar="PATH",
        help="file to write (brat: a folder, or a .zip if PATH ends in .zip)",
    )
    p.add_argument(
        "--article", action="extend", nargs="+", metavar="ID", help="only these articles"
    )
    p.add_argument(
        "--type",
        action="extend",
        nargs="+",
        metavar="TYPE",
        help="only entity mentions of these types",
    )
    p.add_argument(
        "--kind",
        action="extend",
        nargs="+",
        choices=["highlight", "note", "entity"],
        help="only annotations of these kinds",
    )
    p.add_argument(
        "--colour",
        action="extend",
        nargs="+",
        metavar="C",
        help="only highlights in these colours (id or name)",
    )
    p.add_argument("--tag", metavar="T", help="only articles with this tag")
    p.add_argument("--query", metavar="Q", help="only articles this search finds")
    p.add_argument(
        "--from", dest="date_from", metavar="DATE", help="only articles dated DATE or later"
    )
    p.add_argument(
        "--to", dest="date_to", metavar="DATE", help="only articles dated DATE or earlier"
    )
    p.add_argument("--force", action="store_true", help="replace PATH if it exists")
    p.add_argument("--json", action="store_true", help="print what was written as JSON")

    p = add(
        "import-annotations",
        cmd_import_annotations,
        "add annotations from W3C JSON-LD, brat or CoNLL files to matching articles",
    )
    p.add_argument("path", metavar="PATH", help="a file, a brat .zip, or a folder of them")
    p.add_argument(
        "--format",
        choices=["json", "brat", "conll"],
        help="read files as this format (default: by their extension)",
    )
    p.add_argument("--json", action="store_true", help="print the report as JSON")


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--library",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="library file (default: $HASHIYA_LIBRARY, else library.sqlite in the user data folder)",
    )
    parser = _Parser(
        prog="hashiya",
        description="Read, search and annotate collections of Arabic news articles.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"hashiya {library.__version__}")
    parser.add_argument("--lang", choices=["ar", "en"], help="interface language of the GUI")
    parser.add_argument("--smoke-test", action="store_true", help=SMOKE_TEST_HELP)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def add(name: str, func: Command, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text, parents=[common])
        p.set_defaults(func=func)
        return p

    p = add("gui", cmd_gui, "open the desktop reader (the default)")
    p.add_argument(
        "--lang", choices=["ar", "en"], default=argparse.SUPPRESS, help="interface language"
    )
    p.add_argument(
        "--smoke-test", action="store_true", default=argparse.SUPPRESS, help=SMOKE_TEST_HELP
    )

    p = add("import", cmd_import, "import article files or folders (recursive)")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument(
        "--field",
        action="append",
        metavar="OURS=THEIRS",
        help="map a field of JSON/CSV exports, e.g. --field body=story (repeatable)",
    )

    p = add("list", cmd_list, "list the articles in the library")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument(
        "--visual", action="store_true", help="Arabic in visual order for plain terminals"
    )

    p = add("show", cmd_show, "print one article")
    p.add_argument("id", metavar="ID")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument(
        "--visual", action="store_true", help="Arabic in visual order for plain terminals"
    )

    p = add("search", cmd_search, "search the library (Arabic-aware)")
    p.add_argument(
        "query", metavar="QUERY", nargs="*", help='words, "a phrase", a OR b, -word, word*'
    )
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--limit", type=_positive_int, default=20, help="at most N results (20)")
    p.add_argument(
        "--visual", action="store_true", help="Arabic in visual order for plain terminals"
    )
    p.add_argument("--source", help="only articles from this site or file")
    p.add_argument("--from", dest="date_from", metavar="DATE", help="only articles from DATE on")
    p.add_argument("--to", dest="date_to", metavar="DATE", help="only articles up to DATE")
    p.add_argument("--tag", help="only articles with this tag")
    p.add_argument("--entity", metavar="ID", help="only articles that mention this entity")

    p = add("reindex", cmd_reindex, "rebuild the search index (after the search rules change)")
    p.add_argument("--json", action="store_true", help="print JSON")

    _add_annotation_commands(add)

    _add_export_commands(add)

    p = add(
        "check",
        cmd_check,
        "check the library (integrity, search index, annotation offsets); exit 1 on problems",
    )
    p.add_argument(
        "--repair",
        action="store_true",
        help="rebuild the search index and re-anchor annotations; report what cannot be fixed",
    )
    p.add_argument("--json", action="store_true", help="print the report as JSON")

    p = add(
        "backup", cmd_backup, "write a consistent copy of the library (safe while it is in use)"
    )
    p.add_argument("path", metavar="PATH", help="the backup file to write")
    p.add_argument("--force", action="store_true", help="replace PATH if it exists")

    return parser


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        # A C or POSIX locale would otherwise fail on the first Arabic letter.
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")
    parser = build_parser()
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
        func: Command = getattr(args, "func", cmd_gui)
        return func(args)
    except (UserError, Failure) as exc:
        print(f"hashiya: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except LibraryError as exc:
        print(f"hashiya: error: {exc}", file=sys.stderr)
        return getattr(exc, "exit_code", EXIT_FAILURE)
    except KeyboardInterrupt:
        print("hashiya: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
