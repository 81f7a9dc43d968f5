"""Fixtures for UI tests: a real SQLite database, the main window, answered message boxes."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QMessageBox

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from ui import tasks
from ui.main_window import MainWindow
from workbook.db import Database


@pytest.fixture(autouse=True)
def no_leaked_threads() -> Iterator[None]:
    before = {t.ident for t in threading.enumerate()}
    yield
    tasks.shutdown()  # what quitting the app does: the worker ends, nothing else may run
    leaked = [t for t in threading.enumerate() if t.ident not in before and t.is_alive()]
    assert not leaked, f"test left threads running: {leaked}"


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
