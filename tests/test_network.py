"""The entity network: nodes, relation and co-occurrence edges, filters, GraphML/GEXF/CSV."""

from __future__ import annotations

import csv
import json

import networkx as nx
import pytest

from library.ingest.importer import import_paths
from library.marks.entities import tag_entity
from library.marks.network import (
    COOCCURS,
    Edge,
    build_network,
    edge_passages,
    node_passages,
    nodes_path,
    trim,
    write_network,
)
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


def test_article_pairs_match_a_plain_count(lib, tmp_path):
    """The numpy pair counting against counting tuples: random articles, some with one
    entity, some mentioning an entity twice."""
    import random
    from collections import Counter
    from itertools import combinations

    rng = random.Random(5)
    names = ["سامر", "وداد", "جميل", "نسرين", "عادل", "ريم"]
    expected: Counter = Counter()
    mentions: Counter = Counter()
    for n in range(30):
        picked = rng.choices(names, k=rng.randint(1, 5))
        body, spans = f"في الخبر {n} ذُكر ", []
        for word in picked:
            spans.append((len(body), len(body) + len(word)))
            body += word + " و"
        path = tmp_path / f"r{n}.json"
        path.write_text(json.dumps({"title": f"مقال {n}", "body": body}, ensure_ascii=False))
        (article,) = import_paths(lib, [path]).articles
        seen = {
            tag_entity(lib, article, s, e, entity_type="person").annotation.entity_id
            for s, e in spans
        }
        expected.update(combinations(sorted(seen), 2))
        mentions.update(picked)
    net = build_network(lib, relations=False)
    assert {(e.source, e.target): e.weight for e in net.edges} == dict(expected)
    assert [(e.source, e.target) for e in net.edges] == sorted(expected)
    assert {n.name: n.mentions for n in net.nodes.values()} == dict(mentions)


def test_trim_keeps_the_most_mentioned_and_every_relation(net_lib):
    lib, ids = net_lib
    net = build_network(lib)
    two = trim(net, max_nodes=2)
    # عمران and النخيل have three mentions each, صور two.
    assert set(two.nodes) == {ids["omran"], ids["palm"]}
    assert all(e.source in two.nodes and e.target in two.nodes for e in two.edges)
    assert {e.type for e in two.edges} == {"said-about", COOCCURS}
    heavy = trim(net, min_weight=3)
    assert [e for e in heavy.edges if not e.directed] == []
    assert {e.type for e in heavy.edges} == {"located-in", "said-about"}  # never dropped
    one_link = trim(net, max_edges=1)
    assert len([e for e in one_link.edges if not e.directed]) == 1
    assert len(trim(net, max_nodes=0).nodes) == 0


def test_node_passages_are_the_mentions_in_their_sentences(net_lib):
    lib, ids = net_lib
    found = node_passages(lib, ids["omran"])
    assert [(p.article_id, p.title) for p in found] == [(1, "خبر 0"), (1, "خبر 0"), (2, "خبر 1")]
    first = found[0]
    assert first.sentence.startswith("استقبل الرئيس فادي عمران")
    ((start, end),) = first.spans
    body = BODIES[0]
    assert body[start:end] == "فادي عمران"
    assert first.sentence == body[first.sentence_start : first.sentence_start + len(first.sentence)]
    assert found[1].sentence.startswith("وتحدث عمران")
    early = node_passages(lib, ids["omran"], filters=Filters(date_to="2024-01-31"))
    assert {p.article_id for p in early} == {1}
    assert len(node_passages(lib, ids["omran"], limit=1)) == 1


def test_edge_passages_support_each_kind_of_edge(net_lib):
    lib, ids = net_lib
    located = Edge(ids["palm"], ids["tyre"], "located-in", 2)
    found = edge_passages(lib, located)
    assert [(p.article_id, p.relation) for p in found] == [(1, "located-in"), (2, "located-in")]
    assert [BODIES[0][s:e] for s, e in found[0].spans] == ["شركة النخيل", "صور"]
    said = edge_passages(lib, Edge(ids["omran"], ids["palm"], "said-about", 1))
    assert [(p.article_id, p.note) for p in said] == [(1, "زيارة")]
    pair_ = Edge(*pair(ids["omran"], ids["tyre"]), COOCCURS, 2)
    by_sentence = edge_passages(lib, pair_, cooccurrence="sentence")
    # As many as the sentence weight: one sentence in each of articles 1 and 2.
    assert [p.article_id for p in by_sentence] == [1, 2]
    assert all(len(p.spans) == 2 for p in by_sentence)
    assert by_sentence[1].sentence == "زار فادي عمران مدينة صور أمس."
    # By article: article 2's two mentions of النخيل and عمران are in different sentences.
    palm_omran = Edge(*pair(ids["omran"], ids["palm"]), COOCCURS, 2)
    by_article = edge_passages(lib, palm_omran, cooccurrence="article")
    assert [p.article_id for p in by_article] == [1, 2]
    assert len(by_article[1].spans) == 1  # no sentence of article 2 holds both
    assert edge_passages(lib, palm_omran, cooccurrence="sentence")[0].article_id == 1
    with pytest.raises(ValueError, match="co-occurrence is by"):
        edge_passages(lib, palm_omran, cooccurrence="paragraph")
    tag_articles(lib, [2], "زيارات")
    tagged = edge_passages(lib, palm_omran, filters=Filters(tag="زيارات"))
    assert [p.article_id for p in tagged] == [2]


def test_force_layout_is_seeded_spread_and_can_be_stopped():
    from reader.pictures.network_layout import force_layout, spacing_for

    edges = [(0, 1, 5.0), (1, 2, 1.0), (2, 0, 1.0), (3, 4, 2.0)]
    reported: list[float] = []
    first = force_layout(6, edges, progress=reported.append)
    assert first == force_layout(6, edges)  # seeded: the same picture every time
    assert len(first) == 6 and reported[-1] == 1.0 and reported == sorted(reported)
    distance = {
        (a, b): ((first[a][0] - first[b][0]) ** 2 + (first[a][1] - first[b][1]) ** 2) ** 0.5
        for a in range(6)
        for b in range(a + 1, 6)
    }
    assert min(distance.values()) > spacing_for(6) / 4  # no two nodes on one spot
    # Linked nodes sit nearer each other than the lone node 5 sits to anyone.
    assert distance[(0, 1)] < min(distance[(a, 5)] for a in range(5))
    assert force_layout(6, edges, should_cancel=lambda: True) is None
    assert force_layout(0, []) == [] and force_layout(1, []) == [(0.0, 0.0)]


def test_sentence_ends_place_every_position_in_the_sentence_sentence_bounds_finds():
    from bisect import bisect_left

    from library.text.spans import sentence_bounds, sentence_ends

    # Written for this test: decimal points, ؟ and a line break are all in play.
    text = "بلغ النمو 3.5 في المئة. هل يستمر؟ قال الوزير نعم!\nوفي السطر الثاني خبر آخر. ونهاية"
    ends = sentence_ends(text)
    by_position = {}
    for pos in range(len(text)):
        by_position.setdefault(bisect_left(ends, pos), set()).add(sentence_bounds(text, pos)[0])
    # One sentence per key, and a different one for each key.
    assert all(len(starts) == 1 for starts in by_position.values())
    assert len({next(iter(s)) for s in by_position.values()}) == len(by_position)
    assert text[ends[0]] == "." and text[ends[0] - 1] == "ة"  # not the 3.5
