"""The ISO 8601 value of a date mention, whoever made it (a rule, the learned model, the
user's own selection): the date rules read the mention's words alone."""

from __future__ import annotations

from library.marks.suggest_rules import all_rules
from library.text.arabic import tokens

# A bare year is a date only after a cue (في 2020, عام 2020): a user who tagged "2020"
# as a date has given that cue, so its words are read once more after one.
_CUE = "في "


def _covering(text: str, offset: int) -> str | None:
    toks = tokens(text)
    if len(toks) <= (1 if offset else 0):
        return None
    first, last = toks[1 if offset else 0].start, toks[-1].end
    for c in all_rules(text, toks):
        if c.type == "date" and c.start <= first and c.end >= last:
            return c.value
    return None


def date_value(text: str) -> str:
    """The value of the date that `text` is as a whole ('' when the rules read no date
    there, or a date that does not cover all of its words: "قبل 12 مارس" is no date)."""
    found = _covering(text, 0)
    if found is None:
        found = _covering(_CUE + text, len(_CUE))
    return found or ""
