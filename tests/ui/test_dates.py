"""Dates as people type them, in every form: typed in any common way, Tab leaves the field,
the calendar opens where the date is, and nothing changes that the user did not change."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QCalendarWidget

from tests.ui.people import newest_form, settle
from ui import i18n
from ui.dialogs.record_form import RecordForm
from ui.fields import DateInput
from ui.formatting import typed_date
from workbook import services
from workbook.services import fields as kinds

TODAY = date(2026, 12, 2)

#: every form with a date, and its dates
DATED = {
    entity: [f.name for f in services.spec_for(entity).fields if f.kind == kinds.DATE]
    for entity in ("contact", "partnership", "goal", "decision", "conflict", "meeting")
}


@pytest.fixture
def german(qapp):
    assert i18n.install("de") == "de"
    yield
    i18n.install("en")


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("15.11.2026", date(2026, 11, 15)),
        ("15.11.26", date(2026, 11, 15)),
        ("5.1.27", date(2027, 1, 5)),
        ("151126", date(2026, 11, 15)),
        ("15112026", date(2026, 11, 15)),
        ("15.11.", date(2026, 11, 15)),
        ("1511", date(2026, 11, 15)),
        ("2026-11-15", date(2026, 11, 15)),
        (" 15. 11. 2026 ", date(2026, 11, 15)),
        ("3.4.85", date(1985, 4, 3)),
        ("", None),
    ],
)
def test_german_dates_as_people_type_them(german, typed, meant):
    assert typed_date(typed, TODAY) == meant


@pytest.mark.parametrize("typed", ["31.02.2026", "15.13.2026", "morgen", "1.2.3.4", "1234567"])
def test_what_is_no_date_is_said_not_guessed(german, typed):
    with pytest.raises(ValueError):
        typed_date(typed, TODAY)


def test_english_dates_month_first_and_iso(qapp):
    assert typed_date("11/15/2026", TODAY) == date(2026, 11, 15)
    assert typed_date("111526", TODAY) == date(2026, 11, 15)
    assert typed_date("2026-11-15", TODAY) == date(2026, 11, 15)


def _open_new(window, qtbot, entity: str) -> RecordForm:
    view = window.show_view(entity)
    qtbot.mouseClick(view.new_button, Qt.MouseButton.LeftButton)
    settle(qtbot)  # the form's data is read, then it opens
    form = newest_form(view)
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow)
    return form


@pytest.mark.parametrize("entity", sorted(DATED))
def test_every_form_takes_a_typed_date_and_tab_leaves_the_field(german, window, qtbot, entity):
    window.activateWindow()
    form = _open_new(window, qtbot, entity)
    # the keyboard starts in the first field: the title or name typed first is kept
    QTest.keyClicks(QApplication.focusWidget(), "Vom Jugendwerk")
    first = services.spec_for(entity).fields[0].name
    assert form.values()[first] == "Vom Jugendwerk"

    for name in DATED[entity]:
        field = form.widget(name)
        assert isinstance(field, DateInput)
        before = {k: v for k, v in form.values().items() if k != name}
        field.edit.setFocus()
        qtbot.waitUntil(field.edit.hasFocus)
        field.edit.selectAll()
        QTest.keyClick(field.edit, Qt.Key.Key_Backspace)
        QTest.keyClicks(field.edit, "151126")
        QTest.keyClick(field.edit, Qt.Key.Key_Tab)
        assert field.date_value() == date(2026, 11, 15), name
        assert field.edit.text() == "15.11.2026"  # shown as the date style writes it
        assert not field.isAncestorOf(QApplication.focusWidget())  # Tab left the field
        after = {k: v for k, v in form.values().items() if k != name}
        assert after == before  # no other field changed


def test_a_date_cleared_is_no_date_and_a_wrong_one_is_named_on_save(
    german, window, qtbot, sqlite_db
):
    window.activateWindow()
    form = _open_new(window, qtbot, "decision")
    QTest.keyClicks(form.widget("title"), "Haushalt")
    QTest.keyClicks(form.widget("text"), "Beschlossen")
    decided = form.widget("decided_on")
    assert decided.date_value() == date.today()  # a required date starts at today
    decided.edit.setFocus()
    decided.edit.selectAll()
    QTest.keyClick(decided.edit, Qt.Key.Key_Backspace)
    QTest.keyClicks(decided.edit, "31.02.2026")
    QTest.keyClick(decided.edit, Qt.Key.Key_Tab)
    assert "border" in decided.edit.styleSheet()  # marked at once
    qtbot.mouseClick(
        form._buttons.button(form._buttons.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    settle(qtbot)  # refused by the core, on the database worker
    assert form.isVisible()
    assert form.error_text("decided_on").startswith("Beschlossen am:")
    review = form.widget("review_on")
    QTest.keyClicks(review.edit, "1.3.27")
    QTest.keyClick(review.edit, Qt.Key.Key_Tab)
    review.edit.setFocus()
    review.edit.selectAll()
    QTest.keyClick(review.edit, Qt.Key.Key_Delete)
    QTest.keyClick(review.edit, Qt.Key.Key_Tab)
    assert review.value() is None

    decided.edit.setFocus()
    decided.edit.selectAll()
    QTest.keyClicks(decided.edit, "1.2.2026")
    QTest.keyClick(decided.edit, Qt.Key.Key_Tab)
    QTest.keyClick(form.widget("title"), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not form.isVisible())
    with sqlite_db.reading() as s:
        [row] = services.list_rows(s, "decision", search="Haushalt")
        record = services.get(s, "decision", row.id)
        assert (record.decided_on, record.review_on) == (date(2026, 2, 1), None)


def test_the_calendar_opens_at_the_date_or_today_and_a_day_is_taken(german, qtbot):
    field = DateInput()
    qtbot.addWidget(field)
    field.show()
    field.activateWindow()
    qtbot.waitUntil(field.isActiveWindow)
    field.edit.setFocus()
    QTest.keyClick(field.edit, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    calendar = field.calendar
    assert isinstance(calendar, QCalendarWidget) and calendar.isVisible()
    assert calendar.selectedDate().toPython() == date.today()
    QTest.keyClick(calendar, Qt.Key.Key_Escape)
    QTest.keyClicks(field.edit, "24.12.2026")
    QTest.keyClick(field.edit, Qt.Key.Key_Return)
    qtbot.mouseClick(field.button, Qt.MouseButton.LeftButton)
    calendar = field.calendar
    assert calendar.selectedDate().toPython() == date(2026, 12, 24)
    with qtbot.waitSignal(field.changed):
        QTest.keyClick(calendar.focusWidget() or calendar, Qt.Key.Key_Right)
        QTest.keyClick(calendar.focusWidget() or calendar, Qt.Key.Key_Return)
    assert field.date_value() == date(2026, 12, 25)
    assert field.edit.text() == "25.12.2026"
    qtbot.waitUntil(field.edit.hasFocus)  # back in the field, to type on or Tab away
