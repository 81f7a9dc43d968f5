"""Erasure of a person (GDPR art. 17): their record anonymised, their mentions in free text
replaced, final in every path.

What changes is shown first (``places``), then ``erase`` rewrites exactly that: the contact
(live or in the trash), the whole-word mentions of the person in the free texts of other
records, in the history of those texts and in the trash (see ``mentions``). Other records'
own names, e-mails and phones are never touched. Signed agreements stay as they were
signed, signatories and versions alike (``kept``: retained to prove what was agreed, GDPR
art. 17 (3) (b) and (e)); the person export says which. The person's own history goes; an erased
contact can no longer be changed (``refuse_erased_changes`` in the core, a trigger in the
database).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Table, delete, func, insert, or_, select, update
from sqlalchemy.orm import Session

from workbook.domain import changes, clock
from workbook.domain.errors import KnownError, NotFound
from workbook.domain.models import (
    ENTITIES,
    AgreementVersion,
    Change,
    ConflictParty,
    Contact,
    Partnership,
    SearchDocument,
    Signatory,
    TrashEntry,
    meeting_attendees,
    table_of,
    utcnow,
)
from workbook.privacy.mentions import ERASED, FREE_TEXT, Person, scrub, snippet
from workbook.services import records
from workbook.store.dump import tables
from workbook.store.erased import PERSONAL_FIELDS, ErasedRecord, refuse_erased_changes
from workbook.store.history import written_by_server
from workbook.store.search import index_records, normalise

ERASED_NAME = "Erased person"
_IDENTITY = ("name", "email", "phone")


class AlreadyErased(KnownError):
    code = "already_erased"
    template = "This person's data was already erased on {on}."


@dataclass(frozen=True, slots=True)
class Place:
    """One free text that mentions the person: where, and the words around the mention."""

    table: str
    field: str
    snippet: str


@dataclass
class _Target:
    """The contact being erased: live, or a row kept in the trash."""

    id: uuid.UUID
    row: dict[str, Any]
    trash: TrashEntry | None


def _target(session: Session, ident: uuid.UUID | str) -> _Target:

    try:
        contact = records.get(session, "contact", ident)
    except NotFound:
        entry = _trashed(session, ident)
        row = next(
            r
            for r in json.loads(entry.payload)["rows"]["contacts"]
            if r["id"] == str(entry.record_id)
        )
        return _Target(entry.record_id, row, entry)
    table = Contact.__table__
    row = session.execute(select(table).where(table.c.id == contact.id)).one()._asdict()
    return _Target(contact.id, row, None)


def _trashed(session: Session, ident: uuid.UUID | str) -> TrashEntry:
    text = str(ident).strip().lower()
    entries = [
        e
        for e in session.scalars(select(TrashEntry).where(TrashEntry.entity == "contact"))
        if text and str(e.record_id).startswith(text)
    ]
    if len(entries) != 1:
        raise NotFound(entity="contact", ident=text)
    return entries[0]


def person_of(session: Session, contact_id: uuid.UUID, row: dict[str, Any]) -> Person:
    """The person's name, e-mail and phone now and as the history says they were."""
    values: dict[str, set[str]] = {f: {row[f]} if row.get(f) else set() for f in _IDENTITY}
    earlier = session.execute(
        select(Change.field, Change.old_value, Change.new_value).where(
            Change.record_id == contact_id, Change.field.in_(_IDENTITY)
        )
    )
    for field, old, new in earlier:
        values[field or ""] |= {v for v in (old, new) if v}
    return Person.of(values["name"], values["email"], values["phone"])


def _linked(session: Session, contact_id: uuid.UUID) -> set[uuid.UUID]:
    """The records the person takes part in: their lists in the history name the person."""
    meetings = session.scalars(
        select(meeting_attendees.c.meeting_id).where(meeting_attendees.c.contact_id == contact_id)
    )
    conflicts = session.scalars(
        select(ConflictParty.conflict_id).where(ConflictParty.contact_id == contact_id)
    )
    return {*meetings, *conflicts}


def _like_any(columns: list[Any], person: Person) -> Any:
    return or_(
        *(c.ilike(f"%{_escape(p)}%", escape="\\") for c in columns for p in person.sql_fragments())
    )


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def signed(session: Session) -> dict[str, set[uuid.UUID]]:
    """The rows of signed agreements, by table: the signatories of an agreement that is
    signed (or who signed), and the versions of a signed agreement. An erasure keeps them
    as they are."""
    signed_ones = select(Partnership.id).where(Partnership.signed_on.is_not(None))
    signers = select(Signatory.id).where(
        or_(Signatory.signed_on.is_not(None), Signatory.partnership_id.in_(signed_ones))
    )
    versions = select(AgreementVersion.id).where(AgreementVersion.partnership_id.in_(signed_ones))
    return {
        "signatories": set(session.scalars(signers)),
        "agreement_versions": set(session.scalars(versions)),
    }


def _free_text(
    session: Session, person: Person, skip: uuid.UUID, *, retained: bool = False
) -> Iterator[tuple[Table, Any, dict[str, str], dict[str, str]]]:
    """(table, key, {column: old}, {column: new}) of every free text naming the person;
    those of signed agreements (``signed``) only, with ``retained``, else all the others."""
    pattern = person.pattern
    by_name = {t.name: t for t in tables()}
    kept = signed(session)
    for name, fields in FREE_TEXT.items():
        if retained and name not in kept:
            continue
        table = by_name[name]
        key = table.primary_key.columns[0]
        columns = [table.c[f] for f in fields]
        for row in session.execute(select(key, *columns).where(_like_any(columns, person))):
            if name == "contacts" and row[0] == skip:
                continue
            if (row[0] in kept.get(name, ())) != retained:
                continue
            old = {f: row._mapping[f] for f in fields if isinstance(row._mapping[f], str)}
            new = {f: scrub(v, pattern) for f, v in old.items()}
            changed = {f: v for f, v in new.items() if v != old[f]}
            if changed:
                yield table, row[0], {f: old[f] for f in changed}, changed


def _free_text_field(entity: str, subject: str | None, field: str | None) -> bool:
    model = ENTITIES.get(subject or entity)
    if model is None:
        return False
    if field is None:  # a record's caption on create or delete: a contact's is its name
        return (subject or entity) != "contact"
    return field in FREE_TEXT.get(model.__tablename__, ())


def _history(
    session: Session, person: Person, contact_id: uuid.UUID
) -> Iterator[tuple[int, dict[str, str], dict[str, str]]]:
    """(id, old, new) of history rows that keep a free text (or a list) naming the person."""
    pattern = person.pattern
    linked = _linked(session, contact_id)
    columns = [Change.old_value, Change.new_value]
    rows = session.execute(
        select(Change.id, Change.entity, Change.record_id, Change.subject, Change.field, *columns)
        .where(Change.record_id != contact_id)
        .where(_like_any(columns, person))
    )
    for ident, entity, record_id, subject, field, *values in rows:
        if not _free_text_field(entity, subject, field) and record_id not in linked:
            continue
        old = {n: v for n, v in zip(("old_value", "new_value"), values, strict=True) if v}
        changed = {n: scrub(v, pattern) for n, v in old.items()}
        changed = {n: v for n, v in changed.items() if v != old[n]}
        if changed:
            yield ident, {n: old[n] for n in changed}, changed


def _scrub_payload(payload: dict[str, Any], person: Person, contact_id: uuid.UUID) -> bool:
    """Mentions in a trash entry's rows replaced, the person's own row anonymised."""
    pattern, changed = person.pattern, False
    for name, rows in payload["rows"].items():
        for row in rows:
            if name == "contacts" and row.get("id") == str(contact_id):
                row.update(_anonymous(clock.today()))
                changed = True
                continue
            for field in FREE_TEXT.get(name, ()):
                if isinstance(row.get(field), str):
                    new = scrub(row[field], pattern)
                    changed |= new != row[field]
                    row[field] = new
    return changed


def _trash(
    session: Session, person: Person, contact_id: uuid.UUID
) -> Iterator[tuple[TrashEntry, dict[str, Any]]]:
    fragments = [*person.sql_fragments(), str(contact_id)]
    where = or_(*(TrashEntry.payload.ilike(f"%{_escape(p)}%", escape="\\") for p in fragments))
    for entry in session.scalars(select(TrashEntry).where(where)):
        payload = json.loads(entry.payload)
        if _scrub_payload(payload, person, contact_id):
            yield entry, payload


def _anonymous(on: date) -> dict[str, Any]:
    values: dict[str, Any] = dict.fromkeys(PERSONAL_FIELDS)
    values.update(name=ERASED_NAME, erased_on=on.isoformat())
    return values


def places(session: Session, ident: uuid.UUID | str) -> tuple[str, list[Place]]:
    """The person's name and every free text an erasure would change, to confirm first."""
    target = _target(session, ident)
    person = person_of(session, target.id, target.row)
    pattern = person.pattern
    found = [
        Place(table.name, field, snippet(text, pattern))
        for table, _key, old, _new in _free_text(session, person, target.id)
        for field, text in old.items()
    ]
    found += [
        Place("changes", field, snippet(text, pattern))
        for _id, old, _new in _history(session, person, target.id)
        for field, text in old.items()
    ]
    found += [
        Place("trash", "payload", entry.caption) for entry, _ in _trash(session, person, target.id)
    ]
    return target.row["name"], found


@dataclass(frozen=True, slots=True)
class Kept:
    """A signed agreement that names the person and that an erasure keeps as signed."""

    partnership: str
    what: str  # "signatory" or "version"
    number: int | None  # the version's
    signed_on: date | None


def kept(session: Session, ident: uuid.UUID | str) -> list[Kept]:
    """The signed agreements naming the person, which an erasure leaves as they were signed."""
    target = _target(session, ident)
    person = person_of(session, target.id, target.row)
    found: list[Kept] = []
    for table, key, _old, _new in _free_text(session, person, target.id, retained=True):
        if table.name == "signatories":
            signer = session.get(Signatory, key)
            assert signer is not None
            found.append(
                Kept(signer.partnership.title, "signatory", None,
                     signer.signed_on or signer.partnership.signed_on)
            )  # fmt: skip
        else:
            version = session.get(AgreementVersion, key)
            assert version is not None
            found.append(
                Kept(version.partnership.title, "version", version.number,
                     version.partnership.signed_on)
            )  # fmt: skip
    return sorted(found, key=lambda k: (k.partnership, k.what, k.number or 0))


def erase(session: Session, ident: uuid.UUID | str) -> tuple[uuid.UUID, int]:
    """Anonymise a person everywhere; returns their id and how many rows changed.

    Final: nothing goes to the trash, the person's own change history is removed, and
    every whole-word mention of them in free text is replaced.
    """
    target = _target(session, ident)
    if target.row.get("erased_on"):
        raise AlreadyErased(on=str(target.row["erased_on"]))
    person = person_of(session, target.id, target.row)
    changes.note_everything(session)  # mentions in any record's text are rewritten
    session.flush()
    if session.get_bind().dialect.name == "sqlite":
        # Freed pages are zeroed, so the old text does not linger in the file.
        session.connection().exec_driver_sql("PRAGMA secure_delete=ON")
    touched: set[uuid.UUID] = {target.id}
    changed = 1
    for table, key, _old, new in list(_free_text(session, person, target.id)):
        session.execute(update(table).where(table.primary_key.columns[0] == key).values(new))
        touched.add(key)
        changed += 1
    for ident_, _old, new in list(_history(session, person, target.id)):
        session.execute(update(Change).where(Change.id == ident_).values(new))
        changed += 1
    for entry, payload in list(_trash(session, person, target.id)):
        entry.payload = json.dumps(payload, ensure_ascii=False)
        entry.caption = scrub(entry.caption, person.pattern)
        if entry.record_id == target.id:
            entry.caption = ERASED_NAME
        changed += 1
    session.execute(delete(Change).where(Change.record_id == target.id))
    if target.trash is None:
        table = table_of(Contact)
        values = {**_anonymous(clock.today()), "erased_on": clock.today()}
        session.execute(
            update(table)
            .where(table.c.id == target.id)
            .values(**values, updated_at=utcnow(), version=table.c.version + 1)
        )
    if not written_by_server(session):
        session.execute(
            insert(Change).values(
                entity="contact",
                record_id=target.id,
                action="erase",
                changed_by=session.info.get("member", ""),
                changed_at=utcnow(),
            )
        )
    elif target.trash is not None:  # no row changed for the server's trigger to see
        session.execute(select(func.workbook_note_erasure(target.id)))
    session.flush()
    _reindex(session, touched | _linked(session, target.id), person)
    return target.id, changed


def _reindex(session: Session, ids: set[uuid.UUID], person: Person) -> None:
    """The search documents of every record that named the person, made anew."""
    docs = SearchDocument.__table__
    columns = [docs.c.label, docs.c.title, docs.c.body]
    stale = session.execute(
        select(docs.c.entity, docs.c.record_id).where(
            or_(docs.c.record_id.in_(ids), _like_any(columns, _folded(person)))
        )
    ).all()
    session.execute(
        delete(SearchDocument).where(docs.c.record_id.in_([r.record_id for r in stale]))
    )
    session.expire_all()
    again = [session.get(ENTITIES[e], i) for e, i in stale if e in ENTITIES]
    index_records(session, [r for r in again if r is not None])
    if session.get_bind().dialect.name == "sqlite":
        # Deleted FTS entries linger in the index's segments until they are merged.
        session.connection().exec_driver_sql(
            "INSERT INTO search_fts(search_fts) VALUES('optimize')"
        )


def _folded(person: Person) -> Person:
    """The person as the search index writes words: folded (the index has no accents)."""

    return Person.of(
        [normalise(n) for n in person.names],
        [normalise(e) for e in person.emails],
        person.phones,
    )


__all__ = [
    "ERASED",
    "ERASED_NAME",
    "AlreadyErased",
    "ErasedRecord",
    "Kept",
    "Place",
    "erase",
    "kept",
    "person_of",
    "places",
    "refuse_erased_changes",
    "signed",
]
