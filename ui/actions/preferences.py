"""Edit > Association profile and Preferences (a new language offers a restart)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox

from ui.actions.base import Capability, Menus

if TYPE_CHECKING:
    from ui.dialogs.preferences import PreferencesDialog
    from ui.dialogs.profile import ProfileDialog


class Preferences(Capability):
    def install(self, menus: Menus) -> None:
        self.profile_action = menus.add(
            "settings", self.tr("Association &profile…"), self.open_profile
        )
        preferences = menus.add(
            "settings",
            self.tr("P&references…"),
            self.open_preferences,
            QKeySequence.StandardKey.Preferences,
        )
        preferences.setMenuRole(QAction.MenuRole.PreferencesRole)

    def open_profile(self) -> ProfileDialog:
        from ui.dialogs.profile import ProfileDialog

        dialog = ProfileDialog(self.db, self.window)  # its save is reported to every view
        dialog.open()
        return dialog

    def open_preferences(self) -> PreferencesDialog:
        from ui.dialogs.preferences import PreferencesDialog

        dialog = PreferencesDialog(self.db.member, self.window)
        dialog.accepted.connect(self.window.refresh)  # dates and numbers shown anew
        dialog.accepted.connect(lambda: self._offer_restart(dialog))
        dialog.open()
        return dialog

    def _offer_restart(self, dialog: PreferencesDialog) -> None:
        """A new language shows after a restart: offered at once, not left to be found."""
        if not getattr(dialog, "language_changed", False):
            return
        answer = QMessageBox.question(
            self.window,
            self.tr("Language"),
            self.tr("Restart Alliance Workbook now to use the new language?"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.window.restart_requested = True  # started again once the database is closed
            self.window.close()
