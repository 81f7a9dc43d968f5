"""A table model that pages an entity's list from the database; sorting and filters in SQL."""

from __future__ import annotations

import uuid
from collections import OrderedDict
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ui.formatting import display
from ui.labels import field_label
from workbook.db import Database
from workbook.services import RowView, count_rows, list_rows, spec_for

DISPLAY = Qt.ItemDataRole.DisplayRole
TOOLTIP = Qt.ItemDataRole.ToolTipRole
ALIGN = Qt.ItemDataRole.TextAlignmentRole
HORIZONTAL = Qt.Orientation.Horizontal
RECORD_ID_ROLE = Qt.ItemDataRole.UserRole + 1
NUMERIC = ("int", "float")
Index = QModelIndex | QPersistentModelIndex


class RecordTableModel(QAbstractTableModel):
    """Holds at most ``max_pages`` pages of rows; the rest stays in the database."""

    page_size = 200
    max_pages = 6

    def __init__(self, db: Database, entity: str, parent: Any = None) -> None:
        super().__init__(parent)
        self._db = db
        self._spec = spec_for(entity)
        self._pages: OrderedDict[int, list[RowView]] = OrderedDict()
        self._count = 0
        self._search: str | None = None
        self._filters: dict[str, Any] = {}
        self._sort: str | None = None
        self._descending: bool | None = None
        self.reload()

    @property
    def entity(self) -> str:
        return self._spec.entity

    @property
    def column_keys(self) -> list[str]:
        return [c.key for c in self._spec.columns]

    def fetched_rows(self) -> int:
        """How many rows are held in memory (for tests and benchmarks)."""
        return sum(len(page) for page in self._pages.values())

    def reload(self) -> None:
        self.beginResetModel()
        self._pages.clear()
        with self._db.reading() as session:
            self._count = count_rows(
                session, self.entity, search=self._search, filters=self._filters
            )
        self.endResetModel()

    def set_query(self, *, search: str | None, filters: dict[str, Any]) -> None:
        self._search, self._filters = search or None, dict(filters)
        self.reload()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._spec.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        if orientation == HORIZONTAL and role == DISPLAY and 0 <= section < self.columnCount():
            return field_label(self._spec.columns[section].key)
        return None

    def _row(self, row: int) -> RowView | None:
        if not 0 <= row < self._count:
            return None
        number = row // self.page_size
        page = self._pages.get(number)
        if page is None:
            with self._db.reading() as session:
                page = list_rows(
                    session,
                    self.entity,
                    search=self._search,
                    filters=self._filters,
                    sort=self._sort,
                    descending=self._descending,
                    offset=number * self.page_size,
                    limit=self.page_size,
                )
            self._pages[number] = page
            while len(self._pages) > self.max_pages:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        offset = row - number * self.page_size
        return page[offset] if offset < len(page) else None

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid() or not 0 <= index.column() < len(self._spec.columns):
            return None
        row = self._row(index.row())
        if row is None:
            return None
        column = self._spec.columns[index.column()]
        if role in (DISPLAY, TOOLTIP):
            return display(row.cells[index.column()], column.kind)
        if role == RECORD_ID_ROLE:
            return str(row.id)
        if role == ALIGN and column.kind in NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self._spec.columns):
            return
        self._sort = self._spec.columns[column].key
        self._descending = order == Qt.SortOrder.DescendingOrder
        self.reload()

    def record_at(self, row: int) -> tuple[uuid.UUID, int] | None:
        """The id and version of the record shown in ``row``."""
        found = self._row(row)
        return (found.id, found.version) if found else None

    def row_of(self, record_id: uuid.UUID) -> int | None:
        """The row of a record among the pages held (the first page at least), if it is there."""
        self._row(0)
        for number, page in self._pages.items():
            for offset, row in enumerate(page):
                if row.id == record_id:
                    return number * self.page_size + offset
        return None
