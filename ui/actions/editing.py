"""Edit: the record selected in the list shown (new, edit, delete), and finding records."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QKeySequence

from ui.actions.base import Capability, Menus

if TYPE_CHECKING:
    from ui.search import SearchPopup


class Editing(Capability):
    def install(self, menus: Menus) -> None:
        keys = QKeySequence.StandardKey
        for text, method, shortcut in (
            (self.tr("&New record…"), "create_record", keys.New),
            (self.tr("&Edit record…"), "edit_selected", "Ctrl+E"),
            (self.tr("&Delete record…"), "delete_selected", keys.Delete),
        ):
            menus.add("records", text, lambda m=method: self._on_view(m), shortcut)
        menus.add("find", self.tr("&Find everywhere…"), self.open_search, "Ctrl+K")
        menus.add("find", self.tr("Find in &list"), self._focus_list_search, keys.Find)

    def _on_view(self, method: str) -> None:
        view = self.window.current_view()
        if view is not None:
            getattr(view, method)()

    def _focus_list_search(self) -> None:
        view = self.window.current_view()
        if view is not None:
            view.search.setFocus()

    def open_search(self) -> SearchPopup:
        from ui.search import SearchPopup

        popup = SearchPopup(self.db, self.window)
        popup.open_record.connect(self.window.open_record)
        popup.open()
        popup.query.setFocus()
        return popup
