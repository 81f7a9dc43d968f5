"""The main window: navigation, the sections, menus, global search, and remembered layout."""

from __future__ import annotations

import logging
import operator
import uuid
from functools import reduce
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QLocale, QSize, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QStyle,
    QTabWidget,
    QWidget,
)

from ui import tasks
from ui.errors import describe, show_known
from ui.labels import entity_title
from ui.settings import recent_databases, remember_database, settings
from ui.views.list_frame import FirstPageFrame
from workbook.changes import Changes
from workbook.errors import KnownError
from workbook.first_page import FirstPage

if TYPE_CHECKING:  # the database, the views of its records and the dialogs load when used:
    # a start-up can show the window before SQLAlchemy is loaded (``workbook.first_page``)
    from ui.dialogs.adopt import AdoptWizard
    from ui.dialogs.agreements import AmendmentForm, ClauseDialog
    from ui.dialogs.exchange import ExportDialog, ImportWizard
    from ui.dialogs.help import AboutDialog, GuideDialog
    from ui.dialogs.members import MembersDialog
    from ui.dialogs.preferences import PreferencesDialog
    from ui.dialogs.profile import ProfileDialog
    from ui.dialogs.report import ReportDialog
    from ui.dialogs.safety import BackupsDialog, PrivacyReviewDialog, TrashDialog
    from ui.live import LiveUpdates
    from ui.search import SearchPopup
    from ui.views.records import RecordListView
    from workbook.db import Database

log = logging.getLogger("workbook.ui")
SP = QStyle.StandardPixmap
SECTIONS: list[tuple[str, tuple[str, ...], SP]] = [
    ("dashboard", (), SP.SP_ComputerIcon),
    ("partners", ("organisation", "contact"), SP.SP_DirHomeIcon),
    ("partnerships", ("partnership",), SP.SP_FileDialogDetailedView),
    ("goals", ("goal", "evaluation"), SP.SP_DialogApplyButton),
    ("decisions", ("decision",), SP.SP_FileDialogListView),
    ("conflicts", ("conflict",), SP.SP_MessageBoxWarning),
    ("meetings", ("meeting",), SP.SP_FileDialogInfoView),
]


class _Views(dict[str, "RecordListView"]):
    """The list views by entity; asking for one not built yet builds its section."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__()
        self._window = window

    def __missing__(self, entity: str) -> RecordListView:
        self._window._ensure_section(self._window.section_of(entity))
        return dict.__getitem__(self, entity)


#: What the next start shows before the database is open (``workbook.first_page``).
FIRST_PAGE_KEY = "main/first_page"


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
        self.views: _Views = _Views(self)
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(190)
        self.nav.setIconSize(QSize(20, 20))
        self.nav.setSpacing(2)
        self.stack = QStackedWidget()
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
        self.live: LiveUpdates | None = None
        self.stale = False
        self._pending: list[Changes] = []
        from ui import operations

        operations.hub().trouble.connect(self._trouble)
        self._build_menus()
        self._first = first
        if db is None:
            assert first is not None, "a window without its database shows a first page"
            self._show_first_page(first)
            return
        self._build_sections()
        self._restore()
        self._start_live()

    def _show_first_page(self, first: FirstPage) -> None:
        self._add_sections()
        row = self.section_of(first.entity)
        frame = FirstPageFrame(first)
        entities = SECTIONS[row][1]
        if len(entities) > 1:  # laid out as the section will be: its tabs
            tabs = QTabWidget()
            for entity in entities:
                tabs.addTab(
                    frame if entity == first.entity else QWidget(),
                    entity_title(entity, plural=True),
                )
            tabs.setCurrentWidget(frame)
            self._place(row, tabs)
        else:
            self._place(row, frame)
        self._restore_geometry()
        self.nav.blockSignals(True)
        self.nav.setCurrentRow(row)
        self.nav.blockSignals(False)
        self.stack.setCurrentIndex(row)
        self._show_mode()

    def attach(self, db: Database) -> None:
        """The database the window started without is open: the real sections replace what
        start-up showed, in the same layout."""
        self.db = db
        self._build_sections()
        self._restore_section()
        first, self._first = self._first, None
        if first is not None and first.entity in self.views:
            # the rows start-up showed stay until the list has read its own
            self.views[first.entity].model.seed(first.rows, first.count)
        self._start_live()

    # -- sections ----------------------------------------------------------------------------
    def _section_title(self, key: str) -> str:
        return {
            "dashboard": self.tr("Dashboard"),
            "partners": self.tr("Partners"),
            "partnerships": self.tr("Partnerships"),
            "goals": self.tr("Goals"),
            "decisions": self.tr("Decisions"),
            "conflicts": self.tr("Conflicts"),
            "meetings": self.tr("Meetings"),
        }[key]

    def _build_sections(self) -> None:
        self.nav.clear()
        while self.stack.count():
            widget = self.stack.widget(0)
            self.stack.removeWidget(widget)
            widget.deleteLater()
        self.views.clear()
        self._add_sections()
        self._ensure_section(0)
        self._show_mode()

    def _add_sections(self) -> None:
        self._built: set[int] = set()
        for key, _entities, icon in SECTIONS:
            item = QListWidgetItem(self.style().standardIcon(icon), self._section_title(key))
            item.setSizeHint(QSize(180, 34))
            self.stack.addWidget(QWidget())  # built when first shown: start-up stays quick
            self.nav.addItem(item)

    def _ensure_section(self, row: int) -> QWidget:
        """The section's widget, built the first time it is needed."""
        if row not in self._built:
            key, entities, _icon = SECTIONS[row]
            self._built.add(row)
            self._place(row, self._section_widget(key, entities))
            self._show_mode()
        return self.stack.widget(row)

    def _place(self, row: int, widget: QWidget) -> None:
        """``widget`` becomes the section at ``row`` in place of what stood there."""
        placeholder = self.stack.widget(row)
        current = self.stack.currentIndex()
        self.stack.insertWidget(row, widget)
        self.stack.removeWidget(placeholder)
        placeholder.deleteLater()
        self.stack.setCurrentIndex(current)

    def _go_to(self, row: int) -> None:
        if row >= 0 and self.db is not None:
            self._ensure_section(row)
        self.stack.setCurrentIndex(row)

    def section_of(self, entity: str) -> int:
        return next(row for row, (_k, entities, _i) in enumerate(SECTIONS) if entity in entities)

    def _show_mode(self) -> None:
        """Title and status bar say which database is open, and whether read-only."""
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
        can_delete = writable and self.db.level in ("admin", "owner")
        for action in (self.import_action, self.adopt_action, self.restore_action):
            action.setEnabled(writable)
        self.backup_action.setEnabled(self.db.file is not None)
        self.members_action.setVisible(self.db.file is None and self.db.level in ("admin", "owner"))
        for view in self.views.values():
            view.set_read_only(not writable)
            view.set_can_delete(can_delete)

    def _section_widget(self, key: str, entities: tuple[str, ...]) -> QWidget:
        if not entities:
            from ui.views.dashboard import DashboardView

            self.dashboard = DashboardView(self.db)
            self.dashboard.open_record.connect(self.open_record)
            self.dashboard.open_section.connect(self._open_entity_section)
            return self.dashboard
        views = [self._list_view(entity) for entity in entities]
        if len(views) == 1:
            return views[0]
        tabs = QTabWidget()
        tabs.setObjectName(f"{key}-tabs")
        for entity, view in zip(entities, views, strict=True):
            tabs.addTab(view, entity_title(entity, plural=True))
        return tabs

    def _list_view(self, entity: str) -> RecordListView:
        from ui.views.records import RecordListView

        view = RecordListView(self.db, entity)
        view.open_record.connect(self.open_record)
        from ui.actions.records import actions

        for text, act in actions().get(entity, []):
            view.add_action(text, lambda i, act=act: act(self, view, i))
        self.views[entity] = view
        return view

    def _open_entity_section(self, entity: str) -> None:
        self.show_view(entity)

    def show_view(self, entity: str) -> RecordListView:
        row = self.section_of(entity)
        self.nav.setCurrentRow(row)
        widget = self._ensure_section(row)
        if isinstance(widget, QTabWidget):
            widget.setCurrentIndex(SECTIONS[row][1].index(entity))
        return self.views[entity]

    def open_record(self, entity: str, record_id: uuid.UUID) -> None:
        from ui.dialogs.agreements import open_scan

        if entity == "scan":
            open_scan(self, self.db, record_id)
            return
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

    # -- menus -------------------------------------------------------------------------------
    def _action(
        self,
        menu: QMenu,
        text: str,
        slot: object = None,
        shortcut: object = None,
        *,
        enabled: bool = True,
    ) -> QAction:
        action = menu.addAction(text)
        if slot is not None:
            action.triggered.connect(slot)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setEnabled(enabled)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file = bar.addMenu(self.tr("&File"))
        self._action(file, self.tr("&New database…"), self.new_database, "Ctrl+Shift+N")
        self._action(
            file, self.tr("&Open database…"), self.choose_database, QKeySequence.StandardKey.Open
        )
        self._action(file, self.tr("&Connect to server…"), self.connect_to_server)
        self.recent_menu = file.addMenu(self.tr("Open &recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        file.addSeparator()
        # Filled by the exchange, report and backup capabilities.
        import_menu = file.addMenu(self.tr("&Import"))
        self.import_action = self._action(
            import_menu, self.tr("Workbook sent back by a &partner…"), self.open_import, "Ctrl+I"
        )
        self.adopt_action = self._action(
            import_menu, self.tr("From another &spreadsheet or CSV…"), self.open_adopt
        )
        self.export_action = self._action(
            file, self.tr("&Export…"), self.open_export, "Ctrl+Shift+E"
        )
        self._action(file, self.tr("Export &calendar…"), self.export_calendar)
        self.print_action = self._action(
            file, self.tr("&Print / export PDF…"), self.open_report, QKeySequence.StandardKey.Print
        )
        file.addSeparator()
        self.backup_action = self._action(
            file, self.tr("&Back up now"), self.back_up_now, "Ctrl+Shift+B"
        )
        self.restore_action = self._action(
            file, self.tr("Restore from &backup…"), self.open_backups
        )
        self._action(file, self.tr("Save &archive…"), self.save_archive)
        self._action(file, self.tr("Copy to a server or &file…"), self.migrate_database)
        self.members_action = self._action(file, self.tr("&Members…"), self.open_members)
        self._action(file, self.tr("Open a&rchive…"), self.open_archive)
        file.addSeparator()
        self._action(file, self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit)

        edit = bar.addMenu(self.tr("&Edit"))
        self._action(
            edit,
            self.tr("&New record…"),
            lambda: self._on_view("create_record"),
            QKeySequence.StandardKey.New,
        )
        self._action(
            edit, self.tr("&Edit record…"), lambda: self._on_view("edit_selected"), "Ctrl+E"
        )
        self._action(
            edit,
            self.tr("&Delete record…"),
            lambda: self._on_view("delete_selected"),
            QKeySequence.StandardKey.Delete,
        )
        self._action(edit, self.tr("&Trash…"), self.open_trash)
        self._action(edit, self.tr("&Clause library…"), lambda: self.open_clauses(None))
        self._action(edit, self.tr("&Personal data review…"), self.open_privacy_review)
        edit.addSeparator()
        self._action(edit, self.tr("&Find everywhere…"), self.open_search, "Ctrl+K")
        self._action(
            edit, self.tr("Find in &list"), self._focus_list_search, QKeySequence.StandardKey.Find
        )
        edit.addSeparator()
        self.profile_action = self._action(
            edit, self.tr("Association &profile…"), self.open_profile
        )
        preferences = self._action(
            edit,
            self.tr("P&references…"),
            self.open_preferences,
            QKeySequence.StandardKey.Preferences,
        )
        preferences.setMenuRole(QAction.MenuRole.PreferencesRole)

        view = bar.addMenu(self.tr("&View"))
        for row, (key, _entities, _icon) in enumerate(SECTIONS):
            self._action(
                view,
                self._section_title(key),
                lambda _c=False, r=row: self.nav.setCurrentRow(r),
                f"Ctrl+{row + 1}",
            )
        view.addSeparator()
        self._action(view, self.tr("&Refresh"), self.refresh, QKeySequence.StandardKey.Refresh)

        help_menu = bar.addMenu(self.tr("&Help"))
        self._action(
            help_menu,
            self.tr("&User guide"),
            self.open_guide,
            QKeySequence.StandardKey.HelpContents,
        )
        self._action(help_menu, self.tr("&About Alliance Workbook"), self.about)

    def _on_view(self, method: str) -> None:
        view = self.current_view()
        if view is not None:
            getattr(view, method)()

    def _focus_list_search(self) -> None:
        view = self.current_view()
        if view is not None:
            view.search.setFocus()

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for location in recent_databases():
            self.recent_menu.addAction(location).triggered.connect(
                lambda _c=False, loc=location: self.switch_database(loc)
            )
        if not self.recent_menu.actions():
            self.recent_menu.addAction(self.tr("(none yet)")).setEnabled(False)

    def open_search(self) -> SearchPopup:
        from ui.search import SearchPopup

        popup = SearchPopup(self.db, self)
        popup.open_record.connect(self.open_record)
        popup.open()
        popup.query.setFocus()
        return popup

    def open_export(self) -> ExportDialog:
        from ui.dialogs.exchange import ExportDialog

        dialog = ExportDialog(self.db, self)
        dialog.accepted.connect(
            lambda: self.statusBar().showMessage(
                self.tr("Exported to {path}").format(path=dialog.exported_to), 8000
            )
        )
        dialog.open()
        return dialog

    def open_report(self) -> ReportDialog:
        from ui.dialogs.report import REPORT_OF, ReportDialog

        view = self.current_view()
        entity = view.entity if view is not None else None
        selected = view.selected() if view is not None else None
        dialog = ReportDialog(
            self.db,
            self,
            kind=REPORT_OF.get(entity or ""),
            partnership_id=selected[0] if selected and entity == "partnership" else None,
        )
        dialog.accepted.connect(
            lambda: self.statusBar().showMessage(
                self.tr("Report written: {path} ({pages} pages)").format(
                    path=dialog.path.text(), pages=dialog.pages
                ),
                8000,
            )
        )
        dialog.open()
        return dialog

    def open_import(self) -> ImportWizard:
        from ui.dialogs.exchange import ImportWizard

        wizard = ImportWizard(self.db, self)
        wizard.accepted.connect(lambda: self._imported(wizard))
        wizard.open()
        return wizard

    def open_adopt(self) -> AdoptWizard:
        from ui.dialogs.adopt import AdoptWizard

        wizard = AdoptWizard(self.db, self)
        wizard.accepted.connect(  # what it added is reported to every view
            lambda: self.statusBar().showMessage(
                self.tr("Adopted {n} records").format(n=wizard.adopted or 0), 8000
            )
        )
        wizard.open()
        return wizard

    def _imported(self, wizard: ImportWizard) -> None:
        counts = wizard.applied or {}
        self.statusBar().showMessage(
            self.tr("Imported: {added} added, {changed} changed, {overwritten} overwritten").format(
                **{k: counts.get(k, 0) for k in ("added", "changed", "overwritten")}
            ),
            8000,
        )  # what it changed is reported to every view

    def refresh(self) -> None:
        """Every view reads again (F5, an import, a restore: anything may have changed)."""
        from ui import operations
        from workbook.changes import EVERYTHING

        operations.hub().report(EVERYTHING, self)

    def about(self) -> AboutDialog:
        from ui.dialogs.help import AboutDialog

        dialog = AboutDialog(self.db, self)
        dialog.open()
        return dialog

    def open_guide(self) -> GuideDialog:
        from ui.dialogs.help import GuideDialog

        dialog = GuideDialog(QLocale().name()[:2], self)
        dialog.show()
        return dialog

    def open_preferences(self) -> PreferencesDialog:
        from ui.dialogs.preferences import PreferencesDialog

        dialog = PreferencesDialog(self.db.member, self)
        dialog.accepted.connect(self.refresh)
        dialog.accepted.connect(lambda: self._offer_restart(dialog))
        dialog.open()
        return dialog

    def _offer_restart(self, dialog: PreferencesDialog) -> None:
        """A new language shows after a restart: offered at once, not left to be found."""
        if not getattr(dialog, "language_changed", False):
            return
        answer = QMessageBox.question(
            self,
            self.tr("Language"),
            self.tr("Restart Alliance Workbook now to use the new language?"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.restart_requested = True  # started again once the database is closed
            self.close()

    def open_profile(self) -> ProfileDialog:
        from ui.dialogs.profile import ProfileDialog

        dialog = ProfileDialog(self.db, self)
        dialog.accepted.connect(self.refresh)  # the dashboard shows the name
        dialog.open()
        return dialog

    # -- databases ---------------------------------------------------------------------------
    def new_database(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("New database"),
            str(Path.home()),
            self.tr("Workbook databases (*.sqlite)"),
        )
        if path and self.switch_database(path if path.endswith(".sqlite") else path + ".sqlite"):
            self.welcome()

    def welcome(self) -> None:
        """The welcome of a new database (asked on the worker whether it is new): its
        association's profile, demo data if wanted."""
        from ui import operations
        from ui.app import is_new
        from ui.dialogs.first_run import FirstRunDialog

        def asked(new: bool) -> None:
            if new:
                dialog = FirstRunDialog(self.db, self)
                dialog.accepted.connect(self.refresh)
                dialog.open()

        operations.read(self, self.db, is_new).success(asked).run()

    def choose_database(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Open database"),
            str(Path.home()),
            self.tr("Workbook databases (*.sqlite)"),
        )
        if path:
            self.switch_database(path)

    def switch_database(self, location: str) -> bool:
        from ui.dialogs.connect import without_password
        from ui.opening import open_interactively

        db = open_interactively(self, location, self.db.member)
        if db is None:
            return False
        self._save_layout()
        self.close_database()
        self._use(db)
        remember_database(without_password(location))
        return True

    def _use(self, db: Database) -> None:
        self._stop_live()
        self.db = db
        self._build_sections()
        self.nav.setCurrentRow(0)
        self._start_live()

    # -- a shared server ---------------------------------------------------------------------
    def _start_live(self) -> None:
        if self.db.engine.dialect.name != "postgresql":
            return
        from ui.live import LiveUpdates

        self.live = LiveUpdates(self.db.url, self)
        self.live.changed.connect(self._remote_change)
        self.live.trouble.connect(self._server_lost)
        self.live.restored.connect(self._server_back)
        self.live.start()

    def _stop_live(self) -> None:
        if self.live is not None:
            self.live.stop()
            self.live = None

    def _remote_change(self, entity: str, record_id: object, member: str) -> None:
        """Another member changed something: refresh what shows it, tell an open form."""
        if member and member != self.db.member and record_id is not None:
            from ui.dialogs.record_form import RecordForm

            for form in self.findChildren(RecordForm):
                if form.isVisible() and form.record_id == record_id:
                    form.remote_changed(member)
        if not self._pending:
            QTimer.singleShot(300, self._refresh_pending)  # many rows, one refresh
        # a table the history does not cover (entity "") shows on the dashboard only
        self._pending.append(
            Changes(
                frozenset({entity or "dashboard"}),
                frozenset({record_id}) if isinstance(record_id, uuid.UUID) else frozenset(),
                counts=True,
            )
        )

    def _refresh_pending(self) -> None:
        """The server's changes go the way the app's own do: to every view, once."""
        from ui import operations

        pending, self._pending = self._pending, []
        operations.hub().report(reduce(operator.or_, pending, Changes()), None)

    def _trouble(self, _code: str, message: str) -> None:
        self._server_lost(message)

    def _server_lost(self, reason: str) -> None:
        self.stale = True
        self.statusBar().showMessage(
            self.tr("The server cannot be reached; retrying. What is shown may be out of date."),
        )
        self.location_label.setText(
            self.location_label.text().split(self.tr(" · not up to date"))[0]
            + self.tr(" · not up to date")
        )
        log.warning("Server unreachable: %s", reason)

    def _server_back(self) -> None:
        from ui.errors import said_again

        said_again("db_lost")
        self.stale = False
        self._show_mode()
        self.statusBar().showMessage(self.tr("Connected to the server again."), 8000)
        try:
            self.refresh()
        except KnownError as exc:
            self._server_lost(describe(exc))

    def connect_to_server(self) -> bool:
        from ui.dialogs.connect import ConnectDialog, with_password

        dialog = ConnectDialog(self)
        if not dialog.exec() or dialog.url is None:
            return False
        url = with_password(self, dialog.url)
        return url is not None and self.switch_database(url)

    def open_members(self) -> MembersDialog:
        from ui.dialogs.members import MembersDialog

        dialog = MembersDialog(self.db, self)
        dialog.open()
        return dialog

    def migrate_database(self) -> None:
        """Copy this database to an empty server database or a new file, verified."""
        from ui.dialogs.connect import with_password, without_password
        from workbook.transfer import migrate

        target, ok = QInputDialog.getText(
            self,
            self.tr("Copy to a server or file"),
            self.tr(
                "A new .sqlite file, or an empty server database "
                "(postgresql+psycopg://owner@host/database):"
            ),
        )
        if not ok or not target.strip():
            return
        source, destination = self.db, target.strip()
        if "://" in destination:
            destination = with_password(self, destination) or ""
            if not destination:
                return
        tasks.Operation(self, lambda p: migrate(source, destination, progress=p)).success(
            lambda checked: self.statusBar().showMessage(
                self.tr("Copied and checked {n} tables to {target}").format(
                    n=len(checked), target=without_password(destination)
                ),
                15000,
            )
        ).run(label=self.tr("Copying…"))

    # -- keeping data safe -------------------------------------------------------------------
    def back_up_now(self) -> tasks.Operation | None:
        from workbook import backup
        from workbook.backup import NoBackupOnServer

        db = self.db
        try:
            if db.file is None:
                raise NoBackupOnServer(location=db.location)
        except KnownError as exc:
            show_known(self, exc)
            return None
        return (
            tasks.Operation(self, lambda p: backup.backup_database(db, "manual", progress=p))
            .success(
                lambda info: self.statusBar().showMessage(
                    self.tr("Backed up to {path}").format(path=info.path), 10000
                )
            )
            .run(label=self.tr("Backing up…"))
        )

    def open_backups(self) -> BackupsDialog | None:
        from ui.dialogs.safety import BackupsDialog
        from workbook.backup import NoBackupOnServer

        if self.db.file is None:
            show_known(self, NoBackupOnServer(location=self.db.location))
            return None
        dialog = BackupsDialog(self.db, self)
        dialog.restore_requested.connect(self.restore_backup)
        dialog.open()
        return dialog

    def restore_backup(self, name: str) -> tasks.Operation:
        """Close the database, put the backup in its place, and open it again."""
        from ui.opening import open_interactively
        from workbook import backup

        file, member = self.db.file, self.db.member
        assert file is not None
        self._save_layout()
        self.close_database()

        def reopen(result: object) -> None:
            db = open_interactively(self, str(file), member)
            if db is None:
                self.close()
                return
            self._use(db)
            if isinstance(result, tuple):
                _before, replayed = result
                message = self.tr("Restored {name}.").format(name=name)
                if replayed:
                    message += " " + self.tr(
                        "{n} erasure(s) of personal data made since were applied again."
                    ).format(n=replayed)
                self.statusBar().showMessage(message, 15000)

        def failed(error: BaseException) -> None:
            if isinstance(error, KnownError):
                show_known(self, error)
            reopen(None)

        return (
            tasks.Operation(self, lambda _p: backup.restore(file, name, member=member))
            .success(reopen)
            .failure(failed)
            .run(label=self.tr("Restoring…"), delay_ms=0)
        )

    def save_archive(self) -> None:
        from workbook.archive import create_archive

        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save archive"),
            str(Path.home() / "alliance-workbook-archive.zip"),
            self.tr("Archives (*.zip)"),
        )
        if not path:
            return
        target = path if path.endswith(".zip") else path + ".zip"
        db = self.db
        tasks.Operation(self, lambda p: create_archive(db, target, progress=p)).success(
            lambda _counts: self.statusBar().showMessage(
                self.tr("Archive written: {path}").format(path=target), 10000
            )
        ).run(label=self.tr("Writing the archive…"))

    def open_archive(self) -> None:
        from workbook.archive import open_archive as unpack_archive

        source, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open archive"), str(Path.home()), self.tr("Archives (*.zip)")
        )
        if not source:
            return
        target, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("New database from the archive"),
            str(Path(source).with_suffix(".sqlite")),
            self.tr("Workbook databases (*.sqlite)"),
        )
        if not target:
            return
        member = self.db.member

        def work(progress: object) -> str:
            unpacked_db = unpack_archive(source, target, member=member, progress=progress)
            unpacked_db.close()
            return target

        tasks.Operation(self, work).success(self.switch_database).run(
            label=self.tr("Opening the archive…")
        )

    def export_calendar(self, path: str | None = None) -> tasks.Operation | None:
        """Meetings and due dates as an .ics file for members' own calendars."""
        from workbook.exchange.calendar import export_calendar

        if path is None:
            path, _ = QFileDialog.getSaveFileName(
                self,
                self.tr("Export calendar"),
                str(Path.home() / "alliance-workbook.ics"),
                self.tr("Calendars (*.ics)"),
            )
        if not path:
            return None
        target = path if path.endswith(".ics") else path + ".ics"
        db, lang = self.db, QLocale().name()[:2]

        def work(_progress: object) -> int:
            with db.unit() as session:
                return export_calendar(session, target, lang=lang)

        return (
            tasks.Operation(self, work)
            .success(
                lambda n: self.statusBar().showMessage(
                    self.tr("{n} dates written to {path}").format(n=n, path=target), 10000
                )
            )
            .run(label=self.tr("Writing the calendar…"))
        )

    def amend(self, view: RecordListView, partnership_id: uuid.UUID) -> None:
        """The agreement's form, read on the worker; saved, a new version."""
        from ui.dialogs.agreements import AmendmentForm
        from ui.dialogs.record_form import open_form

        def opened(form: AmendmentForm) -> None:
            form.saved.connect(lambda _id: view.select(partnership_id))  # its new version shows

        open_form(
            self,
            self.db,
            "partnership",
            partnership_id,
            make=lambda data: AmendmentForm(self.db, partnership_id, self, data=data),
            opened=opened,  # type: ignore[arg-type]
        )

    def open_clauses(self, partnership_id: uuid.UUID | None) -> ClauseDialog:
        from ui.dialogs.agreements import ClauseDialog

        dialog = ClauseDialog(self.db, partnership_id, self)
        dialog.open()
        return dialog

    def open_trash(self) -> TrashDialog:
        from ui.dialogs.safety import TrashDialog

        dialog = TrashDialog(self.db, self)
        dialog.open()
        return dialog

    def open_privacy_review(self) -> PrivacyReviewDialog:
        from ui.dialogs.safety import PrivacyReviewDialog

        dialog = PrivacyReviewDialog(self.db, self)
        dialog.open_contact.connect(lambda i: self.open_record("contact", i))
        dialog.open()
        return dialog

    # -- layout ------------------------------------------------------------------------------
    def _restore(self) -> None:
        self._restore_geometry()
        self._restore_section()

    def _restore_geometry(self) -> None:
        store = settings()
        geometry = store.value("main/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        state = store.value("main/state")
        if isinstance(state, QByteArray):
            self.restoreState(state)

    def _restore_section(self) -> None:
        self.nav.setCurrentRow(int(settings().value("main/section", 0) or 0))

    def _save_layout(self) -> None:
        store = settings()
        store.setValue("main/geometry", self.saveGeometry())
        store.setValue("main/state", self.saveState())
        store.setValue("main/section", self.nav.currentRow())
        for view in self.views.values():
            view.save_layout()
        kept = self._first_page_kept()
        if kept is None:
            store.remove(FIRST_PAGE_KEY)
        else:
            store.setValue(FIRST_PAGE_KEY, kept)
        store.sync()

    def _first_page_kept(self) -> str | None:
        """What the next start needs to show the list this section opens on, before the
        database is open: a file's only (a server's driver is no quicker to load)."""
        entities = SECTIONS[max(0, self.nav.currentRow())][1]
        if not entities or self.db.file is None:
            return None
        from ui.models.records import RecordTableModel
        from workbook.first_page import take
        from workbook.services import ListQuery

        view = dict.get(self.views, entities[0])
        query = view.model.start_query() if view is not None else ListQuery()
        return take(self.db.file, entities[0], query, RecordTableModel.page_size)

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
        self._save_layout()
        self._stop_live()
        # gone at once: a read still filling the dashboard (a second on a lifetime's data) is
        # waited for out of sight
        self.hide()
        tasks.shutdown()
        super().closeEvent(event)
