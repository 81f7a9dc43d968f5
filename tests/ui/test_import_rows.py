"""The rows of a file to import or adopt as models: the ones worth a look, ticked as the core
would apply them, made only when shown."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView

from ui.labels import status_word
from ui.models.import_rows import AdoptRowsModel, ImportRowsModel
from workbook.exchange import adopt
from workbook.exchange.adopt import AdoptRow
from workbook.exchange.importer import (
    CHANGED,
    CONFLICT,
    INVALID,
    NEW,
    UNCHANGED,
    Change,
    ImportPreview,
    Problem,
    RowPreview,
)

CHECK = Qt.ItemDataRole.CheckStateRole


def _preview(rows_per_sheet: int = 3) -> ImportPreview:
    result = ImportPreview("partner.xlsx")
    for sheet in ("Organisations", "Decisions"):
        for n in range(rows_per_sheet):
            result.rows.append(RowPreview(sheet, 2 + n, "organisation", UNCHANGED, f"{sheet} {n}"))
        result.rows += [
            RowPreview(sheet, 100, "organisation", NEW, "Neu"),
            RowPreview(
                sheet, 101, "organisation", CHANGED, "Verein",
                changes=[Change("Name", "Verein", "Verein e.V."), Change("Notes", "", "neu")],
            ),
            RowPreview(sheet, 102, "organisation", CONFLICT, "Beide", warnings=["both sides"]),
            RowPreview(
                sheet, 103, "organisation", INVALID, "Kaputt",
                problems=[Problem(sheet, 103, "Email", "x", "is not an email address")],
            ),
            RowPreview(sheet, 104, "organisation", UNCHANGED, "Älter", warnings=["older"]),
        ]  # fmt: skip
    return result


def test_rows_worth_a_look_are_listed_and_ticked_as_they_would_be_applied(qtmodeltester):
    result = _preview()
    model = ImportRowsModel(result, status_word)
    qtmodeltester.check(model)
    listed = [model.index(n, 0) for n in range(model.rowCount())]
    assert [(i.data(), i.siblingAtColumn(2).data()) for i in listed[:5]] == [
        ("Organisations, row 100", "Neu"),
        ("Organisations, row 101", "Verein"),
        ("Organisations, row 102", "Beide"),
        ("Organisations, row 103", "Kaputt"),
        ("Organisations, row 104", "Älter"),
    ]  # the unchanged rows without a word to say are left out
    assert len(listed) == 10
    assert [i.data(CHECK) for i in listed[:5]] == [
        Qt.CheckState.Checked, Qt.CheckState.Checked, Qt.CheckState.Unchecked, None, None,
    ]  # fmt: skip
    changed = listed[1]
    assert changed.siblingAtColumn(1).data() == "changed"
    assert changed.siblingAtColumn(3).data() == "Name: Verein → Verein e.V.; Notes: — → neu"
    tip = changed.siblingAtColumn(3).data(Qt.ItemDataRole.ToolTipRole)
    assert tip == "Name: Verein → Verein e.V.\nNotes: — → neu"
    assert "Email: is not an email address (“x”)" in listed[3].siblingAtColumn(3).data()
    assert not listed[3].flags() & Qt.ItemFlag.ItemIsUserCheckable

    assert model.setData(listed[2], Qt.CheckState.Checked, CHECK)  # take the file's side
    assert model.setData(listed[1], Qt.CheckState.Unchecked, CHECK)
    assert not model.setData(listed[3], Qt.CheckState.Checked, CHECK)
    assert model.accepted() == {
        ("Organisations", 100), ("Organisations", 102), ("Decisions", 100), ("Decisions", 101),
    }  # fmt: skip
    qtmodeltester.check(model)


def _rows_asked(qtbot, view: QTableView, model: Any) -> list[int]:
    """The rows ``view`` asks ``model`` for when shown."""
    asked: list[int] = []
    model_data = model.data
    model.data = lambda index, role=Qt.ItemDataRole.DisplayRole: (  # type: ignore[method-assign]
        asked.append(index.row()) or model_data(index, role)
    )
    view.setModel(model)
    view.resize(800, 400)
    view.show()
    qtbot.wait(50)
    return asked


def test_a_hundred_thousand_rows_are_shown_without_an_object_each(qtbot):
    result = _preview(rows_per_sheet=0)
    template = result.rows[1]
    result.rows += [
        RowPreview("Organisations", 1000 + n, "organisation", CHANGED, f"Verein {n}",
                   changes=template.changes)
        for n in range(100_000)
    ]  # fmt: skip
    view = QTableView()
    qtbot.addWidget(view)
    # the view owns its model, as the wizard's page does: a model without a parent is gone
    # with the test's last reference to it, while the view may still ask it for something
    model = ImportRowsModel(result, status_word, view)
    asked = _rows_asked(qtbot, view, model)
    assert model.rowCount() == 100_010
    assert len(model.ticked) == 100_000 + 4
    assert asked and max(asked) < 100  # only what is on screen is asked for


def _adopt_rows(count: int) -> list[AdoptRow]:
    rows = [
        AdoptRow(2, {"name": "Jugendring"}, "Jugendring", adopt.NEW),
        AdoptRow(3, {"name": "Werkstatt"}, "Werkstatt", adopt.DUPLICATE, duplicate_of="Werkstatt"),
        AdoptRow(4, {}, "", adopt.INVALID, problems=["Name: is required", "Email: no address"]),
    ]
    rows += [
        AdoptRow(5 + n, {"name": f"Verein {n}"}, f"Verein {n}", adopt.NEW) for n in range(count)
    ]
    return rows


def test_adopted_rows_new_ticked_duplicates_not_invalid_never(qtmodeltester, qtbot):
    view = QTableView()
    qtbot.addWidget(view)
    words = {adopt.NEW: "new", adopt.DUPLICATE: "duplicate", adopt.INVALID: "invalid"}
    model = AdoptRowsModel(_adopt_rows(2), words.__getitem__, "like {}".format, view)
    qtmodeltester.check(model)
    shown = [[model.index(r, c).data() for c in range(4)] for r in range(model.rowCount())]
    assert shown[:3] == [
        ["2", "new", "Jugendring", ""],
        ["3", "duplicate", "Werkstatt", "like Werkstatt"],
        ["4", "invalid", "", "Name: is required; Email: no address"],
    ]
    assert model.index(2, 3).data(Qt.ItemDataRole.ToolTipRole) == (
        "Name: is required\nEmail: no address"
    )
    assert [model.index(r, 0).data(CHECK) for r in range(3)] == [
        Qt.CheckState.Checked, Qt.CheckState.Unchecked, None,
    ]  # fmt: skip
    assert model.accepted() == {2, 5, 6}
    assert model.setData(model.index(1, 0), Qt.CheckState.Checked, CHECK)  # adopt it anyway
    assert model.setData(model.index(0, 0), Qt.CheckState.Unchecked, CHECK)
    assert not model.setData(model.index(2, 0), Qt.CheckState.Checked, CHECK)
    assert not model.index(2, 0).flags() & Qt.ItemFlag.ItemIsUserCheckable
    assert model.accepted() == {3, 5, 6}


def test_a_hundred_thousand_rows_to_adopt_are_shown_without_an_object_each(qtbot):
    view = QTableView()
    qtbot.addWidget(view)
    model = AdoptRowsModel(_adopt_rows(100_000), str, str, view)
    asked = _rows_asked(qtbot, view, model)
    assert model.rowCount() == 100_003
    assert len(model.accepted()) == 100_001
    assert asked and max(asked) < 100  # only what is on screen is asked for
