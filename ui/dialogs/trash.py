"""The trash: deleted records, restored or purged."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from ui import operations
from ui.dialogs.base import Dialog, error_label
from ui.dialogs.keyed import fill_keyed, keyed_table, local_time, selected_key
from ui.errors import describe
from ui.labels import entity_title
from workbook.services import trash
from workbook.store.db import Database


class TrashDialog(Dialog):
    """Deleted records, restorable for 30 days."""

    changed = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent, geometry_key="trash")
        self.setWindowTitle(self.tr("Trash"))
        self.resize(760, 420)
        self._db = db
        self.table = keyed_table(
            [self.tr("Record"), self.tr("Deleted"), self.tr("By"), self.tr("Kept until")]
        )
        self.error = error_label()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.restore_button = buttons.addButton(
            self.tr("Restore"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.drop_button = buttons.addButton(
            self.tr("Delete for good…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.empty_button = buttons.addButton(
            self.tr("Empty trash…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.restore_button.clicked.connect(self.restore_selected)
        self.drop_button.clicked.connect(lambda: self._forget(everything=False))
        self.empty_button.clicked.connect(lambda: self._forget(everything=True))
        buttons.rejected.connect(self.reject)
        for button in (self.restore_button, self.drop_button, self.empty_button):
            button.setEnabled(not db.read_only)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(self.tr("Deleted records can be restored for 30 days, then they are purged."))
        )
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.reload()

    def reload(self) -> None:
        """What the trash holds, read on the worker."""
        operations.read(self, self._db, trash.items).success(self._show).run()

    def _show(self, items: list[Any]) -> None:
        fill_keyed(
            self.table,
            [
                (
                    str(i.id),
                    [
                        f"{entity_title(i.entity)}: {i.caption}",
                        local_time(i.deleted_at),
                        i.deleted_by,
                        local_time(i.purge_after)[:10],
                    ],
                )
                for i in items
            ],
        )

    def _run(self, work: Callable[[Any], Any]) -> None:
        """``work`` on the worker, the dialog busy; then the trash is read again."""
        self.error.clear()
        operations.write(self, self._db, work).busy(self).failure(
            lambda exc: self.error.setText(describe(exc))
        ).success(lambda _result: (self.reload(), self.changed.emit())).run()

    def restore_selected(self) -> None:
        key = selected_key(self.table)
        if key:
            self._run(lambda s: trash.restore(s, uuid.UUID(key)))

    def _forget(self, *, everything: bool) -> None:
        key = selected_key(self.table)
        if not key:
            return
        text = (
            self.tr("Delete everything in the trash for good?")
            if everything
            else self.tr("Delete “{what}” for good?").format(
                what=self.table.item(self.table.currentRow(), 0).text()
            )
        )
        answer = QMessageBox.question(
            self,
            self.tr("Trash"),
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        if everything:
            self._run(lambda s: trash.purge(s, everything=True))
        else:
            self._run(lambda s: trash.drop(s, uuid.UUID(key)))
