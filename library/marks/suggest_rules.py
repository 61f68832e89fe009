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
- `dates`: dates in every month-name system, ranges, Hijri dates, numeric dates and
  years, each with an ISO 8601 value (`library.text.dates`).

Places come from the gazetteer (`library.marks.gazetteer`, used by `library.marks.suggest`).
Each rule sets a confidence from how often it is right: a title with a full name 0.9, a
given name and a surname 0.8, a surname linked back 0.7, a lone guess 0.5.
"""

from __future__ import annotations

from library.marks.rules.common import Candidate, SpanIndex, words
from library.marks.rules.dates import dates
from library.marks.rules.organisations import organisations, quoted
from library.marks.rules.persons import given_names, persons, surnames, titles
from library.marks.rules.places import places
from library.text.arabic import Token

__all__ = [
    "Candidate",
    "SpanIndex",
    "all_rules",
    "dates",
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
    return [
        *persons(text, toks, orgs),
        *orgs,
        *dates(text, toks),
        *places(text, toks),
        *quoted(text, toks),
    ]
