"""What the annotation importers (`webanno_import`, `brat_import`, `conll_import`) hand to
`library.exchange.import_annotations`: plain records of articles, annotations and entities read from
a file, not yet matched to the library; and `ReadError` for a file that cannot be read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

ARTICLE_IRI = re.compile(r"^urn:hashiya:article:([0-9a-f]{64})$")


class ReadError(ValueError):
    """A file that cannot be read as its format; the message is for the user."""


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


@dataclass
class IncomingArticle:
    label: str  # for the report: the article IRI, a file name, a title
    content_hash: str | None = None
    text: str | None = None
    title: str | None = None
    annotations: list[Incoming] = field(default_factory=list)
    problems: list[dict] = field(default_factory=list)  # lines the reader could not use
    tokens: list[str] | None = None  # CoNLL: the document's tokens, found again in the text
