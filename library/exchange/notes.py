"""The reading notes of an export as a list of blocks, for Markdown, DOCX and PDF alike.

Per article: its title, its provenance (the "meta" block: one line per field, author,
publisher, section, published, URL, captured…, from `library.exchange.provenance`), the
notes on the whole article, then its passages in reading order. A passage is a highlight or a note (a highlight and
a note on the very same span make one passage), quoted, with its note, its colour's
name and the entities mentioned inside it; an entity mention outside every passage is a
passage of its own. Each block knows its direction (library.exchange.direction), so each
format can set it the way its readers understand, and a highlighted quote its colour
(`Block.colour`, the palette's `#rrggbb`), so formats that can shade text do.

Direction (`Block.rtl`). What belongs to the article follows the article, not the first
strong character of the piece taken out of it:
- the article's direction is that of its text: right-to-left when most of the letters of
  its title and body are Arabic-script (`article_rtl`);
- a quote written in one script only reads in that script's direction; one that mixes
  Arabic and Latin letters (`الرئيس Emmanuel Macron`), or has none, follows the line(s)
  of the article it was taken from, by their letters (an English sentence inside an
  Arabic article stays left-to-right), and the article when those lines have no letters
  either: a quote `2020` from an Arabic article is right-to-left;
- the title goes by its letters, the article when it has none;
- the user's notes (on a passage or on the whole article) follow their own first strong
  character, as the reader shows them, and the article when they have none (a note
  `3.5`);
- the provenance lines ("Author: …", "Publisher: …") and the details line ("Colour: …",
  "Entity: …") are labelled in English: left-to-right.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import library.exchange.provenance as prov
from library.exchange.direction import is_rtl, script_rtl, single_script_rtl
from library.exchange.selection import ExportArticle, ExportData
from library.marks.annotations import Annotation

# Roles: "title" (the document), "heading" (an article), "meta" (the document's summary
# line; an article's provenance, one "Label: value" line each), "article-note", "quote",
# "note", "details".


@dataclass(frozen=True)
class Block:
    role: str
    text: str
    rtl: bool
    colour: str | None = None  # a highlighted quote: its (first) palette colour, #rrggbb


@dataclass
class Passage:
    start: int
    end: int
    quote: str
    notes: list[str] = field(default_factory=list)
    colours: list[str] = field(default_factory=list)
    fills: list[str] = field(default_factory=list)  # the colours' #rrggbb, same order
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
            palette = data.colours.get(a.colour)
            if palette is not None and palette.colour not in p.fills:
                p.fills.append(palette.colour)
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
    """The article's provenance, one "Label: value" line per field it has ("" if none)."""
    return "\n".join(f"{label}: {value}" for label, value in prov.fields(article))


def source_block(article: ExportArticle) -> Block | None:
    """The provenance header of an article (role "meta", left-to-right), or None."""
    text = meta_line(article)
    return Block("meta", text, False) if text else None


def article_rtl(article: ExportArticle) -> bool:
    """The article is right-to-left: most letters of its title and text are Arabic-script
    (left-to-right when it has no letters at all)."""
    return bool(script_rtl(article.title + "\n" + article.body[:4000]))


def quote_rtl(quote: str, body: str, start: int, end: int, default: bool) -> bool:
    """Direction of a passage [start, end) of `body`: its own when it is written in one
    script, else that of the line(s) of `body` holding it, by their letters, else
    `default` (the article's)."""
    own = single_script_rtl(quote)
    if own is not None:
        return own
    first = body.rfind("\n", 0, max(start, 0)) + 1
    last = body.find("\n", max(end, start))
    found = script_rtl(body[first : last if last >= 0 else len(body)])
    return default if found is None else found


def article_blocks(
    data: ExportData, article: ExportArticle, annotations: list[Annotation]
) -> list[Block]:
    rtl = article_rtl(article)
    title_rtl = script_rtl(article.title)
    out = [Block("heading", article.title, rtl if title_rtl is None else title_rtl)]
    source = source_block(article)
    if source is not None:
        out.append(source)
    for a in annotations:
        if a.is_article_note and a.note:
            out.append(Block("article-note", a.note, is_rtl(a.note, rtl)))
    for p in passages(data, annotations):
        fill = p.fills[0] if p.fills else None
        direction = quote_rtl(p.quote, article.body, p.start, p.end, rtl)
        out.append(Block("quote", p.quote, direction, fill))
        out.extend(Block("note", n, is_rtl(n, rtl)) for n in p.notes)
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
