"""Start the desktop app: QApplication, logging, the database, the first-run dialog, the window."""

from __future__ import annotations

import logging
import os
import sqlite3
import sys
import time
from collections.abc import Callable
from importlib.resources import as_file, files
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QWidget

from ui import i18n
from ui.errors import excepthook, setup_logging
from ui.i18n import _t
from ui.settings import last_database, member_name, remember_database, settings
from workbook import __version__

if TYPE_CHECKING:  # loaded once the window shows: see start()
    from ui.main_window import MainWindow
    from workbook.store.db import Database

log = logging.getLogger("workbook.ui")


def _no_feature_lookups() -> None:
    """PySide6 reads the source of every module imported after it (through ``linecache``),
    to learn whether the module selects one of its ``__feature__`` switches (snake_case,
    true_property). The app selects none (a test holds every module to that), and the
    SQLAlchemy, models and services loaded while the window shows are some 300 modules:
    their sources read for nothing cost about a tenth of a second of start-up."""
    import importlib

    try:  # (PySide6's stubs do not know the module)
        feature: Any = importlib.import_module("PySide6.support.feature")
    except ImportError:  # a PySide6 without the switch
        return
    if callable(getattr(feature, "_mod_uses_pyside", None)):
        feature._mod_uses_pyside = lambda _module: False


def application() -> QApplication:
    _no_feature_lookups()
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
    """Whether to welcome, asked before the window is ready for work."""
    from ui.opening import is_new

    with db.reading() as session:
        return is_new(session)


def _first_window(location: str | None) -> MainWindow | None:
    """The window over the list the user left open in ``location``'s last session, read
    without the database code (``workbook.first_page``); None where that does not apply."""
    from ui.main_window import MainWindow
    from ui.window_layout import FIRST_PAGE_KEY
    from workbook.first_page import read

    kept = settings().value(FIRST_PAGE_KEY)
    if not location or "://" in location or not isinstance(kept, str):
        return None
    page = read(location, kept)
    if page is None:
        return None
    return MainWindow(None, page, location=location)


def start(
    location: str | None,
    member: str | None,
    *,
    shown: Callable[[MainWindow], None] | None = None,
) -> MainWindow | None:
    """Open ``location`` (a file or a server; the last one when None) and show its window;
    None when the user gave up opening it. ``shown`` is called once the window is on screen
    with data, which may be before the database is open.

    The list the user left open shows first, read with the standard library while SQLAlchemy
    and the models load (a third of a second here); the window then gets its database.
    """
    window = _first_window(location)
    if window is not None:
        window.show()
        # painted before anything else happens
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
        if shown is not None:
            shown(window)
    # a first page shows (a file's): it opens on the worker meanwhile; else here and now
    db = (
        _open_beside(window, location, member)
        if window is not None
        else _open(None, location, member)
    )
    if db is None:
        if window is not None:
            window.close()
        return None
    from ui.main_window import MainWindow

    if window is None:
        window = MainWindow(db)
        window.show()
        if shown is not None:
            shown(window)
    else:
        window.attach(db)
    if needs_first_run(db):
        from ui.dialogs.first_run import FirstRunDialog

        dialog = FirstRunDialog(db, window)
        if dialog.exec():
            window.refresh()
    return window


def _open_beside(window: MainWindow, location: str, member: str | None) -> Database | None:
    """Open the file of the first page on the database worker, SQLAlchemy and the models
    loading there, while the first page shows and answers (scrolling, resizing; the menus
    wait for the database)."""
    from ui.opening import open_in_background

    opened: list[Database | None] = []
    loop = QEventLoop()

    def done(db: Database | None) -> None:
        opened.append(db)
        loop.quit()

    open_in_background(window, location, member or member_name(), done, delay_ms=1500)
    if not opened:
        loop.exec()
    db = opened[0]
    if db is not None and not window.isVisible():  # closed while it opened
        db.close()
        return None
    if db is not None:
        remember_database(db.location)
    return db


def _open(parent: QWidget | None, location: str | None, member: str | None) -> Database | None:
    from ui.dialogs.connect import without_password
    from ui.opening import open_interactively

    if location and "://" in location:
        db = _open_server(parent, location, member or member_name())
    else:
        db = open_interactively(parent, location, member or member_name())
    if db is not None:
        remember_database(db.location if db.is_sqlite else without_password(db.url))
    return db


def _open_server(parent: QWidget | None, location: str, member: str | None) -> Database | None:
    """The last server, asked for its password (from the keyring) only once it answers;
    while it cannot be reached or opened, the user chooses: again, or a file here."""
    from sqlalchemy.engine import make_url

    from ui.dialogs.connect import with_password, without_password
    from ui.errors import describe
    from ui.offline import Choice, ask, unreachable
    from ui.opening import open_interactively
    from workbook.domain.errors import KnownError
    from workbook.opening import open_database

    parsed = make_url(without_password(location))
    shown = _t("{database} on {host}").format(
        database=parsed.database or "", host=parsed.host or "localhost"
    )
    while True:
        reason = unreachable(location)
        if reason is None:
            url = with_password(parent, location)
            if url is None:
                return None
            try:
                return open_database(url, member=member)
            except KnownError as exc:
                said = describe(exc)
        else:
            said = _t("The server {server} cannot be reached: {reason}").format(
                server=shown, reason=reason
            )
        choice, path = ask(parent, said)
        if choice in (Choice.LOCAL, Choice.OTHER):
            db = open_interactively(parent, path, member)
            if db is not None:
                return db
        elif choice == Choice.QUIT:
            return None


def run(db_location: str | None = None, member: str | None = None) -> int:
    """The ``workbook`` command without arguments."""
    from ui import system

    missing = system.missing_packages()
    if missing:  # Qt would end the process, naming the wrong library
        print(system.refusal(missing), file=sys.stderr)
        return 1
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
    report = os.environ.get("WORKBOOK_START_REPORT")
    marks: dict[str, object] = {}

    def shown(window: MainWindow) -> None:
        marks.update(shown=time.time(), before_database=window.db is None)

    window = start(db_location or last_database(), member, shown=shown if report else None)
    if window is None:
        return 1
    if report:
        _report_when_ready(window, report, marks)
    _quit_on_terminate(app)
    code = app.exec()
    window.close_database()
    if getattr(window, "restart_requested", False):
        _start_again()
    return code


def _report_when_ready(window: MainWindow, path: str, marks: dict[str, object]) -> None:
    """For the start-up benchmark (``WORKBOOK_START_REPORT``, run through the installed
    ``workbook`` command): when the window was shown and when it was ready to work (its
    list read from the open database), as epoch seconds; then the app closes as a user
    closes it."""
    import json

    from ui import tasks

    def check() -> None:
        if not tasks.runner().idle:
            QTimer.singleShot(5, check)
            return
        marks["ready"] = time.time()
        with open(path, "w", encoding="utf-8") as out:
            json.dump(marks, out)
        window.close()

    QTimer.singleShot(0, check)


def _start_again() -> None:
    """The same command once more (after a new language was chosen)."""
    from PySide6.QtCore import QProcess

    arguments = sys.argv[1:] if getattr(sys, "frozen", False) else sys.argv
    QProcess.startDetached(sys.executable, arguments)


def _quit_on_terminate(app: QApplication) -> None:
    """SIGTERM (logout, shutdown) closes the window as the user would: the database is
    closed, its log written in and the lock released, instead of being left as after a
    crash. Python sees a signal only between bytecodes, so a timer wakes it now and then."""
    import signal

    signal.signal(signal.SIGTERM, lambda _signum, _frame: app.closeAllWindows() or app.quit())
    waker = QTimer(app, interval=250)
    waker.timeout.connect(lambda: None)
    waker.start()
