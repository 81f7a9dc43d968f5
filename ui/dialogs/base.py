"""A dialog base that saves and restores its geometry, and what the dialogs share."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QTableView,
    QWidget,
)

from ui.settings import settings
from workbook.domain.errors import KnownError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from workbook.store.db import Database

ERROR_STYLE = "color: #b3261e;"


def choose_file_into(parent: QWidget, line: QLineEdit, title: str, pattern: str) -> None:
    """The file the user picks to open, written into ``line`` (left as it is if they cancel)."""
    chosen, _ = QFileDialog.getOpenFileName(parent, title, str(Path.home()), pattern)
    if chosen:
        line.setText(chosen)


def error_label() -> QLabel:
    """Where a dialog says, in red, why it could not do what was asked (hidden when empty)."""
    label = QLabel(wordWrap=True)
    label.setStyleSheet(ERROR_STYLE)
    return label


def rows_table(**properties: object) -> QTableView:
    """A table of a file's rows to take or leave, a line each (the full details are each
    row's tip)."""
    table = QTableView(wordWrap=False, **properties)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
    table.horizontalHeader().setStretchLastSection(True)
    table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    return table


def show_rows(table: QTableView, model: QAbstractItemModel, widths: tuple[int, ...]) -> None:
    """``model`` in ``table``, in place of the rows it showed before (another file's)."""
    previous = table.model()
    table.setModel(model)
    if previous is not None:
        previous.deleteLater()
    for column, width in enumerate(widths):
        table.setColumnWidth(column, width)


class Dialog(QDialog):
    def __init__(self, parent: QWidget | None, *, geometry_key: str) -> None:
        super().__init__(parent)
        self._geometry_key = f"geometry/{geometry_key}"
        saved = settings().value(self._geometry_key)
        if saved is not None:
            self.restoreGeometry(saved)

    def done(self, result: int) -> None:
        settings().setValue(self._geometry_key, self.saveGeometry())
        super().done(result)

    def write_and_close(self, db: Database, write: Callable[[Session], object]) -> None:
        """``write`` in one transaction on the database worker, then close; the dialog is
        busy meanwhile (no second save), and a rule it breaks is said in its ``error``
        label, the dialog staying open with what was typed."""
        from ui import operations
        from ui.errors import describe

        error: QLabel = self.error  # type: ignore[attr-defined]

        def refused(exc: KnownError) -> None:
            error.setText(describe(exc))
            error.show()

        error.hide()
        buttons = self.findChild(QDialogButtonBox)  # they wait; the fields keep the keyboard
        operations.write(self, db, write).busy(buttons or self).failure(refused).success(
            lambda _result: self.accept()
        ).run()
