"""What the user's decisions teach the suggestions, across the whole library (Qt-free).

The rules, the gazetteer and the user's own entities are the same in every article; the
user's answers to them should not be lost on one article. From the library's own data
(the entity mentions and `suggestion_decisions`) `feedback(lib)` gathers three kinds of
evidence, and `Feedback.judge` turns them into each suggestion's type and confidence,
always the same way: a posterior share of "yes", ``(yes + w·c) / (yes + no + w)``, where
``c`` is the confidence the suggestion had so far and ``w`` how many answers that is
worth (`posterior`). The user's answers overrule the prior as they accumulate.

- **Each rule's record**: of the suggestions a rule (or the gazetteer) makes in the
  user's tagged or decided articles, those the user tagged (the very span and type) and
  those the user rejected there. The rule's confidence counts as `RULE_PRIOR_WEIGHT`
  (4) answers: it was measured on many articles. So a rule whose suggestions this user
  rejects far more than accepts (names in guillemets typed "other", say) fades
  everywhere, for words never decided on; a 0.9 rule needs four more rejections than
  accepts to fall below `KEEP_FROM`.
- **What the user said about these words** as this type, counted in articles: tagged
  there (accepted, or tagged by hand) or rejected there (`suggest.reject`; a rejection
  "everywhere" is a hard rule of its own, see `suggest`), with ``w`` = `PRIOR_WEIGHT`
  (1). Rejected in one article and never accepted, a gazetteer place falls from 0.9 to
  0.36 (its rule's record took it to 0.72 first) and is not offered; accepted in two
  articles, an ambiguous place's 0.6 rises to about 0.9.
- **Retyped words**: when the user tagged the words as another type in more articles
  than as the suggested one (typically a place rejected and tagged as an organisation),
  the suggestion takes the user's type, and its confidence from what the user said
  about that type.
- **How reliable one of the user's one-word names is** (أفاد tagged once as an agency,
  but a verb in other articles). The "entity" source finds a name wherever its words
  occur, whatever the context, so its precision in the user's own tagged articles is
  measurable: occurrences tagged as a mention of that type, against occurrences left
  outside any mention in tagged articles where the name is never tagged (an article
  where it is tagged once and left untagged later is the habit of tagging a name's
  first mention only, not a "no"). Counted in occurrences, ``w`` = 1. Names of several
  words are rarely anything else and are left as they are. (For the user's entities,
  only rejections count among "what the user said": their taggings made the entity, and
  are counted here.)

A suggestion that evidence brings below `KEEP_FROM` (0.5: by the user's own record more
likely wrong than right) is not offered; the others carry their new confidence, so the
threshold of Preferences and `hashiya suggest --min-confidence` still filter on a value
in [0, 1]. A suggestion without any evidence is left as its source made it. The
suggestion keeps its source: the feedback only reweighs (and may retype) what a source
found; it never adds a span. A suggestion taken away still hides the shorter ones inside
it (`suggest.resolve`): the user refused the long name, and was never shown the words
inside it there.

`feedback(lib)` is cached per library file and rebuilt whenever the library's training
stamp (`recommender.training_stamp`: mentions, entities, decisions) changes, so an undo
(`suggest.forget_decision`, `entities.untag`) is seen at once. Building reads the entity
mentions and decisions, and goes through the `MAX_ARTICLES` latest tagged and decided
articles: the rules' suggestions there (kept per body text: a few milliseconds each the
first time) and the one-word names.
"""

from __future__ import annotations

import contextlib
import threading
import weakref
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from library.marks.candidates import candidates, resolve
from library.marks.recommender import training_stamp
from library.storage.store import Library
from library.text.arabic import tokens
from library.text.lexicon import Lexicon

PRIOR_WEIGHT = 1.0  # articles' (or occurrences') worth of the source's own confidence
# A rule's confidence was measured on many articles: it counts as this many decisions
# against the user's decisions on that rule's suggestions.
RULE_PRIOR_WEIGHT = 4.0
RULE_SOURCES = ("rule", "gazetteer")  # suggestions that carry the rule that found them
KEEP_FROM = 0.5  # below this the user's record says "more likely wrong than right"
MAX_ARTICLES = 120  # tagged articles scanned for the one-word names (the latest ones)


@lru_cache(maxsize=65536)
def folded(text: str) -> str:
    """The folded words of a text, as decisions store and compare them."""
    return " ".join(t.key for t in tokens(text))


def posterior(yes: float, no: float, prior: float, weight: float = PRIOR_WEIGHT) -> float:
    """The share of "yes" after `yes` and `no` answers, starting from `prior` worth
    `weight` answers (the mean of a Beta posterior)."""
    return (yes + weight * prior) / (yes + no + weight)


@dataclass(frozen=True)
class Verdict:
    type: str
    confidence: float


@dataclass(frozen=True)
class Feedback:
    # folded words → type → (articles where tagged as that type, articles where rejected)
    said: Mapping[str, Mapping[str, tuple[int, int]]] = field(default_factory=dict)
    # (type, folded one-word name) → (occurrences tagged, occurrences left untagged)
    seen: Mapping[tuple[str, str], tuple[int, int]] = field(default_factory=dict)
    # (source, rule, type) → (its suggestions the user tagged, its suggestions rejected)
    rules: Mapping[tuple[str, str, str], tuple[int, int]] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.said or self.seen or self.rules)

    def judge(
        self,
        words: str,
        type: str,
        confidence: float,
        *,
        entity: bool = False,
        rule: tuple[str, str] | None = None,
    ) -> Verdict | None:
        """The type and confidence of a suggestion of the folded `words` as `type`, found
        with `confidence`; None when the user's record says not to offer it. `entity`: the
        suggestion is one of the user's own entities found again (its type is the
        entity's; its one-word names are weighed by how reliable they proved). `rule`:
        the (source, rule) that found it, weighed by how its suggestions fared."""
        judged = False  # without any evidence a suggestion is left as its source made it
        by_type = self.said.get(words) or {}
        if by_type and not entity:
            accepted = by_type.get(type, (0, 0))[0]
            best = max(by_type, key=lambda t: (by_type[t][0], t == type))
            if by_type[best][0] > accepted:
                type = best
        if rule is not None and (*rule, type) in self.rules:
            accepted, rejected = self.rules[(*rule, type)]
            confidence = posterior(accepted, rejected, confidence, RULE_PRIOR_WEIGHT)
            judged = True
        if entity and (type, words) in self.seen:
            tagged, untagged = self.seen[(type, words)]
            confidence = posterior(tagged, untagged, confidence)
            judged = True
        if type in by_type:
            accepted, rejected = by_type[type]
            if entity:  # its taggings made the entity: only rejections are news
                accepted = 0
            if accepted or rejected:
                confidence = posterior(accepted, rejected, confidence)
                judged = True
        if judged and confidence < KEEP_FROM:
            return None
        return Verdict(type, round(min(1.0, max(0.0, confidence)), 3))


# --- from a library -----------------------------------------------------------------------


def build(
    tagged: Iterable[tuple[int, str, str]],
    rejected: Iterable[tuple[int, str, str]],
    bodies: Mapping[int, tuple[str, list[tuple[int, int, str]]]] | None = None,
    shown: Iterable[tuple[str, str, str, bool]] = (),
) -> Feedback:
    """Feedback from plain data: `tagged` (article, type, mention text), `rejected`
    (article, type, folded words), for the one-word names `bodies`: article → (body, its
    mentions as (start, end, type)), and for the rules `shown`: (source, rule, type,
    whether tagged) of each rules' suggestion the user tagged or rejected."""
    rules: dict[tuple[str, str, str], list[int]] = {}
    for source, rule, kind, was_tagged in shown:
        rules.setdefault((source, rule, kind), [0, 0])[0 if was_tagged else 1] += 1
    yes: dict[tuple[str, str], set[int]] = defaultdict(set)
    no: dict[tuple[str, str], set[int]] = defaultdict(set)
    for article, kind, text in tagged:
        yes[(folded(text), kind)].add(article)
    for article, kind, words in rejected:
        no[(words, kind)].add(article)
    said: dict[str, dict[str, tuple[int, int]]] = defaultdict(dict)
    for words, kind in yes.keys() | no.keys():
        if words:
            said[words][kind] = (len(yes.get((words, kind), ())), len(no.get((words, kind), ())))
    return Feedback(
        dict(said), _seen(bodies or {}, yes), {k: (a, b) for k, (a, b) in rules.items()}
    )


def _seen(
    bodies: Mapping[int, tuple[str, list[tuple[int, int, str]]]],
    yes: Mapping[tuple[str, str], set[int]],
) -> dict[tuple[str, str], tuple[int, int]]:
    """(type, one-word name) → occurrences tagged and left untagged in `bodies` (see the
    module's docstring); the names are the one-word ones tagged somewhere."""
    lexicon: Lexicon[str] = Lexicon()
    for words, kind in yes:
        if words and " " not in words:
            lexicon.add((words,), kind)
    if not len(lexicon):
        return {}
    counts: dict[tuple[str, str], list[int]] = {}
    for article, (body, mentions) in bodies.items():
        exact = {(s, e, kind) for s, e, kind in mentions}
        starts = sorted((s, e) for s, e, _ in mentions)
        for hit in lexicon.find(body):
            overlaps = any(s < hit.end and hit.start < e for s, e in starts)
            (word,) = hit.keys
            for kind in hit.payloads:
                count = counts.setdefault((kind, word), [0, 0])
                if (hit.start, hit.end, kind) in exact:
                    count[0] += 1
                elif not overlaps and article not in yes.get((word, kind), ()):
                    count[1] += 1
    return {key: (a, b) for key, (a, b) in counts.items()}


def _latest_articles(lib: Library, table: str, stamp: str, where: str) -> list[int]:
    """The `MAX_ARTICLES` articles with the latest rows of `table` (by `stamp`)."""
    rows = lib.conn.execute(
        f"SELECT article_id FROM {table} WHERE {where} GROUP BY article_id "
        f"ORDER BY max({stamp}) DESC, article_id DESC LIMIT ?",
        (MAX_ARTICLES,),
    )
    return [r[0] for r in rows]


def from_library(lib: Library) -> Feedback:
    """The feedback in a library as it is now (uncached; see `feedback`)."""
    tagged = lib.conn.execute(
        'SELECT a.article_id, e.type, a.exact, a.start, a."end" FROM annotations a '
        "JOIN entities e ON e.id = a.entity_id WHERE a.kind = 'entity'"
    ).fetchall()
    rejected = lib.conn.execute(
        "SELECT article_id, type, folded FROM suggestion_decisions "
        "WHERE decision = 'rejected' AND article_id IS NOT NULL"
    ).fetchall()
    mentions: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
    for article, kind, _, start, end in tagged:
        mentions[article].append((start, end, kind))
    latest = _latest_articles(lib, "annotations", "updated_at", "kind = 'entity'")
    decided = _latest_articles(lib, "suggestion_decisions", "decided_at", "article_id IS NOT NULL")
    texts = {}
    for article in dict.fromkeys(latest + decided):
        row = lib.conn.execute("SELECT body FROM articles WHERE id = ?", (article,)).fetchone()
        if row is not None:
            texts[article] = row[0]
    refused: dict[int, set[tuple[str, str]]] = defaultdict(set)
    for article, kind, words in rejected:
        refused[article].add((kind, words))
    shown = [
        item
        for article, text in texts.items()
        for item in _rules_shown(text, mentions.get(article, ()), refused.get(article, set()))
    ]
    return build(
        ((a, kind, exact) for a, kind, exact, _, _ in tagged),
        ((a, kind, words) for a, kind, words in rejected),
        {a: (texts[a], mentions[a]) for a in latest if a in texts},
        shown,
    )


@lru_cache(maxsize=256)
def _rule_suggestions(text: str) -> tuple[tuple[int, int, str, str, str, str], ...]:
    """(start, end, type, source, rule, folded words) of the rules' and gazetteer's
    suggestions for a text: kept, since the feedback is rebuilt after every decision and
    the bodies seldom change."""
    return tuple(
        (s.start, s.end, s.type, s.source, s.rule, folded(s.text))
        for s in resolve(s for s in candidates(text) if s.source in RULE_SOURCES)
    )


def _rules_shown(
    text: str, mentions: Iterable[tuple[int, int, str]], refused: set[tuple[str, str]]
) -> list[tuple[str, str, str, bool]]:
    """(source, rule, type, tagged) of each of the rules' suggestions for an article that
    the user tagged there (the very span and type) or rejected there."""
    exact = set(mentions)
    out = []
    for start, end, kind, source, rule, words in _rule_suggestions(text):
        if (start, end, kind) in exact:
            out.append((source, rule, kind, True))
        elif (kind, words) in refused:
            out.append((source, rule, kind, False))
    return out


# One cached Feedback per library file, with the stamp it was built at. By the file, not
# the open `Library`: the reader opens the library anew for every suggestions job
# (reader/workers/runner.py), and a cache per open library was rebuilt at every article.
# An in-memory library (tests, the evaluation) is kept by the object.
_BY_PATH: dict[str, tuple[str, Feedback]] = {}
_IN_MEMORY: weakref.WeakKeyDictionary[Library, tuple[str, Feedback]] = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()  # jobs of the runner's lanes may ask at once


def feedback(lib: Library) -> Feedback:
    """The library's feedback, rebuilt only when its training stamp changed."""
    stamp = training_stamp(lib)
    key = None if lib.path is None else str(Path(lib.path).resolve())
    with _LOCK:
        cached = _IN_MEMORY.get(lib) if key is None else _BY_PATH.get(key)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    found = from_library(lib)
    with _LOCK:
        if key is not None:
            _BY_PATH[key] = (stamp, found)
        else:
            with contextlib.suppress(TypeError):  # a library that cannot be weakly referenced
                _IN_MEMORY[lib] = (stamp, found)
    return found
