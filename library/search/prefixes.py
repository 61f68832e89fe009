"""A prefix (`الاقتص*`) searched as the whole words it stands for.

FTS5 reads a prefix by merging the article lists of all its terms before the first match
comes out (`library.storage.index_terms`): `وز*` cost a second at a million articles, and
a search runs its expression several times (the ranked window, the tiers, the count).
Written out as an OR of the index's terms, the lists are read lazily, newest first, as
for any word. Past MAX_TERMS terms, the OR would cost more than the merge: the prefix is
left to FTS5.
"""

from __future__ import annotations

import dataclasses
import sqlite3

from library.search.query import Query, Term, to_fts
from library.storage import index_terms

# Each term of the OR is looked up in every segment of the index, some 0.1 ms a term at
# a million articles, where the merge costs what the terms' lists hold: for rare words the
# merge is the cheaper (111 terms each in a few articles: 24 ms as terms, 30 ms merged;
# 1,111: 102 ms and 31 ms), for common ones the terms by far (وز*, 3 terms in most
# articles: 31 ms and 790 ms). The index does not say how long a list is without reading
# it, so the number of terms decides.
MAX_TERMS = 200


def _expanded(conn: sqlite3.Connection, term: Term) -> Term:
    if not term.prefix:
        return term
    found = index_terms.starting_with(conn, term.keys[-1], MAX_TERMS)
    return dataclasses.replace(term, expansions=tuple(found)) if found else term


def expand_prefixes(conn: sqlite3.Connection, query: Query) -> Query:
    """`query` with each prefix given the terms it stands for in this library's index."""
    if not any(t.prefix for t in (*query.positive_terms(), *query.excluded)):
        return query
    return Query(
        clauses=[[_expanded(conn, t) for t in clause] for clause in query.clauses],
        excluded=[_expanded(conn, t) for t in query.excluded],
    )


def finding_expression(conn: sqlite3.Connection, query: Query) -> str:
    """The FTS5 expression that finds `query`'s articles in this library, for what selects
    or counts them without ranking: prefixes as this library's words, words by their
    stems alone (`query.to_fts`)."""
    return to_fts(expand_prefixes(conn, query), ranked=False)
