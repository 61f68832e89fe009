"""XLIFF, the exchange format of CAT tools (OmegaT, memoQ, Trados, MateCat): version 2.1
(OASIS, `urn:oasis:names:tc:xliff:document:2.0`) and 1.2 (still what many tools import).

XLIFF 2.1: `<xliff version="2.1" srcLang="ar" trgLang="…">`, one `<file>` per article
(id `article-<content hash>`, `original` its IRI), one `<unit>` per segment (id: the
segment's id, `name` its number in the article) with `srcDir="rtl"` (the spec allows
`srcDir`/`trgDir` on `<file>`, `<group>` and `<unit>`), the note as `<notes><note>`, when it last changed as
`hashiya:updated` (namespace `urn:hashiya:xliff`), and one `<segment state>` holding `<source>` and, when there is one, `<target>`. States:
new → initial (no target), draft → initial with its target, translated → translated,
reviewed → reviewed. An article without a segment is left out (a `<file>` needs a unit).

XLIFF 1.2: one `<file original source-language target-language datatype="plaintext">`
per article, one `<trans-unit id>` per segment with `<source>`, `<target state>` and
`<note>`. States: new → no target, draft → needs-review-translation, translated →
translated, reviewed → signed-off.

Written with the standard library's ElementTree; `library.translation.importing` reads
them back.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from library.translation.bundle import Bundle, xml_text

NS2 = "urn:oasis:names:tc:xliff:document:2.0"
NS12 = "urn:oasis:names:tc:xliff:document:1.2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# When the segment was last changed in the library, on each unit (both versions allow
# attributes of other namespaces there): an import can then tell a translation changed
# in the CAT tool only from one changed in the library too (a conflict).
HASHIYA_NS = "urn:hashiya:xliff"
UPDATED = f"{{{HASHIYA_NS}}}updated"  # as read back (Clark notation)
_UPDATED_OUT = "hashiya:updated"  # as written: the prefix is declared on the root
STATE2 = {"new": "initial", "draft": "initial", "translated": "translated", "reviewed": "reviewed"}
STATE12 = {
    "new": "new",
    "draft": "needs-review-translation",
    "translated": "translated",
    "reviewed": "signed-off",
}


def file_id(content_hash: str) -> str:
    return f"article-{content_hash}"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, tag, attrs)
    if text is not None:
        el.text = xml_text(text)
    return el


def xliff2(bundle: Bundle) -> ET.Element:
    q = ""  # written with xmlns on the root: CAT tools expect XLIFF's default namespace
    root = ET.Element(
        "xliff",
        {
            "xmlns": NS2,
            "xmlns:hashiya": HASHIYA_NS,
            "version": "2.1",
            "srcLang": bundle.source_language,
            "trgLang": bundle.target_language,
        },
    )
    for article, segs in bundle.items:
        if not segs:
            continue
        f = _sub(root, q + "file", id=file_id(article.content_hash), original=article.iri)
        f.set("srcDir", "rtl")
        notes = _sub(f, q + "notes")
        _sub(notes, q + "note", article.title, category="title")
        for n, s in enumerate(segs, 1):
            unit = _sub(f, q + "unit", id=s.id, name=str(n), srcDir="rtl")
            unit.set(_UPDATED_OUT, s.updated_at or "")
            if s.note:
                _sub(_sub(unit, q + "notes"), q + "note", s.note)
            state = STATE2[s.status]
            seg = _sub(unit, q + "segment", state=state)
            _sub(seg, q + "source", s.exact)
            if s.target or state != "initial":
                _sub(seg, q + "target", s.target)
    return root


def xliff12(bundle: Bundle) -> ET.Element:
    q = ""
    root = ET.Element("xliff", {"xmlns": NS12, "xmlns:hashiya": HASHIYA_NS, "version": "1.2"})
    for article, segs in bundle.items:
        if not segs:
            continue
        f = _sub(
            root,
            q + "file",
            original=article.iri,
            datatype="plaintext",
            **{"source-language": bundle.source_language},
            **{"target-language": bundle.target_language},
        )
        header = _sub(f, q + "header")
        _sub(header, q + "note", article.title, **{"from": "title"})
        body = _sub(f, q + "body")
        for n, s in enumerate(segs, 1):
            unit = _sub(body, q + "trans-unit", id=s.id, resname=str(n))
            unit.set(_UPDATED_OUT, s.updated_at or "")
            _sub(unit, q + "source", s.exact)
            if s.target or s.status != "new":
                _sub(unit, q + "target", s.target, state=STATE12[s.status])
            if s.note:
                _sub(unit, q + "note", s.note)
    return root


def export_bytes(bundle: Bundle, version: str = "2.1") -> bytes:
    root = xliff2(bundle) if version == "2.1" else xliff12(bundle)
    text = ET.tostring(root, encoding="unicode")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + text + "\n").encode("utf-8")
