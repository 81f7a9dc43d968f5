"""User stories driven through the widgets, on a real SQLite database."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox, QMessageBox

from tests.ui.people import click_save, keys, opened_form, saved, settle
from ui.dialogs.record_form import RecordForm
from ui.fields import ChecklistInput, RowsInput
from workbook import services


def new_record(qtbot, window, entity: str, **values) -> RecordForm:
    view = window.show_view(entity)
    form = opened_form(qtbot, view)
    for name, value in values.items():
        form.set_value(name, value)
    return form


def choose(form: RecordForm, name: str, caption: str) -> None:
    combo = form.widget(name)
    index = combo.findText(caption, Qt.MatchFlag.MatchContains)
    assert index >= 0, f"{caption!r} not offered in {name}"
    combo.setCurrentIndex(index)


def story(window, entity: str) -> str:
    return window.views[entity].detail.toPlainText()


def test_create_organisation_with_strengths_and_a_contact(window, qtbot):
    form = new_record(
        qtbot,
        window,
        "organisation",
        name="Radio Rheinwelle",
        strengths="Podcasts, Medienarbeit",
        email="info@rheinwelle.example",
    )
    choose(form, "kind", "Media")
    assert saved(qtbot, form)
    settle(qtbot)
    view = window.views["organisation"]
    assert view.model.rowCount() == 1
    assert "2 " not in view.count_label.text() and "1" in view.count_label.text()

    contact = new_record(qtbot, window, "contact", name="Zeynep Yılmaz", role="Redaktion")
    choose(contact, "organisation_id", "Radio Rheinwelle")
    assert saved(qtbot, contact)
    settle(qtbot)

    window.open_record("organisation", form.record_id)
    settle(qtbot)
    page = story(window, "organisation")
    assert "Radio Rheinwelle" in page and "Zeynep Yılmaz" in page
    assert "Podcasts" in page and "Medienarbeit" in page


def test_create_partnership_with_two_partners_and_roles(window, sqlite_db, qtbot):
    with sqlite_db.unit() as s:
        services.create(s, "organisation", {"name": "Verein Mut", "kind": "ngo"})
        services.create(s, "organisation", {"name": "Gymnasium Süd", "kind": "school"})
    form = new_record(qtbot, window, "partnership", title="Demokratie macht Schule")
    partners = form.widget("partners")
    assert isinstance(partners, RowsInput)
    partners.add_row({})
    partners.add_row({})
    table = partners._table
    for row, (org, role) in enumerate(
        [("Verein Mut", "Koordination"), ("Gymnasium Süd", "Gastgeber")]
    ):
        combo = table.cellWidget(row, 0)
        assert isinstance(combo, QComboBox)
        combo.setCurrentIndex(combo.findText(org))
        table.item(row, 1).setText(role)
    assert saved(qtbot, form), form.banner_text()
    settle(qtbot)
    window.open_record("partnership", form.record_id)
    settle(qtbot)
    page = story(window, "partnership")
    assert "Verein Mut — Koordination" in page and "Gymnasium Süd — Gastgeber" in page


def test_add_goal_and_record_progress(window, qtbot):
    form = new_record(
        qtbot,
        window,
        "goal",
        title="Workshops an Schulen",
        baseline="0",
        target="40",
        unit="Workshops",
    )
    assert saved(qtbot, form), form.banner_text()
    settle(qtbot)
    view = window.views["goal"]
    settle(qtbot)
    view.table.selectRow(0)
    button = next(b for b, _cb in view._actions)
    assert button.text().startswith("Record progress")
    button.click()
    settle(qtbot)
    from ui.dialogs.entry import EntryDialog

    dialog = next(d for d in window.findChildren(EntryDialog) if d.isVisible())
    # it says which goal the progress is for
    assert dialog.windowTitle() == "Record progress: Workshops an Schulen"
    dialog.inputs["value"].setText("20")
    click_save(dialog)
    settle(qtbot)
    assert not dialog.isVisible(), dialog.error.text()
    page = story(window, "goal")
    assert "50 %" in page and "20" in page


def type_date(form, name: str, text: str) -> None:
    """Clear the field and type the date, as a person does, then leave it with Tab."""
    edit = form.widget(name).edit
    edit.setFocus()
    edit.selectAll()
    QTest.keyClick(edit, Qt.Key.Key_Backspace)
    QTest.keyClicks(edit, text)
    QTest.keyClick(edit, Qt.Key.Key_Tab)


def test_log_a_decision_then_supersede_it(window, qtbot):
    first = new_record(qtbot, window, "decision", title="Jahresbudget", text="100 € je Workshop")
    assert first.widget("decided_on").date_value() == date.today()  # a required date: today
    assert saved(qtbot, first), first.banner_text()
    settle(qtbot)
    view = window.views["decision"]
    settle(qtbot)
    view.table.selectRow(0)
    supersede = next(b for b, _cb in view._actions if b.text().startswith("Supersede"))
    supersede.click()
    settle(qtbot)
    settle(qtbot)
    second = next(f for f in view.findChildren(RecordForm) if f.isVisible() and f.record_id is None)
    assert second.widget("supersedes_id").currentText().startswith("D-")
    second.set_value("title", "Jahresbudget neu")
    second.set_value("text", "120 € je Workshop")
    assert saved(qtbot, second), second.banner_text()
    settle(qtbot)
    statuses = {
        view.model.index(r, 2).data(): view.model.index(r, 3).data()
        for r in range(view.model.rowCount())
    }
    assert statuses == {"Jahresbudget": "Superseded", "Jahresbudget neu": "Adopted"}
    window.open_record("decision", second.record_id)
    settle(qtbot)
    page = story(window, "decision")
    assert "Supersedes" in page and "Jahresbudget" in page


def test_conflict_steps_then_resolved_by_a_decision(window, sqlite_db, qtbot):
    with sqlite_db.unit() as s:
        services.create(
            s, "decision", {"title": "Neuer Terminplan", "text": "x", "decided_on": "2026-03-01"}
        )
    form = new_record(qtbot, window, "conflict", title="Terminüberschneidung")
    type_date(form, "raised_on", "2026-02-01")
    assert saved(qtbot, form), form.banner_text()
    settle(qtbot)
    view = window.views["conflict"]
    settle(qtbot)
    view.table.selectRow(0)
    from ui.dialogs.entry import EntryDialog

    for text in ("Erstes Gespräch", "Mediation"):
        next(b for b, _cb in view._actions if b.text() == "Add step…").click()
        settle(qtbot)
        dialog = next(d for d in window.findChildren(EntryDialog) if d.isVisible())
        dialog.inputs["description"].setPlainText(text)
        click_save(dialog)
        settle(qtbot)
        assert not dialog.isVisible(), dialog.error.text()

    edit = opened_form(qtbot, view, form.record_id)
    choose(edit, "status", "Resolved")
    edit.set_value("resolution", "Neuer Terminplan für alle Schulen")
    type_date(edit, "resolved_on", "2026-03-02")
    settled = edit.widget("settled_by_ids")
    assert isinstance(settled, ChecklistInput)
    settled._list.item(0).setCheckState(Qt.CheckState.Checked)
    assert saved(qtbot, edit), edit.banner_text()
    settle(qtbot)
    page = story(window, "conflict")
    assert "Timeline" in page and "Erstes Gespräch" in page and "Mediation" in page
    assert "Settled by" in page and "Neuer Terminplan" in page and "Resolved" in page


def test_find_a_record_from_global_search_and_open_it(window, sqlite_db, qtbot):
    with sqlite_db.unit() as s:
        services.create(s, "conflict", {"title": "Streit um das Logo", "raised_on": "2026-01-05"})
        services.create(s, "organisation", {"name": "Logistik Hilfe", "kind": "ngo"})
    popup = window.editing.open_search()
    qtbot.keyClicks(popup.query, "logo")
    qtbot.waitUntil(lambda: popup.results.count() > 0)
    texts = [popup.results.item(i).text() for i in range(popup.results.count())]
    assert texts == ["Conflicts", "    Streit um das Logo"]
    qtbot.keyClick(popup.query, Qt.Key.Key_Return)
    settle(qtbot)
    assert window.current_view() is window.views["conflict"]
    assert "Streit um das Logo" in story(window, "conflict")


def test_sort_and_filter_a_list(window, sqlite_db, qtbot):
    with sqlite_db.unit() as s:
        for day, status in [(3, "adopted"), (1, "rejected"), (2, "adopted")]:
            services.create(
                s,
                "decision",
                {
                    "title": f"Beschluss {day}",
                    "text": "x",
                    "decided_on": f"2026-01-0{day}",
                    "status": status,
                },
            )
    view = window.show_view("decision")
    view.refresh()
    settle(qtbot)
    assert [view.model.index(r, 2).data() for r in range(3)] == [
        "Beschluss 3",
        "Beschluss 2",
        "Beschluss 1",
    ]
    view.table.sortByColumn(2, Qt.SortOrder.AscendingOrder)
    settle(qtbot)
    assert [view.model.index(r, 2).data() for r in range(3)] == [
        "Beschluss 1",
        "Beschluss 2",
        "Beschluss 3",
    ]
    status = view.filters["status"]
    status.setCurrentIndex(status.findData("adopted"))
    settle(qtbot)
    assert view.model.rowCount() == 2
    assert view.count_label.text().startswith("2 ")
    view.search.setText("beschluss 3")
    view.apply_filters()
    settle(qtbot)
    assert view.model.rowCount() == 1


def test_same_record_edited_in_two_windows_shows_the_conflict(window, sqlite_db, qtbot):
    with sqlite_db.unit() as s:
        org_id = services.create(s, "organisation", {"name": "Verein", "kind": "ngo"}).id
    view = window.show_view("organisation")
    first, second = opened_form(qtbot, view, org_id), opened_form(qtbot, view, org_id)
    first.set_value("name", "Verein Eins")
    assert saved(qtbot, first)
    settle(qtbot)
    second.set_value("name", "Verein Zwei")
    assert not saved(qtbot, second)
    assert "changed by someone else" in second.banner_text()
    conflict = second.conflict
    assert conflict.fields == ["name"]
    assert [conflict.table.item(0, c).text() for c in (1, 2)] == ["Verein Zwei", "Verein Eins"]
    assert "changed by both" in conflict.table.item(0, 0).text()
    qtbot.mouseClick(conflict.theirs_button, Qt.MouseButton.LeftButton)  # nothing lost silently
    settle(qtbot)
    assert second.values()["name"] == "Verein Eins" and not second.is_dirty()
    with sqlite_db.unit() as s:
        assert services.get(s, "organisation", org_id).name == "Verein Eins"


def test_a_conflict_merges_both_members_changes(window, sqlite_db, qtbot):
    with sqlite_db.unit() as s:
        org_id = services.create(s, "organisation", {"name": "Verein", "kind": "ngo"}).id
    view = window.show_view("organisation")
    first, second = opened_form(qtbot, view, org_id), opened_form(qtbot, view, org_id)
    first.set_value("name", "Verein Eins")
    assert saved(qtbot, first)
    settle(qtbot)
    second.set_value("email", "post@verein.example")
    assert not saved(qtbot, second)
    conflict = second.conflict
    assert set(conflict.fields) == {"name", "email"}
    assert conflict.choices["name"].currentData() == "theirs"  # only they changed it
    assert conflict.choices["email"].currentData() == "mine"
    qtbot.mouseClick(conflict.merge_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    with sqlite_db.unit() as s:
        org = services.get(s, "organisation", org_id)
        assert (org.name, org.email) == ("Verein Eins", "post@verein.example")


def test_a_conflict_lists_only_what_differs_with_records_by_name(window, sqlite_db, qtbot):
    with sqlite_db.unit() as s:
        bund = services.create(s, "partnership", {"title": "Bündnis Lausitz"}).id
        other = services.create(s, "partnership", {"title": "Netzwerk Görlitz"}).id
        people = [services.create(s, "contact", {"name": n}).id for n in ("Anna", "Jakub")]
        meeting_id = services.create(
            s,
            "meeting",
            {"title": "Treffen", "held_on": "2026-03-01", "partnership_id": bund,
             "attendee_ids": people},
        ).id  # fmt: skip
    view = window.show_view("meeting")
    first, second = opened_form(qtbot, view, meeting_id), opened_form(qtbot, view, meeting_id)
    first.set_value("partnership_id", str(other))
    assert saved(qtbot, first)
    settle(qtbot)
    second.set_value("minutes", "Protokoll")
    assert not saved(qtbot, second)
    conflict = second.conflict
    assert set(conflict.fields) == {"partnership_id", "minutes"}  # not the unchanged attendees
    row = conflict.fields.index("partnership_id")
    assert [conflict.table.item(row, c).text() for c in (1, 2)] == [
        "Bündnis Lausitz",
        "Netzwerk Görlitz",
    ]


def test_invalid_input_shows_the_message_and_saves_nothing(window, qtbot):
    form = new_record(qtbot, window, "organisation", name="Verein", email="verein(at)example")
    assert not saved(qtbot, form)
    assert "E-mail" in form.error_text("email") and "not an e-mail address" in form.error_text(
        "email"
    )
    assert "Not saved" in form.banner_text()
    assert window.views["organisation"].model.rowCount() == 0
    form.set_value("email", "info@verein.example")
    assert saved(qtbot, form)
    settle(qtbot)
    assert form.error_text("email") == ""


def test_unsaved_changes_are_protected(window, answers, qtbot):
    form = new_record(qtbot, window, "goal", title="Ungespeichert")
    form.open()
    answers.next = [QMessageBox.StandardButton.Cancel]
    form.reject()
    assert form.isVisible() and "Save your changes" in answers.asked[-1]
    answers.next = [QMessageBox.StandardButton.Discard]
    form.reject()
    assert not form.isVisible()
    assert window.views["goal"].model.rowCount() == 0


def test_delete_asks_and_says_what_else_is_affected(window, sqlite_db, answers, qtbot):
    with sqlite_db.unit() as s:
        org = services.create(
            s, "organisation", {"name": "Verein", "kind": "ngo", "strengths": ["Moderation"]}
        )
        services.create(s, "contact", {"name": "Anna", "organisation_id": org.id})
    view = window.show_view("organisation")
    view.refresh()
    settle(qtbot)
    view.table.selectRow(0)
    answers.next = [QMessageBox.StandardButton.No]
    view.delete_selected()
    settle(qtbot)
    assert view.model.rowCount() == 1
    assert "Also deleted: 1 × strengths and networks" in answers.asked[-1]
    assert "Kept but unlinked: 1 × contacts" in answers.asked[-1]
    answers.next = [QMessageBox.StandardButton.Yes]
    view.delete_selected()
    settle(qtbot)
    assert view.model.rowCount() == 0


def test_a_forms_choices_are_read_once_and_again_when_their_kind_changes(window, qtbot):
    """A decision's form offers every partnership, meeting, decision and contact: they are
    read the first time it opens, not each time, and a partnership saved meanwhile (through
    its own form, typed) is offered the next time."""
    import re
    import traceback

    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    with window.db.unit() as s:
        services.create(s, "partnership", {"title": "Bündnis Alt"})
    read: list[str] = []

    def seen(_conn, _cursor, statement, *_args) -> None:
        captions = re.search(r"SELECT partnerships\.id, partnerships\.title\s+FROM", statement)
        if captions and any(f.name == "read_form" for f in traceback.extract_stack()):
            read.append(statement)  # for a form (the list's filter reads its own)

    event.listen(Engine, "before_cursor_execute", seen)
    try:
        first = new_record(qtbot, window, "decision")
        assert first.widget("partnership_id").findText("Bündnis Alt") >= 0
        assert len(read) == 1
        reads = len(read)
        first.reject()
        second = new_record(qtbot, window, "decision")
        assert second.widget("partnership_id").findText("Bündnis Alt") >= 0
        assert len(read) == reads  # kept
        second.reject()

        partnership = new_record(qtbot, window, "partnership")
        title = partnership.widget("title")
        title.setFocus()
        keys(title, "Bündnis Neu")  # typed, the ü as a German keyboard sends it
        assert saved(qtbot, partnership)  # its Save button clicked
        third = new_record(qtbot, window, "decision")
        assert third.widget("partnership_id").findText("Bündnis Neu") >= 0
        assert len(read) > reads  # read again after the partnership's save was reported
        third.reject()
    finally:
        event.remove(Engine, "before_cursor_execute", seen)
