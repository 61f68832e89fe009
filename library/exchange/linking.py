"""Relations in the exports: which ones a format writes, which it leaves out and why.

An export holds the relations whose source mention it holds (`ExportData.relations`,
read by `selection.collect`). Every format then says what it could not write, in the
export's `left_out`, one entry per relation:
`{"article", "relation", "kind": "relation", "reason", "why"}` (no `annotation` key, so
the annotation counts stay what they were):

- `relation-target-filtered`: the target mention is not in the export (the selection
  left out its type or kind), so no file could point at it;
- `relation-no-mention` (brat): a relation to an entity, where the entity has no other
  mention in the article; brat links text-bound annotations only, so a relation to an
  entity is drawn to the entity's first mention in the article (not the source itself);
- `relation-not-held` (CoNLL, and the formats that hold no annotations by id: Markdown,
  DOCX, PDF): the format has no place for a link between two mentions.

JSON-LD, TEI and CSV hold every relation of the export.
"""

from __future__ import annotations

from library.exchange.selection import ExportData
from library.marks.relations import RelationView

# Formats that write relations (the others leave them out, and say so).
WRITERS = ("json", "brat", "tei", "csv")
# Formats with no annotations at all: nothing to say about relations either.
SILENT = (
    "csl-json", "ris", "bibtex", "bagit",
    "xliff", "xliff12", "tmx", "tbx", "omegat", "bilingual-docx",
)  # fmt: skip
REASONS = {
    "relation-target-filtered": "relations whose target mention is not in the export",
    "relation-no-mention": (
        "relations to an entity with no other mention in the article (brat links mentions only)"
    ),
    "relation-not-held": "relations (this format has no place for a link between mentions)",
}


# Why a format holds no relations, in the words the export's report uses.
NOT_HELD = {
    "conll": "relations (CoNLL holds entity tags only)",
    "markdown": "relations (the Markdown notes list annotations, not links between them)",
    "docx": "relations (the Word document lists annotations, not links between them)",
    "pdf": "relations (the PDF lists annotations, not links between them)",
}


def _entry(view: RelationView, reason: str, fmt: str) -> dict:
    why = REASONS[reason]
    if reason == "relation-not-held":
        why = NOT_HELD.get(fmt, why)
    return {
        "article": view.article_id,
        "relation": view.relation.id,
        "kind": "relation",
        "reason": reason,
        "why": why,
    }


def is_relation(item: dict) -> bool:
    """A `left_out` entry about a relation (not an annotation)."""
    return item.get("kind") == "relation"


def brat_targets(data: ExportData) -> dict[str, str | None]:
    """Relation id → the annotation id a brat R line points at: the target mention, or
    for a relation to an entity its first mention in the same article (by position),
    never the source mention itself; None when there is none."""
    firsts: dict[tuple[int, str], list] = {}
    for article, anns in data.items:
        for a in anns:
            if a.kind == "entity" and a.entity_id and not a.is_article_note:
                firsts.setdefault((article.id, a.entity_id), []).append(a)
    out: dict[str, str | None] = {}
    for view in data.relations:
        r = view.relation
        if r.target_annotation is not None:
            out[r.id] = r.target_annotation
            continue
        mentions = sorted(
            firsts.get((view.article_id, r.target_entity or ""), []), key=lambda a: (a.start, a.id)
        )
        out[r.id] = next((a.id for a in mentions if a.id != r.source), None)
    return out


def left_out(data: ExportData, fmt: str) -> list[dict]:
    """The relations an export in `fmt` does not write, each with its reason."""
    if fmt in SILENT:
        return []
    out = [_entry(v, "relation-target-filtered", fmt) for v in data.relations_cut]
    if fmt not in WRITERS:
        out += [_entry(v, "relation-not-held", fmt) for v in data.relations]
    elif fmt == "brat":
        targets = brat_targets(data)
        out += [
            _entry(v, "relation-no-mention", fmt)
            for v in data.relations
            if targets[v.relation.id] is None
        ]
    return out


def written(data: ExportData, fmt: str, left: tuple[dict, ...] | list[dict]) -> int:
    """How many relations an export in `fmt` holds."""
    if fmt in SILENT or fmt not in WRITERS:
        return 0
    dropped = {item["relation"] for item in left if is_relation(item)}
    return sum(1 for v in data.relations if v.relation.id not in dropped)
