"""A table model that pages an entity's list from the database; sorting and filters in SQL."""

from __future__ import annotations

import uuid
from collections import OrderedDict
from typing import Any

from PySide6.QtCore import Qt

from ui.errors import show_known
from ui.models.lists import ListModel
from workbook.db import Database
from workbook.errors import KnownError
from workbook.rows import RowView
from workbook.services import (
    ListQuery,
    count_rows,
    list_page,
    ordered_ids,
    rows_by_id,
    spec_for,
)

ID_BYTES = 16


class RecordTableModel(ListModel):
    """Holds at most ``max_pages`` pages of rows; the rest stays in the database.

    The first ``offset_pages`` pages are read with OFFSET. A page beyond them (the scroll bar
    dragged down a long list) is read by the ids of its rows: the list's ids, in order, are
    read once (16 bytes a row) so that every deep page costs what the first one does.
    """

    page_size = 200
    max_pages = 6
    offset_pages = 10

    def __init__(self, db: Database, entity: str, parent: Any = None) -> None:
        spec = spec_for(entity)
        super().__init__(entity, [(c.key, c.kind) for c in spec.columns], parent)
        self._db = db
        self._spec = spec
        self._pages: OrderedDict[int, list[RowView | None]] = OrderedDict()
        self._ids: bytes | None = None
        self._search: str | None = None
        self._filters: dict[str, Any] = {}
        self._sort: str | None = None
        self._descending: bool | None = None
        self.reload()

    def fetched_rows(self) -> int:
        """How many rows are held in memory (for tests and benchmarks)."""
        return sum(len(page) for page in self._pages.values())

    def reload(self) -> None:
        # read first: a server that does not answer leaves the list as it was, not half reset
        with self._db.reading() as session:
            count = count_rows(session, self.entity, search=self._search, filters=self._filters)
        self.beginResetModel()
        self._pages.clear()
        self._ids = None
        self._count = count
        self.endResetModel()

    def set_query(self, *, search: str | None, filters: dict[str, Any]) -> None:
        self._search, self._filters = search or None, dict(filters)
        self.reload()

    def _row(self, row: int) -> RowView | None:
        if not 0 <= row < self._count:
            return None
        number = row // self.page_size
        page = self._pages.get(number)
        if page is None:
            try:
                page = self._fetch(number)
            except KnownError as exc:
                # asked while painting or scrolling: said once (ui.errors.show_known), the
                # rows stay blank until the next refresh reads them
                show_known(None, exc)
                return None
            self._pages[number] = page
            while len(self._pages) > self.max_pages:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        offset = row - number * self.page_size
        return page[offset] if offset < len(page) else None

    def _fetch(self, number: int) -> list[RowView | None]:
        query = ListQuery(self._search, self._filters, self._sort, self._descending)
        start = number * self.page_size
        with self._db.reading() as session:
            if number < self.offset_pages:
                return list(
                    list_page(
                        session,
                        self.entity,
                        query,
                        offset=start,
                        limit=self.page_size,
                        matches=self._count,  # a broad search is read in the list's order
                    )
                )
            if self._ids is None:
                self._ids = ordered_ids(session, self.entity, query)
            chunk = self._ids[start * ID_BYTES : (start + self.page_size) * ID_BYTES]
            ids = [uuid.UUID(bytes=chunk[i : i + ID_BYTES]) for i in range(0, len(chunk), ID_BYTES)]
            return rows_by_id(session, self.entity, ids)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self._spec.columns):
            return
        self._sort = self._spec.columns[column].key
        self._descending = order == Qt.SortOrder.DescendingOrder
        self.reload()

    def start_query(self) -> ListQuery:
        """The list as the next start shows it: in this order, with no search or filter."""
        return ListQuery(sort=self._sort, descending=self._descending)

    def row_of(self, record_id: uuid.UUID) -> int | None:
        """The row of a record among the pages held (the first page at least), if it is there."""
        self._row(0)
        for number, page in self._pages.items():
            for offset, row in enumerate(page):
                if row is not None and row.id == record_id:
                    return number * self.page_size + offset
        return None
