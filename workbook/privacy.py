"""Personal data rights (GDPR): what is stored about a person, erasure, and a review list.

Erasure is final and bypasses the trash: the contact is anonymised, and the person's name,
e-mail and phone are replaced wherever they appear in free text (decisions, minutes,
signatories, the change history, the trash), so that decisions and conflicts keep their
integrity without naming them. The search index is rebuilt for what changed. The ids of
erased contacts are logged outside the database, so an erasure is applied again after a
restore from an older backup.
"""

from __future__ import annotations

import json
import logging
import os
import re
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import String, Table, Text, delete, func, insert, or_, select, update
from sqlalchemy.orm import Session, selectinload

from workbook.db import Database
from workbook.dump import encode, encode_row, tables
from workbook.errors import KnownError
from workbook.models import (
    ENTITIES,
    Change,
    ConflictParty,
    Contact,
    Meeting,
    SearchDocument,
    Signatory,
    meeting_attendees,
    utcnow,
)
from workbook.search import index_records, normalise
from workbook.services import records

log = logging.getLogger(__name__)

ERASED = "[erased]"
ERASED_NAME = "Erased person"
#: Tables that hold no personal text, or are rebuilt from the others.
_NOT_SCANNED = frozenset({"search_documents", "alembic_version", "number_counters"})


class AlreadyErased(KnownError):
    code = "already_erased"
    template = "This person's data was already erased on {on}."


def _contact(session: Session, ident: uuid.UUID | str) -> Contact:
    contact = records.get(session, "contact", ident)
    assert isinstance(contact, Contact)
    return contact


def _terms(contact: Contact) -> list[str]:
    """What identifies the person in free text: name, e-mail, phone (longest first)."""
    found = [t.strip() for t in (contact.name, contact.email, contact.phone) if t and t.strip()]
    return sorted({t for t in found if len(t) >= 3}, key=len, reverse=True)


def _text_columns(table: Table) -> list[Any]:
    return [c for c in table.columns if isinstance(c.type, String | Text) and not c.foreign_keys]


def _mentions(session: Session, terms: list[str]) -> list[tuple[Table, Any, list[str]]]:
    """(table, primary key, columns) of every row whose text names the person."""
    found = []
    for table in tables():
        if table.name in _NOT_SCANNED:
            continue
        columns = _text_columns(table)
        keys = list(table.primary_key.columns)
        if not columns or len(keys) != 1:
            continue
        where = or_(*(c.ilike(f"%{t}%") for c in columns for t in terms))
        for row in session.execute(select(table).where(where)):
            hits = [
                c.name
                for c in columns
                if isinstance(row._mapping[c], str)
                and any(t.casefold() in row._mapping[c].casefold() for t in terms)
            ]
            if hits:
                found.append((table, row._mapping[keys[0]], hits))
    return found


def person_data(session: Session, ident: uuid.UUID | str) -> dict[str, Any]:
    """Everything stored about one person, as JSON values (GDPR art. 15)."""
    contact = _contact(session, ident)
    meetings = session.scalars(
        select(Meeting)
        .join(meeting_attendees)
        .where(meeting_attendees.c.contact_id == contact.id)
        .order_by(Meeting.held_on)
    )
    parties = session.scalars(
        select(ConflictParty)
        .where(ConflictParty.contact_id == contact.id)
        .options(selectinload(ConflictParty.conflict))
    )
    signatures = session.scalars(select(Signatory).where(Signatory.name == contact.name))
    history = session.scalars(
        select(Change).where(Change.record_id == contact.id).order_by(Change.changed_at)
    )
    terms = _terms(contact)
    mentions = []
    for table, key, columns in _mentions(session, terms) if terms else []:
        if table.name == "contacts" and key == contact.id:
            continue
        row = session.execute(select(table).where(table.primary_key.columns[0] == key)).one()
        for column in columns:
            mentions.append(
                {
                    "table": table.name,
                    "id": encode(key),
                    "field": column,
                    "text": row._mapping[column],
                }
            )
    return {
        "exported_on": utcnow().isoformat(timespec="seconds"),
        "person": encode_row(Contact.__table__, _row(session, contact)),
        "organisation": contact.organisation.name if contact.organisation else None,
        "consent": {
            "given_on": encode(contact.consent_given_on),
            "purpose": contact.consent_purpose,
        },
        "meetings_attended": [
            {"held_on": m.held_on.isoformat(), "title": m.title, "place": m.place} for m in meetings
        ],
        "conflicts": [
            {
                "conflict": p.conflict.title,
                "raised_on": encode(p.conflict.raised_on),
                "status": p.conflict.status,
            }
            for p in parties
        ],
        "signatures": [
            {"partnership": s.partnership.title, "role": s.role, "signed_on": encode(s.signed_on)}
            for s in signatures
        ],
        "mentioned_in": mentions,
        "history": [
            {
                "when": c.changed_at.isoformat(timespec="seconds"),
                "by": c.changed_by,
                "action": c.action,
                "field": c.field,
                "old": c.old_value,
                "new": c.new_value,
            }
            for c in history
        ],
    }


def _row(session: Session, contact: Contact) -> Any:
    table = Contact.__table__
    return session.execute(select(table).where(table.c.id == contact.id)).one()


def export_person(
    session: Session, ident: uuid.UUID | str, directory: str | os.PathLike[str]
) -> tuple[Path, Path]:
    """Write the person's data as JSON and as a readable PDF into ``directory``."""
    from workbook.reports import generate
    from workbook.storage import atomic_write

    data = person_data(session, ident)
    folder = Path(directory)
    stem = "personal-data-" + re.sub(r"[^\w-]+", "-", data["person"]["name"]).strip("-").lower()
    json_path = folder / f"{stem}.json"
    atomic_write(json_path, json.dumps(data, indent=2, ensure_ascii=False).encode("utf-8"))
    pdf_path = folder / f"{stem}.pdf"
    generate(session, "person", pdf_path, contact_id=data["person"]["id"])
    return json_path, pdf_path


def _scrub(value: str, terms: list[str]) -> str:
    for term in terms:
        value = re.sub(re.escape(term), ERASED, value, flags=re.IGNORECASE)
    return value


def erase(session: Session, ident: uuid.UUID | str, *, log_file: Path | None = None) -> int:
    """Anonymise a person everywhere (GDPR art. 17); returns how many rows changed.

    Final: nothing goes to the trash, the person's own change history is removed, and
    their name is replaced in every text that mentions them.
    """
    contact = _contact(session, ident)
    if contact.erased_on is not None:
        raise AlreadyErased(on=contact.erased_on.isoformat())
    contact_id, terms = contact.id, _terms(contact)
    session.flush()
    changed = 0
    if session.get_bind().dialect.name == "sqlite":
        # Freed pages are zeroed, so the old text does not linger in the file.
        session.connection().exec_driver_sql("PRAGMA secure_delete=ON")
    for table, key, columns in _mentions(session, terms) if terms else []:
        row = session.execute(select(table).where(table.primary_key.columns[0] == key)).one()
        values = {c: _scrub(row._mapping[c], terms) for c in columns}
        session.execute(update(table).where(table.primary_key.columns[0] == key).values(values))
        changed += 1
    table = Contact.__table__
    session.execute(
        update(table)
        .where(table.c.id == contact_id)
        .values(
            name=ERASED_NAME,
            role=None,
            email=None,
            phone=None,
            language=None,
            consent_given_on=None,
            consent_purpose=None,
            notes=None,
            erased_on=date.today(),
            updated_at=utcnow(),
            version=table.c.version + 1,
        )
    )
    session.execute(delete(Change).where(Change.record_id == contact_id))
    session.execute(
        insert(Change).values(
            entity="contact",
            record_id=contact_id,
            action="erase",
            changed_by=session.info.get("member", ""),
            changed_at=utcnow(),
        )
    )
    _reindex_mentions(session, contact_id, terms)  # leaves the session expired
    if log_file is not None:
        _log_erasure(log_file, contact_id)
    return changed + 1


def erase_person(db: Database, ident: uuid.UUID | str) -> int:
    """Erase a person in one transaction, log it beside the backups, and flush the WAL."""
    log_file = erasure_log(db.file) if db.file is not None else None
    with db.unit() as session:
        changed = erase(session, ident, log_file=log_file)
    if db.is_sqlite:
        raw = db.engine.raw_connection()  # old pages leave the write-ahead log
        try:
            raw.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # type: ignore[union-attr]
        finally:
            raw.close()
    return changed


def _reindex_mentions(session: Session, contact_id: uuid.UUID, terms: list[str]) -> None:
    docs = SearchDocument.__table__
    words = [normalise(t) for t in terms]
    where = or_(docs.c.record_id == contact_id, *(docs.c.title.contains(w) for w in words))
    where = or_(
        where, *(docs.c.body.contains(w) for w in words), *(docs.c.label.contains(t) for t in terms)
    )
    stale = session.execute(select(docs.c.entity, docs.c.record_id).where(where)).all()
    session.execute(
        delete(SearchDocument).where(docs.c.record_id.in_([r.record_id for r in stale]))
    )
    session.expire_all()
    again = [
        session.get(ENTITIES[entity], record_id)
        for entity, record_id in stale
        if entity in ENTITIES
    ]
    index_records(session, [r for r in again if r is not None])
    if session.get_bind().dialect.name == "sqlite":
        # Deleted FTS entries linger in the index's segments until they are merged.
        session.connection().exec_driver_sql(
            "INSERT INTO search_fts(search_fts) VALUES('optimize')"
        )


def _log_erasure(log_file: Path, contact_id: uuid.UUID) -> None:
    log_file.parent.mkdir(parents=True, exist_ok=True)
    line = json.dumps({"contact": str(contact_id), "erased": date.today().isoformat()})
    with open(log_file, "a", encoding="utf-8") as handle:
        handle.write(line + "\n")
        handle.flush()
        os.fsync(handle.fileno())


def erasure_log(database: Path) -> Path:
    """The log of erasures of a database file, kept beside its backups, outside the file."""
    from workbook.backup import backup_dir

    return backup_dir(database) / "erasures.jsonl"


def logged_erasures(log_file: Path) -> list[uuid.UUID]:
    if not log_file.exists():
        return []
    ids = []
    for line in log_file.read_text(encoding="utf-8").splitlines():
        try:
            ids.append(uuid.UUID(json.loads(line)["contact"]))
        except (ValueError, KeyError, TypeError):
            log.warning("Unreadable line in %s: %r", log_file, line[:80])
    return ids


def replay_erasures(session: Session, log_file: Path) -> int:
    """Erase again whoever the log says was erased but the (restored) data still holds."""
    count = 0
    for contact_id in logged_erasures(log_file):
        contact = session.get(Contact, contact_id)
        if contact is not None and contact.erased_on is None:
            erase(session, contact_id)
            count += 1
    return count


@dataclass(frozen=True, slots=True)
class ReviewItem:
    contact_id: uuid.UUID
    name: str
    organisation: str | None
    reason: str  # "no_consent" | "no_purpose" | "inactive"
    last_activity: date | None


def review(session: Session, *, years: int = 3, today: date | None = None) -> list[ReviewItem]:
    """Contacts to look at: no consent recorded, consent without purpose, or long inactive."""
    today = today or datetime.now(UTC).date()
    cutoff = today - timedelta(days=365 * years)
    last_meeting = (
        select(meeting_attendees.c.contact_id, func.max(Meeting.held_on).label("last"))
        .join(Meeting, Meeting.id == meeting_attendees.c.meeting_id)
        .group_by(meeting_attendees.c.contact_id)
        .subquery()
    )
    rows = session.execute(
        select(Contact, last_meeting.c.last)
        .outerjoin(last_meeting, last_meeting.c.contact_id == Contact.id)
        .where(Contact.erased_on.is_(None))
        .options(selectinload(Contact.organisation))
        .order_by(Contact.name)
    ).all()
    items = []
    for contact, last in rows:
        activity = max(filter(None, [last, contact.updated_at.date()]))
        if contact.consent_given_on is None:
            reason = "no_consent"
        elif not (contact.consent_purpose or "").strip():
            reason = "no_purpose"
        elif activity < cutoff:
            reason = "inactive"
        else:
            continue
        org = contact.organisation.name if contact.organisation else None
        items.append(ReviewItem(contact.id, contact.name, org, reason, activity))
    return items
