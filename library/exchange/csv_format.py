"""CSV: one row per annotation, for spreadsheets and scripts.

UTF-8 with a byte order mark (Excel and LibreOffice then read Arabic right), RFC 4180
quoting, CRLF line ends. Offsets are code points into the article's text. A text cell
that begins with `=`, `+`, `-`, `@`, a tab or a carriage return would be taken for a
formula by a spreadsheet (CSV injection, OWASP): it gets a leading apostrophe, which
spreadsheets show as text and hide. Numbers are written as numbers and never altered.

The article's provenance follows the annotation's columns (added after them, so the
first columns stay where earlier exports had them): its URL, authors (`; ` between
them), publisher, publication date, language and when it was captured (the earliest
capture; empty when it has none).

Relations go in a second file beside it, `NAME.relations.csv` (written only when the
export holds relations; same encoding, quoting and line ends), one row per relation
(`library.marks.relations`): `relation_id`, `type` (the type's id) and `type_label`,
`from_annotation` and `from_text` (the source mention's id and quote), `to_annotation`
and `to_text` (the target mention's, empty for a relation to an entity), `to_entity`
and `to_entity_name` (the entity at the target end: the target mention's entity, or the
entity the relation points at), `article_id`, `note`, `author`, `created`, `updated`.
The annotation ids are the `annotation_id`s of the main file.
"""

from __future__ import annotations

import csv
import io

import library.exchange.provenance as prov
from library.exchange.selection import ExportArticle, ExportData

COLUMNS = (
    "article_id", "article_title", "article_hash", "annotation_id", "kind", "start", "end",
    "quote", "prefix", "suffix", "note", "colour", "colour_name", "entity_id", "entity_type",
    "entity_name", "author", "created", "updated",
    "article_url", "article_author", "article_publisher", "article_published",
    "article_language", "article_captured",
)  # fmt: skip
RELATION_COLUMNS = (
    "relation_id", "type", "type_label", "from_annotation", "from_text", "to_annotation",
    "to_text", "to_entity", "to_entity_name", "article_id", "note", "author", "created",
    "updated",
)  # fmt: skip
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """A cell safe from formula injection (strings only: numbers stay numbers)."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def source_cells(article: ExportArticle) -> tuple[str, ...]:
    return (
        prov.url(article) or "",
        article.meta.author or "",
        prov.publisher(article) or "",
        prov.published(article) or "",
        prov.article_language(article) or "",
        prov.captured(article) or "",
    )


def rows(data: ExportData):
    yield COLUMNS
    for article, anns in data.items:
        source = source_cells(article)
        for a in anns:
            entity = data.entity_of(a)
            row = (
                article.id, article.title, article.content_hash, a.id, a.kind, a.start, a.end,
                a.exact, a.prefix, a.suffix, a.note or "", a.colour or "",
                data.colour_name(a.colour), a.entity_id or "",
                entity.type if entity else "", entity.name if entity else "",
                a.author or "", a.created_at, a.updated_at, *source,
            )  # fmt: skip
            yield tuple(neutralise(v) for v in row)


def render(data: ExportData) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerows(rows(data))
    return out.getvalue()


def export_bytes(data: ExportData) -> bytes:
    return render(data).encode("utf-8-sig")


def relation_rows(data: ExportData):
    yield RELATION_COLUMNS
    for view in data.relations:
        r = view.relation
        target = data.entities.get(view.target_entity)
        row = (
            r.id, r.type, data.relation_label(r.type), r.source, view.source_text,
            r.target_annotation or "", view.target_text or "", view.target_entity or "",
            target.name if target else "", view.article_id, r.note or "", r.author or "",
            r.created_at, r.updated_at,
        )  # fmt: skip
        yield tuple(neutralise(v) for v in row)


def relations_bytes(data: ExportData) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(relation_rows(data))
    return out.getvalue().encode("utf-8-sig")
