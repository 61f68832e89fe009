"""A recommender that learns from the user's own tagging in this library (Qt-free).

A linear-chain CRF (python-crfsuite, MIT) labels each word of a text B-type, I-type or O;
its features are in `library.marks.learning_features`. It trains offline, from the
library itself (`examples_from_library`), in about a second for 20 tagged articles, and
predicts an article of 300 words in a few milliseconds. Nothing is downloaded, ever.

Words and proclitics. The model labels whole words of `library.text.arabic.tokens`: a
mention that starts after a proclitic (وبغداد holds بغداد) makes its word B. The start
of a predicted span is then moved past the proclitic, the way the user's own taggings
are made (`spans.strip_clitic`): for a word seen as the first word of a mention in the
training data, by as many letters as the user left out there most often; otherwise by
the project's rules, with the training mentions' first words (without their proclitic)
and the gazetteer's names as the known names that settle doubtful cases (so, once
شركة النور was tagged, وبشركة الندى gives شركة الندى).

The rules as features. The model sees what the project's rules and gazetteer suggest
for the text (`rule_hints`, the same as `suggest.suggest_text` without a library): each
word's label by the rules and the rule that gave it. From a few articles a CRF cannot
learn Arabic names afresh; it can learn where this user agrees with the rules and where
not. Measured on bench/suggest_eval.py (the model alone, strict F1 on the held-out
articles after 5, 10, 20 articles): 0.58, 0.65, 0.70 without the rules' labels; 0.87,
0.88, 0.88 with them.

Confidence. The marginal probability of the predicted label, the lowest over the words
of the span (L-BFGS training with L1+L2 regularisation keeps it a probability).
`assess` also gives it for spans found by others, in the same pass.

Training data (`examples_from_library`): every article in which the user tagged at least
one entity mention gives its whole body, with every mention as a span of its entity's
type; what is not tagged there is taken as not a mention. A suggestion the user rejected
in such an article is already a negative. A rejection in an article with no tagging at
all gives a short all-O example: the rejected words and up to two words on each side,
inside the sentence (not the whole sentence, whose other names were simply not tagged
yet). Library-wide rejections ("everywhere") carry no article and are left out.

A `Model` is immutable and safe to share between threads (`predict` takes a lock):
train one in a worker, swap it in when it is ready, store it with `to_bytes`.
"""

from __future__ import annotations

import bisect
import hashlib
import json
import struct
import tempfile
import threading
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pycrfsuite

from library.marks.candidates import candidates, resolve
from library.marks.learning_features import Hint, sequence_features
from library.text.arabic import Token, fold, tokens
from library.text.spans import advance_letters, sentence_bounds, strip_clitic

FORMAT = b"HASHIYA-CRF\x00"
VERSION = 2  # 2: the rules' suggestions among the features
MAX_ITERATIONS = 100
CONTEXT_WORDS = 2  # words kept on each side of a rejected span in an untagged article
_OUTSIDE = "O"
HINT_SOURCES = ("rule", "gazetteer")  # the suggestions the model sees as features


@dataclass(frozen=True)
class Example:
    text: str
    spans: tuple[tuple[int, int, str], ...]  # (start, end, type), code points of text


@dataclass(frozen=True)
class Prediction:
    start: int  # code points, after any proclitic
    end: int
    type: str
    confidence: float  # in [0, 1]


def rule_hints(text: str) -> list[Hint]:
    """The rules' and gazetteer's suggestions for a text, as the model's features take
    them (the same as `suggest.suggest_text` without a library)."""
    return hints_of(resolve(s for s in candidates(text) if s.source in HINT_SOURCES))


def hints_of(suggestions: Iterable) -> list[Hint]:
    return [(s.start, s.end, s.type, s.rule or s.source, s.confidence) for s in suggestions]


@cache
def _gazetteer_words() -> frozenset[str]:
    from library.marks import gazetteer

    try:
        return gazetteer.known_words()
    except OSError:
        return frozenset()


class Model:
    """A trained recommender. Build it with `train` or `from_bytes`."""

    def __init__(
        self,
        crf: bytes,
        *,
        types: Iterable[str],
        trained_on: int,
        clitics: dict[str, int],
        known: Iterable[str],
    ) -> None:
        self._crf = bytes(crf)
        self.types: frozenset[str] = frozenset(types)
        self.trained_on: int = trained_on
        self._clitics = dict(clitics)  # first-word key → letters of proclitic left out
        self._known = frozenset(known)  # folded first words of mentions, without clitic
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open_inmemory(self._crf)
        # Attributes with a weight: the rest cost crfsuite a lookup each and change nothing.
        self._attributes = frozenset(a for a, _ in self._tagger.info().state_features)
        self._labels = frozenset(self._tagger.labels())
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"<Model types={sorted(self.types)} trained_on={self.trained_on}>"

    # --- predicting -----------------------------------------------------------------------

    def predict(self, text: str, hints: list[Hint] | None = None) -> list[Prediction]:
        """Mentions the model finds in a text, sorted by start, never overlapping.
        `hints`: the rules' suggestions for the text (`rule_hints`, found if not given)."""
        return self.assess(text, (), hints)[0]

    def confidence(self, text: str, start: int, end: int, type: str) -> float:
        """How sure the model is that [start, end) of `text` is one mention of `type`:
        the lowest marginal probability of B-type on its first word and I-type on the
        others (0 for a type it never saw). For ranking another source's suggestion."""
        return self.assess(text, [(start, end, type)])[1][0]

    def assess(
        self,
        text: str,
        spans: Iterable[tuple[int, int, str]],
        hints: list[Hint] | None = None,
    ) -> tuple[list[Prediction], list[float]]:
        """`predict` and `confidence` for several spans at once (one pass of the model)."""
        spans = list(spans)
        toks = tokens(text)
        if not toks:
            return [], [0.0] * len(spans)
        if hints is None:
            hints = rule_hints(text)
        keep = self._attributes
        feats = [[f for f in item if f in keep] for item in sequence_features(text, toks, hints)]
        starts = [t.start for t in toks]
        with self._lock:
            self._tagger.set(feats)
            labels = self._tagger.tag()
            marginal = self._tagger.marginal
            scored = [
                (first, last, kind, min(marginal(labels[t], t) for t in range(first, last + 1)))
                for first, last, kind in _decode(labels)
            ]
            sure = [self._marginal(marginal, toks, starts, span) for span in spans]
        out = []
        for first, last, kind, confidence in scored:
            start = self._start(text, toks[first], toks[last].end)
            out.append(Prediction(start, toks[last].end, kind, min(1.0, max(0.0, confidence))))
        return out, sure

    def _marginal(self, marginal, toks: list[Token], starts: list[int], span) -> float:
        start, end, kind = span
        if f"B-{kind}" not in self._labels:
            return 0.0
        n = max(0, bisect.bisect_right(starts, start) - 1)
        covered = []
        while n < len(toks) and toks[n].start < end:
            if toks[n].end > start:
                covered.append(n)
            n += 1
        if not covered:
            return 0.0
        probs = [marginal(f"B-{kind}", covered[0])]
        probs += [marginal(f"I-{kind}", n) for n in covered[1:]]
        return min(1.0, max(0.0, min(probs)))

    def _start(self, text: str, tok: Token, end: int) -> int:
        """Where a span whose first word is `tok` starts: after its proclitic, if any."""
        letters = self._clitics.get(tok.key)
        if letters is None:
            known = self._known | _gazetteer_words()
            return strip_clitic(text, tok.start, end, known)
        if letters == 0:
            return tok.start
        pos = advance_letters(text, tok.start, letters)
        return pos if pos is not None and pos < tok.end else tok.start

    # --- storing --------------------------------------------------------------------------

    def to_bytes(self) -> bytes:
        meta = json.dumps(
            {
                "version": VERSION,
                "types": sorted(self.types),
                "trained_on": self.trained_on,
                "clitics": self._clitics,
                "known": sorted(self._known),
                "crf": _digest(self._crf),
            },
            ensure_ascii=False,
        ).encode("utf-8")
        return FORMAT + struct.pack("<I", len(meta)) + meta + self._crf

    @classmethod
    def from_bytes(cls, data: bytes) -> Model:
        """A model stored by `to_bytes`; ValueError if the data is not one. crfsuite
        reads a model without checking it (a truncated one crashes the process), so the
        CRF part is checked against its digest first: load only what `to_bytes` wrote."""
        data = bytes(data)
        head = len(FORMAT) + 4
        if len(data) < head or not data.startswith(FORMAT):
            raise ValueError("not a Hashiya learned model")
        (size,) = struct.unpack("<I", data[len(FORMAT) : head])
        try:
            meta = json.loads(data[head : head + size].decode("utf-8"))
            if meta["version"] != VERSION:
                raise ValueError(f"learned model version {meta['version']} is not supported")
            crf = data[head + size :]
            if meta["crf"] != _digest(crf):
                raise ValueError("damaged learned model")
            return cls(
                crf,
                types=meta["types"],
                trained_on=int(meta["trained_on"]),
                clitics={str(k): int(v) for k, v in meta["clitics"].items()},
                known=meta["known"],
            )
        except (KeyError, TypeError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ValueError("damaged learned model") from exc
        except (OSError, RuntimeError) as exc:  # crfsuite refuses the model part
            raise ValueError("damaged learned model") from exc


def _digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _decode(labels: list[str]) -> list[tuple[int, int, str]]:
    """(first word, last word, type) of each span in a B/I/O label sequence; an I after
    an O or a word of another type starts a span."""
    spans: list[tuple[int, int, str]] = []
    open_kind = None
    for i, label in enumerate(labels):
        if label == _OUTSIDE:
            open_kind = None
            continue
        kind = label[2:]
        if label[0] == "I" and kind == open_kind:
            first, _, _ = spans[-1]
            spans[-1] = (first, i, kind)
        else:
            spans.append((i, i, kind))
            open_kind = kind
    return spans


# --- training -----------------------------------------------------------------------------


def _bio(
    text: str, toks: list[Token], spans: Iterable[tuple[int, int, str]]
) -> tuple[list[str], list[tuple[str, int]]]:
    """B/I/O labels of the words, and (first word key, proclitic letters) of each span.
    Overlapping spans: the earlier (then the longer) one wins."""
    labels = [_OUTSIDE] * len(toks)
    starts = [t.start for t in toks]
    firsts: list[tuple[str, int]] = []
    for start, end, kind in sorted(spans, key=lambda s: (s[0], s[0] - s[1])):
        if not (0 <= start < end <= len(text)) or not kind:
            continue
        i = max(0, bisect.bisect_right(starts, start) - 1)
        while i < len(toks) and toks[i].end <= start:
            i += 1
        covered = []
        while i < len(toks) and toks[i].start < end:
            covered.append(i)
            i += 1
        if not covered or any(labels[j] != _OUTSIDE for j in covered):
            continue
        labels[covered[0]] = "B-" + kind
        for j in covered[1:]:
            labels[j] = "I-" + kind
        first = toks[covered[0]]
        letters = len(fold(text[first.start : start])) if start > first.start else 0
        firsts.append((first.key, letters))
    return labels, firsts


def train(examples: Iterable[Example], *, max_iterations: int = MAX_ITERATIONS) -> Model | None:
    """Train a model on tagged texts; None when there is nothing to learn from (no
    example holds a span). About a second for 20 articles of 250 words."""
    examples = list(examples)
    hints = [rule_hints(e.text) for e in examples]
    trainer = pycrfsuite.Trainer(verbose=False)
    count = 0
    types: set[str] = set()
    firsts: Counter[tuple[str, int]] = Counter()
    for example, given in zip(examples, hints, strict=True):
        toks = tokens(example.text)
        if not toks:
            continue
        labels, found = _bio(example.text, toks, example.spans)
        trainer.append(sequence_features(example.text, toks, given), labels)
        count += 1
        firsts.update(found)
        types.update(label[2:] for label in labels if label != _OUTSIDE)
    if not types:
        return None
    trainer.set_params(
        {
            "c1": 0.05,
            "c2": 0.01,
            "max_iterations": max(1, int(max_iterations)),
            "feature.possible_transitions": True,
        }
    )
    with tempfile.TemporaryDirectory(prefix="hashiya-crf-") as folder:
        path = Path(folder) / "model.crfsuite"
        trainer.train(str(path))
        crf = path.read_bytes()
    clitics: dict[str, int] = {}
    for (key, letters), _ in firsts.most_common():
        clitics.setdefault(key, letters)  # the most frequent way for each word
    known = {key[letters:] for key, letters in clitics.items() if len(key) - letters >= 2}
    return Model(crf, types=types, trained_on=count, clitics=clitics, known=known)


# --- from a library -----------------------------------------------------------------------


def _window(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The rejected words and up to CONTEXT_WORDS words on each side, in their sentence."""
    lo, hi = sentence_bounds(text, start, end)
    if not (lo <= start < end <= hi):
        return None
    toks = tokens(text[lo:hi])
    inside = [n for n, t in enumerate(toks) if t.start + lo < end and t.end + lo > start]
    if not inside:
        return None
    first = max(0, inside[0] - CONTEXT_WORDS)
    last = min(len(toks) - 1, inside[-1] + CONTEXT_WORDS)
    return lo + toks[first].start, lo + toks[last].end


def examples_from_library(lib, *, exclude_article: int | None = None) -> list[Example]:
    """Training data from the user's own work in a library (see the module docstring):
    one Example per article with at least one entity mention (its body and every
    mention, typed by its entity), then one short all-O Example per rejected suggestion
    in an article without any mention. `exclude_article` leaves one article out (the
    one being suggested for, to measure the model honestly)."""
    skip = -1 if exclude_article is None else exclude_article
    rows = lib.conn.execute(
        'SELECT a.article_id, a.start, a."end", e.type FROM annotations a '
        "JOIN entities e ON e.id = a.entity_id "
        "WHERE a.kind = 'entity' AND a.article_id != ? "
        'ORDER BY a.article_id, a.start, a."end"',
        (skip,),
    ).fetchall()
    by_article: dict[int, list[tuple[int, int, str]]] = {}
    for article_id, start, end, kind in rows:
        by_article.setdefault(article_id, []).append((start, end, kind))
    out: list[Example] = []
    for article_id, spans in by_article.items():
        body = _body(lib, article_id)
        if body is None:
            continue
        valid = tuple(s for s in spans if 0 <= s[0] < s[1] <= len(body))
        if valid:
            out.append(Example(body, valid))
    rejected = lib.conn.execute(
        'SELECT article_id, start, "end", folded FROM suggestion_decisions '
        "WHERE decision = 'rejected' AND article_id IS NOT NULL AND article_id != ? "
        "ORDER BY article_id, id",
        (skip,),
    ).fetchall()
    bodies: dict[int, str | None] = {}
    for article_id, start, end, folded_text in rejected:
        if article_id in by_article:
            continue  # already a negative in the tagged body
        if article_id not in bodies:
            bodies[article_id] = _body(lib, article_id)
        body = bodies[article_id]
        if body is None or not (0 <= start < end <= len(body)):
            continue
        if " ".join(t.key for t in tokens(body[start:end])) != folded_text:
            continue  # the text moved since (re-cleaned): the span no longer holds it
        window = _window(body, start, end)
        if window is not None:
            out.append(Example(body[window[0] : window[1]], ()))
    return out


def _body(lib, article_id: int) -> str | None:
    row = lib.conn.execute("SELECT body FROM articles WHERE id = ?", (article_id,)).fetchone()
    return None if row is None else row[0]
