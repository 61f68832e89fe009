"""The library list's pages and rows on big libraries: the id order's pages are found on
the ids' index, and `row_of` counts on each sort key's index; both must say exactly what
LIMIT/OFFSET and numbering every row say (NULL dates, equal keys, filters, both ways)."""

from __future__ import annotations

import pytest

from library.storage.articles import list_articles, row_of


@pytest.fixture
def listed(lib):
    rows = []
    for n in range(60):
        rows.append((
            f"خبر رقم {n % 7}", "نص", None if n % 4 == 0 else f"2024-0{1 + n % 3}-01",
            f"site-{n % 3}" if n % 5 else None, f"/x/{n}.txt", f"h{n}", n % 9,
        ))  # fmt: skip
    lib.conn.executemany(
        "INSERT INTO articles (title, body, date, site, source_path, format, encoding, raw,"
        " content_hash, words, imported_at) VALUES (?, ?, ?, ?, ?, 'text', 'utf-8', '', ?, ?, '')",
        rows,
    )
    lib.conn.execute("DELETE FROM articles WHERE id IN (5, 6, 30)")  # gaps in the ids
    for article_id, marks in ((3, 2), (8, 1), (9, 2), (20, 5), (44, 1), (57, 1)):
        for m in range(marks):
            lib.conn.execute(
                'INSERT INTO annotations (id, article_id, kind, start, "end", created_at,'
                " updated_at) VALUES (?, ?, 'highlight', 0, 1, '', '')",
                (f"{article_id}-{m}", article_id),
            )
    return lib


@pytest.mark.parametrize("sort", ["id", "title", "date", "words", "source", "annotations"])
@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("title_filter", ["", "رقم 3"])
def test_pages_and_rows_agree_with_the_whole_list(listed, sort, descending, title_filter):
    kw = {"sort": sort, "descending": descending, "title_filter": title_filter}
    everything = [a.id for a in list_articles(listed, **kw)]
    for offset in (0, 1, 7, 40, 47, 50, len(everything) - 3, len(everything), len(everything) + 5):
        page = [a.id for a in list_articles(listed, limit=5, offset=offset, **kw)]
        assert page == everything[offset : offset + 5]
    for position, article_id in enumerate(everything):
        assert row_of(listed, article_id, **kw) == position
    assert row_of(listed, 5, **kw) is None
