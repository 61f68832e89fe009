"""The search box's language, for people who never read a manual.

    words           all must match (in any form: diacritics, hamza, tatweel, clitics)
    "exact phrase"  the words next to each other, in this order
    a OR b          either
    -word, -"a b"   exclude articles that have it
    word*           words starting with it

Anything else a user types (lone quotes, stray `*`, parentheses, `NEAR(`, `:`, SQL) is
read as words or ignored; it never reaches SQLite as syntax. Every term is turned into
folded keys by `library.text.arabic`, and the FTS5 expression is built from quoted keys only.

A word whose first letter may be a proclitic (و ف ب ك ل: وسام, فقال) is searched under
each of its readings (`library.text.arabic.readings`): with the letter as the word's own
and without it. `to_fts` matches any reading; `typed_fts` only the word as typed, which
the engine ranks first.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from library.text.arabic import light_stem, readings, tokens


class QueryError(ValueError):
    """A query that cannot be run; the message is meant for the user of the CLI, and
    `reason` names the case so the reader can say it in the interface's language."""

    def __init__(self, message: str, reason: str = "failed") -> None:
        super().__init__(message)
        self.reason = reason  # empty, only-exclusions, short-prefix, stale-index, failed


@dataclass(frozen=True)
class Term:
    """A word, a prefix or a phrase, as folded keys (and stems) in order."""

    keys: tuple[str, ...]
    stems: tuple[str, ...]
    prefix: bool = False
    # Per word, every stem it may have (`library.text.arabic.readings`), the word as typed
    # first; empty when no word has a second reading. `stems` stays the index's own stem.
    readings: tuple[tuple[str, ...], ...] = ()
    # For a prefix, the index's terms that start with it, when they were listed
    # (`library.search.prefixes`): searched as those words, not as FTS5's prefix.
    expansions: tuple[str, ...] = ()

    @property
    def is_phrase(self) -> bool:
        return len(self.keys) > 1

    def stems_at(self, j: int) -> tuple[str, ...]:
        """The stems word `j` may have, as typed first."""
        return self.readings[j] if self.readings else (self.stems[j],)

    @classmethod
    def of(cls, keys: tuple[str, ...], *, prefix: bool = False) -> Term:
        """A term for folded keys: their stems and, unless a prefix, their readings."""
        if prefix:
            # A partial word has no meaningful stem; a prefix matches keys and stems as typed.
            return cls(keys, keys, prefix=True)
        each = tuple(map(readings, keys))
        stems = tuple(map(light_stem, keys))
        return cls(keys, stems, readings=each if any(len(r) > 1 for r in each) else ())


@dataclass
class Query:
    # AND of clauses; each clause is an OR of terms.
    clauses: list[list[Term]] = field(default_factory=list)
    excluded: list[Term] = field(default_factory=list)

    def positive_terms(self) -> list[Term]:
        return [t for clause in self.clauses for t in clause]


# A prefix must hold this many letters besides a leading article (ال): و* or ال* match
# nearly every word of every article, and listing them kept the index busy for seconds
# (ال* 3.4 s for the first 20 of 100,000 articles, و* 6.5 s at a million), to find what any
# word would; تح* takes 64 ms there.
MIN_PREFIX = 2


def prefix_letters(key: str) -> int:
    """The letters of a folded prefix that narrow it: a leading ال does not."""
    return len(key) - 2 if key.startswith("ال") else len(key)


_LEXER = re.compile(r'(-?)"([^"]*)"?|(\S+)')


def _term(text: str, *, prefix: bool = False) -> Term | None:
    found = tokens(text)
    if not found:
        return None
    return Term.of(tuple(t.key for t in found), prefix=prefix)


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
            if term is not None and prefix and prefix_letters(term.keys[-1]) < MIN_PREFIX:
                raise QueryError(
                    f"a prefix needs {MIN_PREFIX} letters or more before the * (besides ال)",
                    "short-prefix",
                )
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
            raise QueryError(
                "add a word to search for: '-word' only leaves articles out", "only-exclusions"
            )
        raise QueryError("type a word to search for", "empty")
    return query


def _quote(key: str) -> str:
    return '"' + key.replace('"', '""') + '"'


# A phrase's readings multiply (two words of two readings each make four stem phrases):
# past this many, a term keeps the first ones and its index stems.
MAX_STEM_PHRASES = 8


def _stem_phrases(term: Term, typed: bool) -> list[tuple[str, ...]]:
    """The stem phrases to look for: every reading of every word, or only as typed."""
    n = len(term.keys)
    if not term.readings:
        return [term.stems]
    if typed:
        return [tuple(term.stems_at(j)[0] for j in range(n))]
    phrases = list(
        itertools.islice(itertools.product(*map(term.stems_at, range(n))), MAX_STEM_PHRASES)
    )
    if term.stems not in phrases:
        phrases.append(term.stems)
    return phrases


# A prefix's keys are its stems (`Term.of`), so one look over every column finds what
# the keys' and the stems' columns would, reading each term's articles once, not twice.
EVERY_COLUMN = "{title title_stem body body_stem}"


def _fts_prefix(term: Term) -> str:
    if not term.expansions:
        return f"({EVERY_COLUMN} : {_quote(' '.join(term.keys))} *)"
    words = term.keys[:-1]
    phrases = (_quote(" ".join((*words, whole))) for whole in term.expansions)
    return f"({EVERY_COLUMN} : (" + " OR ".join(phrases) + "))"


def _fts_term(term: Term, *, typed: bool = False, ranked: bool = True) -> str:
    """A term's expression. A word in the text has its key in the keys' columns and its
    index stem at the same place in the stems' columns, and every reading's stems include
    that stem (`_stem_phrases`): the stems alone find every article. The keys are there,
    `ranked`, for bm25 to put the exact form first; what only finds or counts articles
    leaves them out and reads half the lists."""
    if term.prefix:
        return _fts_prefix(term)
    parts = ["{title body} : " + _quote(" ".join(term.keys))] if ranked else []
    parts += [
        "{title_stem body_stem} : " + _quote(" ".join(stems))
        for stems in _stem_phrases(term, typed)
    ]
    return "(" + " OR ".join(parts) + ")"


def _positive(query: Query, typed: bool, ranked: bool = True) -> str:
    clauses = []
    for clause in query.clauses:
        parts = [_fts_term(t, typed=typed, ranked=ranked) for t in clause]
        clauses.append(parts[0] if len(parts) == 1 else "(" + " OR ".join(parts) + ")")
    return " AND ".join(clauses)


def to_fts(query: Query, *, ranked: bool = True) -> str:
    """The FTS5 MATCH expression for `query` (built from quoted keys only): every reading
    of every word. Not `ranked`, the same articles for less reading, without what bm25
    needs to rank the exact form first (`_fts_term`); an exclusion is never ranked."""
    expr = _positive(query, typed=False, ranked=ranked)
    if query.excluded:
        left_out = " OR ".join(_fts_term(t, ranked=False) for t in query.excluded)
        expr = f"({expr}) NOT ({left_out})"
    return expr


def typed_fts(query: Query) -> str | None:
    """The MATCH expression of the words as typed only (their first reading), for ranking
    those matches first; None when no word of the query has another reading. Exclusions
    are left to `to_fts`, which every ranked article already matches."""
    if not any(t.readings for t in query.positive_terms()):
        return None
    return _positive(query, typed=True)
