"""What every list shows, and nothing that needs the database: a search above the table,
the selected record's story beside it, the count and the buttons below.

``RecordListView`` builds a list of the database on it. Start-up shows one over the first
page it read before the database was opened (``FirstPageFrame``), until the real list,
laid out from the same settings, takes its place.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ui.formatting import count_text
from ui.labels import entity_title
from ui.models.lists import FirstPageModel, ListModel
from ui.settings import settings
from workbook.first_page import FirstPage


class ListFrame(QWidget):
    """The search, table, story, count and buttons of the list of ``entity``."""

    def __init__(
        self,
        entity: str,
        make_model: Callable[[QWidget], ListModel],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._entity = entity
        self.model = make_model(self)
        self.table = QTableView()
        self.table.setObjectName(f"{entity}-table")
        self.table.setModel(self.model)
        # No indicator first: enabling sorting then keeps the list's own default order.
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.horizontalHeader().setSortIndicatorShown(True)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.detail = QTextBrowser()
        self.detail.setOpenLinks(False)
        self.count_label = QLabel()
        self.count_label.setObjectName("count")
        self.search = QLineEdit(
            placeholderText=self.tr("Search {entities}…").format(
                entities=entity_title(entity, plural=True)
            )
        )
        self.search.setClearButtonEnabled(True)
        # as high as the choices and dates a list adds beside it, whichever it adds: the table
        # stays put when the list start-up showed gives way to the real one
        self.search.setMinimumHeight(
            max(QComboBox().sizeHint().height(), QDateEdit().sizeHint().height())
        )
        #: the search, then the filters a list adds
        self.filter_bar = QHBoxLayout()
        self.filter_bar.addWidget(self.search, 2)

        self.splitter = QSplitter()
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(self.filter_bar)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(self._button_bar())
        self._restore_layout()
        self._update_count()

    @property
    def entity(self) -> str:
        """The kind of record listed."""
        return self._entity

    def _button_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        bar.addWidget(self.count_label)
        bar.addStretch()
        self.new_button = QPushButton(
            self.tr("New {entity}…").format(entity=entity_title(self._entity))
        )
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.delete_button = QPushButton(self.tr("Delete…"))
        self._action_bar = bar
        for button in (self.new_button, self.edit_button, self.delete_button):
            bar.addWidget(button)
        return bar

    def _update_count(self) -> None:
        count = self.model.rowCount()
        query = self.search.text().strip()
        if count == 0 and query:
            # an empty list says why it is empty, instead of looking broken
            nothing = self.tr("No {entities} match “{query}”.").format(
                entities=entity_title(self._entity, plural=True), query=query
            )
            self.count_label.setText(nothing)
            self.detail.setPlainText(nothing)
            return
        self.count_label.setText(
            self.tr("{n} {entities}").format(
                n=count_text(count), entities=entity_title(self._entity, plural=count != 1)
            )
        )

    # -- layout, kept between sessions ---------------------------------------------------------
    def _settings_key(self, what: str) -> str:
        return f"views/{self._entity}/{what}"

    _sizing = False

    def _restore_layout(self) -> None:
        store = settings()
        header = store.value(self._settings_key("columns"))
        self._sized = isinstance(header, QByteArray) and self.table.horizontalHeader().restoreState(
            header
        )
        if self._sized:
            self._at_least_headers()
        else:
            # widths from the rows once there are rows: a list still empty here (its rows
            # come from the worker) would give every column its header's width
            self._size_columns_from_sample()
            self.model.modelReset.connect(self._size_when_filled)
            self.model.rowsInserted.connect(self._size_when_filled)
            # a width the user sets is kept, filled or not
            self.table.horizontalHeader().sectionResized.connect(self._resized)
        splitter = store.value(self._settings_key("splitter"))
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)

    def _resized(self, column: int, _old: int, _new: int) -> None:
        # the last column stretches with the window by itself
        if not self._sizing and column < self.model.columnCount() - 1:
            self._sized = True

    def _size_when_filled(self) -> None:
        if self._sized or self.model.rowCount() == 0:
            return
        self._size_columns_from_sample()
        self._sized = True
        for signal in (self.model.modelReset, self.model.rowsInserted):
            signal.disconnect(self._size_when_filled)

    def _header_width(self, column: int) -> int:
        text = str(self.model.headerData(column, Qt.Orientation.Horizontal) or "")
        return self.table.fontMetrics().horizontalAdvance(text) + 32  # and its sort arrow

    def _at_least_headers(self) -> None:
        """No column narrower than its header (widths kept from an older session may be)."""
        for column in range(self.model.columnCount()):
            wanted = self._header_width(column)
            if self.table.columnWidth(column) < wanted:
                self.table.setColumnWidth(column, wanted)

    def _size_columns_from_sample(self, sample: int = 60) -> None:
        """Widths from the header and the first rows (never from all rows: too slow); the
        last column takes what is left."""
        metrics = self.table.fontMetrics()
        rows = min(sample, self.model.rowCount())
        self._sizing = True
        try:
            for column in range(self.model.columnCount()):
                texts = [str(self.model.index(r, column).data() or "") for r in range(rows)]
                content = max((metrics.horizontalAdvance(t) for t in texts), default=0) + 24
                width = max(self._header_width(column), min(content, 320))
                self.table.setColumnWidth(column, width)
        finally:
            self._sizing = False

    def save_layout(self) -> None:
        store = settings()
        if self._sized:  # widths of a list never filled are not worth keeping
            store.setValue(self._settings_key("columns"), self.table.horizontalHeader().saveState())
        store.setValue(self._settings_key("splitter"), self.splitter.saveState())


class FirstPageFrame(ListFrame):
    """A list over the first page start-up read, shown until the database is open."""

    def __init__(self, page: FirstPage, parent: QWidget | None = None) -> None:
        super().__init__(page.entity, lambda frame: FirstPageModel(page, frame), parent)
