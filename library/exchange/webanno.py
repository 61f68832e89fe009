"""W3C Web Annotation JSON-LD: an AnnotationCollection with one embedded page.

Shape (Web Annotation Data Model, W3C Recommendation 2017, with the official context
http://www.w3.org/ns/anno.jsonld; only terms of that context are used, plus `dc:title`,
which the context's `dc` prefix expands to Dublin Core's title):

- the collection and its page have `urn:uuid:` IRIs, `label`, `total`, `generated`,
  `generator`; the page holds every annotation in `items`;
- every annotation in `items` carries the `@context` too. JSON-LD lets embedded nodes
  leave it out (the collection's applies), and the W3C test suite's context check reads
  it on each; but a consumer that takes one annotation out (an annotation server's POST,
  which the Web Annotation Protocol requires to carry the context, a tool that splits the
  file) would get a document without meaning, so each annotation is a complete document
  on its own. It is the same context, so the expanded graph is unchanged (about 40 bytes
  an annotation);
- each article is the target's `source`: `urn:hashiya:article:<content hash>` (the
  sha256 of its cleaned text, which is how `import-annotations` finds it again), typed
  `Text` and `schema:NewsArticle`, `format` text/plain, with `language` (the metadata's,
  else by letter count) and its title as `dc:title`, and its provenance in Dublin Core
  terms (the context's `dcterms` prefix): `dcterms:creator` (each author's name),
  `dcterms:publisher`, `dcterms:issued` (published), `dcterms:modified`,
  `dcterms:identifier`; and in schema.org's: `schema:url` (the canonical URL, a string),
  `schema:articleSection`; each capture (a web archive's record) is a
  `prov:wasDerivedFrom` entity with `schema:url` (the captured URI),
  `prov:generatedAtTime` (the capture date), `dcterms:identifier` (the WARC record id)
  and `dcterms:isPartOf` (the archive file). The W3C context has no `schema` or `prov`
  prefix, so the source carries a context of its own defining them
  (`{"schema": "http://schema.org/", "prov": "http://www.w3.org/ns/prov#"}`); the
  annotation's `@context` stays the W3C context alone. Values the article lacks are left
  out;
- a passage target is a SpecificResource with two selectors: a TextQuoteSelector
  (`exact`, `prefix`, `suffix`: up to 32 code points of context) and a
  TextPositionSelector (`start`, `end`). Positions count **Unicode code points** of the
  article's cleaned text (the model says "characters"; an emoji is one);
  a note on the whole article targets the article itself (no selector);
- a note is a TextualBody (`value`, `format` text/plain, `language` ar/en by letter
  count, `textDirection` rtl/ltr by the bidi base level, the article's when the note has
  no letters, `purpose` commenting);
- a highlight has motivation `highlighting`. Its colour is a style, as the model's
  section 4.4 (Styles) has it: the annotation's `stylesheet` is an embedded
  CssStylesheet (`.hashiya-colour-green { background-color: #8fd694; }`) and the target's
  `styleClass` names the class, so a client that renders styles shows the palette
  colour. The palette entry's name ("Quote", "Claim": what the colour means to the user)
  is a TextualBody with `purpose` tagging, `value` the name, and `id`
  `urn:hashiya:colour:<palette id>` (a space or `%` in the id percent-encoded; a
  Textual Body may have an IRI; with its `value` it
  stays a Textual Body, not an External Web Resource). Earlier exports wrote that body
  with `purpose` highlighting; the W3C test suite reads a body with an `id` and no
  `value` as an External Web Resource, which may not carry a `purpose`, and highlighting
  is what the annotation does, not what its body is; import reads both forms;
- an entity mention has motivation identifying, a SpecificResource body with `purpose`
  identifying whose `source` is the entity (`urn:hashiya:entity:<uuid>`, with its name as
  `label`), and a TextualBody with `purpose` tagging whose value is the entity type;
- `creator` is a Person with the author's `name`; `created`/`modified` are ISO 8601 UTC;
- a relation (`library.marks.relations`) is an annotation of its own, as RecogitoJS
  writes one: motivation `linking`, `id` `urn:uuid:<relation id>`, and two targets in
  order, the source mention's annotation (`{"id": "urn:uuid:<annotation id>"}`, the id
  that mention has in this file) and the target mention's, or for a relation to an
  entity the entity itself (`{"id": "urn:hashiya:entity:<uuid>", "label": name,
  "dc:type": entity type id}`, so an importer without the entity can make it). The
  relation type is a TextualBody with purpose tagging, `id`
  `urn:hashiya:relation-type:<type id>` and its label as `value`; a note is a second
  TextualBody with purpose commenting. Each relation follows the annotations of its
  article in `items`.

Each annotation taken alone meets the model's MUSTs as the W3C test suite checks them
(tests/test_export_docx_tei_w3c_md.py writes them as JSON Schema).
"""

from __future__ import annotations

import json
import re
import uuid

import library
import library.exchange.provenance as prov
from library.exchange.direction import direction, language
from library.exchange.selection import ExportArticle, ExportData, colour_iri, entity_iri
from library.marks.annotations import Annotation
from library.marks.relations import RelationView

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
HASHIYA = "urn:hashiya:app"
RELATION_TYPE_PREFIX = "urn:hashiya:relation-type:"
STYLE_PREFIX = "hashiya-colour-"
_CSS_UNSAFE = re.compile(r"[^A-Za-z0-9-]")
_HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")


_NOT_IN_IRI = re.compile(r'[\x00-\x20\x7f-\x9f%<>"{}|\\^`\s]')


def iri_part(value: str) -> str:
    """`value` as a piece of an IRI: the characters an IRI cannot hold (spaces, controls,
    angle brackets, quotes, braces, `|`, backslash, `^`, backtick) and `%` itself
    percent-encoded (UTF-8); the rest, Arabic too, kept."""
    return _NOT_IN_IRI.sub(lambda m: "".join(f"%{b:02X}" for b in m[0].encode()), value)


def style_class(colour_id: str) -> str:
    """The CSS class of a palette colour: `hashiya-colour-ID`, any character but ASCII
    letters, digits and `-` (`_` too, so the id reads back unchanged) written as `_xxxxxx`,
    its code point in six hex digits."""
    return STYLE_PREFIX + _CSS_UNSAFE.sub(lambda m: f"_{ord(m[0]):06x}", colour_id)


def _textual(value: str, purpose: str, rtl: bool = False) -> dict:
    body = {"type": "TextualBody", "value": value, "format": "text/plain"}
    lang = language(value)
    if lang:
        body["language"] = lang
    body["textDirection"] = direction(value, rtl)
    body["purpose"] = purpose
    return body


SOURCE_CONTEXT = {"schema": "http://schema.org/", "prov": "http://www.w3.org/ns/prov#"}


def _one_or_list(values: list) -> object:
    return values[0] if len(values) == 1 else values


def _capture(capture) -> dict:
    out: dict = {"type": "prov:Entity"}
    if capture.uri:
        out["schema:url"] = capture.uri
    if capture.date:
        out["prov:generatedAtTime"] = capture.date
    if capture.record_id:
        out["dcterms:identifier"] = capture.record_id
    if capture.file:
        out["dcterms:isPartOf"] = capture.file
    return out


def _source(article: ExportArticle) -> dict:
    meta = article.meta
    src: dict = {
        "@context": SOURCE_CONTEXT,
        "id": article.iri,
        "type": ["Text", "schema:NewsArticle"],
        "format": "text/plain",
    }
    lang = prov.article_language(article)
    if lang:
        src["language"] = lang
    src["dc:title"] = article.title
    if meta.authors:
        src["dcterms:creator"] = _one_or_list(list(meta.authors))
    for key, value in (
        ("dcterms:publisher", prov.publisher(article)),
        ("dcterms:issued", prov.published(article)),
        ("dcterms:modified", meta.modified),
        ("dcterms:identifier", meta.identifier),
        ("schema:articleSection", meta.section),
        ("schema:url", prov.url(article)),
    ):
        if value:
            src[key] = value
    captures = [_capture(c) for c in meta.captures if c.uri or c.date or c.record_id or c.file]
    if captures:
        src["prov:wasDerivedFrom"] = _one_or_list(captures)
    return src


def article_rtl(article: ExportArticle) -> bool:
    """Most letters of the article are Arabic-script (the direction of a note without any)."""
    return language(article.title + "\n" + article.body[:4000]) == "ar"


def _entity_bodies(data: ExportData, a: Annotation) -> list[dict]:
    entity = data.entity_of(a)
    if entity is None:
        return []
    return [
        {
            "type": "SpecificResource",
            "purpose": "identifying",
            "source": {"id": entity_iri(entity.id), "label": entity.name},
        },
        {"type": "TextualBody", "value": entity.type, "format": "text/plain", "purpose": "tagging"},
        *(
            # A date's ISO 8601 value, as a describing body a reader can filter by.
            [
                {
                    "type": "TextualBody",
                    "value": a.value,
                    "format": "text/plain",
                    "purpose": "describing",
                }
            ]
            if a.value
            else []
        ),
    ]


def _colour(data: ExportData, colour_id: str, rtl: bool) -> tuple[dict, dict | None, str | None]:
    """A highlight colour: the tagging body naming it, the embedded stylesheet and the
    target's styleClass (None, None when the palette has no such colour)."""
    tag = {"type": "TextualBody", "id": colour_iri(iri_part(colour_id))}
    tag.update(_textual(data.colour_name(colour_id) or colour_id, "tagging", rtl))
    palette = data.colours.get(colour_id)
    if palette is None or not _HEX.match(palette.colour):
        return tag, None, None
    style = style_class(colour_id)
    css = f".{style} {{ background-color: {palette.colour.lower()}; }}"
    return tag, {"type": "CssStylesheet", "value": css}, style


def annotation(
    data: ExportData,
    article: ExportArticle,
    a: Annotation,
    source: dict,
    rtl: bool | None = None,
) -> dict:
    """One annotation, a complete JSON-LD document (with its `@context`). `rtl`: the
    article's direction (worked out when not given)."""
    if rtl is None:
        rtl = article_rtl(article)
    bodies: list[dict] = []
    stylesheet, style = None, None
    motivation = "commenting"
    if a.kind == "entity":
        motivation = "identifying"
        bodies += _entity_bodies(data, a)
    elif a.kind == "highlight":
        motivation = "highlighting"
        if a.colour:
            tag, stylesheet, style = _colour(data, a.colour, rtl)
            bodies.append(tag)
    if a.note:
        bodies.append(_textual(a.note, "commenting", rtl))
    out: dict = {
        "@context": CONTEXT,
        "id": f"urn:uuid:{a.id}",
        "type": "Annotation",
        "motivation": motivation,
    }
    if a.author:
        out["creator"] = {"type": "Person", "name": a.author}
    out["created"] = a.created_at
    out["modified"] = a.updated_at
    if stylesheet:
        out["stylesheet"] = stylesheet
    if bodies:
        out["body"] = bodies if len(bodies) > 1 else bodies[0]
    if a.is_article_note:
        out["target"] = source
        return out
    target: dict = {
        "type": "SpecificResource",
        "source": source,
        "selector": [
            {"type": "TextQuoteSelector", "exact": a.exact, "prefix": a.prefix, "suffix": a.suffix},
            {"type": "TextPositionSelector", "start": a.start, "end": a.end},
        ],
    }
    if style:
        target["styleClass"] = style
    out["target"] = target
    return out


def link(data: ExportData, view: RelationView, rtl: bool = False) -> dict:
    """A relation as a linking annotation (a complete JSON-LD document)."""
    r = view.relation
    tag = {"type": "TextualBody", "id": RELATION_TYPE_PREFIX + iri_part(r.type)}
    tag.update(_textual(data.relation_label(r.type), "tagging", rtl))
    bodies = [tag]
    if r.note:
        bodies.append(_textual(r.note, "commenting", rtl))
    if r.target_annotation is not None:
        target: dict = {"id": f"urn:uuid:{r.target_annotation}"}
    else:
        target = {"id": entity_iri(r.target_entity or "")}
        entity = data.entities.get(r.target_entity or "")
        if entity is not None:
            target.update({"label": entity.name, "dc:type": entity.type})
    out: dict = {
        "@context": CONTEXT,
        "id": f"urn:uuid:{r.id}",
        "type": "Annotation",
        "motivation": "linking",
    }
    if r.author:
        out["creator"] = {"type": "Person", "name": r.author}
    out["created"] = r.created_at
    out["modified"] = r.updated_at
    out["body"] = bodies if len(bodies) > 1 else tag
    out["target"] = [{"id": f"urn:uuid:{r.source}"}, target]
    return out


def collection(data: ExportData) -> dict:
    items = []
    links: dict[int, list[RelationView]] = {}
    for view in data.relations:
        links.setdefault(view.article_id, []).append(view)
    for article, anns in data.items:
        source, rtl = _source(article), article_rtl(article)
        items.extend(annotation(data, article, a, source, rtl) for a in anns)
        items.extend(link(data, view, rtl) for view in links.get(article.id, []))
    return {
        "@context": CONTEXT,
        "id": f"urn:uuid:{uuid.uuid4()}",
        "type": "AnnotationCollection",
        "label": "Hashiya annotations",
        "total": len(items),
        "generated": data.generated,
        "generator": {"id": HASHIYA, "type": "Software", "name": f"Hashiya {library.__version__}"},
        "first": {
            "id": f"urn:uuid:{uuid.uuid4()}",
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        },
    }


def render(data: ExportData) -> str:
    return json.dumps(collection(data), ensure_ascii=False, indent=1)


def export_bytes(data: ExportData) -> bytes:
    return render(data).encode("utf-8")
