"""Exchange with CAT tools: each format read by an independent reader (translate-toolkit,
GPL, tests only; python-docx), and XLIFF exported, changed as a CAT tool would, and
imported back. Texts written for these tests."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
import zipfile

import pytest

from library.exchange import FORMATS, Selection, export
from library.ingest.importer import import_paths
from library.marks.entities import create_entity
from library.ops import translating
from library.translation.importing import TranslationImportError, import_translations
from library.translation.segments import get_segment, segments, stored_segments

tt_xliff = pytest.importorskip("translate.storage.xliff")
tt_tmx = pytest.importorskip("translate.storage.tmx")
tt_tbx = pytest.importorskip("translate.storage.tbx")
tt_omegat = pytest.importorskip("translate.storage.omegat")

NS2 = "urn:oasis:names:tc:xliff:document:2.0"
NS12 = "urn:oasis:names:tc:xliff:document:1.2"
X = f"{{{NS2}}}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
BODY_A = (
    "وصل وفد الأمم المتحدة إلى الرياض صباح أمس. وقال المتحدث إن المحادثات ستستمر يومين.\n"
    "والتقى الوفد بمسؤولين في المدينة & ناقشوا <الخطة>."
)
BODY_B = "أعلنت البلدية افتتاح حديقة جديدة. وحضر الافتتاح عدد من السكان."


@pytest.fixture
def work(lib, tmp_path):
    ids = []
    for n, body in enumerate((BODY_A, BODY_B)):
        path = tmp_path / f"a{n}.json"
        path.write_text(json.dumps({"title": f"خبر {n}", "body": body}, ensure_ascii=False))
        ids += import_paths(lib, [path]).articles
    a, b = ids
    first, second, _third = segments(lib, a)
    translating.translate(lib, first.id, "A UN delegation arrived in Riyadh yesterday morning.")
    translating.translate(lib, second.id, "The spokesman said the talks go on.", "translated")
    translating.set_status(lib, second.id, "reviewed")
    translating.set_note(lib, second.id, "تحقق من صفة المتحدث")
    un = create_entity(lib, "organisation", "الأمم المتحدة", aliases=["المنظمة الدولية"])
    riyadh = create_entity(lib, "place", "الرياض")
    translating.set_term(lib, un.id, "United Nations")
    translating.set_term(lib, riyadh.id, "Riyadh")
    translating.set_term(lib, riyadh.id, "Riad", forbidden=True)
    return lib, a, b, un, riyadh


def out(lib, tmp_path, fmt, *ids, lang=None):
    path = tmp_path / f"out-{fmt}"
    sel = Selection(article_ids=tuple(ids)) if ids else None
    result = export(lib, fmt, path, sel, lang=lang)
    return path, result


def test_formats_are_registered():
    assert {"xliff", "xliff12", "tmx", "tbx", "omegat", "bilingual-docx"} <= set(FORMATS)


def test_xliff21_structure(work, tmp_path):
    lib, a, b, *_ = work
    path, result = out(lib, tmp_path, "xliff", a, b)
    assert result.articles == 2
    root = ET.parse(path).getroot()
    assert root.tag == X + "xliff"
    assert (
        root.get("version") == "2.1" and root.get("srcLang") == "ar" and root.get("trgLang") == "en"
    )
    files = root.findall(X + "file")
    hashes = dict(lib.conn.execute("SELECT id, content_hash FROM articles"))
    assert [f.get("id") for f in files] == [f"article-{hashes[a]}", f"article-{hashes[b]}"]
    units = files[0].findall(X + "unit")
    segs = stored_segments(lib, a)
    assert [u.get("id") for u in units] == [s.id for s in segs]
    assert all(u.get("srcDir") == "rtl" for u in units)
    states = [u.find(X + "segment").get("state") for u in units]
    assert states == ["initial", "reviewed", "initial"]  # draft, reviewed, new
    sources = [u.find(f"{X}segment/{X}source").text for u in units]
    assert sources == [s.exact for s in segs]  # & and < survive
    assert units[0].find(f"{X}segment/{X}target").text.startswith("A UN delegation")
    assert units[2].find(f"{X}segment/{X}target") is None  # new: no target
    # <notes> comes before the segment (XLIFF 2 unit content order).
    assert [c.tag for c in units[1]] == [X + "notes", X + "segment"]
    assert units[1].find(f"{X}notes/{X}note").text == "تحقق من صفة المتحدث"


def test_xliff12_read_by_translate_toolkit(work, tmp_path):
    lib, a, *_ = work
    path, _ = out(lib, tmp_path, "xliff12", a)
    store = tt_xliff.xlifffile(path.read_bytes())
    assert store.getsourcelanguage() == "ar" and store.gettargetlanguage() == "en"
    units = store.getunits()
    segs = stored_segments(lib, a)
    # translate-toolkit's id: the file's `original`, \x04, the unit's id.
    assert [u.getid().split("\x04")[-1] for u in units] == [s.id for s in segs]
    assert [u.source for u in units] == [s.exact for s in segs]
    assert units[0].target.startswith("A UN delegation") and not units[0].isapproved()
    assert units[1].target == "The spokesman said the talks go on."
    assert "تحقق من صفة المتحدث" in units[1].getnotes()
    assert not units[2].target
    root = ET.parse(path).getroot()
    states = [t.get("state") for t in root.iter(f"{{{NS12}}}target")]
    assert states == ["needs-review-translation", "signed-off"]


def test_tmx_read_by_translate_toolkit(work, tmp_path):
    lib, a, b, *_ = work
    path, _ = out(lib, tmp_path, "tmx", a, b)
    store = tt_tmx.tmxfile(path.read_bytes(), sourcelanguage="ar", targetlanguage="en")
    units = store.getunits()
    assert len(units) == 2  # only segments with a translation
    assert units[0].source == "وصل وفد الأمم المتحدة إلى الرياض صباح أمس."
    assert units[0].target.startswith("A UN delegation")
    root = ET.parse(path).getroot()
    assert root.get("version") == "1.4" and root.find("header").get("srclang") == "ar"
    assert [t.get(XML_LANG) for t in root.find("body/tu").iter("tuv")] == ["ar", "en"]


def _tbx3(module):
    """translate-toolkit's TBX reader (LISA), told TBX v3's (ISO 30042:2019) names for
    what TBX v2 calls termEntry/langSet."""

    class Unit(module.tbxunit):
        rootNode = "conceptEntry"
        languageNode = "langSec"

    class File(module.tbxfile):
        UnitClass = Unit
        rootNode = "tbx"

    return File


def test_tbx_basic_read_by_translate_toolkit(work, tmp_path):
    lib, _a, _b, un, riyadh = work
    path, result = out(lib, tmp_path, "tbx")
    assert result.articles == 0
    store = _tbx3(tt_tbx)(path.read_bytes())
    units = {u.getid(): u for u in store.getunits()}
    assert set(units) == {f"entity-{un.id}", f"entity-{riyadh.id}"}
    u = units[f"entity-{riyadh.id}"]
    assert u.source == "الرياض" and u.gettarget("en") == "Riyadh"
    root = ET.parse(path).getroot()
    t = "{urn:iso:std:iso:30042:ed-2}"
    assert root.tag == t + "tbx" and root.get("type") == "TBX-Basic" and root.get("style") == "dca"
    entry = next(c for c in root.iter(t + "conceptEntry") if c.get("id") == f"entity-{riyadh.id}")
    english = next(s for s in entry.iter(t + "langSec") if s.get(XML_LANG) == "en")
    status = {
        ts.find(t + "term").text: ts.find(t + "termNote").text for ts in english.iter(t + "termSec")
    }
    assert status == {"Riyadh": "preferredTerm-admn-sts", "Riad": "deprecatedTerm-admn-sts"}
    arabic = next(s for s in root.iter(t + "langSec") if s.get(XML_LANG) == "ar")
    assert [x.text for x in arabic.iter(t + "term")] == ["الأمم المتحدة", "المنظمة الدولية"]


def test_omegat_glossary_read_by_translate_toolkit(work, tmp_path):
    lib, *_ = work
    path, _ = out(lib, tmp_path, "omegat")
    store = tt_omegat.OmegaTFile(path.read_bytes())
    rows = [
        (u.source, u.target, u.getnotes())
        for u in store.units
        if u.source and not u.source.startswith("#")
    ]
    assert sorted(rows) == sorted(
        [
            ("الأمم المتحدة", "United Nations", "organisation"),
            ("المنظمة الدولية", "United Nations", "organisation"),
            ("الرياض", "Riyadh", "place; not: Riad"),
        ]
    )


def test_bilingual_docx_read_by_python_docx(work, tmp_path):
    docx = pytest.importorskip("docx")
    lib, a, *_ = work
    path, _ = out(lib, tmp_path, "bilingual-docx", a)
    document = docx.Document(str(path))
    (table,) = document.tables
    rows = [[c.text for c in r.cells] for r in table.rows]
    assert rows[0][1] == "Translation (en)"
    assert rows[1][0] == "وصل وفد الأمم المتحدة إلى الرياض صباح أمس."
    assert rows[2] == [
        "وقال المتحدث إن المحادثات ستستمر يومين.",
        "The spokesman said the talks go on.",
        "تحقق من صفة المتحدث",
    ]
    xml = zipfile.ZipFile(path).read("word/document.xml").decode()
    first_cell = re.search(r"<w:tc>.*?</w:tc>", xml[xml.index("<w:tbl>") :]).group()
    assert "<w:bidi/>" in first_cell and "<w:rtl/>" in first_cell


def test_lang_overrides_the_target_language(work, tmp_path):
    lib, a, *_ = work
    path, _ = out(lib, tmp_path, "xliff", a, lang="fr")
    assert ET.parse(path).getroot().get("trgLang") == "fr"
    tbx, _ = out(lib, tmp_path, "tbx", lang="fr")
    assert "conceptEntry" not in tbx.read_text()  # no French terms yet


def _edit(path, edits):
    """Change the file as a CAT tool does: text edits on the serialised XML."""
    text = path.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")


def test_xliff21_round_trip(work, tmp_path):
    lib, a, b, *_ = work
    path, _ = out(lib, tmp_path, "xliff", a, b)
    first, second, third = stored_segments(lib, a)
    park, crowd = segments(lib, b)
    _edit(
        path,
        [
            # the draft revised and approved
            (
                "<target>A UN delegation arrived in Riyadh yesterday morning.</target>",
                "<target>A United Nations delegation reached Riyadh yesterday morning.</target>",
            ),
        ],
    )
    # A tool that writes the namespace with a prefix (ns0:unit): XLIFF all the same.
    tree = ET.parse(path)
    for unit in tree.getroot().iter(X + "unit"):
        seg = unit.find(X + "segment")
        if unit.get("id") == first.id:
            seg.set("state", "translated")
        if unit.get("id") == third.id:  # the new one translated; the reviewer says final
            seg.set("state", "final")
            ET.SubElement(
                seg, X + "target"
            ).text = "The delegation met officials & discussed <the plan>."
        if unit.get("id") == park.id:
            unit.set("id", "renamed-by-the-tool")  # matched by its source text instead
            seg.set("state", "translated")
            ET.SubElement(seg, X + "target").text = "The municipality opened a new park."
    tree.write(path, encoding="utf-8", xml_declaration=True)
    report = import_translations(lib, path)
    assert report.to_json() == {
        "updated": 3,
        "unchanged": 2,
        "unplaced": [],
        "files": 2,
        "conflicts": [],
    }
    assert get_segment(lib, first.id).target.startswith("A United Nations delegation")
    assert get_segment(lib, first.id).status == "translated"
    assert get_segment(lib, second.id).status == "reviewed"  # untouched
    assert (
        get_segment(lib, third.id).target == "The delegation met officials & discussed <the plan>."
    )
    assert get_segment(lib, third.id).status == "reviewed"  # final
    assert get_segment(lib, park.id).target == "The municipality opened a new park."
    assert get_segment(lib, crowd.id).target == ""
    assert report.changes.segments == {first.id, third.id, park.id}
    again = import_translations(lib, path)  # nothing new: a conflict-free no-op
    assert again.updated == 0 and again.conflicts == []


def test_xliff12_round_trip(work, tmp_path):
    lib, a, *_ = work
    path, _ = out(lib, tmp_path, "xliff12", a)
    _first, _, third = stored_segments(lib, a)
    store = tt_xliff.xlifffile(path.read_bytes())
    units = {u.getid().split("\x04")[-1]: u for u in store.getunits()}
    units[third.id].target = "The delegation met officials."
    units[third.id].markapproved(True)
    path.write_bytes(bytes(store))
    report = import_translations(lib, path)
    assert report.updated == 1 and report.unplaced == [] and report.files == 1
    assert get_segment(lib, third.id).target == "The delegation met officials."


def test_never_loses_a_translation(work, tmp_path):
    lib, a, *_ = work
    path, _ = out(lib, tmp_path, "xliff", a)
    first, second, _third = stored_segments(lib, a)
    # Meanwhile, in the library:
    translating.translate(lib, first.id, "Changed here after the export.")
    tree = ET.parse(path)
    for unit in tree.getroot().iter(X + "unit"):
        target = unit.find(f"{X}segment/{X}target")
        if unit.get("id") == first.id:
            target.text = "Changed in the CAT tool."
        if unit.get("id") == second.id:
            target.text = ""  # emptied: never replaces a translation
    unknown = ET.SubElement(tree.getroot().find(X + "file"), X + "unit", {"id": "stray"})
    seg = ET.SubElement(unknown, X + "segment")
    ET.SubElement(seg, X + "source").text = "جملة لا وجود لها في المقال."
    ET.SubElement(seg, X + "target").text = "A sentence that is not there."
    tree.write(path, encoding="utf-8", xml_declaration=True)
    report = import_translations(lib, path)
    assert report.updated == 0
    assert [c["segment"] for c in report.conflicts] == [first.id]
    assert [u["unit"] for u in report.unplaced] == ["stray"]
    assert get_segment(lib, first.id).target == "Changed here after the export."
    assert get_segment(lib, second.id).target == "The spokesman said the talks go on."


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"this is not XML at all", "not well-formed XML"),
        (
            b'<?xml version="1.0"?><xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" ver',
            "not well-formed",
        ),
        (b'<xliff xmlns="urn:example:other" version="2.1"/>', "not XLIFF"),
        (b"<html><body>hello</body></html>", "not XLIFF"),
        (
            b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>'
            b'<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0">&a;</xliff>',
            "DTD",
        ),
        (b"", "not well-formed"),
    ],
)
def test_broken_inputs_write_nothing(work, tmp_path, content, message):
    lib, _a, *_ = work
    before = [tuple(r) for r in lib.conn.execute("SELECT * FROM segments ORDER BY id")]
    path = tmp_path / "bad.xlf"
    path.write_bytes(content)
    with pytest.raises(TranslationImportError, match=message):
        import_translations(lib, path)
    assert [tuple(r) for r in lib.conn.execute("SELECT * FROM segments ORDER BY id")] == before


def test_huge_and_missing_files(work, tmp_path, monkeypatch):
    lib, *_ = work
    from library.translation import importing

    path = tmp_path / "big.xlf"
    path.write_bytes(b"<xliff>" + b" " * 2000 + b"</xliff>")
    monkeypatch.setattr(importing, "MAX_BYTES", 1000)
    with pytest.raises(TranslationImportError, match="not read"):
        import_translations(lib, path)
    with pytest.raises(FileNotFoundError):
        import_translations(lib, tmp_path / "missing.xlf")


def test_utf16_with_doctype_is_refused(work, tmp_path):
    lib, *_ = work
    path = tmp_path / "u16.xlf"
    path.write_bytes('<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x><x/>'.encode("utf-16"))
    with pytest.raises(TranslationImportError, match="DTD"):
        import_translations(lib, path)


def test_xml_control_characters_are_left_out(work, tmp_path):
    lib, a, *_ = work
    (first, *_) = stored_segments(lib, a)
    translating.translate(lib, first.id, "Bell\x07 and tab\tkept.")
    path, _ = out(lib, tmp_path, "xliff", a)
    ET.parse(path)  # well-formed
    assert "Bell and tab\tkept." in path.read_text()


def test_force_replaces_derived_translation_exports_but_never_an_xliff(tmp_path):
    """TMX, TBX, OmegaT and the bilingual DOCX are written again from the library; an
    XLIFF may come back from a CAT tool with the translator's work: never replaced."""
    from library.cli import main

    src = tmp_path / "a.txt"
    src.write_text("خبر\n\nقال الوزير إن الميناء جاهز. وأكد أن العمل مستمر.\n", "utf-8")
    lib = str(tmp_path / "l.sqlite")
    assert main(["import", str(src), "--library", lib]) == 0
    assert main(["translate", "1", "1", "--text", "The port is ready.", "--library", lib]) == 0
    for fmt in ("tmx", "tbx", "omegat", "bilingual-docx", "xliff", "xliff12"):
        out = tmp_path / f"out.{fmt}"
        assert main(["export", "--format", fmt, "--output", str(out), "--library", lib]) == 0
        before = out.read_bytes()
        forced = main(
            ["export", "--format", fmt, "--output", str(out), "--force", "--library", lib]
        )
        assert forced == (2 if fmt.startswith("xliff") else 0), fmt
        if fmt.startswith("xliff"):
            assert out.read_bytes() == before
        mine = tmp_path / f"mine.{fmt}"
        mine.write_bytes(b"my own glossary\tmon glossaire\n")
        refused = main(
            ["export", "--format", fmt, "--output", str(mine), "--force", "--library", lib]
        )
        assert refused == 2 and mine.read_bytes() == b"my own glossary\tmon glossaire\n", fmt
