"""The main window, a frame: the sections on the left and right, the menus, the status bar.
What the menus do lives by capability in ``ui.actions``; each capability fills its groups."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QSignalBlocker
from PySide6.QtGui import QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QTabWidget,
    QWidget,
)

from ui import sections, tasks, window_layout
from ui.actions.agreements import Agreements
from ui.actions.base import Capability, Menus
from ui.actions.databases import Databases
from ui.actions.editing import Editing
from ui.actions.exchange import Exchange
from ui.actions.help import Help
from ui.actions.preferences import Preferences
from ui.actions.privacy import Privacy
from ui.actions.reports import Reports
from ui.actions.safety import Safety
from ui.actions.server import Server
from ui.actions.sync import Sync
from ui.sections import SECTIONS, section_of
from ui.settings import remember_database
from workbook.first_page import FirstPage

if TYPE_CHECKING:  # the database and the views of its records load when used: a start-up
    # can show the window before SQLAlchemy is loaded (``workbook.first_page``)
    from ui.views.dashboard import DashboardView
    from ui.views.records import RecordListView
    from workbook.store.db import Database

log = logging.getLogger("workbook.ui")


class MainWindow(QMainWindow):
    #: closed to start again (a new language): ``ui.app.run`` starts the app once more
    restart_requested = False

    def __init__(
        self, db: Database | None, first: FirstPage | None = None, *, location: str = ""
    ) -> None:
        """The window of ``db``; or, while a start-up still opens the database at
        ``location``, the window showing ``first``, the list the user left open, until
        ``attach`` gives it the database."""
        super().__init__()
        self.db: Database = db  # type: ignore[assignment]  # None only until attach()
        self._location = location
        self.views = sections.Views(self)
        self.dashboard: DashboardView | None = None
        self.nav, self.stack = sections.navigation()
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.location_label = QLabel()
        self.statusBar().addPermanentWidget(self.location_label)
        self.nav.currentRowChanged.connect(self._go_to)
        # in the order their entries come in each menu group
        self.databases, self.exchange, self.reports = Databases(self), Exchange(self), Reports(self)
        self.safety, self.server, self.sync = Safety(self), Server(self), Sync(self)
        self.editing, self.agreements, self.privacy = Editing(self), Agreements(self), Privacy(self)
        self.preferences, self.help = Preferences(self), Help(self)
        self._build_menus()
        self._first = first
        if db is None:
            assert first is not None, "a window without its database shows a first page"
            self._add_sections()
            sections.show_first_page(self, first)
            window_layout.restore_geometry(self)
            self.show_mode()
            self._menus_wait(True)
            return
        self._build_sections()
        window_layout.restore_geometry(self)
        window_layout.restore_section(self)
        self.server.start()

    @property
    def capabilities(self) -> list[Capability]:
        return [c for c in self.children() if isinstance(c, Capability)]

    def _build_menus(self) -> None:
        """The menus and their groups in order; each capability fills its own."""
        bar, menus = self.menuBar(), Menus()
        file = bar.addMenu(self.tr("&File"))
        for group in ("databases", "exchange", "safety"):
            menus.group(group, file)
        file.addAction(self.tr("&Quit"), QKeySequence.StandardKey.Quit, self.close)
        edit = bar.addMenu(self.tr("&Edit"))
        for group in ("records", "find", "care", "settings"):
            menus.group(group, edit)
        view = bar.addMenu(self.tr("&View"))
        menus.group("sections", view)
        for row, (key, _entities, _icon) in enumerate(SECTIONS):
            menus.add(
                "sections",
                sections.section_title(key),
                lambda r=row: self.nav.setCurrentRow(r),
                f"Ctrl+{row + 1}",
            )
        view.addAction(self.tr("&Refresh"), QKeySequence.StandardKey.Refresh, self.refresh)
        menus.group("help", bar.addMenu(self.tr("&Help")))
        for capability in self.capabilities:
            capability.install(menus)

    # -- sections ----------------------------------------------------------------------------
    def attach(self, db: Database) -> None:
        """The database the window started without is open: the real sections replace what
        start-up showed, in the same layout."""
        self.db = db
        self._menus_wait(False)
        self._build_sections()
        window_layout.restore_section(self)
        first, self._first = self._first, None
        if first is not None and first.entity in self.views:
            # the rows start-up showed stay until the list has read its own
            self.views[first.entity].model.seed(first.rows, first.count)
        self.server.start()

    def _menus_wait(self, waiting: bool) -> None:
        """While the database opens, the menus wait for it (the first page answers)."""
        for menu in self.menuBar().findChildren(QMenu):
            for action in menu.actions():
                action.setEnabled(not waiting)

    def _build_sections(self) -> None:
        # quietly: each row the clearing passed through would be built, then thrown away
        # (with the database now open, a section is built when its row becomes current)
        with QSignalBlocker(self.nav):
            self.nav.clear()
        while self.stack.count():
            widget = self.stack.widget(0)
            self.stack.removeWidget(widget)
            widget.deleteLater()
        self.views.clear()
        self._add_sections()  # each built when first shown: the one the window opens on
        self.show_mode()

    def _add_sections(self) -> None:
        self._built: set[int] = set()
        sections.add_sections(self.nav, self.stack)

    def ensure_section(self, row: int) -> QWidget:
        """The section's widget, built the first time it is needed."""
        if row not in self._built:
            self._built.add(row)
            sections.place(self.stack, row, sections.section_widget(self, row))
            self.show_mode()
        return self.stack.widget(row)

    def _go_to(self, row: int) -> None:
        if row >= 0 and self.db is not None:
            self.ensure_section(row)
        self.stack.setCurrentIndex(row)

    def show_view(self, entity: str) -> RecordListView:
        row = section_of(entity)
        self.nav.setCurrentRow(row)
        widget = self.ensure_section(row)
        if isinstance(widget, QTabWidget):
            widget.setCurrentIndex(SECTIONS[row][1].index(entity))
        return self.views[entity]

    def open_record(self, entity: str, record_id: uuid.UUID) -> None:
        """Show a record in its list."""
        if not any(entity in entities for _k, entities, _i in SECTIONS):
            return
        view = self.show_view(entity)
        if not view.select(record_id):
            view.search.clear()
            view.apply_filters()
            view.select(record_id)

    def current_view(self) -> RecordListView | None:
        from ui.views.records import RecordListView

        widget = self.stack.currentWidget()
        if isinstance(widget, QTabWidget):
            widget = widget.currentWidget()
        return widget if isinstance(widget, RecordListView) else None

    def show_mode(self) -> None:
        """Title and status bar say which database is open, and whether read-only; each
        capability and list offers what the member may do in it."""
        location = self._location if self.db is None else self.db.location
        title = self.tr("Alliance Workbook — {location}").format(location=location)
        where = self.tr("Database: {location}").format(location=location)
        if self.db is None:  # still opening: it says more once open
            self.setWindowTitle(title)
            self.location_label.setText(where)
            return
        if self.db.file is None:  # a server: who is connected, and what they may do
            where += self.tr(" · {member} ({level})").format(
                member=self.db.member, level=self.db.level
            )
        if self.db.read_only:
            title += self.tr(" (read-only)")
            where += self.tr(" · read-only")
        self.setWindowTitle(title)
        self.location_label.setText(where)
        writable = not self.db.read_only and self.db.level != "viewer"
        for capability in self.capabilities:
            capability.mode(writable)
        for view in self.views.values():
            view.set_read_only(not writable)
            view.set_can_delete(writable and self.db.level in ("admin", "owner"))

    def refresh(self) -> None:
        """Every view reads again (F5, a restore, new preferences: anything may have changed)."""
        from ui import operations
        from workbook.domain.changes import EVERYTHING

        operations.hub().report(EVERYTHING, self)

    # -- the database ------------------------------------------------------------------------
    def switch_database(self, location: str, then: Callable[[], None] | None = None) -> None:
        """Open ``location`` on the worker (progress shows when slow), then work on it in
        place of the open one; ``then`` follows. Not opened, the open one stays."""
        from ui.dialogs.connect import without_password
        from ui.opening import open_in_background

        def opened(db: Database | None) -> None:
            if db is None:
                return
            self.let_go()
            self.use(db)
            remember_database(without_password(location))
            if then is not None:
                then()

        open_in_background(self, location, self.db.member, opened)

    def let_go(self) -> None:
        """Keep the layout and close the database (to open another, or this one again)."""
        window_layout.save_layout(self)
        self.close_database()

    def use(self, db: Database) -> None:
        """Work on ``db`` (just opened) from its first section."""
        self.server.stop()
        self.db = db
        self._build_sections()
        self.nav.setCurrentRow(0)
        self.server.start()

    def close_database(self) -> None:
        """Close the database once the worker has finished the reads that fill the views."""
        tasks.runner().wait_idle()
        self.db.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.db is None:  # closed while the database was still opening: nothing to keep
            super().closeEvent(event)
            return
        if tasks.runner().running:
            QMessageBox.information(
                self,
                self.tr("Please wait"),
                self.tr("A task is still running. Cancel it or wait until it is done, then close."),
            )
            event.ignore()
            return
        window_layout.save_layout(self)
        self.server.stop()
        # gone at once: a read still filling the dashboard (a second on a lifetime's data) is
        # waited for out of sight
        self.hide()
        self.sync.on_close()
        tasks.shutdown()
        super().closeEvent(event)
