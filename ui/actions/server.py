"""A shared server: connecting to one, its members, copying a database to it, and the live
updates that bring other members' changes the way the app's own go (``ui.operations``)."""

from __future__ import annotations

import logging
import operator
import uuid
from functools import reduce
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QInputDialog

from ui import tasks
from ui.actions.base import Capability, Menus
from workbook.domain.changes import Changes

if TYPE_CHECKING:
    from ui.dialogs.members import MembersDialog
    from ui.live import LiveUpdates

log = logging.getLogger("workbook.ui")


class Server(Capability):
    def install(self, menus: Menus) -> None:
        self.live: LiveUpdates | None = None
        self.stale = False
        self._pending: list[Changes] = []
        menus.add("databases", self.tr("&Connect to server…"), self.connect_to_server)
        menus.add("safety", self.tr("Copy to a server or &file…"), self.copy_database)
        self.members_action = menus.add("safety", self.tr("&Members…"), self.open_members)
        from ui import operations

        operations.hub().trouble.connect(self._trouble)  # a method: let go with the window

    def mode(self, writable: bool) -> None:
        self.members_action.setVisible(self.db.file is None and self.db.level in ("admin", "owner"))

    def connect_to_server(self) -> None:
        from ui.dialogs.connect import ConnectDialog, with_password

        dialog = ConnectDialog(self.window)
        if not dialog.exec() or dialog.url is None:
            return
        url = with_password(self.window, dialog.url)
        if url is not None:
            self.window.switch_database(url)

    def open_members(self) -> MembersDialog:
        from ui.dialogs.members import MembersDialog

        dialog = MembersDialog(self.db, self.window)
        dialog.open()
        return dialog

    def copy_database(self) -> None:
        """Copy this database to an empty server database or a new file, verified."""
        from ui.dialogs.connect import with_password, without_password
        from workbook.transfer import copy_to

        target, ok = QInputDialog.getText(
            self.window,
            self.tr("Copy to a server or file"),
            self.tr(
                "A new .sqlite file, or an empty server database "
                "(postgresql+psycopg://owner@host/database):"
            ),
        )
        if not ok or not target.strip():
            return
        source, destination = self.db, target.strip()
        if "://" in destination:
            destination = with_password(self.window, destination) or ""
            if not destination:
                return
        tasks.Operation(self.window, lambda p: copy_to(source, destination, progress=p)).success(
            lambda checked: self.say(
                self.tr("Copied and checked {n} tables to {target}").format(
                    n=len(checked), target=without_password(destination)
                ),
                15000,
            )
        ).run(label=self.tr("Copying…"))

    # -- live updates ------------------------------------------------------------------------
    def start(self) -> None:
        """Listen to the server's changes (a server's database only)."""
        if self.db.engine.dialect.name != "postgresql":
            return
        from ui.live import LiveUpdates
        from workbook.store.db import own_backends

        self.live = LiveUpdates(self.db.url, self, own=own_backends(self.db.engine))
        self.live.changed.connect(self._remote_change)
        self.live.trouble.connect(self.lost)
        self.live.restored.connect(self._back)
        self.live.start()

    def stop(self) -> None:
        if self.live is not None:
            self.live.stop()
            self.live = None

    def _remote_change(self, entity: str, record_id: object, member: str) -> None:
        """Another member changed something: tell an open form of it; what shows it reads
        again, many rows in one refresh."""
        if member and member != self.db.member and record_id is not None:
            from ui.dialogs.record_form import RecordForm

            for form in self.window.findChildren(RecordForm):
                if form.isVisible() and form.record_id == record_id:
                    form.remote_changed(member)
        if not self._pending:
            QTimer.singleShot(300, self._report_pending)
        # a table the history does not cover (entity "") shows on the dashboard only
        self._pending.append(
            Changes(
                frozenset({entity or "dashboard"}),
                frozenset({record_id}) if isinstance(record_id, uuid.UUID) else frozenset(),
                counts=True,
            )
        )

    def _report_pending(self) -> None:
        """The server's changes go the way the app's own do: to every view, once."""
        from ui import operations

        pending, self._pending = self._pending, []
        operations.hub().report(reduce(operator.or_, pending, Changes()), None)

    def _trouble(self, _code: str, message: str) -> None:
        self.lost(message)

    def lost(self, reason: str) -> None:
        """The server cannot be reached: said, and what is shown marked as maybe old."""
        self.stale = True
        self.window.statusBar().showMessage(
            self.tr("The server cannot be reached; retrying. What is shown may be out of date."),
        )
        label = self.window.location_label
        stale = self.tr(" · not up to date")
        label.setText(label.text().split(stale)[0] + stale)
        log.warning("Server unreachable: %s", reason)

    def _back(self) -> None:
        from ui.errors import said_again

        said_again("db_lost")
        self.stale = False
        self.window.show_mode()
        self.say(self.tr("Connected to the server again."))
        self.window.refresh()
