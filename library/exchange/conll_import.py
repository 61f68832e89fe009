"""Read CoNLL IOB2 (both dialects `export --format conll` writes) into import records.

A document starts at a `-DOCSTART-` line (the CoNLL-2003 dialect, the default export)
or at a `# doc_id = urn:hashiya:article:<hash>` comment (the commented dialect; a
`# title = …` comment helps when the hash is unknown). A document without a doc_id is
matched by its text: its tokens are the article's text without its white space
(`import_annotations`). Token lines are `TOKEN<TAB>TAG` or space-separated columns
(`TOKEN POS CHUNK TAG`): the token is the first column, the tag the last. A line
starting with "# " is a comment unless it is a token line (`# -X- -X- O`: the token
`#` in the CoNLL-2003 dialect). Tags are `O`, `B-X` or `I-X`; an
`I-X` that does not continue an `X` starts a new mention (as IOB1 readers do), and a tag
of any other shape is reported and read as `O`.

Offsets: the tokens are found again in the article's text in order, skipping white
space and invisible controls between them; a mention is the text from its first
token's start to its last token's end. If the tokens do not follow the text (another
tokenisation, an edited article), each mention is placed by its words instead
(re-anchored), or reported.

Streaming: `read` takes the file's lines one at a time and yields each document as soon
as it ends, so a file of ten million lines is never in memory; only the document being
read is (its tokens, up to `Limits.document_tokens`: a longer document is reported and
skipped). Problems past `Problems.limit` are counted, not kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from library.exchange.conll import type_for_tag
from library.exchange.incoming import (
    Incoming,
    IncomingArticle,
    IncomingEntity,
    Limits,
    Problems,
)

_META = re.compile(r"^#\s*([\w.-]+)\s*=\s*(.*)$")
_TAG = re.compile(r"^(?:O|[BI]-[^\s]+)$")
_ARTICLE = re.compile(r"^urn:hashiya:article:([0-9a-f]{64})$")


class _Document:
    """One document being read: its tokens, and its mentions as they close."""

    def __init__(self, label: str, problems: Problems, max_tokens: int) -> None:
        self.art = IncomingArticle(label=label, tokens=[])
        self.problems = problems
        self.max_tokens = max_tokens
        self.count = 0  # tokens read, kept or not
        self.group_start = -1  # the first token of the open mention
        self.group_line = 0
        self.label = ""

    def problem(self, line: int, error: str) -> None:
        if self.problems.take():
            self.art.problems.append({"where": f"line {line}", "error": error})

    def close(self) -> None:
        if self.group_start >= 0 and self.art.tokens is not None:
            self.art.annotations.append(
                Incoming(
                    "entity", 0, 0, "", entity=IncomingEntity(type_for_tag(self.label), ""),
                    where=f"line {self.group_line}", token_range=(self.group_start, self.count),
                )
            )  # fmt: skip
        self.group_start, self.label = -1, ""

    def token(self, token: str, tag: str, line: int) -> None:
        tokens = self.art.tokens
        if tokens is not None and self.count >= self.max_tokens:
            # Longer than any article: nothing of it can be placed; stop keeping it.
            self.group_start = -1
            self.art.tokens = tokens = None
            self.art.annotations.clear()
            self.problem(
                line,
                f"a document of more than {self.max_tokens:,} tokens, longer than any "
                "article: not imported",
            )
        if tag == "O":
            self.close()
        else:
            prefix, name = tag[0], tag[2:]
            if not (prefix == "I" and self.group_start >= 0 and name == self.label):
                self.close()
                self.group_start, self.group_line, self.label = self.count, line, name
        if tokens is not None:
            tokens.append(token)
        self.count += 1

    def meta(self, key: str, value: str) -> None:
        art = self.art
        if key == "doc_id":
            m = _ARTICLE.match(value)
            art.content_hash = m[1] if m else None
            art.label = value
        elif key == "title":
            art.title = value
            if not art.content_hash:
                art.label = value

    def finish(self) -> IncomingArticle:
        self.close()
        art = self.art
        if not art.content_hash and not art.title and art.tokens:
            words = " ".join(art.tokens[:6])
            art.label = f"{art.label}: {words}{' …' if len(art.tokens) > 6 else ''}"
        return art


def _token_line(line: str) -> bool:
    """A line starting with "# " that is the token `#` and its columns, not a comment:
    `# -X- -X- O` (columns after the token, the last one a tag)."""
    columns = line.split()
    fillers = columns[1:-1]
    return (
        len(columns) >= 3
        and columns[0] == "#"
        and bool(_TAG.match(columns[-1]))
        and all(c in {"-X-", "_"} for c in fillers)
    )


def read(
    lines: Iterable[str],
    *,
    problems: Problems | None = None,
    max_tokens: int = Limits.document_tokens,
) -> Iterator[IncomingArticle]:
    """Each document of a CoNLL file given line by line, as soon as it ends."""
    problems = problems or Problems()
    current: _Document | None = None
    for n, raw in enumerate(lines, 1):
        line = raw.rstrip("\r")
        if not line.strip():
            continue
        if line.startswith("-DOCSTART-"):
            if current is not None:
                yield current.finish()
            current = None
            continue
        if line.startswith("# ") and not _token_line(line):
            meta = _META.match(line)
            if meta is None:
                continue  # another comment
            key, value = meta[1], meta[2].strip()
            if key == "doc_id" or current is None or current.count:
                if current is not None:
                    yield current.finish()
                current = _Document(value, problems, max_tokens)
            current.meta(key, value)
            continue
        if current is None:
            current = _Document(f"document at line {n}", problems, max_tokens)
        columns = line.split("\t") if "\t" in line else line.split()
        if len(columns) < 2:
            current.problem(n, "a token line needs a token and a tag (read as O)")
            columns = [columns[0], "O"]
        token, tag = columns[0].strip(), columns[-1].strip()
        if not _TAG.match(tag):
            current.problem(n, f"not an IOB2 tag: {tag[:40]!r} (read as O)")
            tag = "O"
        current.token(token, tag, n)
    if current is not None:
        yield current.finish()
