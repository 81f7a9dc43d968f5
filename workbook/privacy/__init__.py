"""Personal data rights (GDPR): what is stored about a person, erasure, and a review list.

Erasure is final and bypasses the trash: the contact is anonymised and every whole-word
mention of the person in free text is replaced (``mentions``), after a backup. The
association's erasure log (``log``) erases them again in any older copy that is opened.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from workbook.privacy import log as erasure_log
from workbook.privacy.erasure import (
    ERASED_NAME,
    AlreadyErased,
    ErasedRecord,
    Place,
    erase,
    places,
    refuse_erased_changes,
)
from workbook.privacy.export import export_person, person_data
from workbook.privacy.mentions import ERASED
from workbook.privacy.review import ReviewItem, review

if TYPE_CHECKING:
    from workbook.db import Database


def erase_person(db: Database, ident: uuid.UUID | str) -> int:
    """Erase a person in one transaction after a backup; log it; flush the write-ahead log.

    Returns how many rows changed.
    """
    if db.file is not None:
        from workbook.backup import backup_database

        backup_database(db, "before-erase")
    with db.unit() as session:
        contact_id, changed = erase(session, ident)
        path = erasure_log.log_file(erasure_log.association_id(session))
    erasure_log.write(path, [contact_id])
    if db.is_sqlite:
        raw = db.engine.raw_connection()  # old pages leave the write-ahead log
        try:
            raw.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # type: ignore[union-attr]
        finally:
            raw.close()
    return changed


__all__ = [
    "ERASED",
    "ERASED_NAME",
    "AlreadyErased",
    "ErasedRecord",
    "Place",
    "ReviewItem",
    "erase",
    "erase_person",
    "erasure_log",
    "export_person",
    "person_data",
    "places",
    "refuse_erased_changes",
    "review",
]
