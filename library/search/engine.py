"""Search the library, and search inside one article, the way an Arabic reader means.

The FTS5 index finds and ranks the articles (bm25, exact keys weighted above stems, the
title above the body; for a word with several readings, `library.search.query`, the
articles that hold it as typed come first); the spans are then found again in each
article's own text with the same keys (every reading), so that they cover whole original
words (diacritics and clitics included) and the reader can highlight exactly what matched.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

from library.search.prefixes import expand_prefixes, finding_expression
from library.search.query import (
    EVERY_COLUMN,
    Query,
    QueryError,
    Term,
    _fts_term,
    parse,
    to_fts,
    typed_fts,
)
from library.storage import search_index
from library.storage.filters import Filters
from library.storage.store import Library
from library.text.arabic import Token, locate, tokens
from library.text.spans import chunk_end, chunk_start, tokens_between

__all__ = ["QueryError", "SearchHit", "count", "find_in_article", "search"]

# bm25 weights for (title, title_stem, body, body_stem): an exact form ranks above a
# stem-only match, and a match in the headline above one in the body.
WEIGHTS = (6.0, 3.0, 2.0, 1.0)
# Ranking scores every matching article, which for a word found in most of a large
# library costs far more than the search itself. Past this many matches, the best are
# picked among the most recently imported RANK_CAP matches, and the pages after those
# list the older matches, newest first: paging still reaches every one of `count`.
RANK_CAP = 3000
# bm25 weighs each word of a query by how many articles hold it, and FTS5 counts them by
# reading the word's whole list of articles at every search: for a word found in most of
# a million articles that is a scan of the index costing far more than the search (and a
# word in over half the articles weighs nothing in bm25 anyway). So when a word of the
# query (or one it excludes) is in more than BM25_MAX_DOCS articles, the ranked window
# is ordered without bm25: the articles matching the words as typed first, then those
# matching in the headline, then the newest first (`_cheap_rows`).
BM25_MAX_DOCS = 20_000
SNIPPET_BEFORE = 8
SNIPPET_WORDS = 20


@dataclass
class SearchHit:
    article_id: int
    title: str
    snippet: str
    matches: list[tuple[int, int]]
    score: float
    snippet_start: int = 0  # where the snippet starts in the body; -1 for a caption

    def to_json(self) -> dict:
        return {
            "article": self.article_id,
            "title": self.title,
            "snippet": self.snippet,
            "matches": [[s, e] for s, e in self.matches],
        }


# --- matching inside a text -------------------------------------------------------------


def _token_matches(tok: Token, key: str, stems: tuple[str, ...], prefix: bool) -> bool:
    if prefix:
        return tok.key.startswith(key) or tok.stem.startswith(key)
    return tok.key == key or tok.stem in stems


def _term_spans(toks: list[Token], term: Term) -> list[tuple[int, int]]:
    """Where the term occurs, under any reading of its words."""
    n = len(term.keys)
    spans = []
    for i in range(len(toks) - n + 1):
        if all(
            _token_matches(toks[i + j], term.keys[j], term.stems_at(j), term.prefix and j == n - 1)
            for j in range(n)
        ):
            spans.append((toks[i].start, toks[i + n - 1].end))
    return spans


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _located_spans(text: str, term: Term) -> list[tuple[int, int]]:
    """`_term_spans` over the whole text, tokenising only around candidate places."""
    needles = {term.keys[0]} if term.prefix else {term.keys[0], *term.stems_at(0)}
    spans: list[tuple[int, int]] = []
    done: set[int] = set()
    for needle in needles:
        for m in locate.pattern(needle).finditer(text):
            start = chunk_start(text, m.start())
            if start in done:
                continue
            done.add(start)
            # A phrase of N words needs the N-1 whitespace-separated chunks after it.
            end = chunk_end(text, m.end(), len(term.keys))
            toks = tokens_between(text, start, end)
            spans += [s for s in _term_spans(toks, term) if s[0] <= m.start() < s[1]]
    return spans


def match_spans(text: str, query: Query) -> list[tuple[int, int]]:
    if not locate.plain_enough(text):
        toks = tokens(text)
        return _merge([s for term in query.positive_terms() for s in _term_spans(toks, term)])
    return _merge([s for term in query.positive_terms() for s in _located_spans(text, term)])


def find_in_article(text: str, query: str) -> list[tuple[int, int]]:
    """Spans of `text` matching `query` (for the reader's Find bar); [] for an empty query.

    Raises QueryError only for a query that has nothing to look for (e.g. only `-word`).
    """
    if not query.strip():
        return []
    try:
        parsed = parse(query)
    except QueryError:
        if any(ch.isalnum() for ch in query.replace("-", "")):
            raise
        return []
    return match_spans(text, parsed)


def snippet(text: str, spans: list[tuple[int, int]]) -> tuple[str, int]:
    """About twenty words of the original text around the first match, and where it starts."""
    anchor = spans[0][0] if spans else 0
    # Tokenise only a window: twenty words of news Arabic are some 150 characters.
    lo_char = chunk_start(text, max(0, anchor - 160))
    toks = tokens_between(text, lo_char, chunk_end(text, min(len(text), anchor + 320)))
    if not toks:
        return " ".join(text[:200].split()), 0
    first = next((i for i, t in enumerate(toks) if t.end > anchor), 0)
    lo = max(0, first - SNIPPET_BEFORE)
    hi = min(len(toks), lo + SNIPPET_WORDS) - 1
    start, end = toks[lo].start, toks[hi].end
    # Keep the punctuation that closes the last word (a full stop, a closing quote).
    while end < len(text) and not text[end].isspace() and not text[end].isalnum():
        end += 1
    cut_before = lo > 0 or (lo_char > 0 and text[:start].strip() != "")
    cut_after = text[end:].strip() != ""
    out = " ".join(text[start:end].split())
    return ("…" if cut_before else "") + out + ("…" if cut_after else ""), start


# --- the library ------------------------------------------------------------------------


def _ensure_index(lib: Library) -> None:
    if not search_index.is_current(lib.conn):
        if lib.readonly:
            raise QueryError(
                "the search index is out of date; open the library for writing to rebuild it",
                "stale-index",
            )
        with lib.transaction():
            search_index.rebuild(lib.conn)


# Added to the bm25 score (negative, a few tens at most) of an article that matches a
# query word only under another reading than the one typed (وسام read as و + سام), so
# that every article matching the words as typed ranks first.
OTHER_READING = 1e6


def _score_sql(parsed: Query, weights: str, window: str, newest: list) -> tuple[str, list]:
    """The ranking expression and its parameters: bm25, the words as typed first. The
    typed matches are looked up within the ranked window only (`window`, `newest`)."""
    bm25 = f"bm25(article_index, {weights})"
    typed = typed_fts(parsed)
    if typed is None:
        return bm25, []
    return (
        f"{bm25} + CASE WHEN rowid IN (SELECT rowid FROM article_index "
        f"WHERE article_index MATCH ?{window}) THEN 0 ELSE {OTHER_READING} END",
        [typed, *newest],
    )


def _bm25_affordable(lib: Library, parsed: Query) -> bool:
    """Whether every word of the query is in at most BM25_MAX_DOCS articles (a bounded
    count for each, from the newest)."""
    for term in [*parsed.positive_terms(), *parsed.excluded]:
        found = lib.conn.execute(
            "SELECT count(*) FROM (SELECT 1 FROM article_index WHERE article_index MATCH ? "
            "ORDER BY rowid DESC LIMIT ?)",
            [_fts_term(term, ranked=False), BM25_MAX_DOCS + 1],
        ).fetchone()[0]
        if found > BM25_MAX_DOCS:
            return False
    return True


def _in_headline(expression: str) -> str:
    """`expression` with its column filters narrowed to the title and its stems."""
    return (
        expression.replace("{title body}", "{title}")
        .replace("{title_stem body_stem}", "{title_stem}")
        .replace(EVERY_COLUMN, "{title title_stem}")
    )


def _cheap_rows(
    lib: Library, parsed: Query, expression: str, *, extra: str, params: list, window: str,
    newest: list, limit: int, offset: int,
) -> list:  # fmt: skip
    """The ranked window's page without bm25: as typed first, in the headline next,
    the newest first. Each tier is one look-up in the window (rowids above the floor)."""
    tiers, tier_params = [], []
    typed = typed_fts(parsed)
    if typed is not None:
        tiers.append(
            "CASE WHEN rowid IN (SELECT rowid FROM article_index WHERE article_index MATCH ?"
            f"{window}) THEN 0 ELSE 2 END"
        )
        tier_params += [typed, *newest]
    tiers.append(
        "CASE WHEN rowid IN (SELECT rowid FROM article_index WHERE article_index MATCH ?"
        f"{window}) THEN 0 ELSE 1 END"
    )
    tier_params += [_in_headline(typed or expression), *newest]
    score = " + ".join(tiers)
    return lib.conn.execute(
        "SELECT r.rowid, r.score, a.title, a.body, a.captions FROM ("
        f"  SELECT rowid, {score} AS score FROM article_index"
        f"  WHERE article_index MATCH ?{extra}{window} ORDER BY score, rowid DESC LIMIT ? OFFSET ?"
        ") r JOIN articles a ON a.id = r.rowid ORDER BY r.score, r.rowid DESC",
        [*tier_params, expression, *params, *newest, limit, offset],
    ).fetchall()


def _candidates_sql(filters: Filters | None) -> tuple[str, list]:
    where, params = (filters or Filters()).sql()
    if not where:
        return "", []
    return f" AND rowid IN (SELECT a.id FROM articles a WHERE {where})", params


def search(
    lib: Library,
    query: str | Query,
    *,
    limit: int = 20,
    offset: int = 0,
    filters: Filters | None = None,
) -> list[SearchHit]:
    """The best `limit` articles for `query` from `offset` on, with snippets and match
    spans in each body. Pages follow one another without gaps or repeats up to `count`."""
    parsed = parse(query) if isinstance(query, str) else query
    _ensure_index(lib)
    parsed = expand_prefixes(lib.conn, parsed)
    extra, params = _candidates_sql(filters)
    expression = to_fts(parsed)
    # The same articles, read for less (`to_fts`): for all but bm25's own ranking.
    matching = to_fts(parsed, ranked=False)
    weights = ", ".join(str(w) for w in WEIGHTS)
    limit, offset = max(0, limit), max(0, offset)
    try:
        # The newest RANK_CAP + 1 matches, counted: the oldest of them bounds the ranked
        # window, and none at all ends the search here (a walk of the index not made
        # twice: a query matching nothing reads the whole of its words' lists).
        newest_matches, oldest = lib.conn.execute(
            "SELECT count(*), min(rowid) FROM (SELECT rowid FROM article_index "
            f"WHERE article_index MATCH ?{extra} ORDER BY rowid DESC LIMIT ?)",
            [matching, *params, RANK_CAP + 1],
        ).fetchone()
        if newest_matches == 0:
            return []
        floor = (oldest,) if newest_matches > RANK_CAP else None
        rows = []
        if floor is None or offset < RANK_CAP:
            window = "" if floor is None else " AND rowid > ?"
            newest = [] if floor is None else [floor[0]]
            if _bm25_affordable(lib, parsed):
                score, typed = _score_sql(parsed, weights, window, newest)
                rows = lib.conn.execute(
                    "SELECT r.rowid, r.score, a.title, a.body, a.captions FROM ("
                    f"  SELECT rowid, {score} AS score FROM article_index"
                    f"  WHERE article_index MATCH ?{extra}{window} ORDER BY score LIMIT ? OFFSET ?"
                    ") r JOIN articles a ON a.id = r.rowid ORDER BY r.score",
                    [*typed, expression, *params, *newest, limit, offset],
                ).fetchall()
            else:
                rows = _cheap_rows(
                    lib, parsed, matching, extra=extra, params=params, window=window,
                    newest=newest, limit=limit, offset=offset,
                )  # fmt: skip
        if floor is not None and offset + limit > RANK_CAP:
            # Past the ranked window: the older matches, newest first, unranked.
            rows += lib.conn.execute(
                # No bm25 here: it would read every match's list just for a score not used.
                "SELECT r.rowid, r.score, a.title, a.body, a.captions FROM ("
                "  SELECT rowid, 0.0 AS score FROM article_index"
                f"  WHERE article_index MATCH ?{extra} AND rowid <= ?"
                "   ORDER BY rowid DESC LIMIT ? OFFSET ?"
                ") r JOIN articles a ON a.id = r.rowid ORDER BY r.rowid DESC",
                [matching, *params, floor[0], limit - len(rows), max(0, offset - RANK_CAP)],
            ).fetchall()
    except sqlite3.OperationalError as exc:  # should not happen: the expression is ours
        raise QueryError(f"this search could not be run ({exc})") from exc
    hits = []
    for article_id, score, title, body, captions in rows:
        spans = match_spans(body, parsed)
        text, start = snippet(body, spans)
        if not spans:
            # Matched in a photo caption only: show that caption, which says why it matched.
            caption = next((c for c in json.loads(captions) if match_spans(c, parsed)), None)
            if caption is not None:
                text, start = snippet(caption, match_spans(caption, parsed))[0], -1
        hits.append(SearchHit(article_id, title, text, spans, -score, start))
    return hits


def count(lib: Library, query: str | Query, filters: Filters | None = None) -> int:
    """How many articles match, exactly (for "N results" in the interface): one pass over
    the index, without ranking, snippets or the articles' text."""
    parsed = parse(query) if isinstance(query, str) else query
    _ensure_index(lib)
    extra, params = _candidates_sql(filters)
    return lib.conn.execute(
        f"SELECT count(*) FROM article_index WHERE article_index MATCH ?{extra}",
        [finding_expression(lib.conn, parsed), *params],
    ).fetchone()[0]
