"""Relations, the concordance and the entity network: relate, relations, concordance, graph."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from library.cli.common import (
    Add,
    Failure,
    UserError,
    add_author_option,
    emit_json,
    open_lib,
    parse_article_id,
    positive_int,
    text_out,
)


def cmd_relate(args: argparse.Namespace) -> int:
    from library.marks.annotations import AnnotationError, get_annotation
    from library.marks.relations import list_relations
    from library.ops import relating
    from library.storage.articles import NotFound

    article_id = parse_article_id(args.id)
    with open_lib(args) as lib:
        try:
            source = get_annotation(lib, args.source)
            if source.article_id != article_id:
                raise UserError(
                    f"annotation {args.source} is in article {source.article_id}, not {article_id}"
                )
            is_mention = lib.conn.execute(
                "SELECT 1 FROM annotations WHERE id = ?", (args.target,)
            ).fetchone()
            is_entity = lib.conn.execute(
                "SELECT 1 FROM entities WHERE id = ?", (args.target,)
            ).fetchone()
            if not is_mention and not is_entity:
                raise UserError(f"no annotation or entity {args.target}")
            op = relating.relate(
                lib,
                args.source,
                args.target if is_mention else None,
                None if is_mention else args.target,
                type=args.type,
                note=args.note,
            )
        except (AnnotationError, NotFound) as exc:
            raise UserError(str(exc).strip("'\"")) from exc
        (view,) = [v for v in list_relations(lib) if v.relation.id == op.result.id]
    if args.json:
        emit_json({**view.to_json(), **(op.to_json() if args.changes else {})})
        return 0
    r = op.result
    print(f"article {article_id}: {r.type} from {r.source} to {r.target} [{r.id}]")
    return 0


def cmd_relations(args: argparse.Namespace) -> int:
    from library.marks.relations import list_relations

    with open_lib(args, reading=True) as lib:
        if (
            args.entity
            and not lib.conn.execute(
                "SELECT 1 FROM entities WHERE id = ?", (args.entity,)
            ).fetchone()
        ):
            raise UserError(f"no entity {args.entity}")
        views = list_relations(lib, args.entity)
    if args.json:
        emit_json([v.to_json() for v in views])
        return 0
    for v in views:
        target = v.target_text if v.target_text is not None else v.target_entity
        line = f"article {v.article_id:>5}  {v.relation.type:<12} {v.source_text} → {target}"
        if v.relation.note:
            line += f"  ({v.relation.note})"
        print(text_out(line, args) + f"  [{v.relation.id}]")
    return 0


def cmd_concordance(args: argparse.Namespace) -> int:
    from library.search.concordance import concordance
    from library.search.query import QueryError

    query = " ".join(args.query)
    with open_lib(args, reading=True) as lib:
        try:
            lines = list(
                concordance(lib, query, width=args.width, limit=args.limit, sort=args.sort)
            )
        except QueryError as exc:
            raise UserError(str(exc)) from exc
    if args.json:
        emit_json([line.to_json() for line in lines])
        return 0
    if not lines:
        print("no occurrences", file=sys.stderr)
    for line in lines:
        row = f"{line.article_id:>6} {line.left:>{args.width}} [{line.match}] {line.right}"
        print(text_out(row, args))
    return 0


def cmd_graph(args: argparse.Namespace) -> int:
    from library.marks.network import build_network, nodes_path, write_network
    from library.search.query import QueryError
    from library.storage.filters import Filters

    filters = Filters(date_from=args.date_from, date_to=args.date_to, tag=args.tag)
    types = [t for part in args.types or () for t in part.split(",") if t]
    with open_lib(args, reading=True) as lib:
        try:
            net = build_network(
                lib,
                cooccurrence=None if args.cooccurrence == "none" else args.cooccurrence,
                types=types,
                filters=filters,
                query=args.query,
            )
        except QueryError as exc:
            raise UserError(str(exc)) from exc
    try:
        write_network(net, args.output, args.format)
    except OSError as exc:
        raise Failure(f"could not write {args.output}: {exc.strerror or exc}") from exc
    written = [str(args.output)]
    if args.format == "csv":
        written.append(str(nodes_path(Path(args.output))))
    if args.json:
        emit_json({"nodes": len(net.nodes), "edges": len(net.edges), "files": written})
    else:
        print(f"{len(net.nodes)} entities, {len(net.edges)} edges: {', '.join(written)}")
    return 0


def register(add: Add) -> None:
    p = add("relate", cmd_relate, "relate an entity mention to another mention or an entity")
    p.add_argument("id", metavar="ID", help="the article of the first mention")
    p.add_argument(
        "--from",
        dest="source",
        required=True,
        metavar="ANNOTATION",
        help="the mention it starts at",
    )
    p.add_argument(
        "--to", dest="target", required=True, metavar="ANNOTATION", help="a mention or an entity"
    )
    p.add_argument("--type", required=True, help="relation type (id or name)")
    p.add_argument("--note", metavar="T", help="a note on the relation")
    add_author_option(p)
    p.add_argument("--json", action="store_true", help="print the relation as JSON")
    p.add_argument(
        "--changes", action="store_true", help="with --json: add what the operation changed"
    )

    p = add("relations", cmd_relations, "list the relations between entity mentions")
    p.add_argument("--entity", metavar="ID", help="only relations with this entity at one end")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument(
        "--visual", action="store_true", help="Arabic in visual order for plain terminals"
    )

    p = add(
        "concordance",
        cmd_concordance,
        "every occurrence of a word, phrase or entity:ID with its context (KWIC)",
    )
    p.add_argument("query", nargs="+", metavar="QUERY", help="words, a phrase, or entity:ID")
    p.add_argument("--width", type=positive_int, default=40, metavar="N", help="context width")
    p.add_argument("--limit", type=positive_int, metavar="N", help="at most N lines")
    p.add_argument(
        "--sort", choices=["article", "left", "right"], default="article", help="line order"
    )
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument(
        "--visual", action="store_true", help="Arabic in visual order for plain terminals"
    )

    p = add("graph", cmd_graph, "export the entity network (GraphML, GEXF or CSV edge list)")
    p.add_argument("--output", required=True, metavar="PATH", help="where to write the graph")
    p.add_argument(
        "--format",
        choices=["graphml", "gexf", "csv"],
        default="graphml",
        help="graphml (default) or gexf for Gephi, or csv edges",
    )
    p.add_argument(
        "--cooccurrence",
        choices=["sentence", "article", "none"],
        default="article",
        help="co-occurrence edges by sentence or article (default), or none",
    )
    p.add_argument("--types", action="append", metavar="TYPE[,TYPE]", help="entity types")
    p.add_argument("--from", dest="date_from", metavar="DATE", help="articles from this date")
    p.add_argument("--to", dest="date_to", metavar="DATE", help="articles up to this date")
    p.add_argument("--tag", help="articles with this tag")
    p.add_argument("--query", help="articles matching this search")
    p.add_argument("--json", action="store_true", help="print a summary as JSON")
