"""Conditions that narrow the articles a list or a search shows (an SQL condition on the
`articles` table aliased `a`): by source, date, article tag or mentioned entity."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Filters:
    """Narrow a search; None means no constraint. Dates are ISO strings, inclusive."""

    source: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    tag: str | None = None
    entity_id: str | None = None

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
        return " AND ".join(where), params
