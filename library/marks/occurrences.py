"""Tag all occurrences: find an entity's other mentions, for review, and accept them.

Candidates are spans of an article where the entity's name or one of its aliases occurs
as whole words, diacritics-insensitively, with any proclitic on the first word left out
of the span (لمنظمة التعاون الإسلامي holds a mention of منظمة التعاون الإسلامي). Spans
already tagged are skipped: any overlap with a mention of the same entity, and the exact
span of a mention of another one.

Across the library, the search index narrows the articles first (a phrase query on the
folded keys or the light stems of each name, under every reading of a first letter that
may be a proclitic, so و/ب/ل + ال forms and ووسيم for وسيم are found), then the
spans are located in each remaining article by regex over the original spellings
(`Lexicon.scan`). Known limit of the narrowing: a bare ف or ك glued to a name (فمصر) is
not a stem the index knows, so such a mention is found in one article but not library-wide.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

from library.marks.annotations import (
    Annotation,
    AnnotationError,
    Kind,
    check_span,
    default_author,
    insert,
    make_annotation,
)
from library.marks.entities import Entity, get_entity
from library.search.query import Query, Term, to_fts
from library.storage import search_index
from library.storage.store import Library
from library.text.lexicon import Lexicon
from library.text.spans import sentence_at


@dataclass(frozen=True)
class Occurrence:
    article_id: int
    start: int
    end: int
    exact: str  # the text of the span
    sentence: str  # the sentence around it, for review
    sentence_start: int

    def to_json(self) -> dict:
        return {
            "article": self.article_id,
            "start": self.start,
            "end": self.end,
            "exact": self.exact,
            "sentence": self.sentence,
        }


def _lexicon(entity: Entity) -> Lexicon[str]:
    return Lexicon((keys, entity.id) for keys in entity.key_set())


def _fts_expression(entity: Entity) -> str | None:
    # Every reading of the name's words: an entity وسيم is mentioned as ووسيم, whose
    # index stem is وسيم, not the stem سيم that the stemmer gives the name alone.
    terms = [Term.of(keys) for keys in sorted(entity.key_set())]
    if not terms:
        return None
    return to_fts(Query(clauses=[terms]), ranked=False)


def _candidate_articles(
    lib: Library, entity: Entity, article_id: int | None
) -> Iterable[tuple[int, str]]:
    if article_id is not None:
        row = lib.conn.execute(
            "SELECT id, body FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        return [] if row is None else [(row[0], row[1])]
    expression = _fts_expression(entity)
    if expression is None:
        return []
    if search_index.is_current(lib.conn):
        try:
            return lib.conn.execute(
                "SELECT a.id, a.body FROM article_index JOIN articles a ON a.id = article_index.rowid "
                "WHERE article_index MATCH ? ORDER BY a.id",
                (expression,),
            )
        except sqlite3.OperationalError:
            pass
    # A stale index must not hide mentions: look everywhere (slower, still right).
    return lib.conn.execute("SELECT id, body FROM articles ORDER BY id")


def _tagged(lib: Library, article_id: int | None) -> dict[int, list[tuple[int, int, str]]]:
    sql = "SELECT article_id, start, \"end\", entity_id FROM annotations WHERE kind = 'entity'"
    params: list = []
    if article_id is not None:
        sql += " AND article_id = ?"
        params.append(article_id)
    out: dict[int, list[tuple[int, int, str]]] = {}
    for a, s, e, ent in lib.conn.execute(sql, params):
        out.setdefault(a, []).append((s, e, ent))
    return out


def find_occurrences(
    lib: Library, entity_id: str, article_id: int | None = None
) -> list[Occurrence]:
    """Untagged occurrences of an entity's names in one article (`article_id`) or in the
    whole library, by article then position."""
    entity = get_entity(lib, entity_id)
    lexicon = _lexicon(entity)
    tagged = _tagged(lib, article_id)
    out: list[Occurrence] = []
    for aid, body in _candidate_articles(lib, entity, article_id):
        marks = tagged.get(aid, ())
        for hit in lexicon.scan(body):
            if any(
                (ent == entity_id and s < hit.end and hit.start < e)
                or (s, e) == (hit.start, hit.end)
                for s, e, ent in marks
            ):
                continue
            sentence, at = sentence_at(body, hit.start, hit.end)
            out.append(Occurrence(aid, hit.start, hit.end, body[hit.start : hit.end], sentence, at))
    return out


def accept_occurrences(
    lib: Library,
    entity_id: str,
    occurrences: Iterable[Occurrence],
    *,
    author: str | None = None,
) -> list[Annotation]:
    """Tag the occurrences as mentions of the entity, all in one transaction (accept all,
    or one by one with a list of one). Fails, writing nothing, if an article's text no
    longer holds an occurrence's quote. Returns the new mentions (undo:
    `delete_annotations(ids)`, redo: `restore_annotations(rows)`)."""
    chosen = list({(o.article_id, o.start, o.end): o for o in occurrences}.values())
    created: list[Annotation] = []
    with lib.transaction():
        get_entity(lib, entity_id)
        who = author or default_author(lib)
        bodies: dict[int, str] = {}
        for occ in chosen:
            if occ.article_id not in bodies:
                row = lib.conn.execute(
                    "SELECT body FROM articles WHERE id = ?", (occ.article_id,)
                ).fetchone()
                if row is None:
                    raise AnnotationError(f"article {occ.article_id} is no longer in the library")
                bodies[occ.article_id] = row[0]
            body = bodies[occ.article_id]
            check_span(body, occ.start, occ.end)
            if body[occ.start : occ.end] != occ.exact:
                raise AnnotationError(
                    f"article {occ.article_id} changed since the occurrences were found"
                )
            created.append(
                make_annotation(
                    body,
                    occ.article_id,
                    Kind.ENTITY,
                    occ.start,
                    occ.end,
                    entity_id=entity_id,
                    author=who,
                )
            )
        insert(lib, created)
    return created
