"""What is stored about a person (GDPR art. 15), as JSON and as a readable PDF."""

from __future__ import annotations

import json
import os
import re
import uuid
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from workbook.domain.models import (
    Change,
    ConflictParty,
    Contact,
    Meeting,
    Signatory,
    meeting_attendees,
    table_of,
    utcnow,
)
from workbook.privacy.erasure import kept, places
from workbook.reports import generate
from workbook.services import records
from workbook.services.trash import KEEP_DAYS
from workbook.store.backup import retention_of
from workbook.store.dump import encode, encode_row
from workbook.store.storage import atomic_write


def _contact(session: Session, ident: uuid.UUID | str) -> Contact:
    contact = records.get(session, "contact", ident)
    assert isinstance(contact, Contact)
    return contact


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
    _name, found = places(session, contact.id)
    mentions = [{"table": p.table, "field": p.field, "text": p.snippet} for p in found]
    return {
        "exported_on": utcnow().isoformat(timespec="seconds"),
        "kept_elsewhere": {
            "backup_months": retention_of(session).monthly,
            "trash_days": KEEP_DAYS,
        },
        "person": encode_row(table_of(Contact), _row(session, contact)),
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
        # what an erasure would keep: the agreements as signed (GDPR art. 17 (3) (b), (e))
        "kept_as_signed": [
            {
                "partnership": k.partnership,
                "what": k.what,
                "version": k.number,
                "signed_on": encode(k.signed_on),
            }
            for k in kept(session, contact.id)
        ],
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
    session: Session,
    ident: uuid.UUID | str,
    directory: str | os.PathLike[str],
    *,
    language: str | None = None,
) -> tuple[Path, Path]:
    """Write the person's data as JSON and as a readable PDF (in ``language``: the
    letter a person reads) into ``directory``."""
    data = person_data(session, ident)
    folder = Path(directory)
    stem = "personal-data-" + re.sub(r"[^\w-]+", "-", data["person"]["name"]).strip("-").lower()
    json_path = folder / f"{stem}.json"
    atomic_write(json_path, json.dumps(data, indent=2, ensure_ascii=False).encode("utf-8"))
    pdf_path = folder / f"{stem}.pdf"
    generate(session, "person", pdf_path, data=data, language=language)
    return json_path, pdf_path
