"""What the rules, the place gazetteer and the user's own entities find in a text: the
suggestions' candidates before anything learned weighs them (Qt-free, no library needed).

`library.marks.suggest` merges these with the learned model and the user's feedback;
`library.marks.feedback` and `library.marks.learning` read them too (the rules'
suggestions are evidence and features there), so they live below all three.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass

from library.marks.entities import Entity
from library.marks.rules.common import find_names
from library.marks.suggest_rules import Candidate, all_rules, words
from library.text.arabic import Token, tokens
from library.text.lexicon import Lexicon

SOURCES = ("entity", "gazetteer", "rule", "learned")
PLACE_CUES = (
    "في",
    "الي",
    "من",
    "مدينه",
    "دوله",
    "جمهوريه",
    "عاصمه",
    "بلد",
    "بلاد",
    "محافظه",
    "ولايه",
    "مملكه",
    "سلطنه",
    "بين",
    "نحو",
    "داخل",
    "شمال",
    "جنوب",
    "شرق",
    "غرب",
)


@dataclass(frozen=True)
class Suggestion:
    start: int
    end: int
    text: str
    type: str
    source: str  # rule | gazetteer | entity | learned
    rule: str = ""  # which rule: title | organisation | name | date | quoted | place | entity
    name: str = ""  # the entity name to use when accepting (a place's canonical name)
    entity_id: str | None = None  # the existing entity, for source "entity"
    value: str = ""  # a date's normalised ISO 8601 value (2024-03-12, 2024-01-12/2024-01-13)
    confidence: float = 0.5  # how reliable the rule that found it is, in [0, 1]

    def to_json(self) -> dict:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "type": self.type,
            "source": self.source,
            "rule": self.rule,
            "name": self.name,
            "entity": self.entity_id,
            "value": self.value,
            "confidence": self.confidence,
        }


# --- finding ------------------------------------------------------------------------------


def _gazetteer_hits(text: str, toks: list[Token]) -> list[Suggestion]:
    from library.marks import gazetteer

    cues = frozenset(PLACE_CUES)
    out = []
    index = {t.start: n for n, t in enumerate(toks)}
    starts = [t.start for t in toks]
    for hit in find_names(gazetteer.lexicon(), text, toks):
        place = hit.payloads[0]
        n = index.get(hit.start)
        if n is None:  # a proclitic was left out: find the word it belongs to
            n = _word_at(toks, starts, hit.start)
        prev_ok = n > 0 and not text[toks[n - 1].end : toks[n].start].strip()
        ambiguous = any(p.ambiguous for p in hit.payloads)
        if ambiguous and not (prev_ok and toks[n - 1].key in cues):
            continue
        if prev_ok and not hit.clitic and _nisba_after_noun(toks[n - 1].key, hit.keys):
            continue  # القوات السعودية: an adjective, not the country
        out.append(
            Suggestion(
                hit.start,
                hit.end,
                text[hit.start : hit.end],
                "place",
                "gazetteer",
                "place",
                place.canonical,
                None,
                "",
                0.6 if ambiguous else 0.9,
            )
        )
    return out


def _nisba_after_noun(prev: str, keys: tuple[str, ...]) -> bool:
    """A one-word definite place name ending in ية after a definite noun agrees with it
    (القوات السعودية, الحكومة الجزائرية): an adjective. Not after a place cue or a title
    (زار الوزير السعودية)."""
    from library.marks.suggest_rules import words

    if len(keys) != 1 or not keys[0].startswith("ال") or not keys[0].endswith("يه"):
        return False
    if not prev.startswith("ال") or prev in PLACE_CUES:
        return False
    w = words()
    return prev not in w.titles and prev not in w.construct_titles


def _word_at(toks: list[Token], starts: list[int], pos: int) -> int:
    """The first word whose span holds `pos` (words sharing a ligature share a span)."""
    n = bisect.bisect_right(starts, pos) - 1
    n = bisect.bisect_left(starts, starts[n]) if n >= 0 else n
    if n >= 0 and toks[n].start <= pos < toks[n].end:
        return n
    return next(i for i, t in enumerate(toks) if t.start <= pos < t.end)


def _entity_hits(text: str, toks: list[Token], lexicon: Lexicon[Entity]) -> list[Suggestion]:
    out = []
    for hit in lexicon.find(text, toks):
        for entity in sorted(hit.payloads, key=lambda e: (e.created_at, e.id)):
            out.append(
                Suggestion(
                    hit.start,
                    hit.end,
                    text[hit.start : hit.end],
                    entity.type,
                    "entity",
                    "entity",
                    entity.name,
                    entity.id,
                    "",
                    0.95,
                )
            )
    return out


def _from_rule(text: str, c: Candidate) -> Suggestion:
    quote = text[c.start : c.end]
    return Suggestion(
        c.start,
        c.end,
        quote,
        c.type,
        "rule",
        c.rule,
        c.name or quote,
        None,
        c.value,
        c.confidence,
    )


def candidates(text: str, lexicon: Lexicon[Entity] | None = None) -> list[Suggestion]:
    """Every candidate in a text, overlapping ones included (no library needed)."""
    toks = tokens(text)
    words()  # build the vocabularies once, outside the timed loops of callers
    found = [_from_rule(text, c) for c in all_rules(text, toks)]
    found += _gazetteer_hits(text, toks)
    if lexicon is not None:
        found += _entity_hits(text, toks, lexicon)
    return found


def resolve(found: Iterable[Suggestion], hiding: Iterable[Suggestion] = ()) -> list[Suggestion]:
    """No overlaps: the longest first, then by source (entity, gazetteer, rule), then the
    more confident; by start. `hiding`: suggestions not offered that still hide what
    overlaps them, as they would if offered (after the others of their length).

    Each suggestion is checked against the characters already taken (a byte per
    character), never against every suggestion chosen before it: a long article has
    tens of thousands of them.
    """
    rank = {s: n for n, s in enumerate(SOURCES)}
    ordered = sorted(
        [(s, False) for s in found if s.start < s.end]
        + [(s, True) for s in hiding if s.start < s.end],
        key=lambda h: (h[0].start - h[0].end, h[1], rank[h[0].source], -h[0].confidence,
                       h[0].start),
    )  # fmt: skip
    if not ordered:
        return []
    low = min(s.start for s, _ in ordered)
    taken = bytearray(max(s.end for s, _ in ordered) - low)
    chosen: list[Suggestion] = []
    for s, hidden in ordered:
        start, end = s.start - low, s.end - low
        if taken.find(1, start, end) >= 0:
            continue
        taken[start:end] = b"\x01" * (end - start)
        if not hidden:
            chosen.append(s)
    return sorted(chosen, key=lambda s: (s.start, s.end))
