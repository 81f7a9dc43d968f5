"""What each entity is made of: its fields, list columns, facets and own rules."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from sqlalchemy import ColumnElement, FromClause
from sqlalchemy.orm import QueryableAttribute, Session

from workbook.domain.errors import KnownError
from workbook.domain.models import Record
from workbook.services.fields import Field

M = TypeVar("M", bound=Record)
Hook = Callable[[Session, Any], None]
ApplyHook = Callable[[Session, Any, dict[str, Any]], None]


@dataclass(frozen=True, slots=True)
class ListColumn:
    """A column of an entity's list: its key, its SQL expression and its kind of value."""

    key: str
    expression: ColumnElement[Any] | QueryableAttribute[Any]
    kind: str = "text"


@dataclass(frozen=True)
class EntitySpec(Generic[M]):
    """An entity, typed by its model: ``records.get(session, DECISIONS, ident)`` is a
    ``Decision``; by its name (``"decision"``) a ``Record``."""

    entity: str
    model: type[M]
    fields: tuple[Field, ...]
    columns: tuple[ListColumn, ...]
    default_sort: str
    default_descending: bool = False
    joins: tuple[tuple[FromClause | type[Record], ColumnElement[bool]], ...] = ()
    facets: dict[str, Callable[[Any], ColumnElement[bool]]] = field(default_factory=dict)
    date_field: str | None = None
    #: assigns values that are not plain columns (tags, partners, attendees ...)
    apply: ApplyHook | None = None
    #: rules across fields, run after every create and update
    check: Hook | None = None
    #: ``check`` looks at the record's own fields alone, never at other records: in a batch
    #: written together (an import's), its records need not be flushed one by one
    check_is_local: bool = False
    on_create: Hook | None = None
    on_delete: Hook | None = None
    #: reads the values that are not plain columns, in the form ``apply`` takes them
    read: Callable[[Any], dict[str, Any]] | None = None
    #: ``read`` for many records at once, by id, in a query or two (an export's batch)
    read_many: Callable[[Session, list[uuid.UUID]], dict[uuid.UUID, dict[str, Any]]] | None = None

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(name)

    def column(self, key: str) -> ListColumn:
        for c in self.columns:
            if c.key == key:
                return c
        raise KeyError(key)


_SPECS: dict[str, EntitySpec[Any]] = {}


class UnknownEntity(KnownError):
    code = "unknown_entity"
    template = "There is no kind of record called {entity!r}; known: {known}"


def register(spec: EntitySpec[M]) -> EntitySpec[M]:
    _SPECS[spec.entity] = spec
    return spec


def spec_for(entity: str | EntitySpec[Any]) -> EntitySpec[Any]:
    """The entity's spec, by its name (or the spec itself)."""
    if isinstance(entity, EntitySpec):
        return entity
    try:
        return _SPECS[entity]
    except KeyError:
        raise UnknownEntity(entity=entity, known=", ".join(sorted(_SPECS))) from None


def all_specs() -> list[EntitySpec[Any]]:
    return list(_SPECS.values())
