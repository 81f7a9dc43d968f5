"""Start-up shows the list the user left open at once, then gives the window its database."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMessageBox, QTabWidget

from tests.ui.people import settle
from tests.workbook import factories
from ui import sections
from ui.app import start
from ui.main_window import MainWindow
from ui.sections import section_of
from ui.settings import settings
from ui.views.list_frame import FirstPageFrame
from ui.views.records import RecordListView
from ui.window_layout import FIRST_PAGE_KEY
from workbook.opening import open_database


def _texts(table, rows: int = 5) -> list[list[str]]:
    model = table.model()
    return [
        [str(model.index(r, c).data()) for c in range(model.columnCount())]
        for r in range(min(rows, model.rowCount()))
    ]


@pytest.fixture(scope="module")
def _decisions_made(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("decisions") / "verein.sqlite"
    db = open_database(path)
    with db.unit() as s:
        factories.organisation(s, "Jugendring")  # not a first run
        partnerships = [factories.partnership(s, f"Bündnis {n}").id for n in (1, 2)]
        for n in range(250):
            title = "Haushaltsplan" if n == 249 else f"Beschluss {n:03d}"
            factories.decision(s, title, partnership_id=partnerships[n % 2])
    db.close()
    return path


@pytest.fixture
def decisions(tmp_path: Path, _decisions_made: Path) -> Path:
    """A file with 250 decisions (more than a page) in two partnerships, closed (made once
    for the module, each test given its own copy)."""
    path = tmp_path / "verein.sqlite"
    shutil.copyfile(_decisions_made, path)
    return path


def _leave(qtbot, path: Path, entity: str, *, sort: tuple[int, Qt.SortOrder] | None = None):
    """A session that ends on ``entity``'s list (sorted by a column), as a user leaves it."""
    db = open_database(path, member="Test Member")
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    view = window.show_view(entity)
    settle(qtbot)
    if sort is not None:
        view.table.sortByColumn(*sort)
        settle(qtbot)
    expected = _texts(view.table)
    count = view.count_label.text()
    window.close()
    window.close_database()
    return expected, count


def test_the_list_left_open_shows_before_the_database_opens(qtbot, decisions, answers, monkeypatch):
    expected, count = _leave(qtbot, decisions, "decision", sort=(2, Qt.SortOrder.AscendingOrder))
    made: list[str] = []
    making = sections.list_view
    monkeypatch.setattr(sections, "list_view", lambda w, e: made.append(e) or making(w, e))
    assert settings().value(FIRST_PAGE_KEY)  # statements only, see tests/workbook
    seen: dict[str, object] = {}

    def shown(window: MainWindow) -> None:
        frame = window.stack.currentWidget()
        seen["before"] = window.db is None and isinstance(frame, FirstPageFrame)
        seen["rows"] = _texts(frame.table)
        seen["count"] = frame.count_label.text()
        seen["title"] = window.windowTitle()
        seen["table_at"] = frame.table.mapTo(window, QPoint(0, 0))
        seen["widths"] = [frame.table.columnWidth(c) for c in range(5)]

    window = start(str(decisions), None, shown=shown)
    assert window is not None
    qtbot.addWidget(window)
    assert seen["before"] is True
    # the rows, in the order the user left them, and the list's length, before the database
    assert seen["rows"] == expected and expected[0][2] == "Beschluss 000"
    assert seen["count"] == count == "250 Decisions"
    assert str(decisions) in str(seen["title"])
    # then the real list takes its place, the same rows in the same order
    view = window.current_view()
    assert isinstance(view, RecordListView) and window.db is not None
    assert _texts(view.table) == expected
    assert window.nav.currentRow() == section_of("decision")
    assert window.dashboard is None  # not shown, so not built: its reads do not queue first
    assert made == ["decision"]  # once: not once more while the first page's rows went
    # where it stood, its columns as wide: the table does not move when the list takes over
    # (the last column stretches to the table's width, which its filters may widen)
    assert [view.table.columnWidth(c) for c in range(5)] == seen["widths"]
    qtbot.waitUntil(lambda: view.table.mapTo(window, QPoint(0, 0)) == seen["table_at"])
    qtbot.waitUntil(lambda: not window.findChildren(FirstPageFrame))  # deleted
    # and it works as a list: a search, a record's story, past the first page
    view.search.setText("Haushaltsplan")
    view.apply_filters()
    settle(qtbot)
    assert view.model.rowCount() == 1
    settle(qtbot)
    view.table.selectRow(0)
    settle(qtbot)
    assert "Haushaltsplan" in view.detail.toPlainText()
    window.close()
    window.close_database()


def test_a_tab_of_a_section_shows_in_its_tab(qtbot, tmp_path, answers):
    path = tmp_path / "partner.sqlite"
    db = open_database(path)
    with db.unit() as s:
        factories.organisation(s, "Jugendring")
    db.close()
    expected, _count = _leave(qtbot, path, "organisation")
    tabs: list[str] = []

    def shown(window: MainWindow) -> None:
        section = window.stack.currentWidget()
        assert isinstance(section, QTabWidget)
        tabs.extend(section.tabText(i) for i in range(section.count()))
        assert _texts(section.currentWidget().table) == expected

    window = start(str(path), None, shown=shown)
    assert window is not None
    qtbot.addWidget(window)
    assert tabs == ["Organisations", "Contacts"]
    assert _texts(window.views["organisation"].table) == expected
    window.close()
    window.close_database()


CRASHING_WRITER = textwrap.dedent(
    """
    import sys, time
    from tests.workbook import factories
    from workbook.opening import open_database
    db = open_database(sys.argv[1], member="Berta Beispiel")
    with db.unit() as s:
        factories.decision(s, "Beschluss von heute")
    print("ready", flush=True)
    time.sleep(120)
    """
)


def test_a_file_not_closed_or_the_dashboard_start_the_usual_way(qtbot, decisions, answers):
    _leave(qtbot, decisions, "decision")
    # another app wrote to the file and did not close it (its log is left beside it)
    writer = subprocess.Popen(
        [sys.executable, "-c", CRASHING_WRITER, str(decisions)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).parents[2],
    )
    assert writer.stdout is not None and writer.stdout.readline().strip() == "ready"
    writer.kill()
    writer.wait()
    writer.stdout.close()
    assert Path(f"{decisions}-wal").exists()

    calls: list[bool] = []
    window = start(str(decisions), None, shown=lambda w: calls.append(w.db is None))
    assert window is not None
    qtbot.addWidget(window)
    assert calls == [False]  # the usual opening, which checks such a file first
    settle(qtbot)
    assert window.current_view().model.rowCount() == 251
    window.nav.setCurrentRow(0)  # the session ends on the dashboard
    window.close()
    window.close_database()
    assert settings().value(FIRST_PAGE_KEY) is None

    calls.clear()
    window = start(str(decisions), None, shown=lambda w: calls.append(w.db is None))
    assert window is not None
    qtbot.addWidget(window)
    assert calls == [False] and window.nav.currentRow() == 0
    window.close()
    window.close_database()


LOCK_HOLDER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from workbook.store import lock
    lock.acquire(Path(sys.argv[1]), "Berta Beispiel")
    print("ready", flush=True)
    time.sleep(120)
    """
)


def test_a_file_that_cannot_be_opened_closes_the_first_window(qtbot, decisions, answers):
    _leave(qtbot, decisions, "decision")
    process = subprocess.Popen(
        [sys.executable, "-c", LOCK_HOLDER, str(decisions)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert process.stdout is not None and process.stdout.readline().strip() == "ready"
        windows: list[MainWindow] = []
        answers.next = [QMessageBox.StandardButton.No]  # not read-only: give up
        assert start(str(decisions), None, shown=windows.append) is None
        assert "Berta Beispiel" in answers.asked[-1]
        assert len(windows) == 1 and windows[0].db is None and not windows[0].isVisible()
        windows[0].deleteLater()

        answers.next = [QMessageBox.StandardButton.Yes]  # read-only, then
        window = start(str(decisions), None)
        assert window is not None
        qtbot.addWidget(window)
        assert window.db.read_only and "(read-only)" in window.windowTitle()
        assert not window.current_view().new_button.isEnabled()
        window.close()
        window.close_database()
    finally:
        process.kill()
        process.wait()
        assert process.stdout is not None
        process.stdout.close()


def _click_when_asked(qtbot, texts: list[str], seen: list[str]) -> None:
    """Answer the next message boxes as a person does: read them, click a button each."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)
            return
        seen.append(box.text())
        wanted = texts.pop(0)
        button = next(b for b in box.buttons() if b.text() == wanted)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        if texts:
            QTimer.singleShot(20, answer)

    QTimer.singleShot(0, answer)


@pytest.fixture
def server_away(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The last database was a server that is not there; a file used before is here."""
    from PySide6.QtWidgets import QInputDialog

    from ui.settings import remember_database

    local = tmp_path / "verein.sqlite"
    db = open_database(local)
    with db.unit() as s:
        factories.organisation(s, "Jugendring")
    db.close()
    remember_database(str(local))
    remember_database("postgresql+psycopg://anna@127.0.0.1:9/verein")

    def no_password(*_args, **_kwargs):
        raise AssertionError("a password was asked for a server that is not there")

    monkeypatch.setattr(QInputDialog, "getText", no_password)
    return local


def test_the_app_starts_on_a_local_file_when_the_last_server_is_away(qtbot, server_away):
    from ui.settings import last_database

    seen: list[str] = []
    _click_when_asked(qtbot, ["Open verein.sqlite"], seen)
    window = start(last_database(), "Test Member")
    assert window is not None
    qtbot.addWidget(window)
    try:
        assert window.db.file == server_away
        assert "verein on 127.0.0.1 cannot be reached" in seen[0]
    finally:
        window.close()
        window.close_database()


def test_trying_again_asks_again_and_quitting_ends_without_a_window(qtbot, server_away):
    from ui.settings import last_database

    seen: list[str] = []
    _click_when_asked(qtbot, ["Try again", "Quit"], seen)
    assert start(last_database(), "Test Member") is None
    assert len(seen) == 2 and all("cannot be reached" in text for text in seen)


def test_garbage_made_on_the_worker_is_collected_on_the_gui_thread(qtbot):
    """A Qt object's wrapper destroyed on the worker deadlocks against the GUI thread (a
    start-up hung so): while the worker exists, cyclic garbage is collected on the GUI
    thread only."""
    import gc
    import threading

    from PySide6.QtCore import QObject

    from ui import tasks

    died_on: list[str] = []

    class Cyclic(QObject):
        def __del__(self) -> None:
            died_on.append(threading.current_thread().name)

    def make_garbage() -> None:
        for _ in range(50):
            holder: dict = {}
            holder["me"] = holder
            holder["qt"] = Cyclic()
        for _ in range(20_000):  # enough new objects to pass every collection threshold
            cycle: list = []
            cycle.append(cycle)

    runner = tasks.runner()
    assert not gc.isenabled()
    runner.submit(make_garbage, lambda _future: None)
    qtbot.waitUntil(lambda: len(died_on) == 50, timeout=10000)
    assert set(died_on) == {threading.main_thread().name}
    tasks.shutdown()
    assert gc.isenabled()


def test_modules_loaded_after_the_window_are_not_read_as_source(tmp_path):
    """Once the app's QApplication is made, importing a module does not read its source
    (PySide6 would, for each of the 300 modules loaded while the window shows); and no
    module of the app selects a PySide6 ``__feature__``, which that reading looks for."""
    root = Path(__file__).parents[2]
    selecting = [
        str(path.relative_to(root))
        for folder in ("ui", "workbook", "installer")
        for path in (root / folder).rglob("*.py")
        if "from __feature__ import" in path.read_text(encoding="utf-8")
    ]
    assert selecting == []
    (tmp_path / "freshly_made.py").write_text("VALUE = 1\n", encoding="utf-8")
    probe = textwrap.dedent(
        f"""
        import linecache, sys
        sys.path.insert(0, {str(tmp_path)!r})
        import PySide6.QtWidgets
        from ui.app import application
        application()
        import freshly_made
        assert freshly_made.VALUE == 1
        print(any("freshly_made" in name for name in linecache.cache))
        """
    )
    said = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=root, timeout=120,
        env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"},
    )  # fmt: skip
    assert said.stdout.strip() == "False", said.stderr
