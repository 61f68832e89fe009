"""Read W3C Web Annotation JSON(-LD) into import records (library.exchange.incoming).

Accepted: an AnnotationCollection with its first page embedded (what `export --format
json` writes), an AnnotationPage, one Annotation, or a JSON list of Annotations, in the
compacted form of the official context (`id`, `type`, `body`, `target`…).

Per annotation:
- the target is the article IRI (a note on the whole article), or a SpecificResource
  whose `source` is the article and whose selectors give the passage. A
  TextQuoteSelector is required for a passage (the quote is what proves where it
  belongs); a TextPositionSelector gives the offsets (code points) to try first;
- a TextualBody with purpose commenting (or `bodyValue`) is the note; one with an id
  `urn:hashiya:colour:ID` (what exports write now, with purpose tagging and the palette
  name as value) or with purpose highlighting (earlier exports) is the highlight colour,
  and without such a body the target's `styleClass` `hashiya-colour-ID` gives the colour
  (library.exchange.webanno writes the class and its CSS `stylesheet`); a
  SpecificResource with purpose identifying whose source is `urn:hashiya:entity:UUID`
  (or any IRI) with a `label`/`name` is the entity, and a TextualBody with purpose tagging
  beside it is the entity's type;
- the kind: an entity mention if there is an identifying body, else a highlight if the
  motivation is highlighting or there is a colour, else a note.
Tagging bodies without an entity (plain tags from other tools) are not imported.

An annotation with motivation `linking` is a relation (as `library.exchange.webanno`
and RecogitoJS write them): its two targets, in order, are the source mention and the
target mention, each by the id its annotation has in the same file (`urn:uuid:…`, or
any IRI), or, as the second, an entity (`urn:hashiya:entity:UUID`, with its `label` and
`dc:type` so it can be made when the library lacks it). Its TextualBody with purpose
tagging is the type (the id in `urn:hashiya:relation-type:ID`, else the value, matched
to the library's types by id or label; the value is the label of a type the library
lacks); one with purpose commenting is the note. A linking annotation without two
targets, whose source is not a mention in the file, whose two mentions are in two
articles, or without a type is a reported problem; the rest is imported.

Anything odd in an item (a purpose that is an object, text that is not valid Unicode
such as a lone surrogate `\\ud800`, a number where text belongs) makes that item a
reported problem; a document nested deeper than Python's parser goes is a file that
cannot be read. Neither stops the rest of the import.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import unquote

from library.exchange.incoming import (
    ARTICLE_IRI,
    Incoming,
    IncomingArticle,
    IncomingEntity,
    IncomingRelation,
    Problems,
    ReadError,
)

ENTITY_PREFIX = "urn:hashiya:entity:"
COLOUR_PREFIX = "urn:hashiya:colour:"
RELATION_TYPE_PREFIX = "urn:hashiya:relation-type:"  # library.exchange.webanno
STYLE_PREFIX = "hashiya-colour-"  # library.exchange.webanno.style_class
_STYLE_ESCAPE = re.compile(r"_([0-9a-f]{6})")


def _list(value: Any) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _id(node: Any) -> str | None:
    if isinstance(node, str):
        return node
    if isinstance(node, dict):
        value = node.get("id", node.get("@id"))
        return value if isinstance(value, str) else None
    return None


def _types(node: dict) -> set[str]:
    return {t for t in _list(node.get("type", node.get("@type"))) if isinstance(t, str)}


def _value(node: Any, *keys: str) -> Any:
    if not isinstance(node, dict):
        return None
    for key in keys:
        if key in node:
            return node[key]
    return None


def _items(doc: Any) -> list:
    if isinstance(doc, list):
        return doc
    if not isinstance(doc, dict):
        raise ReadError("not a W3C annotation document (expected a JSON object or list)")
    kinds = _types(doc)
    if "Annotation" in kinds or "oa:Annotation" in kinds:
        return [doc]
    if "AnnotationPage" in kinds:
        return _list(doc.get("items"))
    if "AnnotationCollection" in kinds:
        first = doc.get("first")
        if isinstance(first, dict):
            items = list(_list(first.get("items")))
            page = first.get("next")
            while isinstance(page, dict):  # further pages, when they are embedded too
                items += _list(page.get("items"))
                page = page.get("next")
            return items
        if first is None and doc.get("total", 0) == 0:
            return []
        raise ReadError("the collection's pages are not in the file (only their IRIs)")
    raise ReadError(
        "not a W3C annotation document (no Annotation, AnnotationPage or AnnotationCollection)"
    )


def _int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdecimal():
        return int(value)
    return None


def _creator(value: Any) -> str | None:
    for c in _list(value):
        if isinstance(c, str):
            return c
        name = _value(c, "name", "nickname", "foaf:name")
        if isinstance(name, str):
            return name
    return None


def _string(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _target(node: dict) -> tuple[dict, list]:
    """The article (as a node with at least an `id`) and the selectors of the target."""
    targets = _list(node.get("target"))
    if not targets:
        raise ValueError("an annotation without a target")
    target = targets[0]
    if isinstance(target, str):
        source: dict = {"id": target}
        selectors: list = []
    elif isinstance(target, dict) and "source" in target:
        src = target["source"]
        source = src if isinstance(src, dict) else {"id": src}
        selectors = _list(target.get("selector"))
    elif isinstance(target, dict):
        source, selectors = target, []
    else:
        raise ValueError("a target that is neither an IRI nor an object")
    if not _id(source):
        raise ValueError("the target has no source IRI")
    return source, selectors


def _selected(selectors: list) -> dict:
    """exact, prefix, suffix (TextQuoteSelector) and start, end (TextPositionSelector)."""
    out: dict = {"exact": None, "prefix": "", "suffix": "", "start": 0, "end": 0}
    for sel in selectors:
        if not isinstance(sel, dict):
            continue
        kinds = _types(sel)
        if "TextQuoteSelector" in kinds:
            out.update({k: _string(sel.get(k)) or "" for k in ("prefix", "suffix")})
            out["exact"] = _string(sel.get("exact"))
        elif "TextPositionSelector" in kinds:
            start, end = _int(sel.get("start")), _int(sel.get("end"))
            if start is None or end is None or not 0 <= start <= end:
                raise ValueError("a TextPositionSelector needs 0 <= start <= end")
            out["start"], out["end"] = start, end
    if selectors and out["exact"] is None:
        raise ValueError(
            "no TextQuoteSelector: the passage cannot be checked, so it is not imported"
        )
    return out


def _bodies(node: dict) -> dict:
    """note, colour (id), colour_name, entity (IRI), entity_name, entity_type, value."""
    keys = ("colour", "colour_name", "entity", "entity_name", "entity_type", "value")
    out: dict = dict.fromkeys(keys)
    out["note"] = _string(node.get("bodyValue"))
    for body in _list(node.get("body")):
        if not isinstance(body, dict):
            continue
        given = _list(body.get("purpose"))
        if not all(isinstance(p, str) for p in given):
            raise ValueError(f"a body's purpose must be a name, not {given!r:.60}")
        purposes = set(given)
        body_id = _id(body) or ""
        if "SpecificResource" in _types(body) or "identifying" in purposes:
            src = body.get("source")
            out["entity"] = _id(src)
            out["entity_name"] = (
                _string(_value(src, "label", "name", "value")) or out["entity_name"]
            )
            continue
        value = _string(body.get("value"))
        if value is None:
            continue
        if body_id.startswith(COLOUR_PREFIX) or "highlighting" in purposes:
            if body_id.startswith(COLOUR_PREFIX):
                out["colour"] = unquote(body_id[len(COLOUR_PREFIX) :], errors="strict")
            out["colour_name"] = value
        elif "tagging" in purposes:
            out["entity_type"] = value
        elif "describing" in purposes and "identifying" in _list(node.get("motivation")):
            out["value"] = value  # a mention's normalised value (a date's ISO form)
        elif "commenting" in purposes or not purposes:
            out["note"] = value if out["note"] is None else out["note"] + "\n" + value
    return out


def _style_colour(node: dict) -> str | None:
    """The palette id in the target's styleClass `hashiya-colour-ID`, or None."""
    for target in _list(node.get("target")):
        for name in _list(_value(target, "styleClass")):
            if isinstance(name, str) and name.startswith(STYLE_PREFIX):
                given = name[len(STYLE_PREFIX) :]
                return _STYLE_ESCAPE.sub(lambda m: chr(min(int(m[1], 16), 0x10FFFF)), given) or None
    return None


def _strip(value: str | None, prefix: str) -> str | None:
    return value[len(prefix) :] if value and value.startswith(prefix) else None


def parse_annotation(node: Any, where: str) -> tuple[dict, Incoming]:
    """(the article's source node, the record); raises ValueError with a message."""
    if not isinstance(node, dict):
        raise ValueError("not an annotation object")
    source, selectors = _target(node)
    sel = _selected(selectors)
    bodies = _bodies(node)
    if not bodies["colour"]:
        bodies["colour"] = _style_colour(node)
    if bodies["entity"] or bodies["entity_name"]:
        kind = "entity"
    elif (
        "highlighting" in _list(node.get("motivation")) or bodies["colour"] or bodies["colour_name"]
    ):
        kind = "highlight"
    elif bodies["note"]:
        kind = "note"
    else:
        raise ValueError("nothing to import (no note, colour or entity)")
    entity = None
    if kind == "entity":
        entity = IncomingEntity(
            bodies["entity_type"] or "other",
            bodies["entity_name"] or (sel["exact"] or ""),
            _strip(bodies["entity"], ENTITY_PREFIX),
        )
    record = Incoming(
        kind=kind,
        start=sel["start"],
        end=sel["end"],
        exact=sel["exact"] or "",
        prefix=sel["prefix"],
        suffix=sel["suffix"],
        colour=bodies["colour"],
        colour_name=bodies["colour_name"],
        note=bodies["note"],
        entity=entity,
        author=_creator(node.get("creator")),
        created=_string(node.get("created")),
        updated=_string(node.get("modified")),
        id=_strip(_id(node), "urn:uuid:"),
        where=where,
        value=bodies["value"] if kind == "entity" else None,
        key=_id(node) or "",
    )
    _check_unicode(record)
    return source, record


def is_link(node: Any) -> bool:
    return isinstance(node, dict) and "linking" in _list(node.get("motivation"))


def parse_link(node: dict, where: str) -> IncomingRelation:
    """A linking annotation as a relation; raises ValueError with a message."""
    targets = _list(node.get("target"))
    if len(targets) != 2:
        raise ValueError(
            f"a linking annotation needs two targets (the two mentions), not {len(targets)}: "
            "not imported"
        )
    source, target = (_id(t) for t in targets)
    if not source or not target:
        raise ValueError("a linking annotation's targets must be IRIs: not imported")
    type_id = label = note = None
    for body in _list(node.get("body")):
        if not isinstance(body, dict):
            continue
        purposes = {p for p in _list(body.get("purpose")) if isinstance(p, str)}
        value = _string(body.get("value"))
        if "tagging" in purposes and type_id is None:
            iri = _id(body) or ""
            if iri.startswith(RELATION_TYPE_PREFIX):
                type_id = unquote(iri[len(RELATION_TYPE_PREFIX) :], errors="strict")
            else:
                type_id = value
            label = value
        elif value is not None and ("commenting" in purposes or not purposes):
            note = value if note is None else note + "\n" + value
    if not type_id:
        raise ValueError("a linking annotation without its relation type (a tagging body)")
    entity = None
    if target.startswith(ENTITY_PREFIX):
        node_ = targets[1] if isinstance(targets[1], dict) else {}
        name = _string(_value(node_, "label", "name")) or ""
        kind = _string(_value(node_, "dc:type", "http://purl.org/dc/elements/1.1/type"))
        entity = IncomingEntity(kind or "other", name, target[len(ENTITY_PREFIX) :])
    record = IncomingRelation(
        type=type_id,
        source=source,
        target=None if entity else target,
        target_entity=entity,
        type_label=label,
        note=note,
        author=_creator(node.get("creator")),
        created=_string(node.get("created")),
        updated=_string(node.get("modified")),
        id=_strip(_id(node), "urn:uuid:"),
        where=where,
    )
    for name, value in (
        ("type", record.type), ("note", record.note), ("author", record.author),
        ("entity", entity and entity.name), ("entity type", entity and entity.type),
        ("target", target), ("source", source),
    ):  # fmt: skip
        wrong = _unicode_error(value)
        if wrong:
            raise ValueError(
                f"the {name} is not valid Unicode text (a lone surrogate, {wrong}): not imported"
            )
    return record


def _attach_links(
    links: list[IncomingRelation],
    articles: dict[str, IncomingArticle],
    broken: IncomingArticle,
    problems: Problems,
) -> None:
    """Give each relation to the article of its source mention (both mentions must be in
    the file, in one article); the others are problems."""
    owner: dict[str, tuple[IncomingArticle, Incoming]] = {}
    for art in articles.values():
        for record in art.annotations:
            if record.key:
                owner.setdefault(record.key, (art, record))
    for link in links:
        error = None
        found = owner.get(link.source)
        if found is None or found[1].kind != "entity":
            error = f"its source {link.source} is not an entity mention in this file"
        elif link.target is not None:
            other = owner.get(link.target)
            if other is None or other[1].kind != "entity":
                error = f"its target {link.target} is not an entity mention in this file"
            elif other[0] is not found[0]:
                error = "its two mentions are in two different articles"
        if error is None and found is not None:
            found[0].relations.append(link)
        elif problems.take():
            broken.problems.append({"where": link.where, "error": f"a relation: {error}"})


def _unicode_error(value: Any) -> str | None:
    """What is wrong with a string that cannot be stored (a lone surrogate), or None."""
    if not isinstance(value, str):
        return None
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        return f"U+{ord(value[exc.start]):04X} at character {exc.start}"
    return None


def _check_unicode(record: Incoming) -> None:
    entity = record.entity
    fields = {
        "quote": record.exact, "prefix": record.prefix, "suffix": record.suffix,
        "note": record.note, "colour": record.colour, "colour name": record.colour_name,
        "author": record.author, "created": record.created, "modified": record.updated,
        "id": record.id, "entity": entity and entity.name, "entity type": entity and entity.type,
        "entity id": entity and entity.id,
    }  # fmt: skip
    for name, value in fields.items():
        wrong = _unicode_error(value)
        if wrong:
            raise ValueError(
                f"the {name} is not valid Unicode text (a lone surrogate, {wrong}): not imported"
            )


def read(text: str, problems: Problems | None = None) -> list[IncomingArticle]:
    problems = problems or Problems()
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ReadError(
            f"not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"
        ) from exc
    except RecursionError as exc:
        raise ReadError("JSON nested too deeply to be an annotation file") from exc
    articles: dict[str, IncomingArticle] = {}
    broken = IncomingArticle(label="(no article)")
    links: list[IncomingRelation] = []
    for n, node in enumerate(_items(doc), 1):
        where = f"item {n}"
        try:
            if is_link(node):
                links.append(parse_link(node, where))
                continue
            source, record = parse_annotation(node, where)
            iri = _id(source) or ""
            title = _string(
                _value(source, "dc:title", "title", "http://purl.org/dc/elements/1.1/title")
            )
            if _unicode_error(iri) or _unicode_error(title):
                raise ValueError("the article's IRI or title is not valid Unicode text")
        except (ValueError, TypeError, AttributeError, KeyError) as exc:
            if problems.take():
                error = str(exc) if isinstance(exc, ValueError) else f"not usable ({exc})"
                broken.problems.append({"where": where, "error": error})
            continue
        art = articles.get(iri)
        if art is None:
            match = ARTICLE_IRI.match(iri)
            art = articles[iri] = IncomingArticle(
                label=title or iri, content_hash=match[1] if match else None, title=title
            )
        art.annotations.append(record)
    _attach_links(links, articles, broken, problems)
    return [*articles.values(), *([broken] if broken.problems else [])]
