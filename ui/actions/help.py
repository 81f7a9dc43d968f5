"""Help: the user guide and About."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale
from PySide6.QtGui import QKeySequence

from ui.actions.base import Capability, Menus

if TYPE_CHECKING:
    from ui.dialogs.help import AboutDialog, GuideDialog


class Help(Capability):
    def install(self, menus: Menus) -> None:
        menus.add(
            "help", self.tr("&User guide"), self.open_guide, QKeySequence.StandardKey.HelpContents
        )
        menus.add("help", self.tr("&About Alliance Workbook"), self.about)

    def open_guide(self) -> GuideDialog:
        from ui.dialogs.help import GuideDialog

        dialog = GuideDialog(QLocale().name()[:2], self.window)
        dialog.show()
        return dialog

    def about(self) -> AboutDialog:
        from ui.dialogs.help import AboutDialog

        dialog = AboutDialog(self.db, self.window)
        dialog.open()
        return dialog
