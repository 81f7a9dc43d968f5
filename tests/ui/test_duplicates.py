"""The form says, as the user types, that the organisation or person exists already."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.ui.people import opened_form, settle
from tests.workbook import factories
from ui.dialogs.record_form import RecordForm
from workbook import services


def _type(qtbot, form: RecordForm, name: str, text: str) -> None:
    widget = form.widget(name)
    widget.setFocus()
    QTest.keyClicks(widget, text)


def test_typing_a_name_that_exists_in_another_spelling_offers_the_existing_one(
    window, sqlite_db, qtbot
):
    with sqlite_db.unit() as s:
        existing = factories.organisation(s, "Demokratiewerkstatt Köln e.V.")
    view = window.show_view("organisation")
    view.refresh()
    form = opened_form(qtbot, view)
    form.open()
    qtbot.waitExposed(form)

    _type(qtbot, form, "name", "Demokratiewerkstatt Koeln e. V.")

    qtbot.waitUntil(lambda: form.duplicate_text() != "", timeout=10000)
    assert "under this name: <b>Demokratiewerkstatt Köln e.V.</b>" in form.duplicate_text()
    opened = []
    form.open_existing.connect(opened.append)
    label = form._duplicate
    # the link is the label's only anchor: activating it is what a click on it does
    label.linkActivated.emit(str(existing.id))
    assert opened == [existing.id] and not form.isVisible()
    settle(qtbot)  # the existing record's form is read, then opens
    editing = [f for f in view.findChildren(RecordForm) if f.isVisible()]
    assert [f.record_id for f in editing] == [existing.id]
    for f in editing:
        f.reject()


def test_a_contact_with_the_same_email_is_flagged_and_another_name_is_not(window, sqlite_db, qtbot):
    with sqlite_db.unit() as s:
        services.create(s, "contact", {"name": "Marie Müller", "email": "marie@verein.example"})
    view = window.show_view("contact")
    form = opened_form(qtbot, view)
    form.open()
    qtbot.waitExposed(form)

    _type(qtbot, form, "name", "Mariana Mueller")  # (keyClicks types ASCII only)
    QTest.qWait(700)
    assert form.duplicate_text() == ""  # another person
    _type(qtbot, form, "email", "Marie@Verein.example")
    qtbot.waitUntil(lambda: form.duplicate_text() != "", timeout=10000)
    assert "with this e-mail address: <b>Marie Müller</b>" in form.duplicate_text()
    form.widget("email").clear()
    form.widget("name").clear()
    QTest.keyClicks(form.widget("name"), "Marie Mueller")
    qtbot.waitUntil(lambda: "under this name" in form.duplicate_text(), timeout=10000)
    form.widget("name").setFocus()
    QTest.keyClick(form.widget("name"), Qt.Key.Key_Escape)


def test_a_search_that_finds_nothing_says_so(window, sqlite_db, qtbot):
    with sqlite_db.unit() as s:
        factories.organisation(s, "Verein Brücke")
    view = window.show_view("organisation")
    view.refresh()
    view.search.setFocus()

    QTest.keyClicks(view.search, "Zirkus")

    qtbot.waitUntil(lambda: view.model.rowCount() == 0, timeout=5000)
    qtbot.waitUntil(lambda: "match" in view.count_label.text(), timeout=5000)
    assert view.count_label.text() == "No Organisations match “Zirkus”."
    assert view.detail.toPlainText() == "No Organisations match “Zirkus”."
    view.search.clear()
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=5000)
    assert "match" not in view.count_label.text()
