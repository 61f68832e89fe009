"""Citations of the selected articles, read back by independent parsers: rispy (RIS),
bibtexparser (BibTeX, with its LaTeX decoding), citeproc-py rendering the CSL-JSON in the
Harvard style it ships."""

from __future__ import annotations

import json

import pytest
from test_export_provenance import (
    AUTHORS,
    PUBLISHER,
    TITLE_D,
    URL_A,
    WEIRD_TITLE,
    build_provenance_library,
)

from library.cli import main
from library.exchange import OutputExists, Selection, export
from library.exchange.earlier import written_by_export
from library.storage.store import open_library


@pytest.fixture
def built(tmp_path):
    return build_provenance_library(tmp_path)


def _export(built, fmt, tmp_path, selection=None, name=None):
    path, ids = built
    out = tmp_path / (name or f"refs.{fmt}")
    with open_library(path) as lib:
        result = export(lib, fmt, out, selection or Selection())
    return out, result, ids


def test_csl_json_renders_with_citeproc(built, tmp_path):
    citeproc = pytest.importorskip("citeproc")
    from citeproc.source.json import CiteProcJSON

    out, result, _ids = _export(built, "csl-json", tmp_path)
    items = json.loads(out.read_text(encoding="utf-8"))
    assert result.articles == len(items) == 4 and result.annotations == 0
    full = next(i for i in items if i["title"] == "خبر الوساطة")
    assert full["type"] == "article-newspaper" and full["language"] == "ar"
    assert full["author"] == [{"literal": a} for a in AUTHORS]
    assert full["container-title"] == PUBLISHER and full["URL"] == URL_A
    assert full["issued"] == {"date-parts": [[2024, 5, 12]]}
    assert full["accessed"] == {"date-parts": [[2024, 5, 13]]}
    bare = next(i for i in items if i["title"] == TITLE_D)
    assert set(bare) == {"id", "type", "title", "language", "accessed"}  # nothing empty
    style = citeproc.CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = citeproc.CitationStylesBibliography(
        style, CiteProcJSON(items), citeproc.formatter.plain
    )
    for item in items:
        bibliography.register(citeproc.Citation([citeproc.CitationItem(item["id"])]))
    rendered = "\n".join(str(entry) for entry in bibliography.bibliography())
    assert "خبر الوساطة" in rendered and AUTHORS[0] in rendered and PUBLISHER in rendered
    assert URL_A in rendered and "2024" in rendered and TITLE_D in rendered


def test_ris_reads_back_with_rispy(built, tmp_path):
    rispy = pytest.importorskip("rispy")
    out, _, _ = _export(built, "ris", tmp_path)
    raw = out.read_bytes()
    assert b"\r\nER  - \r\n" in raw
    entries = rispy.loads(raw.decode("utf-8"))
    assert len(entries) == 4
    full = next(e for e in entries if e.get("title") == "خبر الوساطة")
    assert full["type_of_reference"] == "NEWS" and full["authors"] == list(AUTHORS)
    assert full["secondary_title"] == PUBLISHER and full["urls"] == [URL_A]
    assert full["date"] == "2024/05/12" and full["year"] == "2024"
    assert full["access_date"] == "2024/05/13" and full["language"] == "ar"
    bare = next(e for e in entries if e.get("title") == TITLE_D)
    assert "authors" not in bare and "urls" not in bare and "access_date" in bare
    assert all(v != "" for e in entries for v in e.values())


def test_bibtex_reads_back_with_bibtexparser_special_characters_intact(built, tmp_path):
    bibtexparser = pytest.importorskip("bibtexparser")
    from bibtexparser.middlewares import LatexDecodingMiddleware

    out, _, _ = _export(built, "bibtex", tmp_path)
    text = out.read_text(encoding="utf-8")
    assert text.startswith("% Exported from Hashiya")
    library = bibtexparser.parse_string(text, append_middleware=[LatexDecodingMiddleware()])
    assert not library.failed_blocks
    entries = {e.key: e for e in library.entries}
    assert len(entries) == 4 and all(k.startswith("hashiya-") for k in entries)
    by_title = {e["title"].strip("{}"): e for e in entries.values()}
    full = by_title["خبر الوساطة"]
    assert full.entry_type == "article" and full["journaltitle"] == PUBLISHER
    assert full["date"] == "2024-05-12" and full["urldate"] == "2024-05-13"
    assert full["langid"] == "arabic" and AUTHORS[0] in full["author"]
    weird = next(e for e in entries.values() if "Budget" in e["title"])
    # pylatexenc decodes \textasciicircum{} as U+02C6 (LaTeX prints "^").
    assert weird["title"].replace("\u02c6", "^") == WEIRD_TITLE
    # Without LaTeX decoding every special character is escaped, braces balance.
    plain = bibtexparser.parse_string(text)
    raw_title = next(e["title"] for e in plain.entries if "Budget" in e["title"])
    assert r"\{draft\} 100\% \& \textbackslash{} final\_\#1" in raw_title
    assert "https://example.com/budget?a=%7Bb%7D&c=d%20e" in text
    # `url` is verbatim in biblatex: read it without LaTeX decoding.
    plain_full = next(e for e in plain.entries if e.key == full.key)
    assert plain_full["url"] == URL_A
    bare = by_title[TITLE_D]
    assert bare.entry_type == "online" and "author" not in bare and "date" not in bare


def test_citations_follow_the_selection_and_the_cli(built, tmp_path, capsys):
    path, ids = built
    out = tmp_path / "one.bib"
    code = main(["--library", str(path), "export", "--format", "bibtex", "--output", str(out),
                 "--article", str(ids["bare"])])  # fmt: skip
    assert code == 0 and "exported 1 reference(s)" in capsys.readouterr().out
    assert out.read_text(encoding="utf-8").count("@online{") == 1
    out = tmp_path / "q.ris"
    assert main(["--library", str(path), "export", "--format", "ris", "--output", str(out),
                 "--query", "مقال"]) == 0  # fmt: skip
    assert TITLE_D in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", ["csl-json", "ris", "bibtex"])
def test_force_replaces_only_an_earlier_export(built, tmp_path, fmt):
    out, _, _ = _export(built, fmt, tmp_path)
    assert written_by_export(fmt, out)
    path, _ = built
    with open_library(path) as lib:
        with pytest.raises(OutputExists):
            export(lib, fmt, out, Selection())
        export(lib, fmt, out, Selection(), force=True)
        theirs = {
            "csl-json": '[\n {\n  "id": "smith2020", "type": "book"}]\n',
            "ris": "TY  - BOOK\r\nTI  - My thesis\r\nER  - \r\n",
            "bibtex": "@book{smith2020, title = {Mine}}\n",
        }[fmt]
        mine = tmp_path / f"mine.{fmt}"
        mine.write_bytes(theirs.encode())
        with pytest.raises(OutputExists):
            export(lib, fmt, mine, Selection(), force=True)
        assert mine.read_bytes() == theirs.encode()
        # Our export with a reference of the user's added is the user's file now.
        mixed = out.read_bytes().decode()
        mixed = {
            "csl-json": mixed[:-3] + ',\n {\n  "id": "smith2020",\n  "type": "book"\n }\n]\n',
            "ris": mixed + "TY  - BOOK\r\nID  - smith2020\r\nER  - \r\n",
            "bibtex": mixed + "\n@book{smith2020, title = {Mine}}\n",
        }[fmt]
        out.write_bytes(mixed.encode())
        with pytest.raises(OutputExists):
            export(lib, fmt, out, Selection(), force=True)
