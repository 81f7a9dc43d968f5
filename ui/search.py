"""Global search (Ctrl+K): results appear while typing, grouped by kind; Enter opens one."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui import operations
from ui.labels import entity_title
from workbook.store.db import Database
from workbook.store.search import search

USER = Qt.ItemDataRole.UserRole


class SearchPopup(QDialog):
    open_record = Signal(str, object)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.setWindowTitle(self.tr("Search everything"))
        self.resize(560, 420)
        self.query = QLineEdit(
            placeholderText=self.tr("Type to search partners, decisions, conflicts, meetings…")
        )
        self.query.setClearButtonEnabled(True)
        self.results = QListWidget()
        self.results.itemActivated.connect(self._activate)
        layout = QVBoxLayout(self)
        layout.addWidget(self.query)
        layout.addWidget(self.results)
        self._asked = ""
        self._open_when_found = False
        self._timer = QTimer(self, singleShot=True, interval=80)
        self._timer.timeout.connect(self.run_search)
        self.query.textChanged.connect(lambda _t: self._timer.start())
        self.query.returnPressed.connect(self._open_current)
        self.query.installEventFilter(self)

    def eventFilter(self, watched: object, event: object) -> bool:
        # arrows in the search field move through the results
        if (
            watched is self.query
            and isinstance(event, QKeyEvent)
            and event.type() == QKeyEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up)
        ):
            step = 1 if event.key() == Qt.Key.Key_Down else -1
            row = self.results.currentRow()
            for _ in range(self.results.count()):
                row = (row + step) % max(1, self.results.count())
                if self.results.item(row).flags() & Qt.ItemFlag.ItemIsSelectable:
                    break
            self.results.setCurrentRow(row)
            return True
        return super().eventFilter(watched, event)  # type: ignore[arg-type]

    def run_search(self) -> None:
        """Search on the database worker; what was typed meanwhile wins."""
        text = self._asked = self.query.text()
        operations.read(self, self._db, lambda s: search(s, text, limit=60)).success(
            lambda hits: self._show(text, hits)
        ).run()

    def _show(self, text: str, hits: list) -> None:
        if text != self._asked:
            return  # a newer search is on its way
        self.results.clear()
        groups: dict[str, list] = {}
        for hit in hits:
            groups.setdefault(hit.entity, []).append(hit)
        for entity, items in groups.items():
            header = QListWidgetItem(entity_title(entity, plural=True))
            header.setFlags(Qt.ItemFlag.NoItemFlags)
            font = header.font()
            font.setBold(True)
            header.setFont(font)
            self.results.addItem(header)
            for hit in items:
                item = QListWidgetItem("    " + hit.label)
                item.setData(USER, (hit.entity, hit.record_id))
                self.results.addItem(item)
        for row in range(self.results.count()):
            if self.results.item(row).data(USER):
                self.results.setCurrentRow(row)
                break
        if self._open_when_found:
            self._open_when_found = False
            item = self.results.currentItem()
            if item is not None:
                self._activate(item)

    def _open_current(self) -> None:
        if self._timer.isActive() or not self.results.count():
            # Return pressed before the results came: open the first one when they do
            self._timer.stop()
            self._open_when_found = True
            self.run_search()
            return
        item = self.results.currentItem()
        if item is not None:
            self._activate(item)

    def _activate(self, item: QListWidgetItem) -> None:
        target = item.data(USER)
        if target:
            self.open_record.emit(*target)
            self.accept()
