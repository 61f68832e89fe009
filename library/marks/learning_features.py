"""Features of the words of an article for the learned recommender (`library.marks.learning`).

One item per word of `library.text.arabic.tokens` (a proclitic stays inside its word; the
model's span start is moved past it afterwards, see `learning`). Every feature is a plain
string attribute with weight 1, cheap to compute and needing no download:

- the word: its folded key (``w=``), light stem (``s=``), the rest after the longest
  proclitic group of `spans.clitic_splits` (``r=``) and that group (``c=``), prefixes
  of the rest and suffixes of the key of 1–3 letters (``p1=`` … ``x3=``);
- its shape: the article ال (``al``), a nisba ending ي/ية (``nisba``), digits
  (``num``, ``hasnum``), Latin (``latin``), short word (``short``), one letter (``len1``);
- the project's lexicons (resources/lexicon/*.txt: titles, organisation heads, months…)
  and the gazetteer (resources/gazetteer/places_ar.tsv), for the key or the rest:
  ``L=titles``; for names of several words, ``L=org_names^`` (first word) or
  ``L=org_names~`` (a later word);
- its place: first word of a sentence (``BOS``), after a comma or a colon (``pc``),
  before a comma, full stop or colon (``nc``), inside guillemets « » (``inq``), right
  after an opening « (``q<``) or right before a closing » (``q>``), after or before a
  parenthesis or a dash (``pp``, ``np``);
- the two words before and after: their keys and rests (``-1w=``, ``+2r=``…) and lexicon
  classes (``-1L=titles``), or ``-1BOS``/``+1EOS`` at the ends of the text;
- two conjunctions: the previous key with this one (``ww=``), and the previous word's
  lexicon classes with this word's shape (``-1LS=titles|al``);
- the project's rules (given as `hints`: the rules' and gazetteer's suggestions for the
  text, `library.marks.suggest`): the label the rules give the word (``R=B-place``,
  ``R=O``), with the rule that gave it (``Rr=title|B-person``), and the rules' labels of
  the words on each side (``-1R=``, ``+1R=``). So the model learns where the user agrees
  with the rules and where not, instead of learning every name from a few articles:
  a model "stacked" on the rules.

Word features are cached per folded key (news vocabulary repeats), so one article of
300 words takes about a millisecond.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from functools import cache, lru_cache

from library.paths import resources_dir
from library.text.arabic import Token, tokens
from library.text.spans import clitic_splits

LEXICONS = (
    "connectors",
    "construct_titles",
    "event_heads",
    "modifiers",
    "months",
    "org_adjectives",
    "org_heads",
    "org_heads_definite",
    "org_names",
    "patronymic",
    "spokesman",
    "stop",
    "time_words",
    "titles",
    "waw_names",
    "weekdays",
    "year_words",
)
_LATIN = frozenset("abcdefghijklmnopqrstuvwxyz")
_QUOTE_OPEN = "«“"
_QUOTE_CLOSE = "»”"
_SENTENCE_END = ".!?؟\n"


def _read_lines(path) -> list[str]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return []  # a missing list only costs its features
    return [line.strip() for line in text.splitlines() if line.strip() and line[0] != "#"]


@cache
def word_classes() -> dict[str, tuple[str, ...]]:
    """Folded word → its lexicon classes (``titles``, ``org_names^``, ``place~``…)."""
    classes: dict[str, set[str]] = {}

    def add(name: str, label: str) -> None:
        keys = [t.key for t in tokens(name)]
        if len(keys) == 1:
            classes.setdefault(keys[0], set()).add(label)
        elif keys:
            classes.setdefault(keys[0], set()).add(label + "^")
            for key in keys[1:]:
                classes.setdefault(key, set()).add(label + "~")

    folder = resources_dir() / "lexicon"
    for name in LEXICONS:
        for line in _read_lines(folder / f"{name}.txt"):
            add(line, name)
    for line in _read_lines(resources_dir() / "gazetteer" / "places_ar.tsv"):
        if not line.startswith("name\t"):
            add(line.split("\t", 1)[0], "place")
    return {key: tuple(sorted(labels)) for key, labels in classes.items()}


def _rest(key: str) -> tuple[str, str]:
    """(proclitic group, rest) for the longest group that leaves 3 letters; ("", key)."""
    for n, rest in clitic_splits(key):
        if len(rest) >= 3:
            return key[:n], rest
    return "", key


@lru_cache(maxsize=1 << 16)
def _word(key: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """(own features, features as a neighbour, lexicon classes and shape) of a key."""
    from library.text.arabic import light_stem

    clitic, rest = _rest(key)
    table = word_classes()
    lex = set(table.get(key, ())) | set(table.get(rest, ()))
    labels = tuple(sorted(lex))
    shape: list[str] = []
    if rest.startswith("ال"):
        shape.append("al")
    if key.endswith(("ي", "يه")) and len(key) > 3:
        shape.append("nisba")
    if key.isdigit():
        shape.append("num")
    elif any(c.isdigit() for c in key):
        shape.append("hasnum")
    if key[0] in _LATIN:
        shape.append("latin")
    if len(key) == 1:
        shape.append("len1")
    elif len(key) <= 3:
        shape.append("short")
    own = [
        "w=" + key,
        "s=" + light_stem(key),
        "r=" + rest,
        "c=" + clitic,
        *("L=" + label for label in labels),
        *shape,
    ]
    for n in (1, 2, 3):
        if len(rest) > n:
            own.append(f"p{n}=" + rest[:n])
        if len(key) > n:
            own.append(f"x{n}=" + key[-n:])
    if not labels:
        own.append("L=none")
    near = ("w=" + key, "r=" + rest, *("L=" + label for label in labels))
    summary = ("|".join(labels) or "none", "|".join(shape) or "plain")
    return tuple(own), near, summary


@lru_cache(maxsize=1 << 17)
def _neighbour(offset: str, key: str) -> tuple[str, ...]:
    return tuple(offset + f for f in _word(key)[1])


def _marks_before(gap: str, feats: list[str], in_quote: bool) -> bool:
    """Features of the punctuation before a word; whether it is inside « » now."""
    for c in gap:
        if c in _QUOTE_OPEN:
            in_quote = True
            feats.append("q<")
        elif c in _QUOTE_CLOSE:
            in_quote = False
        elif c in ",،:؛;":
            feats.append("pc")
        elif c in "()[]-–—":
            feats.append("pp")
    return in_quote


def _marks_after(gap: str, feats: list[str]) -> None:
    for c in gap:
        if c in _QUOTE_CLOSE:
            feats.append("q>")
        elif c in ",،:؛;.!?؟":
            feats.append("nc")
        elif c in "()[]-–—":
            feats.append("np")


Hint = tuple[int, int, str, str, float]  # (start, end, type, rule, confidence)


def hint_labels(toks: list[Token], hints: Iterable[Hint]) -> list[tuple[str, str] | None]:
    """Per word: (B-type or I-type, rule) of the rules' suggestion over it, or None."""
    labels: list[tuple[str, str] | None] = [None] * len(toks)
    starts = [t.start for t in toks]
    for start, end, kind, rule, _ in hints:
        i = max(0, bisect.bisect_right(starts, start) - 1)
        first = True
        while i < len(toks) and toks[i].start < end:
            if toks[i].end > start and labels[i] is None:
                labels[i] = (("B-" if first else "I-") + kind, rule)
                first = False
            i += 1
    return labels


def sequence_features(
    text: str, toks: list[Token], hints: Iterable[Hint] | None = None
) -> list[list[str]]:
    """The attributes of every word of `text` (its `tokens`), in order; with `hints`, the
    rules' suggestions (see the module's docstring)."""
    n = len(toks)
    words = [_word(t.key) for t in toks]
    gaps = [text[toks[i - 1].end if i else 0 : toks[i].start] for i in range(n)]
    gaps.append(text[toks[-1].end :] if n else "")
    out: list[list[str]] = []
    in_quote = False
    for i, tok in enumerate(toks):
        before, after = gaps[i], gaps[i + 1]
        own, _, (lex, shape) = words[i]
        feats = ["bias", *own]
        if i == 0 or any(c in before for c in _SENTENCE_END):
            feats.append("BOS")
        if before.strip():
            in_quote = _marks_before(before, feats, in_quote)
        if in_quote:
            feats.append("inq")
        if after.strip():
            _marks_after(after, feats)
        for d in (-2, -1, 1, 2):
            j = i + d
            tag = f"{d:+d}"
            if 0 <= j < n:
                feats.extend(_neighbour(tag, toks[j].key))
            else:
                feats.append(tag + ("BOS" if j < 0 else "EOS"))
        if i:
            feats.append("ww=" + toks[i - 1].key + "|" + tok.key)
            feats.append("-1LS=" + words[i - 1][2][0] + "|" + shape)
        feats.append("L|S=" + lex + "|" + shape)
        out.append(feats)
    if hints is not None:
        _add_hints(out, hint_labels(toks, hints))
    return out


def _add_hints(out: list[list[str]], labels: list[tuple[str, str] | None]) -> None:
    for i, feats in enumerate(out):
        here = labels[i]
        if here is None:
            feats.append("R=O")
        else:
            feats.append("R=" + here[0])
            feats.append("Rr=" + here[1] + "|" + here[0])
        for d in (-1, 1):
            j = i + d
            if 0 <= j < len(out):
                near = labels[j]
                feats.append(f"{d:+d}R=" + (near[0] if near else "O"))
