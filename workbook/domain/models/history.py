"""Change history rows and the association's own settings."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import BigInteger, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from workbook.domain.models.base import Base, ShortText, utcnow


class Change(Base):
    """One field of one record changed (or a record created or deleted), by whom and when."""

    __tablename__ = "changes"
    __table_args__ = (Index("ix_changes_record", "record_id", "changed_at"),)

    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )
    entity: Mapped[ShortText]
    record_id: Mapped[uuid.UUID]
    action: Mapped[str] = mapped_column(String(10))
    subject: Mapped[ShortText | None]
    field: Mapped[ShortText | None]
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    changed_by: Mapped[str] = mapped_column(String(200))
    changed_at: Mapped[datetime] = mapped_column(default=utcnow)


class Setting(Base):
    """Key/value settings that belong to the database (the association profile)."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[str | None] = mapped_column(Text)


class TrashEntry(Base):
    """A deleted record with everything its delete took along, restorable until purged."""

    __tablename__ = "trash"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    entity: Mapped[ShortText]
    record_id: Mapped[uuid.UUID]
    caption: Mapped[str] = mapped_column(Text)
    deleted_by: Mapped[str] = mapped_column(String(200))
    deleted_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    #: JSON: {"rows": {table: [row, ...]}, "unlinked": [{table, column, value, ids}]}
    payload: Mapped[str] = mapped_column(Text)


class SearchDocument(Base):
    """The searchable text of one record, normalised (lower case, no diacritics).

    On SQLite an FTS5 table (``search_fts``) indexes it through triggers; on PostgreSQL a
    generated ``tsvector`` column with a GIN index does. Both are created by the migration.
    """

    __tablename__ = "search_documents"

    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )
    entity: Mapped[ShortText] = mapped_column(index=True)
    record_id: Mapped[uuid.UUID] = mapped_column(unique=True)
    label: Mapped[str] = mapped_column(Text)
    title: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
