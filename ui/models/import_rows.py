"""The rows of a file to import or adopt as table models: nothing is made per row until it
is shown.

A tree of widget items made every row up front: 100,000 edited rows froze the wizard for 2 s
and held 166 MB more, and even a tree model is laid out row by row when expanded (1.4 s).
Here one table lists the rows that change something or carry a warning, sheet by sheet;
their texts are made when the view asks for them, and the ticks are one set of row keys.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from ui.errors import problem_words, reason_words
from ui.i18n import _t
from workbook.domain.errors import Reason
from workbook.exchange import adopt
from workbook.exchange.adopt import AdoptRow
from workbook.exchange.importer import (
    APPLICABLE,
    DELETED,
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
    if row.status == DELETED:
        return [
            QCoreApplication.translate(
                "Import", "The partner deleted this row. Tick it to delete the record here too."
            )
        ]
    lines = [f"{c.column}: {c.old or '—'} → {c.new or '—'}" for c in row.changes]
    lines += [problem_words(p) for p in row.problems]
    return lines + [reason_words(w) for w in row.warnings]


def _adopt_problem(problem: str) -> str:
    """A row's problem without its row number: the table shows the row beside it."""
    if isinstance(problem, Reason) and problem.why == "at_row":
        return reason_words(problem.params["reason"])
    if isinstance(problem, Reason) and problem.why == "at_cell":
        return _t("{column}: {reason}").format(
            column=problem.params["column"], reason=reason_words(problem.params["reason"])
        )
    return reason_words(problem)


class TickedRowsModel(QAbstractTableModel):
    """Rows of a file to take or leave, in four columns: where, status, record, details.

    ``listed`` are the positions in ``rows`` shown, ``ticked`` those ticked; a subclass says
    what each cell says and which rows can be ticked at all.
    """

    def __init__(
        self, rows: Sequence[Any], listed: list[int], ticked: set[int], parent: Any
    ) -> None:
        super().__init__(parent)
        self._rows = rows
        self._listed = listed
        self.ticked = ticked

    def _where(self, row: Any) -> str:
        raise NotImplementedError

    def _status(self, row: Any) -> str:
        raise NotImplementedError

    def _details(self, row: Any) -> list[str]:
        raise NotImplementedError

    def _can_tick(self, row: Any) -> bool:
        raise NotImplementedError

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

    def row_at(self, index: Index) -> Any:
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
                return self._where(row)
            if column == 1:
                return self._status(row)
            if column == 2:
                return row.label
            return "; ".join(self._details(row))
        if role == TOOLTIP and column == 3:
            return "\n".join(self._details(row))
        if role == CHECK and column == 0 and self._can_tick(row):
            ticked = self._listed[index.row()] in self.ticked
            return Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        row = self.row_at(index)
        if row is not None and index.column() == 0 and self._can_tick(row):
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def setData(self, index: Index, value: Any, role: int = CHECK) -> bool:
        row = self.row_at(index)
        if role != CHECK or row is None or not self._can_tick(row):
            return False
        if Qt.CheckState(value) == Qt.CheckState.Checked:
            self.ticked.add(self._listed[index.row()])
        else:
            self.ticked.discard(self._listed[index.row()])
        self.dataChanged.emit(index, index, [CHECK])
        return True


class ImportRowsModel(TickedRowsModel):
    """The rows worth a look: those that change something or carry a warning."""

    def __init__(
        self, result: ImportPreview, status_word: Callable[[str], str], parent: Any = None
    ) -> None:
        rows = result.rows
        listed = [n for n, row in enumerate(rows) if row.status != UNCHANGED or row.warnings]
        # ticked rows by their place in the preview: a set of numbers, where a set of keys
        # (a tuple each) cost 0.4 s on the UI thread for 100,000 rows
        ticked = {n for n, row in enumerate(rows) if accepted_by_default(row)}
        super().__init__(rows, listed, ticked, parent)
        self._word = status_word
        self._in_file = result.sheet_in_file  # a sheet as the file calls it: "Ziele"

    def accepted(self) -> set[tuple[str, int]]:
        """The ticked rows' keys, as the core applies them (made off the UI thread)."""
        return {self._rows[n].key for n in self.ticked}

    def _where(self, row: RowPreview) -> str:
        if row.row < 1:  # exported, and no longer in the file
            return QCoreApplication.translate("Import", "{sheet}, deleted row").format(
                sheet=self._in_file(row.sheet)
            )
        return QCoreApplication.translate("Import", "{sheet}, row {n}").format(
            sheet=self._in_file(row.sheet), n=row.row
        )

    def _status(self, row: RowPreview) -> str:
        return self._word(row.status)

    def _details(self, row: RowPreview) -> list[str]:
        return details(row)

    def _can_tick(self, row: RowPreview) -> bool:
        return row.status in APPLICABLE


class AdoptRowsModel(TickedRowsModel):
    """Every row of a spreadsheet being adopted: new ones ticked, duplicates not, invalid
    ones not to be ticked."""

    def __init__(
        self,
        rows: list[AdoptRow],
        status_word: Callable[[str], str],
        like: Callable[[str], str],
        parent: Any = None,
    ) -> None:
        ticked = {n for n, row in enumerate(rows) if row.status == adopt.NEW}
        super().__init__(rows, list(range(len(rows))), ticked, parent)
        self._word, self._like = status_word, like

    def accepted(self) -> set[int]:
        """The ticked rows' numbers in the file, as ``adopt.apply`` takes them."""
        return {self._rows[n].row for n in self.ticked}

    def _where(self, row: AdoptRow) -> str:
        return str(row.row)

    def _status(self, row: AdoptRow) -> str:
        return self._word(row.status)

    def _details(self, row: AdoptRow) -> list[str]:
        said = (
            [self._like(row.duplicate_of)]
            if row.duplicate_of
            else [_adopt_problem(p) for p in row.problems]
        )
        return said + [reason_words(w) for w in row.warnings]

    def _can_tick(self, row: AdoptRow) -> bool:
        return row.status != adopt.INVALID
