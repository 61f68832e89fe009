"""Provenance in every export: the article's authors, publisher, dates, URL and captures
in the W3C JSON-LD (Dublin Core and schema.org on the target's source), in TEI's
`sourceDesc/listBibl/bibl`, in CSV columns and in the header block of Markdown and DOCX.

`provenance_library` (used by the citation and BagIt tests too) is the export tests'
library with metadata: one article fully described and captured, one whose title holds
BibTeX's special characters, one with no metadata at all.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from lxml import etree
from test_export_docx_tei_w3c_md import _validator
from test_export_formats import _loader, tei_all
from test_export_library import TITLE_A, TITLE_B, TITLE_C, build_library, ids_by_title

from library.exchange import Selection, render
from library.exchange.selection import collect
from library.ingest.importer import import_paths
from library.storage.metadata import Capture, add_captures, update
from library.storage.store import open_library

TEI = "{http://www.tei-c.org/ns/1.0}"
AUTHORS = ("سامي الحسيني", "ليلى حداد")
PUBLISHER = "صحيفة الشرق"
SECTION = "سياسة"
URL_A = "https://example.org/ar/وساطة?id=7&s=50%25"
PUBLISHED = "2024-05-12T09:30:00+03:00"
CAPTURED = "2024-05-13T08:00:00Z"
RECORD_ID = "urn:uuid:0f1e2d3c-4b5a-4968-8776-655443322110"
WEIRD_TITLE = "Budget {draft} 100% & \\ final_#1 ~^$ «نهائي»"
TITLE_D = "مقال بلا بيانات"
BODY_D = "هذا مقال قصير لا يعرف عنه شيء سوى نصه، ولا تاريخ له ولا ناشر."


def describe(lib) -> dict[str, int]:
    """Give the articles their metadata; returns their ids by role."""
    ids = ids_by_title(lib)
    a, c = ids[TITLE_A], ids[TITLE_C]
    update(
        lib,
        a,
        authors=AUTHORS,
        publisher=PUBLISHER,
        section=SECTION,
        url=URL_A,
        published=PUBLISHED,
        language="ar",
        identifier="doi:10.1234/wasata",
    )
    with lib.transaction():
        add_captures(
            lib,
            a,
            [
                Capture("https://example.org/ar/1", "2024-06-01T00:00:00Z", None, "later.warc"),
                Capture("https://example.org/ar/1", CAPTURED, RECORD_ID, "crawl.warc.gz"),
            ],
        )
    update(lib, c, title=WEIRD_TITLE, url="https://example.com/budget?a={b}&c=d e")
    return {"full": a, "site": ids[TITLE_B], "weird": c}


def build_provenance_library(folder: Path) -> tuple[Path, dict[str, int]]:
    path = build_library(folder)
    bare = folder / "bare"
    bare.mkdir()
    (bare / "d.txt").write_text(f"{TITLE_D}\n\n{BODY_D}", encoding="utf-8")
    with open_library(path) as lib:
        assert import_paths(lib, [bare], workers=0).imported == 1
        ids = describe(lib)
        ids["bare"] = ids_by_title(lib)[TITLE_D]
        # The bare article has nothing but its text: no site, date, URL or author.
        lib.conn.execute(
            "UPDATE articles SET site = NULL, date = NULL, url = NULL WHERE id = ?", (ids["bare"],)
        )
        lib.conn.commit()
    return path, ids


@pytest.fixture
def plib(tmp_path):
    path, ids = build_provenance_library(tmp_path)
    lib = open_library(path)
    yield lib, ids
    lib.close()


@pytest.fixture
def pdata(plib):
    lib, ids = plib
    return collect(lib, Selection(), every_article=True), ids


def test_collect_carries_metadata_and_keeps_every_article_when_asked(plib):
    lib, ids = plib
    annotated = collect(lib, Selection())
    assert ids["bare"] not in [a.id for a, _ in annotated.items]  # no annotation: left out
    data = collect(lib, Selection(), every_article=True)
    by_id = {a.id: a for a, _ in data.items}
    assert set(ids.values()) <= set(by_id)
    full = by_id[ids["full"]]
    assert full.meta.authors == AUTHORS and full.meta.publisher == PUBLISHER
    assert full.accessed == CAPTURED  # the earliest capture, not the import
    assert by_id[ids["bare"]].accessed == by_id[ids["bare"]].imported  # no capture
    assert full.raw is None  # raw texts only for the bag


def test_json_ld_source_describes_the_article_and_expands_without_loss(pdata):
    jsonld = pytest.importorskip("pyld.jsonld")
    data, _ids = pdata
    doc = json.loads(render(data, "json"))
    items = doc["first"]["items"]
    validator = _validator()
    for item in items:
        errors = sorted(validator.iter_errors(item), key=str)
        assert not errors, errors[0]
    sources = {}
    for item in items:
        target = item["target"]
        source = target.get("source", target)
        sources[source["id"]] = source
    full = next(s for s in sources.values() if s["dc:title"] == TITLE_A)
    assert full["type"] == ["Text", "schema:NewsArticle"]
    assert full["dcterms:creator"] == list(AUTHORS)
    assert full["dcterms:publisher"] == PUBLISHER and full["dcterms:issued"] == PUBLISHED
    assert full["schema:url"] == URL_A and full["schema:articleSection"] == SECTION
    assert full["language"] == "ar"
    derived = full["prov:wasDerivedFrom"]
    assert {"prov:generatedAtTime": CAPTURED, "dcterms:identifier": RECORD_ID}.items() <= next(
        d for d in derived if d.get("dcterms:identifier")
    ).items()
    # No empty values anywhere: an article without a publisher has no dcterms:publisher.
    for source in sources.values():
        assert all(v not in ("", None, []) for v in source.values())
    dropped: list = []
    expanded = jsonld.expand(doc, {"documentLoader": _loader}, on_property_dropped=dropped.append)
    assert dropped == []
    flat = json.dumps(expanded, ensure_ascii=False)
    for iri in (
        "http://purl.org/dc/terms/creator",
        "http://purl.org/dc/terms/publisher",
        "http://purl.org/dc/terms/issued",
        "http://schema.org/url",
        "http://schema.org/NewsArticle",
        "http://www.w3.org/ns/prov#wasDerivedFrom",
        "http://www.w3.org/ns/prov#generatedAtTime",
    ):
        assert iri in flat, iri
    assert AUTHORS[0] in flat and PUBLISHER in flat


def test_tei_header_describes_each_source_and_stays_valid(pdata):
    data, ids = pdata
    root = etree.fromstring(render(data, "tei"))
    schema = tei_all()
    assert schema.validate(root), schema.error_log
    bibl = root.find(
        f".//{TEI}listBibl/{TEI}bibl[@{{http://www.w3.org/XML/1998/namespace}}id='source-{ids['full']}']"
    )
    assert [a.text for a in bibl.findall(f"{TEI}author")] == list(AUTHORS)
    assert bibl.findtext(f"{TEI}publisher") == PUBLISHER
    date = bibl.find(f"{TEI}date[@type='published']")
    assert date.get("when") == PUBLISHED and date.text == PUBLISHED
    assert bibl.findtext(f"{TEI}idno[@type='URI']") == URL_A
    assert bibl.find(f"{TEI}textLang").get("mainLang") == "ar"
    captures = bibl.findall(f"{TEI}note[@type='capture']")
    assert len(captures) == 2
    assert CAPTURED in [c.find(f"{TEI}date").get("when") for c in captures]
    bare = root.find(
        f".//{TEI}bibl[@{{http://www.w3.org/XML/1998/namespace}}id='source-{ids['bare']}']"
    )
    assert bare.find(f"{TEI}publisher") is None and bare.find(f"{TEI}date") is None
    assert bare.findtext(f"{TEI}title") == TITLE_D


def test_csv_has_provenance_columns_after_the_earlier_ones(pdata):
    data, ids = pdata
    text = render(data, "csv").decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    header = next(csv.reader(io.StringIO(text)))
    assert header[:3] == ["article_id", "article_title", "article_hash"]
    assert header[-6:] == [
        "article_url", "article_author", "article_publisher", "article_published",
        "article_language", "article_captured",
    ]  # fmt: skip
    full = [r for r in rows if r["article_id"] == str(ids["full"])]
    assert full and all(r["article_author"] == "; ".join(AUTHORS) for r in full)
    assert full[0]["article_url"] == URL_A and full[0]["article_publisher"] == PUBLISHER
    assert full[0]["article_published"] == PUBLISHED and full[0]["article_captured"] == CAPTURED
    assert full[0]["article_language"] == "ar"


def test_markdown_and_docx_have_a_source_block_per_article(pdata):
    markdown_it = pytest.importorskip("markdown_it")
    data, _ids = pdata
    source = render(data, "markdown").decode("utf-8")
    html = markdown_it.MarkdownIt("commonmark").render(source)
    for line in (
        f"Authors: {AUTHORS[0]}; {AUTHORS[1]}",
        f"Publisher: {PUBLISHER}",
        f"Section: {SECTION}",
        f"Published: {PUBLISHED}",
        f"Captured: {CAPTURED} from crawl.warc.gz (and 1 more)",
    ):
        assert f"<em>{line}</em>" in html, line
    assert "Publisher: example.org" in html  # the site of an article without more metadata
    docx = pytest.importorskip("docx")
    document = docx.Document(io.BytesIO(render(data, "docx")))
    meta = [p.text for p in document.paragraphs if p.style.style_id == "Meta"]
    assert any(f"Publisher: {PUBLISHER}" in m and f"URL: {URL_A}" in m for m in meta)


def test_notes_source_block_is_a_meta_block_pdf_can_draw(pdata):
    from library.exchange.notes import article_blocks

    data, ids = pdata
    article, anns = next((a, n) for a, n in data.items if a.id == ids["full"])
    blocks = article_blocks(data, article, anns)
    assert blocks[0].role == "heading" and blocks[1].role == "meta"
    assert blocks[1].text.split("\n")[0] == f"Authors: {AUTHORS[0]}; {AUTHORS[1]}"
    bare, bare_anns = next((a, n) for a, n in data.items if a.id == ids["bare"])
    lines = article_blocks(data, bare, bare_anns)[1].text.split("\n")
    assert all(": " in line and line.split(": ", 1)[1] for line in lines)
