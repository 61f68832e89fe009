"""What an export holds: the articles and annotations a selection picks, read once.

Articles are picked by any combination of (all of them must hold):
- ids given by the caller (the reader's selected articles, `--article`);
- an article tag (`--tag`);
- a search query: the articles the search finds (`--query`, the reader's result list);
- a date range on the article's date, inclusive, ISO dates (`--from`, `--to`).

Annotations are narrowed by kind, by highlight colour and by entity type, each filter on
what it is about:
- `kinds` keeps those kinds only;
- `colours` keeps the highlights in those colours (palette ids);
- `entity_types` keeps the entity mentions whose entity has one of those types;
- `authors` keeps the annotations (and the relations) of those authors' layers: one
  annotator's work, or the curated layer (`library.team.curation.CURATED_AUTHOR`).
Without `kinds`, giving colours implies highlights and giving entity types implies
entity mentions (so `--type person` exports person mentions only, and `--colour yellow
--type place` the yellow highlights and the place mentions); with `kinds`, the colour and
type filters only narrow their own kind.

An article is exported when it has at least one annotation left after the filters, or
when the caller named it by id (an explicit choice is kept even without annotations).
Exports of the articles themselves (citations, a BagIt package) ask for
`every_article=True`: every article the selection picks, annotated or not.

Each article carries its bibliographic metadata and captures (`ExportArticle.meta`, read
for all the articles in one go with `library.storage.metadata.metadata_for`) and its
import date; its raw text only when asked (`raw=True`, the BagIt package).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from library.marks.annotations import KINDS, Annotation, read_annotations
from library.marks.author_layers import author_condition
from library.marks.entities import Entity, entities
from library.marks.entity_types import EntityType, entity_types
from library.marks.palette import Colour, colours
from library.marks.relations import (
    RelationType,
    RelationView,
    list_relations,
    relation_types,
    relations_in,
)
from library.storage.articles import NotFound
from library.storage.metadata import Metadata, metadata_for
from library.storage.raw_text import TEMPLATE, unpack
from library.storage.store import Library

ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class SelectionError(ValueError):
    """A selection that cannot be made (unknown article, bad date…); for the user."""


@dataclass(frozen=True)
class Selection:
    article_ids: tuple[int, ...] | None = None
    tag: str | None = None
    query: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    kinds: tuple[str, ...] | None = None
    colours: tuple[str, ...] | None = None
    entity_types: tuple[str, ...] | None = None
    # Authors' layers (`library.marks.author_layers`): only their annotations and
    # relations; None in the tuple stands for the rows that name no author.
    authors: tuple[str | None, ...] | None = None

    def effective_kinds(self) -> tuple[str, ...]:
        if self.kinds:
            return tuple(k for k in KINDS if k in self.kinds)
        implied = []
        if self.colours:
            implied.append("highlight")
        if self.entity_types:
            implied.append("entity")
        return tuple(implied) or KINDS


@dataclass(frozen=True)
class ExportArticle:
    id: int
    title: str
    body: str
    source: str
    site: str | None
    date: str | None
    url: str | None
    content_hash: str
    imported: str | None = None  # when it was imported (ISO 8601)
    meta: Metadata = field(default_factory=Metadata)  # bibliographic metadata, captures
    raw: str | None = None  # the raw text as decoded (only when collect(raw=True))
    captions: tuple[str, ...] = ()  # image captions (only when collect(raw=True))

    @property
    def accessed(self) -> str | None:
        """When the text was read from the web: its earliest capture, else its import."""
        return self.meta.accessed or self.imported

    @property
    def iri(self) -> str:
        return article_iri(self.content_hash)


def article_iri(content_hash: str) -> str:
    """The stable IRI of an article: its content hash (sha256 of the cleaned text)."""
    return f"urn:hashiya:article:{content_hash}"


def entity_iri(entity_id: str) -> str:
    return f"urn:hashiya:entity:{entity_id}"


def colour_iri(colour_id: str) -> str:
    return f"urn:hashiya:colour:{colour_id}"


@dataclass
class ExportData:
    """Everything a format writer needs, read in one go (no writer touches the library)."""

    items: list[tuple[ExportArticle, list[Annotation]]]
    entities: dict[str, Entity] = field(default_factory=dict)
    types: dict[str, EntityType] = field(default_factory=dict)
    colours: dict[str, Colour] = field(default_factory=dict)
    generated: str = ""
    # The relations whose two ends are both in the export (a target entity counts as in
    # it: its entity is in `entities`), by article and position; and those whose target
    # mention the selection filtered out (each export lists them in `left_out`).
    relations: list[RelationView] = field(default_factory=list)
    relations_cut: list[RelationView] = field(default_factory=list)
    relation_types: dict[str, RelationType] = field(default_factory=dict)

    @property
    def annotation_count(self) -> int:
        return sum(len(anns) for _, anns in self.items)

    def entity_of(self, annotation: Annotation) -> Entity | None:
        return self.entities.get(annotation.entity_id) if annotation.entity_id else None

    def type_label(self, type_id: str) -> str:
        t = self.types.get(type_id)
        return t.label if t else type_id

    def relation_label(self, type_id: str) -> str:
        t = self.relation_types.get(type_id)
        return t.label if t else type_id

    def colour_name(self, colour_id: str | None) -> str:
        if not colour_id:
            return ""
        c = self.colours.get(colour_id)
        return c.name if c else colour_id


def check_date(value: str | None, what: str) -> str | None:
    if value is None or value == "":
        return None
    if not ISO_DATE.match(value):
        raise SelectionError(f"{what} must be an ISO date such as 2024-05-12, not {value!r}")
    return value


def _article_ids(lib: Library, sel: Selection) -> list[int]:
    from library.storage.filters import Filters

    where_parts, params = [], []
    tag_sql, tag_params = Filters(tag=sel.tag).sql()
    if tag_sql:
        where_parts.append(tag_sql)
        params += tag_params
    # Dates compare on the given precision: "--to 2024-05" takes the whole of May.
    for value, what, op in ((sel.date_from, "--from", ">="), (sel.date_to, "--to", "<=")):
        if check_date(value, what):
            where_parts.append(f"substr(a.date, 1, {len(value)}) {op} ?")
            params.append(value)
    where = " AND ".join(where_parts)
    if sel.article_ids is not None:
        wanted = list(dict.fromkeys(sel.article_ids))
        known = set()
        for chunk in range(0, len(wanted), 500):
            part = wanted[chunk : chunk + 500]
            marks = ", ".join("?" * len(part))
            known |= {
                r[0]
                for r in lib.conn.execute(f"SELECT id FROM articles WHERE id IN ({marks})", part)
            }
        missing = [a for a in wanted if a not in known]
        if missing:
            raise NotFound(f"no article {missing[0]} in this library")
        id_marks = ", ".join("?" * len(wanted)) if wanted else "NULL"
        where = " AND ".join(w for w in (where, f"a.id IN ({id_marks})") if w)
        params = [*params, *wanted]
    sql = "SELECT a.id FROM articles a" + (f" WHERE {where}" if where else "") + " ORDER BY a.id"
    ids = [r[0] for r in lib.conn.execute(sql, params)]
    if sel.query:
        ids = _search_ids(lib, sel.query, ids)
    return ids


def _search_ids(lib: Library, query: str, within: list[int]) -> list[int]:
    """The articles the search finds, in the order of `within` (library order)."""
    from library.search.engine import count, search

    total = count(lib, query)
    hits = search(lib, query, limit=max(total, 1)) if total else []
    found = {h.article_id for h in hits}
    return [a for a in within if a in found]


def _annotations(lib: Library, ids: Sequence[int], sel: Selection) -> dict[int, list[Annotation]]:
    kinds = sel.effective_kinds()
    out: dict[int, list[Annotation]] = {}
    order = ' ORDER BY article_id, start, "end", created_at, id'
    kind_marks = ", ".join("?" * len(kinds))
    by_author, author_params = author_condition(sel.authors)
    for chunk in range(0, len(ids), 500):
        part = list(ids[chunk : chunk + 500])
        marks = ", ".join("?" * len(part))
        rows = read_annotations(
            lib,
            f"article_id IN ({marks}) AND kind IN ({kind_marks}) AND {by_author}" + order,
            [*part, *kinds, *author_params],
        )
        for a in rows:
            out.setdefault(a.article_id, []).append(a)
    return out


def _keep(a: Annotation, sel: Selection, entity_type: dict[str, str]) -> bool:
    if a.kind == "highlight" and sel.colours:
        return a.colour in sel.colours
    if a.kind == "entity" and sel.entity_types:
        return entity_type.get(a.entity_id or "") in sel.entity_types
    return True


def _captions(value: str | None) -> tuple[str, ...]:
    try:
        found = json.loads(value or "[]")
    except ValueError:
        return ()
    return tuple(str(c) for c in found) if isinstance(found, list) else ()


def _read_articles(lib: Library, ids: Iterable[int], raw: bool = False) -> dict[int, ExportArticle]:
    out: dict[int, ExportArticle] = {}
    ids = list(ids)
    meta = metadata_for(lib, ids)
    raw_column = f", raw, captions, raw_z, {TEMPLATE}" if raw else ""
    for chunk in range(0, len(ids), 500):
        part = ids[chunk : chunk + 500]
        marks = ", ".join("?" * len(part))
        for r in lib.conn.execute(
            "SELECT id, title, body, source_path, site, date, url, content_hash, imported_at"
            f"{raw_column} FROM articles WHERE id IN ({marks})",
            part,
        ):
            article = ExportArticle(*tuple(r[:9]))
            if raw:
                raw_text = unpack((r[9], r[11], r[2], r[12]))
                article = replace(article, raw=raw_text, captions=_captions(r[10]))
            out[r[0]] = replace(article, meta=meta.get(r[0], Metadata(title=article.title)))
    return out


def collect(
    lib: Library, sel: Selection, *, every_article: bool = False, raw: bool = False
) -> ExportData:
    """Read what `sel` picks. `every_article`: keep the articles the selection picks even
    without an annotation left (citations, a BagIt package); `raw`: read their raw texts
    too. Raises NotFound for an unknown article id, SelectionError for a bad date,
    QueryError for a search that cannot run."""
    from library.edits import now

    if sel.kinds:
        unknown = [k for k in sel.kinds if k not in KINDS]
        if unknown:
            raise SelectionError(
                f"unknown annotation kind {unknown[0]!r}; kinds are {', '.join(KINDS)}"
            )
    palette = {c.id: c for c in colours(lib)}
    types = {t.id: t for t in entity_types(lib)}
    for given, known, what in (
        (sel.colours, palette, "highlight colour"),
        (sel.entity_types, types, "entity type"),
    ):
        unknown = [g for g in given or () if g not in known]
        if unknown:
            raise SelectionError(f"no {what} {unknown[0]!r}; known: {', '.join(known)}")
    ids = _article_ids(lib, sel)
    all_entities = {e.id: e for e in entities(lib)}
    entity_type = {e.id: e.type for e in all_entities.values()}
    by_article = _annotations(lib, ids, sel)
    named = set(sel.article_ids or ())
    keep_ids = []
    kept: dict[int, list[Annotation]] = {}
    for article_id in ids:
        anns = [a for a in by_article.get(article_id, []) if _keep(a, sel, entity_type)]
        if anns or every_article or article_id in named:
            keep_ids.append(article_id)
            kept[article_id] = anns
    articles = _read_articles(lib, keep_ids, raw)
    used = {a.entity_id for anns in kept.values() for a in anns if a.entity_id}
    relations, cut = _relations(lib, kept, sel.authors)
    used |= {v.relation.target_entity for v in relations if v.relation.target_entity}
    return ExportData(
        items=[(articles[i], kept[i]) for i in keep_ids],
        entities={k: v for k, v in all_entities.items() if k in used},
        types=types,
        colours=palette,
        generated=now(),
        relations=relations,
        relations_cut=cut,
        relation_types={t.id: t for t in relation_types(lib)},
    )


def _relations(
    lib: Library, kept: dict[int, list[Annotation]], authors: Sequence[str | None] | None = None
) -> tuple[list[RelationView], list[RelationView]]:
    """The relations from the exported mentions: (both ends exported, target mention
    filtered out). A few articles are read one by one (indexed); many, in one query
    over the whole library, sifted here."""
    exported = {a.id for anns in kept.values() for a in anns if a.kind == "entity"}
    if not exported:
        return [], []
    if len(kept) <= 200:
        views = [v for article_id in kept for v in relations_in(lib, article_id)]
    else:
        views = list_relations(lib)
    whole, cut = [], []
    layers = None if authors is None else {a or None for a in authors}
    for view in views:
        r = view.relation
        if r.source not in exported or (layers is not None and (r.author or None) not in layers):
            continue
        if r.target_annotation is None or r.target_annotation in exported:
            whole.append(view)
        else:
            cut.append(view)
    return whole, cut
