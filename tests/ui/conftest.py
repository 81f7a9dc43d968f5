"""Fixtures for UI tests: a real SQLite database, the main window, answered message boxes."""

from __future__ import annotations

import os
import shutil
import sys
import threading
from collections.abc import Iterator
from importlib.resources import as_file, files
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import event
from sqlalchemy.engine import Engine

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from ui import i18n, tasks
from ui.main_window import MainWindow
from workbook.store import paths
from workbook.store.db import Database


@pytest.fixture(scope="session")
def compiled_catalogues(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The translations compiled once for the suite, as the app compiles them on its first
    start from a source checkout (``pyside6-lrelease``, 0.2 s)."""
    with as_file(files("resources") / "translations") as folder:
        return i18n.compile_translations(folder, tmp_path_factory.mktemp("translations"))


@pytest.fixture(autouse=True)
def translations_compiled(private_dirs: Path, compiled_catalogues: list[Path]) -> None:
    """Each test's own data folder holds the compiled translations, as a user's does after
    the first start (``test_i18n`` sees a folder without them compile them once)."""
    cache = paths.data_dir() / "translations"
    cache.mkdir(parents=True, exist_ok=True)
    for catalogue in compiled_catalogues:
        shutil.copy2(catalogue, cache / catalogue.name)


@pytest.fixture(autouse=True)
def no_leaked_threads() -> Iterator[None]:
    before = {t.ident for t in threading.enumerate()}
    yield
    tasks.shutdown()  # what quitting the app does: the worker ends, nothing else may run
    leaked = [t for t in threading.enumerate() if t.ident not in before and t.is_alive()]
    assert not leaked, f"test left threads running: {leaked}"


@pytest.fixture(autouse=True)
def no_crash_dialog(monkeypatch) -> Iterator[list[str]]:
    """An unexpected error in a test fails it, instead of waiting on the modal message
    that tells a user about it (a test that wants that message replaces ``exec``)."""
    crashes: list[str] = []

    def shown(box: QMessageBox) -> int:
        if box.icon() == QMessageBox.Icon.Critical:
            crashes.append(box.text())
            return 0
        return original(box)

    original = QMessageBox.exec
    monkeypatch.setattr(QMessageBox, "exec", shown)
    yield crashes
    assert not crashes, f"an unexpected error reached the user: {crashes}"


@pytest.fixture(autouse=True)
def dates_as_the_language_writes_them() -> Iterator[None]:
    """A test that chose ISO dates in Preferences leaves them to itself."""
    yield
    from ui import formatting
    from ui.settings import settings

    settings().remove("date_style")
    formatting.forget_date_style()


UI = Path(__file__).resolve().parents[2] / "ui"
#: Reads the UI still makes on its own thread, each named by the function that makes it;
#: they move to the worker (``ui.operations.read``) one by one, and this list shrinks.
#: Anything else that runs SQL on the GUI thread fails the test that caused it.
ON_THE_GUI_THREAD_STILL = frozenset(
    {
        # before the window is ready for work: opening, and whether to welcome
        ("opening.py", "open_database"),
        ("opening.py", "restore_then_open"),
        ("opening.py", "is_new"),
    }
)


#: A code file's path inside ``ui/``, or None: asked of every frame of every statement.
_IN_UI: dict[str, str | None] = {}


def _in_ui(filename: str) -> str | None:
    if filename not in _IN_UI:
        path = Path(filename)
        _IN_UI[filename] = str(path.relative_to(UI)) if path.is_relative_to(UI) else None
    return _IN_UI[filename]


def _ui_frame() -> tuple[str, str] | None:
    """The innermost frame of the app's UI code in the current call stack, if any."""
    frame = sys._getframe(2)
    while frame is not None:
        inside = _in_ui(frame.f_code.co_filename)
        if inside is not None:
            return inside, frame.f_code.co_name
        frame = frame.f_back
    return None


@pytest.fixture(autouse=True)
def no_sql_on_the_gui_thread() -> Iterator[list[tuple[str, str, str]]]:
    """The whole UI suite: SQL that the UI causes runs on the database worker, never on the
    GUI thread (a test's own set-up and checks may read and write there)."""
    found: list[tuple[str, str, str]] = []

    def check(_conn, _cursor, statement, *_args) -> None:
        if threading.current_thread() is not threading.main_thread():
            return
        where = _ui_frame()
        if where is not None and where not in ON_THE_GUI_THREAD_STILL:
            found.append((*where, statement[:60]))

    event.listen(Engine, "before_cursor_execute", check)
    try:
        yield found
    finally:
        event.remove(Engine, "before_cursor_execute", check)
    if os.environ.get("WORKBOOK_GUI_SQL_REPORT"):
        with open(os.environ["WORKBOOK_GUI_SQL_REPORT"], "a", encoding="utf-8") as report:
            for file, function, _statement in found:
                report.write(f"{file}\t{function}\n")
        return
    assert not found, f"SQL on the GUI thread, caused by the UI: {sorted(set(found))[:5]}"


class Answers:
    """What the user clicks in the next message boxes; records what they were asked."""

    def __init__(self) -> None:
        self.next: list[QMessageBox.StandardButton] = []
        self.asked: list[str] = []
        self.warned: list[str] = []

    def question(self, _parent, _title, text, *_args, **_kwargs):
        self.asked.append(text)
        return self.next.pop(0) if self.next else QMessageBox.StandardButton.No

    def warning(self, _parent, _title, text, *_args, **_kwargs):
        self.warned.append(text)
        return QMessageBox.StandardButton.Ok


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> Answers:
    recorded = Answers()
    monkeypatch.setattr(QMessageBox, "question", recorded.question)
    monkeypatch.setattr(QMessageBox, "warning", recorded.warning)
    monkeypatch.setattr(QMessageBox, "critical", recorded.warning)
    monkeypatch.setattr(QMessageBox, "information", recorded.warning)
    return recorded


@pytest.fixture
def window(qtbot, sqlite_db: Database, answers: Answers) -> MainWindow:
    main = MainWindow(sqlite_db)
    qtbot.addWidget(main)
    main.show()
    return main
