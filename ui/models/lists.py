"""What every list's table model shows: its columns, its cells as text, the record of a row.

Where the rows come from is the subclass's: the database, page by page (``RecordTableModel``),
or the first page read at start-up before the database is opened (``FirstPageModel``). This
module loads no database code, so that start-up can show a list at once.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from ui.formatting import display
from ui.labels import field_label
from workbook.domain.rows import RowView
from workbook.first_page import FirstPage

DISPLAY = Qt.ItemDataRole.DisplayRole
TOOLTIP = Qt.ItemDataRole.ToolTipRole
ALIGN = Qt.ItemDataRole.TextAlignmentRole
HORIZONTAL = Qt.Orientation.Horizontal
RECORD_ID_ROLE = Qt.ItemDataRole.UserRole + 1
NUMERIC = ("int", "float")
Index = QModelIndex | QPersistentModelIndex


class ListModel(QAbstractTableModel):
    """A list's rows in its columns ((key, kind) each); ``_row`` finds a row's record."""

    def __init__(
        self, entity: str, columns: Sequence[tuple[str, str]], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._entity = entity
        self._columns = tuple(columns)
        self._count = 0

    @property
    def entity(self) -> str:
        return self._entity

    @property
    def column_keys(self) -> list[str]:
        return [key for key, _kind in self._columns]

    def _row(self, row: int) -> RowView | None:
        raise NotImplementedError

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        if orientation == HORIZONTAL and role == DISPLAY and 0 <= section < len(self._columns):
            return field_label(self._columns[section][0])
        return None

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid() or not 0 <= index.column() < len(self._columns):
            return None
        row = self._row(index.row())
        if row is None:
            return None
        kind = self._columns[index.column()][1]
        if role in (DISPLAY, TOOLTIP):
            return display(row.cells[index.column()], kind)
        if role == RECORD_ID_ROLE:
            return str(row.id)
        if role == ALIGN and kind in NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def record_at(self, row: int) -> tuple[uuid.UUID, int] | None:
        """The id and version of the record shown in ``row``."""
        found = self._row(row)
        return (found.id, found.version) if found else None


class FirstPageModel(ListModel):
    """The first page of a list as start-up read it; the rows beyond it are not there yet."""

    def __init__(self, page: FirstPage, parent: QObject | None = None) -> None:
        super().__init__(page.entity, page.columns, parent)
        self._rows = page.rows
        self._count = page.count

    def _row(self, row: int) -> RowView | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None
