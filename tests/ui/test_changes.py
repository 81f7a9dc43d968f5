"""Views stay true: what a save or a delete changed is reported, and every list that shows
it reads again, without F5. Driven as a person drives the window: clicks and keys."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from tests.ui.people import Volunteer, click_save, keys, newest_form, settle
from tests.workbook import factories
from ui.dialogs.entry import EntryDialog
from workbook import services


def _column(view, key: str) -> list[str]:
    spec_keys = [c.key for c in view._spec.columns]
    column = spec_keys.index(key)
    return [str(view.model.index(r, column).data() or "") for r in range(view.model.rowCount())]


def _setup(db):
    with db.unit() as s:
        org = factories.organisation(s, "Jugendwerk Lausitz")
        services.create(s, "contact", {"name": "Anna Schmitz", "organisation_id": org.id})
        factories.partnership(
            s, "Lesesommer", partners=[{"organisation_id": org.id, "role": "Träger"}]
        )


def test_a_renamed_organisation_shows_its_new_name_in_every_list(window, sqlite_db, qtbot):
    _setup(sqlite_db)
    contacts = window.show_view("contact")
    window.refresh()
    qtbot.waitUntil(lambda: _column(contacts, "organisation") == ["Jugendwerk Lausitz"])
    me = Volunteer(window, qtbot, None)
    view = me.select("organisation", "Jugendwerk Lausitz")
    QTest.mouseClick(view.edit_button, Qt.MouseButton.LeftButton)
    settle(qtbot)  # the form's data is read, then it opens
    form = newest_form(view)
    me.active(form)
    name = form.widget("name")
    name.selectAll()
    keys(name, "Jugendwerk Görlitz")
    click_save(form)
    qtbot.waitUntil(lambda: not form.isVisible(), timeout=5000)
    # no F5: the contacts' list shows the organisation by its new name (read as the tab
    # shows: hidden, it only noted the change), and the partnership's story names it so
    assert window.show_view("contact") is contacts
    qtbot.waitUntil(lambda: _column(contacts, "organisation") == ["Jugendwerk Görlitz"])
    partnerships = me.select("partnership", "Lesesommer")
    qtbot.waitUntil(lambda: "Jugendwerk Görlitz" in partnerships.detail.toPlainText())
    # and the search finds the contact by the organisation's new name
    popup = window.editing.open_search()
    keys(popup.query, "Görlitz")
    qtbot.waitUntil(lambda: popup.results.count() > 0)
    settle(qtbot)
    texts = [popup.results.item(i).text().strip() for i in range(popup.results.count())]
    assert "Anna Schmitz" in texts and "Lesesommer" in texts
    popup.close()


def test_a_deleted_organisation_leaves_the_contacts_list_at_once(window, sqlite_db, qtbot, answers):
    _setup(sqlite_db)
    contacts = window.show_view("contact")
    qtbot.waitUntil(lambda: _column(contacts, "organisation") == ["Jugendwerk Lausitz"])
    me = Volunteer(window, qtbot, None)
    view = me.select("organisation", "Jugendwerk Lausitz")
    answers.next = [QMessageBox.StandardButton.Yes]
    QTest.mouseClick(view.delete_button, Qt.MouseButton.LeftButton)
    settle(qtbot)  # what else it affects is read, then asked
    assert "Jugendwerk Lausitz" in answers.asked[0]
    qtbot.waitUntil(lambda: view.model.rowCount() == 0)
    # the contact stays, unlinked; its list says so without F5 when its tab shows
    assert _column(contacts, "organisation") == ["Jugendwerk Lausitz"]  # hidden: not read yet
    window.show_view("contact")
    qtbot.waitUntil(lambda: _column(contacts, "organisation") == [""])
    assert _column(contacts, "name") == ["Anna Schmitz"]
    # and the dashboard counts one organisation fewer
    window.nav.setCurrentRow(0)
    qtbot.waitUntil(lambda: "Jugendwerk Lausitz" not in window.dashboard.page.toPlainText())


def test_a_recorded_step_shows_in_the_conflicts_story(window, sqlite_db, qtbot):
    with sqlite_db.unit() as s:
        factories.conflict(s, "Logo-Streit")
    me = Volunteer(window, qtbot, None)
    view = me.select("conflict", "Logo-Streit")
    qtbot.waitUntil(lambda: "Logo-Streit" in view.detail.toPlainText())
    add = next(b for b, _cb in view._actions if "step" in b.text().lower())
    QTest.mouseClick(add, Qt.MouseButton.LeftButton)
    entry = next(d for d in window.findChildren(EntryDialog) if d.isVisible())
    me.active(entry)
    entry.inputs["description"].setFocus()
    keys(entry.inputs["description"], "Gespräch mit beiden Seiten")
    click_save(entry)
    qtbot.waitUntil(lambda: not entry.isVisible(), timeout=5000)
    qtbot.waitUntil(lambda: "Gespräch mit beiden Seiten" in view.detail.toPlainText())
