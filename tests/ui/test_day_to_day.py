"""The dashboard's attention list and the calendar export, as a user meets them."""

from __future__ import annotations

from datetime import date, timedelta

from icalendar import Calendar
from PySide6.QtCore import Qt

from tests.ui.people import settle
from tests.workbook import factories


def test_attention_list_opens_records_and_forgets_what_is_done(window, sqlite_db, qtbot):
    with sqlite_db.unit() as s:
        decision = factories.decision(s, "Prüfen", review_on=date.today() - timedelta(days=1))
    panel = window.dashboard.attention
    window.dashboard.refresh()  # the list is worked out off the UI thread
    qtbot.waitUntil(lambda: [i.title for i in panel.items] == ["D-2026-001 Prüfen"], timeout=10000)
    assert "(1)" in panel.title.text()
    settle(qtbot)
    panel.table.selectRow(0)
    panel.open_selected()
    settle(qtbot)
    view = window.current_view()
    assert view is window.views["decision"] and view.selected()[0] == decision.id
    settle(qtbot)
    panel.table.selectRow(0)
    panel.done_selected()
    settle(qtbot)
    qtbot.waitUntil(lambda: panel.items == [], timeout=10000)
    assert not panel.table.isVisible()


def test_calendar_export_from_the_file_menu(window, sqlite_db, qtbot, tmp_path):
    with sqlite_db.unit() as s:
        factories.decision(s, "Prüfen", review_on=date(2027, 1, 15))
    operation = window.exchange.export_calendar(str(tmp_path / "termine"))
    qtbot.waitUntil(lambda: operation.future.done() and operation.dialog is None, timeout=20000)
    events = Calendar.from_ical((tmp_path / "termine.ics").read_bytes()).walk("VEVENT")
    assert [e["dtstart"].dt for e in events] == [date(2027, 1, 15)]
    assert "1 dates written" in window.statusBar().currentMessage()


def test_who_brings_what_shows_each_partners_strengths(window, sqlite_db, qtbot):
    with sqlite_db.unit() as s:
        factories.organisation(s, "Verein", strengths=["Moderation", "Podcasts"])
        factories.organisation(s, "Schule", kind="school", strengths=["Räume"])
    with qtbot.waitSignal(window.dashboard.loaded, timeout=10000):
        window.dashboard.refresh()  # worked out off the UI thread
    model = window.dashboard.matrix.model()
    strengths = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    partners = [model.headerData(r, Qt.Orientation.Vertical) for r in range(model.rowCount())]
    assert strengths == ["Moderation", "Podcasts", "Räume"] and partners == ["Schule", "Verein"]
    cells = {
        (partners[r], strengths[c]): model.index(r, c).data()
        for r in range(len(partners))
        for c in range(len(strengths))
    }
    assert cells[("Verein", "Podcasts")] == "●" and cells[("Schule", "Podcasts")] is None
    assert model.index(0, 2).data(Qt.ItemDataRole.ToolTipRole) == "Schule: Räume"


def test_the_dashboard_fills_off_the_ui_thread_and_shows_the_counts(window, sqlite_db, qtbot):
    with sqlite_db.unit() as s:
        factories.decision(s, "Haushalt 2027")
        factories.decision(s, "Satzung")
    with qtbot.waitSignal(window.dashboard.loaded, timeout=10000):
        window.dashboard.refresh()
    page = window.dashboard.page.toPlainText()
    assert "Latest decisions" in page and "Haushalt 2027" in page and "Satzung" in page
