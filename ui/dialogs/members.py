"""Members of a shared database and their levels (an admin's dialog)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui import operations
from ui.dialogs.base import Dialog, error_label
from ui.errors import describe
from workbook.store import server
from workbook.store.db import Database


class MembersDialog(Dialog):
    """The accounts of a shared database, read and changed on the worker."""

    #: the accounts were read and are shown
    loaded = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent, geometry_key="members")
        self._db = db
        self.setWindowTitle(self.tr("Members"))
        self.resize(620, 460)
        self.levels = {
            "viewer": self.tr("reads"),
            "editor": self.tr("reads and writes"),
            "admin": self.tr("also deletes and manages members"),
        }
        self.table = QTableWidget(0, 2, objectName="members")
        self.table.setHorizontalHeaderLabels([self.tr("Account"), self.tr("Level")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.name = QLineEdit(objectName="name")
        self.password = QLineEdit(objectName="password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.level = QComboBox(objectName="level")
        for level, words in self.levels.items():
            self.level.addItem(f"{level} — {words}", level)
        self.add_button = add = QPushButton(self.tr("Add member"))
        add.clicked.connect(self.add)
        change = QPushButton(self.tr("Give the selected member this level"))
        change.clicked.connect(self.change)
        remove = QPushButton(self.tr("Remove the selected member…"))
        remove.clicked.connect(self.remove)
        form = QFormLayout()
        form.addRow(self.tr("Account"), self.name)
        form.addRow(self.tr("Password"), self.password)
        form.addRow(self.tr("Level"), self.level)
        self._actions = QWidget()
        row = QHBoxLayout(self._actions)
        row.setContentsMargins(0, 0, 0, 0)
        for button in (add, change, remove):
            row.addWidget(button)
        self.error = error_label()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addWidget(self._actions)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.reload()

    def reload(self) -> None:
        """Read the accounts on the worker."""
        operations.read(self, self._db, lambda s: server.members(s.connection())).success(
            self._show
        ).run()

    def _show(self, found: list[server.Member]) -> None:
        self.table.setRowCount(len(found))
        for r, member in enumerate(found):
            self.table.setItem(r, 0, QTableWidgetItem(member.name))
            self.table.setItem(r, 1, QTableWidgetItem(self.levels[member.level]))
        self.loaded.emit()

    def _selected(self) -> str | None:
        row = self.table.currentRow()
        item = self.table.item(row, 0) if row >= 0 else None
        return item.text() if item is not None else None

    def _run(self, work: Callable[[], object], then: Callable[[], None] = lambda: None) -> None:
        """Do ``work`` as the server's administrator on the worker, the dialog busy; then
        read the accounts again, or say why it was refused."""
        self.error.clear()

        def done(_result: object) -> None:
            then()
            self.reload()

        operations.call(self, self._db, work).busy(self._actions).success(done).failure(
            lambda error: self.error.setText(describe(error))
        ).run()

    def add(self) -> None:
        name, password, level = (
            self.name.text().strip(),
            self.password.text(),
            self.level.currentData(),
        )

        def added() -> None:
            self.name.clear()
            self.password.clear()

        self._run(lambda: server.add_member(self._db.url, name, password, level), added)

    def change(self) -> None:
        name = self._selected()
        level = self.level.currentData()
        if name:
            self._run(lambda: server.set_level(self._db.url, name, level))

    def remove(self) -> None:
        name = self._selected()
        if not name:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Members"),
            self.tr("Remove {name}? They can no longer connect.").format(name=name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._run(lambda: server.remove_member(self._db.url, name))
