"""Annotating from scripts: annotate, entities, suggest."""

from __future__ import annotations

import argparse
import sys

from library.cli.common import (
    Add,
    UserError,
    add_author_option,
    emit_json,
    open_lib,
    parse_article_id,
    text_out,
)
from library.storage.store import Library


def _annotation_span(args: argparse.Namespace) -> tuple[int, int] | None:
    if args.start is None and args.end is None:
        return None
    if args.start is None or args.end is None:
        raise UserError("give both --start and --end")
    return args.start, args.end


def _checked_span(lib: Library, args: argparse.Namespace, article_id: int) -> tuple[int, int]:
    from library.marks.annotations import article_body
    from library.marks.entities import known_names
    from library.text.spans import entity_span, snap_to_words

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
    """The operation (the same one the reader runs) and, for an entity mention, what the
    JSON adds about it."""
    from library.marks.entity_types import resolve_type
    from library.marks.palette import resolve_colour
    from library.ops import annotating, naming

    who = args.acting_author
    if whole:
        return annotating.add_article_note(lib, article_id, args.note, author=who), {}
    start, end = _checked_span(lib, args, article_id)
    if args.highlight is not None:
        colour = resolve_colour(lib, args.highlight).id if args.highlight else None
        # Always a new highlight from a script: "highlight again to recolour" is a gesture.
        return annotating.add_highlight(lib, article_id, start, end, colour, author=who), {}
    if args.note is not None:
        return annotating.add_note(lib, article_id, start, end, args.note, author=who), {}
    entity_type = resolve_type(lib, args.entity).id
    op = naming.tag_entity(
        lib, article_id, start, end, entity_type=entity_type, name=args.name, author=who
    )
    extra = {
        "entity_name": op.result.entity.name,
        "entity_type": op.result.entity.type,
        "entity_created": op.result.created,
    }
    return op, extra


def cmd_annotate(args: argparse.Namespace) -> int:
    from library.marks.annotations import AnnotationError
    from library.storage.articles import NotFound

    if args.name is not None and args.entity is None:
        raise UserError("--name goes with --entity TYPE")
    span = _annotation_span(args)
    if span is None and args.note is None:
        raise UserError("give the passage with --start and --end")
    article_id = parse_article_id(args.id)
    with open_lib(args) as lib:
        try:
            op, extra = _annotate(lib, args, article_id, whole=span is None)
        except (AnnotationError, NotFound) as exc:
            raise UserError(str(exc).strip("'\"")) from exc
    result = op.result
    annotation = result.annotation if extra else result[0]
    if args.json:
        # The operation and its change record only on request: the plain shape is the
        # one `show` prints, which scripts compare.
        emit_json({**annotation.to_json(), **extra, **(op.to_json() if args.changes else {})})
        return 0
    what = annotation.kind
    if extra:
        what += f" of {extra['entity_name']} ({extra['entity_type']})"
    where = (
        "the whole article"
        if annotation.is_article_note
        else f"{annotation.start}-{annotation.end} «{annotation.exact}»"
    )
    print(text_out(f"article {article_id}: {what} at {where} [{annotation.id}]", args))
    return 0


def cmd_entities(args: argparse.Namespace) -> int:
    from library.marks.annotations import AnnotationError
    from library.marks.entities import entity_index
    from library.marks.entity_types import resolve_type

    with open_lib(args, reading=True) as lib:
        try:
            type_id = resolve_type(lib, args.type).id if args.type else None
        except AnnotationError as exc:
            raise UserError(str(exc)) from exc
        rows = entity_index(lib, type_id)
    if args.json:
        emit_json([r.to_json() for r in rows])
        return 0
    for r in rows:
        aliases = f"  ({' / '.join(r.entity.aliases)})" if r.entity.aliases else ""
        line = f"{r.mentions:>5} mention(s) in {r.articles:>4} article(s)  {r.entity.type:<12}  {r.entity.name}{aliases}"
        print(text_out(line, args) + f"  [{r.entity.id}]")
    return 0


def cmd_layers(args: argparse.Namespace) -> int:
    from library.marks.author_layers import author_layers

    with open_lib(args, reading=True) as lib:
        rows = author_layers(lib)
    if args.json:
        emit_json([r.to_json() for r in rows])
        return 0
    if not rows:
        print("no annotations, relations or translations yet", file=sys.stderr)
    for r in rows:
        who = r.author if r.author is not None else "(unattributed)"
        line = (
            f"{r.annotations:>6} annotation(s) ({r.mentions} mention(s)) in {r.articles:>4} "
            f"article(s), {r.relations} relation(s), {r.segments} translated segment(s)  {who}"
        )
        print(text_out(line, args))
    return 0


def _confidence(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"not a confidence between 0 and 1: {text!r}")
    return value


def cmd_suggest(args: argparse.Namespace) -> int:
    from library.marks.recommender import current_model
    from library.marks.suggest import suggest
    from library.storage.articles import NotFound

    article_id = parse_article_id(args.id)
    with open_lib(args, reading=True) as lib:
        try:
            # The model learned from this library's tagging: trained again (seconds) only
            # when the tagging changed since it was cached.
            model = None if args.no_learning else current_model(lib)
            found = suggest(
                lib,
                article_id,
                model=model,
                learn=not args.no_learning,
                min_confidence=args.min_confidence,
            )
        except NotFound as exc:
            raise UserError(str(exc)) from exc
    if args.json:
        emit_json([s.to_json() for s in found])
        return 0
    if not found:
        print("no suggestions", file=sys.stderr)
    for s in found:
        line = f"{s.start:>6}-{s.end:<6} {s.type:<12} {s.source:<9} {s.confidence:.2f}  {s.text}"
        if s.value:
            line += f"  [{s.value}]"
        print(text_out(line, args))
    return 0


def register(add: Add) -> None:
    p = add("layers", cmd_layers, "list the authors' layers: who made how much in this library")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument(
        "--visual", action="store_true", help="Arabic in visual order for plain terminals"
    )
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
    add_author_option(p)
    p.add_argument(
        "--json",
        action="store_true",
        help="print the new annotation as JSON",
    )
    p.add_argument(
        "--changes",
        action="store_true",
        help="with --json: add the operation's name and what it changed "
        "(articles, annotations, entities…)",
    )
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
    p.add_argument(
        "--min-confidence",
        type=_confidence,
        default=0.0,
        metavar="C",
        help="only suggestions at least this sure (0 to 1; default 0: all)",
    )
    p.add_argument(
        "--no-learning",
        action="store_true",
        help=(
            "rules, gazetteer and your entities only: without the model learned from your "
            "tagging, and without weighing by your decisions in other articles"
        ),
    )
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument(
        "--visual", action="store_true", help="Arabic in visual order for plain terminals"
    )
