"""Schema migrations, recorded in `PRAGMA user_version` and in the `migrations` table.

Each migration is a named step run in its own transaction; the file is copied aside
(SQLite's online backup, so the copy is consistent) before the first step touches a
library that already holds data. A library written by a newer Hashiya is refused, never
"migrated" down. The resulting schema is documented in README.md ("The library file").
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from library.storage import title_keys
from library.storage.backup import backup_connection
from library.storage.database import Library, LibraryError

if TYPE_CHECKING:
    # Imported where a step runs (`Library.db`): an up-to-date library opens without it.
    import sqlite_utils

Migration = tuple[str, Callable[["sqlite_utils.Database"], None]]


class NewerLibraryError(LibraryError):
    pass


DEFAULT_ENTITY_TYPES = [
    # id, label, colour (readable as a background in light and dark themes)
    ("person", "Person", "#e8a33d"),
    ("organisation", "Organisation", "#4f9bd9"),
    ("place", "Place", "#5cb85c"),
    ("date", "Date", "#b07cc6"),
    ("event", "Event", "#e0677a"),
    ("other", "Other", "#9a9a9a"),
]

DEFAULT_HIGHLIGHT_COLOURS = [
    ("yellow", "Highlight", "#f7e26b"),
    ("green", "Quote", "#8fd694"),
    ("blue", "Claim", "#8cc4f0"),
    ("pink", "Check", "#f29bb5"),
    ("orange", "Important", "#f6b26b"),
]


def _v1_initial(db: sqlite_utils.Database) -> None:
    db.execute(
        """
        CREATE TABLE articles (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL,
            body TEXT NOT NULL,
            captions TEXT NOT NULL DEFAULT '[]',
            date TEXT,
            url TEXT,
            site TEXT,
            source_path TEXT NOT NULL,
            source_index INTEGER NOT NULL DEFAULT 0,
            format TEXT NOT NULL,
            encoding TEXT NOT NULL,
            raw TEXT NOT NULL,
            content_hash TEXT NOT NULL UNIQUE,
            words INTEGER NOT NULL,
            imported_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX articles_date ON articles(date)")
    db.execute("CREATE INDEX articles_site ON articles(site)")
    # The library list sorts by these; without an index each page re-sorts the table.
    db.execute("CREATE INDEX articles_title ON articles(title COLLATE NOCASE)")
    db.execute("CREATE INDEX articles_source ON articles(coalesce(site, source_path))")
    db.execute("CREATE INDEX articles_words ON articles(words)")
    db["meta"].create({"key": str, "value": str}, pk="key")
    db["entity_types"].create(
        {"id": str, "label": str, "colour": str, "position": int}, pk="id", not_null={"label"}
    )
    db["entity_types"].insert_all(
        {"id": i, "label": label, "colour": c, "position": n}
        for n, (i, label, c) in enumerate(DEFAULT_ENTITY_TYPES)
    )
    db["highlight_colours"].create(
        {"id": str, "name": str, "colour": str, "position": int}, pk="id", not_null={"name"}
    )
    db["highlight_colours"].insert_all(
        {"id": i, "name": name, "colour": c, "position": n}
        for n, (i, name, c) in enumerate(DEFAULT_HIGHLIGHT_COLOURS)
    )
    db.execute(
        """
        CREATE TABLE entities (
            id TEXT PRIMARY KEY,
            type TEXT NOT NULL REFERENCES entity_types(id) ON UPDATE CASCADE,
            name TEXT NOT NULL,
            aliases TEXT NOT NULL DEFAULT '[]',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )
        """
    )
    db.execute(
        """
        CREATE TABLE annotations (
            id TEXT PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            kind TEXT NOT NULL CHECK (kind IN ('highlight', 'note', 'entity')),
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            exact TEXT NOT NULL DEFAULT '',
            prefix TEXT NOT NULL DEFAULT '',
            suffix TEXT NOT NULL DEFAULT '',
            colour TEXT,
            note TEXT,
            entity_id TEXT REFERENCES entities(id),
            author TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            CHECK (0 <= start AND start <= "end")
        )
        """
    )
    db.execute("CREATE INDEX annotations_article ON annotations(article_id, start)")
    db.execute("CREATE INDEX annotations_entity ON annotations(entity_id)")
    db["tags"].create({"id": int, "name": str}, pk="id", not_null={"name"})
    db.execute("CREATE UNIQUE INDEX tags_name ON tags(name)")
    db.execute(
        """
        CREATE TABLE article_tags (
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
            PRIMARY KEY (article_id, tag_id)
        ) WITHOUT ROWID
        """
    )
    # Contentless: the keys are derived from articles.body, so storing them again would
    # double the file. Rows are removed with FTS5's 'delete' command, re-deriving the keys.
    # The keys are already folded, space-separated runs of letters and digits, so the
    # plain 'ascii' tokenizer splits them exactly as we do, faster than unicode61.
    db.execute(
        "CREATE VIRTUAL TABLE article_index USING fts5("
        "title, title_stem, body, body_stem, content='', tokenize='ascii')"
    )
    from library.storage import search_index

    search_index.mark_current(db.conn)


def _v2_annotation_work(db: sqlite_utils.Database) -> None:
    """Suggestion decisions, and the indexes the entity index and the filters need.

    `suggestion_decisions` remembers what the user rejected, so a rejected suggestion
    stays rejected: per article (article_id set) or everywhere (article_id NULL). The
    span is kept for display; matching is on (type, folded text), so a rejection
    survives re-cleaning of the article and covers the same words elsewhere in it.
    """
    db.execute(
        """
        CREATE TABLE suggestion_decisions (
            id INTEGER PRIMARY KEY,
            article_id INTEGER REFERENCES articles(id) ON DELETE CASCADE,
            start INTEGER NOT NULL DEFAULT 0,
            "end" INTEGER NOT NULL DEFAULT 0,
            type TEXT NOT NULL,
            text TEXT NOT NULL,
            folded TEXT NOT NULL,
            decision TEXT NOT NULL CHECK (decision IN ('rejected', 'accepted')),
            decided_at TEXT NOT NULL
        )
        """
    )
    db.execute(
        "CREATE INDEX suggestion_decisions_article ON suggestion_decisions(article_id, folded)"
    )
    db.execute("CREATE INDEX entities_type ON entities(type)")
    db.execute("CREATE INDEX article_tags_tag ON article_tags(tag_id)")
    db.execute("CREATE INDEX annotations_kind ON annotations(kind, article_id)")


def _v3_title_keys(db: sqlite_utils.Database) -> None:
    """The folded title (`articles.title_key`) the library list filters and sorts by,
    indexed, with a key for every article (`library.storage.title_keys`). The NOCASE
    index on the title goes: nothing sorts by it any more."""
    db.execute("DROP INDEX IF EXISTS articles_title")
    title_keys.create(db.conn)


def _v4_mention_values(db: sqlite_utils.Database) -> None:
    """The normalised value of a mention (`annotations.value`): for a date, ISO 8601 (a
    day 2024-03-12, a month 2024-03, a year 2024, a range as an interval
    2024-01-12/2024-01-13), so dates written in any calendar or month-name system can be
    filtered and exported alike. NULL for everything else. The partial index serves the
    "mentions a date between" filter (`library.storage.filters`)."""
    db.execute("ALTER TABLE annotations ADD COLUMN value TEXT")
    db.execute("CREATE INDEX annotations_value ON annotations(value) WHERE value IS NOT NULL")


def _v5_article_metadata(db: sqlite_utils.Database) -> None:
    """Bibliographic metadata and provenance (`library.storage.metadata`): the fields
    that were there keep their columns (title; `site` is the publisher, `date` the
    publication date, `url` the canonical URL); these join them. `captures` records
    every capture of an article's text (a WARC response record: its target URI, date,
    record id and file), so the same text captured twice is one article with two."""
    for column, kind in (
        ("authors", "TEXT NOT NULL DEFAULT '[]'"),  # JSON list, in the byline's order
        ("section", "TEXT"),
        ("language", "TEXT"),  # BCP 47 (ar, en, fr)
        ("modified", "TEXT"),  # ISO 8601
        ("identifier", "TEXT"),  # the publisher's own id, a DOI, an ISBN…
    ):
        db.execute(f"ALTER TABLE articles ADD COLUMN {column} {kind}")
    db.execute(
        """
        CREATE TABLE captures (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            uri TEXT,
            date TEXT,
            record_id TEXT,
            file TEXT
        )
        """
    )
    db.execute("CREATE INDEX captures_article ON captures(article_id)")
    # One row per capture: by its record id, or without one by its URI and date.
    db.execute(
        "CREATE UNIQUE INDEX captures_once ON captures(article_id, coalesce(record_id, ''), "
        "coalesce(uri, ''), coalesce(date, ''))"
    )


def _v6_translation(db: sqlite_utils.Database) -> None:
    """The translator's workspace (`library.translation`): an article's sentence
    segments (code-point ranges of its body, anchored by quote and context like
    annotations) with their translation, status and note; each entity's preferred and
    forbidden translations per language (`entity_terms`); and a full-text index of the
    translations (`translation_index`, Latin-script folding: case and accents), kept in
    step with `segments.target` by triggers (an external-content FTS5 table over the
    segments' rowids). The target language is `meta.translation_language` (default en)."""
    db.execute(
        """
        CREATE TABLE segments (
            id TEXT PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            exact TEXT NOT NULL DEFAULT '',
            prefix TEXT NOT NULL DEFAULT '',
            suffix TEXT NOT NULL DEFAULT '',
            target TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL CHECK (status IN ('new', 'draft', 'translated', 'reviewed')),
            note TEXT,
            author TEXT,
            created_at TEXT,
            updated_at TEXT,
            CHECK (0 <= start AND start <= "end")
        )
        """
    )
    db.execute("CREATE INDEX segments_article ON segments(article_id, start)")
    db.execute(
        """
        CREATE TABLE entity_terms (
            entity_id TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
            lang TEXT NOT NULL,
            term TEXT NOT NULL,
            forbidden INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (entity_id, lang, term)
        )
        """
    )
    db.execute(
        "CREATE VIRTUAL TABLE translation_index USING fts5(target, content='segments', "
        "content_rowid='rowid', tokenize='unicode61 remove_diacritics 2')"
    )
    db.execute(
        "CREATE TRIGGER segments_indexed AFTER INSERT ON segments BEGIN "
        "INSERT INTO translation_index (rowid, target) VALUES (new.rowid, new.target); END"
    )
    db.execute(
        "CREATE TRIGGER segments_unindexed AFTER DELETE ON segments BEGIN "
        "INSERT INTO translation_index (translation_index, rowid, target) "
        "VALUES ('delete', old.rowid, old.target); END"
    )
    db.execute(
        "CREATE TRIGGER segments_reindexed AFTER UPDATE OF target ON segments BEGIN "
        "INSERT INTO translation_index (translation_index, rowid, target) "
        "VALUES ('delete', old.rowid, old.target); "
        "INSERT INTO translation_index (rowid, target) VALUES (new.rowid, new.target); END"
    )
    db.execute(
        "INSERT INTO meta (key, value) VALUES ('translation_language', 'en') "
        "ON CONFLICT (key) DO NOTHING"
    )


# Rows packed per statement batch by migration 7: only this many raw texts are in
# memory at once, however big the library.
RAW_BATCH = 500


def _v7_compressed_raw(db: sqlite_utils.Database) -> None:
    """The raw text compressed (`library.storage.raw_text`), an index of the articles
    that name authors, and one of the ids alone (the library list's pages by id). The raw text becomes zlib-compressed UTF-8 in
    `articles.raw_z`, `articles.raw` left empty (the column stays, so a row written
    with `raw` filled still reads back: raw_z NULL means "read raw"). Existing rows are
    packed RAW_BATCH at a time, walking the ids, so a big library is never held in
    memory. The freed pages are reused by later imports (VACUUM returns them to disk)."""
    from library.storage.raw_text import pack

    conn = db.conn
    conn.execute("ALTER TABLE articles ADD COLUMN raw_z BLOB")
    # The authors list (the scope box, `metadata.authors`) and the author filter read
    # this instead of every article's row: most articles name no author.
    conn.execute("CREATE INDEX articles_authors ON articles(authors) WHERE authors != '[]'")
    # The ids alone, in order: the library list's pages in id order are found by
    # counting off entries of this (a few bytes each), not the articles' rows.
    conn.execute("CREATE INDEX articles_ids ON articles(id)")
    last = -1
    while True:
        rows = conn.execute(
            "SELECT id, raw FROM articles WHERE id > ? ORDER BY id LIMIT ?", (last, RAW_BATCH)
        ).fetchall()
        if not rows:
            return
        conn.executemany(
            "UPDATE articles SET raw_z = ?, raw = '' WHERE id = ?",
            [(pack(raw), article_id) for article_id, raw in rows],
        )
        last = rows[-1][0]


# Relation types: id, English label, Arabic label, the entity types allowed at the source
# and at the target (an empty list: any type).
DEFAULT_RELATION_TYPES = [
    ("heads", "heads", "رئيس", ["person"], ["organisation"]),
    ("member-of", "member of", "عضو في", ["person", "organisation"], ["organisation"]),
    ("met-with", "met with", "التقى", ["person"], ["person"]),
    ("located-in", "located in", "يقع في", ["organisation", "place", "event"], ["place"]),
    ("said-about", "said about", "قال عن", ["person", "organisation"], []),
]


def _v8_relations(db: sqlite_utils.Database) -> None:
    """Typed relations from a mention to another mention or to an entity
    (`library.marks.relations`), and their user-editable types."""
    conn = db.conn
    conn.execute(
        "CREATE TABLE relation_types (id TEXT PRIMARY KEY, label TEXT NOT NULL, "
        "label_ar TEXT NOT NULL DEFAULT '', source_types TEXT NOT NULL DEFAULT '[]', "
        "target_types TEXT NOT NULL DEFAULT '[]', position INTEGER NOT NULL DEFAULT 0)"
    )
    conn.execute(
        """
        CREATE TABLE relations (
            id TEXT PRIMARY KEY,
            type TEXT NOT NULL REFERENCES relation_types(id) ON UPDATE CASCADE,
            source TEXT NOT NULL REFERENCES annotations(id) ON DELETE CASCADE,
            target_annotation TEXT REFERENCES annotations(id) ON DELETE CASCADE,
            target_entity TEXT REFERENCES entities(id) ON DELETE CASCADE,
            note TEXT,
            author TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            CHECK ((target_annotation IS NULL) != (target_entity IS NULL))
        )
        """
    )
    for column in ("source", "target_annotation", "target_entity", "type"):
        conn.execute(f"CREATE INDEX relations_{column} ON relations({column})")
    conn.executemany(
        "INSERT INTO relation_types VALUES (?, ?, ?, ?, ?, ?)",
        [
            (i, label, ar, json.dumps(src), json.dumps(dst), n)
            for n, (i, label, ar, src, dst) in enumerate(DEFAULT_RELATION_TYPES)
        ],
    )


# Record kinds the team library shares (`library.team`), each with the SQL that names a
# record's key in the journal. Articles are keyed by content hash, tags by name, a tag
# on an article by (tag name, content hash), a glossary term by (entity, language, term).
SYNC_JOURNALED = {
    "annotation": ("annotations", "{r}.id"),
    "segment": ("segments", "{r}.id"),
    "entity": ("entities", "{r}.id"),
    "entity_type": ("entity_types", "{r}.id"),
    "relation": ("relations", "{r}.id"),
    "relation_type": ("relation_types", "{r}.id"),
    "entity_term": ("entity_terms", "json_array({r}.entity_id, {r}.lang, {r}.term)"),
}

# What a sync shares of an article besides its text (`--share-text`): its metadata.
ARTICLE_SYNCED_FIELDS = (
    "title", "date", "url", "site", "authors", "section", "language", "modified", "identifier"
)  # fmt: skip


def _v9_team_journal(db: sqlite_utils.Database) -> None:
    """The team library's local side (`library.team.sync`): who made an entity
    (`entities.author`), and a journal of changes filled by triggers, so every edit,
    undo and redo of a shared record is captured whatever code made it (the ops stay as
    they are). A journal row only names the record (kind, key) and a change uuid (a
    re-pushed change is recognised by the server); the record itself is read at push
    time, and a record that is gone then is pushed as a tombstone. The triggers are
    silent while `sync_quiet` holds a row: while pulled changes are applied (inside that
    transaction, so a killed sync leaves no row behind), and while an article is removed
    from this library (removing one's copy of an article does not delete the team's
    annotations on it). `sync_state` keeps the library's origin uuid, the server it last
    synced with and the last server revision pulled; `sync_base` the server revision of
    each record as last seen (a push whose record changed on the server since is a
    conflict); `sync_parked` pulled records that cannot be applied yet (their article is
    not in this library); `sync_conflicts` both versions of a record edited on both sides."""
    import uuid

    conn = db.conn
    conn.execute("ALTER TABLE entities ADD COLUMN author TEXT")
    conn.execute(
        "CREATE TABLE sync_journal (seq INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, "
        "key TEXT NOT NULL, change_id TEXT NOT NULL DEFAULT (lower(hex(randomblob(16)))))"
    )
    conn.execute("CREATE TABLE sync_quiet (why INTEGER PRIMARY KEY)")
    conn.execute("CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT)")
    conn.execute("INSERT INTO sync_state VALUES ('origin', ?)", (str(uuid.uuid4()),))
    conn.execute(
        "CREATE TABLE sync_base (kind TEXT NOT NULL, key TEXT NOT NULL, rev INTEGER NOT NULL, "
        "PRIMARY KEY (kind, key)) WITHOUT ROWID"
    )
    conn.execute(
        "CREATE TABLE sync_parked (kind TEXT NOT NULL, key TEXT NOT NULL, record TEXT NOT NULL, "
        "article TEXT, PRIMARY KEY (kind, key)) WITHOUT ROWID"
    )
    conn.execute("CREATE INDEX sync_parked_article ON sync_parked(article)")
    conn.execute(
        "CREATE TABLE sync_conflicts (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, "
        "key TEXT NOT NULL, local TEXT, remote TEXT, remote_author TEXT, "
        "remote_rev INTEGER NOT NULL, detected_at TEXT NOT NULL, resolved TEXT, "
        # edited (on both sides), in-use (deleted there, needed here), refused (by the
        # server's access rules)
        "reason TEXT NOT NULL DEFAULT 'edited')"
    )
    conn.execute(
        "CREATE INDEX sync_conflicts_open ON sync_conflicts(kind, key) WHERE resolved IS NULL"
    )
    quiet = "WHEN NOT EXISTS (SELECT 1 FROM sync_quiet)"

    def journal(name: str, event: str, table: str, body: str) -> None:
        conn.execute(
            f"CREATE TRIGGER sync_{name} AFTER {event} ON {table} {quiet} BEGIN {body} END"
        )

    for kind, (table, key) in SYNC_JOURNALED.items():
        for event, row in (("INSERT", "new"), ("UPDATE", "new"), ("DELETE", "old")):
            entry = f"INSERT INTO sync_journal (kind, key) VALUES ('{kind}', {key.format(r=row)});"
            journal(f"{table}_{event.lower()}", event, table, entry)
    article = "INSERT INTO sync_journal (kind, key) VALUES ('article', new.content_hash);"
    journal("articles_insert", "INSERT", "articles", article)
    fields = ", ".join(ARTICLE_SYNCED_FIELDS)
    journal("articles_update", f"UPDATE OF {fields}", "articles", article)
    # Removing an article cascades to its annotations, segments and tags: silence.
    conn.execute(
        "CREATE TRIGGER sync_articles_removing BEFORE DELETE ON articles BEGIN "
        "INSERT OR IGNORE INTO sync_quiet VALUES (2); END"
    )
    conn.execute(
        "CREATE TRIGGER sync_articles_removed AFTER DELETE ON articles BEGIN "
        "DELETE FROM sync_quiet WHERE why = 2; END"
    )

    def tagged(name: str, tag_id: str) -> str:
        return (
            "INSERT INTO sync_journal (kind, key) SELECT 'article_tag', "
            f"json_array({name}, a.content_hash) FROM article_tags t "
            f"JOIN articles a ON a.id = t.article_id WHERE t.tag_id = {tag_id};"
        )

    journal(
        "tags_insert",
        "INSERT",
        "tags",
        "INSERT INTO sync_journal (kind, key) VALUES ('tag', new.name);",
    )
    journal(
        "tags_rename",
        "UPDATE OF name",
        "tags",
        "INSERT INTO sync_journal (kind, key) VALUES ('tag', old.name), ('tag', new.name);"
        + tagged("old.name", "old.id")
        + tagged("new.name", "new.id"),
    )
    # BEFORE: the tag's articles are still there to name.
    conn.execute(
        f"CREATE TRIGGER sync_tags_delete BEFORE DELETE ON tags {quiet} BEGIN "
        "INSERT INTO sync_journal (kind, key) VALUES ('tag', old.name);"
        + tagged("old.name", "old.id")
        + " END"
    )
    for event, row in (("INSERT", "new"), ("DELETE", "old")):
        journal(
            f"article_tags_{event.lower()}",
            event,
            "article_tags",
            "INSERT INTO sync_journal (kind, key) SELECT 'article_tag', json_array(g.name, "
            f"a.content_hash) FROM tags g, articles a WHERE g.id = {row}.tag_id "
            f"AND a.id = {row}.article_id;",
        )


def _v10_journal_when_shared(db: sqlite_utils.Database) -> None:
    """The change journal stays silent until the library's first sync
    (`library.team.journal.UNSHARED`). A first sync pushes every record anyway, so a
    library that was never shared has nothing to journal, and journaling it cost a row
    per imported article: 22 MB and a tenth of the write time for 200,000 articles
    (bench/million_bench.py). A library that has synced keeps its journal as it is."""
    conn = db.conn
    shared = conn.execute("SELECT 1 FROM sync_state WHERE key = 'server_id'").fetchone()
    if shared is None:
        conn.execute("DELETE FROM sync_journal")
        conn.execute("INSERT OR IGNORE INTO sync_quiet (why) VALUES (0)")


def _v11_raw_against_text(db: sqlite_utils.Database) -> None:
    """From here the importer packs an article's raw text against its own body
    (`library.storage.raw_text`): plain-text raw text then takes a few dozen bytes, not a
    third of its size. Rows packed before stay as they are (they read back the same).
    Such raw text can only be read back with the body it was packed against, so a change
    of the body that leaves it as it was (another program's edit; Hashiya packs it again)
    is refused, with the reason."""
    from library.storage.raw_text import REFERENCE_FLAGS

    flags = ", ".join(f"'{flag}'" for flag in REFERENCE_FLAGS)
    db.conn.execute(
        "CREATE TRIGGER articles_raw_reference BEFORE UPDATE OF body ON articles "
        "WHEN new.body IS NOT old.body "
        f"AND new.raw_z IS old.raw_z AND hex(substr(old.raw_z, 2, 1)) IN ({flags}) "
        "BEGIN SELECT RAISE(ABORT, 'articles.raw_z is compressed against this body: "
        "change it in Hashiya, or store the raw text again in raw (raw_z NULL)'); END"
    )


def _v12_index_terms(db: sqlite_utils.Database) -> None:
    """The search index's terms, listed, so that a prefix is searched as the terms it
    stands for (`library.storage.index_terms`). Filled from the index: one pass over it."""
    from library.storage import index_terms

    index_terms.create(db.conn)
    index_terms.refill(db.conn)


def _v13_page_templates(db: sqlite_utils.Database) -> None:
    """Web pages' raw HTML packed against a template of their site as well as their
    body (`library.storage.page_templates`): `raw_templates`, and `articles.raw_template`
    naming the one a row was packed against. Rows packed before keep NULL (they read back
    as before). Such raw text reads back only with that template, so a change of
    `raw_template` that leaves raw_z as it was (another program's edit) is refused."""
    from library.storage import page_templates

    page_templates.create(db.conn)
    db.conn.execute(
        f"ALTER TABLE articles ADD COLUMN raw_template INTEGER "
        f"REFERENCES {page_templates.TABLE}(id)"
    )
    db.conn.execute(
        "CREATE TRIGGER articles_raw_template BEFORE UPDATE OF raw_template ON articles "
        "WHEN new.raw_template IS NOT old.raw_template AND new.raw_z IS old.raw_z "
        "AND old.raw_z IS NOT NULL "
        "BEGIN SELECT RAISE(ABORT, 'articles.raw_z is compressed against this page "
        "template: change it in Hashiya, or store the raw text again in raw (raw_z NULL)'); END"
    )


def _v14_captures_by_record(db: sqlite_utils.Database) -> None:
    """A capture with a record id (every WARC capture) is one by that id alone: its URI
    and date no longer sit in the uniqueness index beside it, a tenth of what a web
    archive's captures cost (bench/million_bench.py --warc). Captures without a record
    id stay one by URI and date."""
    db.execute("DROP INDEX captures_once")
    db.execute(
        "CREATE UNIQUE INDEX captures_record ON captures(article_id, record_id) "
        "WHERE record_id IS NOT NULL"
    )
    db.execute(
        "CREATE UNIQUE INDEX captures_seen ON captures(article_id, coalesce(uri, ''), "
        "coalesce(date, '')) WHERE record_id IS NULL"
    )


MIGRATIONS: list[Migration] = [
    ("initial schema", _v1_initial),
    ("annotation work: suggestion decisions and indexes", _v2_annotation_work),
    ("folded titles for the library list's filter and sort", _v3_title_keys),
    ("normalised values of mentions (ISO dates)", _v4_mention_values),
    ("article metadata and captures", _v5_article_metadata),
    ("the translator's workspace: segments, glossary terms, translation index", _v6_translation),
    ("raw texts compressed", _v7_compressed_raw),
    ("relations between entity mentions, and their types", _v8_relations),
    ("the team library: entity authors, change journal, sync state", _v9_team_journal),
    ("the change journal kept only once the library is shared", _v10_journal_when_shared),
    ("raw text compressed against the article's own text", _v11_raw_against_text),
    ("the search index's terms, for prefix search", _v12_index_terms),
    ("web pages' raw HTML compressed against a template of their site", _v13_page_templates),
    ("a capture with a record id is one by that id", _v14_captures_by_record),
]


def latest_version(migrations: list[Migration] | None = None) -> int:
    return len(MIGRATIONS if migrations is None else migrations)


def backup_path_for(path: Path, version: int) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    return path.with_name(f"{path.name}.v{version}-{stamp}.bak")


def _consistent_version(lib: Library) -> int:
    """`PRAGMA user_version`, checked against what the file holds. A file whose version
    another program changed (0 or a lower number over Hashiya's tables, a negative one)
    would otherwise have its migrations run again and fail half-way, making a new backup
    at every attempt. When the `migrations` table records steps 1..N without a gap, N is
    the version (and is written back); otherwise the file is refused."""
    version = lib.schema_version
    tables = {r[0] for r in lib.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if version == 0 and not tables:
        return 0  # a new library
    recorded: list[int] = []
    if "migrations" in tables:
        recorded = [r[0] for r in lib.conn.execute("SELECT version FROM migrations ORDER BY 1")]
    if version >= 1 and recorded == list(range(1, version + 1)):
        return version
    if version > len(MIGRATIONS) and version > 0:
        return version  # a newer Hashiya's: refused by the caller
    if recorded and recorded == list(range(1, len(recorded) + 1)):
        if not lib.readonly:
            with lib.transaction():
                lib.conn.execute(f"PRAGMA user_version = {len(recorded)}")
        return len(recorded)
    raise LibraryError(
        f"{lib.path} has Hashiya's tables but an inconsistent schema version "
        f"({version}, and the migrations table does not say which it is); "
        "nothing was changed: restore a backup"
    )


def migrate(lib: Library, migrations: list[Migration] | None = None) -> Path | None:
    """Bring `lib` up to date; returns the path of the pre-migration backup, if one was made."""
    steps = MIGRATIONS if migrations is None else migrations
    current = _consistent_version(lib)
    target = len(steps)
    if current > target:
        raise NewerLibraryError(
            f"{lib.path} was written by a newer version of Hashiya "
            f"(schema {current}, this version knows {target}); please upgrade Hashiya"
        )
    if current == target:
        return None
    if lib.readonly:
        raise LibraryError(f"{lib.path} needs an upgrade but is opened read-only")
    backup = None
    if current > 0 and lib.path is not None:
        backup = backup_path_for(lib.path, current)
        backup_connection(lib.conn, backup)
    for version in range(current + 1, target + 1):
        name, step = steps[version - 1]
        with lib.transaction():
            # Re-read inside the write lock: another process may have migrated meanwhile.
            if lib.schema_version >= version:
                continue
            step(lib.db)
            lib.conn.execute(
                "CREATE TABLE IF NOT EXISTS migrations "
                "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
            )
            lib.conn.execute(
                "INSERT INTO migrations VALUES (?, ?, ?)",
                (version, name, datetime.now(UTC).isoformat(timespec="seconds")),
            )
            lib.conn.execute(f"PRAGMA user_version = {version}")
    return backup
