"""File > Print / export PDF: the report of what the window shows, or any other."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from PySide6.QtGui import QKeySequence

from ui.actions.base import Capability, Menus

if TYPE_CHECKING:
    from ui.dialogs.report import ReportDialog
    from ui.views.records import RecordListView


class Reports(Capability):
    def install(self, menus: Menus) -> None:
        self.print_action = menus.add(
            "exchange",
            self.tr("&Print / export PDF…"),
            self.open_report,
            QKeySequence.StandardKey.Print,
        )

    def open_report(self) -> ReportDialog:
        """The report of the list shown (its selected partnership's agreement)."""
        from ui.dialogs.report import REPORT_OF, ReportDialog

        view = self.window.current_view()
        entity = view.entity if view is not None else None
        selected = view.selected() if view is not None else None
        return self._opened(
            ReportDialog(
                self.db,
                self.window,
                kind=REPORT_OF.get(entity or ""),
                partnership_id=selected[0] if selected and entity == "partnership" else None,
            )
        )

    def print_record(self, view: RecordListView, ident: uuid.UUID) -> ReportDialog:
        """The sheet of one record of ``view``: minutes, a decision, a conflict, a partner."""
        from ui.dialogs.report import ReportDialog

        caption = view.shown_value(ident, "name" if view.entity == "organisation" else "title")
        return self._opened(
            ReportDialog(self.db, self.window, record=(view.entity, ident, caption))
        )

    def _opened(self, dialog: ReportDialog) -> ReportDialog:
        dialog.accepted.connect(
            lambda: self.say(
                self.tr("Report written: {path} ({pages} pages)").format(
                    path=dialog.path.text(), pages=dialog.pages
                )
            )
        )
        dialog.open()
        return dialog
