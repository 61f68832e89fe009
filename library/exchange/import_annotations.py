"""Reading annotations back in: W3C JSON-LD, brat and CoNLL files into matching articles.

    import_annotations(lib, path) -> ImportReport

`path` is a file (.json/.jsonld, .ann, .conll/.iob/.bio, .zip of brat files) or a folder
(every such file in it, recursively). Each file is read by its format's reader
(`webanno_import`, `brat_import`, `conll_import`) into plain records, then applied in ONE
transaction: a file that cannot be read (truncated JSON, not UTF-8, a damaged, encrypted
or oddly compressed zip member, JSON nested too deep…) adds nothing and is reported, and
the import goes on with the next file (or zip member).

A failure of the library itself (a full disk, a damaged or read-only library file,
another program holding it too long) is not a problem of the file: the file is rolled
back and the import stops with `LibraryFailed` (the CLI's exit status 1), which says what
went wrong with the library (`describe_error`) and carries the report of the files
before it, which stay imported.

Sizes (`Limits`; each is said in the report when reached): CoNLL and `.ann` files are
read a line at a time and CoNLL documents applied one at a time, so a file of ten
million lines needs the memory of one document; a brat file (`.txt`, `.ann`, on disk or
in a zip) is read only up to 50 MB (the article import's limit: no article's text is
longer), and a zip only up to 1 GB unpacked in all, judged by the sizes in its directory
before anything is unpacked (a zip bomb is refused, not inflated); a JSON-LD file, parsed
whole, up to 256 MB. The report lists the first 100 problems and unmatched articles of
each file, then one line "… and 4,999,990 more problem(s)" with the count in `more`.

Matching articles: by content hash (the article IRI `urn:hashiya:article:<sha256>` of
JSON-LD and commented CoNLL, the hash of a brat `.txt`), else by the exact text (brat),
else by the title when exactly one article has it, else (a CoNLL document without a
doc_id, such as the CoNLL-2003 dialect writes) by its tokens: the article whose text,
without white space and invisible controls, is the tokens put end to end. Records of an article not in the library go
to `unmatched`, nothing is added for them.

Placing annotations: every annotation carries its quote (and, from JSON-LD, its
context). When the offsets still hold the quote, it goes there; otherwise it is
re-anchored by quote and context (`library.marks.anchoring.anchor`: moved or fuzzy, counted as
`reanchored`); when the quote is nowhere, it is reported in `failed` and not added:
never silently placed somewhere else. An annotation already in the library (same id, or
same kind, span, colour, note and entity, and the same author when the file names one)
is counted as a duplicate and left alone, so importing the same file twice adds nothing
the second time, and a colleague's file adds their layer beside the user's.

Relations (JSON-LD linking annotations, brat `R` lines) are applied after the
annotations of their article: each end is the mention the file's annotation became (a
new one, or the one already there that it duplicates), a target entity is found or
made as a mention's entity is, and the type is matched by id, brat name or label (English
or Arabic) or made with the file's label. A relation already there (same id, or same
type and ends) is counted in `relation_duplicates`; one whose mention was not imported,
or that the type's constraints refuse, is reported in `failed` and the rest goes on.

Entities: by id when the library has it (`urn:hashiya:entity:<uuid>`, brat's
`hashiya:<uuid>` reference, its dashes optional), else by name and type (folded, as `find_entity`), else
created (keeping the file's id when it has one). Types and palette colours unknown to
the library are added, so nothing in the file is lost.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import lzma
import os
import re
import sqlite3
import stat
import uuid
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import library.exchange.brat_import as brat_reader
import library.exchange.conll_import as conll_reader
import library.exchange.webanno_import as w3c_reader
from library.edits import now
from library.exchange.conll import invisible
from library.exchange.incoming import (
    MB,
    Incoming,
    IncomingArticle,
    IncomingEntity,
    Limits,
    Problems,
    ReadError,
)
from library.marks.anchoring import anchor
from library.marks.annotations import (
    CONTEXT,
    KINDS,
    Annotation,
    AnnotationError,
    anchor_context,
    insert,
)
from library.marks.date_values import date_value
from library.marks.entities import DATE_TYPE
from library.storage.database import Library, LibraryError
from library.storage.store import describe_error

UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
SUFFIXES = {
    ".json": "json",
    ".jsonld": "json",
    ".ann": "brat",
    ".zip": "brat",
    ".conll": "conll",
    ".iob": "conll",
    ".iob2": "conll",
    ".bio": "conll",
}


class LibraryFailed(LibraryError):
    """The library could not be read or written during an import (a full disk, a damaged
    file…): a failure of the library, not bad input. `report`: what was imported before."""

    def __init__(self, message: str, report: ImportReport) -> None:
        super().__init__(message)
        self.report = report


@dataclass
class ImportReport:
    added: int = 0
    reanchored: int = 0
    duplicates: int = 0
    entities_created: int = 0
    unmatched: list[dict] = field(default_factory=list)
    failed: list[dict] = field(default_factory=list)
    files: int = 0
    relations_added: int = 0
    relation_duplicates: int = 0
    relation_types_created: int = 0

    def counts(self) -> tuple[int, ...]:
        """The counters (a file that cannot be read puts them back)."""
        return (
            self.added, self.reanchored, self.duplicates, self.entities_created,
            self.relations_added, self.relation_duplicates, self.relation_types_created,
        )  # fmt: skip

    def set_counts(self, values: tuple[int, ...]) -> None:
        (
            self.added, self.reanchored, self.duplicates, self.entities_created,
            self.relations_added, self.relation_duplicates, self.relation_types_created,
        ) = values  # fmt: skip

    def to_json(self) -> dict:
        return {
            "added": self.added,
            "reanchored": self.reanchored,
            "duplicates": self.duplicates,
            "entities_created": self.entities_created,
            "relations_added": self.relations_added,
            "relation_duplicates": self.relation_duplicates,
            "relation_types_created": self.relation_types_created,
            "unmatched": self.unmatched,
            "failed": self.failed,
            "files": self.files,
        }


# --- finding files -----------------------------------------------------------------------


def format_of(path: Path) -> str | None:
    return SUFFIXES.get(path.suffix.lower())


def files_in(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.is_file() and format_of(p))
    return [path]


# --- applying ----------------------------------------------------------------------------


# A value the library refuses to store: text that is not valid Unicode (a lone
# surrogate), a number too large for SQLite, a constraint of the table.
_BAD_VALUE = (UnicodeError, OverflowError, sqlite3.IntegrityError, sqlite3.DataError)
_CACHE = 64  # article bodies kept while a file is applied (documents come in any order)


class _Applier:
    def __init__(self, lib: Library, report: ImportReport, source: str, problems: Problems) -> None:
        self.lib = lib
        self.report = report
        self.source = source
        self.problems = problems
        self.unmatched = Problems(problems.limit)
        self.unmatched_more = 0  # annotations of the unmatched articles not listed
        self.bodies: dict[int, str] = {}
        self.entities: dict[tuple, str] = {}
        self.types: dict[str, str] = {}
        self.colours: dict[str, str] = {}
        self.relation_types: dict[str, str] = {}  # a file's type → the library's
        self.visible: dict[bytes, int] | None = None  # see by_tokens

    # articles
    def match(self, art: IncomingArticle) -> int | None:
        conn = self.lib.conn
        if art.content_hash:
            row = conn.execute(
                "SELECT id FROM articles WHERE content_hash = ?", (art.content_hash,)
            ).fetchone()
            if row:
                return row[0]
        if art.text:
            row = conn.execute("SELECT id FROM articles WHERE body = ?", (art.text,)).fetchone()
            if row:
                return row[0]
        if art.title:
            rows = conn.execute(
                "SELECT id FROM articles WHERE title = ? LIMIT 2", (art.title,)
            ).fetchall()
            if len(rows) == 1:
                return rows[0][0]
        if art.tokens and not art.content_hash:
            return self.by_tokens(art.tokens)
        return None

    def by_tokens(self, tokens: list[str]) -> int | None:
        """The article whose visible text is the tokens end to end (a CoNLL document
        without a doc_id). The digests of every article's visible text are computed once
        per file, when the first such document comes."""
        if self.visible is None:
            self.visible = {}
            for article_id, body in self.lib.conn.execute("SELECT id, body FROM articles"):
                self.visible.setdefault(_visible_digest(body), article_id)
        return self.visible.get(_visible_digest("".join(tokens)))

    def body(self, article_id: int) -> str:
        if article_id not in self.bodies:
            if len(self.bodies) >= _CACHE:
                self.bodies.clear()
            self.bodies[article_id] = self.lib.conn.execute(
                "SELECT body FROM articles WHERE id = ?", (article_id,)
            ).fetchone()[0]
        return self.bodies[article_id]

    # entity types, colours, entities
    def type_id(self, given: str) -> str:
        from library.marks.entity_types import add_type, entity_types

        key = given.strip().casefold()
        if key not in self.types:
            found = next(
                (
                    t.id
                    for t in entity_types(self.lib)
                    if key in (t.id.casefold(), t.label.casefold())
                ),
                None,
            )
            if found is None:
                found = add_type(self.lib, given.strip() or "other", "#9a9a9a").id
            self.types[key] = found
        return self.types[key]

    def colour_id(self, given: str | None, name: str | None) -> str:
        from library.marks.annotations import first_colour
        from library.marks.palette import add_colour, colours

        key = (given or "", name or "")
        if key not in self.colours:
            palette = colours(self.lib)
            found = next((c.id for c in palette if given and c.id == given), None)
            if found is None and name:
                found = next((c.id for c in palette if c.name.casefold() == name.casefold()), None)
            if found is None and given:
                found = next((c.id for c in palette if c.name.casefold() == given.casefold()), None)
            if found is None and (given or name):
                free_id = given if given and not any(c.id == given for c in palette) else None
                found = add_colour(self.lib, name or given or "", "#cccccc", free_id).id
            self.colours[key] = found or first_colour(self.lib)
        return self.colours[key]

    def entity_id(self, incoming: IncomingEntity) -> str:
        from library.marks.entities import Entity, find_entity, put_entity

        type_id = self.type_id(incoming.type or "other")
        key = (incoming.id, type_id, incoming.name)
        if key in self.entities:
            return self.entities[key]
        if len(self.entities) >= 100_000:  # a file of a million names: keep memory flat
            self.entities.clear()
        conn = self.lib.conn
        found: str | None = None
        if (
            incoming.id
            and conn.execute("SELECT 1 FROM entities WHERE id = ?", (incoming.id,)).fetchone()
        ):
            found = incoming.id
        if found is None:
            existing = find_entity(self.lib, incoming.name, type_id)
            if existing is not None:
                found = existing.id
        if found is None:
            from library.marks.entities import _clean_name

            stamp = now()
            new_id = incoming.id if incoming.id and UUID.match(incoming.id) else str(uuid.uuid4())
            put_entity(
                self.lib, Entity(new_id, type_id, _clean_name(incoming.name), (), stamp, stamp)
            )
            self.report.entities_created += 1
            found = new_id
        self.entities[key] = found
        return found

    # annotations
    def _duplicate(self, a: Annotation) -> str | None:
        """The id of the annotation already in the library that `a` repeats, or None
        (a relation in the file then links that one)."""
        conn = self.lib.conn
        if conn.execute("SELECT 1 FROM annotations WHERE id = ?", (a.id,)).fetchone():
            return a.id
        row = conn.execute(
            'SELECT id FROM annotations WHERE article_id = ? AND kind = ? AND start = ? AND "end" = ? '
            "AND coalesce(colour, '') = ? AND coalesce(note, '') = ? AND coalesce(entity_id, '') = ? "
            # A colleague's identical mention is their layer's, not a duplicate of ours;
            # a file that says nobody (CoNLL, brat without --author) adds no layer.
            "AND (? = '' OR coalesce(author, '') = ?)",
            (
                a.article_id,
                a.kind,
                a.start,
                a.end,
                a.colour or "",
                a.note or "",
                a.entity_id or "",
                a.author or "",
                a.author or "",
            ),
        ).fetchone()
        return row[0] if row else None

    def fail(self, art: IncomingArticle, inc: Incoming | None, error: str) -> None:
        if not self.problems.take():
            return
        entry = {"path": self.source, "article": art.label, "error": error}
        if inc is not None:
            entry["where"] = inc.where
            entry["quote"] = inc.exact
        self.report.failed.append(entry)

    def entity_type(self, entity_id: str) -> str | None:
        row = self.lib.conn.execute("SELECT type FROM entities WHERE id = ?", (entity_id,))
        found = row.fetchone()
        return found[0] if found else None

    def mention_entity(self, art: IncomingArticle, inc: Incoming) -> str | None:
        """The entity id of a mention; None (reported) when it has none or none can be
        made (a name without letters: a CoNLL mention of an emoji alone)."""
        if inc.entity is None or not inc.entity.name.strip():
            self.fail(art, inc, "an entity mention without its entity")
            return None
        try:
            return self.entity_id(inc.entity)
        except AnnotationError as exc:
            self.fail(art, inc, f"its entity cannot be made: {exc}")
            return None

    def place(
        self, art: IncomingArticle, article_id: int, inc: Incoming
    ) -> tuple[Annotation, bool] | None:
        """The annotation to add and whether it was re-anchored; None (reported) if it
        cannot be placed."""
        body = self.body(article_id)
        if inc.kind not in KINDS:
            self.fail(art, inc, f"unknown annotation kind {inc.kind!r}")
            return None
        whole = inc.kind == "note" and inc.start == inc.end == 0 and not inc.exact
        moved = False
        if whole:
            start = end = 0
            exact, prefix, suffix = anchor_context(body, 0, 0)
        else:
            if not inc.exact:
                self.fail(art, inc, "an annotation without its quoted text cannot be placed")
                return None
            where = anchor(
                body,
                inc.exact,
                inc.prefix[-CONTEXT:],
                inc.suffix[:CONTEXT],
                start=max(0, inc.start),
                end=max(0, inc.end),
            )
            if not where.found:
                self.fail(
                    art,
                    inc,
                    f"the quote is not in the article's text any more (was at {inc.start}-{inc.end})",
                )
                return None
            start, end = where.start, where.end
            exact, prefix, suffix = anchor_context(body, start, end)
            moved = (start, end) != (inc.start, inc.end) or exact != inc.exact
        if inc.kind == "note" and not (inc.note or "").strip():
            self.fail(art, inc, "a note without text")
            return None
        entity_id = None
        value = None
        if inc.kind == "entity":
            entity_id = self.mention_entity(art, inc)
            if entity_id is None:
                return None
            value = inc.value
            if value is None and self.entity_type(entity_id) == DATE_TYPE:
                value = date_value(exact) or None  # brat and CoNLL carry no value
        colour = self.colour_id(inc.colour, inc.colour_name) if inc.kind == "highlight" else None
        stamp = now()
        ann_id = inc.id if inc.id and UUID.match(inc.id) else str(uuid.uuid4())
        made = Annotation(
            id=ann_id,
            article_id=article_id,
            kind=inc.kind,
            start=start,
            end=end,
            exact=exact,
            prefix=prefix,
            suffix=suffix,
            colour=colour,
            note=inc.note or None,
            entity_id=entity_id,
            # `--author` names whose layer a file without creators is (brat, CoNLL); a
            # file that names its creators keeps them.
            author=inc.author or self.lib.acting_author,
            created_at=inc.created or stamp,
            updated_at=inc.updated or inc.created or stamp,
            value=value,
        )
        return made, moved

    def apply(self, art: IncomingArticle) -> None:
        # The readers kept only the problems `self.problems` let them list.
        for problem in art.problems:
            self.report.failed.append({"path": self.source, "article": art.label, **problem})
        if not art.annotations:
            return
        try:
            article_id = self.match(art)
        except _BAD_VALUE as exc:
            self.fail(art, None, f"the article cannot be looked up: {exc}")
            return
        if article_id is None:
            if self.unmatched.take():
                self.report.unmatched.append(
                    {"path": self.source, "article": art.label, "annotations": len(art.annotations)}
                )
            else:
                self.unmatched_more += len(art.annotations)
            return
        if art.tokens is not None:
            _locate_tokens(art, self.body(article_id))
            art.tokens = None
        for inc in art.annotations:
            try:
                with self.lib.transaction():  # a savepoint: one bad row never spoils the rest
                    placed = self.place(art, article_id, inc)
                    if placed is None:
                        continue
                    made, moved = placed
                    existing = self._duplicate(made)
                    if existing is not None:
                        self.report.duplicates += 1
                        inc.placed = existing
                        continue
                    insert(self.lib, [made])
                    inc.placed = made.id
                    self.report.added += 1
                    self.report.reanchored += moved
            except _BAD_VALUE as exc:
                self.fail(art, inc, f"a value the library cannot store: {exc}")
        self.relate(art)

    # relations: applied by `import_relations`, after the mentions they link
    def relate(self, art: IncomingArticle) -> None:
        """The article's relations, between the mentions its annotations became."""
        import library.exchange.import_relations as relations

        if art.relations:
            relations.apply(self, art)

    def finish(self) -> None:
        """The last lines of this file's report: how many problems were not listed."""
        if self.problems.more:
            self.report.failed.append(
                {
                    "path": self.source,
                    "error": f"… and {self.problems.more:,} more problem(s) in this file, "
                    "not listed",
                    "more": self.problems.more,
                }
            )
        if self.unmatched.more:
            self.report.unmatched.append(
                {
                    "path": self.source,
                    "article": f"… and {self.unmatched.more:,} more article(s), not listed",
                    "annotations": self.unmatched_more,
                    "more": self.unmatched.more,
                }
            )


@functools.cache
def _invisible_table() -> dict[int, None]:
    """str.translate table deleting white space and invisible controls (planes 0, 1 and
    14 hold every such character)."""
    points = itertools.chain(range(0x20000), range(0xE0000, 0xE1000))
    return {cp: None for cp in points if invisible(chr(cp))}


def _visible_digest(text: str) -> bytes:
    visible = text.translate(_invisible_table())
    return hashlib.sha256(visible.encode("utf-8", "surrogatepass")).digest()


def align(body: str, tokens: list[str]) -> list[tuple[int, int]] | None:
    """Offsets of each token in `body`, in order, skipping white space and invisible
    controls between them; None if the tokens do not follow the text."""
    out: list[tuple[int, int]] = []
    pos, n = 0, len(body)
    for token in tokens:
        while pos < n and invisible(body[pos]):
            pos += 1
        if not body.startswith(token, pos):
            return None
        out.append((pos, pos + len(token)))
        pos += len(token)
    return out


def _locate_tokens(art: IncomingArticle, body: str) -> None:
    """Give CoNLL mentions their offsets and quotes from the article's text. When the
    tokens do not follow the text, the quote is the tokens joined by spaces and the
    offsets unknown: placing it is then the anchoring's job (re-anchored or reported)."""
    tokens = art.tokens or []
    offsets = align(body, tokens)
    for inc in art.annotations:
        if inc.token_range is None:
            continue
        first, stop = inc.token_range
        if offsets is not None:
            inc.start, inc.end = offsets[first][0], offsets[stop - 1][1]
            inc.exact = body[inc.start : inc.end]
        else:
            inc.start = inc.end = 0
            inc.exact = " ".join(tokens[first:stop])
        if inc.entity is not None and not inc.entity.name:
            inc.entity.name = " ".join(inc.exact.split())


Read = Callable[[Problems], Iterable[IncomingArticle]]


def _size(n: int) -> str:
    return f"{n / 1024 / MB:.1f} GB" if n >= 1024 * MB else f"{n / MB:,.0f} MB"


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReadError(f"not UTF-8 text (byte {exc.start})") from exc


def _sized(path: Path, limit: int, what: str) -> int:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ReadError(f"cannot read the file ({exc.strerror or exc})") from exc
    if size > limit:
        raise ReadError(
            f"{path.name} is {_size(size)}, over the {_size(limit)} limit for {what}: not read"
        )
    return size


NOT_A_FILE = "not a regular file (a device, pipe or socket): not read"


def _open_regular(path: Path) -> BinaryIO:
    """A regular file opened for reading. A FIFO or a device would block or never end:
    refused before the open, and again on the opened descriptor (opened without blocking,
    so a file swapped for a FIFO in between cannot hang the import either)."""
    if not stat.S_ISREG(path.stat().st_mode):
        raise ReadError(f"{path.name} is {NOT_A_FILE}")
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise ReadError(f"{path.name} is {NOT_A_FILE}")
    os.set_blocking(fd, True)
    return os.fdopen(fd, "rb")


def _text(path: Path, limit: int, what: str) -> str:
    _sized(path, limit, what)
    try:
        with _open_regular(path) as fh:
            data = fh.read(limit + 1)
    except OSError as exc:
        raise ReadError(f"cannot read the file ({exc.strerror or exc})") from exc
    if len(data) > limit:  # it grew meanwhile
        raise ReadError(f"{path.name} is over the {_size(limit)} limit for {what}: not read")
    return _decode(data)


def _lines(path: Path, limits: Limits) -> Iterator[str]:
    """The lines of a UTF-8 text file, one at a time (as `str.splitlines` would cut them)."""
    try:
        fh = _open_regular(path)
    except OSError as exc:
        raise ReadError(f"cannot read the file ({exc.strerror or exc})") from exc
    with fh:
        offset = number = 0
        while True:
            try:
                raw = fh.readline(limits.line_bytes + 1)
            except OSError as exc:
                raise ReadError(f"cannot read the file ({exc.strerror or exc})") from exc
            if not raw:
                return
            number += 1
            if len(raw) > limits.line_bytes:
                raise ReadError(
                    f"line {number} is longer than {_size(limits.line_bytes)}: not a text "
                    "file of annotations"
                )
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise ReadError(
                    f"not UTF-8 text (line {number}, byte {offset + exc.start})"
                ) from exc
            if offset == 0:
                text = text.removeprefix("\ufeff")
            offset += len(raw)
            yield from text.splitlines()


class _Budget:
    """What is left to unpack from one zip."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.left = total


def _member(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: _Budget, limits: Limits
) -> str:
    """One member's text, judged by the size its directory declares before anything is
    unpacked (`zipfile` never unpacks more than that size), each failure a ReadError."""
    name = info.filename
    if info.file_size > limits.file_bytes:
        raise ReadError(
            f"{name} unpacks to {_size(info.file_size)}, over the {_size(limits.file_bytes)} "
            "limit for one file in a zip: not read"
        )
    if info.file_size > budget.left:
        raise ReadError(
            f"{name}: the zip unpacks to more than {_size(budget.total)}, the limit for one "
            "zip: not read"
        )
    try:
        with archive.open(info) as member:
            data = member.read(limits.file_bytes + 1)
    except NotImplementedError as exc:  # (a RuntimeError: before the next line)
        raise ReadError(f"{name} is compressed in a way that cannot be read ({exc})") from exc
    except RuntimeError as exc:  # zipfile's word for "encrypted"
        raise ReadError(f"{name} is encrypted: it cannot be read without its password") from exc
    except (zipfile.BadZipFile, zlib.error, lzma.LZMAError, EOFError, OSError, ValueError) as exc:
        raise ReadError(f"{name} is damaged in the zip ({exc})") from exc
    if len(data) > limits.file_bytes:
        raise ReadError(f"{name} is over the {_size(limits.file_bytes)} limit: not read")
    budget.left -= len(data)
    return _decode(data)


def _zip_pair(
    archive: zipfile.ZipFile,
    ann: zipfile.ZipInfo,
    txt: zipfile.ZipInfo | None,
    problems: Problems,
    *,
    budget: _Budget,
    limits: Limits,
) -> list[IncomingArticle]:
    text = _member(archive, txt, budget, limits) if txt is not None else None
    return brat_reader.read(
        _member(archive, ann, budget, limits), text, Path(ann.filename).stem, problems
    )


def _brat_file(path: Path, limits: Limits, problems: Problems) -> list[IncomingArticle]:
    what = "one brat file"
    txt = path.with_suffix(".txt")
    text = _text(txt, limits.file_bytes, what) if txt.exists() else None
    _sized(path, limits.file_bytes, what)
    return brat_reader.read(_lines(path, limits), text, path.stem, problems)


def _open_zip(path: Path) -> zipfile.ZipFile:
    try:
        _open_regular(path).close()  # a FIFO or a device named .zip would never answer
    except OSError as exc:
        raise ReadError(f"cannot read the file ({exc.strerror or exc})") from exc
    try:
        return zipfile.ZipFile(path)
    except (
        zipfile.BadZipFile,
        OSError,
        ValueError,
        EOFError,
        RuntimeError,
        NotImplementedError,
    ) as exc:
        raise ReadError(f"not a readable zip file ({exc})") from exc


def _sources(path: Path, fmt: str, limits: Limits) -> Iterator[tuple[str, Read]]:
    """(source label, how to read its articles) for each file of the given path (a zip
    holds several). Reading happens when the second is called, one source at a time."""
    if fmt == "json":
        yield (
            str(path),
            lambda problems: w3c_reader.read(
                _text(path, limits.json_bytes, "a JSON file (JSON is read whole)"), problems
            ),
        )
    elif fmt == "conll":
        yield (
            str(path),
            lambda problems: conll_reader.read(
                _lines(path, limits), problems=problems, max_tokens=limits.document_tokens
            ),
        )
    elif fmt == "brat" and path.suffix.lower() == ".zip":
        with _open_zip(path) as archive:
            budget = _Budget(limits.zip_bytes)
            members = {info.filename: info for info in archive.infolist()}
            for name in sorted(n for n in members if n.lower().endswith(".ann")):
                read = functools.partial(
                    _zip_pair,
                    archive,
                    members[name],
                    members.get(name[:-4] + ".txt"),
                    budget=budget,
                    limits=limits,
                )
                yield f"{path}:{name}", read
    elif fmt == "brat":
        yield str(path), functools.partial(_brat_file, path, limits)
    else:
        raise ReadError(f"unknown annotation format {fmt!r}")


# What a reader may raise on input it was not written for; each becomes a ReadError for
# that file (MemoryError is not among them: it is not the file's fault).
_READER_ERRORS = (
    ValueError, TypeError, AttributeError, KeyError, IndexError, RuntimeError, OSError,
    EOFError, zipfile.BadZipFile, zlib.error, lzma.LZMAError, UnicodeError,
)  # fmt: skip


def _guarded(read: Read, problems: Problems) -> Iterator[IncomingArticle]:
    """The reader's articles; anything it raises is a ReadError (the file's problem)."""
    try:
        articles = iter(read(problems))
        while True:
            try:
                art = next(articles)
            except StopIteration:
                return
            yield art
    except ReadError:
        raise
    except RecursionError as exc:
        raise ReadError("nested too deeply to be read") from exc
    except _READER_ERRORS as exc:
        raise ReadError(f"cannot be read ({type(exc).__name__}: {exc})") from exc


def _library_failure(exc: sqlite3.Error) -> str:
    sentence = describe_error(exc)
    if sentence == (str(exc) or type(exc).__name__):
        sentence = f"the library could not be read or written ({sentence})"
    return sentence


def _apply_file(
    lib: Library, report: ImportReport, source: str, read: Read, limits: Limits
) -> None:
    """One file in one transaction: a file that cannot be read adds nothing and is
    reported (its counts are those from before the file); a failure of the library rolls
    the file back and raises LibraryFailed."""
    before = report.counts()
    marks = (len(report.unmatched), len(report.failed))

    def forget() -> None:
        report.set_counts(before)
        del report.unmatched[marks[0] :]
        del report.failed[marks[1] :]

    problems = Problems(limits.problems)
    applier = _Applier(lib, report, source, problems)
    try:
        with lib.transaction():
            for art in _guarded(read, problems):
                applier.apply(art)
    except ReadError as exc:
        forget()
        report.failed.append({"path": source, "error": str(exc)})
        return
    except sqlite3.Error as exc:
        forget()
        message = f"nothing was imported from {source}: {_library_failure(exc)}"
        if report.added:
            message += f" ({report.added} annotation(s) from the files before it were added)"
        raise LibraryFailed(message, report) from exc
    report.files += 1
    applier.finish()


def import_annotations(
    lib: Library, path: str | Path, fmt: str | None = None, *, limits: Limits | None = None
) -> ImportReport:
    """Import every annotation file at `path` (see the module docstring). Raises
    FileNotFoundError for a missing path, ReadError for a single file in an unknown
    format, LibraryFailed when the library cannot be written; problems inside files are
    in the report."""
    limits = limits or Limits()
    path = Path(path).expanduser()
    if not path.exists():
        raise FileNotFoundError(f"no such file or folder: {path}")
    report = ImportReport()
    files = files_in(path)
    if path.is_file() and fmt is None and format_of(path) is None:
        raise ReadError(
            f"{path.name}: unknown annotation file type (expected .jsonld/.json, .ann, .zip or .conll)"
        )
    for file in files:
        file_fmt = fmt or format_of(file) or ""
        try:
            for source, read in _sources(file, file_fmt, limits):
                _apply_file(lib, report, source, read, limits)
        except ReadError as exc:
            report.failed.append({"path": str(file), "error": str(exc)})
    return report
