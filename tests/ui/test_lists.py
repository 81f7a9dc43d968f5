"""Lists page from the database: a 100,000-row list opens and scrolls holding only a few pages."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from sqlalchemy import insert

from tests.ui.people import settle
from ui.models.records import RecordTableModel
from ui.views.records import RecordListView
from workbook.domain.models import Decision, NumberCounter
from workbook.store.search import reindex


def bulk_decisions(db, count: int) -> None:
    start = date(2000, 1, 1)
    rows = [
        {
            "id": uuid.uuid4(),
            "number": f"D-{2000 + i // 4000}-{i % 4000 + 1:04d}",
            "title": f"Beschluss {i}",
            "decided_on": start + timedelta(days=i // 12),
            "text": "Text",
            "consensus": False,
            "status": "adopted",
            "version": 1,
        }
        for i in range(count)
    ]
    with db.unit() as s:
        s.execute(insert(Decision), rows)
        s.execute(insert(NumberCounter), [{"series": "D-2099", "last": 0}])


def test_model_passes_qt_model_checks(qtmodeltester, sqlite_db, qtbot):
    bulk_decisions(sqlite_db, 450)
    model = RecordTableModel(sqlite_db, "decision")
    qtmodeltester.check(model)
    model.sort(2)
    qtmodeltester.check(model)
    with sqlite_db.unit() as s:
        assert reindex(s) == 450  # bulk rows reach the search index
    model.set_query(search="Beschluss 449", filters={})
    settle(qtbot)
    assert model.rowCount() == 1
    qtmodeltester.check(model)


@pytest.mark.slow
def test_hundred_thousand_decisions_open_and_scroll_holding_a_page(qtbot, sqlite_db):
    bulk_decisions(sqlite_db, 100_000)
    view = RecordListView(sqlite_db, "decision")
    qtbot.addWidget(view)
    view.resize(1000, 600)
    view.show()
    settle(qtbot)  # counted and the first page read on the worker
    model = view.model
    assert model.rowCount() == 100_000
    assert "100,000" in view.count_label.text()
    assert model.fetched_rows() <= model.page_size
    view.table.scrollToBottom()
    qtbot.wait(10)  # painted: the rows shown are asked for
    settle(qtbot)
    last = model.index(model.rowCount() - 1, 2).data()
    assert last.startswith("Beschluss ")
    assert model.fetched_rows() <= model.page_size * model.max_pages
    view.table.sortByColumn(2, view.table.horizontalHeader().sortIndicatorOrder())
    settle(qtbot)
    assert model.fetched_rows() <= model.page_size * model.max_pages
    QTest.keyClicks(view.filters["from"].edit, "2022-01-01")
    QTest.keyClick(view.filters["from"].edit, Qt.Key.Key_Return)
    settle(qtbot)
    assert 0 < model.rowCount() < 100_000
    assert model.fetched_rows() <= model.page_size


def test_deep_pages_read_by_id_show_what_offset_paging_shows(sqlite_db, qtbot):
    from workbook.services import delete, list_rows

    bulk_decisions(sqlite_db, 1_500)
    with sqlite_db.unit() as s:
        reindex(s)
    model = RecordTableModel(sqlite_db, "decision")
    model.page_size, model.offset_pages = 50, 2  # pages from the third on are read by id
    for sort, order, search, filters in (
        (None, None, None, {}),
        (2, 1, None, {}),  # title, descending
        (1, 0, "Beschluss", {"from": date(2000, 2, 1)}),
    ):
        model.set_query(search=search, filters=filters)
        settle(qtbot)
        if sort is not None:
            model.sort(sort, model_order(order))
            settle(qtbot)
        with sqlite_db.reading() as s:
            expected = [
                r.id
                for r in list_rows(
                    s,
                    "decision",
                    search=search,
                    filters=filters,
                    sort=model._sort,
                    descending=model._descending,
                    limit=2_000,
                )
            ]
        assert len(expected) == model.rowCount() > 150
        shown = []
        for row in reversed(range(model.rowCount())):  # scrolled up from the end
            if model.record_at(row) is None:
                settle(qtbot)  # its page was asked for and arrives
            shown.append(model.record_at(row)[0])
        assert shown[::-1] == expected
        assert model.fetched_rows() <= model.page_size * model.max_pages
    # a record deleted after the ids were read leaves its row empty; the others stay in place
    row = model.rowCount() - 10
    model.record_at(row)  # scrolled back down to it
    settle(qtbot)
    gone, version = model.record_at(row)
    after = model.record_at(row + 1)
    model._pages.clear()
    model._asked.clear()
    with sqlite_db.unit() as s:
        delete(s, "decision", gone, expected_version=version)
    model.record_at(row)  # its page is read again, by the ids read before
    settle(qtbot)
    assert model.record_at(row) is None and model.index(row, 2).data() is None
    assert model.record_at(row + 1) == after


def model_order(descending):
    from PySide6.QtCore import Qt

    return Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder


def test_partnership_filter_reads_its_titles_only_when_the_user_reaches_for_it(qtbot, sqlite_db):
    from PySide6.QtCore import Qt

    from tests.workbook import factories

    with sqlite_db.unit() as s:
        school = factories.partnership(s, "Demokratie macht Schule")
        factories.partnership(s, "Jugendforum")
        factories.decision(s, "Budget", partnership_id=school.id)
        factories.decision(s, "Logo")
        school_id = school.id
    view = RecordListView(sqlite_db, "decision")
    qtbot.addWidget(view)
    view.show()
    combo = view.filters["partnership"]
    assert not combo.loaded() and combo.count() == 1  # only "All": the titles are not read yet
    settle(qtbot)
    assert view.model.rowCount() == 2
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus)
    qtbot.waitUntil(combo.loaded)  # read on the worker
    titles = [combo.itemText(i) for i in range(1, combo.count())]
    assert titles == ["Demokratie macht Schule", "Jugendforum"]
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # the keyboard reaches the first title
    assert combo.value() == str(school_id)
    settle(qtbot)
    assert view.model.rowCount() == 1

    fresh = RecordListView(sqlite_db, "decision")
    qtbot.addWidget(fresh)
    fresh.filters["partnership"].set_value(school_id)  # set by code: read first, then chosen
    settle(qtbot)
    assert fresh.filters["partnership"].currentText() == "Demokratie macht Schule"
    settle(qtbot)
    assert fresh.model.rowCount() == 1


def test_columns_fit_the_names_on_first_show_and_keep_that_width(qtbot, sqlite_db):
    """The first session's lists are empty; the records come later (typed, imported): the
    widths of the empty list are not kept, and the filled one fits its names."""
    from tests.demo import fill
    from ui.main_window import MainWindow

    first = MainWindow(sqlite_db)
    qtbot.addWidget(first)
    first.show()
    first.show_view("organisation")
    first.close()
    fill(sqlite_db)

    window = MainWindow(sqlite_db)
    qtbot.addWidget(window)
    window.show()
    view = window.show_view("organisation")
    qtbot.waitUntil(lambda: view.model.rowCount() > 5)
    metrics = view.table.fontMetrics()
    names = [str(view.model.index(r, 0).data()) for r in range(view.model.rowCount())]
    widest = max(metrics.horizontalAdvance(n) for n in names)
    assert view.table.columnWidth(0) >= min(widest, 320 - 24)  # "Jugendwerk Lausitz e.V."
    for column in range(view.model.columnCount()):
        header = str(view.model.headerData(column, Qt.Orientation.Horizontal))
        assert view.table.columnWidth(column) >= metrics.horizontalAdvance(header)
    widths = [view.table.columnWidth(c) for c in range(view.model.columnCount() - 1)]
    window.close()

    again = MainWindow(sqlite_db)
    qtbot.addWidget(again)
    again.show()
    view = again.show_view("organisation")
    qtbot.waitUntil(lambda: view.model.rowCount() > 5)
    assert [view.table.columnWidth(c) for c in range(view.model.columnCount() - 1)] == widths


def test_a_save_reads_the_records_story_once_and_a_change_elsewhere_again(
    window, sqlite_db, qtbot, monkeypatch
):
    """After a save the list is read again and selects the record anew, and the selection
    tells of it too: its story is read once, showing what was saved. A change made in
    another view while this one is hidden has it read again when it shows."""
    from PySide6.QtTest import QTest

    import ui.views.records as records
    from tests.ui.people import keys, opened_form, saved
    from tests.workbook import factories

    with sqlite_db.unit() as s:
        org = factories.organisation(s, "Verein Lesen").id
    read: list[object] = []
    real = records.story
    # the stories read of this organisation (other lists tell of their own records)
    monkeypatch.setattr(
        records, "story", lambda s, e, i: (i == org and read.append(i), real(s, e, i))[1]
    )
    view = window.show_view("organisation")
    settle(qtbot)
    view.select(org)
    settle(qtbot)
    form = opened_form(qtbot, view, org)
    read.clear()
    form.widget("name").selectAll()
    QTest.keyClicks(form.widget("name"), "Verein Schreiben")
    assert saved(qtbot, form)
    settle(qtbot)
    assert read == [org]
    assert "Verein Schreiben" in view.detail.toPlainText()

    contacts = window.show_view("contact")
    settle(qtbot)
    form = opened_form(qtbot, contacts)
    keys(form.widget("name"), "Zeynep Yılmaz")
    index = form.widget("organisation_id").findText("Verein Schreiben")
    form.widget("organisation_id").setCurrentIndex(index)
    assert saved(qtbot, form)
    read.clear()
    window.show_view("organisation")
    settle(qtbot)
    assert read == [org] and "Zeynep" in view.detail.toPlainText()
