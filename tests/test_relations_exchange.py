"""Relations in the exports and back (issue 17, item 2): W3C JSON-LD linking annotations,
brat `R` lines and their `[relations]` declarations, TEI `listRelation`, a CSV relations
file, CoNLL saying it leaves them out; JSON-LD and brat imported into a fresh library
give the same relations; broken relations in a file are reported and spoil nothing."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from lxml import etree

from library.cli import main
from library.exchange import Selection, export, render
from library.exchange.import_annotations import import_annotations
from library.exchange.selection import collect
from library.ingest.importer import import_paths
from library.marks import relations as rel
from library.marks.entities import tag_entity
from library.storage.store import open_library

# Written for these tests.
TITLE_1, TITLE_2 = "جولة في المصنع", "لقاء في المعرض"
BODY_1 = (
    "زار المهندس فؤاد الرملي مصنع النسيج في مدينة طنطا صباح الخميس.\n"
    "وقال الرملي إن شركة الدلتا للغزل ستوسع المصنع قبل الصيف."
)
BODY_2 = "تحدثت الكاتبة ليلى البناني عن روايتها الجديدة في معرض الكتاب بمدينة فاس."
TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


def at(body: str, part: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = body.index(part, start + 1)
    return start, start + len(part)


def write_sources(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, title, body in (("one", TITLE_1, BODY_1), ("two", TITLE_2, BODY_2)):
        (folder / f"{name}.json").write_text(
            json.dumps({"title": title, "body": body}, ensure_ascii=False), encoding="utf-8"
        )
    return folder


def articles(lib) -> dict[str, int]:
    return {t: i for i, t in lib.conn.execute("SELECT id, title FROM articles")}


def fresh(path: Path) -> Path:
    """A library holding the two articles and no annotation."""
    with open_library(path) as lib:
        import_paths(lib, [write_sources(path.parent / f"{path.stem}-src")], workers=0)
        assert set(articles(lib)) == {TITLE_1, TITLE_2}
    return path


def annotate(lib) -> dict[str, str]:
    """Mentions and relations: mention → mention, mention → entity (mentioned in the
    same article, and not), with and without notes, of a default type and of a type
    the user made."""
    ids = articles(lib)
    one, two = ids[TITLE_1], ids[TITLE_2]

    def mention(article, body, part, kind, *, nth=0, name=None):
        tagged = tag_entity(lib, article, *at(body, part, nth), entity_type=kind, name=name)
        return tagged.annotation

    m = {
        "fuad": mention(one, BODY_1, "فؤاد الرملي", "person"),
        "tanta": mention(one, BODY_1, "طنطا", "place"),
        "delta": mention(one, BODY_1, "شركة الدلتا للغزل", "organisation"),
        "ramli": mention(one, BODY_1, "الرملي", "person", nth=1, name="فؤاد الرملي"),
        "thursday": mention(one, BODY_1, "صباح الخميس", "date"),
        "laila": mention(two, BODY_2, "ليلى البناني", "person"),
        "fes": mention(two, BODY_2, "فاس", "place"),
    }
    types = rel.relation_types(lib)
    rel.put_relation_types(
        lib,
        [*types, rel.RelationType("visited", "visited", "زار", ("person",), ("place",), 9)],
    )
    tanta_entity = m["tanta"].entity_id
    delta_entity = m["delta"].entity_id
    made = {
        "located": rel.add_relation(
            lib, m["delta"].id, "located-in", target_annotation=m["tanta"].id, note="حسب قوله"
        ),
        "member": rel.add_relation(lib, m["fuad"].id, "member-of", target_annotation=m["delta"].id),
        "visited": rel.add_relation(
            lib, m["fuad"].id, "visited", target_annotation=m["tanta"].id, note="زيارة أولى"
        ),
        # To an entity with a mention in the same article: brat draws it to that mention.
        "said": rel.add_relation(lib, m["ramli"].id, "said-about", target_entity=tanta_entity),
        # To an entity not mentioned in the article: brat has to leave it out.
        "spoke": rel.add_relation(
            lib, m["laila"].id, "said-about", target_entity=delta_entity, note="بلا ذكر"
        ),
    }
    return {k: v.id for k, v in made.items()}


@pytest.fixture(scope="module")
def library(tmp_path_factory) -> Path:
    path = fresh(tmp_path_factory.mktemp("relations") / "lib.sqlite")
    with open_library(path) as lib:
        annotate(lib)
    return path


@pytest.fixture
def data(library):
    with open_library(library) as lib:
        yield collect(lib, Selection())


def relation_set(lib) -> set[tuple]:
    """Every relation as what a reader sees: type, source quote and span, target quote and
    span (or the entity's name), note."""
    out = set()
    for v in rel.list_relations(lib):
        r = v.relation
        source = lib.conn.execute(
            'SELECT exact, start, "end" FROM annotations WHERE id = ?', (r.source,)
        ).fetchone()
        if r.target_annotation:
            target = tuple(
                lib.conn.execute(
                    'SELECT exact, start, "end" FROM annotations WHERE id = ?',
                    (r.target_annotation,),
                ).fetchone()
            )
        else:
            (name,) = lib.conn.execute(
                "SELECT name FROM entities WHERE id = ?", (r.target_entity,)
            ).fetchone()
            target = ("entity", name)
        out.add((r.type, tuple(source), target, r.note))
    return out


def run(capsys, library: Path, *args) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main([*args, "--library", str(library)])
    out, err = capsys.readouterr()
    return code, out, err


# --- W3C JSON-LD ------------------------------------------------------------------------------


def bodies(item: dict) -> list[dict]:
    return item["body"] if isinstance(item["body"], list) else [item["body"]]


def links(data) -> list[dict]:
    items = json.loads(render(data, "json"))["first"]["items"]
    return [i for i in items if i["motivation"] == "linking"]


def test_json_ld_relations_are_linking_annotations_with_two_targets(data):
    items = json.loads(render(data, "json"))["first"]["items"]
    mention_ids = {i["id"] for i in items if i["motivation"] == "identifying"}
    found = links(data)
    assert len(found) == 5
    for item in found:
        assert item["@context"] == "http://www.w3.org/ns/anno.jsonld"
        source, target = item["target"]
        assert source["id"] in mention_ids  # the id the mention has in this very file
        assert target["id"] in mention_ids or target["id"].startswith("urn:hashiya:entity:")
    visited = next(i for i in found if bodies(i)[0]["id"] == "urn:hashiya:relation-type:visited")
    assert visited["body"][0]["purpose"] == "tagging" and visited["body"][0]["value"] == "visited"
    assert visited["body"][1]["purpose"] == "commenting"
    assert visited["body"][1]["value"] == "زيارة أولى"
    spoke = next(i for i in found if isinstance(i["target"][1].get("label"), str))
    assert spoke["target"][1]["label"] in {"فؤاد الرملي", "شركة الدلتا للغزل", "طنطا"}
    assert {"dc:type"} <= set(spoke["target"][1])
    # Each follows the annotations of its own article.
    positions = {i["id"]: n for n, i in enumerate(items)}
    for item in found:
        assert positions[item["target"][0]["id"]] < positions[item["id"]]


def test_json_ld_relations_meet_the_w3c_schema_and_expand(data):
    from test_export_docx_tei_w3c_md import _loader, _validator

    validator = _validator()
    jsonld = pytest.importorskip("pyld.jsonld")
    for item in links(data):
        alone = json.loads(json.dumps(item))
        assert [e.message for e in validator.iter_errors(alone)] == [], item["id"]
        dropped: list = []
        (expanded,) = jsonld.expand(
            alone, {"documentLoader": _loader}, on_property_dropped=dropped.append
        )
        assert dropped == []
        oa = "http://www.w3.org/ns/oa#"
        assert expanded[f"{oa}motivatedBy"] == [{"@id": f"{oa}linking"}]
        assert len(expanded[f"{oa}hasTarget"]) == 2


def export_and_import(library: Path, tmp_path: Path, fmt: str, name: str):
    with open_library(library) as lib:
        result = export(lib, fmt, tmp_path / name)
    target = fresh(tmp_path / f"fresh-{fmt}.sqlite")
    with open_library(target) as lib:
        report = import_annotations(lib, tmp_path / name)
        found = relation_set(lib)
    return result, report, found, target


def test_json_ld_round_trip_keeps_every_relation(library, tmp_path):
    result, report, found, target = export_and_import(library, tmp_path, "json", "out.jsonld")
    assert result.relations == 5 and not result.left_out
    assert report.failed == [] and report.relations_added == 5
    assert report.relation_types_created == 1  # "visited", which the fresh library lacks
    with open_library(library) as lib:
        assert found == relation_set(lib)
        before = {r.id: r for r in rel.read_relations(lib)}
    with open_library(target) as lib:
        after = {r.id: r for r in rel.read_relations(lib)}
        (visited,) = [t for t in rel.relation_types(lib) if t.id == "visited"]
        assert visited.label == "visited"
        # Twice: nothing more.
        again = import_annotations(lib, tmp_path / "out.jsonld")
        assert again.relations_added == 0 and again.relation_duplicates == 5
        assert len(rel.read_relations(lib)) == 5
    assert set(after) == set(before)  # ids, authors and dates kept
    for rid, r in before.items():
        assert (r.author, r.created_at, r.note) == (
            after[rid].author,
            after[rid].created_at,
            after[rid].note,
        )


def test_json_ld_import_reports_broken_links_and_keeps_the_rest(library, tmp_path):
    with open_library(library) as lib:
        export(lib, "json", tmp_path / "out.jsonld")
    doc = json.loads((tmp_path / "out.jsonld").read_text(encoding="utf-8"))
    items = doc["first"]["items"]
    found = [i for i in items if i["motivation"] == "linking"]
    found[0]["target"] = found[0]["target"][:1]  # one target
    found[1]["target"][0] = {"id": "urn:uuid:00000000-0000-4000-8000-000000000000"}  # unknown
    found[2]["body"] = found[2]["body"][1:] if isinstance(found[2]["body"], list) else []
    (tmp_path / "broken.jsonld").write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    target = fresh(tmp_path / "broken.sqlite")
    with open_library(target) as lib:
        report = import_annotations(lib, tmp_path / "broken.jsonld")
        assert len(rel.read_relations(lib)) == 2
        mentions = lib.conn.execute("SELECT count(*) FROM annotations").fetchone()[0]
    assert report.added == mentions == 7  # every mention, whatever its relations
    errors = " | ".join(f["error"] for f in report.failed)
    assert "needs two targets" in errors
    assert "00000000-0000-4000-8000-000000000000 is not an entity mention in this file" in errors
    assert "without its relation type" in errors
    assert all("where" in f for f in report.failed)


# --- brat -------------------------------------------------------------------------------------


def test_brat_writes_r_lines_declared_in_the_conf_and_passes_the_checker(data):
    from test_export_brat_conll_readers import brat_check, parse_conf

    files = render(data, "brat", folder=True)
    assert brat_check(files) == []
    conf = parse_conf(files["annotation.conf"].decode("utf-8"))
    assert conf["relations"]["member-of"] == ({"Person", "Organisation"}, {"Organisation"})
    assert conf["relations"]["visited"] == ({"Person"}, {"Place"})
    # No constraint on the target: any entity type.
    assert conf["relations"]["said-about"] == ({"Person", "Organisation"}, {"<ENTITY>"})
    ann = "".join(files[n].decode("utf-8") for n in files if n.endswith(".ann"))
    r_lines = re.findall(r"^R\d+\t(\S+) Arg1:T\d+ Arg2:T\d+$", ann, re.M)
    # The relation to an entity never mentioned in its article is left out.
    assert sorted(r_lines) == ["located-in", "member-of", "said-about", "visited"]
    assert re.search(r"^#\d+\tAnnotatorNotes R\d+\tزيارة أولى$", ann, re.M)


def test_the_checker_catches_undeclared_and_ill_typed_relations(data):
    from test_export_brat_conll_readers import brat_check

    files = render(data, "brat", folder=True)
    conf = files["annotation.conf"].decode("utf-8")
    undeclared = re.sub(r"^visited\t.*\n", "", conf, flags=re.M)
    errors = brat_check({**files, "annotation.conf": undeclared.encode("utf-8")})
    assert any("visited is not a declared relation" in e for e in errors)
    narrowed = re.sub(r"^(visited\tArg1:)Person", r"\1Organisation", conf, flags=re.M)
    errors = brat_check({**files, "annotation.conf": narrowed.encode("utf-8")})
    assert any("visited: Arg1 T" in e and "Person" in e for e in errors)
    name = next(n for n in files if n.endswith(".ann") and b"\nR1\t" in files[n])
    dangling = files[name].decode("utf-8").replace("Arg2:T", "Arg2:T9", 1)
    errors = brat_check({**files, name: dangling.encode("utf-8")})
    assert any("no annotation T9" in e for e in errors)


def test_brat_round_trip_and_what_it_leaves_out(library, tmp_path):
    result, report, found, _ = export_and_import(library, tmp_path, "brat", "out")
    assert result.relations == 4
    (left,) = [i for i in result.left_out if i["kind"] == "relation"]
    assert left["reason"] == "relation-no-mention"
    assert report.failed == [] and report.relations_added == 4
    assert report.relation_types_created == 1  # "visited", named in the R line
    with open_library(library) as lib:
        spoke = rel.get_relation(lib, left["relation"])
        assert spoke.note == "بلا ذكر"
        expected = set()
        for t, source, target, note in relation_set(lib):
            if note == "بلا ذكر":
                continue
            drawn = target
            if target == ("entity", "طنطا"):  # drawn to its mention in the article
                drawn = ("طنطا", *at(BODY_1, "طنطا"))
            expected.add((t, source, drawn, note))
    assert found == expected


def test_brat_import_reports_an_r_line_to_a_missing_t(library, tmp_path):
    with open_library(library) as lib:
        export(lib, "brat", tmp_path / "out")
    ann = next(p for p in (tmp_path / "out").glob("*.ann") if "\nR1\t" in p.read_text("utf-8"))
    text = ann.read_text("utf-8")
    count = len(re.findall(r"^R\d+", text, re.M))
    ann.write_text(text.replace("Arg1:T", "Arg1:T99", 1), encoding="utf-8")
    target = fresh(tmp_path / "broken.sqlite")
    with open_library(target) as lib:
        report = import_annotations(lib, tmp_path / "out")
        assert len(rel.read_relations(lib)) == 4 - 1
    (problem,) = [f for f in report.failed if "relation" in f["error"]]
    assert "T99" in problem["error"] and "not an entity mention" in problem["error"]
    assert report.relations_added == 3 and count >= 1
    assert report.added == 7  # the mentions are all there


# --- TEI --------------------------------------------------------------------------------------


def test_tei_list_relation_points_at_mentions_and_entities_and_is_tei_p5(data):
    from test_export_formats import tei_all

    root = etree.fromstring(render(data, "tei"))
    ids = {e.get(XML_ID) for e in root.iter() if e.get(XML_ID)}
    relations = list(root.iter(f"{TEI}relation"))
    assert len(relations) == 5
    for r in relations:
        for end in ("active", "passive"):
            assert r.get(end).startswith("#") and r.get(end)[1:] in ids
    names = {r.get("name") for r in relations}
    assert names == {"located-in", "member-of", "visited", "said-about"}
    notes = {r.find(f"{TEI}desc").text for r in relations if r.find(f"{TEI}desc") is not None}
    assert notes == {"حسب قوله", "زيارة أولى", "بلا ذكر"}
    assert any(r.get("passive").startswith("#entity-") for r in relations)
    schema = tei_all()
    assert schema.validate(root), schema.error_log
    # Not a rubber stamp: TEI's relation is either directed (active, passive) or
    # mutual, and the schema refuses `mutual` beside `active`.
    relations[0].set("mutual", relations[0].get("active"))
    assert not schema.validate(root)
    assert "mutual" in str(schema.error_log)


# --- CSV, CoNLL, the CLI ------------------------------------------------------------------------


def test_csv_writes_a_relations_file_beside_it(library, tmp_path):
    with open_library(library) as lib:
        result = export(lib, "csv", tmp_path / "notes.csv")
    assert result.files == 2 and result.relations == 5
    raw = (tmp_path / "notes.relations.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfrelation_id,type,type_label")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    main_rows = list(
        csv.DictReader(io.StringIO((tmp_path / "notes.csv").read_bytes().decode("utf-8-sig")))
    )
    quotes = {r["annotation_id"]: r["quote"] for r in main_rows}
    assert len(rows) == 5
    for row in rows:
        assert quotes[row["from_annotation"]] == row["from_text"]
        if row["to_annotation"]:
            assert quotes[row["to_annotation"]] == row["to_text"]
        else:
            assert row["to_entity_name"] and not row["to_text"]
    visited = next(r for r in rows if r["type"] == "visited")
    assert (visited["from_text"], visited["to_text"], visited["note"]) == (
        "فؤاد الرملي",
        "طنطا",
        "زيارة أولى",
    )
    # Written again with --force; refused without it, and never over a stranger's file.
    with open_library(library) as lib:
        export(lib, "csv", tmp_path / "notes.csv", force=True)
        (tmp_path / "other.relations.csv").write_text("mine", encoding="utf-8")
        from library.exchange import OutputExists

        with pytest.raises(OutputExists):
            export(lib, "csv", tmp_path / "other.csv", force=True)
    assert not (tmp_path / "other.csv").exists()  # all or nothing
    assert (tmp_path / "other.relations.csv").read_text("utf-8") == "mine"


def test_conll_says_it_leaves_the_relations_out(capsys, library, tmp_path):
    code, out, err = run(
        capsys, library, "export", "--format", "conll", "--output", str(tmp_path / "o.conll")
    )
    assert code == 0, err
    assert "left out 5 relation(s):" in out
    assert "CoNLL holds entity tags only" in out
    code, out, err = run(
        capsys,
        library,
        "export",
        "--format",
        "conll",
        "--output",
        str(tmp_path / "o.conll"),
        "--force",
        "--json",
    )
    report = json.loads(out)
    assert report["relations"] == 0
    assert sum(i["kind"] == "relation" for i in report["left_out"]) == 5
    assert report["annotations"] == 7  # the mentions: relations are not counted as such


def test_the_cli_says_how_many_relations_it_wrote_and_imported(capsys, library, tmp_path):
    code, out, err = run(
        capsys, library, "export", "--format", "json", "--output", str(tmp_path / "o.jsonld")
    )
    assert code == 0, err
    assert "7 annotation(s) and 5 relation(s)" in out
    target = fresh(tmp_path / "cli.sqlite")
    code, out, err = run(capsys, target, "import-annotations", str(tmp_path / "o.jsonld"))
    assert code == 0, err
    assert "5 relation(s) added" in out


def test_a_filtered_target_mention_is_reported_not_dangling(library, tmp_path):
    with open_library(library) as lib:
        result = export(
            lib, "json", tmp_path / "people.jsonld", Selection(entity_types=("person",))
        )
    reasons = {i["reason"] for i in result.left_out}
    assert reasons == {"relation-target-filtered"}
    items = json.loads((tmp_path / "people.jsonld").read_text("utf-8"))["first"]["items"]
    ids = {i["id"] for i in items}
    for item in (i for i in items if i["motivation"] == "linking"):
        assert item["target"][0]["id"] in ids
        assert item["target"][1]["id"] in ids or "entity" in item["target"][1]["id"]
    # Kept: the relations to an entity (the entity travels in the target).
    assert result.relations == 2 and len(result.left_out) == 2


def test_a_target_entity_the_library_lacks_is_made_from_the_link(library, tmp_path):
    with open_library(library) as lib:
        two = articles(lib)[TITLE_2]
        result = export(lib, "json", tmp_path / "two.jsonld", Selection(article_ids=(two,)))
    assert result.relations == 1  # Laila said about the company, named in article one only
    target = fresh(tmp_path / "two.sqlite")
    with open_library(target) as lib:
        report = import_annotations(lib, tmp_path / "two.jsonld")
        assert report.failed == [] and report.relations_added == 1
        (r,) = rel.read_relations(lib)
        made = lib.conn.execute(
            "SELECT name, type FROM entities WHERE id = ?", (r.target_entity,)
        ).fetchone()
    assert tuple(made) == ("شركة الدلتا للغزل", "organisation")
    assert r.note == "بلا ذكر"


def test_a_link_across_two_articles_is_reported(library, tmp_path):
    with open_library(library) as lib:
        export(lib, "json", tmp_path / "out.jsonld")
    doc = json.loads((tmp_path / "out.jsonld").read_text(encoding="utf-8"))
    items = doc["first"]["items"]
    laila = next(
        i["id"]
        for i in items
        if i["motivation"] == "identifying"
        and i["target"]["selector"][0]["exact"] == "ليلى البناني"
    )
    member = next(
        i for i in items if i["motivation"] == "linking" and "member-of" in bodies(i)[0]["id"]
    )
    member["target"][1] = {"id": laila}
    (tmp_path / "across.jsonld").write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    target = fresh(tmp_path / "across.sqlite")
    with open_library(target) as lib:
        report = import_annotations(lib, tmp_path / "across.jsonld")
        assert len(rel.read_relations(lib)) == 4
    (problem,) = report.failed
    assert "two different articles" in problem["error"] and problem["where"].startswith("item")


def test_the_reading_formats_say_they_leave_relations_out(library, tmp_path):
    with open_library(library) as lib:
        result = export(lib, "markdown", tmp_path / "notes.md")
    assert result.relations == 0 and result.annotations == 7
    assert {i["reason"] for i in result.left_out} == {"relation-not-held"}
    assert "Markdown notes list annotations" in result.left_out[0]["why"]


# --- the Export dialog ------------------------------------------------------------------------


def test_the_export_dialog_says_what_it_did_with_the_relations(qtbot, library, tmp_path):
    """The status counts relations apart from annotations: written, and left out with
    why. HASHIYA_RELATION_SHOTS=folder keeps a picture of it."""
    import os

    from PySide6.QtCore import Qt

    from reader.dialogs.export_dialog import ExportDialog
    from reader.workers.runner import Runner

    runner = Runner()
    dialog = ExportDialog(library, runner=runner)
    qtbot.addWidget(dialog)

    def run_export(fmt: str, name: str) -> str:
        dialog.select_format(fmt)
        dialog.path.setText(str(tmp_path / name))
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not dialog.running, timeout=15_000)
        return dialog.status.text()

    try:
        said = run_export("json", "out.jsonld")
        assert "Exported 7 annotation(s)" in said
        assert "5 relation(s) between mentions included." in said and "Left out" not in said
        said = run_export("csv", "out.csv")
        assert "5 relation(s) between mentions in" in said and "out.relations.csv" in said
        said = run_export("brat", "out.zip")
        assert "Left out 1 relation(s): they point at an entity not mentioned again" in said
        assert "Left out 1 annotation" not in said
        said = run_export("conll", "out.conll")
        assert "Left out 5 relation(s): this format has no place" in said
        assert "Exported 7 annotation(s)" in said
        folder = Path(os.environ.get("HASHIYA_RELATION_SHOTS") or tmp_path)
        folder.mkdir(parents=True, exist_ok=True)
        assert dialog.grab().save(str(folder / "export-dialog-relations-en.png"))
    finally:
        dialog.close()
        assert runner.shutdown()


def test_a_recogito_style_link_with_a_new_type_imports(tmp_path):
    """Ids that are fragments (`#a1`), a type given by its label alone: the type is made
    with that label, as an unknown entity type is."""
    target = fresh(tmp_path / "recogito.sqlite")
    with open_library(target) as lib:
        (content_hash,) = lib.conn.execute(
            "SELECT content_hash FROM articles WHERE title = ?", (TITLE_2,)
        ).fetchone()

    def mention(key: str, part: str, kind: str) -> dict:
        start, end = at(BODY_2, part)
        return {
            "id": key,
            "type": "Annotation",
            "motivation": "identifying",
            "body": [
                {"type": "SpecificResource", "purpose": "identifying", "source": {"label": part}},
                {"type": "TextualBody", "purpose": "tagging", "value": kind},
            ],
            "target": {
                "source": f"urn:hashiya:article:{content_hash}",
                "selector": [
                    {"type": "TextQuoteSelector", "exact": part},
                    {"type": "TextPositionSelector", "start": start, "end": end},
                ],
            },
        }

    doc = [
        mention("#a1", "ليلى البناني", "person"),
        mention("#a2", "فاس", "place"),
        {
            "id": "#r1",
            "type": "Annotation",
            "motivation": "linking",
            "body": [{"type": "TextualBody", "value": "is near", "purpose": "tagging"}],
            "target": [{"id": "#a1"}, {"id": "#a2"}],
        },
    ]
    (tmp_path / "recogito.json").write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    with open_library(target) as lib:
        report = import_annotations(lib, tmp_path / "recogito.json")
        assert report.failed == [] and report.relations_added == 1
        assert report.relation_types_created == 1
        (r,) = rel.list_relations(lib)
        made = {t.id: t.label for t in rel.relation_types(lib)}
    assert made[r.relation.type] == "is near" and r.relation.type == "is-near"
    assert (r.source_text, r.target_text) == ("ليلى البناني", "فاس")


def test_a_bag_carries_the_relations_and_restores_them(library, tmp_path):
    """The archival package holds the JSON-LD export, so its relations come back with it."""
    from library.exchange.bag import restore

    with open_library(library) as lib:
        export(lib, "bagit", tmp_path / "bag")
        expected = relation_set(lib)
    with open_library(tmp_path / "restored.sqlite") as lib:
        restore(lib, tmp_path / "bag")
        assert relation_set(lib) == expected
