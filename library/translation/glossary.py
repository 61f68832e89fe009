"""The glossary: how each entity is to be translated (migration 6, table `entity_terms`).

Per entity and target language, one preferred term and any number of forbidden
variants (a spelling the translator must not use: "Gaddafi" beside "Qaddafi").

    terms_in(lib, 7, segment) -> [Found]       the entries of the entities the segment's
                                               Arabic names (clitic-aware: للأمم المتحدة)
    consistency(lib, article_id=None) -> [Issue]  translations that miss a preferred term
                                               or use a forbidden one

Names are found as "tag all" and suggestions find them (the entity lexicon,
`library.marks.entities.entity_lexicon`): folded, whole words, a proclitic (و، ف، ب، ل،
ك and their pairs) allowed on the first word. Terms are compared in the translation
with simple folding (`fold_target`): case, accents and the width of white space do not
matter, whole words only.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from library.marks.entities import Entity, entity_lexicon, get_entity
from library.storage.store import Library
from library.translation.segments import Segment, get_segment, translation_language


@dataclass(frozen=True)
class Term:
    entity_id: str
    lang: str
    term: str
    forbidden: bool = False


@dataclass(frozen=True)
class Entry:
    """One entity's glossary entry in one language."""

    entity: Entity
    lang: str
    preferred: str | None
    forbidden: tuple[str, ...]


@dataclass(frozen=True)
class Found:
    """An entity named in a segment, and its entry: where (code points of the article's
    body), the words as written, and the terms."""

    start: int
    end: int
    text: str
    entry: Entry


@dataclass(frozen=True)
class Issue:
    segment_id: str
    article_id: int
    entity_id: str
    kind: str  # "missing": the preferred term is not there; "forbidden": a forbidden one is
    term: str  # the preferred term missing, or the forbidden one used

    def to_json(self) -> dict:
        return {
            "segment": self.segment_id,
            "article": self.article_id,
            "entity": self.entity_id,
            "kind": self.kind,
            "term": self.term,
        }


def clean_term(term: str) -> str:
    cleaned = " ".join((term or "").split())
    if not cleaned:
        raise ValueError("a glossary term cannot be empty")
    return cleaned


# --- reading -----------------------------------------------------------------------------------


def terms(lib: Library, entity_id: str | None = None, lang: str | None = None) -> list[Term]:
    sql, where, params = "SELECT entity_id, lang, term, forbidden FROM entity_terms", [], []
    if entity_id is not None:
        where.append("entity_id = ?")
        params.append(entity_id)
    if lang is not None:
        where.append("lang = ?")
        params.append(lang)
    if where:
        sql += " WHERE " + " AND ".join(where)
    rows = lib.conn.execute(sql + " ORDER BY entity_id, lang, forbidden, term", params)
    return [Term(r[0], r[1], r[2], bool(r[3])) for r in rows]


def _entries(lib: Library, lang: str) -> dict[str, tuple[str | None, tuple[str, ...]]]:
    out: dict[str, tuple[str | None, list[str]]] = {}
    for t in terms(lib, lang=lang):
        _preferred, forbidden = out.setdefault(t.entity_id, (None, []))
        if t.forbidden:
            forbidden.append(t.term)
        else:
            out[t.entity_id] = (t.term, forbidden)
    return {k: (p, tuple(f)) for k, (p, f) in out.items()}


def entry(lib: Library, entity_id: str, lang: str | None = None) -> Entry:
    lang = lang or translation_language(lib)
    entity = get_entity(lib, entity_id)
    preferred, forbidden = _entries(lib, lang).get(entity_id, (None, ()))
    return Entry(entity, lang, preferred, forbidden)


def glossary(lib: Library, lang: str | None = None) -> list[dict]:
    """The preferred terms, as `hashiya glossary --json` prints them:
    [{"entity", "name", "lang", "term"}], by entity name then language."""
    names = {r[0]: r[1] for r in lib.conn.execute("SELECT id, name FROM entities")}
    rows = [
        {"entity": t.entity_id, "name": names.get(t.entity_id, ""), "lang": t.lang, "term": t.term}
        for t in terms(lib, lang=lang)
        if not t.forbidden
    ]
    rows.sort(key=lambda r: (r["name"], r["entity"], r["lang"]))
    return rows


# --- writing (row level: the operation is `library.ops.translating.set_glossary`) ---------------


def put_terms(lib: Library, entity_id: str, lang: str, rows: Iterable[Term]) -> None:
    """The entity's terms in `lang` become exactly `rows` (one transaction)."""
    with lib.transaction():
        lib.conn.execute(
            "DELETE FROM entity_terms WHERE entity_id = ? AND lang = ?", (entity_id, lang)
        )
        lib.conn.executemany(
            "INSERT INTO entity_terms (entity_id, lang, term, forbidden) VALUES (?, ?, ?, ?)",
            [(entity_id, lang, t.term, int(t.forbidden)) for t in rows],
        )


def planned(
    current: Sequence[Term],
    entity_id: str,
    lang: str,
    preferred: str | None,
    forbidden: Sequence[str] | None,
) -> list[Term]:
    """The rows after setting the preferred term (None: keep it, "": none) and the
    forbidden variants (None: keep them). A term that is preferred is never also
    forbidden: the newer choice wins."""
    keep_preferred = next((t.term for t in current if not t.forbidden), None)
    keep_forbidden = [t.term for t in current if t.forbidden]
    new_preferred = (
        keep_preferred
        if preferred is None
        else (clean_term(preferred) if preferred.strip() else None)
    )
    new_forbidden = (
        keep_forbidden if forbidden is None else [clean_term(f) for f in forbidden if f.strip()]
    )
    out = []
    if new_preferred:
        out.append(Term(entity_id, lang, new_preferred, False))
    seen = {new_preferred}
    for term in new_forbidden:
        if term in seen:
            if preferred is None:  # newly forbidden: it stops being preferred
                out = [t for t in out if t.term != term]
            else:
                continue
        seen.add(term)
        out.append(Term(entity_id, lang, term, True))
    return out


# --- finding -------------------------------------------------------------------------------


def terms_in(
    lib: Library,
    article_id: int,
    segment: Segment | str,
    lang: str | None = None,
    *,
    every_entity: bool = False,
) -> list[Found]:
    """The glossary entries (in `lang`, by default the library's target language) of the
    entities whose names or aliases the segment's source text holds, in text order;
    `every_entity`: also those with no term yet (an empty entry), so that the translator
    can give them one."""
    seg = get_segment(lib, segment) if isinstance(segment, str) else segment
    if seg.article_id != article_id:
        raise ValueError(f"segment {seg.id} is not in article {article_id}")
    lang = lang or translation_language(lib)
    entries = _entries(lib, lang)
    if not entries and not every_entity:
        return []
    return _found(lib, seg, lang, entries, every_entity)


def _found(
    lib: Library,
    seg: Segment,
    lang: str,
    entries: dict[str, tuple[str | None, tuple[str, ...]]],
    every_entity: bool = False,
) -> list[Found]:
    out = []
    seen: set[tuple[int, str]] = set()
    for hit in entity_lexicon(lib).find(seg.exact):
        for entity in sorted(hit.payloads, key=lambda e: (e.created_at, e.id)):
            if (entity.id not in entries and not every_entity) or (hit.start, entity.id) in seen:
                continue
            seen.add((hit.start, entity.id))
            preferred, forbidden = entries.get(entity.id, (None, ()))
            out.append(
                Found(
                    seg.start + hit.start,
                    seg.start + hit.end,
                    seg.exact[hit.start : hit.end],
                    Entry(entity, lang, preferred, forbidden),
                )
            )
    return out


def fold_target(text: str) -> str:
    """A translation folded for comparing terms: NFKD without combining marks, case
    folded, white space as one space (Café → cafe, ＡＢＣ → abc, İstanbul → istanbul)."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.casefold().split())


def uses(target: str, term: str) -> bool:
    """Whether the translation holds the term as whole words, folded."""
    folded = fold_target(term)
    if not folded:
        return False
    return re.search(rf"(?<!\w){re.escape(folded)}(?!\w)", fold_target(target)) is not None


def consistency(
    lib: Library, article_id: int | None = None, lang: str | None = None
) -> list[Issue]:
    """Translated segments (of one article, or all) whose translation does not use the
    preferred term of an entity its source names, or uses a forbidden variant."""
    from library.translation.segments import COLUMNS, _segment

    lang = lang or translation_language(lib)
    entries = _entries(lib, lang)
    if not entries:
        return []
    sql = f"SELECT {COLUMNS} FROM segments WHERE target != ''"
    params: list = []
    if article_id is not None:
        sql += " AND article_id = ?"
        params.append(article_id)
    issues: list[Issue] = []
    for row in lib.conn.execute(sql + " ORDER BY article_id, start", params).fetchall():
        seg = _segment(row)
        done: set[str] = set()
        for found in _found(lib, seg, lang, entries):
            e = found.entry
            if e.entity.id in done:
                continue
            done.add(e.entity.id)
            if e.preferred and not uses(seg.target, e.preferred):
                issues.append(Issue(seg.id, seg.article_id, e.entity.id, "missing", e.preferred))
            for bad in e.forbidden:
                if uses(seg.target, bad):
                    issues.append(Issue(seg.id, seg.article_id, e.entity.id, "forbidden", bad))
    return issues
