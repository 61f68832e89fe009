"""Entity network benchmark, against a baseline measured in the same run.

A synthetic library (rows written straight into the tables: the importer is not what is
measured) of N articles (default 100,000) and 20,000 entities, Zipf-like in frequency,
some eight mentions in each article and a relation in one article of ten. Timed:

- the baseline: counting the article co-occurrences in plain SQL (one GROUP BY over the
  distinct (article, entity) pairs, the result fetched);
- `build_network` by article (nodes, relation edges, co-occurrence edges): target < 5 s;
- `build_network` by sentence (reads the texts of the articles with two entities or more);
- writing the article network as GraphML (networkx);
- the layout the network window computes for its 2,000 most mentioned entities (the
  heaviest co-occurrences drawn, `reader.pictures.network_job`), against networkx's
  `spring_layout` of the same graph (skip it with --no-networkx).

    python bench/network_bench.py [--articles 100000] [--entities 20000] [--rebuild]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

OUT = HERE / "out"
TYPES = ["person", "organisation", "place", "event"]
SENTENCE = "قال المتحدث باسم {a} إن الاجتماع مع {b} تناول ملفات عديدة في {c}."
MENTIONS = 8


def build(path: Path, articles: int, entities: int) -> None:
    from library.storage.store import open_library

    lib = open_library(path)
    rng = random.Random(17)
    stamp = "2024-01-01T00:00:00+00:00"
    names = [f"كيان {n}" for n in range(entities)]
    entity_ids = [str(uuid.UUID(int=rng.getrandbits(128))) for _ in range(entities)]
    weights = [1 / (n + 1) for n in range(entities)]
    with lib.transaction():
        lib.conn.executemany(
            "INSERT INTO entities (id, type, name, aliases, created_at, updated_at) "
            "VALUES (?, ?, ?, '[]', ?, ?)",
            [(entity_ids[n], TYPES[n % 4], names[n], stamp, stamp) for n in range(entities)],
        )
    batch: list = []
    mentions: list = []
    relations: list = []
    for n in range(1, articles + 1):
        chosen = rng.choices(range(entities), weights, k=MENTIONS)
        parts, spans = [], []
        pos = 0
        for i in range(0, MENTIONS, 2):
            a, b = chosen[i], chosen[i + 1]
            text = SENTENCE.format(a=names[a], b=names[b], c="العاصمة")
            for e in (a, b):
                at = text.index(names[e]) + pos
                spans.append((e, at, at + len(names[e])))
            parts.append(text)
            pos += len(text) + 1
        body = " ".join(parts)
        day = f"2024-{1 + n % 12:02d}-{1 + n % 28:02d}"
        batch.append((n, f"خبر {n}", body, day, f"/bench/{n}.txt", body, f"{n:064x}", stamp))
        ids = []
        for e, s, t in spans:
            aid = str(uuid.UUID(int=rng.getrandbits(128)))
            ids.append(aid)
            mentions.append((aid, n, "entity", s, t, body[s:t], entity_ids[e], stamp, stamp))
        if n % 10 == 0:
            relations.append((str(uuid.uuid4()), "said-about", ids[0], ids[1], None, stamp, stamp))
        if len(batch) == 5000 or n == articles:
            with lib.transaction():
                lib.conn.executemany(
                    "INSERT INTO articles (id, title, body, captions, date, site, source_path, "
                    "source_index, format, encoding, raw, content_hash, words, imported_at) "
                    "VALUES (?, ?, ?, '[]', ?, 'bench', ?, 0, 'text', 'utf-8', ?, ?, 10, ?)",
                    [(i, t, b, d, p, r, h, s) for i, t, b, d, p, r, h, s in batch],
                )
                lib.conn.executemany(
                    'INSERT INTO annotations (id, article_id, kind, start, "end", exact, '
                    "entity_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    mentions,
                )
                lib.conn.executemany(
                    "INSERT INTO relations (id, type, source, target_annotation, "
                    "target_entity, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    relations,
                )
            batch, mentions, relations = [], [], []
    lib.close()


def timed(label: str, func):
    """Run `func`, print its wall-clock and CPU seconds (the CPU time of this process is
    the steadier figure on a machine shared with other work); (result, wall seconds)."""
    start, cpu = time.perf_counter(), time.process_time()
    result = func()
    seconds = time.perf_counter() - start
    print(f"  {label:<52} {seconds:8.2f} s  (cpu {time.process_time() - cpu:6.2f} s)")
    return result, seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--entities", type=int, default=20_000)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--no-sentence", action="store_true")
    parser.add_argument("--no-networkx", action="store_true")
    parser.add_argument("--layout-nodes", type=int, default=2000)
    args = parser.parse_args()

    from library.marks.network import build_network, write_network
    from library.storage.store import open_library

    OUT.mkdir(exist_ok=True)
    path = OUT / f"network-{args.articles}-{args.entities}.sqlite"
    if args.rebuild or not path.exists():
        for name in path.parent.glob(path.name + "*"):
            name.unlink()
        print(f"building {args.articles:,} articles, {args.entities:,} entities…")
        start = time.perf_counter()
        build(path, args.articles, args.entities)
        print(f"  built in {time.perf_counter() - start:.1f} s")
    lib = open_library(path)
    print(f"network of {args.articles:,} articles, {args.entities:,} entities")

    def plain_sql():
        # The plain-SQL way: the distinct (article, entity) pairs in a temporary table
        # with an index, self-joined and grouped (without the index: a nested scan).
        lib.conn.execute("DROP TABLE IF EXISTS temp.m")
        lib.conn.execute(
            "CREATE TEMP TABLE m AS SELECT DISTINCT article_id, entity_id FROM annotations "
            "WHERE kind = 'entity'"
        )
        lib.conn.execute("CREATE INDEX temp.m_article ON m(article_id, entity_id)")
        return lib.conn.execute(
            "SELECT x.entity_id, y.entity_id, count(*) FROM m x JOIN m y "
            "ON y.article_id = x.article_id AND x.entity_id < y.entity_id GROUP BY 1, 2"
        ).fetchall()

    rows, base = timed("baseline: co-occurrences in plain SQL", plain_sql)
    net, seconds = timed("build_network (article co-occurrence)", lambda: build_network(lib))
    print(
        f"  {len(net.nodes):,} nodes, {len(net.edges):,} edges ({len(rows):,} co-occurring "
        f"pairs); {seconds / base:.2f}x the baseline; target < 5 s: "
        f"{'met' if seconds < 5 else 'NOT met'}"
    )
    if not args.no_sentence:
        sent, _ = timed(
            "build_network (sentence co-occurrence)",
            lambda: build_network(lib, cooccurrence="sentence"),
        )
        print(f"  {len(sent.edges):,} edges")
    with tempfile.TemporaryDirectory() as tmp:
        timed(
            "write GraphML (article network)", lambda: write_network(net, Path(tmp) / "g.graphml")
        )
    lib.close()
    layout(net, args.layout_nodes, networkx=not args.no_networkx)
    return 0


def layout(net, count: int, *, networkx: bool) -> None:
    """The window's layout of its `count` most mentioned entities, and networkx's."""
    from library.marks.network import trim
    from reader.pictures.network_job import EDGES_PER_NODE, MAX_EDGES
    from reader.pictures.network_layout import force_layout, node_radius

    shown = trim(net, count, max_edges=min(EDGES_PER_NODE * count, MAX_EDGES))
    order = {node: n for n, node in enumerate(shown.nodes)}
    edges = [(order[e.source], order[e.target], float(e.weight)) for e in shown.edges]
    most = max(n.mentions for n in shown.nodes.values())
    radii = [node_radius(n.mentions, most) for n in shown.nodes.values()]
    print(f"layout of {len(order):,} nodes, {len(edges):,} edges")
    if networkx:
        import networkx as nx

        graph = nx.Graph()
        graph.add_nodes_from(range(len(order)))
        graph.add_weighted_edges_from(edges)
        _, base = timed(
            "baseline: networkx spring_layout (seeded)", lambda: nx.spring_layout(graph, seed=17)
        )
    _, seconds = timed(
        "force_layout, overlaps removed (the window's)",
        lambda: force_layout(len(order), edges, radii=radii),
    )
    if networkx:
        print(f"  {seconds / base:.2f}x networkx's time")


if __name__ == "__main__":
    sys.exit(main())
