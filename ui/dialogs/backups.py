"""Backups: made, listed, restored, and how many are kept."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ui import operations
from ui.dialogs.base import Dialog
from ui.dialogs.keyed import fill_keyed, keyed_table, local_time, selected_key
from ui.formatting import display
from workbook.store import backup
from workbook.store.db import Database


class BackupsDialog(Dialog):
    """The backups of the open database file, newest first; restoring one replaces it."""

    restore_requested = Signal(str)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent, geometry_key="backups")
        self.setWindowTitle(self.tr("Restore from backup"))
        self.resize(760, 420)
        assert db.file is not None
        self._db, db_file = db, db.file
        self.table = keyed_table(
            [self.tr("Taken"), self.tr("Why"), self.tr("Records"), self.tr("Size")]
        )
        self.table.doubleClicked.connect(self._restore)
        reasons = {
            "daily": self.tr("daily, on opening"),
            "manual": self.tr("backed up by hand"),
            "before-import": self.tr("before an import"),
            "before-restore": self.tr("before a restore"),
            "archive": self.tr("for an archive"),
        }
        backups = backup.list_backups(db_file)
        fill_keyed(
            self.table,
            [
                (
                    b.name,
                    [
                        local_time(b.created),
                        reasons.get(b.reason, self.tr("before an upgrade"))
                        if b.reason.startswith("before-upgrade")
                        else reasons.get(b.reason, b.reason),
                        display(sum(b.counts.values()), "int"),
                        f"{b.size / 1024 / 1024:.1f} MB",
                    ],
                )
                for b in backups
            ],
        )
        info = QLabel(
            self.tr(
                "Backups of {file} are kept in {folder}. Restoring replaces the database with "
                "the backup; the current state is backed up first."
            ).format(file=db_file.name, folder=backup.backup_dir(db_file)),
            wordWrap=True,
        )
        info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.restore_button = buttons.addButton(
            self.tr("Restore…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.restore_button.setEnabled(bool(backups))
        self.restore_button.clicked.connect(self._restore)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(info)
        layout.addWidget(self.table, 1)
        layout.addLayout(self._policy())
        layout.addWidget(buttons)

    def _policy(self) -> QHBoxLayout:
        """How many backups rotation keeps, as the association chooses: read on the worker,
        the boxes waiting until it comes; each change is stored there."""
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Keep the newest backup of each of the last")))
        self.keep: dict[str, QSpinBox] = {}
        units = {
            "daily": self.tr("days,"),
            "weekly": self.tr("weeks,"),
            "monthly": self.tr("months"),
        }
        for name, unit in units.items():
            box = QSpinBox(minimum=0, maximum=999, objectName=f"keep-{name}")
            box.setEnabled(False)
            self.keep[name] = box
            row.addWidget(box)
            row.addWidget(QLabel(unit))
        row.addStretch()
        operations.read(self, self._db, backup.retention_of).success(self._show_policy).run()
        return row

    def _show_policy(self, kept: backup.Retention) -> None:
        for name, box in self.keep.items():
            box.setValue(getattr(kept, name))
            box.setEnabled(not self._db.read_only)
            box.valueChanged.connect(self._save_policy)

    def _save_policy(self) -> None:
        chosen = backup.Retention(**{k: box.value() for k, box in self.keep.items()})
        operations.write(self, self._db, lambda s: backup.set_retention(s, chosen)).run()

    def _restore(self) -> None:
        name = selected_key(self.table)
        if not name:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Restore from backup"),
            self.tr(
                "Replace the open database with the backup taken {when}? Changes made since "
                "then are set aside in a backup of the current state."
            ).format(when=self.table.item(self.table.currentRow(), 0).text()),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.restore_requested.emit(name)
            self.accept()
