"""A volunteer's first ten minutes, in German, with the keyboard and the mouse: the welcome,
two organisations and a contact, a partnership of the association and both, two goals, a
decision with its vote, progress on a goal, and the agreement printed.

Each step asserts what a person sees; a picture of each step is kept in
``docs/guide/images/de`` when ``WORKBOOK_WALKTHROUGH_IMAGES`` names that folder.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QPushButton

from tests.ui.people import Volunteer, keys, settle
from tests.workbook.test_reports import pdf_text
from ui import i18n
from ui.dialogs.entry import EntryDialog
from ui.dialogs.first_run import FirstRunDialog
from ui.main_window import MainWindow


@pytest.fixture
def german_window(qtbot, sqlite_db, answers):
    assert i18n.install("de") == "de"
    window = MainWindow(sqlite_db)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    yield window
    window.close()
    i18n.install("en")


def test_a_volunteers_first_ten_minutes_in_german(german_window, qtbot, sqlite_db, tmp_path):
    folder = os.environ.get("WORKBOOK_WALKTHROUGH_IMAGES")
    pictures = Path(folder) if folder else tmp_path
    pictures.mkdir(parents=True, exist_ok=True)
    me = Volunteer(german_window, qtbot, pictures)

    # 1. the welcome asks for the association
    welcome = FirstRunDialog(sqlite_db, german_window)
    welcome.show()
    me.active(welcome)
    assert welcome.windowTitle() == "Willkommen bei Alliance Workbook"
    keys(welcome.name, "Jugendwerk Lausitz e.V.")
    keys(welcome.address, "Am Markt 1")
    me.picture(welcome, "willkommen")
    QTest.mouseClick(
        welcome.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok),
        Qt.MouseButton.LeftButton,
    )
    qtbot.waitUntil(lambda: not welcome.isVisible())

    # 2. two organisations and a contact; the first key typed lands in the first field
    for name in ("Volkshochschule Görlitz", "Schülerzeitung Coswig"):
        form = me.new_form("organisation")
        assert form.windowTitle() == "Neu: Organisation"
        keys(QApplication.focusWidget(), name)
        me.save(form, "organisation")
    organisations = german_window.show_view("organisation")
    assert organisations.count_label.text() == "3 Organisationen"  # and the association

    form = me.new_form("contact")
    keys(QApplication.focusWidget(), "Marie Müller")
    me.choose(form.widget("organisation_id"), "Volkshochschule Görlitz")
    me.type(form, "role", "Fachbereichsleitung")
    me.save(form, "kontakt")

    # 3. a partnership of the association and both organisations, from today for two years
    form = me.new_form("partnership")
    keys(QApplication.focusWidget(), "Lesewerkstatt Lausitz")
    me.type(form, "start_date", "1.1.27")
    me.type(form, "end_date", "31.12.2028")
    partners = form.widget("partners")
    add = next(b for b in partners.findChildren(QPushButton) if b.text() == "Hinzufügen")
    for row, name in ((1, "Volkshochschule Görlitz"), (2, "Schülerzeitung Coswig")):
        QTest.mouseClick(add, Qt.MouseButton.LeftButton)
        me.choose(partners._table.cellWidget(row, 0), name)
    signatories = form.widget("signatories")
    pick = next(b for b in signatories.findChildren(QPushButton) if b.objectName() == "pick")
    QTest.mouseClick(pick, Qt.MouseButton.LeftButton)
    settle(qtbot)  # the contacts are read on the worker, then offered
    keys(signatories.picker.filter, "Marie")
    QTest.keyClick(signatories.picker.filter, Qt.Key.Key_Return)
    qtbot.waitUntil(form.isActiveWindow)  # the picker gives the keyboard back to the form
    assert form.widget("start_date").edit.text() == "01.01.2027"
    me.save(form, "partnerschaft")

    # 4. two goals of the partnership
    for title, target in (("Lesungen an Schulen", "12"), ("Neue Leserinnen und Leser", "200")):
        form = me.new_form("goal")
        keys(QApplication.focusWidget(), title)
        me.choose(form.widget("partnership_id"), "Lesewerkstatt Lausitz")
        me.type(form, "baseline", "0")
        me.type(form, "target", target)
        me.type(form, "due_date", "31.12.28")
        me.save(form, "ziel")
    assert german_window.show_view("goal").count_label.text() == "2 Ziele"

    # 5. a decision with its vote
    form = me.new_form("decision")
    keys(QApplication.focusWidget(), "Lesewerkstatt starten")
    assert form.widget("decided_on").edit.text()  # today, ready to keep or change
    form.widget("text").setFocus()
    keys(form.widget("text"), "Wir starten die Lesewerkstatt im Januar.")
    me.type(form, "votes_for", "7")
    me.type(form, "votes_against", "1")
    me.choose(form.widget("partnership_id"), "Lesewerkstatt Lausitz")
    me.save(form, "beschluss")
    assert german_window.show_view("decision").count_label.text() == "1 Beschluss"

    # 6. progress on a goal: the dialog says which goal
    view = me.select("goal", "Lesungen an Schulen")
    button = next(b for b, _callback in view._actions if b.text().startswith("Fortschritt"))
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    entry = next(d for d in german_window.findChildren(EntryDialog) if d.isVisible())
    assert entry.windowTitle() == "Fortschritt erfassen: Lesungen an Schulen"
    me.active(entry)
    entry.inputs["value"].setFocus()
    keys(entry.inputs["value"], "3")
    me.picture(entry, "fortschritt")
    QTest.mouseClick(
        entry.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save),
        Qt.MouseButton.LeftButton,
    )
    qtbot.waitUntil(lambda: not entry.isVisible())
    qtbot.waitUntil(lambda: "25 %" in view.detail.toPlainText())

    # 7. the agreement printed from the selected partnership
    me.active(german_window)
    view = me.select("partnership", "Lesewerkstatt Lausitz")
    me.picture(german_window, "partnerschaften")
    dialog = me.print_selected(view)
    assert dialog.kind.currentText() == "Partnerschaftsvereinbarung"
    assert dialog.partnership.currentText() == "Lesewerkstatt Lausitz"
    dialog.open_after.setChecked(False)
    dialog.path.setText(str(tmp_path / "vereinbarung.pdf"))
    me.picture(dialog, "drucken")
    with qtbot.waitSignal(dialog.accepted, timeout=30000):
        QTest.mouseClick(
            dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save),
            Qt.MouseButton.LeftButton,
        )
    assert QApplication.activeModalWidget() is None  # no error after the print

    flat = " ".join(pdf_text(tmp_path / "vereinbarung.pdf").split())
    assert "Partnerschaftsvereinbarung Lesewerkstatt Lausitz" in flat
    assert (
        "zwischen Jugendwerk Lausitz e.V., Volkshochschule Görlitz und Schülerzeitung Coswig"
        in flat
    )
    assert "vom 01.01.2027 bis zum 31.12.2028" in flat
    assert "Lesungen an Schulen" in flat and "Neue Leserinnen und Leser" in flat
    signatures = flat[flat.index("Unterschriften") :]
    assert "Marie Müller" in signatures and "Fachbereichsleitung" in signatures
    for party in ("Jugendwerk Lausitz e.V.", "Volkshochschule Görlitz", "Schülerzeitung Coswig"):
        assert party in signatures
    assert signatures.count("Ort, Datum:") == 3  # one block for each party
