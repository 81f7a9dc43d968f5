"""File > Import > From another spreadsheet or CSV, clicked through as a user would."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from sqlalchemy import select

from tests.workbook import factories
from workbook.domain.models import Organisation
from workbook.exchange import adopt


def test_adopt_a_german_csv_through_the_wizard(window, sqlite_db, qtbot, tmp_path):
    with sqlite_db.unit() as s:
        factories.organisation(s, "Demokratiewerkstatt")
    path = tmp_path / "vereine.csv"
    text = (
        "Verein;Ort;Telefon (Büro)\r\n"
        "Jugendring Köln;Köln;0221 12345\r\n"
        "Demokratiewerkstatt;Bonn;\r\n"
    )
    path.write_bytes(text.encode("cp1252"))
    organisations = window.show_view("organisation")
    qtbot.waitUntil(lambda: organisations.model.rowCount() == 1)
    wizard = window.exchange.open_adopt()
    wizard.file_page.path.setText(str(path))
    wizard.file_page.entity.setCurrentIndex(wizard.file_page.entity.findData("organisation"))
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.mapping_page, timeout=20000)
    page = wizard.mapping_page
    assert page.current() == {"Verein": "name", "Ort": "address", "Telefon (Büro)": "phone"}
    page.choose("Ort", "address")  # as proposed: the town is part of the address
    QTest.keyClicks(page.preset_name, "Vereinsliste")
    QTest.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.saved.text() == "Saved.")  # stored on the worker
    wizard.grab().save(str(tmp_path / "mapping.png"))
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.preview_page, timeout=20000)
    rows = wizard.preview_page
    assert rows.accepted_rows() == {2}, "the duplicate is not ticked"
    assert rows.table.model().index(1, 1).data() == "duplicate"
    assert rows.table.model().index(1, 3).data() == "like Demokratiewerkstatt"
    wizard.next()  # Finish
    qtbot.waitUntil(lambda: wizard.adopted is not None, timeout=20000)
    assert wizard.adopted == 1
    with sqlite_db.unit() as s:
        org = s.scalars(select(Organisation).where(Organisation.name == "Jugendring Köln")).one()
        assert (org.address, org.phone) == ("Köln", "0221 12345")
        assert adopt.presets(s)["Vereinsliste"][1]["Ort"] == "address"
    assert "Adopted 1 records" in window.statusBar().currentMessage()
    # what was adopted is reported: the list of organisations shows it without F5
    qtbot.waitUntil(lambda: organisations.model.rowCount() == 2)
