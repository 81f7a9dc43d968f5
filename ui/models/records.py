"""A table model that pages an entity's list from the database; sorting and filters in SQL."""

from __future__ import annotations

import uuid
from collections import OrderedDict
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal

from ui import operations
from ui.errors import show_known
from ui.models.lists import ListModel
from workbook.domain.errors import KnownError
from workbook.domain.rows import RowView
from workbook.services import (
    ListQuery,
    count_rows,
    list_page,
    ordered_ids,
    rows_by_id,
    spec_for,
)
from workbook.store.db import Database

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

    #: a reload arrived: the count and the first page are there
    loaded = Signal()

    def __init__(self, db: Database, entity: str, parent: Any = None) -> None:
        spec = spec_for(entity)
        super().__init__(entity, [(c.key, c.kind) for c in spec.columns], parent)
        self._db = db
        self._spec = spec
        self._pages: OrderedDict[int, list[RowView | None]] = OrderedDict()
        self._asked: set[int] = set()
        #: the list's ids in order (16 bytes a row), read once per reload on the worker by
        #: the first deep page that needs them, and shared by the pages asked after it
        self._ids: list[bytes] = []
        self._search: str | None = None
        self._filters: dict[str, Any] = {}
        self._sort: str | None = None
        self._descending: bool | None = None
        #: which reload the pages belong to: a page read for an older one is dropped
        self._generation = 0
        self.reload()

    def fetched_rows(self) -> int:
        """How many rows are held in memory (for tests and benchmarks)."""
        return sum(len(page) for page in self._pages.values())

    def _query(self) -> ListQuery:
        return ListQuery(self._search, self._filters, self._sort, self._descending)

    def reload(self) -> None:
        """Count and read the first page on the worker; the rows shown stay until they
        arrive (a server that does not answer leaves the list as it was, not half reset)."""
        self._generation += 1
        self._ids = []
        generation, entity, query, size = (
            self._generation,
            self.entity,
            self._query(),
            self.page_size,
        )

        def work(session: Any) -> tuple[int, list[RowView | None]]:
            count = count_rows(session, entity, search=query.search, filters=query.filters)
            first = list_page(session, entity, query, offset=0, limit=size, matches=count)
            return count, list(first)

        operations.read(self, self._db, work).success(
            lambda found: self._reset(generation, *found)
        ).failure(lambda exc: show_known(None, exc)).run()

    def _reset(self, generation: int, count: int, first: list[RowView | None]) -> None:
        if generation != self._generation:
            return  # a newer search or refresh is on its way
        self.beginResetModel()
        self._pages.clear()
        self._pages[0] = first
        self._asked = {0}
        self._count = count
        self.endResetModel()
        self.loaded.emit()

    def seed(self, rows: Sequence[RowView | None], count: int) -> None:
        """Show ``rows`` as the first page until the list's own read arrives (the page
        start-up read before the database was open, in the same order)."""
        if self._count or self._pages:
            return
        self.beginResetModel()
        self._pages[0] = list(rows)
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
            self._ask(number)  # blank until it arrives: painting never waits for the database
            return None
        self._pages.move_to_end(number)
        offset = row - number * self.page_size
        return page[offset] if offset < len(page) else None

    def _ask(self, number: int) -> None:
        if number in self._asked:
            return
        self._asked.add(number)
        generation, entity, query, count = self._generation, self.entity, self._query(), self._count
        size, ids = self.page_size, self._ids
        deep = number >= self.offset_pages

        def work(session: Any) -> list[RowView | None]:
            start = number * size
            if not deep:
                return list(
                    list_page(session, entity, query, offset=start, limit=size, matches=count)
                )
            # a page beyond the first ones is read by its rows' ids, so that a deep page
            # costs what the first one does (the one worker runs the asks in turn)
            if not ids:
                ids.append(ordered_ids(session, entity, query))
            chunk = ids[0][start * ID_BYTES : (start + size) * ID_BYTES]
            wanted = [
                uuid.UUID(bytes=chunk[i : i + ID_BYTES]) for i in range(0, len(chunk), ID_BYTES)
            ]
            return rows_by_id(session, entity, wanted)

        operations.read(self, self._db, work).success(
            lambda page: self._arrived(generation, number, page)
        ).failure(lambda exc: self._failed(generation, number, exc)).run()

    def _arrived(self, generation: int, number: int, page: list[RowView | None]) -> None:
        if generation != self._generation:
            return
        self._pages[number] = page
        while len(self._pages) > self.max_pages:
            evicted, _rows = self._pages.popitem(last=False)
            self._asked.discard(evicted)
        first, last = number * self.page_size, min(self._count, (number + 1) * self.page_size) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, self.columnCount() - 1))

    def _failed(self, generation: int, number: int, error: KnownError) -> None:
        # asked while painting or scrolling: said once (ui.errors.show_known); the rows
        # stay blank and are asked for again when next painted
        if generation == self._generation:
            self._asked.discard(number)
        show_known(None, error)

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
        """The row of a record among the pages held, if it is there."""
        for number, page in self._pages.items():
            for offset, row in enumerate(page):
                if row is not None and row.id == record_id:
                    return number * self.page_size + offset
        return None
