"""What the window keeps between sessions: its size and place, the section it showed, and
what the next start shows before the database is open (``workbook.first_page``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray

from ui.sections import SECTIONS
from ui.settings import settings

if TYPE_CHECKING:
    from ui.main_window import MainWindow

#: What the next start shows before the database is open (``workbook.first_page``).
FIRST_PAGE_KEY = "main/first_page"


def restore_geometry(window: MainWindow) -> None:
    store = settings()
    geometry = store.value("main/geometry")
    if isinstance(geometry, QByteArray):
        window.restoreGeometry(geometry)
    else:
        window.resize(1280, 800)
    state = store.value("main/state")
    if isinstance(state, QByteArray):
        window.restoreState(state)


def restore_section(window: MainWindow) -> None:
    window.nav.setCurrentRow(int(settings().value("main/section", 0) or 0))


def save_layout(window: MainWindow) -> None:
    store = settings()
    store.setValue("main/geometry", window.saveGeometry())
    store.setValue("main/state", window.saveState())
    store.setValue("main/section", window.nav.currentRow())
    for view in window.views.values():
        view.save_layout()
    kept = _first_page_kept(window)
    if kept is None:
        store.remove(FIRST_PAGE_KEY)
    else:
        store.setValue(FIRST_PAGE_KEY, kept)
    store.sync()


def _first_page_kept(window: MainWindow) -> str | None:
    """What the next start needs to show the list this section opens on, before the
    database is open: a file's only (a server's driver is no quicker to load)."""
    entities = SECTIONS[max(0, window.nav.currentRow())][1]
    if not entities or window.db.file is None:
        return None
    from ui.models.records import RecordTableModel
    from workbook.first_page import take
    from workbook.services import ListQuery

    view = dict.get(window.views, entities[0])
    query = view.model.start_query() if view is not None else ListQuery()
    return take(window.db.file, entities[0], query, RecordTableModel.page_size)
