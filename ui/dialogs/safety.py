"""Keeping data safe: backups and restore, the trash, and personal-data requests."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui import operations, tasks
from ui.dialogs.base import Dialog, error_label
from ui.errors import describe
from ui.formatting import display
from ui.i18n import _t, shown_language
from ui.labels import entity_title, field_label
from workbook import backup, privacy
from workbook.changes import EVERYTHING
from workbook.db import Database
from workbook.services import trash


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _fill(table: QTableWidget, rows: list[tuple[Any, list[str]]]) -> None:
    """Rows of text; each row's first cell carries its key in the user role."""
    table.setRowCount(len(rows))
    for r, (key, cells) in enumerate(rows):
        for c, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if c == 0:
                item.setData(Qt.ItemDataRole.UserRole, key)
            table.setItem(r, c, item)
    if rows:
        table.selectRow(0)


def _selected_key(table: QTableWidget) -> Any:
    row = table.currentRow()
    item = table.item(row, 0) if row >= 0 else None
    return item.data(Qt.ItemDataRole.UserRole) if item is not None else None


def _local(value: Any) -> str:
    return value.replace(tzinfo=UTC).astimezone().strftime("%Y-%m-%d %H:%M")


class BackupsDialog(Dialog):
    """The backups of the open database file, newest first; restoring one replaces it."""

    restore_requested = Signal(str)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent, geometry_key="backups")
        self.setWindowTitle(self.tr("Restore from backup"))
        self.resize(760, 420)
        assert db.file is not None
        self._db, db_file = db, db.file
        self.table = _table([self.tr("Taken"), self.tr("Why"), self.tr("Records"), self.tr("Size")])
        self.table.doubleClicked.connect(self._restore)
        reasons = {
            "daily": self.tr("daily, on opening"),
            "manual": self.tr("backed up by hand"),
            "before-import": self.tr("before an import"),
            "before-restore": self.tr("before a restore"),
            "archive": self.tr("for an archive"),
        }
        backups = backup.list_backups(db_file)
        _fill(
            self.table,
            [
                (
                    b.name,
                    [
                        _local(b.created),
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
        name = _selected_key(self.table)
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


class TrashDialog(Dialog):
    """Deleted records, restorable for 30 days."""

    changed = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent, geometry_key="trash")
        self.setWindowTitle(self.tr("Trash"))
        self.resize(760, 420)
        self._db = db
        self.table = _table(
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
        _fill(
            self.table,
            [
                (
                    str(i.id),
                    [
                        f"{entity_title(i.entity)}: {i.caption}",
                        _local(i.deleted_at),
                        i.deleted_by,
                        _local(i.purge_after)[:10],
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
        key = _selected_key(self.table)
        if key:
            self._run(lambda s: trash.restore(s, uuid.UUID(key)))

    def _forget(self, *, everything: bool) -> None:
        key = _selected_key(self.table)
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


def export_personal_data(parent: QWidget, db: Database, contact_id: uuid.UUID) -> None:
    """Ask for a folder, then write the person's data as JSON and PDF (in the background)."""
    folder = QFileDialog.getExistingDirectory(
        parent, _t("Folder for the personal data export"), str(Path.home())
    )
    if not folder:
        return

    language = shown_language()  # the letter the person reads, in the app's language

    def work(_progress: Any) -> tuple[Path, Path]:
        with db.unit() as session:
            return privacy.export_person(session, contact_id, folder, language=language)

    def done(paths: tuple[Path, Path]) -> None:
        QMessageBox.information(
            parent,
            _t("Personal data"),
            _t("Written:\n{json}\n{pdf}").format(json=paths[0], pdf=paths[1]),
        )

    tasks.Operation(parent, work).success(done).run(label=_t("Collecting personal data"))


def erase_personal_data(
    parent: QWidget, db: Database, contact_id: uuid.UUID, done: Callable[[], None]
) -> tasks.Operation:
    """Find every text that names the person (off the UI thread: it reads every free text),
    show them and ask, then anonymise the person and call ``done``. Final; bypasses the
    trash."""

    def look(_progress: Any) -> tuple[str, list[privacy.Place], list[privacy.Kept]]:
        with db.reading() as session:
            name, places = privacy.places(session, contact_id)
            return name, places, privacy.kept(session, contact_id)

    return (
        tasks.Operation(parent, look)
        .success(lambda found: _confirm_erasure(parent, db, contact_id, done, *found))
        .run(label=_t("Looking for mentions of the person"))
    )


# How many of the places that mention a person the confirmation lists one by one.
PLACES_LISTED = 12


def _place_label(place: privacy.Place) -> str:
    from workbook.models import Base

    if place.table == "changes":
        where = _t("change history")
    elif place.table == "trash":
        where = _t("trash")
    else:
        entity = next(
            (
                m.class_.__entity__
                for m in Base.registry.mappers
                if m.local_table.name == place.table
            ),
            place.table,
        )
        where = f"{entity_title(entity)}, {field_label(place.field)}"
    return f"• {where}: {place.snippet}"


def _confirm_erasure(
    parent: QWidget,
    db: Database,
    contact_id: uuid.UUID,
    done: Callable[[], None],
    name: str,
    places: list[privacy.Place],
    kept: list[privacy.Kept],
) -> None:
    listed = "\n".join(_place_label(p) for p in places[:PLACES_LISTED])
    if len(places) > PLACES_LISTED:
        listed += "\n" + _t("… and %n more", None, len(places) - PLACES_LISTED)
    mentions = (
        _t("These %n place(s) mention {name} and will read [erased]:", None, len(places)).format(
            name=name
        )
        + "\n"
        + listed
        if places
        else _t("No other text mentions {name}.").format(name=name)
    )
    signed = sorted({k.partnership for k in kept})
    if signed:
        mentions += "\n\n" + _t(
            "Kept as signed (they show what the partners agreed): {agreements}"
        ).format(agreements=", ".join(signed))
    answer = QMessageBox.question(
        parent,
        _t("Erase personal data"),
        _t(
            "Erase everything about {name}? Their name, e-mail and phone are removed from "
            "the contact and from the texts below. Decisions and conflicts remain, without "
            "the name; other people's records are not touched. A backup is taken first. "
            "This is final: it cannot be restored from the trash, and it is applied again "
            "if an older backup or archive is opened."
        ).format(name=name)
        + "\n\n"
        + mentions,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    if answer != QMessageBox.StandardButton.Yes:
        return
    tasks.Operation(parent, lambda _p: privacy.erase_person(db, contact_id)).success(
        lambda _changed: (operations.hub().report(EVERYTHING, parent), done())
    ).run(label=_t("Erase personal data"))


class PrivacyReviewDialog(Dialog):
    """Contacts to look at: no consent recorded, consent without purpose, long inactive."""

    open_contact = Signal(uuid.UUID)
    changed = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent, geometry_key="privacy-review")
        self.setWindowTitle(self.tr("Personal data review"))
        self.resize(820, 460)
        self._db = db
        self.years = QSpinBox(minimum=1, maximum=30, value=3)
        self.years.setSuffix(self.tr(" years"))
        self.years.valueChanged.connect(self.reload)
        self.table = _table(
            [self.tr("Name"), self.tr("Organisation"), self.tr("Why"), self.tr("Last activity")]
        )
        self.table.doubleClicked.connect(self._open)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        actions: list[tuple[str, Callable[[], None]]] = [
            (self.tr("Open"), self._open),
            (self.tr("Export personal data…"), self._export),
            (self.tr("Erase…"), self._erase),
        ]
        for text, slot in actions:
            button: QPushButton = buttons.addButton(text, QDialogButtonBox.ButtonRole.ActionRole)
            button.clicked.connect(slot)
            if slot == self._erase:
                button.setEnabled(not db.read_only)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        intro = QLabel(wordWrap=True)
        intro.setText(
            self.tr(
                "People whose consent is not recorded or has no purpose, and people with no "
                "activity (meetings attended, changes) for longer than:"
            )
        )
        layout.addWidget(intro)
        layout.addWidget(self.years)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.reload()

    def reload(self) -> None:
        reasons = {
            "no_consent": self.tr("no consent recorded"),
            "no_purpose": self.tr("consent without a purpose"),
            "inactive": self.tr("inactive"),
        }
        years = self.years.value()
        operations.read(self, self._db, lambda s: privacy.review(s, years=years)).success(
            lambda items: self._show(items, reasons)
        ).run()

    def _show(self, items: list[Any], reasons: dict[str, str]) -> None:
        _fill(
            self.table,
            [
                (
                    str(i.contact_id),
                    [
                        i.name,
                        i.organisation or "",
                        reasons[i.reason],
                        display(i.last_activity, "date"),
                    ],
                )
                for i in items
            ],
        )

    def _selected(self) -> uuid.UUID | None:
        key = _selected_key(self.table)
        return uuid.UUID(key) if key else None

    def _open(self) -> None:
        contact_id = self._selected()
        if contact_id is not None:
            self.open_contact.emit(contact_id)
            self.accept()

    def _export(self) -> None:
        contact_id = self._selected()
        if contact_id is not None:
            export_personal_data(self, self._db, contact_id)

    def _erase(self) -> None:
        contact_id = self._selected()
        if contact_id is not None:
            erase_personal_data(
                self, self._db, contact_id, lambda: (self.reload(), self.changed.emit())
            )
