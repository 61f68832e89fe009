"""Translating from scripts: segments, translate, glossary, import-translations.
(Exporting translations is `hashiya export --format xliff|xliff12|tmx|tbx|omegat|
bilingual-docx`, in `library.cli.exchange`.)"""

from __future__ import annotations

import argparse

from library.cli.common import (
    Add,
    Failure,
    UserError,
    add_author_option,
    emit_json,
    open_lib,
    parse_article_id,
    text_out,
)

STATUSES = ("new", "draft", "translated", "reviewed")


def cmd_segments(args: argparse.Namespace) -> int:
    from library.storage.articles import NotFound
    from library.translation.segments import segments

    article_id = parse_article_id(args.id)
    with open_lib(args, reading=True) as lib:
        try:
            rows = segments(lib, article_id)
        except NotFound as exc:
            raise UserError(str(exc).strip("'\"")) from exc
    if args.json:
        emit_json([s.to_json() for s in rows])
        return 0
    for n, s in enumerate(rows, 1):
        line = f"{n:>4} {s.status:<10} {s.start}-{s.end}  {s.exact}"
        print(text_out(line, args) + f"  [{s.id}]")
        if s.target:
            print(f"     → {s.target}")
        if s.note:
            print(f"     note: {s.note}")
    return 0


def cmd_translate(args: argparse.Namespace) -> int:
    from library.ops import translating
    from library.storage.articles import NotFound
    from library.translation.segments import SegmentError, find_segment

    article_id = parse_article_id(args.id)
    with open_lib(args) as lib:
        try:
            segment = find_segment(lib, article_id, args.segment)
            op = translating.translate(lib, segment.id, args.text, args.status)
        except (NotFound, SegmentError) as exc:
            raise UserError(str(exc).strip("'\"")) from exc
    if args.json:
        emit_json(op.result.to_json())
        return 0
    print(f"article {article_id}: segment {op.result.id} {op.result.status}: {op.result.target}")
    return 0


def _entity(lib, given: str):
    from library.marks.entities import find_entity, get_entity
    from library.storage.articles import NotFound

    try:
        return get_entity(lib, given)
    except NotFound:
        found = find_entity(lib, given)
        if found is None:
            raise UserError(f"no entity {given!r} (give its id or its name)") from None
        return found


def cmd_glossary(args: argparse.Namespace) -> int:
    from library.translation import glossary

    if args.action is None:
        if args.entity is not None:
            raise UserError(
                f"unknown glossary command {args.entity!r}; try: glossary set ENTITY --term T"
            )
        with open_lib(args, reading=True) as lib:
            rows = glossary.glossary(lib, args.target_lang)
        if args.json:
            emit_json(rows)
            return 0
        for r in rows:
            print(
                text_out(f"{r['name']}  →  {r['term']}  ({r['lang']})", args) + f"  [{r['entity']}]"
            )
        return 0
    if args.entity is None or args.term is None:
        raise UserError("glossary set needs an ENTITY (id or name) and --term T")
    from library.ops import translating

    with open_lib(args) as lib:
        entity = _entity(lib, args.entity)
        try:
            op = translating.set_term(
                lib, entity.id, args.term, lang=args.target_lang, forbidden=args.forbidden
            )
        except ValueError as exc:
            raise UserError(str(exc)) from exc
    entry = op.result
    if args.json:
        emit_json(
            {
                "entity": entity.id,
                "name": entity.name,
                "lang": entry.lang,
                "term": entry.preferred,
                "forbidden": list(entry.forbidden),
            }
        )
        return 0
    shown = f"{entity.name}  →  {entry.preferred or '(none)'}  ({entry.lang})"
    if entry.forbidden:
        shown += f"; not: {', '.join(entry.forbidden)}"
    print(text_out(shown, args))
    return 0


def cmd_import_translations(args: argparse.Namespace) -> int:
    from library.translation.importing import TranslationImportError, import_translations

    with open_lib(args) as lib:
        try:
            report = import_translations(lib, args.path)
        except FileNotFoundError as exc:
            raise UserError(str(exc)) from exc
        except TranslationImportError as exc:
            raise UserError(str(exc)) from exc
        except OSError as exc:
            raise Failure(f"cannot read {args.path}: {exc.strerror or exc}") from exc
    if args.json:
        emit_json(report.to_json())
        return 0
    print(
        f"{report.updated} segment(s) updated, {report.unchanged} unchanged, "
        f"{len(report.unplaced)} unit(s) not placed, {len(report.conflicts)} conflict(s) "
        f"(the library's translation kept), from {report.files} file(s)"
    )
    for u in report.unplaced:
        print(f"  not placed: unit {u['unit']} in {u['file']}: {u['why']}")
    for c in report.conflicts:
        print(
            f"  conflict: segment {c['segment']}: kept {c['library']!r}, not {c['file_target']!r}"
        )
    return 0


def register(add: Add) -> None:
    p = add("segments", cmd_segments, "an article's sentence segments and their translation")
    p.add_argument("id", metavar="ID")
    p.add_argument("--visual", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--json", action="store_true", help="print the segments as JSON")

    p = add("translate", cmd_translate, "set the translation of one segment of an article")
    p.add_argument("id", metavar="ID")
    p.add_argument("segment", metavar="SEGMENT", help="the segment's id, or its number (1 = first)")
    p.add_argument("--text", required=True, metavar="T", help="the translation")
    add_author_option(p)
    p.add_argument(
        "--status",
        choices=STATUSES,
        metavar="S",
        help="new, draft, translated or reviewed (default: draft for a new segment, else kept)",
    )
    p.add_argument("--json", action="store_true", help="print the segment as JSON")

    p = add(
        "glossary",
        cmd_glossary,
        "the entities' preferred translations; `glossary set ENTITY --term T` sets one",
    )
    p.add_argument("action", nargs="?", choices=["set"], metavar="set", help="set a term")
    p.add_argument("entity", nargs="?", metavar="ENTITY", help="an entity's id or name")
    p.add_argument("--term", metavar="T", help="the translation")
    p.add_argument("--forbidden", action="store_true", help="add T as a forbidden variant instead")
    add_author_option(p)
    p.add_argument(
        "--lang",
        dest="target_lang",
        metavar="L",
        help="the target language (default: the library's, en unless set)",
    )
    p.add_argument("--visual", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--json", action="store_true", help="print as JSON")

    p = add(
        "import-translations",
        cmd_import_translations,
        "read back an XLIFF (2.x or 1.2) file translated in a CAT tool",
    )
    p.add_argument("path", metavar="PATH")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
