"""Declarative base, shared column types and the columns every record has."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Annotated, Any, ClassVar

from sqlalchemy import Date, DateTime, MetaData, String, Table, Text, Uuid
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

if TYPE_CHECKING:
    from sqlalchemy import FromClause
    from sqlalchemy.orm import Mapper

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    """Naive UTC timestamp, stored the same way on SQLite and PostgreSQL."""
    return datetime.now(UTC).replace(tzinfo=None)


Name = Annotated[str, 200]
ShortText = Annotated[str, 80]
LongText = Annotated[str, "text"]


def table_of(model: Any) -> Table:
    """A mapped class's (or record's) table, as the ``Table`` it is (typed ``FromClause``)."""
    table = model.__table__
    assert isinstance(table, Table)
    return table


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {
        uuid.UUID: Uuid(),
        datetime: DateTime(),
        date: Date(),
        Name: String(200),
        ShortText: String(80),
        LongText: Text(),
        str: String(255),
    }


class Record:
    """Identity, timestamps and the optimistic-locking version of every record.

    ``__entity__`` is the record's name in the association's words (used by history,
    search and the CLI); ``__history_root__`` names the relationship to the aggregate
    root for child records, whose changes are filed under their root.
    """

    __entity__: ClassVar[str]
    if TYPE_CHECKING:  # what each mapped subclass of Base has
        __table__: FromClause
        __tablename__: Any
        __mapper__: Mapper[Any]
    __history_root__: ClassVar[str | None] = None
    __history_exclude__: ClassVar[frozenset[str]] = frozenset()

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(nullable=False)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, object]:
        return {"version_id_col": cls.version}

    def search_document(self) -> tuple[str, str] | None:
        """Title and body for full-text search, or None when not searchable."""
        return None

    def caption(self) -> str:
        doc = self.search_document()
        return doc[0] if doc else str(self.id)
