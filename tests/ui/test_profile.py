"""The association's profile: asked for in the welcome of every new database, changed later
with Edit > Association profile, printed on what the association sends out."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog

from tests.ui.people import newest_form, settle
from tests.workbook.test_reports import pdf_text
from ui.dialogs.first_run import FirstRunDialog
from ui.dialogs.profile import ProfileDialog
from workbook.opening import open_database
from workbook.reports import generate
from workbook.services.profile import get_profile


def _press(dialog, which) -> None:
    button = dialog.findChild(QDialogButtonBox).button(which)
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)


def test_a_new_database_from_the_menu_asks_for_its_association(
    window, qtbot, monkeypatch, tmp_path
):
    target = tmp_path / "zweiter-verein"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    QTest.keyClick(
        window.nav,
        Qt.Key.Key_N,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: any(d.isVisible() for d in window.findChildren(FirstRunDialog)))
    welcome = next(d for d in window.findChildren(FirstRunDialog) if d.isVisible())
    QTest.keyClicks(welcome.name, "Jugendwerk Lausitz e.V.")
    QTest.keyClicks(welcome.address, "Am Markt 1")
    _press(welcome, QDialogButtonBox.StandardButton.Ok)
    qtbot.waitUntil(lambda: not welcome.isVisible())
    assert str(target) + ".sqlite" in window.windowTitle()
    with window.db.reading() as s:
        profile = get_profile(s)
    assert (profile.name, profile.address) == ("Jugendwerk Lausitz e.V.", "Am Markt 1")


def test_the_profile_is_changed_in_the_app_and_printed(window, qtbot, sqlite_db, tmp_path):
    with sqlite_db.unit() as s:
        from workbook.services.profile import set_profile

        set_profile(s, name="Jugendwerk Lausitz e.V.", address="Am Markt 1\n02826 Görlitz")
    dialog = window.preferences.open_profile()
    settle(qtbot)  # the profile is read
    assert isinstance(dialog, ProfileDialog)
    assert dialog.name.text() == "Jugendwerk Lausitz e.V."
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.address.selectAll()
    QTest.keyClicks(dialog.address, "Postplatz 7")
    QTest.keyClicks(dialog.email, "kein-at-zeichen")
    _press(dialog, QDialogButtonBox.StandardButton.Save)
    settle(qtbot)  # saved on the database worker: refused there
    assert dialog.isVisible() and "e-mail" in dialog.error.text().lower()
    dialog.email.selectAll()
    QTest.keyClicks(dialog.email, "info@jugendwerk.example")
    _press(dialog, QDialogButtonBox.StandardButton.Save)
    qtbot.waitUntil(lambda: not dialog.isVisible())

    with sqlite_db.unit() as s:
        profile = get_profile(s)
        assert (profile.address, profile.email) == ("Postplatz 7", "info@jugendwerk.example")
        generate(s, "decisions", tmp_path / "log.pdf", language="de")
    text = pdf_text(tmp_path / "log.pdf")
    assert "Jugendwerk Lausitz e.V." in text and "Postplatz 7" in text


def test_a_database_with_records_is_not_welcomed_again(window, qtbot, tmp_path):
    db = open_database(tmp_path / "voll.sqlite")
    try:
        with db.unit() as s:
            from workbook.demo import load_demo

            load_demo(s)
    finally:
        db.close()
    window.switch_database(str(tmp_path / "voll.sqlite"), then=window.databases.welcome)
    settle(qtbot)  # opened on the worker, then asked there whether the database is new
    assert "voll.sqlite" in window.windowTitle()
    assert not any(d.isVisible() for d in window.findChildren(FirstRunDialog))


def test_the_association_is_a_party_of_its_partnerships_and_signs_them(
    window, qtbot, sqlite_db, tmp_path
):
    from PySide6.QtWidgets import QComboBox, QPushButton

    from workbook import services
    from workbook.services.agreements import agreement

    with sqlite_db.unit() as s:
        services.create(
            s, "organisation", {"name": "Volkshochschule Görlitz", "kind": "public_institution"}
        )
    welcome = FirstRunDialog(sqlite_db, window)
    qtbot.addWidget(welcome)
    welcome.show()
    QTest.keyClicks(welcome.name, "Jugendwerk Lausitz e.V.")
    _press(welcome, QDialogButtonBox.StandardButton.Ok)
    qtbot.waitUntil(lambda: not welcome.isVisible())

    view = window.show_view("partnership")
    QTest.mouseClick(view.new_button, Qt.MouseButton.LeftButton)
    settle(qtbot)  # the form's data is read, then it opens
    form = newest_form(view)
    partners = form.widget("partners")
    # a new partnership starts with the association as a party
    [own] = partners.value()
    assert form.widget("partners").shown([own]).startswith("Jugendwerk Lausitz e.V.")
    QTest.keyClicks(form.widget("title"), "Lesewerkstatt")
    add = next(b for b in partners.findChildren(QPushButton) if b.text() == "Add")
    QTest.mouseClick(add, Qt.MouseButton.LeftButton)
    combo = partners._table.cellWidget(1, 0)
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findText("Volkshochschule Görlitz"))
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow)
    QTest.keyClick(form.widget("title"), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not form.isVisible(), timeout=3000)
    assert not form.banner_text()

    with sqlite_db.unit() as s:
        [row] = services.list_rows(s, "partnership", search="Lesewerkstatt")
        shown = agreement(s, row.id)
        assert [p.organisation for p in shown.partners] == [
            "Jugendwerk Lausitz e.V.",
            "Volkshochschule Görlitz",
        ]
        generate(s, "agreement", tmp_path / "vertrag.pdf", partnership_id=row.id, language="de")
    flat = " ".join(pdf_text(tmp_path / "vertrag.pdf").split())
    assert "zwischen Jugendwerk Lausitz e.V. und Volkshochschule Görlitz" in flat
    signatures = flat[flat.index("Unterschriften") :]
    assert "Jugendwerk Lausitz e.V." in signatures and "Volkshochschule Görlitz" in signatures

    # the profile changed in the app changes the party too
    dialog = window.preferences.open_profile()
    settle(qtbot)  # the profile is read
    dialog.name.selectAll()
    QTest.keyClicks(dialog.name, "Jugendwerk Lausitz gGmbH")
    _press(dialog, QDialogButtonBox.StandardButton.Save)
    settle(qtbot)
    with sqlite_db.unit() as s:
        assert agreement(s, row.id).partners[0].organisation == "Jugendwerk Lausitz gGmbH"
