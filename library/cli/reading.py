"""Reading the library: the GUI, import, list, show, search, reindex."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from library.cli.common import (
    EXIT_BAD_INPUT,
    EXIT_FAILURE,
    SMOKE_TEST_HELP,
    Add,
    Failure,
    UserError,
    emit_json,
    library_path,
    open_lib,
    parse_article_id,
    positive_int,
    text_out,
)


def cmd_gui(args: argparse.Namespace) -> int:
    start_gui = getattr(args, "start_gui", None)
    if start_gui is None:
        raise Failure(
            "the window opens with the hashiya command (python -m reader.launch); this entry "
            "point runs the sub-commands only (see --help)"
        )
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
    path = library_path(args)
    smoke_test = getattr(args, "smoke_test", False) or os.environ.get("HASHIYA_SMOKE_TEST") == "1"
    return start_gui(path, lang=getattr(args, "lang", None), smoke_test=smoke_test)


def _parse_field_map(pairs: Sequence[str]) -> dict[str, str]:
    from library.ingest.formats.records import FIELDS

    mapping: dict[str, str] = {}
    for pair in pairs:
        ours, sep, theirs = pair.partition("=")
        if not sep or ours not in FIELDS or not theirs:
            raise UserError(f"--field wants OURS=THEIRS with OURS one of {', '.join(FIELDS)}")
        mapping[ours] = theirs
    return mapping


def cmd_import(args: argparse.Namespace) -> int:
    from collections import Counter

    from library.cli.terminal import ProgressBar
    from library.ingest.importer import import_paths

    field_map = _parse_field_map(args.field or [])
    bar = ProgressBar() if not args.json else None

    def show(p) -> None:  # a web archive read: how far into it, and its articles so far
        name = Path(p.current).name
        if p.bytes_total:
            name += f" {100 * p.bytes_done // p.bytes_total}% ({p.imported} articles)"
        bar.update(p.files_done, p.files_total, name)

    # A bag exported by Hashiya is restored whole (articles, annotations, metadata), not
    # read as a folder of files: its raw texts and listings are no articles of their own.
    bags = [p for p in args.paths if _is_bag(p)]
    paths = [p for p in args.paths if p not in bags]
    restored = []
    with open_lib(args) as lib:
        report = import_paths(lib, paths, field_map=field_map, progress=show if bar else None)
        for folder in bags:
            restored.append(_restore_bag(lib, folder))
    if bar:
        bar.finish()
    if args.json:
        emit_json({**report.to_json(), "bags": restored} if bags else report.to_json())
    else:
        for folder, done in zip(bags, restored, strict=True):
            print(
                f"restored the bag {folder}: {done['articles'].get('imported', 0)} article(s), "
                f"{done['annotations'].get('added', 0)} annotation(s), "
                f"metadata of {done['metadata']} article(s)"
            )
        print(
            f"imported {report.imported} article(s), {report.duplicates} duplicate(s), "
            f"{len(report.failed)} file(s) skipped"
            + (
                f", {report.skipped_count} archive record(s) skipped"
                if report.skipped_count
                else ""
            )
        )
        for failure in report.failed:
            print(f"  skipped {failure.path}: {failure.error}")
        # an archive holds thousands of records that are no article: counted by reason
        reasons = Counter((e["path"], e["reason"]) for e in report.skipped)
        for (path, reason), count in reasons.items():
            print(f"  skipped in {path}: {reason}" + (f" × {count}" if count > 1 else ""))
        if report.skipped_count > len(report.skipped):
            print(f"  … and {report.skipped_count - len(report.skipped)} more record(s)")
    missing = [f for f in report.failed if f.error == "no such file or folder"]
    if missing and len(missing) == len(paths) and not bags:
        print(f"hashiya: error: no such file or folder: {missing[0].path}", file=sys.stderr)
        return EXIT_BAD_INPUT
    if report.failed and not report.imported and not report.duplicates:
        print("hashiya: error: nothing could be imported", file=sys.stderr)
        return EXIT_FAILURE
    return 0


def _search_translations(args: argparse.Namespace, query: str) -> int:
    """The translations' own index (Latin letters folded, no Arabic rules)."""
    from library.translation.search import search_translations

    with open_lib(args, reading=True) as lib:
        found = search_translations(lib, query, limit=args.limit)
    if args.json:
        emit_json([{"article": a, "segment": s, "snippet": t} for a, s, t in found])
        return 0
    if not found:
        print("no translations match", file=sys.stderr)
    for article_id, segment_id, snippet in found:
        print(f"{article_id:>6}  {text_out(snippet, args)}  [{segment_id}]")
    return 0


def _is_bag(path: str) -> bool:
    folder = Path(path).expanduser()
    return (folder / "bagit.txt").is_file() and (folder / "data" / "metadata.json").is_file()


def _restore_bag(lib, folder: str) -> dict:
    from library.exchange.bag import BagError, restore

    try:
        return restore(lib, folder).to_json()
    except BagError as exc:
        raise UserError(f"{folder}: {exc}") from exc


def cmd_list(args: argparse.Namespace) -> int:
    from library.storage.articles import list_articles

    with open_lib(args, reading=True) as lib:
        rows = list_articles(lib, publisher=args.publisher, author=args.author)
    if args.json:
        emit_json([r.to_json() for r in rows])
        return 0
    for r in rows:
        title = text_out(r.title, args)
        print(f"{r.id:>6}  {r.words:>6} words  {r.annotations:>4} notes  {title}")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from library.marks.annotations import annotations_for
    from library.storage.articles import NotFound, get_article
    from library.storage.metadata import metadata

    with open_lib(args, reading=True) as lib:
        try:
            article = get_article(lib, parse_article_id(args.id))
        except NotFound as exc:
            raise UserError(str(exc)) from exc
        article.annotations = [a.to_json() for a in annotations_for(lib, article.id)]
        meta = metadata(lib, article.id)
    if args.json:
        emit_json({**article.to_json(), "metadata": meta.to_json()})
        return 0
    print(text_out(article.title, args))
    print(f"[{article.source} · {article.encoding} · {article.words} words]")
    for caption in article.captions:
        print(text_out(f"({caption})", args))
    print()
    print(text_out(article.body, args))
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    from library.cli.terminal import emphasise
    from library.search.engine import QueryError, count, search
    from library.storage.filters import Filters

    filters = Filters(
        source=args.source, date_from=args.date_from, date_to=args.date_to, tag=args.tag,
        entity_id=args.entity, mentions_from=args.mentions_from, mentions_to=args.mentions_to,
        publisher=args.publisher, author=args.author,
    )  # fmt: skip
    query = " ".join(args.query)
    if args.translations:
        return _search_translations(args, query)
    with open_lib(args, reading=True) as lib:
        try:
            hits = search(lib, query, limit=args.limit, filters=filters)
            # A short page is the whole answer; only a full one needs counting.
            total = len(hits) if len(hits) < args.limit else count(lib, query, filters)
        except QueryError as exc:
            if exc.reason == "stale-index":  # a read-only library: not the query's fault
                raise Failure(f"{exc} ({lib.path} is read-only)") from exc
            raise UserError(str(exc)) from exc
    results = [h.to_json() for h in hits]
    if args.json:
        emit_json({"total": total, "results": results} if args.with_total else results)
        return 0
    if not hits:
        print("no articles match", file=sys.stderr)
        return 0
    for hit in hits:
        title = text_out(hit.title, args)
        print(f"{hit.article_id:>6}  {title}")
        print("        " + emphasise(hit, visual_order=args.visual, colour=sys.stdout.isatty()))
    if args.with_total:
        print(f"{len(hits)} of {total} matching article(s)")
    return 0


def cmd_reindex(args: argparse.Namespace) -> int:
    from library.storage import search_index

    with open_lib(args) as lib, lib.transaction():
        count = search_index.rebuild(lib.conn)
    if args.json:
        emit_json({"indexed": count})
    else:
        print(f"indexed {count} article(s)")
    return 0


def _metadata_filters(p: argparse.ArgumentParser) -> None:
    p.add_argument("--publisher", metavar="NAME", help="only articles from this publisher")
    p.add_argument("--author", metavar="NAME", help="only articles with this author")


def register(add: Add) -> None:
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
    _metadata_filters(p)
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
        "--translations",
        action="store_true",
        help="search the translations of the segments instead (Latin letters folded)",
    )
    p.add_argument(
        "query", metavar="QUERY", nargs="*", help='words, "a phrase", a OR b, -word, word*'
    )
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--limit", type=positive_int, default=20, help="at most N results (20)")
    p.add_argument(
        "--with-total",
        action="store_true",
        help='also the number of matching articles: --json prints {"total": N, "results": [...]}',
    )
    p.add_argument(
        "--visual", action="store_true", help="Arabic in visual order for plain terminals"
    )
    p.add_argument("--source", help="only articles from this site or file")
    p.add_argument("--from", dest="date_from", metavar="DATE", help="only articles from DATE on")
    p.add_argument("--to", dest="date_to", metavar="DATE", help="only articles up to DATE")
    _metadata_filters(p)
    p.add_argument(
        "--mentions-from",
        metavar="DATE",
        help="only articles that mention a date (a tagged date's ISO value) on or after DATE",
    )
    p.add_argument(
        "--mentions-to",
        metavar="DATE",
        help="only articles that mention a date on or before DATE",
    )
    p.add_argument("--tag", help="only articles with this tag")
    p.add_argument("--entity", metavar="ID", help="only articles that mention this entity")

    p = add("reindex", cmd_reindex, "rebuild the search index (after the search rules change)")
    p.add_argument("--json", action="store_true", help="print JSON")
