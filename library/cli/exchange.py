"""Annotations in and out: export, import-annotations."""

from __future__ import annotations

import argparse
from pathlib import Path

from library.cli.common import (
    EXPORT_FORMATS,
    Add,
    Failure,
    UserError,
    add_author_option,
    emit_json,
    open_lib,
    parse_article_id,
)
from library.storage.database import Library


def _export_selection(lib: Library, args: argparse.Namespace):
    from library.exchange import Selection
    from library.marks.annotations import AnnotationError
    from library.marks.entity_types import resolve_type
    from library.marks.palette import resolve_colour

    try:
        colours = tuple(resolve_colour(lib, c).id for c in args.colour) if args.colour else None
        types = tuple(resolve_type(lib, t).id for t in args.type) if args.type else None
    except AnnotationError as exc:
        raise UserError(str(exc)) from exc
    return Selection(
        article_ids=tuple(parse_article_id(a) for a in args.article) if args.article else None,
        tag=args.tag,
        query=args.query,
        date_from=args.date_from,
        date_to=args.date_to,
        kinds=tuple(args.kind) if args.kind else None,
        colours=colours,
        entity_types=types,
        # `--layer ""` names the unattributed layer (rows that name nobody).
        authors=tuple(a or None for a in args.layer) if args.layer else None,
    )


def cmd_export(args: argparse.Namespace) -> int:
    from library.exchange import (
        CITATIONS,
        TRANSLATION_FORMATS,
        OutputExists,
        SelectionError,
        UnknownFormat,
        check_output,
        export,
    )
    from library.search.engine import QueryError
    from library.storage.articles import NotFound

    output = Path(args.output).expanduser()
    try:  # before opening the library: an existing file, a device, a folder of the user's
        check_output(args.format, output, force=args.force)
    except (OutputExists, IsADirectoryError, FileNotFoundError) as exc:
        raise UserError(str(exc)) from exc
    with open_lib(args, reading=True) as lib:
        selection = _export_selection(lib, args)
        try:
            result = export(
                lib,
                args.format,
                output,
                selection,
                force=args.force,
                conll_dialect=args.conll_dialect,
                lang=args.target_lang,
            )
        except (OutputExists, NotFound, SelectionError, QueryError, UnknownFormat) as exc:
            raise UserError(str(exc).strip("'\"")) from exc
        except (IsADirectoryError, FileNotFoundError) as exc:
            raise UserError(str(exc)) from exc
        except OSError as exc:
            raise Failure(f"cannot write {output}: {exc.strerror or exc}") from exc
    if args.json:
        emit_json(result.to_json())
    elif result.format in CITATIONS:
        print(f"exported {result.articles} reference(s) to {result.output} ({result.format})")
    elif result.format in TRANSLATION_FORMATS:
        print(f"exported {result.articles} article(s) to {result.output} ({result.format})")
    else:
        relations = f" and {result.relations} relation(s)" if result.relations else ""
        print(
            f"exported {result.annotations} annotation(s){relations} from "
            f"{result.articles} article(s) to {result.output} ({result.format})"
        )
        if result.format == "csv" and result.relations:
            from library.exchange import relations_path

            print(f"relations in {relations_path(result.output)}")
        for line in left_out_lines(result.left_out):
            print(line)
    return 0


def left_out_lines(left_out) -> list[str]:
    """What an export left out, one line per reason: how many, why, in which articles;
    the annotations first, then the relations."""
    lines: list[str] = []
    relations = [i for i in left_out if i.get("kind") == "relation"]
    annotations = [i for i in left_out if i.get("kind") != "relation"]
    for what, group in (("annotation(s)", annotations), ("relation(s)", relations)):
        if not group:
            continue
        by_reason: dict[str, list[dict]] = {}
        for item in group:
            by_reason.setdefault(item["why"], []).append(item)
        lines.append(f"left out {len(group)} {what}:")
        for why, items in by_reason.items():
            articles = sorted({item["article"] for item in items})
            shown = ", ".join(map(str, articles[:10])) + (" …" if len(articles) > 10 else "")
            lines.append(f"  {len(items)}: {why} (article(s) {shown})")
    return lines


def cmd_import_annotations(args: argparse.Namespace) -> int:
    from library.exchange.import_annotations import LibraryFailed, import_annotations
    from library.exchange.incoming import ReadError

    with open_lib(args) as lib:
        try:
            report = import_annotations(lib, args.path, args.format)
        except FileNotFoundError as exc:
            raise UserError(str(exc)) from exc
        except ReadError as exc:
            raise UserError(str(exc)) from exc
        except LibraryFailed as exc:  # a full disk, a damaged library: not the file's fault
            raise Failure(str(exc)) from exc
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
        emit_json(report.to_json())
        return 0
    print(
        f"added {report.added} annotation(s) ({report.reanchored} re-anchored), "
        f"{report.duplicates} already there, {report.entities_created} new entit(ies), "
        f"{report.relations_added} relation(s) added ({report.relation_duplicates} already "
        "there), "
        f"{len(report.unmatched)} unmatched article(s), {len(report.failed)} problem(s)"
    )
    for u in report.unmatched:
        print(f"  unmatched: {u['article']} ({u['annotations']} annotation(s)) in {u['path']}")
    for f in report.failed:
        where = f" {f['where']}" if "where" in f else ""
        print(f"  failed: {f['path']}{where}: {f['error']}")
    return 0


def register(add: Add) -> None:
    p = add(
        "export",
        cmd_export,
        "export annotations (markdown, csv, json, brat, conll, tei, docx, pdf), "
        "citations (csl-json, ris, bibtex), an archival package (bagit), translations "
        "(xliff, xliff12, tmx, bilingual-docx) or the glossary (tbx, omegat)",
    )
    p.add_argument(
        "--format",
        required=True,
        choices=EXPORT_FORMATS,
        metavar="FORMAT",
        help="markdown, csv, json (W3C JSON-LD), brat, conll, tei, docx, pdf; citations of "
        "the selected articles: csl-json, ris, bibtex; an archival package: bagit (a folder); "
        "their translations: xliff (2.1), xliff12, tmx, bilingual-docx; the glossary: tbx, "
        "omegat. Relations between entity mentions go in json, brat, tei and csv",
    )
    p.add_argument(
        "--output",
        required=True,
        metavar="PATH",
        help="file to write (brat: a folder, or a .zip if PATH ends in .zip; bagit: a folder; "
        "csv: relations between mentions go in NAME.relations.csv beside it)",
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
    p.add_argument(
        "--layer",
        action="append",
        metavar="AUTHOR",
        help="only the annotations and relations of this author's layer (repeat for "
        "several; 'curation' is the curated layer; \"\" the unattributed one)",
    )
    p.add_argument("--tag", metavar="T", help="only articles with this tag")
    p.add_argument("--query", metavar="Q", help="only articles this search finds")
    p.add_argument(
        "--from", dest="date_from", metavar="DATE", help="only articles dated DATE or later"
    )
    p.add_argument(
        "--to", dest="date_to", metavar="DATE", help="only articles dated DATE or earlier"
    )
    p.add_argument(
        "--conll-dialect",
        choices=["conll2003", "commented"],
        default="conll2003",
        help="CoNLL only: conll2003 (-DOCSTART- between articles, columns TOKEN -X- -X- TAG; "
        "the default) or commented (# doc_id and # title lines, TOKEN<TAB>TAG)",
    )
    p.add_argument(
        "--lang",
        dest="target_lang",
        metavar="L",
        help="translation formats only: the target language (default: the library's)",
    )
    p.add_argument("--force", action="store_true", help="replace PATH if it exists")
    p.add_argument("--json", action="store_true", help="print what was written as JSON")

    p = add(
        "import-annotations",
        cmd_import_annotations,
        "add annotations from W3C JSON-LD, brat or CoNLL files to matching articles",
    )
    p.add_argument("path", metavar="PATH", help="a file, a brat .zip, or a folder of them")
    add_author_option(p)
    p.add_argument(
        "--format",
        choices=["json", "brat", "conll"],
        help="read files as this format (default: by their extension)",
    )
    p.add_argument("--json", action="store_true", help="print the report as JSON")
