"""`hashiya relate`, `relations`, `concordance` and `graph`: the shapes of issue 17."""

from __future__ import annotations

import csv
import json

import networkx as nx
import pytest

from library.cli import main

# Written for these tests.
BODY = "التقى السفير باسل حداد رئيس بلدية طرابلس أمس، وطرابلس شهدت الاجتماع اجتماعاً."


@pytest.fixture
def library(tmp_path):
    (tmp_path / "a.txt").write_text("خبر اللقاء\n\n" + BODY, encoding="utf-8")
    path = tmp_path / "lib.sqlite"
    assert main(["import", str(tmp_path / "a.txt"), "--library", str(path), "--json"]) == 0
    return path


def run(capsys, library, *args):
    capsys.readouterr()
    code = main([*args, "--library", str(library)])
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys, library, *args):
    code, out, err = run(capsys, library, *args, "--json")
    assert code == 0, err
    return json.loads(out)


def tag(capsys, library, part, entity_type):
    start = BODY.index(part)
    return run_json(
        capsys, library, "annotate", "1", "--start", str(start), "--end",
        str(start + len(part)), "--entity", entity_type,
    )  # fmt: skip


@pytest.fixture
def tagged(capsys, library):
    return {
        "haddad": tag(capsys, library, "باسل حداد", "person"),
        "city": tag(capsys, library, "بلدية طرابلس", "organisation"),
        "tripoli": tag(capsys, library, "طرابلس", "place"),
    }


def test_relate_and_relations_shapes(capsys, library, tagged):
    made = run_json(
        capsys, library, "relate", "1", "--from", tagged["haddad"]["id"],
        "--to", tagged["city"]["id"], "--type", "heads", "--note", "منذ ٢٠٢٠",
    )  # fmt: skip
    assert made == {
        "id": made["id"], "type": "heads", "from": tagged["haddad"]["id"],
        "to": tagged["city"]["id"], "article": 1, "note": "منذ ٢٠٢٠",
    }  # fmt: skip
    listed = run_json(capsys, library, "relations")
    assert listed == [made]
    assert run_json(capsys, library, "relations", "--entity", tagged["city"]["entity"]) == [made]
    assert run_json(capsys, library, "relations", "--entity", tagged["tripoli"]["entity"]) == []
    # By Arabic name, to an entity, with the change record.
    to_entity = run_json(
        capsys, library, "relate", "1", "--from", tagged["city"]["id"],
        "--to", tagged["tripoli"]["entity"], "--type", "يقع في", "--changes",
    )  # fmt: skip
    assert to_entity["to"] == tagged["tripoli"]["entity"] and to_entity["type"] == "located-in"
    assert to_entity["operation"] == "relate"
    assert to_entity["changes"]["relations"] == [to_entity["id"]]
    code, out, _err = run(capsys, library, "relations")
    assert code == 0 and "heads" in out and "located-in" in out


def test_relate_refusals_are_one_line_exit_2(capsys, library, tagged):
    code, out, err = run(
        capsys, library, "relate", "1", "--from", tagged["city"]["id"],
        "--to", tagged["haddad"]["id"], "--type", "heads",
    )  # fmt: skip
    assert code == 2 and out == ""
    assert err.startswith("hashiya: error: ") and "not from organisation" in err
    assert err.count("\n") == 1
    code, _out, err = run(
        capsys, library, "relate", "2", "--from", tagged["city"]["id"],
        "--to", tagged["haddad"]["id"], "--type", "heads",
    )  # fmt: skip
    assert code == 2 and "not 2" in err
    code, _out, err = run(
        capsys, library, "relate", "1", "--from", tagged["haddad"]["id"],
        "--to", "nothing", "--type", "heads",
    )  # fmt: skip
    assert code == 2 and "no annotation or entity nothing" in err
    assert run_json(capsys, library, "relations") == []


def test_concordance_shape(capsys, library):
    lines = run_json(capsys, library, "concordance", "طرابلس", "--width", "8")
    start = BODY.index("طرابلس")
    second = BODY.index("وطرابلس")
    assert lines == [
        {"article": 1, "left": BODY[start - 8 : start], "match": "طرابلس",
         "right": BODY[start + 6 : start + 14], "start": start, "end": start + 6},
        {"article": 1, "left": BODY[second - 8 : second], "match": "وطرابلس",
         "right": BODY[second + 7 : second + 15], "start": second, "end": second + 7},
    ]  # fmt: skip
    assert len(run_json(capsys, library, "concordance", "طرابلس", "--limit", "1")) == 1
    code, out, _err = run(capsys, library, "concordance", "طرابلس")
    assert code == 0 and out.count("\n") == 2
    code, _out, _err = run(capsys, library, "concordance", "طرابلس", "--width", "0")
    assert code == 2


def test_graph_formats(capsys, library, tagged, tmp_path):
    run_json(
        capsys, library, "relate", "1", "--from", tagged["haddad"]["id"],
        "--to", tagged["city"]["id"], "--type", "heads",
    )  # fmt: skip
    out = tmp_path / "net.graphml"
    summary = run_json(capsys, library, "graph", "--output", str(out))
    assert summary == {"nodes": 3, "edges": 4, "files": [str(out)]}
    assert set(nx.read_graphml(out).nodes) == {t["entity"] for t in tagged.values()}
    gexf = tmp_path / "net.gexf"
    code, _o, err = run(capsys, library, "graph", "--output", str(gexf), "--format", "gexf",
                        "--cooccurrence", "sentence")  # fmt: skip
    assert code == 0, err
    assert nx.read_gexf(gexf).number_of_edges() == 4
    edges = tmp_path / "edges.csv"
    code, _o, err = run(capsys, library, "graph", "--output", str(edges), "--format", "csv")
    assert code == 0, err
    rows = list(csv.reader(edges.open(encoding="utf-8")))
    assert rows[0] == ["source", "target", "type", "weight"] and len(rows) == 5
    assert (tmp_path / "edges-nodes.csv").exists()
