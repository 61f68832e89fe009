"""Conditions that narrow the articles a list or a search shows (an SQL condition on the
`articles` table aliased `a`): by source, date, article tag, mentioned entity, the
publisher or an author (schema 5), or the dates the article mentions.

A mentioned date is the mention's ISO 8601 value (`annotations.value`, migration 4): a
day, a month, a year or an interval `start/end`. It counts when its span of time meets
the asked range. The comparison is on the text: a partial date as a start is its first
day ("2024-03" sorts before every "2024-03-DD"), and as an end it is made to sort after
all of its days by appending "~" (after every digit and "-"). Year-less values
("--03-12") have no place in time and never match."""

from __future__ import annotations

from dataclasses import dataclass

# The authors as JSON that json_each can read: a value another program wrote badly is none.
AUTHORS_JSON = "CASE WHEN json_valid(a.authors) THEN a.authors ELSE '[]' END"

# The two ends of a mention's value: an interval "start/end", or one date for both.
_SLASH = "instr(n.value, '/')"
_VALUE_START = f"CASE {_SLASH} WHEN 0 THEN n.value ELSE substr(n.value, 1, {_SLASH} - 1) END"
_VALUE_END = f"CASE {_SLASH} WHEN 0 THEN n.value ELSE substr(n.value, {_SLASH} + 1) END"

TRANSLATION_STATUSES = ("untranslated", "in-progress", "translated", "reviewed")
_ANY_TARGET = "EXISTS (SELECT 1 FROM segments s WHERE s.article_id = a.id AND s.target != '')"
_ANY_SEGMENT = "EXISTS (SELECT 1 FROM segments s WHERE s.article_id = a.id)"
_DONE = "'translated', 'reviewed'"
_REVIEWED = "'reviewed'"


def _not_all(statuses: str) -> str:
    return (
        "EXISTS (SELECT 1 FROM segments s WHERE s.article_id = a.id "
        f"AND s.status NOT IN ({statuses}))"
    )


def _translation_condition(status: str) -> str:
    if status == "untranslated":
        return f"NOT {_ANY_TARGET}"
    if status == "in-progress":
        return f"({_ANY_TARGET} AND {_not_all(_DONE)})"
    if status == "translated":
        return f"({_ANY_SEGMENT} AND NOT {_not_all(_DONE)})"
    if status == "reviewed":
        return f"({_ANY_SEGMENT} AND NOT {_not_all(_REVIEWED)})"
    raise ValueError(
        f"unknown translation status {status!r}; one of {', '.join(TRANSLATION_STATUSES)}"
    )


@dataclass
class Filters:
    """Narrow a search; None means no constraint. Dates are ISO strings, inclusive."""

    source: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    tag: str | None = None
    entity_id: str | None = None
    mentions_from: str | None = None
    mentions_to: str | None = None
    publisher: str | None = None  # exactly this publisher (articles.site)
    author: str | None = None  # one of the article's authors, exactly
    # Translation status (`TRANSLATION_STATUSES`, schema 6): "untranslated" (no segment
    # has a translation, or never cut), "in-progress" (some have one, not every one is
    # translated or reviewed), "translated" (every one is translated or reviewed, so the
    # reviewed articles too), "reviewed" (every one is reviewed).
    translation_status: str | None = None

    def sql(self) -> tuple[str, list]:
        where, params = [], []
        if self.source:
            where.append("(a.site = ? OR a.source_path = ? OR instr(a.source_path, ?) > 0)")
            params += [self.source, self.source, self.source]
        if self.date_from:
            where.append("substr(a.date, 1, 10) >= ?")
            params.append(self.date_from[:10])
        if self.date_to:
            where.append("substr(a.date, 1, 10) <= ?")
            params.append(self.date_to[:10])
        if self.tag:
            where.append(
                "EXISTS (SELECT 1 FROM article_tags x JOIN tags g ON g.id = x.tag_id "
                "WHERE x.article_id = a.id AND g.name = ?)"
            )
            params.append(self.tag)
        if self.entity_id:
            where.append(
                "EXISTS (SELECT 1 FROM annotations n WHERE n.article_id = a.id AND n.entity_id = ?)"
            )
            params.append(self.entity_id)
        if self.publisher:
            where.append("a.site = ?")
            params.append(self.publisher)
        if self.author:
            # The first term lets the planner read the authors' index (migration 7).
            where.append(
                f"a.authors != '[]' AND EXISTS (SELECT 1 FROM json_each({AUTHORS_JSON}) j "
                "WHERE j.value = ?)"
            )
            params.append(self.author)
        if self.translation_status:
            where.append(_translation_condition(self.translation_status))
        if self.mentions_from or self.mentions_to:
            meets = []
            if self.mentions_to:
                meets.append(f"({_VALUE_START}) <= ?")
                params.append(self.mentions_to)
            if self.mentions_from:
                meets.append(f"({_VALUE_END}) || '~' >= ?")
                params.append(self.mentions_from)
            where.append(
                "EXISTS (SELECT 1 FROM annotations n WHERE n.article_id = a.id "
                "AND n.value GLOB '[0-9]*' AND " + " AND ".join(meets) + ")"
            )
        return " AND ".join(where), params
