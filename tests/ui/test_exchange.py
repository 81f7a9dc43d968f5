"""Export and the import wizard, driven as a user would."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook
from PySide6.QtCore import Qt

from tests.demo import fill
from workbook import services


def test_export_from_the_file_menu(window, sqlite_db, qtbot, tmp_path):
    fill(sqlite_db)
    dialog = window.exchange.open_export()
    dialog.path.setText(str(tmp_path / "alles.xlsx"))
    dialog.scope.setCurrentIndex(1)  # the first partnership's partner sheet
    with qtbot.waitSignal(dialog.accepted, timeout=20000):
        dialog.export()
    wb = load_workbook(tmp_path / "alles.xlsx")
    assert wb["Partnerships"].max_row >= 2
    assert "Exported to" in window.statusBar().currentMessage()
    csv = window.exchange.open_export()
    csv.csv.setChecked(True)
    csv.entity.setCurrentIndex(csv.entity.findData("decision"))
    csv.path.setText(str(tmp_path / "beschluesse.csv"))
    with qtbot.waitSignal(csv.accepted, timeout=20000):
        csv.export()
    assert (tmp_path / "beschluesse.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_export_to_an_unwritable_place_says_so(window, qtbot, tmp_path):
    dialog = window.exchange.open_export()
    blocker = tmp_path / "file"
    blocker.write_text("x")
    dialog.path.setText(str(blocker / "inside.xlsx"))  # a folder that is a file
    dialog.export()
    qtbot.waitUntil(lambda: dialog.isEnabled(), timeout=20000)
    assert "Cannot write" in dialog.error.text()


def test_import_wizard_preview_reject_one_row_apply_the_rest(window, sqlite_db, qtbot, tmp_path):
    from workbook.exchange.xlsx_export import export_xlsx

    with sqlite_db.unit() as s:
        for name in ("Verein A", "Verein B"):
            services.create(s, "organisation", {"name": name, "kind": "ngo"})
        export_xlsx(s, tmp_path / "back.xlsx")
    wb = load_workbook(tmp_path / "back.xlsx")
    ws = wb["Organisations"]
    ws.cell(2, 1).value = "Verein A (neu)"
    ws.cell(3, 1).value = "Verein B (neu)"
    ws.cell(4, 1).value = "Verein C"
    ws.cell(4, 2).value = "ngo"
    wb.save(tmp_path / "back.xlsx")

    wizard = window.exchange.open_import()
    wizard.file_page.path.setText(str(tmp_path / "back.xlsx"))
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.preview_page, timeout=20000)
    model = wizard.preview_page.model
    rows = [model.index(n, 0) for n in range(model.rowCount())]

    def text(index, column):  # what the view shows in that cell
        return index.siblingAtColumn(column).data()

    assert [(text(r, 1), text(r, 2)) for r in rows] == [
        ("changed", "Verein A"),
        ("changed", "Verein B"),
        ("new", "Verein C"),
    ]
    assert "Name: Verein A → Verein A (neu)" in text(rows[0], 3)
    assert [r.data(Qt.ItemDataRole.CheckStateRole) for r in rows] == [Qt.CheckState.Checked] * 3
    # the user unticks one change: the space bar on the current row, as in the view
    view = wizard.preview_page.table
    view.setFocus()
    view.setCurrentIndex(rows[1])
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert rows[1].data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    with qtbot.waitSignal(wizard.accepted, timeout=20000):
        wizard.next()
    with sqlite_db.unit() as s:
        names = sorted(r.cells[0] for r in services.list_rows(s, "organisation"))
    assert names == ["Verein A (neu)", "Verein B", "Verein C"]
    assert "Imported: 1 added, 1 changed" in window.statusBar().currentMessage()


def test_import_wizard_explains_a_bad_file(window, qtbot, tmp_path):
    bad = tmp_path / "kaputt.xlsx"
    bad.write_text("not a workbook")
    wizard = window.exchange.open_import()
    wizard.file_page.path.setText(str(bad))
    wizard.next()
    qtbot.waitUntil(lambda: bool(wizard.file_page.error.text()), timeout=20000)
    assert "kaputt.xlsx: this is not an Excel (.xlsx) workbook" in wizard.file_page.error.text()
    assert wizard.currentPage() is wizard.file_page


def test_a_partners_workbook_in_german_from_the_export_dialog(window, sqlite_db, qtbot, tmp_path):
    """Chosen as a person chooses: the partnership, the partner it goes to, German."""
    from PySide6.QtWidgets import QDialogButtonBox

    from tests.ui.people import settle

    fill(sqlite_db)
    with sqlite_db.unit() as s:
        p = services.get(
            s, "partnership", services.list_rows(s, "partnership", search="macht Schule")[0].id
        )
        partner = p.partners[1].organisation
        name, own = partner.name, {c.name for c in partner.contacts}
    dialog = window.exchange.open_export()
    settle(qtbot)  # the partnerships are offered
    dialog.scope.setCurrentIndex(dialog.scope.findText("Partner sheet: Demokratie macht Schule"))
    settle(qtbot)  # its partners are offered
    assert dialog.partner.isEnabled()
    dialog.partner.setCurrentIndex(dialog.partner.findText(name))
    dialog.language.setCurrentIndex(dialog.language.findData("de"))
    dialog.path.setText(str(tmp_path / "partner.xlsx"))
    save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
    with qtbot.waitSignal(dialog.accepted, timeout=20000):
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    book = load_workbook(tmp_path / "partner.xlsx", read_only=True)
    assert "Kontakte" in book.sheetnames and "Contacts" not in book.sheetnames
    people = {r[0] for r in list(book["Kontakte"].iter_rows(values_only=True))[1:] if r[0]}
    assert own <= people
    about = [c for row in book["Über diese Datei"].iter_rows(values_only=True) for c in row]
    assert f"Was betrifft: Demokratie macht Schule · Für {name}" in about


def test_a_german_workbooks_problems_are_said_in_german_with_its_own_names(
    qapp, window, sqlite_db, qtbot, tmp_path
):
    """In the German window, a German partner workbook's bad cell reads "Ziele, Zeile 2"
    and "Zielwert: erwartet wird eine Zahl": no English sheet, column or field."""
    from tests.demo import fill
    from ui import i18n
    from workbook.exchange.xlsx_export import export_xlsx

    fill(sqlite_db)
    with sqlite_db.unit() as s:
        export_xlsx(s, tmp_path / "ziele.xlsx", entities=["goal"], language="de")
    book = load_workbook(tmp_path / "ziele.xlsx")
    goals = book["Ziele"]
    header = [c.value for c in goals[1]]
    goals.cell(2, header.index("Zielwert") + 1).value = "viel"
    goals.cell(3, header.index("Einheit") + 1).value = "Abende"
    book.save(tmp_path / "ziele.xlsx")
    assert i18n.install("de") == "de"
    try:
        wizard = window.exchange.open_import()
        wizard.file_page.path.setText(str(tmp_path / "ziele.xlsx"))
        wizard.next()
        qtbot.waitUntil(lambda: wizard.currentPage() is wizard.preview_page, timeout=20000)
        model = wizard.preview_page.model
        shown = [
            [model.index(n, c).data() for c in range(model.columnCount())]
            for n in range(model.rowCount())
        ]
        summary = wizard.preview_page.summary.text()
    finally:
        i18n.install("en")
    bad = next(row for row in shown if row[0] == "Ziele, Zeile 2")
    assert "Zielwert: erwartet wird eine Zahl („viel“)" in bad[3], bad
    changed = next(row for row in shown if row[0] == "Ziele, Zeile 3")
    assert changed[3].startswith("Einheit: "), changed
    assert "Ziele: " in summary and "Goals" not in summary, summary
    for row in shown:
        assert not any(word in " ".join(map(str, row)) for word in ("Goals", "Target", "Unit"))


def test_the_file_a_member_chooses_in_the_import_wizard_stands_in_its_field(
    window, qtbot, tmp_path, monkeypatch
):
    """Choose… opens the file dialog in the home folder for workbooks; the chosen file is
    put in the field, and a cancelled dialog leaves what was there."""
    from PySide6.QtWidgets import QFileDialog, QPushButton

    asked: list[tuple[str, str, str]] = []
    answers = [str(tmp_path / "zurück.xlsx"), ""]

    def dialog(parent, title, folder, pattern):
        asked.append((title, folder, pattern))
        return answers.pop(0), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", dialog)
    wizard = window.exchange.open_import()
    choose = next(
        b for b in wizard.file_page.findChildren(QPushButton) if b.text().startswith("Choose")
    )
    qtbot.mouseClick(choose, Qt.MouseButton.LeftButton)
    assert wizard.file_page.path.text() == str(tmp_path / "zurück.xlsx")
    qtbot.mouseClick(choose, Qt.MouseButton.LeftButton)  # cancelled
    assert wizard.file_page.path.text() == str(tmp_path / "zurück.xlsx")
    assert asked[0] == ("Import", str(Path.home()), "Workbooks sent back (*.xlsx *.ods)")
