"""File > New, Open, Open recent: which database the window works on, and the welcome of a
new one."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFileDialog

from ui import operations
from ui.actions.base import Capability, Menus
from ui.settings import recent_databases


class Databases(Capability):
    def install(self, menus: Menus) -> None:
        menus.add("databases", self.tr("&New database…"), self.new_database, "Ctrl+Shift+N")
        menus.add(
            "databases",
            self.tr("&Open database…"),
            self.choose_database,
            QKeySequence.StandardKey.Open,
        )
        self.recent_menu = menus.submenu("databases", self.tr("Open &recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for location in recent_databases():
            self.recent_menu.addAction(location).triggered.connect(
                lambda _c=False, loc=location: self.window.switch_database(loc)
            )
        if not self.recent_menu.actions():
            self.recent_menu.addAction(self.tr("(none yet)")).setEnabled(False)

    def new_database(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self.window,
            self.tr("New database"),
            str(Path.home()),
            self.tr("Workbook databases (*.sqlite)"),
        )
        if path:
            location = path if path.endswith(".sqlite") else path + ".sqlite"
            self.window.switch_database(location, then=self.welcome)

    def welcome(self) -> None:
        """The welcome of a new database (asked on the worker whether it is new): its
        association's profile, demo data if wanted."""
        from ui.dialogs.first_run import FirstRunDialog
        from ui.opening import is_new

        def asked(new: bool) -> None:
            if new:
                dialog = FirstRunDialog(self.db, self.window)
                dialog.accepted.connect(self.window.refresh)
                dialog.open()

        operations.read(self.window, self.db, is_new).success(asked).run()

    def choose_database(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.window,
            self.tr("Open database"),
            str(Path.home()),
            self.tr("Workbook databases (*.sqlite)"),
        )
        if path:
            self.window.switch_database(path)
