"""What independent readers make of the DOCX, TEI, W3C JSON-LD and Markdown exports.

- direction: a passage quoted from an article keeps the article's direction, even when it
  has no letters (`2024`), in the blocks every format writes, DOCX and Markdown;
- DOCX: python-docx reads the highlight shading (and Word's own highlight colour) back;
  LibreOffice, when it is installed, keeps it when converting to HTML;
- TEI: each note states its own `xml:lang`, and TEI P5's tei_all.rng accepts the file;
- W3C: each annotation, taken alone, meets the Web Annotation Data Model's MUSTs (written
  below as JSON Schema from the model's statements) and expands as JSON-LD on its own;
  our importer reads the new form back, colours included, and still reads the old one;
- Markdown: markdown-it with raw HTML off (safe mode) sees every Arabic paragraph start
  with U+200F RIGHT-TO-LEFT MARK, and python-bidi then lays it out right-to-left.
"""

from __future__ import annotations

import copy
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from bidi import get_base_level
from lxml import etree
from test_export_formats import TEI, W, _loader, tei_all
from test_export_library import BODY_A, BODY_C, TITLE_A, TITLE_C, at, build_library, ids_by_title
from test_import_annotations import annotation_rows, fresh

from library.exchange import Selection, export, render
from library.exchange.import_annotations import import_annotations
from library.exchange.notes import article_blocks
from library.exchange.selection import collect
from library.marks.annotations import add_highlight, add_note
from library.marks.palette import add_colour
from library.storage.store import open_library

RLM = "\u200f"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
CONTEXT = "http://www.w3.org/ns/anno.jsonld"


def _annotate_more(lib) -> None:
    """Digits-only quotes and notes, an English article's note, and two more colours: one
    exactly Word's yellow, one with an id that is not a CSS name."""
    ids = ids_by_title(lib)
    a, c = ids[TITLE_A], ids[TITLE_C]
    add_colour(lib, "Word yellow", "#FFFF00", "word_yellow")
    add_colour(lib, "مراجعة", "#123456", "مراجعة 2")
    add_highlight(lib, a, *at(BODY_A, "2024"), "word_yellow")
    add_note(lib, a, *at(BODY_A, "3.5"), "3.5")
    add_highlight(lib, a, *at(BODY_A, "الأمينُ"), "مراجعة 2")
    add_note(lib, c, *at(BODY_C, "budget"), "2023")
    add_highlight(lib, c, *at(BODY_C, "council"), "blue")


@pytest.fixture(scope="module")
def library_file(tmp_path_factory) -> Path:
    path = build_library(tmp_path_factory.mktemp("more"))
    with open_library(path) as lib:
        _annotate_more(lib)
    return path


@pytest.fixture
def data(library_file):
    with open_library(library_file) as lib:
        return collect(lib, Selection())


def _article(data, title):
    return next((art, anns) for art, anns in data.items if art.title == title)


# --- direction (the blocks of Markdown, DOCX and PDF) -------------------------------------------


def test_blocks_follow_the_article_not_their_first_strong_character(data):
    art, anns = _article(data, TITLE_A)
    blocks = article_blocks(data, art, anns)
    rtl = {(b.role, b.text): b.rtl for b in blocks}
    assert rtl[("heading", TITLE_A)]
    assert rtl[("quote", "2024")]  # no letters: the Arabic article's direction
    assert rtl[("note", "3.5")]  # a note without letters too
    assert rtl[("quote", "English.\nوأكد")]  # first strong is Latin; the lines are Arabic
    assert not rtl[("quote", "The report")]  # an English line inside the Arabic article
    assert rtl[("quote", "مُحَمَّد")]  # Arabic letters only, though from the English line
    assert not rtl[("note", "check the English")]  # a note goes by its own text
    assert not rtl[("details", "Colour: Word yellow")]
    art, anns = _article(data, TITLE_C)
    rtl = {(b.role, b.text): b.rtl for b in article_blocks(data, art, anns)}
    assert not rtl[("note", "2023")] and not rtl[("quote", "budget")]  # English article


def test_a_quote_mixing_scripts_follows_its_line_then_the_article():
    from library.exchange.notes import quote_rtl

    body = "قال الرئيس Emmanuel Macron إن الاتفاق قريب.\nThe talks ended on Monday.\n2024"
    for quote, rtl in [("الرئيس Emmanuel Macron", True), ("Monday.", False),
                       ("ended on يوم", False), ("2024", True)]:  # fmt: skip
        start = body.index(quote) if quote in body else body.index("ended")
        assert quote_rtl(quote, body, start, start + len(quote), True) == rtl, quote
    assert not quote_rtl("2024", "2024", 0, 4, False)  # the article's, when nothing else


# --- DOCX ---------------------------------------------------------------------------------------


def _docx(data, tmp_path):
    docx = pytest.importorskip("docx")
    path = tmp_path / "notes.docx"
    path.write_bytes(render(data, "docx"))
    return path, docx.Document(str(path))


def _shading(run) -> str | None:
    shd = run._r.find(f"{W}rPr/{W}shd")
    return None if shd is None else shd.get(f"{W}fill")


def test_docx_highlights_are_shaded_in_their_colour(data, tmp_path):
    from docx.enum.text import WD_COLOR_INDEX

    _, document = _docx(data, tmp_path)
    paragraphs = {p.text: p for p in document.paragraphs}
    expected = {"دوراً 😀 في": "8FD694", "English.\nوأكد": "F7E26B", "2024": "FFFF00",
                "الأمينُ": "123456", "council": "8CC4F0"}  # fmt: skip
    for text, fill in expected.items():
        runs = [r for r in paragraphs[text].runs if r.text.strip()]  # not the line break
        assert runs and all(_shading(r) == fill for r in runs), text
    # Word's own highlight too, where the colour is exactly one of Word's.
    (run,) = [r for r in paragraphs["2024"].runs if r.text]
    assert run.font.highlight_color == WD_COLOR_INDEX.YELLOW
    assert paragraphs["دوراً 😀 في"].runs[0].font.highlight_color is None
    # Notes, entity mentions and other text are not shaded.
    for text in ("ملاحظة مهمة", "عادل فهمي", TITLE_A, "The report"):
        assert all(_shading(r) is None for r in paragraphs[text].runs), text
    # The details line still names the colour.
    assert "Colour: Quote" in paragraphs


def test_docx_digits_quoted_from_an_arabic_article_are_right_to_left(data, tmp_path):
    _, document = _docx(data, tmp_path)
    bidi = {p.text: p._p.pPr.find(f"{W}bidi") is not None for p in document.paragraphs}
    assert bidi["2024"] and bidi["3.5"] and bidi[TITLE_A]
    assert not bidi["budget"] and not bidi["2023"] and not bidi[TITLE_C]


def _office() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(_office() is None, reason="LibreOffice is not installed")
def test_libreoffice_shows_the_shading(data, tmp_path):
    path, _ = _docx(data, tmp_path)
    out = tmp_path / "html"
    subprocess.run(
        [_office(), "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
         "--convert-to", "html", "--outdir", str(out), str(path)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    html = (out / "notes.html").read_text(encoding="utf-8", errors="replace").lower()
    for colour in ("#8fd694", "#f7e26b", "#123456"):
        assert colour in html, colour


@pytest.mark.skipif(_office() is None, reason="LibreOffice is not installed")
def test_libreoffice_reads_the_csv_with_arabic_intact_and_formulas_as_text(data, tmp_path):
    source = tmp_path / "notes.csv"
    source.write_bytes(render(data, "csv"))
    out = tmp_path / "html"
    # As a user opens it: comma, double quote, UTF-8 (76), from line 1, and with
    # "Evaluate formulas" on (token 13), the setting under which an injection would run.
    csv_filter = "CSV:44,34,76,1,,1033,false,false,false,false,false,-1,true"
    subprocess.run(
        [_office(), "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
         f"--infilter={csv_filter}", "--convert-to", "html", "--outdir", str(out), str(source)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    html = (out / "notes.html").read_text(encoding="utf-8", errors="replace")
    assert "عادل فهمي" in html and "ملاحظة مهمة" in html
    # The note =HYPERLINK("x") stays text: never a link LibreOffice made of it.
    assert "HYPERLINK(&quot;x&quot;)" in html or 'HYPERLINK("x")' in html
    assert 'href="x"' not in html


# --- TEI ----------------------------------------------------------------------------------------


def test_tei_notes_state_their_own_language_and_the_file_is_tei_p5(data):
    root = etree.fromstring(render(data, "tei"))
    langs = {n.text: n.get(XML_LANG) for n in root.iter(f"{TEI}note")}
    assert langs["check the English"] == "en"  # inside an Arabic <text>
    assert langs["ملاحظة مهمة"] == "ar" and langs["للترجمة"] == "ar"
    assert langs['=HYPERLINK("x")'] == "en"
    assert langs["3.5"] == "und" and langs["2023"] == "und"  # no letters: undetermined
    texts = {t.get(XML_LANG) for t in root.iter(f"{TEI}text") if t.get(XML_LANG)}
    assert texts == {"ar", "en"}
    schema = tei_all()
    assert schema.validate(root), schema.error_log
    # tei_all checks the languages too: a value that is not a language tag is refused.
    next(root.iter(f"{TEI}note")).set(XML_LANG, "not a language")
    assert not schema.validate(root)


# --- W3C Web Annotation: the model's MUSTs, as JSON Schema ------------------------------------

IRI = {"type": "string", "pattern": r"^[A-Za-z][A-Za-z0-9+.\-]*:\S+$"}
DATE_TIME = {
    "type": "string",
    "pattern": r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$",
}
MOTIVATIONS = [  # the model's list of Motivations (section 3.3.5)
    "assessing", "bookmarking", "classifying", "commenting", "describing", "editing",
    "highlighting", "identifying", "linking", "moderating", "questioning", "replying",
    "tagging",
]  # fmt: skip


def _one_or_more(schema: dict) -> dict:
    return {"anyOf": [schema, {"type": "array", "minItems": 1, "items": schema}]}


def _has_type(name: str) -> dict:
    return {"anyOf": [{"const": name}, {"type": "array", "contains": {"const": name}}]}


HAS_VALUE = {"required": ["value"]}
HAS_SOURCE = {"required": ["source"]}
IS_EWR = {  # an External Web Resource: an IRI, neither a value nor a source (nor a target)
    "required": ["id"],
    "not": {"anyOf": [HAS_VALUE, HAS_SOURCE, {"required": ["target"]}]},
}
W3C_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$defs": {
        "purposes": _one_or_more({"enum": MOTIVATIONS}),
        "textualBody": {  # 3.2.4
            "properties": {
                "id": IRI,
                "type": _has_type("TextualBody"),
                "value": {"type": "string"},
                "format": _one_or_more({"type": "string", "pattern": r"^[a-z]+/[^\s/]+$"}),
                "language": _one_or_more(
                    {"type": "string", "pattern": r"^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$"}
                ),
                "textDirection": {"enum": ["ltr", "rtl", "auto"]},
                "purpose": {"$ref": "#/$defs/purposes"},
            },
            "not": HAS_SOURCE,
        },
        "selector": {
            "type": "object",
            "required": ["type"],
            "allOf": [
                {  # 4.2.4: exactly one exact, at most one prefix and suffix
                    "if": {"properties": {"type": {"const": "TextQuoteSelector"}}},
                    "then": {
                        "required": ["exact"],
                        "properties": {
                            "exact": {"type": "string"},
                            "prefix": {"type": "string"},
                            "suffix": {"type": "string"},
                        },
                    },
                },
                {  # 4.2.5: start and end, non-negative integers
                    "if": {"properties": {"type": {"const": "TextPositionSelector"}}},
                    "then": {
                        "required": ["start", "end"],
                        "properties": {
                            "start": {"type": "integer", "minimum": 0},
                            "end": {"type": "integer", "minimum": 0},
                        },
                    },
                },
            ],
        },
        "specificResource": {  # 4: exactly one source
            "properties": {
                "id": IRI,
                "source": {
                    "anyOf": [
                        IRI,
                        {"type": "object", "required": ["id"], "properties": {"id": IRI}},
                    ]
                },
                "selector": _one_or_more({"$ref": "#/$defs/selector"}),
                "purpose": {"$ref": "#/$defs/purposes"},
                "styleClass": _one_or_more({"type": "string", "pattern": r"^-?[A-Za-z_][\w-]*$"}),
            },
            "not": HAS_VALUE,
        },
        "externalWebResource": {  # 3.2.1; a purpose belongs to a SpecificResource (3.3.5)
            "properties": {"id": IRI},
            "not": {"required": ["purpose"]},
        },
        "resource": {
            "if": {"type": "string"},
            "then": IRI,
            "else": {
                "type": "object",
                "allOf": [
                    {"if": HAS_VALUE, "then": {"$ref": "#/$defs/textualBody"}},
                    {"if": HAS_SOURCE, "then": {"$ref": "#/$defs/specificResource"}},
                    {"if": IS_EWR, "then": {"$ref": "#/$defs/externalWebResource"}},
                    {"anyOf": [HAS_VALUE, HAS_SOURCE, IS_EWR]},
                ],
            },
        },
        "target": {  # a target is never an embedded Textual Body (3.2.4)
            "allOf": [{"$ref": "#/$defs/resource"}, {"not": {"type": "object", **HAS_VALUE}}]
        },
        "agent": {
            "anyOf": [
                IRI,
                {
                    "type": "object",
                    "properties": {
                        "id": IRI,
                        "type": _one_or_more({"enum": ["Person", "Organization", "Software"]}),
                        "name": _one_or_more({"type": "string"}),
                    },
                },
            ]
        },
    },
    "type": "object",
    "required": ["@context", "id", "type", "target"],  # 3.1
    "properties": {
        "@context": {
            "anyOf": [
                {"const": CONTEXT},
                {"type": "array", "contains": {"const": CONTEXT}, "minItems": 1},
            ]
        },
        "id": IRI,
        "type": _has_type("Annotation"),
        "motivation": _one_or_more({"enum": MOTIVATIONS}),
        "body": _one_or_more({"$ref": "#/$defs/resource"}),
        "bodyValue": {"type": "string"},  # 3.2.5
        "target": _one_or_more({"$ref": "#/$defs/target"}),
        "created": DATE_TIME,  # 3.3.1
        "modified": DATE_TIME,
        "generated": DATE_TIME,
        "creator": _one_or_more({"$ref": "#/$defs/agent"}),
        "generator": _one_or_more({"$ref": "#/$defs/agent"}),
        "stylesheet": {  # 4.4: one stylesheet, an IRI or an embedded CssStylesheet
            "anyOf": [
                IRI,
                {
                    "type": "object",
                    "required": ["type", "value"],
                    "properties": {"type": _has_type("CssStylesheet"), "value": {"type": "string"}},
                },
            ]
        },
        "rights": _one_or_more(IRI),  # 3.3.6
        "canonical": IRI,  # 3.3.7
        "via": _one_or_more(IRI),
    },
    "not": {"required": ["body", "bodyValue"]},  # 3.2.5: not both
}


def _validator():
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.Draft202012Validator.check_schema(W3C_SCHEMA)
    return jsonschema.Draft202012Validator(W3C_SCHEMA)


def _items(data) -> list[dict]:
    return json.loads(render(data, "json"))["first"]["items"]


def test_each_annotation_alone_meets_the_models_musts(data):
    validator = _validator()
    items = _items(data)
    assert len(items) == 18
    for item in items:
        alone = json.loads(json.dumps(item))  # cut out of the collection
        errors = [e.message for e in validator.iter_errors(alone)]
        assert errors == [], (item["id"], errors)


def test_each_annotation_alone_expands_as_json_ld(data):
    jsonld = pytest.importorskip("pyld.jsonld")
    oa = "http://www.w3.org/ns/oa#"
    for item in _items(data):
        dropped: list = []
        (expanded,) = jsonld.expand(
            item, {"documentLoader": _loader}, on_property_dropped=dropped.append
        )
        assert dropped == [] and expanded["@type"] == [f"{oa}Annotation"], item["id"]
        if item["motivation"] == "highlighting":
            (style,) = expanded[f"{oa}styledBy"]
            assert style["@type"] == [f"{oa}CssStyle"]
            (target,) = expanded[f"{oa}hasTarget"]
            assert target[f"{oa}styleClass"][0]["@value"].startswith("hashiya-colour-")


def test_a_highlights_colour_is_a_style_and_a_tag(data):
    items = _items(data)
    item = next(i for i in items if i["target"].get("selector", [{}])[0].get("exact") == "الأمينُ")
    assert item["motivation"] == "highlighting"
    assert item["body"] == {
        "type": "TextualBody", "id": "urn:hashiya:colour:مراجعة%202", "value": "مراجعة",
        "format": "text/plain", "language": "ar", "textDirection": "rtl", "purpose": "tagging",
    }  # fmt: skip
    css_class = item["target"]["styleClass"]
    assert css_class == "hashiya-colour-_000645_000631_000627_00062c_000639_000629_0000202"
    assert item["stylesheet"]["value"] == f".{css_class} {{ background-color: #123456; }}"


def test_the_schema_refuses_what_the_w3c_suite_refuses(data):
    validator = _validator()
    item = next(
        i
        for i in _items(data)
        if i["target"].get("styleClass") == "hashiya-colour-word_00005fyellow"
    )
    assert validator.is_valid(item) and isinstance(item["body"], dict)

    def broken(change) -> dict:
        other = copy.deepcopy(item)
        change(other)
        return other

    def old_colour_body(i):  # the body the issue names: an id, a purpose, no value
        i["body"] = {"type": "TextualBody", "id": "urn:hashiya:colour:x", "purpose": "highlighting"}

    def bad_position(i):
        i["target"]["selector"][1]["start"] = -1

    def no_exact(i):
        del i["target"]["selector"][0]["exact"]

    for change in (
        old_colour_body,
        bad_position,
        no_exact,
        lambda i: i.pop("@context"),
        lambda i: i.pop("target"),
        lambda i: i.__setitem__("@context", "http://example.org/other.jsonld"),
        lambda i: i["body"].__setitem__("purpose", "colouring"),
        lambda i: i["target"].pop("source"),
        lambda i: i.__setitem__("bodyValue", "x"),
    ):
        assert not validator.is_valid(broken(change)), change


# --- W3C: our importer reads it back -----------------------------------------------------------


def _fresh_with_palette(tmp_path: Path) -> Path:
    path = fresh(tmp_path)
    with open_library(path) as lib:
        add_colour(lib, "Word yellow", "#FFFF00", "word_yellow")
    return path


def _import(path: Path, library: Path):
    with open_library(library) as lib:
        report = import_annotations(lib, path)
    assert report.failed == [] and report.unmatched == []
    return report


def test_the_new_form_imports_back_with_its_colours(library_file, tmp_path):
    with open_library(library_file) as lib:
        exported = export(lib, "json", tmp_path / "a.jsonld").output
    target = _fresh_with_palette(tmp_path)
    _import(exported, target)
    assert annotation_rows(target) == annotation_rows(library_file)
    with open_library(target) as lib:
        names = {r[0]: r[1] for r in lib.conn.execute("SELECT id, name FROM highlight_colours")}
    assert names["مراجعة 2"] == "مراجعة"  # a colour the library did not have, id and name


def _rewrite_highlights(exported: Path, out: Path, change) -> Path:
    doc = json.loads(exported.read_text(encoding="utf-8"))
    for item in doc["first"]["items"]:
        if item["motivation"] == "highlighting":
            change(item)
    out.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return out


def test_the_old_form_and_a_style_class_alone_still_import(library_file, tmp_path):
    with open_library(library_file) as lib:
        exported = export(lib, "json", tmp_path / "a.jsonld").output

    def old_form(item):  # what earlier versions wrote: purpose highlighting, no style
        item.pop("stylesheet", None)
        item["target"].pop("styleClass", None)
        for body in item["body"] if isinstance(item["body"], list) else [item["body"]]:
            if body["purpose"] == "tagging":
                body["purpose"] = "highlighting"

    def style_only(item):  # a tool that kept the style but dropped the tag's id
        for body in item["body"] if isinstance(item["body"], list) else [item["body"]]:
            body.pop("id", None)

    for name, change in (("old", old_form), ("style", style_only)):
        target = _fresh_with_palette(tmp_path / name)
        _import(_rewrite_highlights(exported, tmp_path / f"{name}.jsonld", change), target)
        assert annotation_rows(target) == annotation_rows(library_file), name


# --- Markdown -----------------------------------------------------------------------------------


def _safe_paragraphs(source: str) -> list[str]:
    """The text of each paragraph and heading as markdown-it sees it with raw HTML off."""
    markdown_it = pytest.importorskip("markdown_it")
    md = markdown_it.MarkdownIt("commonmark", {"html": False})
    assert "&lt;div dir=&quot;rtl&quot;&gt;" in md.render(source)  # the HTML is not used
    out = []
    for token in md.parse(source):
        if token.type == "inline":
            out.append("".join(c.content if c.type == "text" else "\n" for c in token.children))
    return out


def _first_strong_is_arabic(text: str) -> bool:
    letter = next((c for c in text if c.isalpha()), "")
    return "\u0600" <= letter <= "\u06ff"


def test_markdown_arabic_paragraphs_start_with_a_right_to_left_mark(data):
    source = render(data, "markdown").decode("utf-8")
    assert '<div dir="rtl">' in source  # the HTML stays for the viewers that use it
    paragraphs = _safe_paragraphs(source)
    arabic = [p for p in paragraphs if _first_strong_is_arabic(p)]
    assert len(arabic) > 10
    for text in arabic:
        assert text.startswith(RLM), text
        # A viewer without HTML runs the bidi algorithm per paragraph: right-to-left.
        assert get_base_level(text) == 1, text
    # Digits quoted from (or noted on) an Arabic article read right-to-left too; English
    # quotes and notes do not get the mark.
    assert RLM + "2024" in paragraphs and RLM + "3.5" in paragraphs
    assert "The report" in paragraphs and "check the English" in paragraphs
    assert "2023" in paragraphs and "budget" in paragraphs  # the English article's
