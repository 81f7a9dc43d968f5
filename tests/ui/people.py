"""A person at the keyboard and the mouse: typing (umlauts too), choosing, saving with
Ctrl+S, selecting a row with a click, printing with Ctrl+P; pictures of each step."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QWidget

from ui import tasks
from ui.dialogs.record_form import RecordForm
from ui.dialogs.report import ReportDialog
from ui.main_window import MainWindow


def keys(widget: QWidget, text: str) -> None:
    """Type ``text`` key by key; ö, ü, ß come as a German keyboard sends them (a key event
    carrying the character), which QTest.keyClicks cannot type."""
    for character in text:
        if character.isascii():
            QTest.keyClicks(widget, character)
        else:
            QTest.sendKeyEvent(
                QTest.KeyAction.Click,
                widget,
                Qt.Key.Key_unknown,
                character,
                Qt.KeyboardModifier.NoModifier,
            )


def settle(qtbot=None, timeout: int = 10000) -> None:
    """Wait as a person waits for the window to show what they did: until the database
    worker has run and delivered everything the last action started."""
    if qtbot is not None:
        qtbot.waitUntil(lambda: tasks.runner().idle, timeout=timeout)
    else:
        tasks.settle(timeout / 1000)


def click_save(dialog: QWidget) -> None:
    """The Save button of a form or dialog, clicked with the mouse."""
    save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
    QTest.mouseClick(save, Qt.MouseButton.LeftButton)


def opened_form(qtbot, view, record_id=None, **initial) -> RecordForm:
    """The form of a record (or a new one), as the list opens it: read, then shown."""
    before = set(view.window().findChildren(RecordForm))
    view.open_form(record_id, **initial)
    settle(qtbot)
    return newest_form(view, before)


def newest_form(widget: QWidget, before: set | frozenset = frozenset()) -> RecordForm:
    forms = [f for f in widget.window().findChildren(RecordForm) if f.isVisible()]
    return next(f for f in reversed(forms) if f not in before)


def saved(qtbot, form: RecordForm) -> bool:
    """Save clicked; True when the form closed, saved (a refused one stays open)."""
    click_save(form)
    settle(qtbot)
    return not form.isVisible()


class Volunteer:
    def __init__(self, window: MainWindow, qtbot, pictures: Path | None) -> None:
        self.window, self.qtbot, self.pictures, self.step = window, qtbot, pictures, 0

    def picture(self, widget: QWidget, name: str) -> None:
        self.step += 1
        if self.pictures is not None:
            widget.grab().save(str(self.pictures / f"walkthrough-{self.step:02d}-{name}.png"))

    def active(self, widget: QWidget) -> None:
        widget.activateWindow()
        self.qtbot.waitUntil(widget.isActiveWindow)

    def new_form(self, entity: str) -> RecordForm:
        view = self.window.show_view(entity)
        QTest.mouseClick(view.new_button, Qt.MouseButton.LeftButton)
        settle(self.qtbot)  # its choices are read, then it opens
        form = newest_form(view)
        self.active(form)
        return form

    def type(self, form: RecordForm, name: str, text: str) -> None:
        widget = form.widget(name)
        target = getattr(widget, "edit", widget)  # a date field types into its text
        target.setFocus()
        keys(target, text)
        QTest.keyClick(target, Qt.Key.Key_Tab)

    def choose(self, combo: QComboBox, caption: str) -> None:
        combo.setFocus()
        index = combo.findText(caption, Qt.MatchFlag.MatchContains)
        assert index >= 0, f"{caption!r} is not offered"
        combo.setCurrentIndex(index)

    def save(self, form: RecordForm, picture: str) -> None:
        self.picture(form, picture)
        QTest.keyClick(
            form.widget(form.first_field), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier
        )
        self.qtbot.waitUntil(lambda: not form.isVisible(), timeout=5000)
        settle(self.qtbot)

    def select(self, entity: str, caption: str):
        view = self.window.show_view(entity)
        settle(self.qtbot)
        model = view.model
        row = next(
            r
            for r in range(model.rowCount())
            if any(caption in str(model.index(r, c).data()) for c in range(model.columnCount()))
        )
        rect = view.table.visualRect(view.model.index(row, 0))
        QTest.mouseClick(
            view.table.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(rect.center())
        )
        settle(self.qtbot)  # its story is read
        return view

    def print_selected(self, view) -> ReportDialog:
        """Ctrl+P on the list, as a person prints what they selected."""
        QTest.keyClick(view.table, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
        reports = self.window.findChildren
        self.qtbot.waitUntil(lambda: any(d.isVisible() for d in reports(ReportDialog)))
        settle(self.qtbot)  # the partnerships it offers are read
        return next(d for d in reports(ReportDialog) if d.isVisible())
