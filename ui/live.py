"""Live updates from a shared server: PostgreSQL NOTIFY received off the UI thread.

A listener thread holds its own connection, LISTENs on the channel the triggers of migration
0005 notify, and hands each change to the UI thread as a Qt signal (a queued connection, so
slots run on the UI thread). When the server goes away it says so, retries every two seconds,
and says when it is back.
"""

from __future__ import annotations

import json
import logging
import threading
import uuid

from PySide6.QtCore import QObject, Signal
from sqlalchemy.engine import make_url

log = logging.getLogger("workbook.ui")
CHANNEL = "workbook_changes"
#: Which record kind a changed table belongs to (parts refresh their record's lists).
ENTITY_OF = {
    "organisations": "organisation", "organisation_tags": "organisation",
    "contacts": "contact", "partnerships": "partnership",
    "partnership_partners": "partnership", "agreement_terms": "partnership",
    "signatories": "partnership", "agreement_versions": "partnership", "goals": "goal",
    "progress_updates": "goal", "evaluations": "evaluation", "meetings": "meeting",
    "meeting_attendees": "meeting", "decisions": "decision", "conflicts": "conflict",
    "conflict_parties": "conflict", "conflict_steps": "conflict",
    "conflict_decisions": "conflict", "attention_marks": "", "settings": "", "trash": "",
}  # fmt: skip


def conninfo(url: str) -> str:
    """The libpq connection string of a SQLAlchemy URL."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


class LiveUpdates(QObject):
    #: entity ("" for the dashboard only), record id or None, the member's account
    changed = Signal(str, object, str)
    trouble = Signal(str)
    restored = Signal()

    def __init__(self, url: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._conninfo = conninfo(url)
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
        import psycopg

        lost = False
        while not self._stop.is_set():
            try:
                with psycopg.connect(self._conninfo, autocommit=True, connect_timeout=3) as conn:
                    conn.execute(f"LISTEN {CHANNEL}")
                    self.connected = True
                    if lost:
                        lost = False
                        self.restored.emit()
                    while not self._stop.is_set():
                        for note in conn.notifies(timeout=0.5, stop_after=200):
                            self._deliver(note.payload)
            except psycopg.OperationalError as exc:
                self.connected = False
                if not lost:
                    lost = True
                    log.warning("Lost the server: %s", exc)
                    self.trouble.emit(str(exc).strip().splitlines()[0] if str(exc) else "")
                self._stop.wait(2.0)

    def _deliver(self, payload: str) -> None:
        try:
            data = json.loads(payload)
        except ValueError:
            return
        entity = ENTITY_OF.get(str(data.get("table")), "")
        ident = data.get("id")
        record_id = uuid.UUID(ident) if isinstance(ident, str) else None
        self.changed.emit(entity, record_id, str(data.get("by") or ""))
