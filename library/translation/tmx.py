"""TMX 1.4b (LISA/GALA Translation Memory eXchange) of the translated segments: a
translation memory any CAT tool can load.

One `<tu tuid="<segment id>">` per segment that has a translation (draft, translated or
reviewed; a new one has none), with the segment's note as `<note>`, its status and its
article as `<prop>` (`x-status`, `x-article`), and two `<tuv xml:lang>`: the Arabic
source (`srclang="ar"` in the header) and the translation.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

import library
from library.translation.bundle import Bundle, xml_text

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _stamp(iso: str) -> str:
    """ISO 8601 as TMX's YYYYMMDDThhmmssZ."""
    digits = "".join(c for c in (iso or "")[:19] if c.isdigit())
    return f"{digits[:8]}T{digits[8:14]}Z" if len(digits) >= 14 else ""


def export_bytes(bundle: Bundle) -> bytes:
    root = ET.Element("tmx", {"version": "1.4"})
    header = {
        "creationtool": "Hashiya",
        "creationtoolversion": library.__version__,
        "segtype": "sentence",
        "o-tmf": "Hashiya",
        "adminlang": "en",
        "srclang": bundle.source_language,
        "datatype": "plaintext",
    }
    created = _stamp(bundle.generated)
    if created:
        header["creationdate"] = created
    ET.SubElement(root, "header", header)
    body = ET.SubElement(root, "body")
    for article, segs in bundle.items:
        for s in segs:
            if not s.target.strip():
                continue
            tu = ET.SubElement(body, "tu", {"tuid": s.id})
            changed = _stamp(s.updated_at or "")
            if changed:
                tu.set("changedate", changed)
            if s.note:
                ET.SubElement(tu, "note").text = xml_text(s.note)
            ET.SubElement(tu, "prop", {"type": "x-status"}).text = s.status
            ET.SubElement(tu, "prop", {"type": "x-article"}).text = article.iri
            for lang, text in (
                (bundle.source_language, s.exact),
                (bundle.target_language, s.target),
            ):
                tuv = ET.SubElement(tu, "tuv", {XML_LANG: lang})
                ET.SubElement(tuv, "seg").text = xml_text(text)
    text = ET.tostring(root, encoding="unicode")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + text + "\n").encode("utf-8")
