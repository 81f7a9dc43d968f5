"""Personal data: the review of who is kept and why (a person's export and erasure are
buttons of the contacts list: ``ui.actions.records``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ui.actions.base import Capability, Menus

if TYPE_CHECKING:
    from ui.dialogs.privacy import PrivacyReviewDialog


class Privacy(Capability):
    def install(self, menus: Menus) -> None:
        menus.add("care", self.tr("&Personal data review…"), self.open_privacy_review)

    def open_privacy_review(self) -> PrivacyReviewDialog:
        from ui.dialogs.privacy import PrivacyReviewDialog

        dialog = PrivacyReviewDialog(self.db, self.window)
        dialog.open_contact.connect(lambda i: self.window.open_record("contact", i))
        dialog.open()
        return dialog
