"""The search box's language, for people who never read a manual.

    words           all must match (in any form: diacritics, hamza, tatweel, clitics)
    "exact phrase"  the words next to each other, in this order
    a OR b          either
    -word, -"a b"   exclude articles that have it
    word*           words starting with it

Anything else a user types (lone quotes, stray `*`, parentheses, `NEAR(`, `:`, SQL) is
read as words or ignored; it never reaches SQLite as syntax. Every term is turned into
folded keys by `library.text.arabic`, and the FTS5 expression is built from quoted keys only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from library.text.arabic import tokens


class QueryError(ValueError):
    """A query that cannot be run; the message is meant for the user."""


@dataclass(frozen=True)
class Term:
    """A word, a prefix or a phrase, as folded keys (and stems) in order."""

    keys: tuple[str, ...]
    stems: tuple[str, ...]
    prefix: bool = False

    @property
    def is_phrase(self) -> bool:
        return len(self.keys) > 1


@dataclass
class Query:
    # AND of clauses; each clause is an OR of terms.
    clauses: list[list[Term]] = field(default_factory=list)
    excluded: list[Term] = field(default_factory=list)

    def positive_terms(self) -> list[Term]:
        return [t for clause in self.clauses for t in clause]


_LEXER = re.compile(r'(-?)"([^"]*)"?|(\S+)')


def _term(text: str, *, prefix: bool = False) -> Term | None:
    found = tokens(text)
    if not found:
        return None
    keys = tuple(t.key for t in found)
    # A partial word has no meaningful stem; a prefix matches keys and stems as typed.
    stems = keys if prefix else tuple(t.stem for t in found)
    return Term(keys, stems, prefix=prefix)


def parse(text: str) -> Query:
    query = Query()
    pending_or = False
    for m in _LEXER.finditer(text):
        negated, quoted, bare = m.group(1) == "-", m.group(2), m.group(3)
        if quoted is not None:
            term = _term(quoted)
        else:
            if bare == "OR":
                pending_or = bool(query.clauses)
                continue
            negated = bare.startswith("-") and len(bare) > 1
            word = bare[1:] if negated else bare
            prefix = word.endswith("*") and len(word.rstrip("*")) > 0
            term = _term(word.rstrip("*"), prefix=prefix)
        if term is None:
            continue
        if negated:
            query.excluded.append(term)
        elif pending_or:
            query.clauses[-1].append(term)
        else:
            query.clauses.append([term])
        pending_or = False
    if not query.clauses:
        if query.excluded:
            raise QueryError("add a word to search for: '-word' only leaves articles out")
        raise QueryError("type a word to search for")
    return query


def _quote(key: str) -> str:
    return '"' + key.replace('"', '""') + '"'


def _fts_term(term: Term) -> str:
    star = " *" if term.prefix else ""
    exact = "{title body} : " + _quote(" ".join(term.keys)) + star
    stem = "{title_stem body_stem} : " + _quote(" ".join(term.stems)) + star
    return f"({exact} OR {stem})"


def to_fts(query: Query) -> str:
    """The FTS5 MATCH expression for `query` (built from quoted keys only)."""
    clauses = []
    for clause in query.clauses:
        parts = [_fts_term(t) for t in clause]
        clauses.append(parts[0] if len(parts) == 1 else "(" + " OR ".join(parts) + ")")
    expr = " AND ".join(clauses)
    if query.excluded:
        expr = f"({expr}) NOT (" + " OR ".join(_fts_term(t) for t in query.excluded) + ")"
    return expr
