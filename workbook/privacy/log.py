"""The association's erasure log: who was erased, kept outside any one database file.

A backup or an archive made before an erasure still holds the person. So every erasure is
written to a log named by the association's own id (a setting every copy of its data
carries), in the user's data folder, and opening a database for writing erases again
whoever the log names but the data still holds: after a restore, after opening an archive
at any path, after copying the file to another folder. Erasures found in the data but not
in the log (made on another laptop) are added to it.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import uuid
from contextlib import closing
from datetime import date
from pathlib import Path

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from workbook.domain import clock
from workbook.domain.models import Contact, TrashEntry
from workbook.privacy.erasure import AlreadyErased, erase
from workbook.store import paths
from workbook.store.storage import read_only_uri

log = logging.getLogger(__name__)

ASSOCIATION_KEY = "association.id"


def association_id(session: Session) -> str:
    """The association's own id, made the first time it is asked for.

    Plain SQL: opening asks it every time, and a statement of the ORM costs its first
    compilation (some 10 ms each) in every new process.
    """
    found = session.execute(
        text("SELECT value FROM settings WHERE key = :key"), {"key": ASSOCIATION_KEY}
    ).scalar()
    if found:
        return str(found)
    made = str(uuid.uuid4())
    session.execute(
        text("DELETE FROM settings WHERE key = :key"), {"key": ASSOCIATION_KEY}
    )  # an empty value, if any
    session.execute(
        text("INSERT INTO settings (key, value) VALUES (:key, :value)"),
        {"key": ASSOCIATION_KEY, "value": made},
    )
    return made


def association_id_of_file(path: Path) -> str | None:
    """The id kept in a SQLite file, read without opening it for writing."""

    try:
        with closing(sqlite3.connect(read_only_uri(path), uri=True)) as conn:
            row = conn.execute("SELECT value FROM settings WHERE key = ?", (ASSOCIATION_KEY,))
            found = row.fetchone()
    except sqlite3.Error:
        return None
    return found[0] if found and found[0] else None


def log_file(association: str) -> Path:
    return paths.data_dir() / "erasures" / f"{association}.jsonl"


def logged(path: Path) -> list[uuid.UUID]:
    if not path.exists():
        return []
    ids = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            ids.append(uuid.UUID(json.loads(line)["contact"]))
        except (ValueError, KeyError, TypeError):
            log.warning("Unreadable line in %s: %r", path, line[:80])
    return ids


def write(path: Path, contact_ids: list[uuid.UUID], on: date | None = None) -> None:
    """Add erasures to the log, on disk before the caller goes on."""
    if not contact_ids:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    when = (on or clock.today()).isoformat()
    lines = "".join(json.dumps({"contact": str(i), "erased": when}) + "\n" for i in contact_ids)
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(lines)
        handle.flush()
        os.fsync(handle.fileno())


def _as_uuid(value: object) -> uuid.UUID:
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


def legacy_log(database: Path) -> Path:
    """Where earlier versions kept the log: beside the backups of one file path."""
    return paths.backup_dir(database) / "erasures.jsonl"


def replay(session: Session, *, database: Path | None = None) -> int:
    """Erase again whoever the log names but the data still holds; returns how many.

    Also adds to the log the erasures the data holds that the log does not know yet.
    """

    path = log_file(association_id(session))
    known = set(logged(path))
    if database is not None:
        known |= set(logged(legacy_log(database)))
    erased = {
        _as_uuid(v)
        for v in session.execute(text("SELECT id FROM contacts WHERE erased_on IS NOT NULL"))
        .scalars()
        .all()
    }
    write(path, sorted(erased - set(logged(path)), key=str))
    pending = sorted(known - erased, key=str)
    if not pending:
        return 0
    alive = set(
        session.scalars(
            select(Contact.id).where(Contact.id.in_(pending), Contact.erased_on.is_(None))
        )
    )
    trashed = set(
        session.scalars(
            select(TrashEntry.record_id).where(
                TrashEntry.entity == "contact", TrashEntry.record_id.in_(pending)
            )
        )
    )
    count = 0
    for contact_id in sorted(alive | trashed, key=str):
        try:
            erase(session, contact_id)
        except AlreadyErased:  # erased while in the trash
            continue
        count += 1
    if count:
        log.info("Erased again %d person(s) the erasure log names", count)
    return count
