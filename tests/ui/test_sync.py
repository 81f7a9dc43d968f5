"""Two members keep their own databases in step through a shared folder, as they do it in
the window: File > Sync with members, start the folder, admit the other member, both edit
the same decision offline, sync, see the conflict, decide, and end with the same decision."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QFileDialog

from tests.ui.people import settle
from workbook import services
from workbook.opening import open_database
from workbook.sync import folder as sync


def _finished(qtbot, dialog) -> None:
    operation = dialog.operation
    qtbot.waitUntil(
        lambda: (
            operation.future is not None and operation.future.done() and operation.dialog is None
        ),
        timeout=20000,
    )
    settle()


def _decision(db):
    with db.unit() as session:
        return services.create(
            session,
            "decision",
            {"title": "Satzung ändern", "text": "Beschlossen.", "decided_on": date(2026, 11, 3)},
        ).id


def _choose(combo, *, index=None, data=None) -> None:
    """A choice in a combo box made with the keyboard, as a person makes it."""
    combo.setFocus()
    while (combo.currentIndex() if data is None else combo.currentData()) != (
        index if data is None else data
    ):
        QTest.keyClick(combo, Qt.Key.Key_Down)


def _decided(qtbot, dialog, button, ben, shared) -> None:
    """The button that decides is clicked; the sync window syncs, and so does Ben."""
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 0, timeout=10000)
    qtbot.mouseClick(dialog.sync_button, Qt.MouseButton.LeftButton)
    _finished(qtbot, dialog)
    sync.sync(ben, shared)


def _title(db) -> str:
    with db.reading() as session:
        return session.connection().exec_driver_sql("SELECT title FROM decisions").scalar()


def test_two_members_edit_one_decision_offline_and_decide_the_conflict(
    window, sqlite_db, qtbot, monkeypatch, tmp_path, sqlite_template
):
    decision = _decision(sqlite_db)
    shared = tmp_path / "Nextcloud" / "Verein"
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_a, **_k: str(shared))

    dialog = window.sync.open_sync()
    qtbot.addWidget(dialog)
    settle()
    assert dialog.found_button.isVisible() and not dialog.sync_button.isEnabled()
    dialog.name.clear()
    QTest.keyClicks(dialog.name, "Anna")
    qtbot.mouseClick(dialog.found_button, Qt.MouseButton.LeftButton)
    _finished(qtbot, dialog)
    assert not dialog.found_button.isVisible() and dialog.sync_button.isEnabled()
    assert "Sent" in dialog.news.text()

    # Ben joins with a new database of his own; Anna admits him when she next syncs
    ben_file = tmp_path / "ben.sqlite"
    ben_file.write_bytes(Path(sqlite_template).read_bytes())
    ben = open_database(ben_file, member="Ben", backup=False)
    try:
        sync.join(ben, shared, member="Ben")
        assert _title(ben) == "Satzung ändern"
        qtbot.mouseClick(dialog.sync_button, Qt.MouseButton.LeftButton)
        _finished(qtbot, dialog)
        assert "Ben" in dialog.news.text() and dialog.admit_button.isVisible()
        qtbot.mouseClick(dialog.admit_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "admitted" in dialog.news.text(), timeout=10000)
        qtbot.mouseClick(dialog.sync_button, Qt.MouseButton.LeftButton)
        _finished(qtbot, dialog)
        sync.sync(ben, shared)

        # both edit the title offline
        with ben.unit() as session:
            services.update(session, "decision", decision, {"title": "Satzung neu fassen"})
        sync.sync(ben, shared)
        with sqlite_db.unit() as session:
            services.update(session, "decision", decision, {"title": "Satzung ergänzen"})

        qtbot.mouseClick(dialog.sync_button, Qt.MouseButton.LeftButton)
        _finished(qtbot, dialog)
        qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=10000)
        row = [dialog.table.item(0, c).text() for c in range(4)]
        assert "Satzung" in row[0] and row[1] == "Title"
        assert {row[2], row[3].split(" (")[0]} == {"Satzung neu fassen", "Satzung ergänzen"}
        window.grab().save(str(tmp_path / "window.png"))
        dialog.grab().save(str(tmp_path / "sync.png"))

        # Anna takes Ben's wording: the choice of the row, by keyboard, then Decide
        combo = dialog.table.cellWidget(0, 4)
        assert isinstance(combo, QComboBox)
        _choose(combo, index=0 if row[2] == "Satzung neu fassen" else 1)
        _decided(qtbot, dialog, dialog.decide_button, ben, shared)

        assert _title(sqlite_db) == _title(ben) == "Satzung neu fassen"
        assert sync.conflicts(ben) == [] and sync.conflicts(sqlite_db) == []
    finally:
        ben.close()


def test_with_the_preference_the_workbook_syncs_when_it_opens_and_closes(
    window, sqlite_db, qtbot, tmp_path, sqlite_template
):
    from ui.main_window import MainWindow
    from ui.settings import sync_on_open_close

    shared = tmp_path / "shared"
    sync.found(sqlite_db, shared, member="Anna")
    dialog = window.preferences.open_preferences()
    qtbot.addWidget(dialog)
    checkbox = dialog.sync_on_open_close
    assert not checkbox.isChecked()
    qtbot.mouseClick(
        checkbox, Qt.MouseButton.LeftButton, pos=checkbox.rect().topLeft() + QPoint(8, 8)
    )
    assert checkbox.isChecked()
    qtbot.mouseClick(
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok),
        Qt.MouseButton.LeftButton,
    )
    assert sync_on_open_close()

    # Ben's change waits in the folder; opening the workbook brings it in, closing sends Anna's
    ben_file = tmp_path / "ben.sqlite"
    ben_file.write_bytes(Path(sqlite_template).read_bytes())
    ben = open_database(ben_file, member="Ben", backup=False)
    try:
        sync.join(ben, shared, member="Ben")
        sync.admit(sqlite_db, shared, _replica(ben))
        sync.sync(sqlite_db, shared)
        sync.sync(ben, shared)
        with ben.unit() as session:
            services.create(session, "organisation", {"name": "Von Ben", "kind": "ngo"})
        sync.sync(ben, shared)

        again = MainWindow(sqlite_db)
        qtbot.addWidget(again)
        again.show()
        qtbot.waitUntil(lambda: "Synced with the members" in again.statusBar().currentMessage(),
                        timeout=20000)  # fmt: skip
        with sqlite_db.reading() as session:
            names = session.connection().exec_driver_sql("SELECT name FROM organisations").all()
        assert ("Von Ben",) in names
        with sqlite_db.unit() as session:
            services.create(session, "organisation", {"name": "Von Anna", "kind": "ngo"})
        again.close()
        sync.sync(ben, shared)
        with ben.reading() as session:
            names = session.connection().exec_driver_sql("SELECT name FROM organisations").all()
        assert ("Von Anna",) in names
    finally:
        ben.close()


def _replica(db) -> str:
    with db.reading() as session:
        return session.connection().exec_driver_sql("SELECT replica FROM sync_state").scalar()


def _conflicted(sqlite_db, tmp_path, sqlite_template, shared):
    """Anna (this window's database) and Ben changed the same decision's title and text
    offline; Anna has synced since, and Ben's database is returned."""
    decision = _decision(sqlite_db)
    sync.found(sqlite_db, shared, member="Anna")
    ben_file = tmp_path / "ben.sqlite"
    ben_file.write_bytes(Path(sqlite_template).read_bytes())
    ben = open_database(ben_file, member="Ben", backup=False)
    sync.join(ben, shared, member="Ben")
    sync.admit(sqlite_db, shared, _replica(ben))
    sync.sync(sqlite_db, shared)
    sync.sync(ben, shared)
    with ben.unit() as session:
        services.update(session, "decision", decision, {"title": "Satzung neu", "text": "Von Ben."})
    sync.sync(ben, shared)
    with sqlite_db.unit() as session:
        services.update(
            session, "decision", decision, {"title": "Satzung ergänzt", "text": "Von Anna."}
        )
    return ben


def _values(db):
    with db.reading() as session:
        return tuple(
            session.connection().exec_driver_sql("SELECT title, text FROM decisions").one()
        )


def test_a_conflict_is_settled_in_the_mine_and_theirs_dialog(
    window, sqlite_db, qtbot, tmp_path, sqlite_template
):
    shared = tmp_path / "shared"
    ben = _conflicted(sqlite_db, tmp_path, sqlite_template, shared)
    try:
        dialog = window.sync.open_sync()
        qtbot.addWidget(dialog)
        settle()
        qtbot.mouseClick(dialog.sync_button, Qt.MouseButton.LeftButton)
        _finished(qtbot, dialog)
        qtbot.waitUntil(lambda: dialog.table.rowCount() == 2, timeout=10000)
        # a double click on the row opens the record's two versions side by side
        cell = dialog.table.visualItemRect(dialog.table.item(0, 0)).center()
        QTest.mouseClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
        QTest.mouseDClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
        versions = dialog.versions
        assert versions is not None
        qtbot.waitUntil(versions.isVisible, timeout=5000)
        labels = [versions.table.item(r, 0).text() for r in range(2)]
        assert sorted(labels) == ["Text", "Title"]
        mine = {
            versions.table.item(r, 0).text(): versions.table.item(r, 1).text() for r in range(2)
        }
        theirs = {
            versions.table.item(r, 0).text(): versions.table.item(r, 2).text() for r in range(2)
        }
        assert {mine["Title"], theirs["Title"].split(" (")[0]} == {"Satzung neu", "Satzung ergänzt"}
        versions.grab().save(str(tmp_path / "versions.png"))
        # Anna keeps Ben's title and her own text: the title's row to whatever is Ben's
        row = labels.index("Title")
        pick = "mine" if mine["Title"] == "Satzung neu" else "theirs"
        _choose(versions.table.cellWidget(row, 3), data=pick)
        pick = "mine" if mine["Text"] == "Von Anna." else "theirs"
        _choose(versions.table.cellWidget(1 - row, 3), data=pick)
        _decided(qtbot, dialog, versions.merge_button, ben, shared)
        assert _values(sqlite_db) == _values(ben) == ("Satzung neu", "Von Anna.")
        assert sync.conflicts(ben) == []
    finally:
        ben.close()


def test_the_sync_window_and_its_conflicts_speak_german(
    window, sqlite_db, qtbot, tmp_path, sqlite_template
):
    from ui import i18n
    from ui.dialogs.sync import SyncDialog

    shared = tmp_path / "shared"
    ben = _conflicted(sqlite_db, tmp_path, sqlite_template, shared)
    assert i18n.install("de") == "de"
    try:
        dialog = SyncDialog(sqlite_db, window)
        qtbot.addWidget(dialog)
        dialog.show()
        settle()
        assert dialog.sync_button.text() == "Jetzt abgleichen"
        qtbot.mouseClick(dialog.sync_button, Qt.MouseButton.LeftButton)
        _finished(qtbot, dialog)
        qtbot.waitUntil(lambda: dialog.table.rowCount() == 2, timeout=10000)
        news = dialog.news.text()
        assert "Ben" in news and "change" not in news and "Received" not in news
        fields = sorted(dialog.table.item(r, 1).text() for r in range(2))
        assert fields == ["Text", "Titel"]
        cell = dialog.table.visualItemRect(dialog.table.item(0, 0)).center()
        QTest.mouseClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
        assert dialog.compare_button.text() == "Meins und deren…"
        qtbot.mouseClick(dialog.compare_button, Qt.MouseButton.LeftButton)
        versions = dialog.versions
        assert versions is not None
        qtbot.waitUntil(versions.isVisible, timeout=5000)
        headers = [versions.table.horizontalHeaderItem(c).text() for c in range(4)]
        assert headers == ["Feld", "Meins (hier angezeigt)", "Deren", "Behalten"]
        assert versions.merge_button.text() == "Wie gewählt zusammenführen"
        assert "zwei Laptops" in versions.windowTitle()
        dialog.grab().save(str(tmp_path / "sync-de.png"))
        versions.grab().save(str(tmp_path / "versions-de.png"))
        versions.reject()
    finally:
        i18n.install("en")
        ben.close()
