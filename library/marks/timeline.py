"""The library in time: articles per day, week or month, and the mentions of chosen
entities per bucket, for the timeline picture.

Articles are placed by their own date (`articles.date`, counted with SQL GROUP BY on
its bucket). Mentions are placed either by the date of their article ("article") or by
the date the article speaks of ("mentioned"): the ISO value (`annotations.value`) of the
date mention nearest to the entity's mention in the same article, so a mention dated by
the text itself ("في 12 مارس 2021") counts once, in the time it is about. A value that
is only a year, or an article with no full date, has no place in day or week buckets
and is counted apart as undated.

A bucket is named by its first day ("2024-05-06" for the week that begins on Monday the
6th, "2024-05-01" for May); `bucket_end` gives its last, so a range of buckets is a
range of days that `Filters(date_from, date_to)` or `Filters(mentions_from, mentions_to)`
can narrow the library to.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from library.storage.filters import Filters
from library.storage.store import Library

DAY, WEEK, MONTH = "day", "week", "month"
UNITS = (DAY, WEEK, MONTH)
AUTO = "auto"
BY_ARTICLE, BY_MENTIONED = "article", "mentioned"
PLACINGS = (BY_ARTICLE, BY_MENTIONED)

# Up to this many days a day is a bucket, up to this many a week; past that, a month:
# about a hundred buckets at most before months take over.
_DAYS_BY_DAY = 92
_DAYS_BY_WEEK = 2 * 366

_FULL_DAY = "[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]*"
_MONTH_ONLY = "[0-9][0-9][0-9][0-9]-[0-1][0-9]"


def _bucket_sql(column: str, unit: str) -> str:
    """The SQL that gives a full date's bucket (its first day)."""
    day = f"substr({column}, 1, 10)"
    if unit == DAY:
        return day
    if unit == WEEK:
        # 'weekday 0' moves to the next Sunday (or stays on one): six days back is Monday.
        return f"date({day}, 'weekday 0', '-6 days')"
    if unit == MONTH:
        return f"substr({column}, 1, 7) || '-01'"
    raise ValueError(f"unknown unit {unit!r}; one of {', '.join(UNITS)}")


def _day(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None


def bucket_of(value: str, unit: str) -> str | None:
    """The bucket of an ISO date or a mention's value (an interval by its start): None if
    it has no place at `unit` (a year alone; a month alone below months; not a date)."""
    start = value.split("/", 1)[0].strip()
    day = _day(start) if len(start) >= 10 else None
    if day is None:
        if unit == MONTH and len(start) == 7 and _day(start + "-01") is not None:
            return start + "-01"
        return None
    if unit == DAY:
        return day.isoformat()
    if unit == WEEK:
        return (day - dt.timedelta(days=day.weekday())).isoformat()
    if unit == MONTH:
        return day.replace(day=1).isoformat()
    raise ValueError(f"unknown unit {unit!r}; one of {', '.join(UNITS)}")


def next_bucket(start: str, unit: str) -> str:
    day = dt.date.fromisoformat(start)
    if unit == DAY:
        return (day + dt.timedelta(days=1)).isoformat()
    if unit == WEEK:
        return (day + dt.timedelta(days=7)).isoformat()
    if unit == MONTH:
        year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
        return dt.date(year, month, 1).isoformat()
    raise ValueError(f"unknown unit {unit!r}; one of {', '.join(UNITS)}")


def bucket_end(start: str, unit: str) -> str:
    """The last day of the bucket that begins on `start`."""
    following = dt.date.fromisoformat(next_bucket(start, unit))
    return (following - dt.timedelta(days=1)).isoformat()


def buckets_between(first: str, last: str, unit: str) -> list[str]:
    """Every bucket from the one holding `first` to the one holding `last`, the empty ones
    included (a picture of time has no gaps)."""
    start, stop = bucket_of(first, unit), bucket_of(last, unit)
    if start is None or stop is None or stop < start:
        return []
    out = [start]
    while out[-1] < stop:
        out.append(next_bucket(out[-1], unit))
    return out


def choose_unit(first: str, last: str) -> str:
    """Days for a range of about three months, weeks up to two years, months past that."""
    a, b = _day(first), _day(last)
    if a is None or b is None:
        return MONTH
    days = abs((b - a).days)
    if days <= _DAYS_BY_DAY:
        return DAY
    return WEEK if days <= _DAYS_BY_WEEK else MONTH


def _where(filters: Filters | None, *conditions: str) -> tuple[str, list]:
    where, params = (filters or Filters()).sql()
    parts = [c for c in (*conditions, where) if c]
    return (" WHERE " + " AND ".join(parts)) if parts else "", params


def article_range(lib: Library, filters: Filters | None = None) -> tuple[str, str] | None:
    """The first and last full date of the articles (None if none has one)."""
    where, params = _where(filters, f"a.date GLOB '{_FULL_DAY}'")
    first, last = lib.conn.execute(
        f"SELECT min(substr(a.date, 1, 10)), max(substr(a.date, 1, 10)) FROM articles a{where}",
        params,
    ).fetchone()
    return (first, last) if first else None


def article_counts(lib: Library, unit: str, filters: Filters | None = None) -> dict[str, int]:
    """Articles per bucket of their date (only the buckets that have some)."""
    bucket = _bucket_sql("a.date", unit)
    where, params = _where(filters, f"a.date GLOB '{_FULL_DAY}'")
    counts = dict(
        lib.conn.execute(f"SELECT {bucket}, count(*) FROM articles a{where} GROUP BY 1", params)
    )
    if unit == MONTH:  # an article dated by its month alone still has its month
        where, params = _where(filters, f"a.date GLOB '{_MONTH_ONLY}'")
        for month, n in lib.conn.execute(
            f"SELECT a.date || '-01', count(*) FROM articles a{where} GROUP BY 1", params
        ):
            counts[month] = counts.get(month, 0) + n
    return counts


def undated_articles(lib: Library, unit: str, filters: Filters | None = None) -> int:
    """The articles the bars leave out: no date, or one too coarse for `unit`."""
    placed = f"a.date GLOB '{_FULL_DAY}'"
    if unit == MONTH:
        placed = f"({placed} OR a.date GLOB '{_MONTH_ONLY}')"
    where, params = _where(filters, f"NOT coalesce({placed}, 0)")
    return lib.conn.execute(f"SELECT count(*) FROM articles a{where}", params).fetchone()[0]


def mentioned_dates(
    lib: Library, article_ids: Iterable[int] | None = None
) -> dict[int, list[tuple[int, str]]]:
    """The ISO values of the date mentions, by article: (start offset, value), in order of
    the text. Only values that begin with a year (a "--03-12" has no place in time)."""
    sql = (
        "SELECT n.article_id, n.start, n.value FROM annotations n "
        "JOIN entities e ON e.id = n.entity_id "
        "WHERE e.type = 'date' AND n.value GLOB '[0-9][0-9][0-9][0-9]*'"
    )
    params: list = []
    if article_ids is not None:
        ids = sorted(set(article_ids))
        if not ids:
            return {}
        sql += f" AND n.article_id IN ({', '.join('?' * len(ids))})"
        params = ids
    found: dict[int, list[tuple[int, str]]] = {}
    for article_id, start, value in lib.conn.execute(
        sql + " ORDER BY n.article_id, n.start", params
    ):
        found.setdefault(article_id, []).append((start, value))
    return found


def _nearest(dates: Sequence[tuple[int, str]], offset: int) -> str | None:
    if not dates:
        return None
    return min(dates, key=lambda d: (abs(d[0] - offset), d[0]))[1]


def mention_counts(
    lib: Library,
    entity_ids: Sequence[str],
    unit: str,
    *,
    by: str = BY_ARTICLE,
    filters: Filters | None = None,
) -> tuple[dict[str, dict[str, int]], dict[str, int]]:
    """Mentions of each entity per bucket, and how many of each had no place in time.

    `by="article"`: at its article's date, counted in SQL. `by="mentioned"`: at the value
    of the date mention nearest to it in its article (`mentioned_dates`)."""
    if by not in PLACINGS:
        raise ValueError(f"unknown placing {by!r}; one of {', '.join(PLACINGS)}")
    counts: dict[str, dict[str, int]] = {e: {} for e in entity_ids}
    unplaced: dict[str, int] = dict.fromkeys(entity_ids, 0)
    if not entity_ids:
        return counts, unplaced
    marks = ", ".join("?" * len(entity_ids))
    where, params = _where(filters, f"n.entity_id IN ({marks})")
    join = " FROM annotations n JOIN articles a ON a.id = n.article_id"
    if by == BY_ARTICLE:
        bucket = _bucket_sql("a.date", unit)
        sql = (
            f"SELECT n.entity_id, CASE WHEN a.date GLOB '{_FULL_DAY}' THEN {bucket} "
            f"WHEN a.date GLOB '{_MONTH_ONLY}' AND ? THEN a.date || '-01' END, count(*)"
            f"{join}{where} GROUP BY 1, 2"
        )
        rows = lib.conn.execute(sql, [int(unit == MONTH), *entity_ids, *params])
        for entity_id, place, n in rows:
            if place is None:
                unplaced[entity_id] += n
            else:
                counts[entity_id][place] = n
        return counts, unplaced
    mentions = lib.conn.execute(
        f"SELECT n.entity_id, n.article_id, n.start{join}{where}", [*entity_ids, *params]
    ).fetchall()
    dates = mentioned_dates(lib, {article_id for _e, article_id, _s in mentions})
    for entity_id, article_id, start in mentions:
        value = _nearest(dates.get(article_id, ()), start)
        place = bucket_of(value, unit) if value else None
        if place is None:
            unplaced[entity_id] += 1
        else:
            bucket = counts[entity_id]
            bucket[place] = bucket.get(place, 0) + 1
    return counts, unplaced


@dataclass(frozen=True)
class Timeline:
    """What the picture draws: one bucket per step, the empty ones included."""

    unit: str
    by: str
    buckets: tuple[str, ...]
    articles: tuple[int, ...]  # articles per bucket, in the order of `buckets`
    undated: int  # articles with no place at this unit
    series: dict[str, tuple[int, ...]] = field(default_factory=dict)  # entity id → per bucket
    unplaced: dict[str, int] = field(default_factory=dict)  # entity id → mentions left out

    def range_of(self, first: int, last: int) -> tuple[str, str]:
        """The days that buckets `first`..`last` (indexes, either order) cover."""
        a, b = sorted((first, last))
        a, b = max(0, a), min(len(self.buckets) - 1, b)
        return self.buckets[a], bucket_end(self.buckets[b], self.unit)


def timeline(
    lib: Library,
    *,
    unit: str = AUTO,
    entity_ids: Sequence[str] = (),
    by: str = BY_ARTICLE,
    filters: Filters | None = None,
) -> Timeline:
    """Everything the timeline draws, in a few GROUP BY queries. `unit="auto"` chooses by
    the range of the dates (`choose_unit`)."""
    if unit != AUTO and unit not in UNITS:
        raise ValueError(f"unknown unit {unit!r}; one of {AUTO}, {', '.join(UNITS)}")
    span = article_range(lib, filters)
    ends = list(span or ())
    series: dict[str, dict[str, int]] = {}
    unplaced: dict[str, int] = dict.fromkeys(entity_ids, 0)
    if by == BY_MENTIONED and entity_ids:
        # The mentioned dates may lie far from the articles' own: the range holds both.
        series, unplaced = mention_counts(lib, entity_ids, DAY, by=by, filters=filters)
        ends += [b for counts in series.values() for b in counts]
    if not ends:
        undated = undated_articles(lib, MONTH, filters)
        nothing = dict.fromkeys(entity_ids, ())
        return Timeline(unit if unit != AUTO else MONTH, by, (), (), undated, nothing, unplaced)
    chosen = choose_unit(min(ends), max(ends)) if unit == AUTO else unit
    per_bucket = article_counts(lib, chosen, filters)
    ends += per_bucket  # an article dated by its month alone widens a range of months
    buckets = buckets_between(min(ends), max(ends), chosen)
    series, unplaced = mention_counts(lib, entity_ids, chosen, by=by, filters=filters)
    return Timeline(
        unit=chosen,
        by=by,
        buckets=tuple(buckets),
        articles=tuple(per_bucket.get(b, 0) for b in buckets),
        undated=undated_articles(lib, chosen, filters),
        series={e: tuple(series[e].get(b, 0) for b in buckets) for e in entity_ids},
        unplaced=unplaced,
    )
