"""Personal data rights (GDPR): what is stored about a person, erasure, and a review list.

Erasure is final and bypasses the trash: the contact is anonymised and every whole-word
mention of the person in free text is replaced (``mentions``), after a backup. The
association's erasure log (``log``) erases them again in any older copy that is opened.
"""

from __future__ import annotations

import importlib
import uuid
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from workbook.store.db import Database

#: What the package offers, by the module that holds it: loaded when first asked for, so
#: that opening a database (which needs only the erasure guard) does not load the export.
_WHERE = {
    "ERASED": "mentions",
    "ERASED_NAME": "erasure",
    "AlreadyErased": "erasure",
    "ErasedRecord": "erasure",
    "Place": "erasure",
    "Kept": "erasure",
    "erase": "erasure",
    "kept": "erasure",
    "places": "erasure",
    "refuse_erased_changes": "erasure",
    "export_person": "export",
    "person_data": "export",
    "ReviewItem": "consent",
    "review": "consent",
    "erasure_log": None,
}


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(name)
    module = _WHERE[name]
    if module is None:
        return importlib.import_module("workbook.privacy.log")
    return getattr(importlib.import_module(f"workbook.privacy.{module}"), name)


def erase_person(db: Database, ident: uuid.UUID | str) -> int:
    """Erase a person in one transaction after a backup; log it; flush the write-ahead log.

    Returns how many rows changed.
    """
    from workbook.privacy import log
    from workbook.privacy.erasure import erase

    if db.file is not None:
        from workbook.store.backup import backup_database

        backup_database(db, "before-erase")
    with db.unit() as session:
        contact_id, changed = erase(session, ident)
        path = log.log_file(log.association_id(session))
    log.write(path, [contact_id])
    if db.is_sqlite:
        raw = db.engine.raw_connection()  # old pages leave the write-ahead log
        try:
            raw.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # type: ignore[union-attr]
        finally:
            raw.close()
    return changed


__all__ = [*_WHERE, "erase_person"]
