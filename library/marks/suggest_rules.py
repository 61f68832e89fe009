"""Rules that find candidate entity mentions in a text (pure functions, no library).

Each rule reads the words of the text (`library.text.arabic.tokens`) and returns `Candidate`s
(start, end, type, rule, name, value, confidence). Words are compared folded, and a
proclitic on a cue word is ignored (والرئيس, للرئيس, لمنظمة all count); spans never include
a proclitic, a title or a rank. A name never runs across punctuation: two words only belong
together when white space alone separates them. The rules live in `library.marks.rules`:

- `persons`: names after titles and ranks, names that start with a known given name
  (Arabic or foreign), a surname used alone after the full name;
- `organisations`: head nouns with their construct chains and adjectives, organisations
  known by one name or an acronym, names in guillemets (`quoted`);
- `described`: a name after a describing noun (شركة جيرا, صحيفة حرييت) and sports clubs;
- `events`: competitions, fairs and summits named after a place (معرض القاهرة الدولي
  للكتاب), suggested whole as events so the place inside is not;
- `dates`: dates in every month-name system, ranges, lists of months, seasons, Hijri
  dates, numeric dates and years, each with an ISO 8601 value (`library.text.dates`).

A one-word name in guillemets right after a person's full name is a nickname (`nicknames`).

Places come from the gazetteer (`library.marks.gazetteer`, used by `library.marks.suggest`).
Each rule sets a confidence from how often it is right: a title with a full name 0.9, a
given name and a surname 0.8, a surname linked back 0.7, a lone guess 0.5.
"""

from __future__ import annotations

from dataclasses import replace

from library.marks.rules.common import Candidate, SpanIndex, words
from library.marks.rules.dates import dates
from library.marks.rules.events import events
from library.marks.rules.organisations import organisations, quoted
from library.marks.rules.persons import given_names, persons, surnames, titles
from library.marks.rules.places import places
from library.text.arabic import Token

__all__ = [
    "Candidate",
    "SpanIndex",
    "all_rules",
    "dates",
    "events",
    "given_names",
    "organisations",
    "persons",
    "places",
    "quoted",
    "surnames",
    "titles",
    "words",
]


def all_rules(text: str, toks: list[Token]) -> list[Candidate]:
    orgs = organisations(text, toks)
    people = persons(text, toks, orgs)
    return [
        *people,
        *orgs,
        *dates(text, toks),
        *places(text, toks),
        *events(text, toks),
        *nicknames(text, quoted(text, toks), people),
    ]


# Words between a full name and its nickname in guillemets.
_KNOWN_AS = ("المعروف ب", "المعروفة ب", "الملقب ب", "الملقبة ب", "المعروف باسم", "الملقب")


def nicknames(text: str, found: list[Candidate], people: list[Candidate]) -> list[Candidate]:
    """A one-word name in guillemets right after a person's full name is that person's
    nickname (محمد حمدان دقلو «حميدتي»), not an organisation; after المعروف ب / الملقب ب
    it may be a kunya of up to three words (عمر محمد يوسف المعروف ب«أبو الليث»)."""
    ends = {c.end for c in people if " " in text[c.start : c.end]}
    out = []
    for c in found:
        before = text[: c.start].rstrip("« ")  # the text before the opening guillemet
        known = next((k for k in _KNOWN_AS if before.endswith(k)), "")
        before = before[: len(before) - len(known)].rstrip()
        size = text[c.start : c.end].count(" ") + 1
        nickname = size <= (3 if known else 1) and len(before) in ends
        out.append(replace(c, type="person", rule="nickname", confidence=0.7) if nickname else c)
    return out
