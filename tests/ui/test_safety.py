"""Keeping data safe, as a user meets it: back up, restore, trash, read-only, erasure."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from tests.demo import fill
from tests.ui.people import settle
from tests.workbook import factories
from workbook import services
from workbook.opening import open_database
from workbook.store import backup

YES = QMessageBox.StandardButton.Yes


def _names(view) -> list[str]:
    view.refresh()
    settle()
    return [view.model.index(r, 0).data() for r in range(view.model.rowCount())]


def _done(operation) -> bool:
    return operation.future is not None and operation.future.done() and operation.dialog is None


def test_back_up_now_and_restore_from_the_file_menu(window, sqlite_db, qtbot, answers, tmp_path):
    with sqlite_db.unit() as s:
        factories.organisation(s, "Vor der Sicherung")
    operation = window.safety.back_up_now()
    qtbot.waitUntil(lambda: _done(operation), timeout=20000)
    assert "Backed up to" in window.statusBar().currentMessage()
    [saved] = [b for b in backup.list_backups(sqlite_db.file) if b.reason == "manual"]

    with sqlite_db.unit() as s:
        factories.organisation(s, "Nach der Sicherung")
    dialog = window.safety.open_backups()
    dialog.grab().save(str(tmp_path / "backups.png"))
    names = [dialog.table.item(r, 0).data(256) for r in range(dialog.table.rowCount())]
    assert saved.name in names
    settle(qtbot)
    dialog.table.selectRow(names.index(saved.name))
    answers.next = [YES]
    with qtbot.waitSignal(dialog.restore_requested):
        dialog.restore_button.click()
        settle(qtbot)
    assert "Changes made since then" in answers.asked[-1]
    qtbot.waitUntil(
        lambda: window.db is not sqlite_db and window.db.engine is not None, timeout=20000
    )
    qtbot.waitUntil(lambda: "Restored" in window.statusBar().currentMessage(), timeout=20000)
    try:
        assert _names(window.show_view("organisation")) == ["Vor der Sicherung"]
    finally:
        window.close_database()


def test_the_backups_kept_are_chosen_in_the_backups_dialog(window, sqlite_db, qtbot):
    with sqlite_db.unit() as s:
        backup.set_retention(s, backup.Retention(daily=3, weekly=4, monthly=12))
    dialog = window.safety.open_backups()
    days = dialog.keep["daily"]
    qtbot.waitUntil(days.isEnabled)  # the policy is read on the worker
    assert (days.value(), dialog.keep["monthly"].value()) == (3, 12)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    days.setFocus()
    days.selectAll()
    QTest.keyClicks(days, "14")
    settle(qtbot)
    with sqlite_db.reading() as s:
        kept = backup.retention_of(s)
    assert (kept.daily, kept.weekly, kept.monthly) == (14, 4, 12)
    dialog.close()


def test_deleted_record_comes_back_from_the_trash(window, sqlite_db, qtbot, answers, tmp_path):
    with sqlite_db.unit() as s:
        factories.organisation(s, "Verein")
    view = window.show_view("organisation")
    view.refresh()
    settle(qtbot)
    view.table.selectRow(0)
    answers.next = [YES]
    view.delete_selected()
    settle(qtbot)
    assert "restored for 30 days" in answers.asked[-1]
    assert _names(view) == []

    trash = window.safety.open_trash()
    settle(qtbot)  # what the trash holds is read
    trash.grab().save(str(tmp_path / "trash.png"))
    assert trash.table.rowCount() == 1 and "Verein" in trash.table.item(0, 0).text()
    QTest.mouseClick(trash.restore_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert trash.table.rowCount() == 0
    assert _names(view) == ["Verein"]


@pytest.fixture
def held_elsewhere(tmp_path):
    path = tmp_path / "shared.sqlite"
    db = open_database(path)
    with db.unit() as s:
        factories.organisation(s, "Verein")
    db.close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from workbook.opening import open_database; "
            "db = open_database(sys.argv[1], member='Berta Beispiel'); "
            "print('ready', flush=True); time.sleep(60)",
            str(path),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline().strip() == "ready"
    yield path
    holder.kill()
    holder.wait()
    holder.stdout.close()


def test_a_second_instance_opens_read_only_when_the_user_agrees(
    window, held_elsewhere, answers, qtbot
):
    answers.next = [YES]
    window.switch_database(str(held_elsewhere))
    settle(qtbot)  # opened on the worker: asked, then opened read-only there
    try:
        assert "Berta Beispiel" in answers.asked[-1] and "read-only" in answers.asked[-1]
        assert "(read-only)" in window.windowTitle()
        view = window.show_view("organisation")
        assert _names(view) == ["Verein"]
        assert not view.new_button.isEnabled() and not view.delete_button.isEnabled()
        assert not window.exchange.import_action.isEnabled()
        view.create_record()  # from the Edit menu: nothing opens
        assert view.findChildren(QMessageBox) == []
    finally:
        window.close_database()


def test_declining_read_only_keeps_the_current_database(
    window, sqlite_db, held_elsewhere, answers, qtbot
):
    answers.next = [QMessageBox.StandardButton.No]
    window.switch_database(str(held_elsewhere))
    settle(qtbot)
    assert window.db is sqlite_db and "read-only" in answers.asked[-1]


def test_a_damaged_database_is_restored_from_its_latest_backup(window, answers, tmp_path, qtbot):
    path = tmp_path / "damaged.sqlite"
    db = open_database(path)
    fill(db)
    db.close()
    good = backup.create_backup(path, "manual")
    with open(path, "r+b") as handle:
        handle.write(os.urandom(path.stat().st_size))
    answers.next = [YES]
    window.switch_database(str(path))
    settle(qtbot, timeout=30000)  # asked, then restored and opened on the worker
    try:
        assert good.name in answers.asked[-1] and "damaged" in answers.asked[-1]
        assert len(_names(window.show_view("decision"))) == 30
    finally:
        window.close_database()


def test_erasing_a_person_from_the_contacts_list(window, sqlite_db, answers, qtbot, tmp_path):
    with sqlite_db.unit() as s:
        jana = services.create(s, "contact", {"name": "Jana Nowak", "email": "jana@example.org"})
        services.create(s, "contact", {"name": "Johanna Nowak-Berg"})
        services.create(
            s,
            "meeting",
            {"title": "Treffen", "held_on": "2026-05-04", "minutes": "Frau Nowak berichtet."},
        )
        services.create(  # signed by her: kept as signed
            s,
            "partnership",
            {"title": "Lernorte", "signed_on": "2026-01-15",
             "signatories": [{"name": "Jana Nowak", "signed_on": "2026-01-15"}]},
        )  # fmt: skip
    view = window.show_view("contact")
    view.refresh()
    settle(qtbot)
    view.table.selectRow(_names(view).index("Jana Nowak"))
    erase = next(b for b, _cb in view._actions if b.text() == "Erase person…")
    answers.next = [YES]
    erase.click()  # the places are found, and the erasure runs, off the UI thread
    settle(qtbot)
    qtbot.waitUntil(lambda: bool(answers.asked), timeout=20000)
    assert "Erase everything about Jana Nowak" in answers.asked[-1]
    assert "These 1 place(s) mention Jana Nowak" in answers.asked[-1]
    assert "• Meeting, Minutes: Frau Nowak berichtet." in answers.asked[-1]
    assert "Kept as signed (they show what the partners agreed): Lernorte" in answers.asked[-1]
    qtbot.waitUntil(lambda: "Erased person" in _names(view), timeout=20000)
    assert sorted(_names(view)) == ["Erased person", "Johanna Nowak-Berg"]
    assert jana.id
    review = window.privacy.open_privacy_review()
    settle(qtbot)  # who is up for review is read
    review.grab().save(str(tmp_path / "review.png"))
    # the erased person is not up for review; Johanna (no consent recorded) still is
    listed = [review.table.item(r, 0).text() for r in range(review.table.rowCount())]
    assert listed == ["Johanna Nowak-Berg"]


def test_a_persons_data_export_speaks_the_apps_language(
    qtbot, sqlite_db, answers, tmp_path, monkeypatch
):
    from PySide6.QtWidgets import QFileDialog

    from tests.workbook.test_reports import pdf_text
    from ui import i18n
    from ui.main_window import MainWindow

    with sqlite_db.unit() as s:
        services.create(s, "contact", {"name": "Jana Nowak", "consent_given_on": "2025-03-01"})
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(tmp_path))
    i18n.install("de")
    try:
        german = MainWindow(sqlite_db)
        qtbot.addWidget(german)
        german.show()
        view = german.show_view("contact")
        settle(qtbot)
        view.table.selectRow(0)
        export = next(b for b, _cb in view._actions if b.text() == "Personenbezogene Daten…")
        qtbot.mouseClick(export, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: bool(answers.warned), timeout=20000)  # "Written: …"
    finally:
        i18n.install("en")
    [pdf] = tmp_path.glob("*.pdf")
    flat = " ".join(pdf_text(pdf).split())
    assert "Gespeicherte personenbezogene Daten zu Jana Nowak" in flat
    assert "Einwilligung erteilt am 01.03.2025" in flat or "erteilt am 01.03.2025" in flat
