"""What needs attention, on the dashboard: each item opens its record, or is done or snoozed."""

from __future__ import annotations

from concurrent.futures import Future
from datetime import date, timedelta
from typing import Any

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui import operations, tasks
from ui.errors import describe
from ui.formatting import display
from workbook.domain.errors import KnownError
from workbook.services import attention
from workbook.store.db import Database

SNOOZE_DAYS = 7
#: Rows shown at once; a lifetime's backlog is counted in the title, listed by `workbook due`.
SHOWN = 200


class AttentionPanel(QWidget):
    open_record = Signal(str, object)
    #: the list is there (it is worked out off the UI thread)
    loaded = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.items: list[attention.Item] = []
        self.kinds = {
            "agreement_ending": self.tr("Agreement ends"),
            "evaluation_due": self.tr("Evaluation due"),
            "decision_review": self.tr("Decision to review"),
            "goal_behind": self.tr("Goal due, not reached"),
            "goal_stale": self.tr("No progress recorded"),
            "conflict_quiet": self.tr("Conflict without a step for 30 days"),
            "consent_purpose": self.tr("Consent without a purpose"),
        }
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 12pt; font-weight: 600; color: #2b4a6f;")
        self.table = QTableWidget(0, 3, objectName="attention")
        self.table.setHorizontalHeaderLabels([self.tr("Due"), self.tr("What"), self.tr("Record")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.doubleClicked.connect(self.open_selected)
        self.open_button = QPushButton(self.tr("Open"))
        self.done_button = QPushButton(self.tr("Done"))
        self.snooze_button = QPushButton(self.tr("Snooze a week"))
        self.open_button.clicked.connect(self.open_selected)
        self.done_button.clicked.connect(self.done_selected)
        self.snooze_button.clicked.connect(self.snooze_selected)
        for button in (self.done_button, self.snooze_button):
            button.setEnabled(not db.read_only)
        self.error = QLabel(wordWrap=True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.title)
        buttons.addStretch()
        for button in (self.open_button, self.done_button, self.snooze_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.table)
        layout.addWidget(self.error)

    def reload(self, today: date | None = None) -> None:
        """Work out what is due on the worker thread; the window does not wait for it."""
        db = self._db

        def work() -> tuple[list[attention.Item], int]:
            with db.reading() as session:
                return attention.most_pressing(session, SHOWN, today=today)

        tasks.runner().submit(work, self._show, counts=False)

    def _show(self, future: Future[tuple[list[attention.Item], int]]) -> None:
        # the window closed while the list was worked out
        if not shiboken6.isValid(self):
            return
        try:
            found, total = future.result()
        except KnownError as exc:
            self.error.setText(describe(exc))
            return
        # the most pressing first; all of them: workbook due
        self.items = found
        self.title.setText(self.tr("What needs attention ({n})").format(n=total))
        self.table.setRowCount(len(self.items))
        for row, item in enumerate(self.items):
            cells = [display(item.due), self.kinds[item.kind], item.title]
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setData(Qt.ItemDataRole.UserRole, item.key)
                self.table.setItem(row, column, cell)
        self.table.setVisible(bool(self.items))
        self.error.clear()
        self.loaded.emit()

    def _selected(self) -> attention.Item | None:
        row = self.table.currentRow()
        return self.items[row] if 0 <= row < len(self.items) else None

    def open_selected(self) -> None:
        item = self._selected()
        if item is not None:
            self.open_record.emit(item.entity, item.record_id)

    def _mark(self, how: str) -> None:
        item = self._selected()
        if item is None:
            return

        def mark(session: Any) -> None:
            if how == "done":
                attention.mark_done(session, item.key)
            else:
                attention.snooze(session, item.key, date.today() + timedelta(days=SNOOZE_DAYS))

        self.error.clear()
        operations.write(self, self._db, mark).busy(self).failure(
            lambda exc: self.error.setText(describe(exc))
        ).success(lambda _none: self.reload()).run()

    def done_selected(self) -> None:
        self._mark("done")

    def snooze_selected(self) -> None:
        self._mark("snooze")
