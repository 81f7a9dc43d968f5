"""Members in step through a shared folder: File > Sync, and a sync when the workbook
opens and closes if the member wants it (Preferences; ``workbook.sync``)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from ui import operations, tasks
from ui.actions.base import Capability, Menus
from ui.errors import describe
from ui.settings import sync_on_open_close
from workbook.domain.errors import KnownError

if TYPE_CHECKING:
    from ui.dialogs.sync import SyncDialog
    from workbook.store.db import Database

log = logging.getLogger(__name__)


def _quiet_sync(db: Database) -> Any:
    """A sync if this database syncs through a folder; None if it does not."""
    from workbook.sync import folder

    return folder.sync(db) if folder.status(db).joined else None


class Sync(Capability):
    def install(self, menus: Menus) -> None:
        self.sync_action = menus.add("exchange", self.tr("S&ync with members…"), self.open_sync)
        self._opened: Database | None = None

    def mode(self, writable: bool) -> None:
        # a server database keeps its members in step itself
        self.sync_action.setEnabled(self.db.is_sqlite)
        if self.db is not self._opened:
            self._opened = self.db
            if writable and self.db.is_sqlite and sync_on_open_close():
                self.sync_quietly()

    def open_sync(self) -> SyncDialog:
        from ui.dialogs.sync import SyncDialog

        dialog = SyncDialog(self.db, self.window)
        dialog.open()
        return dialog

    def sync_quietly(self) -> None:
        """The sync on opening: on the worker, its outcome in the status bar."""
        db = self.db

        def synced(report: Any) -> None:
            if report is None:
                return
            operations.hub().report(report.changes)
            said = self.tr("Synced with the members: {sent} change(s) sent, {got} received.")
            message = said.format(sent=report.written, got=report.applied)
            if report.conflicts:
                message += " " + self.tr("{n} conflict(s) to decide: File > Sync with members.")
                message = message.format(n=report.conflicts)
            self.say(message, 15000)

        def failed(error: KnownError) -> None:
            self.say(describe(error), 15000)

        operations.call(self.window, db, lambda: _quiet_sync(db)).success(synced).failure(
            failed
        ).run()

    def on_close(self) -> None:
        """The last sync, the window already gone; a folder out of reach is logged, not said
        (the changes wait for the next sync)."""
        if self.db is None or not self.db.is_sqlite or not sync_on_open_close():
            return
        db = self.db

        def last() -> None:
            try:
                _quiet_sync(db)
            except KnownError as exc:
                log.warning("No sync on closing: %s", exc.message)

        tasks.runner().run_now(last)
