"""Lists page from the database: a 100,000-row list opens and scrolls holding only a few pages."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from sqlalchemy import insert

from ui.models.records import RecordTableModel
from ui.views.records import RecordListView
from workbook.models import Decision, NumberCounter
from workbook.search import reindex


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


def test_model_passes_qt_model_checks(qtmodeltester, sqlite_db):
    bulk_decisions(sqlite_db, 450)
    model = RecordTableModel(sqlite_db, "decision")
    qtmodeltester.check(model)
    model.sort(2)
    qtmodeltester.check(model)
    with sqlite_db.unit() as s:
        assert reindex(s) == 450  # bulk rows reach the search index
    model.set_query(search="Beschluss 449", filters={})
    assert model.rowCount() == 1
    qtmodeltester.check(model)


def test_hundred_thousand_decisions_open_and_scroll_holding_a_page(qtbot, sqlite_db):
    bulk_decisions(sqlite_db, 100_000)
    view = RecordListView(sqlite_db, "decision")
    qtbot.addWidget(view)
    view.resize(1000, 600)
    view.show()
    model = view.model
    assert model.rowCount() == 100_000
    assert "100,000" in view.count_label.text()
    assert model.fetched_rows() <= model.page_size
    view.table.scrollToBottom()
    qtbot.wait(10)
    last = model.index(model.rowCount() - 1, 2).data()
    assert last.startswith("Beschluss ")
    assert model.fetched_rows() <= model.page_size * model.max_pages
    view.table.sortByColumn(2, view.table.horizontalHeader().sortIndicatorOrder())
    assert model.fetched_rows() <= model.page_size * model.max_pages
    view.filters["from"].set_value(date(2022, 1, 1))
    assert 0 < model.rowCount() < 100_000
    assert model.fetched_rows() <= model.page_size
