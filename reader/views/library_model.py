"""The library list as a table model that never holds the whole library.

Rows come from SQL one page at a time (library.storage.articles.list_articles with LIMIT/OFFSET)
into a small least-recently-used cache, so opening a library of any size costs one count
and one page, and scrolling through all of it keeps at most MAX_PAGES pages in memory.
The row count is known up front, so the scroll bar is true from the first paint.
Sorting and filtering are SQL too: they drop the cache and start again.

Beside the summary's columns, optional ones show an article's metadata (authors,
publisher, section, language, modified date): read for a whole page at once
(`library.storage.metadata.metadata_for`) the first time one of them is painted, and
kept with the page. The "Translated" column (segments translated or reviewed, of all)
is read the same way (`library.translation.segments.progress`). The user picks the
columns shown (`COLUMN_KEYS`, by name in the settings); the metadata and translation
columns do not sort.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)

from library.changes import Changes
from library.storage import articles
from library.storage.articles import ArticleSummary
from library.storage.metadata import Metadata, metadata_for
from library.storage.store import Library, describe_error
from library.translation.segments import articles_of, progress
from reader.look.labels import local_date
from reader.messages import plain_tooltip

TITLE, SOURCE, DATE, WORDS, ANNOTATIONS, AUTHOR, PUBLISHER, SECTION, LANGUAGE, MODIFIED = range(10)
TRANSLATED = 10
COLUMN_COUNT = 11
# Each column's name in the settings (which columns the user chose to see).
COLUMN_KEYS = {
    TITLE: "title",
    SOURCE: "source",
    DATE: "date",
    WORDS: "words",
    ANNOTATIONS: "annotations",
    AUTHOR: "author",
    PUBLISHER: "publisher",
    SECTION: "section",
    LANGUAGE: "language",
    MODIFIED: "modified",
    TRANSLATED: "translated",
}
DEFAULT_COLUMNS = ("title", "source", "date", "words", "annotations")
METADATA_COLUMNS = (AUTHOR, PUBLISHER, SECTION, LANGUAGE, MODIFIED)
SORT_KEYS = {
    TITLE: "title",
    SOURCE: "source",
    DATE: "date",
    WORDS: "words",
    ANNOTATIONS: "annotations",
}

ArticleIdRole = Qt.ItemDataRole.UserRole + 1
SummaryRole = Qt.ItemDataRole.UserRole + 2

_Index = QModelIndex | QPersistentModelIndex
_ROW_ROLES = frozenset(
    {Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, ArticleIdRole, SummaryRole}
)
_TEXT_ROLES = frozenset({Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole})


def source_name(summary: ArticleSummary) -> str:
    if summary.site:
        return summary.site
    return Path(summary.source).name if summary.source else ""


@dataclass(frozen=True)
class Scope:
    """What the library list is narrowed to besides the title filter (None: anything):
    an article tag's name, an entity's id, a publisher, an author, a translation status
    (`library.storage.filters.TRANSLATION_STATUSES`)."""

    tag: str | None = None
    entity: str | None = None
    publisher: str | None = None
    author: str | None = None
    translation_status: str | None = None

    def __bool__(self) -> bool:
        return any((self.tag, self.entity, self.publisher, self.author, self.translation_status))

    def query(self) -> dict:
        """As `library.storage.articles`' keyword arguments."""
        return {"tag": self.tag, "entity_id": self.entity, "publisher": self.publisher,
                "author": self.author, "translation_status": self.translation_status}  # fmt: skip


@dataclass(frozen=True)
class Period:
    """A range of days the list is narrowed to (the timeline's brush), inclusive ISO
    dates: by the articles' own date, or (`mentioned`) by the dates they mention."""

    start: str
    end: str
    mentioned: bool = False

    def query(self) -> dict:
        """As `library.storage.articles`' keyword arguments (`Filters`' names)."""
        if self.mentioned:
            return {"mentions_from": self.start, "mentions_to": self.end}
        return {"date_from": self.start, "date_to": self.end}


class LibraryModel(QAbstractTableModel):
    PAGE_SIZE = 200
    MAX_PAGES = 8
    # A page of the list could not be read (a damaged library): said once, in plain words.
    read_failed = Signal(str)

    def __init__(self, lib: Library, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lib = lib
        self._sort = "id"
        self._descending = False
        self._filter = ""
        self._scope = Scope()
        self._period: Period | None = None  # beside the scope: the timeline sets it
        self._count = 0
        self._pages: OrderedDict[int, list[ArticleSummary]] = OrderedDict()
        # The metadata of a loaded page's articles, read when a metadata column is painted.
        self._metadata: dict[int, dict[int, Metadata]] = {}
        # The translation progress of a loaded page's articles, read when its column is painted.
        self._progress: dict[int, dict[int, tuple[int, int]]] = {}
        self.page_queries = 0  # how many page queries ran: the tests watch this
        self.failure = ""  # why a page could not be read, until the next refresh
        self._count = self._counted()

    # --- state -------------------------------------------------------------------------

    @property
    def library(self) -> Library:
        return self._lib

    def set_library(self, lib: Library) -> None:
        self._lib = lib
        self.refresh()

    @property
    def title_filter(self) -> str:
        return self._filter

    def set_title_filter(self, text: str) -> None:
        text = text.strip()
        if text != self._filter:
            self._filter = text
            self.refresh()

    @property
    def scope(self) -> Scope:
        """What the list is narrowed to besides the title filter."""
        return self._scope

    def set_scope(self, scope: Scope) -> None:
        if scope != self._scope:
            self._scope = scope
            self.refresh()

    @property
    def period(self) -> Period | None:
        return self._period

    def set_period(self, period: Period | None) -> None:
        if period != self._period:
            self._period = period
            self.refresh()

    def _query(self) -> dict:
        """The scope and the period as `library.storage.articles`' keyword arguments."""
        return {**self._scope.query(), **(self._period.query() if self._period else {})}

    @property
    def filtered(self) -> bool:
        return bool(self._filter or self._scope or self._period)

    def apply_changes(self, changes: Changes) -> None:
        """Bring the list up to date with an edit, as cheaply as it allows: rows come or go,
        or move under the sort or the filter, only with a refresh; otherwise only the
        loaded rows of the changed articles are read again and repainted (`dataChanged`)."""
        if self.needs_refresh(changes):
            self.refresh()
            return
        self._segments_changed(changes)
        changed = changes.articles | changes.tagged
        rows = [
            number * self.PAGE_SIZE + n
            for number, page in self._pages.items()
            for n, summary in enumerate(page)
            if summary.id in changed
        ]
        if not rows:
            return
        for number in {row // self.PAGE_SIZE for row in rows}:
            self._pages.pop(number, None)  # read again on the next paint
            self._metadata.pop(number, None)
        last = COLUMN_COUNT - 1
        for row in sorted(rows):
            self.dataChanged.emit(self.index(row, 0), self.index(row, last))

    def _segments_changed(self, changes: Changes) -> None:
        """Repaint the progress of the loaded articles whose segments changed."""
        if not changes.segments or not self._progress:
            return
        try:
            touched = articles_of(self._lib, changes.segments)
        except Exception as exc:  # a damaged library: said once, never raised into Qt
            self._read_failed(exc)
            return
        for number in list(self._progress):
            page = self._pages.get(number, [])
            hits = [n for n, summary in enumerate(page) if summary.id in touched]
            if not hits:
                continue
            del self._progress[number]
            for n in hits:
                index = self.index(number * self.PAGE_SIZE + n, TRANSLATED)
                self.dataChanged.emit(index, index)

    def needs_refresh(self, changes: Changes) -> bool:
        if changes.everything or changes.content:
            return True
        if self._scope.translation_status is not None and changes.segments:
            return True
        scope = self._scope
        if scope.tag is not None and (changes.tags or changes.tagged):
            return True
        if scope.entity is not None and (changes.entities or changes.articles):
            return True
        # An Article Info edit of the publisher is content; of the authors, an article;
        # a mentioned date (the period's `mentioned`) is an annotation of an article.
        if (scope.publisher or scope.author or self._period) and changes.articles:
            return True
        return self._sort == "annotations" and bool(changes.articles)

    def _counted(self) -> int:
        return articles.count(self._lib, self._filter, **self._query())

    @property
    def sort_key(self) -> tuple[str, bool]:
        return self._sort, self._descending

    def refresh(self) -> None:
        """Forget every loaded row and count again (after an import, a sort, a filter)."""
        self.beginResetModel()
        self._pages.clear()
        self._metadata.clear()
        self._progress.clear()
        self.failure = ""
        self._count = self._counted()
        self.endResetModel()

    def loaded_rows(self) -> int:
        return sum(len(page) for page in self._pages.values())

    # --- rows --------------------------------------------------------------------------

    def summary(self, row: int) -> ArticleSummary | None:
        if not 0 <= row < self._count:
            return None
        number = row // self.PAGE_SIZE
        page = self._pages.get(number)
        if page is None:
            try:
                page = articles.list_articles(
                    self._lib,
                    limit=self.PAGE_SIZE,
                    offset=number * self.PAGE_SIZE,
                    sort=self._sort,
                    descending=self._descending,
                    title_filter=self._filter,
                    **self._query(),
                )
            except Exception as exc:  # asked while painting: never raise into Qt
                page = []  # shown empty, not asked again at every paint
                self._read_failed(exc)
            self.page_queries += 1
            self._pages[number] = page
            while len(self._pages) > self.MAX_PAGES:
                gone, _rows = self._pages.popitem(last=False)
                self._metadata.pop(gone, None)
                self._progress.pop(gone, None)
        else:
            self._pages.move_to_end(number)
        index = row % self.PAGE_SIZE
        return page[index] if index < len(page) else None

    def metadata(self, row: int) -> Metadata | None:
        """The metadata of the article on `row` (read with the rest of its page)."""
        summary = self.summary(row)
        if summary is None:
            return None
        number = row // self.PAGE_SIZE
        found = self._metadata.get(number)
        if found is None:
            page = self._pages.get(number, [])
            try:
                found = metadata_for(self._lib, [s.id for s in page])
            except Exception as exc:  # asked while painting: never raise into Qt
                found = {}
                self._read_failed(exc)
            self._metadata[number] = found
        return found.get(summary.id)

    def progress(self, row: int) -> tuple[int, int] | None:
        """(segments translated or reviewed, segments) of the article on `row`, read with
        the rest of its page; (0, 0) for an article never cut."""
        summary = self.summary(row)
        if summary is None:
            return None
        number = row // self.PAGE_SIZE
        found = self._progress.get(number)
        if found is None:
            page = self._pages.get(number, [])
            try:
                found = progress(self._lib, [s.id for s in page])
            except Exception as exc:  # asked while painting: never raise into Qt
                found = {}
                self._read_failed(exc)
            self._progress[number] = found
        return found.get(summary.id)

    def _read_failed(self, exc: BaseException) -> None:
        if self.failure:
            return
        self.failure = describe_error(exc, self._lib.path)
        # After the paint that asked for the row: a message box must not open inside it.
        QTimer.singleShot(0, lambda: self.read_failed.emit(self.failure))

    def article_id(self, row: int) -> int | None:
        summary = self.summary(row)
        return summary.id if summary else None

    def row_of(self, article_id: int) -> int | None:
        """The row showing `article_id` under the current sort and filter, or None."""
        return articles.row_of(
            self._lib,
            article_id,
            sort=self._sort,
            descending=self._descending,
            title_filter=self._filter,
            **self._query(),
        )

    # --- Qt model ----------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            numeric = index.column() in (WORDS, ANNOTATIONS, TRANSLATED)
            return (
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if numeric
                else None
            )
        if role not in _ROW_ROLES:
            return None
        if index.column() == TRANSLATED and role in _TEXT_ROLES:
            return _progress_value(self.progress(index.row()), role)
        if index.column() in METADATA_COLUMNS and role in _TEXT_ROLES:
            meta = self.metadata(index.row())
            return None if meta is None else _metadata_value(meta, index.column(), role)
        summary = self.summary(index.row())
        return None if summary is None else _value(summary, index.column(), role)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            TITLE: self.tr("Title"),
            SOURCE: self.tr("Source"),
            DATE: self.tr("Date"),
            WORDS: self.tr("Words"),
            ANNOTATIONS: self.tr("Notes"),
            AUTHOR: self.tr("Author"),
            PUBLISHER: self.tr("Publisher"),
            SECTION: self.tr("Section"),
            LANGUAGE: self.tr("Language"),
            MODIFIED: self.tr("Modified"),
            TRANSLATED: self.tr("Translated"),
        }.get(section)

    @staticmethod
    def sortable(column: int) -> bool:
        return column in SORT_KEYS

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if column not in SORT_KEYS and column >= 0:
            return  # a metadata column: the list keeps its order
        key = SORT_KEYS.get(column, "id")
        descending = order == Qt.SortOrder.DescendingOrder
        if (key, descending) != (self._sort, self._descending):
            self._sort, self._descending = key, descending
            self.refresh()


def _value(summary: ArticleSummary, column: int, role: int):
    if role == ArticleIdRole:
        return summary.id
    if role == SummaryRole:
        return summary
    if role == Qt.ItemDataRole.ToolTipRole:
        # Tooltips guess at rich text; article data must stay plain (never interpreted).
        text = {TITLE: summary.title, SOURCE: summary.source, DATE: summary.date}.get(column)
        return plain_tooltip(text) if text else None
    return _display(summary, column)


def _display(summary: ArticleSummary, column: int) -> str:
    locale = QLocale()
    texts = {
        TITLE: lambda: summary.title,
        SOURCE: lambda: source_name(summary),
        # The day is enough in a list; the full timestamp is in the tooltip.
        DATE: lambda: local_date(summary.date),
        WORDS: lambda: locale.toString(summary.words),
        ANNOTATIONS: lambda: locale.toString(summary.annotations) if summary.annotations else "",
    }
    return texts[column]() if column in texts else ""


def _metadata_value(meta: Metadata, column: int, role: int) -> str | None:
    text = {
        AUTHOR: meta.author,
        PUBLISHER: meta.publisher,
        SECTION: meta.section,
        LANGUAGE: meta.language,
        MODIFIED: meta.modified,
    }.get(column)
    if not text:
        return None
    if role == Qt.ItemDataRole.ToolTipRole:
        return plain_tooltip(text)
    return local_date(text) if column == MODIFIED else text


def _progress_value(found: tuple[int, int] | None, role: int) -> str | None:
    """ "12/40" (translated or reviewed of all segments); nothing for an article never cut."""
    if not found or not found[1]:
        return None
    done, total = found
    locale = QLocale()
    if role == Qt.ItemDataRole.ToolTipRole:
        return (
            QCoreApplication.translate("LibraryModel", "%1 of %2 segments translated")
            .replace("%1", locale.toString(done))
            .replace("%2", locale.toString(total))
        )
    return f"{locale.toString(done)}/{locale.toString(total)}"
