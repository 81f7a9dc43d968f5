"""The import preview's rows as a table model: nothing is made per row until it is shown.

A tree of widget items made every row up front: 100,000 edited rows froze the wizard for 2 s
and held 166 MB more, and even a tree model is laid out row by row when expanded (1.4 s).
Here one table lists the rows that change something or carry a warning, sheet by sheet;
their texts are made when the view asks for them, and the ticks are one set of row keys.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from workbook.exchange.importer import (
    APPLICABLE,
    UNCHANGED,
    ImportPreview,
    RowPreview,
    accepted_by_default,
)

Index = QModelIndex | QPersistentModelIndex
DISPLAY, TOOLTIP, CHECK = (
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.CheckStateRole,
)


def details(row: RowPreview) -> list[str]:
    """What the row changes, and why it cannot be applied or needs a look."""
    lines = [f"{c.column}: {c.old or '—'} → {c.new or '—'}" for c in row.changes]
    lines += [
        f"{p.column}: {p.reason}" + (f" ({p.value!r})" if p.value not in (None, "") else "")
        for p in row.problems
    ]
    return lines + row.warnings


class ImportRowsModel(QAbstractTableModel):
    """The rows worth a look: those that change something or carry a warning."""

    def __init__(
        self, result: ImportPreview, status_word: Callable[[str], str], parent: Any = None
    ) -> None:
        super().__init__(parent)
        self._rows = result.rows
        self._word = status_word
        # ticked rows by their place in the preview: a set of numbers, where a set of keys
        # (a tuple each) cost 0.4 s on the UI thread for 100,000 rows
        self.ticked = {n for n, row in enumerate(result.rows) if accepted_by_default(row)}
        self._listed = [
            position
            for position, row in enumerate(result.rows)
            if row.status != UNCHANGED or row.warnings
        ]

    def accepted(self) -> set[tuple[str, int]]:
        """The ticked rows' keys, as the core applies them (made off the UI thread)."""
        return {self._rows[n].key for n in self.ticked}

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._listed)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == DISPLAY:
            return [
                QCoreApplication.translate("Import", "Row"),
                QCoreApplication.translate("Import", "Status"),
                QCoreApplication.translate("Import", "Record"),
                QCoreApplication.translate("Import", "Details"),
            ][section]
        return None

    def row_at(self, index: Index) -> RowPreview | None:
        if not index.isValid() or not 0 <= index.row() < len(self._listed):
            return None
        return self._rows[self._listed[index.row()]]

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        row = self.row_at(index)
        if row is None:
            return None
        column = index.column()
        if role == DISPLAY:
            if column == 0:
                return QCoreApplication.translate("Import", "{sheet}, row {n}").format(
                    sheet=row.sheet, n=row.row
                )
            if column == 1:
                return self._word(row.status)
            if column == 2:
                return row.label
            return "; ".join(details(row))
        if role == TOOLTIP and column == 3:
            return "\n".join(details(row))
        if role == CHECK and column == 0 and row.status in APPLICABLE:
            ticked = self._listed[index.row()] in self.ticked
            return Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        row = self.row_at(index)
        if row is not None and index.column() == 0 and row.status in APPLICABLE:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def setData(self, index: Index, value: Any, role: int = CHECK) -> bool:
        row = self.row_at(index)
        if role != CHECK or row is None or row.status not in APPLICABLE:
            return False
        if Qt.CheckState(value) == Qt.CheckState.Checked:
            self.ticked.add(self._listed[index.row()])
        else:
            self.ticked.discard(self._listed[index.row()])
        self.dataChanged.emit(index, index, [CHECK])
        return True
