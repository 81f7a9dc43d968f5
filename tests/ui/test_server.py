"""The app on a shared PostgreSQL database: live updates, levels, conflicts, trouble."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from sqlalchemy.engine import make_url

from tests.conftest import fresh_database_url
from tests.ui.people import newest_form, opened_form, saved, settle
from tests.workbook import factories
from ui.dialogs.members import MembersDialog
from ui.live import LiveUpdates
from ui.main_window import MainWindow
from workbook import services
from workbook.opening import open_database
from workbook.store.db import Database, create_workbook_engine
from workbook.store.server import add_member, init_server


@pytest.fixture
def shared(request, tmp_path):
    url = fresh_database_url(request, "postgresql", tmp_path)
    init_server(url)
    tag = uuid.uuid4().hex[:6]
    accounts = {}
    for level in ("viewer", "editor", "admin"):
        add_member(url, f"{level}_{tag}", "geheim", level)
        accounts[level] = (
            make_url(url).set(username=f"{level}_{tag}", password="geheim")
            .render_as_string(hide_password=False)
        )  # fmt: skip
    return url, accounts


@pytest.fixture
def member_window(qtbot, shared, answers):
    opened: list[MainWindow] = []

    def open_as(level: str) -> MainWindow:
        db = open_database(shared[1][level])
        window = MainWindow(db)
        qtbot.addWidget(window)
        window.show()
        opened.append(window)
        return window

    yield open_as
    for window in opened:
        window.close()
        window.close_database()


def test_another_members_change_appears_within_two_seconds(member_window, shared, qtbot):
    window = member_window("editor")
    view = window.show_view("decision")
    qtbot.waitUntil(
        lambda: window.server.live is not None and window.server.live.connected, timeout=5000
    )
    other = open_database(shared[1]["admin"])
    try:
        with qtbot.waitSignal(window.server.live.changed, timeout=2000), other.unit() as s:
            decision_id = factories.decision(s, "Neu vom Vorstand").id
        qtbot.waitUntil(
            lambda: (
                view.model.rowCount() == 1 and view.model.index(0, 2).data() == "Neu vom Vorstand"
            ),
            timeout=2000,
        )
        form = opened_form(qtbot, view, decision_id)
        form.show()
        with other.unit() as s:
            services.update(s, "decision", decision_id, {"title": "Geändert vom Vorstand"})
        qtbot.waitUntil(lambda: "has just changed" in form.banner_text(), timeout=2000)
        assert "admin_" in form.banner_text()
        form.set_value("rationale", "Meine Begründung")
        assert not saved(qtbot, form)
        qtbot.waitUntil(lambda: form.conflict.isVisible(), timeout=2000)
        qtbot.mouseClick(form.conflict.merge_button, Qt.MouseButton.LeftButton)
        settle(qtbot)
        with other.unit() as s:
            decision = services.get(s, "decision", decision_id)
            assert (decision.title, decision.rationale) == (
                "Geändert vom Vorstand",
                "Meine Begründung",
            )
        form.close()
    finally:
        other.close()


def test_a_forged_notice_changes_nothing_and_the_history_names_who_changed(
    member_window, shared, qtbot
):
    import psycopg

    from ui.live import CHANNEL, conninfo

    window = member_window("editor")
    qtbot.waitUntil(
        lambda: window.server.live is not None and window.server.live.connected, timeout=5000
    )
    received: list[tuple] = []
    window.server.live.changed.connect(lambda *args: received.append(args))
    forged = json.dumps(
        {"table": "decisions", "op": "DELETE", "by": "admin_x", "id": str(uuid.uuid4())}
    )
    with psycopg.connect(conninfo(shared[1]["viewer"]), autocommit=True) as conn:
        conn.execute(f"SELECT pg_notify('{CHANNEL}', %s)", (forged,))
    qtbot.wait(1500)
    assert received == []  # the history holds no such change: nothing to show
    other = open_database(shared[1]["admin"])
    try:
        with other.unit() as s:
            decision_id = factories.decision(s, "Echt").id
    finally:
        other.close()
    qtbot.waitUntil(lambda: bool(received), timeout=3000)
    assert received[0][:2] == ("decision", decision_id)
    assert received[0][2].startswith("admin_")


def test_the_app_hides_what_a_level_may_not_do(member_window, qtbot):
    viewer = member_window("viewer")
    decisions = viewer.views["decision"]
    assert not decisions.new_button.isEnabled() and not viewer.exchange.import_action.isEnabled()
    assert "viewer" in viewer.location_label.text()
    assert not viewer.server.members_action.isVisible()
    editor = member_window("editor")
    assert editor.views["decision"].new_button.isEnabled()
    assert not editor.views["decision"].delete_button.isEnabled()
    admin = member_window("admin")
    assert admin.views["decision"].delete_button.isEnabled()
    assert admin.server.members_action.isVisible()
    admin.server.members_action.trigger()
    [members] = admin.findChildren(MembersDialog)
    try:
        qtbot.waitUntil(lambda: members.table.rowCount() > 0, timeout=10000)  # read on the worker
        names = [members.table.item(r, 0).text() for r in range(members.table.rowCount())]
        assert any(n.startswith("viewer_") for n in names)
        QTest.keyClicks(members.name, f"neu_{uuid.uuid4().hex[:6]}")
        QTest.keyClicks(members.password, "willkommen")
        with qtbot.waitSignal(members.loaded, timeout=10000):  # added, then read again
            QTest.mouseClick(members.add_button, Qt.MouseButton.LeftButton)
        assert members.table.rowCount() == len(names) + 1
        assert members.name.text() == "" and members.error.text() == ""
    finally:
        members.close()


def test_an_unreachable_server_is_said_and_unsaved_input_kept(qtbot, window, sqlite_db):
    dead = "postgresql+psycopg://nobody@127.0.0.1:9/workbook"
    live = LiveUpdates(dead)
    with qtbot.waitSignal(live.trouble, timeout=10000):
        live.start()
    live.stop()
    window.server.lost("gone")
    assert "cannot be reached" in window.statusBar().currentMessage()
    assert "not up to date" in window.location_label.text()

    from ui.dialogs.record_form import FormData, RecordForm

    gone = Database(url=dead, engine=create_workbook_engine(dead))
    form = RecordForm(gone, "organisation", None, window, data=FormData({}, {"kind": "ngo"}))
    form.open()  # a form that was open when the server went away
    form.set_value("name", "Verein im Funkloch")
    assert not saved(qtbot, form)
    assert "connection to" in form.banner_text() and "is lost" in form.banner_text()
    assert form.values()["name"] == "Verein im Funkloch"
    gone.close()


class MemoryKeyring:
    """Stands in for the operating system's keyring (none exists on a headless test machine)."""

    def __init__(self) -> None:
        self.saved: dict[tuple[str, str], str] = {}

    def get_password(self, service, user):
        return self.saved.get((service, user))

    def set_password(self, service, user, password):
        self.saved[(service, user)] = password


def test_connection_profiles_keep_the_password_in_the_keyring(qtbot, monkeypatch):
    import keyring
    from PySide6.QtWidgets import QInputDialog

    from ui.dialogs.connect import ConnectDialog, stored_password, with_password, without_password
    from ui.settings import settings

    memory = MemoryKeyring()
    monkeypatch.setattr(keyring, "get_password", memory.get_password)
    monkeypatch.setattr(keyring, "set_password", memory.set_password)
    dialog = ConnectDialog()
    qtbot.addWidget(dialog)
    dialog.profile.setCurrentText("Verband")
    dialog.host.setText("db.verband.example")
    dialog.database.setText("workbook")
    dialog.user.setText("anna")
    dialog.password.setText("geheim")
    dialog.tls.setCurrentIndex(dialog.tls.findData("require"))
    dialog.accept_profile()
    assert make_url(dialog.url).password == "geheim"
    settings().sync()
    assert "geheim" not in Path(settings().fileName()).read_text(encoding="utf-8")
    plain = without_password(dialog.url)
    assert make_url(plain).password is None
    assert stored_password(plain) == "geheim"
    assert make_url(with_password(None, plain)).password == "geheim"
    again = ConnectDialog()
    qtbot.addWidget(again)
    assert (again.profile.currentText(), again.host.text(), again.tls.currentData()) == (
        "Verband",
        "db.verband.example",
        "require",
    )

    # no keyring on this system: the password is asked for
    def no_keyring(*_args):
        raise RuntimeError("no recommended backend was available")

    monkeypatch.setattr(keyring, "get_password", no_keyring)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("getippt", True))
    assert make_url(with_password(None, plain)).password == "getippt"


def test_a_lost_server_is_said_once_and_the_list_stays_as_it_was(
    member_window, shared, qtbot, answers
):
    from PySide6.QtCore import Qt

    from ui.errors import said_again

    owner = open_database(shared[0])
    with owner.unit() as s:
        for n in range(3):
            factories.decision(s, f"Beschluss {n}")
    owner.close()
    window = member_window("editor")
    view = window.show_view("decision")
    view.refresh()
    settle(qtbot)
    assert view.model.rowCount() == 3
    name = make_url(shared[0]).database
    admin = create_workbook_engine(
        make_url(shared[0]).set(database="postgres").render_as_string(hide_password=False)
    )
    try:
        with admin.connect() as conn:  # the database stops answering its members
            conn.exec_driver_sql(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false')
            conn.exec_driver_sql(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                f"WHERE datname = '{name}' AND pid <> pg_backend_pid()"
            )
            conn.commit()
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        for _ in range(3):  # the user presses F5, again and again
            qtbot.keyClick(view.table, Qt.Key.Key_F5)
        view.table.verticalScrollBar().setValue(1)
        view.table.viewport().repaint()
        settle(qtbot)
        lost = [text for text in answers.warned if "is lost" in text]
        assert len(lost) == 1, answers.warned
        assert not any("Cannot open" in text for text in answers.warned)
        assert view.model.rowCount() == 3  # not half reset
        assert "not up to date" in window.location_label.text()
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true')
            conn.commit()
        admin.dispose()
        said_again("db_lost")


def test_two_members_windows_see_each_others_changes_through_one_path(member_window, qtbot):
    """Two members' windows on one server: what one types and saves shows in the other's
    lists, and the server tells the other of it (LISTEN/NOTIFY into the change path)."""
    editor, admin = member_window("editor"), member_window("admin")
    for window in (editor, admin):
        qtbot.waitUntil(
            lambda w=window: w.server.live is not None and w.server.live.connected, timeout=5000
        )
    theirs = admin.show_view("organisation")
    settle(qtbot)
    assert theirs.model.rowCount() == 0
    told: list[tuple] = []
    admin.server.live.changed.connect(lambda *args: told.append(args))

    mine = editor.show_view("organisation")
    QTest.mouseClick(mine.new_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    form = newest_form(mine)
    QTest.keyClicks(form.widget("name"), "Jugendring Lausitz")
    assert saved(qtbot, form)
    qtbot.waitUntil(lambda: theirs.model.rowCount() == 1, timeout=3000)
    assert theirs.model.index(0, 0).data() == "Jugendring Lausitz"
    qtbot.waitUntil(lambda: any(args[0] == "organisation" for args in told), timeout=3000)
    assert next(a for a in told if a[0] == "organisation")[2].startswith("editor_")

    # and back: the admin renames it in their window; the editor's list shows the new name
    [(ident, _version)] = [theirs.model.record_at(0)]
    form = opened_form(qtbot, theirs, ident)
    form.widget("name").selectAll()
    QTest.keyClicks(form.widget("name"), "Jugendring Oberlausitz")
    assert saved(qtbot, form)
    qtbot.waitUntil(lambda: mine.model.index(0, 0).data() == "Jugendring Oberlausitz", timeout=3000)


def test_a_save_is_told_once_not_again_by_the_servers_echo(member_window, shared, qtbot):
    """The window's own save is reported by its operation; the server's notice of it comes
    back from the app's own connection and is not news (it would read every view again: 42
    statements for one save instead of 16, each a round trip to the server). A change by
    anyone else still comes through."""
    window = member_window("editor")
    view = window.show_view("decision")
    qtbot.waitUntil(
        lambda: window.server.live is not None and window.server.live.connected, timeout=5000
    )
    told: list[tuple] = []
    window.server.live.changed.connect(lambda *args: told.append(args))
    QTest.mouseClick(view.new_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    form = newest_form(view)
    QTest.keyClicks(form.widget("title"), "Eigener Beschluss")
    QTest.keyClicks(form.widget("text"), "Der Vorstand beschließt.")
    assert saved(qtbot, form), form.banner_text()
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=3000)
    qtbot.wait(1500)  # the listener looks every half second: its notice has come and gone
    assert told == []
    other = open_database(shared[1]["admin"])
    try:
        with qtbot.waitSignal(window.server.live.changed, timeout=3000), other.unit() as s:
            factories.decision(s, "Vom Vorstand")
    finally:
        other.close()
    assert [args[0] for args in told] == ["decision"]
