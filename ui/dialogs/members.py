"""Members of a shared database and their levels (an admin's dialog)."""

from __future__ import annotations

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

from ui.dialogs.base import Dialog, error_label
from ui.errors import describe
from workbook import server
from workbook.db import Database
from workbook.errors import KnownError


class MembersDialog(Dialog):
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
        add = QPushButton(self.tr("Add member"))
        add.clicked.connect(self.add)
        change = QPushButton(self.tr("Give the selected member this level"))
        change.clicked.connect(self.change)
        remove = QPushButton(self.tr("Remove the selected member…"))
        remove.clicked.connect(self.remove)
        form = QFormLayout()
        form.addRow(self.tr("Account"), self.name)
        form.addRow(self.tr("Password"), self.password)
        form.addRow(self.tr("Level"), self.level)
        row = QHBoxLayout()
        for button in (add, change, remove):
            row.addWidget(button)
        self.error = error_label()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.reload()

    def reload(self) -> None:
        with self._db.engine.connect() as conn:
            found = server.members(conn)
            conn.rollback()
        self.table.setRowCount(len(found))
        for r, member in enumerate(found):
            self.table.setItem(r, 0, QTableWidgetItem(member.name))
            self.table.setItem(r, 1, QTableWidgetItem(self.levels[member.level]))

    def _selected(self) -> str | None:
        row = self.table.currentRow()
        item = self.table.item(row, 0) if row >= 0 else None
        return item.text() if item is not None else None

    def _run(self, work: object) -> bool:
        self.error.clear()
        try:
            work()  # type: ignore[operator]
        except KnownError as exc:
            self.error.setText(describe(exc))
            return False
        self.reload()
        return True

    def add(self) -> bool:
        name, password, level = (
            self.name.text().strip(),
            self.password.text(),
            self.level.currentData(),
        )
        ok = self._run(lambda: server.add_member(self._db.url, name, password, level))
        if ok:
            self.name.clear()
            self.password.clear()
        return ok

    def change(self) -> bool:
        name = self._selected()
        level = self.level.currentData()
        return bool(name) and self._run(lambda: server.set_level(self._db.url, name, level))

    def remove(self) -> bool:
        name = self._selected()
        if not name:
            return False
        answer = QMessageBox.question(
            self,
            self.tr("Members"),
            self.tr("Remove {name}? They can no longer connect.").format(name=name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        return self._run(lambda: server.remove_member(self._db.url, name))
