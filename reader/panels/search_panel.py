"""The library search: a query box, a status line and the results with their snippets.

A result shows the article's title and the snippet, the matched words marked the same
way as in the article: rectangles painted under the text, never a format change. The
status line gives the exact number of matching articles; the list holds the pages loaded
so far and asks for the next one as it is scrolled to its end (`canFetchMore` and
`fetchMore`, which the view calls), through the panel's `more_wanted` signal.

The scope box beside the query chooses what is searched: the articles' Arabic text
(one result an article) or the translations (one result a segment, its translation's
snippet shown with the matched words marked; activating it opens the parallel view
there).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from library.search.engine import SearchHit, find_in_article
from library.translation.search import TranslationHit
from reader.views.highlight_painter import SpanStyle, paint_boxes
from reader.views.item_text import mark_boxes, text_layout
from reader.workers.search_jobs import TEXT, TRANSLATIONS

HitRole = Qt.ItemDataRole.UserRole + 1
SNIPPET_LINES = 2
PADDING = 6

_Index = QModelIndex | QPersistentModelIndex
Hit = SearchHit | TranslationHit


def hit_key(hit: Hit) -> int | str:
    """What a result stands for: an article, or (in the translations) a segment."""
    return hit.segment_id if isinstance(hit, TranslationHit) else hit.article_id


class ResultPage(Protocol):
    """A page of search results (reader.workers.search_jobs.SearchPage)."""

    @property
    def hits(self) -> list[Hit]: ...
    @property
    def offset(self) -> int: ...
    @property
    def total(self) -> int | None: ...


class SearchResultsModel(QAbstractListModel):
    more_wanted = Signal(str, int)  # query, offset: the list wants the next page

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.query = ""
        self.hits: list[Hit] = []
        self.total = 0  # articles (or segments) matching the query, loaded or not
        # The total is being counted (after a full first page): until it comes, `total`
        # is what is loaded, and the list fetches on while pages come back full.
        self.counting = False
        self._ids: set[int | str] = set()
        self._next = 0  # where the next page starts among the query's results
        self._fetching = False
        self._ended = False  # a page came back empty: nothing more to fetch

    def set_results(
        self, query: str, hits: list[Hit], total: int | None = None, *, counting: bool = False
    ) -> None:
        """The first results of `query`: `total` matches in all (None: `hits` are all of
        them), or, `counting`, a number still being counted (`set_count`)."""
        self.beginResetModel()
        self.query, self.hits = query, list(hits)
        self._ids = {hit_key(hit) for hit in self.hits}
        self.counting = counting
        self.total = len(self.hits) if total is None else max(total, len(self.hits))
        self._next = len(self.hits)
        self._fetching = False
        self._ended = False
        self.endResetModel()

    def set_count(self, query: str, total: int) -> bool:
        """How many match `query` in all, counted after its first page; False (ignored)
        when the list shows another query by now."""
        if query != self.query or not self.counting:
            return False
        self.counting = False
        self.total = max(total, len(self.hits))
        return True

    def add_results(self, query: str, offset: int, hits: list[Hit]) -> None:
        """A further page; dropped unless it continues the results shown."""
        if query != self.query or offset != self._next:
            return
        self._fetching = False
        self._next = offset + len(hits)
        # An article moved to the next page by an edit in between is shown once.
        new = [hit for hit in hits if hit_key(hit) not in self._ids]
        if not hits:  # fewer matches than counted: the library changed meanwhile
            self.total = len(self.hits)
            self._ended = True
        if new:
            first = len(self.hits)
            self.beginInsertRows(QModelIndex(), first, first + len(new) - 1)
            self.hits += new
            self._ids.update(hit_key(hit) for hit in new)
            self.endInsertRows()
        if self.counting:
            self.total = max(self.total, len(self.hits))

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        if parent.isValid() or self._fetching or self._ended:
            return False
        return self.counting or self._next < self.total

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent):
            self._fetching = True
            self.more_wanted.emit(self.query, self._next)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.hits)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.hits):
            return None
        hit = self.hits[index.row()]
        if role == HitRole:
            return hit
        if role == Qt.ItemDataRole.DisplayRole:
            return hit.title
        if role == Qt.ItemDataRole.AccessibleDescriptionRole:
            return hit.snippet
        if role == Qt.ItemDataRole.ToolTipRole and isinstance(hit, TranslationHit):
            return (
                self.tr("Segment %1 of “%2”")
                .replace("%1", str(hit.number))
                .replace("%2", hit.title)
            )
        return None


class SearchResultDelegate(QStyledItemDelegate):
    """Title on one line, then the snippet over two, matches marked under the text."""

    def __init__(
        self, model: SearchResultsModel, hit_colour: Callable[[], QColor], parent=None
    ) -> None:
        super().__init__(parent)
        self._model = model
        self._hit_colour = hit_colour
        self.content_font: QFont | None = None

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont]:
        body = QFont(self.content_font or option.font)
        title = QFont(body)
        title.setBold(True)
        return title, body

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        title, body = self._fonts(option)
        height = QFontMetricsF(title).height() + SNIPPET_LINES * QFontMetricsF(body).height()
        return QSize(200, int(height + 3 * PADDING))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        hit: SearchHit | None = index.data(HitRole)
        if hit is None:
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        ink = opt.palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        title_font, body_font = self._fonts(option)
        rect = opt.rect.adjusted(PADDING, PADDING, -PADDING, -PADDING)
        width = float(rect.width())
        painter.save()
        painter.setClipRect(opt.rect)
        painter.setPen(ink)

        title_text = QFontMetricsF(title_font).elidedText(
            " ".join(hit.title.split()), Qt.TextElideMode.ElideRight, width
        )
        title = text_layout(title_text, title_font, width, 1, opt.direction)
        origin = QPointF(rect.left(), rect.top())
        title.draw(painter, origin)

        snippet_text = " ".join(hit.snippet.split())
        snippet = text_layout(snippet_text, body_font, width, SNIPPET_LINES, opt.direction)
        snippet_origin = QPointF(
            rect.left(), rect.top() + QFontMetricsF(title_font).height() + PADDING / 2
        )
        painter.translate(snippet_origin)
        if not selected:
            if isinstance(hit, TranslationHit):  # the index's own matches, on one line
                spans = list(hit.matches)
            else:
                spans = find_in_article(snippet_text, self._model.query)  # code points
            paint_boxes(
                painter,
                mark_boxes(snippet, snippet_text, spans),
                self._hit_colour(),
                SpanStyle.FILL,
            )
        snippet.draw(painter, QPointF(0, 0))
        painter.restore()


class SearchPanel(QWidget):
    hit_activated = Signal(object, bool)  # SearchHit or TranslationHit, reader takes focus
    query_changed = Signal(str)
    scope_changed = Signal(str)  # TEXT or TRANSLATIONS
    query_entered = Signal(str)
    more_wanted = Signal(str, int)  # query, offset: load the next page of results

    def __init__(self, hit_colour: Callable[[], QColor], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.box = QLineEdit(self)
        self.box.setObjectName("searchBox")
        self.box.setClearButtonEnabled(True)
        self.scope = QComboBox(self)
        self.scope.setObjectName("searchScope")
        for scope in (TEXT, TRANSLATIONS):
            self.scope.addItem("", scope)
        self.scope.currentIndexChanged.connect(self._scope_changed)
        self.status = QLabel(self)
        self.status.setObjectName("searchStatus")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.model = SearchResultsModel(self)
        self.model.more_wanted.connect(self.more_wanted)
        self.results = QListView(self)
        self.results.setObjectName("searchResults")
        self.results.setModel(self.model)
        self.delegate = SearchResultDelegate(self.model, hit_colour, self.results)
        self.results.setItemDelegate(self.delegate)
        self.results.setUniformItemSizes(True)
        self.results.setAlternatingRowColors(True)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.box, 1)
        top.addWidget(self.scope)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(self.results, 1)
        self.setFocusProxy(self.box)
        self.setTabOrder(self.box, self.scope)
        self.setTabOrder(self.scope, self.results)

        self.box.textChanged.connect(self.query_changed)
        self.box.returnPressed.connect(self._entered)
        self.box.installEventFilter(self)
        self.results.activated.connect(lambda index: self._activate(index, True))
        self.results.clicked.connect(lambda index: self._activate(index, False))
        self._state: tuple[str, object] = ("idle", None)
        self.retranslate()

    def set_content_font(self, font: QFont) -> None:
        self.delegate.content_font = font
        # Uniform sizes are cached by the view; a new font needs a new layout pass.
        self.results.reset()

    def current_scope(self) -> str:
        return self.scope.currentData() or TEXT

    def set_scope(self, scope: str) -> None:
        """Choose the scope as the user would (what is shown is searched again)."""
        n = self.scope.findData(scope)
        if n >= 0:
            self.scope.setCurrentIndex(n)

    def _scope_changed(self, _index: int) -> None:
        # Results of the other scope mean nothing here: gone until the new ones come.
        self.model.set_results(self.model.query, [])
        self._state = ("idle", None)
        self._update_placeholder()
        self._update_status()
        self.scope_changed.emit(self.current_scope())

    def _entered(self) -> None:
        self.query_entered.emit(self.box.text())

    def eventFilter(self, watched, event: QEvent) -> bool:
        if (
            watched is self.box
            and event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Down
        ):
            if self.model.rowCount() > 0:
                self.results.setFocus()
                self.results.setCurrentIndex(self.model.index(0))
            return True
        return super().eventFilter(watched, event)

    def _activate(self, index: QModelIndex, focus: bool) -> None:
        hit = index.data(HitRole)
        if hit is not None:
            self.hit_activated.emit(hit, focus)

    # --- state shown in the status line ------------------------------------------------

    def show_searching(self, query: str) -> None:
        self._state = ("searching", query)
        self._update_status()

    def show_results(self, query: str, hits: list[Hit], total: int | None = None) -> None:
        """The first results of `query`, and how many articles match in all (`total`;
        None when `hits` are all of them)."""
        self.model.set_results(query, hits, total)
        self._state = ("results", query) if query.strip() else ("idle", None)
        self._update_status()

    def show_page(self, query: str, page: ResultPage) -> None:
        """A page from the search controller: the first replaces the list, the others
        are added to its end."""
        if page.offset == 0:
            counting = page.total is None and bool(page.hits)
            self.model.set_results(query, page.hits, page.total, counting=counting)
            self._state = ("results", query) if query.strip() else ("idle", None)
            self._update_status()
        else:
            self.model.add_results(query, page.offset, page.hits)
            self._update_status()

    def show_count(self, query: str, total: int) -> None:
        """How many match `query` in all, counted after its first page was shown."""
        if self.model.set_count(query, total):
            self._update_status()

    def show_error(self, query: str, message: str) -> None:
        self.model.set_results(query, [])
        self._state = ("error", message)
        self._update_status()

    def _update_status(self) -> None:
        kind, value = self._state
        count = self.model.total
        translations = self.current_scope() == TRANSLATIONS
        if kind == "searching":
            text = self.tr("Searching…")
        elif kind == "error":
            text = self.tr("Cannot search: %1").replace("%1", str(value))
        elif kind == "results" and count == 0:
            text = (
                self.tr("No translation matches.")
                if translations
                else self.tr("No articles match.")
            )
        elif kind == "results" and self.model.counting:
            found = (
                self.tr("Translated segments found: %1 so far, counting…")
                if translations
                else self.tr("Articles found: %1 so far, counting…")
            )
            text = found.replace("%1", QLocale().toString(count))
        elif kind == "results":
            found = (
                self.tr("Translated segments found: %1")
                if translations
                else self.tr("Articles found: %1")
            )
            text = found.replace("%1", QLocale().toString(count))
        elif translations:
            text = self.tr(
                "Type words to search every translation (case and accents do not matter); "
                "Enter searches at once."
            )
        else:
            text = self.tr("Type words to search every article; Enter searches at once.")
        self.status.setText(text)

    def _update_placeholder(self) -> None:
        if self.current_scope() == TRANSLATIONS:
            text = self.tr("Search the translations")
        else:
            text = self.tr("Search the library")
        self.box.setPlaceholderText(text)
        self.box.setAccessibleName(text)

    def retranslate(self) -> None:
        self.scope.setItemText(0, self.tr("Arabic text"))
        self.scope.setItemText(1, self.tr("Translations"))
        self.scope.setToolTip(self.tr("Search the articles’ Arabic text or their translations"))
        self.scope.setAccessibleName(self.tr("Search in"))
        self._update_placeholder()
        self.results.setAccessibleName(self.tr("Search results"))
        self._update_status()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
