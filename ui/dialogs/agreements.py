"""An agreement's life in the app: amend or renew it, attach the signed scan, use clauses."""

from __future__ import annotations

import tempfile
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ui import operations
from ui.dialogs.base import Dialog, error_label
from ui.dialogs.record_form import FormData, RecordForm
from ui.errors import describe
from ui.i18n import _t
from workbook import services
from workbook.domain.errors import KnownError
from workbook.services import agreements, clauses
from workbook.store.db import Database


class AmendmentForm(RecordForm):
    """The partnership's form, saved as a new version of the agreement with its reason."""

    def __init__(
        self, db: Database, record_id: uuid.UUID, parent: QWidget | None, *, data: FormData
    ) -> None:
        super().__init__(db, "partnership", record_id, parent, data=data)
        self.setWindowTitle(self.tr("Amend or renew the agreement"))
        self.kind = QComboBox(objectName="kind")
        self.kind.addItem(self.tr("Amendment"), "amendment")
        self.kind.addItem(self.tr("Renewal (a new end date)"), "renewal")
        self.reason = QLineEdit(objectName="reason")
        self.reason.setPlaceholderText(self.tr("Why the agreement changes (required)"))
        top = QFormLayout()
        top.addRow(self.tr("Kind of change"), self.kind)
        top.addRow(self.tr("Reason *"), self.reason)
        note = QLabel(
            self.tr(
                "Change the agreement below. Saving makes a new version that records what "
                "changed and why; the earlier version stays readable and printable."
            ),
            wordWrap=True,
        )
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(0, note)
        layout.insertLayout(1, top)

    def _write(self, session: Any, values: dict[str, Any]) -> Any:
        agreements.amend(
            session,
            self.record_id,
            values,
            reason=self.reason.text(),
            kind=self.kind.currentData(),
            expected_version=self._version,
        )
        return services.get(session, "partnership", self.record_id)


def attach_scan(parent: QWidget, db: Database, partnership_id: uuid.UUID) -> None:
    """Choose a signed scan and keep it with the agreement's current version: the file is
    read and stored on the worker (a scan can be tens of megabytes), the change reported."""
    path, _ = QFileDialog.getOpenFileName(
        parent,
        _t("Signed agreement (PDF or image)"),
        str(Path.home()),
        _t("Scans (*.pdf *.png *.jpg *.jpeg)"),
    )
    if not path:
        return

    def attach(session: Any) -> None:
        current = agreements.current_version(session, partnership_id)
        agreements.attach_scan(session, current.id, path)

    operations.write(parent, db, attach).failure(lambda error: _scan_refused(parent, error)).run()


def _scan_refused(parent: QWidget, error: KnownError) -> None:
    QMessageBox.warning(parent, _t("Signed agreement (PDF or image)"), describe(error))


def open_scan(
    parent: QWidget,
    db: Database,
    version_id: uuid.UUID,
    opened: Callable[[Path], None] | None = None,
) -> None:
    """Read the scan on the worker, write it to a temporary file and open it in the
    system's viewer; ``opened`` is told the file."""

    def show(scan: tuple[str, str, bytes]) -> None:
        name, _kind, data = scan
        folder = Path(tempfile.mkdtemp(prefix="workbook-scan-"))
        target = folder / Path(name).name
        target.write_bytes(data)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))
        if opened is not None:
            opened(target)

    operations.read(parent, db, lambda s: agreements.scan(s, version_id)).success(show).failure(
        lambda error: _scan_refused(parent, error)
    ).run()


class ClauseDialog(Dialog):
    """The clause library: pick one to insert into an agreement, or edit the texts.

    Clauses are plain text; {partners}, {partnership}, {start}, {end}, {association} and
    {today} are filled in when a clause is inserted.
    """

    inserted = Signal()

    def __init__(
        self, db: Database, partnership_id: uuid.UUID | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent, geometry_key="clauses")
        self._db, self._partnership = db, partnership_id
        self.setWindowTitle(self.tr("Clause library"))
        self.resize(860, 560)
        self.language = QComboBox(objectName="language")
        self.language.addItem("Deutsch", "de")
        self.language.addItem("English", "en")
        self.language.currentIndexChanged.connect(self.reload)
        self.list = QListWidget(objectName="clauses")
        self.list.currentItemChanged.connect(self._show)
        self.title = QLineEdit(objectName="title")
        self.body = QPlainTextEdit(objectName="body")
        self.error = error_label()
        hint = QLabel(
            self.tr(
                "Plain text. These are filled in when the clause is inserted: {partners}, "
                "{partnership}, {start}, {end}, {association}, {today}."
            ),
            wordWrap=True,
        )
        editor = QVBoxLayout()
        editor.addWidget(self.title)
        editor.addWidget(self.body, 1)
        editor.addWidget(hint)
        editor.addWidget(self.error)
        panes = QHBoxLayout()
        panes.addWidget(self.list, 1)
        panes.addLayout(editor, 2)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.new_button = buttons.addButton(
            self.tr("New clause"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.save_button = buttons.addButton(
            self.tr("Save clause"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.insert_button = buttons.addButton(
            self.tr("Insert into the agreement"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.insert_button.setVisible(partnership_id is not None)
        for button in (self.new_button, self.save_button, self.insert_button):
            button.setEnabled(not db.read_only)
        self.new_button.clicked.connect(self.new_clause)
        self.save_button.clicked.connect(self.save_clause)
        self.insert_button.clicked.connect(self.insert_clause)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.language)
        layout.addLayout(panes, 1)
        layout.addWidget(buttons)
        self.reload()

    def reload(self, select: uuid.UUID | None = None) -> None:
        """The library in the chosen language, read on the worker."""
        language = self.language.currentData()

        def titles(session: Any) -> list[tuple[uuid.UUID, str]]:
            return [(c.id, c.title) for c in clauses.library(session, language)]

        operations.read(self, self._db, titles).success(
            lambda found: self._fill(found, select)
        ).run()

    def _fill(self, found: list[tuple[uuid.UUID, str]], select: uuid.UUID | None) -> None:
        self.list.clear()
        for ident, title in found:
            item = QListWidgetItem(title)
            item.setData(Qt.ItemDataRole.UserRole, str(ident))
            self.list.addItem(item)
            if ident == select:
                self.list.setCurrentItem(item)
        if self.list.currentItem() is None and self.list.count():
            self.list.setCurrentRow(0)

    def selected(self) -> uuid.UUID | None:
        item = self.list.currentItem()
        key = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return uuid.UUID(key) if key else None

    def _show(self) -> None:
        ident = self.selected()
        if ident is None:
            return

        def text(session: Any) -> tuple[str, str]:
            clause = clauses.find(session, ident)
            return clause.title, clause.body

        def shown(found: tuple[str, str]) -> None:
            if self.selected() == ident:  # a later choice wins
                self.title.setText(found[0])
                self.body.setPlainText(found[1])
                self.error.clear()

        operations.read(self, self._db, text).success(shown).run()

    def new_clause(self) -> None:
        self.list.clearSelection()
        self.list.setCurrentItem(None)
        self.title.setText(self.tr("New clause"))
        self.body.setPlainText("")
        self.title.setFocus()
        self.title.selectAll()

    def _saving(self) -> Callable[[Any], uuid.UUID]:
        """The save of the clause as shown now (read here, written on the worker)."""
        shown = {
            "ident": self.selected(),
            "title": self.title.text(),
            "body": self.body.toPlainText(),
            "language": self.language.currentData(),
        }
        return lambda session: clauses.save(session, **shown).id

    def _refused(self, exc: KnownError) -> None:
        self.error.setText(describe(exc))

    def save_clause(self) -> None:
        """Save the clause shown, on the worker; the list then shows it chosen."""
        self.error.clear()
        operations.write(self, self._db, self._saving()).busy(self).failure(self._refused).success(
            lambda ident: self.reload(select=ident)
        ).run()

    def insert_clause(self) -> None:
        """Save the clause shown and insert it into the agreement, in one unit of work: what
        is shown is what goes in."""
        partnership = self._partnership
        if partnership is None:
            return
        save = self._saving()

        def insert(session: Any) -> None:
            clauses.insert(session, partnership, save(session))

        self.error.clear()
        operations.write(self, self._db, insert).busy(self).failure(self._refused).success(
            lambda _none: (self.inserted.emit(), self.accept())
        ).run()
