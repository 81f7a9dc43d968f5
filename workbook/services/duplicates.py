"""Records that are probably the same as one being typed: the same name once spelling is set
aside ("Demokratiewerkstatt Köln e. V." and "Demokratiewerkstatt Koeln e.V."), or the same
e-mail address. The form says so as the user types, and offers the existing record."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from workbook.domain.models import Contact, Organisation
from workbook.store.search import normalise

_MODELS: dict[str, Any] = {"organisation": Organisation, "contact": Contact}
_GERMAN = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})
#: Legal forms written in many ways: "e. V.", "e.V.", "eV", "gGmbH", "g GmbH".
_LETTERS = re.compile(r"(?<=\b\w) (?=\w\b)")


def name_key(name: str) -> str:
    """The name with case, accents, punctuation and the spacing of legal forms set aside."""
    return _LETTERS.sub("", normalise(name.translate(_GERMAN)))


def _pieces(name: str) -> set[str]:
    """Of each word, the longest run of letters that every spelling of it keeps ("ller" of
    "Müller" is in "Mueller" too), to narrow the search in SQL."""
    pieces = set()
    for word in name.translate(_GERMAN).split():
        runs = [r for r in re.split(r"ae|oe|ue|ss|[^A-Za-z]", word) if len(r) >= 3]
        if runs:
            pieces.add(max(runs, key=len))
    return pieces


@dataclass(frozen=True, slots=True)
class Duplicate:
    id: uuid.UUID
    caption: str
    #: "name" or "email": what the two have in common
    why: str


def similar(
    session: Session,
    entity: str,
    *,
    name: str | None = None,
    email: str | None = None,
    exclude: uuid.UUID | None = None,
) -> list[Duplicate]:
    """Organisations or contacts that are probably the one being typed (at most five)."""
    model = _MODELS.get(entity)
    if model is None:
        return []
    key = name_key(name) if name else ""
    wanted = [model.name.ilike(f"%{piece}%") for piece in _pieces(name or "")] if key else []
    if email and email.strip():
        wanted.append(func.lower(model.email) == email.strip().lower())
    if not wanted:
        return []
    stmt = select(model.id, model.name, model.email).where(or_(*wanted))
    if entity == "contact":
        stmt = stmt.where(Contact.erased_on.is_(None))
    if exclude is not None:
        stmt = stmt.where(model.id != exclude)
    found = []
    for ident, caption, their_email in session.execute(stmt.limit(200)):
        if email and their_email and their_email.strip().lower() == email.strip().lower():
            found.append(Duplicate(ident, caption, "email"))
        elif key and name_key(caption) == key:
            found.append(Duplicate(ident, caption, "name"))
    return found[:5]
