"""The reading notes of an export as a list of blocks, for Markdown, DOCX and PDF alike.

Per article: its title, a line with its source and date, the notes on the whole article,
then its passages in reading order. A passage is a highlight or a note (a highlight and
a note on the very same span make one passage), quoted, with its note, its colour's
name and the entities mentioned inside it; an entity mention outside every passage is a
passage of its own. Each block knows its direction (library.exchange.direction), so each
format can set it the way its readers understand.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from library.exchange.direction import is_rtl
from library.exchange.selection import ExportArticle, ExportData
from library.marks.annotations import Annotation

# Roles: "title" (the document), "heading" (an article), "meta", "article-note",
# "quote", "note", "details".


@dataclass(frozen=True)
class Block:
    role: str
    text: str
    rtl: bool


@dataclass
class Passage:
    start: int
    end: int
    quote: str
    notes: list[str] = field(default_factory=list)
    colours: list[str] = field(default_factory=list)
    entities: list[str] = field(default_factory=list)

    def details(self) -> str:
        parts = []
        if self.colours:
            parts.append("Colour: " + ", ".join(self.colours))
        if self.entities:
            parts.append(
                ("Entity: " if len(self.entities) == 1 else "Entities: ") + "; ".join(self.entities)
            )
        return " · ".join(parts)


def _entity_label(data: ExportData, a: Annotation) -> str:
    entity = data.entity_of(a)
    if entity is None:
        return "?"
    return f"{entity.name} ({data.type_label(entity.type)})"


def passages(data: ExportData, annotations: list[Annotation]) -> list[Passage]:
    by_span: dict[tuple[int, int], Passage] = {}
    mentions = []
    for a in annotations:
        if a.is_article_note:
            continue
        if a.kind == "entity":
            mentions.append(a)
            continue
        p = by_span.setdefault((a.start, a.end), Passage(a.start, a.end, a.exact))
        if a.note:
            p.notes.append(a.note)
        if a.kind == "highlight" and a.colour:
            name = data.colour_name(a.colour)
            if name not in p.colours:
                p.colours.append(name)
    spans = sorted(by_span)
    for m in mentions:
        label = _entity_label(data, m)
        holder = next((by_span[s] for s in spans if s[0] <= m.start and m.end <= s[1]), None)
        if holder is None:
            holder = by_span.setdefault((m.start, m.end), Passage(m.start, m.end, m.exact))
        if label not in holder.entities:
            holder.entities.append(label)
    return [by_span[s] for s in sorted(by_span)]


def meta_line(article: ExportArticle) -> str:
    parts = [article.site or article.source]
    if article.date:
        parts.append(article.date)
    if article.url:
        parts.append(article.url)
    return " · ".join(p for p in parts if p)


def article_blocks(
    data: ExportData, article: ExportArticle, annotations: list[Annotation]
) -> list[Block]:
    out = [Block("heading", article.title, is_rtl(article.title))]
    meta = meta_line(article)
    if meta:
        out.append(Block("meta", meta, is_rtl(meta)))
    for a in annotations:
        if a.is_article_note and a.note:
            out.append(Block("article-note", a.note, is_rtl(a.note)))
    for p in passages(data, annotations):
        out.append(Block("quote", p.quote, is_rtl(p.quote)))
        out.extend(Block("note", n, is_rtl(n)) for n in p.notes)
        details = p.details()
        if details:
            out.append(Block("details", details, False))
    return out


def document_title(data: ExportData) -> str:
    return "Hashiya notes"


def summary_line(data: ExportData) -> str:
    return (
        f"{data.annotation_count} annotation(s) in {len(data.items)} article(s), "
        f"exported {data.generated[:10]}"
    )
