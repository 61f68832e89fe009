"""W3C Web Annotation JSON-LD: an AnnotationCollection with one embedded page.

Shape (Web Annotation Data Model, W3C Recommendation 2017, with the official context
http://www.w3.org/ns/anno.jsonld; only terms of that context are used, plus `dc:title`,
which the context's `dc` prefix expands to Dublin Core's title):

- the collection and its page have `urn:uuid:` IRIs, `label`, `total`, `generated`,
  `generator`; the page holds every annotation in `items`;
- each article is the target's `source`: `urn:hashiya:article:<content hash>` (the
  sha256 of its cleaned text, which is how `import-annotations` finds it again), typed
  `Text`, `format` text/plain, with `language` and its title as `dc:title`;
- a passage target is a SpecificResource with two selectors: a TextQuoteSelector
  (`exact`, `prefix`, `suffix`: up to 32 code points of context) and a
  TextPositionSelector (`start`, `end`). Positions count **Unicode code points** of the
  article's cleaned text (the model says "characters"; an emoji is one);
  a note on the whole article targets the article itself (no selector);
- a note is a TextualBody (`value`, `format` text/plain, `language` ar/en by letter
  count, `textDirection` rtl/ltr by the bidi base level, `purpose` commenting);
- a highlight's colour is a TextualBody with `purpose` highlighting whose `value` is the
  palette name and whose `id` is `urn:hashiya:colour:<palette id>`;
- an entity mention has motivation identifying, a SpecificResource body with `purpose`
  identifying whose `source` is the entity (`urn:hashiya:entity:<uuid>`, with its name as
  `label`), and a TextualBody with `purpose` tagging whose value is the entity type;
- `creator` is a Person with the author's `name`; `created`/`modified` are ISO 8601 UTC.
"""

from __future__ import annotations

import json
import uuid

import library
from library.exchange.direction import direction, language
from library.exchange.selection import ExportArticle, ExportData, colour_iri, entity_iri
from library.marks.annotations import Annotation

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
HASHIYA = "urn:hashiya:app"


def _textual(value: str, purpose: str) -> dict:
    body = {"type": "TextualBody", "value": value, "format": "text/plain"}
    lang = language(value)
    if lang:
        body["language"] = lang
    body["textDirection"] = direction(value)
    body["purpose"] = purpose
    return body


def _source(article: ExportArticle) -> dict:
    src = {"id": article.iri, "type": "Text", "format": "text/plain"}
    lang = language(article.title + " " + article.body[:400])
    if lang:
        src["language"] = lang
    src["dc:title"] = article.title
    return src


def annotation(data: ExportData, article: ExportArticle, a: Annotation, source: dict) -> dict:
    bodies: list[dict] = []
    if a.kind == "entity":
        motivation = "identifying"
        entity = data.entity_of(a)
        if entity is not None:
            bodies.append(
                {
                    "type": "SpecificResource",
                    "purpose": "identifying",
                    "source": {"id": entity_iri(entity.id), "label": entity.name},
                }
            )
            bodies.append(
                {
                    "type": "TextualBody",
                    "value": entity.type,
                    "format": "text/plain",
                    "purpose": "tagging",
                }
            )
    elif a.kind == "highlight":
        motivation = "highlighting"
        if a.colour:
            colour = _textual(data.colour_name(a.colour), "highlighting")
            colour["id"] = colour_iri(a.colour)
            bodies.append(colour)
    else:
        motivation = "commenting"
    if a.note:
        bodies.append(_textual(a.note, "commenting"))
        if a.kind == "note":
            motivation = "commenting"
    out: dict = {"id": f"urn:uuid:{a.id}", "type": "Annotation", "motivation": motivation}
    if a.author:
        out["creator"] = {"type": "Person", "name": a.author}
    out["created"] = a.created_at
    out["modified"] = a.updated_at
    if bodies:
        out["body"] = bodies if len(bodies) > 1 else bodies[0]
    if a.is_article_note:
        out["target"] = source
    else:
        out["target"] = {
            "type": "SpecificResource",
            "source": source,
            "selector": [
                {
                    "type": "TextQuoteSelector",
                    "exact": a.exact,
                    "prefix": a.prefix,
                    "suffix": a.suffix,
                },
                {"type": "TextPositionSelector", "start": a.start, "end": a.end},
            ],
        }
    return out


def collection(data: ExportData) -> dict:
    items = []
    for article, anns in data.items:
        source = _source(article)
        items.extend(annotation(data, article, a, source) for a in anns)
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
