"""Inter-annotator agreement on entity mentions between two or more authors' layers.

A *layer* is the set of entity mentions (annotations of kind "entity") of one author; a
mention's type is its entity's type. Agreement is measured over the articles every chosen
author annotated (an article counts for an author when the author has at least one
entity mention in it), or over an explicit list of articles (then an author with no
mention in one of them agrees with "nothing there").

Measures, per entity type and overall:

- **Strict span F1**: a mention is (article, start, end, type); two authors agree on it
  only when all four are equal. F1 = 2·both / (2·both + a_only + b_only) (symmetric, so
  "A against B" and "B against A" are the same). Overall F1 counts every type at once
  (micro). An author's duplicate of the same span and type counts once. With more than
  two authors, F1 is the **mean of the pairwise F1s** (over the pairs where it is
  defined), and a_only/b_only/both are those of the first two authors; every pair is
  reported under "pairs".
- **Token-level kappa**: the tokens are the article's words as the app cuts them
  (`library.text.arabic.tokens`, the search index's tokenizer). Each author gives each
  token the type of the mention overlapping it, or "O"; when mentions of one author
  overlap (nested), the longest wins (then the earliest, then the type name). Overall
  kappa is over all labels; a type's kappa treats the labels as binary (that type or
  not). Two authors: Cohen's kappa; more: Fleiss' kappa.
- **Krippendorff's alpha**: token-level, nominal, over the same labels (every author
  labels every token, so no value is missing). This is NOT Krippendorff's unitizing
  alpha (u-alpha), which compares the continuous span boundaries themselves.

Kappa (and alpha) is undefined when the agreement expected by chance is already total,
i.e. every author gave every token the same single label (a type no token carries). It
is then reported as None, with the reason in `undefined`.

Speed: one SQL read of the chosen authors' mentions, one of the bodies, and the word spans
of each body (cached by its text); the labels of each token are counted as tuples, and
every measure is computed from those counts (a few hundred distinct tuples at most).
"""

from __future__ import annotations

import bisect
from collections import Counter, OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations

from library.storage.store import Library

# The word pattern of `tokens` (library.text.arabic.normalize): only the spans are needed
# here, and the keys and stems `tokens` also computes are four fifths of its time
# (1 ms for a 3,000-character article). test_agreement checks the spans are the same.
from library.text.arabic.normalize import _tables

OUTSIDE = "O"
KAPPA_COHEN = "cohen"
KAPPA_FLEISS = "fleiss"
ALPHA_KIND = "token-level nominal Krippendorff's alpha (not unitizing u-alpha)"
MEASURES = (
    "F1: strict span and type; for more than two authors the mean of the pairwise F1s. "
    "kappa: token-level, Cohen's for two authors, Fleiss' for more; per type as binary "
    "(the type or not). alpha: " + ALPHA_KIND + "."
)


class AgreementError(ValueError):
    """Agreement that cannot be measured as asked; the message is meant for the user."""


# --- reading --------------------------------------------------------------------------------


def authors(lib: Library) -> list[tuple[str, int, int]]:
    """Every author of entity mentions: (author, mentions, articles), by name."""
    rows = lib.conn.execute(
        "SELECT author, count(*), count(DISTINCT article_id) FROM annotations "
        "WHERE kind = 'entity' AND author IS NOT NULL GROUP BY author ORDER BY author"
    )
    return [(r[0], r[1], r[2]) for r in rows]


# (article, start, end, type)
Mention = tuple[int, int, int, str]


def read_mentions(
    lib: Library, who: Sequence[str], articles: Sequence[int] | None = None
) -> dict[str, set[Mention]]:
    """The chosen authors' entity mentions, in one query."""
    marks = ", ".join("?" * len(who))
    sql = (
        'SELECT a.author, a.article_id, a.start, a."end", e.type FROM annotations a '
        "JOIN entities e ON e.id = a.entity_id "
        f"WHERE a.kind = 'entity' AND a.author IN ({marks})"
    )
    params: list = list(who)
    if articles is not None:
        sql += f" AND a.article_id IN ({', '.join('?' * len(articles))})"
        params += list(articles)
    out: dict[str, set[Mention]] = {a: set() for a in who}
    cursor = lib.conn.cursor()
    cursor.row_factory = None
    for author, article, start, end, kind in cursor.execute(sql, params):
        out[author].add((article, start, end, kind))
    return out


_SPANS: OrderedDict[str, tuple[list[int], list[int]]] = OrderedDict()
_SPANS_KEPT = 4096


def word_spans(body: str) -> tuple[list[int], list[int]]:
    """(starts, ends) of the words of `body` as `tokens` cuts them; a ligature standing
    for several words (ﷺ) is one token here, as it is one stretch of text."""
    found = _SPANS.get(body)
    if found is not None:
        _SPANS.move_to_end(body)
        return found
    starts: list[int] = []
    ends: list[int] = []
    for match in _tables().token.finditer(body):
        s, e = match.span()
        if ends and s < ends[-1]:
            continue
        starts.append(s)
        ends.append(e)
    _SPANS[body] = (starts, ends)
    while len(_SPANS) > _SPANS_KEPT:
        _SPANS.popitem(last=False)
    return starts, ends


def token_labels(
    starts: list[int], ends: list[int], mentions: Iterable[tuple[int, int, int]]
) -> bytearray | list[int]:
    """Each token's label code (0 = outside) for mentions (start, end, code): the code of
    the longest mention overlapping it (then the earliest, then the smallest code)."""
    labels: bytearray | list[int] = bytearray(len(starts))
    ordered = sorted(mentions, key=lambda m: (-(m[1] - m[0]), m[0], m[2]), reverse=True)
    if ordered and max(m[2] for m in ordered) > 255:
        labels = [0] * len(starts)
    for start, end, code in ordered:  # shortest first: the longest is written last
        first = bisect.bisect_right(ends, start)
        last = bisect.bisect_left(starts, end)
        if last > first:
            fill = bytearray([code]) if isinstance(labels, bytearray) else [code]
            labels[first:last] = fill * (last - first)
    return labels


# --- the measures ---------------------------------------------------------------------------


def span_f1(both: int, a_only: int, b_only: int) -> float | None:
    """Strict F1 from the counts; None when neither side has any mention."""
    total = 2 * both + a_only + b_only
    return 2 * both / total if total else None


def cohen_kappa(pairs: Counter) -> float | None:
    """Cohen's kappa from counts of (label of A, label of B); None when undefined."""
    n = sum(pairs.values())
    if not n:
        return None
    a: Counter = Counter()
    b: Counter = Counter()
    agree = 0
    for (x, y), count in pairs.items():
        a[x] += count
        b[y] += count
        if x == y:
            agree += count
    p_o = agree / n
    p_e = sum(a[k] * b[k] for k in a) / (n * n)
    if p_e >= 1:
        return None
    return (p_o - p_e) / (1 - p_e)


def fleiss_kappa(rows: Counter) -> float | None:
    """Fleiss' kappa from counts of label tuples (one label per author, all tokens rated
    by every author); None when undefined."""
    n_items = sum(rows.values())
    if not n_items:
        return None
    raters = len(next(iter(rows)))
    totals: Counter = Counter()
    p_sum = 0.0
    for labels, count in rows.items():
        per = Counter(labels)
        totals.update({k: v * count for k, v in per.items()})
        p_sum += count * (sum(v * v for v in per.values()) - raters) / (raters * (raters - 1))
    p_bar = p_sum / n_items
    p_e = sum((v / (n_items * raters)) ** 2 for v in totals.values())
    if p_e >= 1:
        return None
    return (p_bar - p_e) / (1 - p_e)


def nominal_alpha(rows: Counter) -> float | None:
    """Krippendorff's alpha, nominal, from counts of label tuples (no missing values).

    With m values in every unit, the coincidence of a category with itself is
    o_cc = Σ_u n_uc (n_uc − 1) / (m − 1), its total n_c = Σ_u n_uc, n = Σ_c n_c, and
    alpha = 1 − (n − 1) · (n − Σ_c o_cc) / (n² − Σ_c n_c²). None when every value is the
    same (no expected disagreement)."""
    if not rows:
        return None
    m = len(next(iter(rows)))
    same = 0.0
    totals: Counter = Counter()
    for labels, count in rows.items():
        per = Counter(labels)
        for k, v in per.items():
            totals[k] += v * count
            same += count * v * (v - 1) / (m - 1)
    n = sum(totals.values())
    expected = n * n - sum(v * v for v in totals.values())
    if expected <= 0:
        return None
    return 1 - (n - 1) * (n - same) / expected


# --- the report -----------------------------------------------------------------------------


@dataclass
class Scores:
    """Agreement on one entity type (or on all of them: `overall`)."""

    f1: float | None
    kappa: float | None
    alpha: float | None
    a_only: int
    b_only: int
    both: int

    def to_json(self) -> dict:
        return {
            "f1": self.f1,
            "kappa": self.kappa,
            "a_only": self.a_only,
            "b_only": self.b_only,
            "both": self.both,
        }


@dataclass
class PairScores:
    a: str
    b: str
    per_type: dict[str, Scores]
    overall: Scores

    def to_json(self) -> dict:
        return {
            "authors": [self.a, self.b],
            "per_type": {t: s.to_json() for t, s in self.per_type.items()},
            "overall": self.overall.to_json(),
        }


@dataclass
class Agreement:
    authors: list[str]
    articles: list[int]
    tokens: int
    per_type: dict[str, Scores]
    overall: Scores
    pairs: list[PairScores] = field(default_factory=list)  # only for more than two authors
    undefined: list[dict] = field(default_factory=list)  # {"type", "measure", "reason"}

    @property
    def kappa_kind(self) -> str:
        return KAPPA_COHEN if len(self.authors) == 2 else KAPPA_FLEISS

    def to_json(self) -> dict:
        doc = {
            "articles": len(self.articles),
            "per_type": {t: s.to_json() for t, s in self.per_type.items()},
            "overall": {
                **self.overall.to_json(),
                "alpha": self.overall.alpha,
                "tokens": self.tokens,
            },
            "authors": list(self.authors),
            "article_ids": list(self.articles),
            "alpha": {t: s.alpha for t, s in self.per_type.items()},
            "kappa_kind": self.kappa_kind,
            "alpha_kind": ALPHA_KIND,
            "measures": MEASURES,
            "undefined": list(self.undefined),
        }
        if self.pairs:
            doc["pairs"] = [p.to_json() for p in self.pairs]
        return doc


def _binary(rows: Counter, code: int) -> Counter:
    out: Counter = Counter()
    for labels, count in rows.items():
        out[tuple(x == code for x in labels)] += count
    return out


def _project(rows: Counter, i: int, j: int) -> Counter:
    out: Counter = Counter()
    for labels, count in rows.items():
        out[labels[i], labels[j]] += count
    return out


def _pair_counts(a: set[Mention], b: set[Mention], kind: str | None) -> tuple[int, int, int]:
    if kind is not None:
        a = {m for m in a if m[3] == kind}
        b = {m for m in b if m[3] == kind}
    both = len(a & b)
    return both, len(a) - both, len(b) - both


def _pair(
    who: tuple[str, str],
    layers: dict[str, set[Mention]],
    rows: Counter,
    ij: tuple[int, int],
    codes: dict[str, int],
) -> PairScores:
    a, b = layers[who[0]], layers[who[1]]
    pairs = _project(rows, *ij)
    per_type = {}
    for kind, code in codes.items():
        both, a_only, b_only = _pair_counts(a, b, kind)
        binary = _binary(pairs, code)
        per_type[kind] = Scores(
            span_f1(both, a_only, b_only),
            cohen_kappa(binary),
            nominal_alpha(binary),
            a_only,
            b_only,
            both,
        )
    both, a_only, b_only = _pair_counts(a, b, None)
    overall = Scores(
        span_f1(both, a_only, b_only),
        cohen_kappa(pairs),
        nominal_alpha(pairs),
        a_only,
        b_only,
        both,
    )
    return PairScores(who[0], who[1], per_type, overall)


def _mean(values: Iterable[float | None]) -> float | None:
    found = [v for v in values if v is not None]
    return sum(found) / len(found) if found else None


def _common_articles(lib: Library, who: Sequence[str], articles: Sequence[int] | None) -> list[int]:
    if articles is not None:
        wanted = sorted(set(articles))
        known = set()
        for chunk in range(0, len(wanted), 500):
            part = wanted[chunk : chunk + 500]
            known |= {
                r[0]
                for r in lib.conn.execute(
                    f"SELECT id FROM articles WHERE id IN ({', '.join('?' * len(part))})", part
                )
            }
        missing = [a for a in wanted if a not in known]
        if missing:
            raise AgreementError(f"no article {', '.join(map(str, missing))} in this library")
        return wanted
    marks = ", ".join("?" * len(who))
    rows = lib.conn.execute(
        "SELECT article_id FROM annotations "
        f"WHERE kind = 'entity' AND author IN ({marks}) "
        "GROUP BY article_id HAVING count(DISTINCT author) = ? ORDER BY article_id",
        [*who, len(who)],
    )
    return [r[0] for r in rows]


def check_authors(lib: Library, who: Sequence[str]) -> list[str]:
    """The chosen authors, checked: at least two, no repeat, each with entity mentions."""
    who = list(who)
    if len(who) < 2:
        raise AgreementError("agreement needs at least two authors")
    repeated = sorted({a for a in who if who.count(a) > 1})
    if repeated:
        raise AgreementError(f"author {repeated[0]!r} is named twice")
    known = {a for a, _, _ in authors(lib)}
    unknown = [a for a in who if a not in known]
    if unknown:
        listed = ", ".join(sorted(known)) or "none"
        raise AgreementError(
            f"no entity mentions by {unknown[0]!r} in this library (authors: {listed})"
        )
    return who


def agreement(lib: Library, who: Sequence[str], articles: Sequence[int] | None = None) -> Agreement:
    """Agreement between the layers of `who` (two or more authors) over the articles they
    all annotated, or over `articles` (rules in the module docstring)."""
    who = check_authors(lib, who)
    common = _common_articles(lib, who, articles)
    if not common:
        raise AgreementError(
            f"{', '.join(who)} have no article in common: each must have tagged at least "
            "one entity in an article for it to count"
        )
    chosen = set(common)
    layers = {
        a: {m for m in ms if m[0] in chosen}
        # A long list of articles is filtered here rather than in SQL (a bound variable each).
        for a, ms in read_mentions(lib, who, common if len(common) <= 500 else None).items()
    }
    kinds = sorted({m[3] for ms in layers.values() for m in ms})
    codes = {k: n + 1 for n, k in enumerate(kinds)}
    by_article: dict[int, dict[str, list[tuple[int, int, int]]]] = {a: {} for a in common}
    for author, ms in layers.items():
        for article, start, end, kind in ms:
            by_article[article].setdefault(author, []).append((start, end, codes[kind]))

    rows: Counter = Counter()
    tokens = 0
    cursor = lib.conn.cursor()
    cursor.row_factory = None
    for chunk in range(0, len(common), 500):
        part = common[chunk : chunk + 500]
        bodies = cursor.execute(
            f"SELECT id, body FROM articles WHERE id IN ({', '.join('?' * len(part))})", part
        ).fetchall()
        for article, body in bodies:
            starts, ends = word_spans(body)
            tokens += len(starts)
            marks = by_article[article]
            labels = [token_labels(starts, ends, marks.get(a, ())) for a in who]
            rows.update(zip(*labels, strict=True))

    undefined: list[dict] = []
    if len(who) == 2:
        pair = _pair((who[0], who[1]), layers, rows, (0, 1), codes)
        per_type, overall, pairs = pair.per_type, pair.overall, []
    else:
        pairs = [
            _pair((who[i], who[j]), layers, rows, (i, j), codes)
            for i, j in combinations(range(len(who)), 2)
        ]
        first = pairs[0]
        per_type = {}
        for kind, code in codes.items():
            binary = _binary(rows, code)
            s = first.per_type[kind]
            per_type[kind] = Scores(
                _mean(p.per_type[kind].f1 for p in pairs),
                fleiss_kappa(binary),
                nominal_alpha(binary),
                s.a_only,
                s.b_only,
                s.both,
            )
        s = first.overall
        overall = Scores(
            _mean(p.overall.f1 for p in pairs),
            fleiss_kappa(rows),
            nominal_alpha(rows),
            s.a_only,
            s.b_only,
            s.both,
        )
    for kind, scores in [*per_type.items(), (None, overall)]:
        if scores.kappa is None:
            undefined.append(
                {
                    "type": kind,
                    "measure": "kappa",
                    "reason": "every author gave every token the same label "
                    "(no token carries this type), so chance agreement is already total",
                }
            )
    return Agreement(who, common, tokens, per_type, overall, pairs, undefined)
