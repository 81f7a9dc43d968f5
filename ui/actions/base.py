"""What every capability of the window is: its menu entries and what they do.

The window (``ui.main_window``) is the frame: it makes the menus, each with its groups in
order, and hands them to each capability, which puts its entries at the end of its groups.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

if TYPE_CHECKING:
    from ui.main_window import MainWindow
    from workbook.store.db import Database


class Menus:
    """The window's menus by name, each ending its groups with a separator: an entry
    goes to the end of its group, wherever in the menu that is."""

    def __init__(self) -> None:
        self._groups: dict[str, tuple[QMenu, QAction]] = {}

    def group(self, name: str, menu: QMenu) -> None:
        self._groups[name] = (menu, menu.addSeparator())

    def add(
        self, group: str, text: str, slot: Callable[[], Any] | None = None, shortcut: Any = None
    ) -> QAction:
        menu, end = self._groups[group]
        action = QAction(text, menu)
        if slot is not None:
            action.triggered.connect(lambda _checked=False: slot())
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        menu.insertAction(end, action)
        return action

    def submenu(self, group: str, title: str) -> QMenu:
        menu, end = self._groups[group]
        sub = QMenu(title, menu)
        menu.insertMenu(end, sub)
        return sub


class Capability(QObject):
    """One capability's menu entries and what they do, in the window that is their frame."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window

    @property
    def db(self) -> Database:
        return self.window.db

    def say(self, message: str, ms: int = 8000) -> None:
        """A message in the window's status bar."""
        self.window.statusBar().showMessage(message, ms)

    def install(self, menus: Menus) -> None:
        """Put the capability's entries in the window's menus."""

    def mode(self, writable: bool) -> None:
        """The open database changed, or what the member may do in it (``writable``)."""
