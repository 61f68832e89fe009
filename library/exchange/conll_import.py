"""Read CoNLL IOB2 (the layout `export --format conll` writes) into import records.

A document starts at a `# doc_id = urn:hashiya:article:<hash>` comment (a `# title = …`
comment helps when the hash is unknown); a file without any is one document that can
only be matched by its title, so usually not at all. Token lines are `TOKEN<TAB>TAG`
(or separated by spaces; the tag is the last column). Tags are `O`, `B-X` or `I-X`; an
`I-X` that does not continue an `X` starts a new mention (as IOB1 readers do), and a tag
of any other shape is reported and read as `O`.

Offsets: the tokens are found again in the article's text in order, skipping white
space and invisible controls between them; a mention is the text from its first
token's start to its last token's end. If the tokens do not follow the text (another
tokenisation, an edited article), each mention is placed by its words instead
(re-anchored), or reported.
"""

from __future__ import annotations

import re

from library.exchange.conll import type_for_tag
from library.exchange.incoming import Incoming, IncomingArticle, IncomingEntity

_META = re.compile(r"^#\s*([\w.-]+)\s*=\s*(.*)$")
_TAG = re.compile(r"^(?:O|[BI]-[^\s]+)$")
_ARTICLE = re.compile(r"^urn:hashiya:article:([0-9a-f]{64})$")


def read(text: str) -> list[IncomingArticle]:
    docs: list[tuple[IncomingArticle, list[tuple[str, str, str]]]] = []
    current: tuple[IncomingArticle, list[tuple[str, str, str]]] | None = None
    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.rstrip("\r")
        where = f"line {n}"
        if not line.strip():
            continue
        if line.startswith("-DOCSTART-"):
            current = None
            continue
        if line.startswith("# "):
            meta = _META.match(line)
            if meta is None:
                continue  # another comment
            key, value = meta[1], meta[2].strip()
            if key == "doc_id" or current is None or current[1]:
                current = (IncomingArticle(label=value), [])
                docs.append(current)
            art = current[0]
            if key == "doc_id":
                m = _ARTICLE.match(value)
                art.content_hash = m[1] if m else None
                art.label = value
            elif key == "title":
                art.title = value
                if not art.content_hash:
                    art.label = value
            continue
        if current is None:
            current = (IncomingArticle(label="(document without doc_id)"), [])
            docs.append(current)
        columns = line.split("\t") if "\t" in line else line.split()
        if len(columns) < 2:
            current[0].problems.append(
                {"where": where, "error": "a token line needs a token and a tag (read as O)"}
            )
            columns = [columns[0], "O"]
        token, tag = columns[0].strip(), columns[-1].strip()
        if not _TAG.match(tag):
            current[0].problems.append(
                {"where": where, "error": f"not an IOB2 tag: {tag!r} (read as O)"}
            )
            tag = "O"
        current[1].append((token, tag, where))
    return [_mentions(art, tokens) for art, tokens in docs]


def _mentions(art: IncomingArticle, tokens: list[tuple[str, str, str]]) -> IncomingArticle:
    """Group tagged tokens into mentions; their offsets come later, from the text."""
    art.tokens = [t for t, _, _ in tokens]
    group: list[int] = []
    label = ""

    def close() -> None:
        if group:
            art.annotations.append(
                Incoming(
                    "entity", 0, 0, "", entity=IncomingEntity(type_for_tag(label), ""),
                    where=tokens[group[0]][2], token_range=(group[0], group[-1] + 1),
                )
            )  # fmt: skip

    for i, (_, tag, _) in enumerate(tokens):
        if tag == "O":
            close()
            group, label = [], ""
            continue
        prefix, name = tag[0], tag[2:]
        if prefix == "I" and group and name == label:
            group.append(i)
            continue
        close()
        group, label = [i], name
    close()
    return art
