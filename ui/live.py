"""Live updates from a shared server: PostgreSQL NOTIFY received off the UI thread.

A listener thread holds its own connection, LISTENs on the channel the triggers of migration
0005 notify, and hands each change to the UI thread as a Qt signal (a queued connection, so
slots run on the UI thread). When the server goes away it says so, retries every two seconds,
and says when it is back.

Any member may send a notice on the channel, so a notice only says "look": what changed,
and by whom, is read from the change history, which only the server's triggers write
(migration 0012). A forged notice finds nothing new and changes nothing on screen.
"""

from __future__ import annotations

import json
import logging
import threading
import uuid
from collections.abc import Set as AbstractSet

import psycopg
from PySide6.QtCore import QObject, Signal
from sqlalchemy.engine import make_url

log = logging.getLogger("workbook.ui")
CHANNEL = "workbook_changes"
#: Tables whose changes the history does not hold: a notice from them refreshes the dashboard.
UNRECORDED = frozenset({"attention_marks", "settings", "trash"})


def conninfo(url: str) -> str:
    """The libpq connection string of a SQLAlchemy URL."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


class LiveUpdates(QObject):
    #: entity ("" for the dashboard only), record id or None, the member's account
    changed = Signal(str, object, str)
    trouble = Signal(str)
    restored = Signal()

    def __init__(
        self,
        url: str,
        parent: QObject | None = None,
        *,
        own: AbstractSet[int] = frozenset(),
    ) -> None:
        super().__init__(parent)
        self._conninfo = conninfo(url)
        #: The server processes of this app's own connections: what they write, the app
        #: has reported already (its operations say what they changed), and is not news.
        self._own = own
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._listen, name="live-updates", daemon=True)
        self.connected = False

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=5)

    def _listen(self) -> None:
        lost = False
        while not self._stop.is_set():
            try:
                with psycopg.connect(self._conninfo, autocommit=True, connect_timeout=3) as conn:
                    conn.execute(f"LISTEN {CHANNEL}")
                    self._history = History(conn)
                    self.connected = True
                    if lost:
                        lost = False
                        self.restored.emit()
                    while not self._stop.is_set():
                        notes = list(conn.notifies(timeout=0.5, stop_after=200))
                        if notes and all(note.pid in self._own for note in notes):
                            self._history.since()  # our own save: read past, not again
                        elif notes:
                            self._deliver([note.payload for note in notes])
            except psycopg.OperationalError as exc:
                self.connected = False
                if not lost:
                    lost = True
                    log.warning("Lost the server: %s", exc)
                    self.trouble.emit(str(exc).strip().splitlines()[0] if str(exc) else "")
                self._stop.wait(2.0)

    def _deliver(self, payloads: list[str]) -> None:
        """What the history says changed since the last look, once per record; a table the
        history does not cover (the profile, the trash, due marks) refreshes the dashboard."""
        seen: set[tuple[str, uuid.UUID | None]] = set()
        for entity, record_id, by in self._history.since():
            if (entity, record_id) not in seen:
                seen.add((entity, record_id))
                self.changed.emit(entity, record_id, by)
        if not seen and any(_unrecorded(payload) for payload in payloads):
            self.changed.emit("", None, "")


def _unrecorded(payload: str) -> bool:
    try:
        table = json.loads(payload).get("table")
    except (ValueError, AttributeError):
        return False
    return table in UNRECORDED


class History:
    """The change history read forward: rows written since the last look.

    Ids are handed out when a row is written, not when its transaction commits, so a
    transaction that commits late can bring a lower id: a window of recent ids is read
    again, and the rows already reported are remembered.
    """

    WINDOW = 500

    def __init__(self, conn: psycopg.Connection) -> None:
        self._conn = conn
        self._top = 0
        self._reported: set[int] = set()
        self.since()  # what was there before listening began is not news

    def since(self) -> list[tuple[str, uuid.UUID | None, str]]:
        rows = self._conn.execute(
            "SELECT id, entity, record_id, changed_by FROM changes WHERE id > %s ORDER BY id",
            (self._top - self.WINDOW,),
        ).fetchall()
        found = [
            (str(entity), record_id, str(by or ""))
            for ident, entity, record_id, by in rows
            if ident not in self._reported
        ]
        self._reported.update(int(row[0]) for row in rows)
        self._top = max([self._top, *(int(row[0]) for row in rows)])
        self._reported = {i for i in self._reported if i > self._top - self.WINDOW}
        return found
