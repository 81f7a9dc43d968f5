"""File > Import, Export and Export calendar: workbooks to partners and back, other
spreadsheets adopted, meetings and due dates for members' calendars."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QFileDialog

from ui import tasks
from ui.actions.base import Capability, Menus

if TYPE_CHECKING:
    from ui.dialogs.adopt import AdoptWizard
    from ui.dialogs.exchange import ExportDialog, ImportWizard


class Exchange(Capability):
    def install(self, menus: Menus) -> None:
        imports = menus.submenu("exchange", self.tr("&Import"))
        self.import_action = imports.addAction(self.tr("Workbook sent back by a &partner…"))
        self.import_action.setShortcut("Ctrl+I")
        self.import_action.triggered.connect(lambda _c=False: self.open_import())
        self.adopt_action = imports.addAction(self.tr("From another &spreadsheet or CSV…"))
        self.adopt_action.triggered.connect(lambda _c=False: self.open_adopt())
        self.export_action = menus.add(
            "exchange", self.tr("&Export…"), self.open_export, "Ctrl+Shift+E"
        )
        menus.add("exchange", self.tr("Export &calendar…"), self.export_calendar)

    def mode(self, writable: bool) -> None:
        self.import_action.setEnabled(writable)
        self.adopt_action.setEnabled(writable)

    def open_import(self) -> ImportWizard:
        from ui.dialogs.exchange import ImportWizard

        wizard = ImportWizard(self.db, self.window)
        wizard.accepted.connect(lambda: self._imported(wizard))  # its changes are reported
        wizard.open()
        return wizard

    def _imported(self, wizard: ImportWizard) -> None:
        counts = wizard.applied or {}
        self.say(
            self.tr("Imported: {added} added, {changed} changed, {overwritten} overwritten").format(
                **{k: counts.get(k, 0) for k in ("added", "changed", "overwritten")}
            )
        )

    def open_adopt(self) -> AdoptWizard:
        from ui.dialogs.adopt import AdoptWizard

        wizard = AdoptWizard(self.db, self.window)
        wizard.accepted.connect(  # what it added is reported to every view
            lambda: self.say(self.tr("Adopted {n} records").format(n=wizard.adopted or 0))
        )
        wizard.open()
        return wizard

    def open_export(self) -> ExportDialog:
        from ui.dialogs.exchange import ExportDialog

        dialog = ExportDialog(self.db, self.window)
        dialog.accepted.connect(
            lambda: self.say(self.tr("Exported to {path}").format(path=dialog.exported_to))
        )
        dialog.open()
        return dialog

    def export_calendar(self, path: str | None = None) -> tasks.Operation | None:
        """Meetings and due dates as an .ics file for members' own calendars."""
        from workbook.exchange.calendar import export_calendar

        if path is None:
            path, _ = QFileDialog.getSaveFileName(
                self.window,
                self.tr("Export calendar"),
                str(Path.home() / "alliance-workbook.ics"),
                self.tr("Calendars (*.ics)"),
            )
        if not path:
            return None
        target = path if path.endswith(".ics") else path + ".ics"
        db, lang = self.db, QLocale().name()[:2]

        def work(_progress: object) -> int:
            with db.reading() as session:
                return export_calendar(session, target, lang=lang)

        return (
            tasks.Operation(self.window, work)
            .success(
                lambda n: self.say(
                    self.tr("{n} dates written to {path}").format(n=n, path=target), 10000
                )
            )
            .run(label=self.tr("Writing the calendar…"))
        )
