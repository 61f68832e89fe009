"""What the annotation importers (`webanno_import`, `brat_import`, `conll_import`) hand to
`library.exchange.import_annotations`: plain records of articles, annotations and entities read from
a file, not yet matched to the library; `ReadError` for a file that cannot be read; the
`Limits` an import keeps to, and the `Problems` of one file the report lists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

ARTICLE_IRI = re.compile(r"^urn:hashiya:article:([0-9a-f]{64})$")


class ReadError(ValueError):
    """A file that cannot be read as its format; the message is for the user."""


MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """What one import reads at most, so that no file (or zip bomb) can take the machine's
    memory or the user's afternoon. Each is said in the report when it is reached."""

    # One brat file (.txt or .ann), on disk or unpacked from a zip: the article import's
    # limit for one file, so no article's text is longer.
    file_bytes: int = 50 * MB
    # Everything unpacked from one zip, all members together.
    zip_bytes: int = 1024 * MB
    # One JSON-LD file: JSON is parsed whole (about ten times its size in memory).
    json_bytes: int = 256 * MB
    # One line of a CoNLL or .ann file (a token line is a few dozen bytes).
    line_bytes: int = 1 * MB
    # One CoNLL document (its tokens are kept until it ends: ~100 bytes each). Two million
    # tokens is a text of some 12 MB: far longer than any news article.
    document_tokens: int = 2_000_000
    # Problems (and unmatched articles) listed in the report per file; the rest are
    # counted in one last line, "… and 4,999,990 more".
    problems: int = 100


class Problems:
    """The problems of one file that the report lists: the first `limit`, then a count."""

    def __init__(self, limit: int = Limits.problems) -> None:
        self.limit = limit
        self.listed = 0
        self.more = 0

    def take(self) -> bool:
        """True if one more problem is to be listed; False (and counted) past the limit."""
        if self.listed < self.limit:
            self.listed += 1
            return True
        self.more += 1
        return False


@dataclass
class IncomingEntity:
    type: str  # a type id or label, or a CoNLL tag already mapped to a type id
    name: str
    id: str | None = None


@dataclass
class Incoming:
    kind: str
    start: int
    end: int
    exact: str
    prefix: str = ""
    suffix: str = ""
    colour: str | None = None  # palette id (or a name)
    colour_name: str | None = None
    note: str | None = None
    entity: IncomingEntity | None = None
    author: str | None = None
    created: str | None = None
    updated: str | None = None
    id: str | None = None
    where: str = ""  # for the report: "line 12", "item 3"
    token_range: tuple[int, int] | None = None  # CoNLL: [first, last + 1) of the tokens
    value: str | None = None  # a mention's normalised value (a date's ISO 8601 form)
    key: str = ""  # what a relation in the file calls it: its JSON-LD id, its brat T id
    placed: str | None = None  # the library's annotation for it, once imported (or found)


@dataclass
class IncomingRelation:
    """A relation read from a file: its ends are the file's own annotation keys (a
    JSON-LD annotation id, a brat T id), mapped to the library's ids once the mentions
    are placed; or, at the target, an entity."""

    type: str  # a relation type id or label
    source: str  # the key of the source mention in the file
    target: str | None = None  # the key of the target mention, or
    target_entity: IncomingEntity | None = None  # the entity it points at
    type_label: str | None = None  # the label the file gives the type
    note: str | None = None
    author: str | None = None
    created: str | None = None
    updated: str | None = None
    id: str | None = None
    where: str = ""


@dataclass
class IncomingArticle:
    label: str  # for the report: the article IRI, a file name, a title
    content_hash: str | None = None
    text: str | None = None
    title: str | None = None
    annotations: list[Incoming] = field(default_factory=list)
    problems: list[dict] = field(default_factory=list)  # lines the reader could not use
    tokens: list[str] | None = None  # CoNLL: the document's tokens, found again in the text
    relations: list[IncomingRelation] = field(default_factory=list)  # between its mentions
