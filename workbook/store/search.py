"""Full-text search across all records: FTS5 on SQLite, tsvector on PostgreSQL."""

from __future__ import annotations

import re
import unicodedata
import uuid
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from itertools import filterfalse
from typing import Any

from sqlalchemy import and_, bindparam, delete, exists, func, inspect, select, text, update
from sqlalchemy.orm import MANYTOONE, Session
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.util import identity_key

from workbook.domain.models import (
    ENTITIES,
    Contact,
    Organisation,
    Partnership,
    PartnershipPartner,
    Record,
    SearchDocument,
    table_of,
)

_WORD = re.compile(r"\w+")
# Letters that Unicode does not decompose into a base letter and a mark.
_FOLD = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ı": "i", "æ": "ae", "œ": "oe", "þ": "th"})


def normalise(value: str) -> str:
    """Lower case, diacritics removed, words separated by single spaces ("Müller" -> "muller")."""
    if value.isascii():  # nothing to decompose or fold
        return " ".join(_WORD.findall(value.lower()))
    decomposed = unicodedata.normalize("NFKD", value)
    # the marks dropped by a loop in C (a generator expression took 1.7 times as long)
    stripped = "".join(filterfalse(unicodedata.combining, decomposed)).casefold()
    stripped = stripped.translate(_FOLD)
    return " ".join(_WORD.findall(stripped))


def _searchable_roots(session: Session) -> tuple[set[Record], set[uuid.UUID]]:
    touched: set[Record] = set()
    for obj in (*session.new, *session.dirty):
        if not isinstance(obj, Record):
            continue
        if obj.__entity__ in ENTITIES:
            touched.add(obj)
        elif obj.__history_root__:
            root = getattr(obj, obj.__history_root__, None)
            if isinstance(root, Record) and root.__entity__ in ENTITIES:
                touched.add(root)
    touched |= _naming(session, touched)
    gone = {obj.id for obj in session.deleted if isinstance(obj, Record)}
    return {o for o in touched if o.id not in gone and not inspect(o).deleted}, gone


def _naming(session: Session, touched: set[Record]) -> set[Record]:
    """The records whose documents name a renamed organisation: its contacts and the
    partnerships it is a partner of (found by the new name, no longer by the old)."""
    renamed = [
        o.id
        for o in touched
        if isinstance(o, Organisation) and not inspect(o).pending and _changed(o, "name")
    ]
    return naming(session, renamed)


def naming(session: Session, renamed: Collection[uuid.UUID]) -> set[Record]:
    """The contacts and partnerships whose documents name the organisations ``renamed``."""
    if not renamed:
        return set()
    contacts = session.scalars(select(Contact).where(Contact.organisation_id.in_(renamed)))
    partnerships = session.scalars(
        select(Partnership).where(
            Partnership.id.in_(
                select(PartnershipPartner.partnership_id).where(
                    PartnershipPartner.organisation_id.in_(renamed)
                )
            )
        )
    )
    return {*contacts, *partnerships}


def _changed(obj: Record, key: str) -> bool:
    return inspect(obj).attrs[key].history.has_changes()


def _links_loaded_again(session: Session) -> None:
    """A record written with only a link's id (``organisation_id=...``) still holds None
    for the linked record: it is loaded again, so that its document names it. One query per
    kind of linked record and flush, none for those already in the session."""
    wanted: dict[type, dict[Any, list[tuple[Any, str]]]] = {}
    for obj in (*session.new, *session.dirty):
        state = inspect(obj)
        for rel in state.mapper.relationships:
            if rel.direction is not MANYTOONE or state.dict.get(rel.key) is not None:
                continue
            columns = list(rel.local_columns)
            if len(columns) != 1:
                continue
            ident = state.dict.get(state.mapper.get_property_by_column(columns[0]).key)
            if ident is not None:
                wanted.setdefault(rel.mapper.class_, {}).setdefault(ident, []).append(
                    (obj, rel.key)
                )
    for model, links in wanted.items():
        missing = [i for i in links if session.identity_map.get(identity_key(model, i)) is None]
        # held until the links are set: the identity map keeps records only while referenced
        loaded: list[Any] = (
            list(session.scalars(select(model).where(model.id.in_(missing))))  # type: ignore[attr-defined]
            if missing
            else []
        )
        for ident, users in links.items():
            target = session.identity_map.get(identity_key(model, ident))
            for obj, key in users:
                # without history: nothing new to flush; a pending record would not load it
                set_committed_value(obj, key, target)
        del loaded


def update_index(session: Session, _context: object) -> None:
    """after_flush hook: keep the search documents of every written record current."""
    _links_loaded_again(session)
    touched, gone = _searchable_roots(session)
    _write_documents(session, touched, gone)


def index_records(
    session: Session, records: Iterable[Record], *, renamed: Collection[uuid.UUID] = ()
) -> None:
    """(Re)index records written without the ORM, such as rows put back from the trash,
    and the documents naming the organisations among them that were ``renamed``."""
    touched = set(records)
    _write_documents(session, touched | naming(session, renamed), set())


_DOCUMENT = ("entity", "label", "title", "body")


def _write_documents(session: Session, touched: set[Record], gone: set[uuid.UUID]) -> None:
    """Each record's document as it is now: added, changed in place, or left alone when the
    change did not reach it (every write to a document is a delete and an insert in the
    full-text index, 60-250 µs each on a lifetime's index)."""
    connection = session.connection()
    docs = table_of(SearchDocument)
    rows: dict[uuid.UUID, dict[str, Any]] = {}
    for obj in touched:
        document = obj.search_document()
        if document is None:
            continue
        title, body = document
        rows[obj.id] = {
            "entity": obj.__entity__,
            "record_id": obj.id,
            "label": obj.caption(),
            "title": normalise(title),
            "body": normalise(body),
        }
    stale = gone | ({o.id for o in touched} - rows.keys())  # deleted, or no longer searchable
    if stale:
        connection.execute(delete(docs).where(docs.c.record_id.in_(stale)))
    if not rows:
        return
    stored = {
        row.record_id: tuple(row[1:])
        for row in connection.execute(
            select(docs.c.record_id, *(docs.c[k] for k in _DOCUMENT)).where(
                docs.c.record_id.in_(list(rows))
            )
        )
    }
    added = [row for key, row in rows.items() if key not in stored]
    changed = [
        {"r_id": key, **{f"n_{k}": row[k] for k in _DOCUMENT}}
        for key, row in rows.items()
        if key in stored and stored[key] != tuple(row[k] for k in _DOCUMENT)
    ]
    if changed:
        connection.execute(
            update(docs)
            .where(docs.c.record_id == bindparam("r_id"))
            .values({k: bindparam(f"n_{k}") for k in _DOCUMENT}),
            changed,
        )
    if added:
        connection.execute(docs.insert(), added)


@dataclass(frozen=True, slots=True)
class SearchHit:
    entity: str
    record_id: uuid.UUID
    label: str


#: What the index holds for a document's kind: its entity behind a character that no
#: normalised word holds (migration 0015), so that no word typed is found in a kind's name.
KIND_MARK = "\ue000"


def _fts_match(words: list[str], entity: str | None = None) -> str:
    """The FTS5 query: every word a prefix of one in the document, of documents of
    ``entity`` if given (its kind indexed with the words: migration 0015)."""
    found = " ".join(f'"{w}"*' for w in words)
    return f'kind: "{KIND_MARK}{entity}" AND ({found})' if entity else found


def _tsquery(words: list[str]) -> str:
    return " & ".join(f"{w}:*" for w in words)


#: Above this many matches a prefix is too broad to rank as one types (a first letter):
#: the first matches are shown, in the index's order, from the one query that found them.
RANK_AT_MOST = 300


def search(
    session: Session, query: str, *, entity: str | None = None, limit: int = 50
) -> list[SearchHit]:
    """Records whose words start with every word typed, best matches first."""
    words = normalise(query).split()
    if not words:
        return []
    docs = SearchDocument.__table__
    stmt = select(docs.c.entity, docs.c.record_id, docs.c.label)
    if session.get_bind().dialect.name == "sqlite":
        match = _fts_match(words, entity)
        first = (
            session.execute(
                text("SELECT rowid FROM search_fts WHERE search_fts MATCH :m LIMIT :n"),
                {"m": match, "n": RANK_AT_MOST + 1},
            )
            .scalars()
            .all()
        )
        if len(first) > RANK_AT_MOST and entity is None:
            # too broad to rank as one types (a first letter): the first matches, at once
            shown = first[:limit]
            found = {
                r.id: r
                for r in session.execute(
                    select(docs.c.id, docs.c.entity, docs.c.record_id, docs.c.label).where(
                        docs.c.id.in_(shown)
                    )
                )
            }
            return [
                SearchHit(found[i].entity, found[i].record_id, found[i].label)
                for i in shown
                if i in found
            ]
        stmt = (
            stmt.select_from(
                docs.join(text("search_fts"), text("search_fts.rowid = search_documents.id"))
            )
            .where(text("search_fts MATCH :match").bindparams(match=match))
            .order_by(text("bm25(search_fts, 10.0, 1.0, 0.0)"))
        )
    else:
        stmt = stmt.where(
            text("document @@ to_tsquery('simple', :tsq)").bindparams(tsq=_tsquery(words))
        ).order_by(
            text("ts_rank(document, to_tsquery('simple', :tsq2)) DESC").bindparams(
                tsq2=_tsquery(words)
            )
        )
    if entity is not None:
        stmt = stmt.where(docs.c.entity == entity)
    rows = session.execute(stmt.limit(limit))
    return [SearchHit(r.entity, r.record_id, r.label) for r in rows]


def _words(query: str) -> list[str]:
    return normalise(query).split() or ["\u0000"]


def _fts_rowids(query: str, entity: str | None) -> Any:
    """The FTS5 rowids (``search_documents.id``) of the documents matching ``query``."""
    match = _fts_match(_words(query), entity)
    return (
        select(text("rowid"))
        .select_from(text("search_fts"))
        .where(text("search_fts MATCH :match").bindparams(match=match))
    )


def _documents_matching(session: Session, query: str, entity: str | None) -> Any:
    """The condition on ``search_documents`` that its document matches ``query``."""
    docs = SearchDocument.__table__
    if session.get_bind().dialect.name == "sqlite":
        # FTS first, once, the kind among its words: joined the other way, SQLite asked FTS
        # again for every document of the entity (2.8 s instead of milliseconds for 10,000
        # decisions); asked for one record at a time, FTS5 takes up to a millisecond a
        # record for a query of several words, so a list walked in its order tests its
        # records against the gathered set.
        return docs.c.id.in_(_fts_rowids(query, entity))
    condition = text("document @@ to_tsquery('simple', :tsq)").bindparams(
        tsq=_tsquery(_words(query))
    )
    return and_(condition, docs.c.entity == entity) if entity else condition


def matching_ids(session: Session, query: str, *, entity: str | None = None) -> Any:
    """A SELECT of the ids of records matching ``query`` (for use in ``IN``)."""
    docs = SearchDocument.__table__
    return select(docs.c.record_id).where(_documents_matching(session, query, entity))


def count_matching(session: Session, query: str, *, entity: str) -> Any:
    """A SELECT of how many records of ``entity`` match ``query`` (each has one document).

    On SQLite FTS5 counts them alone, the kind being indexed with the words: 10-13 ms for
    all 100,000 decisions, where looking up each match's kind in ``search_documents`` took
    126.
    """
    if session.get_bind().dialect.name == "sqlite":
        return select(func.count()).select_from(_fts_rowids(query, entity).subquery())
    return select(func.count()).select_from(matching_ids(session, query, entity=entity).subquery())


def record_matches(session: Session, query: str, record_id: Any, *, entity: str) -> Any:
    """Whether the record whose id is the column ``record_id`` matches ``query``.

    Tested one record at a time: for walking a list in its own order when most records
    match, where gathering every match first costs more than the page.
    """
    docs = SearchDocument.__table__
    return exists().where(
        docs.c.record_id == record_id, _documents_matching(session, query, entity)
    )


def reindex(session: Session, *, batch: int = 1000) -> int:
    """Rebuild every search document (after bulk inserts that bypassed the ORM)."""
    connection = session.connection()
    connection.execute(delete(SearchDocument))
    total = 0
    for entity, model in ENTITIES.items():
        rows = []
        for obj in session.scalars(select(model).execution_options(yield_per=batch)):
            document = obj.search_document()
            if document is None:
                continue
            rows.append(
                {
                    "entity": entity,
                    "record_id": obj.id,
                    "label": obj.caption(),
                    "title": normalise(document[0]),
                    "body": normalise(document[1]),
                }
            )
            if len(rows) >= batch:
                connection.execute(table_of(SearchDocument).insert(), rows)
                total, rows = total + len(rows), []
        if rows:
            connection.execute(table_of(SearchDocument).insert(), rows)
            total += len(rows)
    return total
