"""The entity network: nodes, relation and co-occurrence edges, filters, GraphML/GEXF/CSV."""

from __future__ import annotations

import csv
import json

import networkx as nx
import pytest

from library.ingest.importer import import_paths
from library.marks.entities import tag_entity
from library.marks.network import COOCCURS, Edge, build_network, nodes_path, write_network
from library.marks.tags import tag_articles
from library.ops import relating
from library.storage.filters import Filters

# Written for these tests.
BODIES = (
    "استقبل الرئيس فادي عمران وفد شركة النخيل في مدينة صور. وتحدث عمران عن الاستثمار.",
    "زار فادي عمران مدينة صور أمس. وقالت شركة النخيل إنها ستبني مصنعاً.",
    "أعلنت شركة النخيل أرباحها السنوية.",
)


def mark(lib, article, part, entity_type, *, nth=0, name=None):
    body = BODIES[article - 1]
    start = -1
    for _ in range(nth + 1):
        start = body.index(part, start + 1)
    return tag_entity(
        lib, article, start, start + len(part), entity_type=entity_type, name=name
    ).annotation


@pytest.fixture
def net_lib(lib, tmp_path):
    for n, body in enumerate(BODIES):
        path = tmp_path / f"a{n}.json"
        doc = {"title": f"خبر {n}", "body": body, "date": f"2024-0{n + 1}-10"}
        path.write_text(json.dumps(doc, ensure_ascii=False))
        import_paths(lib, [path])
    m = {
        "omran": mark(lib, 1, "فادي عمران", "person"),
        "palm": mark(lib, 1, "شركة النخيل", "organisation"),
        "tyre": mark(lib, 1, "صور", "place"),
        "omran1b": mark(lib, 1, "عمران", "person", nth=1, name="فادي عمران"),
        "omran2": mark(lib, 2, "فادي عمران", "person"),
        "tyre2": mark(lib, 2, "صور", "place"),
        "palm2": mark(lib, 2, "شركة النخيل", "organisation"),
        "palm3": mark(lib, 3, "شركة النخيل", "organisation"),
    }
    relating.relate(lib, m["palm"].id, m["tyre"].id, type="located-in")
    relating.relate(lib, m["palm2"].id, m["tyre2"].id, type="located-in")
    relating.relate(lib, m["omran"].id, m["palm"].id, type="said-about", note="زيارة")
    ids = {k: v.entity_id for k, v in m.items()}
    return lib, ids


def pair(x, y):
    return tuple(sorted((x, y)))


def test_nodes_relations_and_article_cooccurrence(net_lib):
    lib, ids = net_lib
    net = build_network(lib)
    assert {n.name: n.mentions for n in net.nodes.values()} == {
        "فادي عمران": 3, "شركة النخيل": 3, "صور": 2
    }  # fmt: skip
    assert net.nodes[ids["tyre"]].type == "place"
    relations = {(e.source, e.target, e.type): e.weight for e in net.edges if e.directed}
    assert relations == {
        (ids["palm"], ids["tyre"], "located-in"): 2,
        (ids["omran"], ids["palm"], "said-about"): 1,
    }
    co = {(e.source, e.target): e.weight for e in net.edges if e.type == COOCCURS}
    assert co == {
        pair(ids["omran"], ids["palm"]): 2,
        pair(ids["omran"], ids["tyre"]): 2,
        pair(ids["palm"], ids["tyre"]): 2,
    }
    assert all(x < y for x, y in co)


def test_sentence_cooccurrence(net_lib):
    lib, ids = net_lib
    net = build_network(lib, cooccurrence="sentence", relations=False)
    co = {(e.source, e.target): e.weight for e in net.edges}
    # Article 1: all three in its first sentence; article 2: عمران and صور together only.
    assert co == {
        pair(ids["omran"], ids["palm"]): 1,
        pair(ids["omran"], ids["tyre"]): 2,
        pair(ids["palm"], ids["tyre"]): 1,
    }


def test_filters_types_dates_tags_and_query(net_lib):
    lib, ids = net_lib
    people_places = build_network(lib, types=["person", "place"])
    assert set(people_places.nodes) == {ids["omran"], ids["tyre"]}
    assert [(e.type, e.weight) for e in people_places.edges] == [(COOCCURS, 2)]
    early = build_network(lib, filters=Filters(date_to="2024-01-31"))
    assert {n.mentions for n in early.nodes.values()} == {2, 1}
    tag_articles(lib, [3], "اقتصاد")
    tagged = build_network(lib, filters=Filters(tag="اقتصاد"))
    assert list(tagged.nodes) == [ids["palm3"]] and tagged.edges == []
    searched = build_network(lib, query="مصنعاً")
    assert set(searched.nodes) == {ids["omran"], ids["tyre"], ids["palm"]}
    assert {n.mentions for n in searched.nodes.values()} == {1}


def test_graphml_and_gexf_read_back(net_lib, tmp_path):
    lib, ids = net_lib
    net = build_network(lib)
    for fmt, read in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        path = tmp_path / f"g.{fmt}"
        write_network(net, path, fmt)
        graph = read(path)
        assert set(graph.nodes) == set(net.nodes)
        node = graph.nodes[ids["palm"]]
        assert node["label"] == "شركة النخيل" and int(node["mentions"]) == 3
        edges = {(u, v, d["relation"]): float(d["weight"]) for u, v, d in graph.edges(data=True)}
        assert edges[(ids["palm"], ids["tyre"], "located-in")] == 2
        assert edges[(*pair(ids["omran"], ids["tyre"]), COOCCURS)] == 2
        assert len(edges) == len(net.edges)


def test_csv_edge_list_and_nodes(net_lib, tmp_path):
    lib, _ids = net_lib
    net = build_network(lib)
    path = tmp_path / "edges.csv"
    write_network(net, path, "csv")
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    assert list(rows[0]) == ["source", "target", "type", "weight"]
    assert [Edge(r["source"], r["target"], r["type"], int(r["weight"])) for r in rows] == net.edges
    nodes = list(csv.DictReader(nodes_path(path).open(encoding="utf-8")))
    assert {r["name"] for r in nodes} == {"فادي عمران", "شركة النخيل", "صور"}
    with pytest.raises(ValueError, match="unknown graph format"):
        write_network(net, path, "dot")
