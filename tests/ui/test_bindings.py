"""The Qt bindings themselves: a refcount bug of PySide6 6.12.0 crashed big sessions."""

from __future__ import annotations

import gc
import sys

from PySide6.QtWidgets import QLabel, QTableWidget, QTableWidgetItem

from ui import tasks


def test_qt_calls_do_not_drain_the_reference_count_of_none(qtbot):
    """PySide6 6.12.0 on Python 3.11 dropped one reference to None per void call (setText,
    setItem, ...); after some ten thousand calls the interpreter aborted ("none_dealloc").
    pyproject.toml keeps PySide6 below 6.12; this catches a version with the same bug."""
    table = QTableWidget(2000, 1)
    label = QLabel()
    qtbot.addWidget(table)
    qtbot.addWidget(label)
    # What earlier tests left to the cycle collector (rows holding None) must not be freed
    # while counting: that once read as a drain of 11,000 references in a full run.
    tasks.runner().wait_idle()
    gc.collect()
    gc.disable()
    try:
        before = sys.getrefcount(None)
        for row in range(2000):
            table.setItem(row, 0, QTableWidgetItem("x"))
            label.setText(str(row))
        drained = before - sys.getrefcount(None)
    finally:
        gc.enable()
    assert drained < 100  # the bug drains one per call: 4,000 here
