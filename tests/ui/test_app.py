"""Starting the app: first run, remembered layout and database, errors that never crash it."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QMessageBox

from tests.ui.people import settle
from ui.app import needs_first_run
from ui.dialogs.first_run import FirstRunDialog
from ui.dialogs.help import GuideDialog
from ui.errors import excepthook
from ui.main_window import MainWindow
from ui.settings import last_database, member_name, remember_database
from workbook import __version__, services
from workbook.services.profile import get_profile, own_organisation
from workbook.store import paths


def test_first_run_creates_profile_and_loads_demo(qtbot, sqlite_db):
    assert needs_first_run(sqlite_db)
    dialog = FirstRunDialog(sqlite_db)
    qtbot.addWidget(dialog)
    dialog.show()
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    QTest.mouseClick(ok, Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert dialog.isVisible()  # the association's name is required
    assert "Name" in dialog.error.text()
    QTest.keyClicks(dialog.name, "Demokratie Leben e.V.")
    dialog.member.clear()
    QTest.keyClicks(dialog.member, "Anna Schmitz")
    QTest.mouseClick(dialog.demo, Qt.MouseButton.LeftButton)
    assert dialog.demo.isChecked()
    with qtbot.waitSignal(dialog.accepted, timeout=20000):
        QTest.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert not needs_first_run(sqlite_db)
    with sqlite_db.unit() as s:
        assert get_profile(s).name == "Demokratie Leben e.V."
        assert services.count_rows(s, "decision") == 30
        # the demo's 15, and the association itself, to be a party of its partnerships
        assert services.count_rows(s, "organisation") == 16
        assert own_organisation(s).name == "Demokratie Leben e.V."
    assert member_name() == "Anna Schmitz"


def test_layout_and_last_section_persist(qtbot, sqlite_db, answers):
    first = MainWindow(sqlite_db)
    qtbot.addWidget(first)
    first.show()
    first.resize(901, 503)
    size = first.size()
    assert size.height() == 503  # unlike the default size
    first.nav.setCurrentRow(4)
    view = first.views["decision"]
    view.table.setColumnWidth(2, 333)
    first.close()
    second = MainWindow(sqlite_db)
    qtbot.addWidget(second)
    second.show()
    assert second.nav.currentRow() == 4
    # the offscreen screen is narrower than the window's minimum width; the height tells
    assert second.size().height() == size.height()
    assert second.views["decision"].table.columnWidth(2) == 333


def test_switching_database_and_recent_list(qtbot, sqlite_db, tmp_path, answers):
    window = MainWindow(sqlite_db)
    qtbot.addWidget(window)
    other = tmp_path / "zweite.sqlite"
    window.switch_database(str(other))
    settle(qtbot)  # opened on the worker
    assert str(other) in window.windowTitle()
    assert last_database() == str(other)
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"no database here")
    window.switch_database(str(junk))
    settle(qtbot)
    assert "not an Alliance Workbook database" in answers.warned[-1]
    assert str(other) in window.windowTitle()
    window.close_database()
    remember_database(str(tmp_path / "a.sqlite"))


def test_unexpected_error_is_logged_and_shown_briefly(qtbot, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append(self.text()) or 0)
    from ui.errors import setup_logging

    setup_logging()
    try:
        raise ZeroDivisionError("boom")
    except ZeroDivisionError as exc:
        excepthook(type(exc), exc, exc.__traceback__)
    for handler in logging.getLogger().handlers:
        handler.flush()
    log = (paths.log_dir() / "workbook.log").read_text(encoding="utf-8")
    assert "ZeroDivisionError: boom" in log and "Traceback" in log
    assert shown and "could not finish this action" in shown[0]
    assert "Traceback" not in shown[0]
    root = logging.getLogger()
    for handler in list(root.handlers):
        if isinstance(handler, logging.FileHandler):
            root.removeHandler(handler)
            handler.close()


def test_screenshot_script_renders_every_screen(qtbot, tmp_path):
    from tools.screenshots import main

    assert main(str(tmp_path)) == 0
    names = sorted(p.name for p in tmp_path.glob("*.png"))
    assert names[0] == "1-dashboard.png" and len(names) == 18  # 9 screens, 9 dialogs
    assert all(p.stat().st_size > 10_000 for p in tmp_path.glob("*.png"))


def test_long_operation_runs_off_the_ui_thread_and_can_be_cancelled(qtbot):
    import threading

    from ui.tasks import Operation
    from workbook.domain.progress import Cancelled

    gui_thread = threading.get_ident()
    seen = {}
    release = threading.Event()

    def work(progress):
        seen["thread"] = threading.get_ident()
        for step in range(1000):
            release.wait(0.01)
            progress.update(step, 1000, f"step {step}")
        return "finished"

    failures = []
    op = Operation(None, work).failure(failures.append)
    op.run(label="Working…", delay_ms=0)
    # the UI thread stays free: the dialog appears and follows the worker's progress
    qtbot.waitUntil(lambda: op.dialog is not None and op.dialog.isVisible(), timeout=5000)
    qtbot.waitUntil(lambda: op.dialog.value() > 3, timeout=5000)
    from PySide6.QtWidgets import QPushButton

    op.dialog.findChild(QPushButton).click()  # the user presses Cancel
    qtbot.waitUntil(lambda: bool(failures), timeout=5000)
    assert isinstance(failures[0], Cancelled)
    assert seen["thread"] != gui_thread

    results = []
    Operation(None, lambda p: sum(range(10))).success(results.append).run(label="Sum")
    qtbot.waitUntil(lambda: results == [45], timeout=5000)


def test_work_that_ends_while_its_progress_is_shown_ends_without_an_error(window, qtbot):
    """A modal progress dialog handles pending events when its value is set: the work's end
    (which closes the dialog) may run right then. A print that succeeded said "Something
    went wrong" after it ('NoneType' object has no attribute 'setLabelText')."""
    import threading

    from ui.tasks import Operation

    release = threading.Event()

    def work(progress):
        progress.update(1, 4, "Writing the PDF")
        release.wait(5)
        progress.update(3, 4, "Writing the last page")
        return "written"

    results = []
    op = Operation(window, work).success(results.append).run(label="Printing", delay_ms=0)
    qtbot.waitUntil(lambda: op.dialog is not None and op.dialog.value() == 250, timeout=5000)
    release.set()
    op.future.result()  # the work is done; its end waits in the event queue
    op._timer.timeout.emit()  # and the poll comes first
    qtbot.waitUntil(lambda: results == ["written"], timeout=5000)
    assert op.dialog is None


def test_user_guide_opens_from_help_in_the_apps_language(window):
    guide = window.help.open_guide()
    try:
        text = guide.browser.toPlainText()
        assert guide.page.name == "en.md" and "Backups and the trash" in text
        assert guide.browser.document().toHtml().count("<img") >= 10
        assert "backups-and-the-trash" in guide.browser.document().toHtml()  # contents links land
    finally:
        guide.close()
    german = GuideDialog("de")
    try:
        assert "Sicherungen und Papierkorb" in german.browser.toPlainText()
    finally:
        german.close()


def test_about_names_version_licence_and_where_the_data_lives(window, sqlite_db):
    about = window.help.about()
    try:
        text = about.findChild(QLabel, "about").text()
        assert __version__ in text and "GNU General Public License" in text
        assert sqlite_db.location in text
    finally:
        about.close()


def test_the_window_is_gone_at_once_when_closed_while_reads_finish(window, monkeypatch):
    from ui import tasks

    seen = []
    shutdown = tasks.shutdown
    monkeypatch.setattr(tasks, "shutdown", lambda: (seen.append(window.isVisible()), shutdown()))
    window.close()
    assert seen == [False]  # hidden before the wait for the reads in flight
