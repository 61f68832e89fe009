"""Entities: canonical things (a type, a preferred name, aliases) linked from their mentions
in every article of the library.

Names are compared on their folded word keys (`library.text.lexicon.name_keys`), so
diacritics, hamza and alef variants, tatweel and an attached proclitic never make a
second entity: `find_entity("لمُنظّمة التعاون الإسلامي")` finds منظمة التعاون الإسلامي.

Every change commits at once and returns what an undo needs:
- `create_entity` → the Entity (undo: `delete_entity`, redo: `put_entity`);
- `update_entity`, `add_alias`, `remove_alias` → `Edit[Entity]` (undo: `put_entity(before)`);
- `delete_entity` → `EntityRemoval` (the row and its mentions; undo: `restore_entity`);
- `merge_entities` → `Merge` (undo: `unmerge`, redo: `redo_merge`);
- `tag_entity` → `Tagging` (undo: `untag`, redo: `retag`);
- `relink_mention` → `Edit[Annotation]` (undo: `annotations.put_annotations([before])`).
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, replace

from library.edits import Edit, now
from library.marks.annotations import (
    Annotation,
    AnnotationError,
    Kind,
    article_body,
    check_span,
    default_author,
    delete_annotations,
    get_annotation,
    insert,
    make_annotation,
    read_annotations,
    restore_annotations,
    update_annotation,
)
from library.marks.date_values import date_value
from library.marks.entity_types import get_type
from library.storage.articles import NotFound
from library.storage.store import Library
from library.text.lexicon import Lexicon, name_keys
from library.text.spans import advance_letters, clitic_splits, entity_span, sentence_at, words

DATE_TYPE = "date"  # the default type whose mentions get an ISO 8601 value


@dataclass(frozen=True)
class Entity:
    id: str
    type: str
    name: str
    aliases: tuple[str, ...]
    created_at: str
    updated_at: str
    author: str | None = None  # who made it (a team's layers; `library.marks.identity`)

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    def key_set(self) -> set[tuple[str, ...]]:
        return {k for k in map(name_keys, self.names) if k}

    def to_json(self) -> dict:
        return {"id": self.id, "type": self.type, "name": self.name, "aliases": list(self.aliases)}


_COLUMNS = "id, type, name, aliases, created_at, updated_at, author"


def _entity(row) -> Entity:
    return Entity(row[0], row[1], row[2], tuple(json.loads(row[3])), row[4], row[5], row[6])


def _clean_name(name: str) -> str:
    cleaned = " ".join((name or "").split())
    if not name_keys(cleaned):
        raise AnnotationError("an entity needs a name with letters or digits")
    return cleaned


def _clean_aliases(name: str, aliases: Iterable[str]) -> tuple[str, ...]:
    """Aliases without blanks, without duplicates, and without the name itself (all
    compared folded)."""
    seen = {name_keys(name)}
    out: list[str] = []
    for given in aliases:
        alias = " ".join((given or "").split())
        keys = name_keys(alias)
        if keys and keys not in seen:
            seen.add(keys)
            out.append(alias)
    return tuple(out)


# --- reading ----------------------------------------------------------------------------


def entities(lib: Library, entity_type: str | None = None) -> list[Entity]:
    sql = f"SELECT {_COLUMNS} FROM entities"
    params: list = []
    if entity_type is not None:
        sql += " WHERE type = ?"
        params.append(entity_type)
    return [_entity(r) for r in lib.conn.execute(sql + " ORDER BY name, id", params)]


def get_entity(lib: Library, entity_id: str) -> Entity:
    row = lib.conn.execute(f"SELECT {_COLUMNS} FROM entities WHERE id = ?", (entity_id,)).fetchone()
    if row is None:
        raise NotFound(f"no entity {entity_id}")
    return _entity(row)


# Folding every name is the costly part of a lookup (0.1 s for 5,000 entities), and a
# batch of taggings looks up again and again: the lexicon is kept while the rows it was
# built from are unchanged (keyed by a hash of their whole content, so an undo that puts
# an old row back, or another process's write, is seen as a change).
_LEXICONS: OrderedDict[tuple, Lexicon[Entity]] = OrderedDict()
_LEXICONS_KEPT = 4


def entity_lexicon(lib: Library, entity_type: str | None = None) -> Lexicon[Entity]:
    """Every name and alias of the library's entities (of one type, if given)."""
    sql = f"SELECT {_COLUMNS} FROM entities"
    params: list = []
    if entity_type is not None:
        sql += " WHERE type = ?"
        params.append(entity_type)
    rows = lib.conn.execute(sql + " ORDER BY id", params).fetchall()
    key = (entity_type, hashlib.blake2b(repr([tuple(r) for r in rows]).encode()).digest())
    lexicon = _LEXICONS.get(key)
    if lexicon is not None:
        _LEXICONS.move_to_end(key)
        return lexicon
    lexicon = Lexicon()
    for entity in map(_entity, rows):
        for keys in entity.key_set():
            lexicon.add(keys, entity)
    _LEXICONS[key] = lexicon
    while len(_LEXICONS) > _LEXICONS_KEPT:
        _LEXICONS.popitem(last=False)
    return lexicon


def _readings(name: str) -> list[tuple[str, ...]]:
    """The name's keys, then the same with a proclitic taken off its first word."""
    keys = name_keys(name)
    if not keys:
        return []
    return [keys] + [(rest, *keys[1:]) for _, rest in clitic_splits(keys[0])]


def find_entity(lib: Library, name: str, entity_type: str | None = None) -> Entity | None:
    """The entity called `name` (by its name or an alias, compared folded), of the given
    type if one is given; a proclitic on the first word is ignored (لمصر finds مصر) only
    when no entity has the name as written."""
    lexicon = entity_lexicon(lib, entity_type)
    for reading in _readings(name):
        found = lexicon.lookup(reading)
        if found:
            # Prefer the entity whose preferred name it is, then the oldest.
            found.sort(key=lambda e: (name_keys(e.name) != reading, e.created_at, e.id))
            return found[0]
    return None


def _contains(outer: tuple[str, ...], inner: tuple[str, ...]) -> bool:
    n = len(inner)
    return n < len(outer) and any(outer[i : i + n] == inner for i in range(len(outer) - n + 1))


def alias_candidates(lib: Library, name: str, entity_type: str | None = None) -> list[Entity]:
    """Entities this name could be an alias of: those whose name or an alias holds it as
    whole words (منظمة التعاون الإسلامي ⊃ التعاون الإسلامي) or is held by it, folded;
    exact matches are `find_entity`'s, not offered here. Entities holding the name come
    first."""
    readings = _readings(name)
    if not readings:
        return []
    outer: list[Entity] = []
    inner: list[Entity] = []
    for entity in entities(lib, entity_type):
        keys = entity.key_set()
        if any(r in keys for r in readings):
            continue
        if any(_contains(k, r) for k in keys for r in readings):
            outer.append(entity)
        elif any(_contains(r, k) for k in keys for r in readings):
            inner.append(entity)
    return outer + inner


# --- creating and changing ----------------------------------------------------------------


def put_entity(lib: Library, entity: Entity) -> None:
    """Write an entity row exactly as given (insert or overwrite): undo/redo of edits."""
    e = entity
    with lib.transaction():
        lib.conn.execute(
            f"INSERT INTO entities ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (id) DO UPDATE SET type = excluded.type, name = excluded.name, "
            "aliases = excluded.aliases, created_at = excluded.created_at, "
            "updated_at = excluded.updated_at, author = excluded.author",
            (
                e.id,
                e.type,
                e.name,
                json.dumps(list(e.aliases), ensure_ascii=False),
                e.created_at,
                e.updated_at,
                e.author,
            ),
        )


def create_entity(lib: Library, entity_type: str, name: str, aliases: Iterable[str] = ()) -> Entity:
    """A new entity (it does not look for an existing one: see `find_entity`)."""
    name = _clean_name(name)
    with lib.transaction():
        get_type(lib, entity_type)
        stamp = now()
        entity = Entity(
            str(uuid.uuid4()),
            entity_type,
            name,
            _clean_aliases(name, aliases),
            stamp,
            stamp,
            default_author(lib),
        )
        put_entity(lib, entity)
    return entity


def update_entity(
    lib: Library,
    entity_id: str,
    *,
    name: str | None = None,
    entity_type: str | None = None,
    aliases: Iterable[str] | None = None,
) -> Edit[Entity]:
    """Rename, retype or replace the aliases of an entity. A new preferred name that was
    an alias leaves the aliases; the old name is not kept as an alias unless listed."""
    with lib.transaction():
        before = get_entity(lib, entity_id)
        after = before
        if entity_type is not None:
            get_type(lib, entity_type)
            after = replace(after, type=entity_type)
        if name is not None:
            after = replace(after, name=_clean_name(name))
        new_aliases = after.aliases if aliases is None else aliases
        after = replace(after, aliases=_clean_aliases(after.name, new_aliases))
        if after != before:
            after = replace(after, updated_at=now())
            put_entity(lib, after)
    return Edit(before, after)


def add_alias(lib: Library, entity_id: str, alias: str) -> Edit[Entity]:
    """Add an alias (nothing changes if it folds to the name or an existing alias)."""
    before = get_entity(lib, entity_id)
    return update_entity(lib, entity_id, aliases=[*before.aliases, alias])


def remove_alias(lib: Library, entity_id: str, alias: str) -> Edit[Entity]:
    before = get_entity(lib, entity_id)
    gone = name_keys(alias)
    return update_entity(
        lib, entity_id, aliases=[a for a in before.aliases if name_keys(a) != gone]
    )


@dataclass(frozen=True)
class EntityRemoval:
    entity: Entity
    mentions: tuple[Annotation, ...]


def delete_entity(lib: Library, entity_id: str) -> EntityRemoval:
    """Delete an entity and all its mentions (undo: `restore_entity(lib, removal)`)."""
    with lib.transaction():
        entity = get_entity(lib, entity_id)
        ids = [
            r[0]
            for r in lib.conn.execute(
                "SELECT id FROM annotations WHERE entity_id = ?", (entity_id,)
            )
        ]
        mentions = delete_annotations(lib, ids)
        lib.conn.execute("DELETE FROM entities WHERE id = ?", (entity_id,))
    return EntityRemoval(entity, tuple(mentions))


def restore_entity(lib: Library, removal: EntityRemoval) -> None:
    with lib.transaction():
        put_entity(lib, removal.entity)
        restore_annotations(lib, removal.mentions)


# --- merging ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Merge:
    kept: Edit[Entity]  # the surviving entity, before and after (it gains the aliases)
    removed: Entity  # the entity merged into it, as it was
    moved: tuple[str, ...]  # ids of the mentions moved from `removed` to the kept entity
    dropped: tuple[Annotation, ...]  # mentions deleted because the kept one had the same span


def _set_entity(lib: Library, ids: list[str], entity_id: str) -> None:
    for chunk in range(0, len(ids), 500):
        part = ids[chunk : chunk + 500]
        lib.conn.execute(
            f"UPDATE annotations SET entity_id = ? WHERE id IN ({', '.join('?' * len(part))})",
            [entity_id, *part],
        )


def merge_entities(lib: Library, keep_id: str, other_id: str) -> Merge:
    """Merge `other` into `keep`: its mentions move over (annotations keep their own
    timestamps), its name and aliases become aliases of `keep`, and it is removed. A moved
    mention with exactly the span of one of `keep`'s is dropped rather than doubled."""
    if keep_id == other_id:
        raise AnnotationError("cannot merge an entity with itself")
    with lib.transaction():
        keep = get_entity(lib, keep_id)
        other = get_entity(lib, other_id)
        kept_spans = {
            (r[0], r[1], r[2])
            for r in lib.conn.execute(
                'SELECT article_id, start, "end" FROM annotations WHERE entity_id = ?', (keep_id,)
            )
        }
        moving = lib.conn.execute(
            'SELECT id, article_id, start, "end" FROM annotations WHERE entity_id = ? '
            "ORDER BY article_id, start, id",
            (other_id,),
        ).fetchall()
        doubles = [r[0] for r in moving if (r[1], r[2], r[3]) in kept_spans]
        moved = [r[0] for r in moving if (r[1], r[2], r[3]) not in kept_spans]
        dropped = delete_annotations(lib, doubles)
        _set_entity(lib, moved, keep_id)
        edit = update_entity(lib, keep_id, aliases=[*keep.aliases, other.name, *other.aliases])
        lib.conn.execute("DELETE FROM entities WHERE id = ?", (other_id,))
    return Merge(edit, other, tuple(moved), tuple(dropped))


def unmerge(lib: Library, merge: Merge) -> None:
    """Undo `merge_entities`: the removed entity, its mentions and the kept one's aliases
    are exactly as before."""
    with lib.transaction():
        put_entity(lib, merge.removed)
        _set_entity(lib, list(merge.moved), merge.removed.id)
        restore_annotations(lib, merge.dropped)
        put_entity(lib, merge.kept.before)


def redo_merge(lib: Library, merge: Merge) -> None:
    """Apply a merge again after `unmerge`, to exactly the same result."""
    with lib.transaction():
        delete_annotations(lib, [a.id for a in merge.dropped])
        _set_entity(lib, list(merge.moved), merge.kept.after.id)
        put_entity(lib, merge.kept.after)
        lib.conn.execute("DELETE FROM entities WHERE id = ?", (merge.removed.id,))


# --- tagging mentions ---------------------------------------------------------------------


@dataclass(frozen=True)
class Tagging:
    annotation: Annotation  # the new mention
    entity: Entity  # the entity it links to, after the tagging
    created: bool  # the entity was created by this tagging
    entity_before: Entity | None = None  # set when the tagging added an alias to it


def tag_entity(
    lib: Library,
    article_id: int,
    start: int,
    end: int,
    *,
    entity_id: str | None = None,
    entity_type: str | None = None,
    name: str | None = None,
    as_alias: bool = False,
    author: str | None = None,
    value: str | None = None,
) -> Tagging:
    """Tag [start, end) as a mention. With `entity_id`, link to that entity; otherwise
    find the entity of `entity_type` called `name` (default: the quoted text), by name or
    alias, folded, or create it. `as_alias` adds the quoted text to the entity's aliases
    (the answer to the alias offer of `alias_candidates`). Spans are taken as given: use
    `selection_span` first to snap to words and leave an attached clitic out. `value` is
    the mention's normalised value; a date's is read from its words when not given."""
    with lib.transaction():
        body = article_body(lib, article_id)
        check_span(body, start, end)
        quote = body[start:end]
        created = False
        if entity_id is not None:
            entity = get_entity(lib, entity_id)
        else:
            if entity_type is None:
                raise AnnotationError("tagging an entity needs its type or the entity")
            get_type(lib, entity_type)
            names = [name] if name and name.strip() else _names_for_span(body, start, end)
            found = next((e for e in (find_entity(lib, n, entity_type) for n in names) if e), None)
            if found is None:
                entity, created = create_entity(lib, entity_type, names[-1]), True
            else:
                entity = found
        before = None
        if as_alias and not created and name_keys(quote) not in entity.key_set():
            edit = add_alias(lib, entity.id, quote)
            before, entity = edit.before, edit.after
        if value is None and entity.type == DATE_TYPE:
            value = date_value(quote) or None  # however the date came to be tagged
        annotation = make_annotation(
            body,
            article_id,
            Kind.ENTITY,
            start,
            end,
            entity_id=entity.id,
            author=author or default_author(lib),
            value=value,
        )
        insert(lib, [annotation])
    return Tagging(annotation, entity, created, before)


def _names_for_span(body: str, start: int, end: int) -> list[str]:
    """The names a span may stand for, the one to create last. After a stripped ل the
    article's alef is not written (للأمم = ل + الأمم): the span reads لأمم, the name الأمم."""
    from library.marks import gazetteer

    quote = body[start:end]
    keys = name_keys(quote)
    if keys and keys[0] in gazetteer.known_words():
        return [quote]  # للبنان = ل + لبنان
    for tok in words(body, start, start):
        if tok.start < start < tok.end:
            for clitic, rest in clitic_splits(tok.key):
                elided = rest.startswith("ال") and not tok.key[clitic:].startswith("ال")
                if elided and advance_letters(body, tok.start, clitic) == start:
                    return [quote, "ا" + quote]
    return [quote]


def untag(lib: Library, tagging: Tagging) -> None:
    """Undo `tag_entity`: the mention goes, and so does an entity it created (or the alias
    it added)."""
    with lib.transaction():
        delete_annotations(lib, [tagging.annotation.id])
        if tagging.created:
            lib.conn.execute("DELETE FROM entities WHERE id = ?", (tagging.entity.id,))
        elif tagging.entity_before is not None:
            put_entity(lib, tagging.entity_before)


def retag(lib: Library, tagging: Tagging) -> None:
    """Redo `tag_entity` after `untag`: the same entity and mention, with the same ids."""
    with lib.transaction():
        if tagging.created or tagging.entity_before is not None:
            put_entity(lib, tagging.entity)
        restore_annotations(lib, [tagging.annotation])


def relink_mention(lib: Library, annotation_id: str, entity_id: str) -> Edit[Annotation]:
    """Point a mention at another entity."""
    if get_annotation(lib, annotation_id).kind != Kind.ENTITY:
        raise AnnotationError("only an entity mention can be linked to an entity")
    return update_annotation(lib, annotation_id, entity_id=entity_id)


def known_names(lib: Library) -> set[str]:
    """Folded first words of every entity name and alias and of the gazetteer: what
    `spans.strip_clitic` needs to tell بمصر (ب + مصر) from بغداد."""
    from library.marks import gazetteer

    return set(gazetteer.known_words()) | entity_lexicon(lib).first_words()


def selection_span(
    lib: Library, article_id: int, start: int, end: int, *, snap: bool = True
) -> tuple[int, int]:
    """The span to tag for a selection in an article: snapped to whole words (unless
    `snap` is False: the user holds a modifier) and without an attached proclitic."""
    body = article_body(lib, article_id)
    return entity_span(body, start, end, known_names(lib), snap=snap)


# --- the entity index ---------------------------------------------------------------------


@dataclass(frozen=True)
class EntityStats:
    entity: Entity
    mentions: int
    articles: int

    def to_json(self) -> dict:
        return {**self.entity.to_json(), "mentions": self.mentions, "articles": self.articles}


def entity_index(lib: Library, entity_type: str | None = None) -> list[EntityStats]:
    """Every entity with its number of mentions and of articles mentioning it, by type
    (in the types' order) then name."""
    where, params = "", []
    if entity_type is not None:
        where, params = "WHERE e.type = ?", [entity_type]
    rows = lib.conn.execute(
        "SELECT e.id, e.type, e.name, e.aliases, e.created_at, e.updated_at, e.author, "
        "count(n.id), count(DISTINCT n.article_id) "
        "FROM entities e LEFT JOIN annotations n ON n.entity_id = e.id "
        "LEFT JOIN entity_types t ON t.id = e.type "
        f"{where} GROUP BY e.id ORDER BY t.position, e.name, e.id",
        params,
    )
    return [EntityStats(_entity(r[:7]), r[7], r[8]) for r in rows]


@dataclass(frozen=True)
class Mention:
    annotation: Annotation
    title: str  # the article's title
    sentence: str  # the sentence around the mention
    sentence_start: int  # where that sentence starts in the body

    def to_json(self) -> dict:
        return {
            **self.annotation.to_json(),
            "title": self.title,
            "sentence": self.sentence,
            "sentence_start": self.sentence_start,
        }


def mentions_of(lib: Library, entity_id: str) -> list[Mention]:
    """Every mention of an entity across the library, with the sentence around it, by
    article then position."""
    mentions = read_annotations(
        lib, 'entity_id = ? ORDER BY article_id, start, "end", id', (entity_id,)
    )
    texts: dict[int, tuple[str, str]] = {}
    out = []
    for a in mentions:
        if a.article_id not in texts:
            row = lib.conn.execute(
                "SELECT title, body FROM articles WHERE id = ?", (a.article_id,)
            ).fetchone()
            texts[a.article_id] = (row[0], row[1])
        title, body = texts[a.article_id]
        sentence, at = sentence_at(body, a.start, a.end)
        out.append(Mention(a, title, sentence, at))
    return out


def articles_for_entity(lib: Library, entity_id: str) -> list[int]:
    """Ids of the articles that mention an entity (for the library list's filter)."""
    rows = lib.conn.execute(
        "SELECT DISTINCT article_id FROM annotations WHERE entity_id = ? ORDER BY article_id",
        (entity_id,),
    )
    return [r[0] for r in rows]


def entities_in(lib: Library, article_id: int) -> list[Entity]:
    """The entities that the article's mentions link to."""
    rows = lib.conn.execute(
        f"SELECT {_COLUMNS} FROM entities WHERE id IN "
        "(SELECT entity_id FROM annotations WHERE article_id = ? AND entity_id IS NOT NULL)",
        (article_id,),
    )
    return [_entity(r) for r in rows]
