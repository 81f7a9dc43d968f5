"""Start the desktop app: QApplication, logging, the database, the first-run dialog, the window."""

from __future__ import annotations

import logging
import sqlite3
import sys
from importlib.resources import as_file, files

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from ui import i18n
from ui.dialogs.connect import with_password, without_password
from ui.errors import excepthook, setup_logging
from ui.opening import open_interactively
from ui.settings import last_database, member_name, remember_database
from workbook import __version__
from workbook.db import Database
from workbook.services.profile import get_profile

log = logging.getLogger("workbook.ui")


def application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("Alliance Workbook")
    app.setOrganizationName("AllianceWorkbook")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("alliance-workbook")
    with as_file(files("resources") / "icons") as icons:
        icon = QIcon(str(icons / "alliance-workbook.svg"))
        for size in (16, 32, 48, 64, 128, 256):
            icon.addFile(str(icons / f"alliance-workbook-{size}.png"))
    app.setWindowIcon(icon)
    return app


def needs_first_run(db: Database) -> bool:
    from workbook.demo import is_empty

    with db.unit() as session:
        return not get_profile(session).is_set and is_empty(session)


def run(db_location: str | None = None, member: str | None = None) -> int:
    """The ``workbook`` command without arguments."""
    app = application()
    log_path = setup_logging()
    sys.excepthook = excepthook
    language = i18n.install()
    log.info(
        "Alliance Workbook %s, SQLite %s, language %s, log %s",
        __version__,
        sqlite3.sqlite_version,
        language,
        log_path,
    )
    location = db_location or last_database()
    if location and "://" in location:  # the last server: its password from the keyring
        location = with_password(None, location)
        if location is None:
            return 1
    db = open_interactively(None, location, member or member_name())
    if db is None:
        return 1
    remember_database(db.location if db.is_sqlite else without_password(db.url))

    from ui.dialogs.first_run import FirstRunDialog
    from ui.main_window import MainWindow

    window = MainWindow(db)
    window.show()
    if needs_first_run(db):
        dialog = FirstRunDialog(db, window)
        if dialog.exec():
            window.refresh()
    code = app.exec()
    window.close_database()
    return code
