"""The entity network: entities as nodes, relations and co-occurrences as edges.

Nodes are the entities mentioned in the chosen articles (with their type and number of
mentions there). Edges are of two kinds:

- a relation (`library.marks.relations`), directed, one edge per (source entity,
  target entity, relation type) with the number of such relations as its weight;
- a co-occurrence, undirected (listed once, the smaller id first): two entities
  mentioned in the same article (weight: the number of articles) or in the same
  sentence (weight: the number of sentences; `library.text.spans.sentence_bounds`).

Mentions are counted by SQLite (GROUP BY); the co-occurring pairs are counted from
SQLite's ordered (article, entity) rows. Only the sentence level reads the texts, of the articles that mention two entities or more. The articles can be
narrowed by date, tag and the other `Filters`, and by a search query; the entities by type.

Exported as GraphML and GEXF (for Gephi; written by networkx, imported only then) and
as a CSV edge list (source,target,type,weight).
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations, groupby
from operator import itemgetter
from pathlib import Path

from library.search.query import parse, to_fts
from library.storage.filters import Filters
from library.storage.store import Library
from library.text.spans import sentence_bounds

COOCCURRENCE = ("article", "sentence")
FORMATS = ("graphml", "gexf", "csv")
COOCCURS = "cooccurrence"  # the type of a co-occurrence edge in the CSV


@dataclass(frozen=True)
class Node:
    id: str
    name: str
    type: str
    mentions: int


@dataclass(frozen=True)
class Edge:
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
        params.append(to_fts(parse(query)))
    return (" AND " + " AND ".join(parts) if parts else ""), params


def _type_condition(types: Iterable[str] | None, column: str) -> tuple[str, list]:
    wanted = list(types or ())
    if not wanted:
        return "", []
    return f" AND {column} IN ({', '.join('?' * len(wanted))})", wanted


def _mentions_sql(lib: Library, filters, query, types) -> tuple[str, list]:
    """The mentions that count: (article_id, entity_id, start, end) of the chosen
    articles and entity types."""
    articles, a_params = _article_condition(lib, filters, query, "n.article_id")
    typed, t_params = _type_condition(types, "e.type")
    return (
        'SELECT n.article_id, n.entity_id, n.start, n."end" FROM annotations n '
        "JOIN entities e ON e.id = n.entity_id "
        f"WHERE n.kind = 'entity'{articles}{typed}",
        [*a_params, *t_params],
    )


def _article_pairs(lib: Library, mentions: str, params: list) -> Counter:
    """Pairs of entities mentioned in the same article, counted by article. SQLite hands
    over the distinct (article, entity) rows in order; the pairs are counted here: a
    self-join of those rows has no index to use, and one on a temporary table built for
    it is four times slower than this (bench/network_bench.py)."""
    pairs: Counter = Counter()
    rows = lib.conn.execute(
        f"SELECT DISTINCT article_id, entity_id FROM ({mentions}) ORDER BY 1, 2", params
    )
    for _article, group in groupby(rows, key=itemgetter(0)):
        pairs.update(combinations([r[1] for r in group], 2))
    return pairs


def _sentence_pairs(lib: Library, mentions: str, params: list) -> Counter:
    """Pairs of entities mentioned in the same sentence, counted by sentence."""
    pairs: Counter = Counter()
    rows = lib.conn.execute(
        # IN (subquery) gets an index; a join with a grouped CTE would be a nested scan.
        f'SELECT m.article_id, a.body, m.entity_id, m.start, m."end" FROM ({mentions}) m '
        "JOIN articles a ON a.id = m.article_id WHERE m.article_id IN ("
        f"  SELECT article_id FROM ({mentions}) GROUP BY article_id "
        "  HAVING count(DISTINCT entity_id) > 1) ORDER BY m.article_id, m.start",
        [*params, *params],
    )
    article, body, sentences = None, "", {}

    def flush() -> None:
        for found in sentences.values():
            pairs.update(combinations(sorted(found), 2))

    for article_id, text, entity_id, start, end in rows:
        if article_id != article:
            flush()
            article, body, sentences = article_id, text, {}
        lo, _hi = sentence_bounds(body, start, end)
        sentences.setdefault(lo, set()).add(entity_id)
    flush()
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
    for entity_id, name, entity_type, count in lib.conn.execute(
        "SELECT e.id, e.name, e.type, m.count FROM (SELECT entity_id, count(*) AS count "
        f"FROM ({mentions}) GROUP BY entity_id) m JOIN entities e ON e.id = m.entity_id "
        "ORDER BY e.id",
        params,
    ):
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
        pairs = _article_pairs(lib, mentions, params)
        net.edges += [Edge(x, y, COOCCURS, n) for (x, y), n in sorted(pairs.items())]
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
