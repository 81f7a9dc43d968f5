"""Keeping the data safe: back up now, restore from a backup, archives written and opened,
the trash."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog

from ui import tasks
from ui.actions.base import Capability, Menus
from ui.errors import show_known
from workbook.domain.errors import KnownError

if TYPE_CHECKING:
    from ui.dialogs.backups import BackupsDialog
    from ui.dialogs.trash import TrashDialog
    from workbook.store.db import Database


class Safety(Capability):
    def install(self, menus: Menus) -> None:
        self.backup_action = menus.add(
            "safety", self.tr("&Back up now"), self.back_up_now, "Ctrl+Shift+B"
        )
        self.restore_action = menus.add(
            "safety", self.tr("Restore from &backup…"), self.open_backups
        )
        menus.add("safety", self.tr("Save &archive…"), self.save_archive)
        menus.add("safety", self.tr("Open a&rchive…"), self.open_archive)
        menus.add("care", self.tr("&Trash…"), self.open_trash)

    def mode(self, writable: bool) -> None:
        self.restore_action.setEnabled(writable)
        self.backup_action.setEnabled(self.db.file is not None)

    def back_up_now(self) -> tasks.Operation | None:
        from workbook.store import backup
        from workbook.store.backup import NoBackupOnServer

        db = self.db
        if db.file is None:
            show_known(self.window, NoBackupOnServer(location=db.location))
            return None
        return (
            tasks.Operation(self.window, lambda p: backup.backup_database(db, "manual", progress=p))
            .success(
                lambda info: self.say(self.tr("Backed up to {path}").format(path=info.path), 10000)
            )
            .run(label=self.tr("Backing up…"))
        )

    def open_backups(self) -> BackupsDialog | None:
        from ui.dialogs.backups import BackupsDialog
        from workbook.store.backup import NoBackupOnServer

        if self.db.file is None:
            show_known(self.window, NoBackupOnServer(location=self.db.location))
            return None
        dialog = BackupsDialog(self.db, self.window)
        dialog.restore_requested.connect(self.restore_backup)
        dialog.open()
        return dialog

    def restore_backup(self, name: str) -> tasks.Operation:
        """Close the database, put the backup in its place, and open it again."""
        from workbook import opening

        window = self.window
        file, member = self.db.file, self.db.member
        assert file is not None
        window.let_go()

        def reopen(result: object) -> None:
            from ui.opening import open_in_background

            def opened(db: Database | None) -> None:
                if db is None:  # the user was told why; nothing is left to work on
                    window.close()
                    return
                window.use(db)
                restored(result)

            open_in_background(window, str(file), member, opened)

        def restored(result: object) -> None:
            if isinstance(result, tuple):
                _before, replayed = result
                message = self.tr("Restored {name}.").format(name=name)
                if replayed:
                    message += " " + self.tr(
                        "{n} erasure(s) of personal data made since were applied again."
                    ).format(n=replayed)
                self.say(message, 15000)

        def failed(error: BaseException) -> None:
            if isinstance(error, KnownError):
                show_known(window, error)
            reopen(None)

        return (
            tasks.Operation(window, lambda _p: opening.restore(file, name, member=member))
            .success(reopen)
            .failure(failed)
            .run(label=self.tr("Restoring…"), delay_ms=0)
        )

    def save_archive(self) -> None:
        from workbook.archive import create_archive

        path, _ = QFileDialog.getSaveFileName(
            self.window,
            self.tr("Save archive"),
            str(Path.home() / "alliance-workbook-archive.zip"),
            self.tr("Archives (*.zip)"),
        )
        if not path:
            return
        target = path if path.endswith(".zip") else path + ".zip"
        db = self.db
        tasks.Operation(self.window, lambda p: create_archive(db, target, progress=p)).success(
            lambda _counts: self.say(self.tr("Archive written: {path}").format(path=target), 10000)
        ).run(label=self.tr("Writing the archive…"))

    def open_archive(self) -> None:
        """A new database from an archive, then open it."""
        from workbook.archive import open_archive as unpack_archive

        source, _ = QFileDialog.getOpenFileName(
            self.window, self.tr("Open archive"), str(Path.home()), self.tr("Archives (*.zip)")
        )
        if not source:
            return
        target, _ = QFileDialog.getSaveFileName(
            self.window,
            self.tr("New database from the archive"),
            str(Path(source).with_suffix(".sqlite")),
            self.tr("Workbook databases (*.sqlite)"),
        )
        if not target:
            return
        member = self.db.member

        def work(progress: object) -> str:
            unpack_archive(source, target, member=member, progress=progress).close()
            return target

        tasks.Operation(self.window, work).success(self.window.switch_database).run(
            label=self.tr("Opening the archive…")
        )

    def open_trash(self) -> TrashDialog:
        from ui.dialogs.trash import TrashDialog

        dialog = TrashDialog(self.db, self.window)
        dialog.open()
        return dialog
