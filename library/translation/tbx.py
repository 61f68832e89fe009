"""The glossary as TBX-Basic (TermBase eXchange, ISO 30042:2019, namespace
`urn:iso:std:iso:30042:ed-2`, the TBX-Basic dialect in its DCA style).

One `<conceptEntry id="entity-<id>">` per entity with a term in the target language:
its type as `<descrip type="subjectField">`, a `<langSec xml:lang="ar">` with its name
and aliases (the name first), and a `<langSec>` in the target language with the
preferred term (`<termNote type="administrativeStatus">preferredTerm-admn-sts`) and
each forbidden variant (`deprecatedTerm-admn-sts`).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from library.translation.bundle import Bundle, xml_text

NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
PREFERRED = "preferredTerm-admn-sts"
DEPRECATED = "deprecatedTerm-admn-sts"
ADMITTED = "admittedTerm-admn-sts"
MODEL = (
    '<?xml-model href="https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/'
    'master/DCA/TBXcoreStructV03_TBX-Basic_integrated.rng" type="application/xml" '
    'schematypens="http://relaxng.org/ns/structure/1.0"?>\n'
)


def _term(lang_sec: ET.Element, q: str, text: str, status: str | None) -> None:
    term_sec = ET.SubElement(lang_sec, q + "termSec")
    ET.SubElement(term_sec, q + "term").text = xml_text(text)
    if status:
        ET.SubElement(term_sec, q + "termNote", {"type": "administrativeStatus"}).text = status


def export_bytes(bundle: Bundle) -> bytes:
    q = ""  # the namespace is declared on the root, as the default one
    root = ET.Element("tbx", {"xmlns": NS, "style": "dca", "type": "TBX-Basic", XML_LANG: "en"})
    header = ET.SubElement(root, q + "tbxHeader")
    file_desc = ET.SubElement(header, q + "fileDesc")
    source = ET.SubElement(file_desc, q + "sourceDesc")
    ET.SubElement(source, q + "p").text = "Exported from Hashiya: the glossary of its entities"
    body = ET.SubElement(ET.SubElement(root, q + "text"), q + "body")
    for e in bundle.entries:
        concept = ET.SubElement(body, q + "conceptEntry", {"id": f"entity-{e.entity.id}"})
        ET.SubElement(concept, q + "descrip", {"type": "subjectField"}).text = e.entity.type
        arabic = ET.SubElement(concept, q + "langSec", {XML_LANG: bundle.source_language})
        for n, name in enumerate(e.entity.names):
            _term(arabic, q, name, PREFERRED if n == 0 else ADMITTED)
        target = ET.SubElement(concept, q + "langSec", {XML_LANG: bundle.target_language})
        if e.preferred:
            _term(target, q, e.preferred, PREFERRED)
        for bad in e.forbidden:
            _term(target, q, bad, DEPRECATED)
    text = ET.tostring(root, encoding="unicode")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + MODEL + text + "\n").encode("utf-8")
