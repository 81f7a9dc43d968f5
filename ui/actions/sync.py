"""Members in step through a shared folder: File > Sync (``workbook.sync``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ui.actions.base import Capability, Menus

if TYPE_CHECKING:
    from ui.dialogs.sync import SyncDialog


class Sync(Capability):
    def install(self, menus: Menus) -> None:
        self.sync_action = menus.add("exchange", self.tr("S&ync with members…"), self.open_sync)

    def mode(self, writable: bool) -> None:
        # a server database keeps its members in step itself
        self.sync_action.setEnabled(self.db.is_sqlite)

    def open_sync(self) -> SyncDialog:
        from ui.dialogs.sync import SyncDialog

        dialog = SyncDialog(self.db, self.window)
        dialog.open()
        return dialog
