"""Sync through a shared folder: set it up, sync now, see who synced and what came in,
admit a member who asked to join, and decide the conflicts, theirs or mine, field by field."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui import operations, tasks
from ui.dialogs.base import Dialog, error_label
from ui.dialogs.choice import MINE, MineTheirs, Versions
from ui.dialogs.keyed import local_time
from ui.errors import describe
from ui.i18n import _t
from ui.labels import entity_title, field_label

if TYPE_CHECKING:
    from pathlib import Path

    from workbook.store.db import Database
    from workbook.sync.folder import Report, Shown, Status


class SyncDialog(Dialog):
    """File > Sync: the shared folder, the last sync's news and the conflicts to decide."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent, geometry_key="sync")
        self.setWindowTitle(self.tr("Sync through a shared folder"))
        self.resize(820, 520)
        self._db = db
        self._shown: list[Shown] = []
        self._requests: list[dict[str, str]] = []
        self._folder: str | None = None
        self.operation: tasks.Operation | None = None
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.name = QLineEdit(db.member)
        self.found_button = QPushButton(self.tr("Start a shared folder from this database…"))
        self.join_button = QPushButton(self.tr("Join an association's shared folder…"))
        self.found_button.clicked.connect(lambda: self._set_up(found=True))
        self.join_button.clicked.connect(lambda: self._set_up(found=False))
        self.name.setMinimumWidth(220)
        who = QHBoxLayout()
        who.addWidget(QLabel(self.tr("Your name for the others:")))
        who.addWidget(self.name, 1)
        how = QHBoxLayout()
        how.addWidget(self.found_button)
        how.addWidget(self.join_button)
        how.addStretch(1)
        setup = QVBoxLayout()
        setup.setContentsMargins(0, 0, 0, 0)
        setup.addLayout(who)
        setup.addLayout(how)
        self.setup = QWidget()
        self.setup.setLayout(setup)
        self.news = QLabel()
        self.news.setWordWrap(True)
        self.admit_button = QPushButton(self.tr("Admit"))
        self.admit_button.clicked.connect(self._admit)
        self.admit_button.hide()
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Record"),
                self.tr("Field"),
                self.tr("Shown now"),
                self.tr("Other laptop's value"),
                self.tr("Keep"),
            ]
        )
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.error = error_label()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.sync_button = buttons.addButton(
            self.tr("Sync now"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.decide_button = buttons.addButton(
            self.tr("Decide"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.compare_button = buttons.addButton(
            self.tr("Mine and theirs…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.sync_button.clicked.connect(self.sync_now)
        self.decide_button.clicked.connect(self.decide)
        self.compare_button.clicked.connect(lambda: self.compare())
        self.table.cellDoubleClicked.connect(lambda row, _column: self.compare(row))
        self.versions: RecordVersions | None = None
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.setup)
        layout.addWidget(self.news)
        layout.addWidget(self.admit_button)
        layout.addWidget(QLabel(self.tr("Conflicts to decide")))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.reload()

    # reading
    def reload(self) -> None:
        from workbook.sync import folder

        operations.call(self, self._db, lambda: folder.status(self._db)).success(self._show).run()

    def _show(self, status: Status) -> None:
        self._folder = status.folder
        writable = not self._db.read_only
        self.setup.setVisible(not status.joined)
        self.sync_button.setEnabled(status.joined and writable)
        self.decide_button.setEnabled(bool(status.conflicts) and writable)
        self.compare_button.setEnabled(bool(status.conflicts) and writable)
        if not status.joined:
            self.intro.setText(
                self.tr(
                    "Members who each keep their own database can stay in step through a "
                    "folder they share (Nextcloud, Dropbox, a USB stick). One member starts "
                    "the folder from their database; the others join it with a new database "
                    "and are admitted by a member."
                )
            )
        else:
            when = local_time(status.synced_at) if status.synced_at else self.tr("never")
            lines = [
                self.tr("Shared folder: {folder}. Last sync here: {when}.").format(
                    folder=status.folder, when=when
                )
            ]
            for member, laptop, changes, last in status.members:
                lines.append(
                    self.tr(
                        "{member} ({laptop}): {n} change(s) received, the last written {when}"
                    ).format(
                        member=member,
                        laptop=laptop,
                        n=changes,
                        when=local_time(last) if last else "–",
                    )
                )
            self.intro.setText("\n".join(lines))
        self._shown = status.conflicts
        self.table.setRowCount(len(status.conflicts))
        for row, shown in enumerate(status.conflicts):
            deleted = shown.conflict.column == "#"
            record = shown.caption
            if shown.entity:
                record = f"{entity_title(shown.entity)}: {record}"
            field = (
                self.tr("deleted on another laptop")
                if deleted
                else field_label(shown.conflict.column, shown.entity)
            )
            now = self.tr("kept") if deleted else _text(shown.shown)
            gone = self.tr("deleted")
            other = "; ".join(f"{gone if deleted else _text(v)} ({who})" for who, v in shown.others)
            for column, text in enumerate((record, field, now, other)):
                self.table.setItem(row, column, QTableWidgetItem(text))
            combo = QComboBox()
            if deleted:
                combo.addItem(self.tr("keep the record"), True)
                combo.addItem(self.tr("delete it"), False)
            else:
                combo.addItem(self.tr("the value shown"), shown.shown)
                for who, value in shown.others:
                    combo.addItem(self.tr("{member}'s").format(member=who), value)
            self.table.setCellWidget(row, 4, combo)
        self.table.resizeColumnsToContents()

    # doing
    def sync_now(self) -> tasks.Operation:
        from workbook.sync import folder

        db = self._db
        self.error.hide()
        self.operation = (
            tasks.Operation(self, lambda progress: folder.sync(db, progress=progress))
            .success(self._synced)
            .failure(self._failed)
            .run(label=self.tr("Syncing…"), delay_ms=300)
        )
        return self.operation

    def _set_up(self, *, found: bool) -> tasks.Operation | None:
        from pathlib import Path

        title = self.tr("Shared folder to start") if found else self.tr("Shared folder to join")
        chosen = QFileDialog.getExistingDirectory(self, title)
        if not chosen:
            return None
        return self.set_up(Path(chosen), found=found)

    def set_up(self, where: Path, *, found: bool) -> tasks.Operation:
        from workbook.sync import folder

        db, name = self._db, self.name.text().strip() or None
        how = folder.found if found else folder.join
        self.operation = (
            tasks.Operation(self, lambda progress: how(db, where, member=name, progress=progress))
            .success(self._synced)
            .failure(self._failed)
            .run(label=self.tr("Syncing…"), delay_ms=300)
        )
        return self.operation

    def _synced(self, report: Report) -> None:
        operations.hub().report(report.changes)
        lines = []
        if report.written:
            lines.append(self.tr("Sent {n} change(s).").format(n=report.written))
        for arrival in report.arrived:
            lines.append(
                self.tr("Received {n} change(s) from {member} ({laptop}).").format(
                    n=arrival.changes, member=arrival.member, laptop=arrival.laptop
                )
            )
        if not lines:
            lines.append(self.tr("Nothing new."))
        if report.snapshot:
            lines.append(
                self.tr("This laptop started from the folder's snapshot of the older changes.")
            )
        if report.matched:
            lines.append(
                self.tr(
                    "{n} of your records matched the association's by their names; where they "
                    "differ, decide below."
                ).format(n=report.matched)
            )
        tidied = report.compaction
        if tidied is not None and tidied.removed:
            lines.append(
                self.tr(
                    "Tidied the folder: {n} old change file(s) every member has are one snapshot "
                    "now ({size} MB freed)."
                ).format(n=tidied.removed, size=f"{tidied.freed / 1e6:.1f}")
            )
        lines += [describe(error) for error in report.refused]
        if report.incomplete:
            lines.append(
                self.tr("{n} file(s) are still being copied into the folder: next time.").format(
                    n=len(report.incomplete)
                )
            )
        if report.waiting:
            lines.append(
                self.tr("{n} file(s) wait for earlier files of their members.").format(
                    n=len(report.waiting)
                )
            )
        for member, days in report.silent:
            lines.append(
                self.tr("{member} has not synced for {days} days.").format(member=member, days=days)
            )
        self._requests = report.requests
        for asked in report.requests:
            lines.append(
                self.tr("{member} ({laptop}) asks to join.").format(
                    member=asked.get("member"), laptop=asked.get("laptop")
                )
            )
        self.admit_button.setVisible(bool(report.requests))
        if report.requests:
            self.admit_button.setText(
                self.tr("Admit {member}").format(member=report.requests[0].get("member"))
            )
        self.news.setText("\n".join(lines))
        self.reload()

    def _failed(self, error: BaseException) -> None:
        from workbook.domain.errors import KnownError

        if not isinstance(error, KnownError):
            raise error
        self.error.setText(describe(error))
        self.error.show()

    def _admit(self) -> None:
        from pathlib import Path

        from workbook.sync import folder

        if not self._requests:
            return
        asked, db, where = self._requests.pop(0), self._db, Path(self._folder or ".")

        def admit() -> Any:
            return folder.admit(db, where, asked["replica"])

        def admitted(_request: Any) -> None:
            self.news.setText(
                self.tr("{member} is admitted; they are in step after your next sync.").format(
                    member=asked.get("member")
                )
            )
            self.admit_button.setVisible(bool(self._requests))

        operations.call(self, self._db, admit).success(admitted).failure(self._failed).run()

    def decide(self) -> None:
        """The choice of each conflict's row, written on the worker; it travels with the
        next sync."""
        choices = []
        for row, shown in enumerate(self._shown):
            combo = self.table.cellWidget(row, 4)
            assert isinstance(combo, QComboBox)
            choices.append((shown.conflict, combo.currentData()))
        self.settle(choices)

    def compare(self, row: int | None = None) -> RecordVersions | None:
        """The conflicts of one record (the row's, or the selected one's) side by side,
        mine and theirs, in the dialog a form shows for a record saved meanwhile."""
        row = self.table.currentRow() if row is None else row
        if not self._shown:
            return None
        chosen = self._shown[max(row, 0)]
        same = [
            s
            for s in self._shown
            if (s.conflict.table, s.conflict.key) == (chosen.conflict.table, chosen.conflict.key)
        ]
        self.versions = RecordVersions(self, same)
        self.versions.open()
        return self.versions

    def settle(self, choices: list[tuple[Any, Any]]) -> None:
        from workbook.sync import folder

        db = self._db

        def write() -> None:
            for conflict, keep in choices:
                folder.decide(db, conflict, keep)

        def done(_nothing: Any) -> None:
            operations.hub().report(_decided(choices))
            self.news.setText(self.tr("Decided; the decision goes out with the next sync."))
            self.reload()

        operations.call(self, db, write).success(done).failure(self._failed).run()


class RecordVersions(MineTheirs):
    """One record's conflicts from the sync: mine (what this laptop shows) and theirs (the
    other member's value), field by field; the choice is decided at once."""

    def __init__(self, dialog: SyncDialog, conflicts: list[Shown]) -> None:
        self._dialog, self._conflicts = dialog, conflicts
        first = conflicts[0]
        rows = []
        for index, shown in enumerate(conflicts):
            deleted = shown.conflict.column == "#"
            who, theirs = shown.others[-1]
            if deleted:
                label = _t("The record")
                mine, other = _t("kept"), _t("deleted")
            else:
                label = field_label(shown.conflict.column, shown.entity)
                mine, other = _text(shown.shown), _text(theirs)
            rows.append(Versions(str(index), label, mine, f"{other} ({who})"))
        record = first.caption
        if first.entity:
            record = f"{entity_title(first.entity)} “{record}”"
        super().__init__(
            dialog,
            title=_t("Changed on two laptops"),
            intro=_t(
                "{record} was changed here and on another member's laptop before either had "
                "seen the other's change. Choose, field by field, what everyone keeps."
            ).format(record=record),
            rows=rows,
            headers=(_t("Mine (shown here)"), _t("Theirs")),
        )

    def finish(self, picks: dict[str, str]) -> None:
        choices = []
        for index, shown in enumerate(self._conflicts):
            mine = picks[str(index)] == MINE
            if shown.conflict.column == "#":
                choices.append((shown.conflict, mine))
            else:
                choices.append((shown.conflict, shown.shown if mine else shown.others[-1][1]))
        self._dialog.settle(choices)


def _decided(choices: list[tuple[Any, Any]]) -> Any:
    import uuid

    from workbook.domain.changes import Changes
    from workbook.domain.models import ENTITIES

    tables = {m.__tablename__: m.__entity__ for m in ENTITIES.values()}
    kinds = {tables[c.table] for c, _ in choices if c.table in tables}
    ids = {uuid.UUID(c.key) for c, _ in choices if c.table in tables}
    deleted = any(c.column == "#" and not keep for c, keep in choices)
    return Changes(frozenset(kinds), frozenset(ids), counts=deleted, relations=True)


def _text(value: Any) -> str:
    if value is None:
        return "–"
    return str(value)
