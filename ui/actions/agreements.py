"""Agreements: the clause library, and amending or renewing a partnership's agreement."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from ui.actions.base import Capability, Menus

if TYPE_CHECKING:
    from ui.dialogs.agreements import AmendmentForm, ClauseDialog
    from ui.views.records import RecordListView


class Agreements(Capability):
    def install(self, menus: Menus) -> None:
        menus.add("care", self.tr("&Clause library…"), lambda: self.open_clauses(None))

    def open_clauses(self, partnership_id: uuid.UUID | None) -> ClauseDialog:
        """The clause library; with a partnership, to insert a clause into its agreement."""
        from ui.dialogs.agreements import ClauseDialog

        dialog = ClauseDialog(self.db, partnership_id, self.window)
        dialog.open()
        return dialog

    def amend(self, view: RecordListView, partnership_id: uuid.UUID) -> None:
        """The agreement's form, read on the worker; saved, a new version."""
        from ui.dialogs.agreements import AmendmentForm
        from ui.dialogs.record_form import open_form

        def opened(form: AmendmentForm) -> None:
            form.saved.connect(lambda _id: view.select(partnership_id))  # its new version shows

        db = self.db
        open_form(
            self.window,
            db,
            "partnership",
            partnership_id,
            make=lambda data: AmendmentForm(db, partnership_id, self.window, data=data),
            opened=opened,  # type: ignore[arg-type]
        )
