"""The entity network: entities as nodes, relations and co-occurrences as edges.

Nodes are the entities mentioned in the chosen articles (with their type and number of
mentions there). Edges are of two kinds:

- a relation (`library.marks.relations`), directed, one edge per (source entity,
  target entity, relation type) with the number of such relations as its weight;
- a co-occurrence, undirected (listed once, the smaller id first): two entities
  mentioned in the same article (weight: the number of articles) or in the same
  sentence (weight: the number of sentences; `library.text.spans.sentence_ends`).

Mentions are counted by SQLite (GROUP BY); the co-occurring pairs are counted from
SQLite's ordered (article, entity) rows. Only the sentence level reads the texts, of the articles that mention two entities or more. The articles can be
narrowed by date, tag and the other `Filters`, and by a search query; the entities by type.

Exported as GraphML and GEXF (for Gephi; written by networkx, imported only then) and
as a CSV edge list (source,target,type,weight).
"""

from __future__ import annotations

import csv
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations, groupby, repeat
from operator import itemgetter
from pathlib import Path
from typing import NamedTuple

from library.search.prefixes import finding_expression
from library.search.query import parse
from library.storage.filters import Filters
from library.storage.store import Library
from library.text.spans import sentence_bounds, sentence_ends

COOCCURRENCE = ("article", "sentence")
FORMATS = ("graphml", "gexf", "csv")
COOCCURS = "cooccurrence"  # the type of a co-occurrence edge in the CSV


@dataclass(frozen=True)
class Node:
    id: str
    name: str
    type: str
    mentions: int


class Edge(NamedTuple):
    # A named tuple, not a frozen dataclass: a big library has a million edges, and a
    # frozen dataclass takes four times as long to make (bench/network_bench.py).
    source: str
    target: str
    type: str  # a relation type, or COOCCURS
    weight: int

    @property
    def directed(self) -> bool:
        return self.type != COOCCURS


@dataclass
class Network:
    nodes: dict[str, Node] = field(default_factory=dict)
    edges: list[Edge] = field(default_factory=list)

    def to_networkx(self):
        """A networkx MultiDiGraph (co-occurrence edges once, smaller id first, with
        `directed` false): node attributes label, type, mentions; edge attributes
        label and relation (the type), kind (relation or cooccurrence), weight."""
        import networkx as nx

        graph = nx.MultiDiGraph()
        for n in self.nodes.values():
            graph.add_node(n.id, label=n.name, type=n.type, mentions=n.mentions)
        for e in self.edges:
            graph.add_edge(
                e.source,
                e.target,
                key=f"{e.type}:{e.source}:{e.target}",
                label=e.type,
                relation=e.type,
                kind="relation" if e.directed else COOCCURS,
                directed=e.directed,
                weight=e.weight,
            )
        return graph


def _article_condition(
    lib: Library, filters: Filters | None, query: str | None, column: str
) -> tuple[str, list]:
    """An SQL condition on `column` (an article id) for the filters and the query."""
    parts, params = [], []
    where, more = (filters or Filters()).sql()
    if where:
        parts.append(f"{column} IN (SELECT a.id FROM articles a WHERE {where})")
        params += more
    if query and query.strip():
        from library.search.engine import _ensure_index

        _ensure_index(lib)
        parts.append(f"{column} IN (SELECT rowid FROM article_index WHERE article_index MATCH ?)")
        params.append(finding_expression(lib.conn, parse(query)))
    return (" AND " + " AND ".join(parts) if parts else ""), params


def _type_condition(types: Iterable[str] | None, column: str) -> tuple[str, list]:
    wanted = list(types or ())
    if not wanted:
        return "", []
    return f" AND {column} IN ({', '.join('?' * len(wanted))})", wanted


def _mentions_sql(lib: Library, filters, query, types) -> tuple[str, list]:
    """The mentions that count: (article_id, entity_id, start, end) of the chosen
    articles and entity types. The entities are joined only to read their types: a
    mention's entity always exists (a foreign key), and the join costs a third of the
    time of a whole library's network."""
    articles, a_params = _article_condition(lib, filters, query, "n.article_id")
    if not types:
        return (
            'SELECT n.article_id, n.entity_id, n.start, n."end" FROM annotations n '
            f"WHERE n.kind = 'entity' AND n.entity_id IS NOT NULL{articles}",
            a_params,
        )
    typed, t_params = _type_condition(types, "e.type")
    return (
        'SELECT n.article_id, n.entity_id, n.start, n."end" FROM annotations n '
        "JOIN entities e ON e.id = n.entity_id "
        f"WHERE n.kind = 'entity'{articles}{typed}",
        [*a_params, *t_params],
    )


def _mention_counts(lib: Library, mentions: str, params: list) -> tuple[list[str], object, object]:
    """The entities mentioned (ids in order), and the (article, entity) of every mention
    as two numpy arrays, the entity as its place in that order. One pass over the
    mentions, two integer columns: the nodes are counted and the pairs found from them."""
    import numpy as np

    rows = lib.conn.execute(f"SELECT article_id, entity_id FROM ({mentions})", params).fetchall()
    ids = sorted({entity for _article, entity in rows})
    place = {entity: n for n, entity in enumerate(ids)}
    articles = np.fromiter((r[0] for r in rows), np.int64, len(rows))
    entities = np.fromiter((place[r[1]] for r in rows), np.int64, len(rows))
    return ids, articles, entities


def _article_pairs(ids: list[str], articles, entities) -> list[Edge]:
    """Pairs of entities mentioned in the same article, counted by article, in the order
    of their ids. Done on integer arrays (numpy): the distinct (article, entity) keys in
    order, then each row against the row `gap` places on while both are in one article
    (gap 1, 2, … up to the most entities an article has), which yields every pair of an
    article once, the smaller id first. Counting tuples of ids in Python, or a self-join
    in SQL, took two to four times as long (bench/network_bench.py)."""
    import numpy as np

    size = max(len(ids), 1)
    keys = np.unique(articles * size + entities)
    article, entity = keys // size, keys % size
    found = []
    rows = np.arange(len(keys) - 1)
    gap = 1
    while rows.size:
        rows = rows[article[rows + gap] == article[rows]]
        found.append(entity[rows] * size + entity[rows + gap])
        gap += 1
        rows = rows[rows + gap < len(keys)]
    if not found:
        return []
    pairs, counts = np.unique(np.concatenate(found), return_counts=True)
    # tuple.__new__ straight from zipped columns: a third of the time of Edge(x, y, …).
    # A slice at a time: one C call over a million edges would hold the GIL for a
    # second, and the reader's window, drawing while this runs in its worker, would stop.
    name = ids.__getitem__
    edges: list[Edge] = []
    for at in range(0, len(pairs), 50_000):
        part, many = pairs[at : at + 50_000], counts[at : at + 50_000]
        edges += map(
            tuple.__new__,
            repeat(Edge),
            zip(
                map(name, (part // size).tolist()),
                map(name, (part % size).tolist()),
                repeat(COOCCURS),
                many.tolist(),
            ),
        )
    return edges


def _sentence_pairs(lib: Library, mentions: str, params: list) -> Counter:
    """Pairs of entities mentioned in the same sentence, counted by sentence.

    The mentions and the texts come in two queries walked side by side in article order:
    joined in SQL, each text would be copied once per mention (eight times or more)."""
    pairs: Counter = Counter()
    conn = lib.conn
    texts = conn.execute(
        f"SELECT id, body FROM articles WHERE id IN (SELECT article_id FROM ({mentions})) "
        "ORDER BY id",
        params,
    )
    rows = conn.execute(
        f"SELECT m.article_id, m.entity_id, m.start FROM ({mentions}) m "
        "ORDER BY m.article_id, m.start",
        params,
    )
    text_id, body = -1, ""
    for article_id, group in groupby(rows, key=itemgetter(0)):
        found = [(entity_id, start) for _a, entity_id, start in group]
        if len({entity_id for entity_id, _s in found}) < 2:
            continue  # one entity: no pair, and its text need not be read
        while text_id < article_id:
            text_id, body = next(texts, (article_id, ""))
        # Every sentence end of the article in one pass; a mention's sentence is the
        # number of ends before it.
        ends = sentence_ends(body)
        sentences: dict[int, set[str]] = {}
        for entity_id, start in found:
            sentences.setdefault(bisect_left(ends, start), set()).add(entity_id)
        for together in sentences.values():
            pairs.update(combinations(sorted(together), 2))
    return pairs


def build_network(
    lib: Library,
    *,
    cooccurrence: str | None = "article",
    relations: bool = True,
    types: Iterable[str] | None = None,
    filters: Filters | None = None,
    query: str | None = None,
) -> Network:
    """The network of the articles that match `filters` and `query` (every article by
    default), over the entities of `types` (every type by default). `cooccurrence`:
    "article", "sentence" or None (relations only)."""
    if cooccurrence not in (*COOCCURRENCE, None):
        raise ValueError(f"co-occurrence is by {' or '.join(COOCCURRENCE)}, not {cooccurrence!r}")
    types = list(types or ())
    mentions, params = _mentions_sql(lib, filters, query, types)
    net = Network()
    ids, in_article, entities = _mention_counts(lib, mentions, params)
    if ids:
        import numpy as np

        counts = np.bincount(entities, minlength=len(ids)).tolist()
        wanted = set(ids)
        named = {
            entity_id: (name, entity_type)
            for entity_id, name, entity_type in lib.conn.execute(
                "SELECT id, name, type FROM entities"
            )
            if entity_id in wanted
        }
        for entity_id, count in zip(ids, counts, strict=True):
            name, entity_type = named[entity_id]
            net.nodes[entity_id] = Node(entity_id, name, entity_type, count)
    if relations:
        articles, a_params = _article_condition(lib, filters, query, "s.article_id")
        for src, dst, kind, count in lib.conn.execute(
            "SELECT s.entity_id, coalesce(t.entity_id, r.target_entity), r.type, count(*) "
            "FROM relations r JOIN annotations s ON s.id = r.source "
            "LEFT JOIN annotations t ON t.id = r.target_annotation "
            f"WHERE 1{articles} GROUP BY 1, 2, 3 ORDER BY 1, 2, 3",
            a_params,
        ):
            if src in net.nodes and dst in net.nodes:
                net.edges.append(Edge(src, dst, kind, count))
            elif src in net.nodes and not types:
                # A mention related to an entity never mentioned in these articles.
                _add_unmentioned(lib, net, dst)
                net.edges.append(Edge(src, dst, kind, count))
    if cooccurrence == "article":
        net.edges += _article_pairs(ids, in_article, entities)
    elif cooccurrence == "sentence":
        pairs = _sentence_pairs(lib, mentions, params)
        net.edges += [Edge(x, y, COOCCURS, n) for (x, y), n in sorted(pairs.items())]
    return net


def _add_unmentioned(lib: Library, net: Network, entity_id: str) -> None:
    if entity_id in net.nodes:
        return
    row = lib.conn.execute("SELECT name, type FROM entities WHERE id = ?", (entity_id,)).fetchone()
    if row is not None:
        net.nodes[entity_id] = Node(entity_id, row[0], row[1], 0)


def write_network(net: Network, path: str | Path, fmt: str = "graphml") -> None:
    """Write the network as GraphML, GEXF or a CSV edge list (source,target,type,weight;
    the node ids, with a second file PATH-nodes.csv naming them: id,name,type,mentions)."""
    path = Path(path)
    if fmt not in FORMATS:
        raise ValueError(f"unknown graph format {fmt!r}; one of {', '.join(FORMATS)}")
    if fmt == "csv":
        with path.open("w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(["source", "target", "type", "weight"])
            writer.writerows((e.source, e.target, e.type, e.weight) for e in net.edges)
        with nodes_path(path).open("w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(["id", "name", "type", "mentions"])
            writer.writerows((n.id, n.name, n.type, n.mentions) for n in net.nodes.values())
        return
    import networkx as nx

    graph = net.to_networkx()
    if fmt == "graphml":
        nx.write_graphml(graph, path, encoding="utf-8")
    else:
        nx.write_gexf(graph, path, encoding="utf-8")


def nodes_path(path: Path) -> Path:
    return path.with_name(f"{path.stem}-nodes{path.suffix or '.csv'}")


def trim(
    net: Network,
    max_nodes: int | None = None,
    min_weight: int = 1,
    max_edges: int | None = None,
) -> Network:
    """The part of a network worth drawing: the `max_nodes` most mentioned entities (ties
    by name then id, so the same library always gives the same picture), the relation
    edges between them, and their co-occurrence edges of weight `min_weight` or more, the
    `max_edges` heaviest of those at most. Relations are never dropped: each one is a
    user's deliberate mark, where co-occurrences are counted."""
    ranked = sorted(net.nodes.values(), key=lambda n: (-n.mentions, n.name, n.id))
    if max_nodes is not None:
        ranked = ranked[: max(max_nodes, 0)]
    kept = {n.id: n for n in ranked}
    inside = [e for e in net.edges if e.source in kept and e.target in kept]
    related = [e for e in inside if e.directed]
    counted = [e for e in inside if not e.directed and e.weight >= min_weight]
    if max_edges is not None and len(counted) > max_edges:
        heaviest = sorted(counted, key=lambda e: (-e.weight, e.source, e.target))
        chosen = set(map(id, heaviest[: max(max_edges, 0)]))
        counted = [e for e in counted if id(e) in chosen]
    return Network(kept, related + counted)


@dataclass(frozen=True)
class Passage:
    """A sentence that shows a node or supports an edge: its article, the sentence and
    where it starts in the article's body, and the mentions to mark in it (code-point
    spans into the body, inside the sentence). `relation` names the relation type and
    `note` its note when the passage is a relation's source mention."""

    article_id: int
    title: str
    sentence: str
    sentence_start: int
    spans: tuple[tuple[int, int], ...]
    relation: str | None = None
    note: str | None = None

    def to_json(self) -> dict:
        return {
            "article": self.article_id,
            "title": self.title,
            "sentence": self.sentence,
            "sentence_start": self.sentence_start,
            "spans": [list(s) for s in self.spans],
            "relation": self.relation,
            "note": self.note,
        }


def _passage(title: str, body: str, spans: list[tuple[int, int]], article_id: int, **extra):
    lo, hi = sentence_bounds(body, spans[0][0], spans[0][1])
    inside = tuple(sorted({(s, e) for s, e in spans if s >= lo and e <= hi}))
    return Passage(article_id, title, body[lo:hi], lo, inside, **extra)


def _texts(lib: Library, article_ids: Iterable[int]) -> dict[int, tuple[str, str]]:
    wanted = sorted(set(article_ids))
    texts: dict[int, tuple[str, str]] = {}
    for at in range(0, len(wanted), 500):  # SQLite's limit on parameters, kept well under
        chunk = wanted[at : at + 500]
        for article_id, title, body in lib.conn.execute(
            f"SELECT id, title, body FROM articles WHERE id IN ({', '.join('?' * len(chunk))})",
            chunk,
        ):
            texts[article_id] = (title, body)
    return texts


def _mentions_of(
    lib: Library,
    entity_ids: list[str],
    filters: Filters | None,
    query: str | None,
    limit: int | None = None,
) -> list[tuple[int, str, int, int]]:
    """(article_id, entity_id, start, end) of the entities' mentions in the chosen
    articles, in reading order (the first `limit`)."""
    articles, params = _article_condition(lib, filters, query, "article_id")
    marks = ", ".join("?" * len(entity_ids))
    return lib.conn.execute(
        'SELECT article_id, entity_id, start, "end" FROM annotations '
        f"WHERE kind = 'entity' AND entity_id IN ({marks}){articles} "
        'ORDER BY article_id, start, "end", id LIMIT ?',
        [*entity_ids, *params, -1 if limit is None else limit],
    ).fetchall()


def node_passages(
    lib: Library,
    entity_id: str,
    *,
    filters: Filters | None = None,
    query: str | None = None,
    limit: int | None = 500,
) -> list[Passage]:
    """The mentions of an entity in the articles a network covers (the same `filters`
    and `query`), each in its sentence, in reading order; at most `limit`."""
    rows = _mentions_of(lib, [entity_id], filters, query, limit)
    texts = _texts(lib, (r[0] for r in rows))
    return [
        _passage(texts[a][0], texts[a][1], [(s, e)], a) for a, _entity, s, e in rows if a in texts
    ]


def edge_passages(
    lib: Library,
    edge: Edge,
    *,
    cooccurrence: str | None = "article",
    filters: Filters | None = None,
    query: str | None = None,
    limit: int | None = 500,
) -> list[Passage]:
    """The sentences that support an edge, in reading order; at most `limit`.

    A relation edge: the source mention of each such relation, in its sentence (with the
    target mention marked when it is in the same sentence). A co-occurrence by sentence:
    each sentence that mentions both entities (as many as the edge's weight). By article:
    one passage per article mentioning both, the first sentence holding both if there is
    one, else the sentence of the first mention of either."""
    if edge.directed:
        return _relation_passages(lib, edge, filters, query, limit)
    if cooccurrence not in COOCCURRENCE:
        raise ValueError(f"co-occurrence is by {' or '.join(COOCCURRENCE)}, not {cooccurrence!r}")
    pair = {edge.source, edge.target}
    out: list[Passage] = []
    # The articles that mention both, then their mentions a batch of articles at a
    # time, until there are enough passages: the two most mentioned entities of a big
    # library share tens of thousands of articles, and the list shows the first few.
    for batch in _batches(_shared_articles(lib, edge, filters, query), 200):
        marks = ", ".join("?" * len(batch))
        by_article: dict[int, list[tuple[str, int, int]]] = {}
        for a, entity, start, end in lib.conn.execute(
            'SELECT article_id, entity_id, start, "end" FROM annotations '
            f"WHERE kind = 'entity' AND entity_id IN (?, ?) AND article_id IN ({marks}) "
            'ORDER BY article_id, start, "end", id',
            [edge.source, edge.target, *batch],
        ):
            by_article.setdefault(a, []).append((entity, start, end))
        texts = _texts(lib, batch)
        for a in batch:
            title, body = texts[a]
            sentences: dict[int, list[tuple[str, int, int]]] = {}
            for mention in by_article[a]:
                lo, _hi = sentence_bounds(body, mention[1], mention[2])
                sentences.setdefault(lo, []).append(mention)
            shared = [ms for ms in sentences.values() if {m[0] for m in ms} == pair]
            if cooccurrence == "sentence":
                chosen = shared
            else:
                chosen = [shared[0] if shared else next(iter(sentences.values()))]
            out += [_passage(title, body, [(s, e) for _x, s, e in ms], a) for ms in chosen]
            if limit is not None and len(out) >= limit:
                return out[:limit]
    return out


def _shared_articles(lib: Library, edge: Edge, filters, query) -> list[int]:
    """The chosen articles that mention both ends of an edge, in order."""
    articles, params = _article_condition(lib, filters, query, "article_id")
    one = f"SELECT article_id FROM annotations WHERE kind = 'entity' AND entity_id = ?{articles}"
    rows = lib.conn.execute(
        f"{one} INTERSECT {one} ORDER BY 1", [edge.source, *params, edge.target, *params]
    )
    return [r[0] for r in rows]


def _batches(items: list, size: int):
    for at in range(0, len(items), size):
        yield items[at : at + size]


def _relation_passages(lib, edge: Edge, filters, query, limit) -> list[Passage]:
    articles, params = _article_condition(lib, filters, query, "s.article_id")
    rows = lib.conn.execute(
        'SELECT s.article_id, s.start, s."end", t.article_id, t.start, t."end", r.type, '
        "r.note FROM relations r JOIN annotations s ON s.id = r.source "
        "LEFT JOIN annotations t ON t.id = r.target_annotation "
        "WHERE s.entity_id = ? AND coalesce(t.entity_id, r.target_entity) = ? AND r.type = ?"
        f'{articles} ORDER BY s.article_id, s.start, s."end", r.id',
        [edge.source, edge.target, edge.type, *params],
    ).fetchall()[:limit]
    texts = _texts(lib, (r[0] for r in rows))
    out = []
    for a, s, e, ta, ts, te, kind, note in rows:
        title, body = texts[a]
        spans = [(s, e)] + ([(ts, te)] if ta == a else [])
        out.append(_passage(title, body, spans, a, relation=kind, note=note))
    return out
