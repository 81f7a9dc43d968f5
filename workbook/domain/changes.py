"""What a unit of work changed, reported rather than guessed: the kinds of record, their
ids, and whether lists' counts or records' relations moved.

Every flush notes the records it wrote in the session (``note``, called by the history's
hooks, so bulk writes that skip the flush are noted too); ``of(session)`` gives the sum
after the unit. A view refreshes only when a change touches what it shows.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the first page shows before SQLAlchemy loads: this module is light
    from sqlalchemy.orm import Session

_KEY = "workbook.domain.changes"


@dataclass(frozen=True)
class Changes:
    """``kinds``: the entities whose records changed (a child record is filed under its
    parent's kind, e.g. a progress update under its goal); ``ids``: those records;
    ``counts``: records were added or removed, so lists' counts move; ``relations``: child
    records or links changed; ``everything``: the whole database may differ (a restore, a
    switch of database, settings that every view shows)."""

    kinds: frozenset[str] = frozenset()
    ids: frozenset[uuid.UUID] = frozenset()
    counts: bool = False
    relations: bool = False
    everything: bool = False

    def __bool__(self) -> bool:
        return self.everything or bool(self.kinds)

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            self.kinds | other.kinds,
            self.ids | other.ids,
            self.counts or other.counts,
            self.relations or other.relations,
            self.everything or other.everything,
        )

    def touches(self, kinds: Iterable[str]) -> bool:
        """True when a view showing records of ``kinds`` may show something else now."""
        return self.everything or not self.kinds.isdisjoint(kinds)


#: Everything may have changed: every view reads again.
EVERYTHING = Changes(everything=True)


@dataclass
class _Noted:
    kinds: set[str] = field(default_factory=set)
    ids: set[uuid.UUID] = field(default_factory=set)
    counts: bool = False
    relations: bool = False


def note(
    session: Session, kind: str, record_id: uuid.UUID | None, action: str, *, child: bool
) -> None:
    """A record of ``kind`` was created, updated or deleted (``action``) in this session;
    ``child`` when it is a part of that record (a step, a progress update)."""
    noted = session.info.setdefault(_KEY, _Noted())
    noted.kinds.add(kind)
    if record_id is not None:
        noted.ids.add(record_id)
    if child:
        noted.relations = True
    elif action in ("create", "delete"):
        noted.counts = True


def note_everything(session: Session) -> None:
    """A write the records do not show (settings, a profile): every view reads again."""
    session.info[_KEY + ".all"] = True


def of(session: Session) -> Changes:
    """What the session's writes changed so far."""
    noted: _Noted | None = session.info.get(_KEY)
    everything = bool(session.info.get(_KEY + ".all"))
    if noted is None:
        return Changes(everything=everything)
    return Changes(
        frozenset(noted.kinds),
        frozenset(noted.ids),
        noted.counts,
        noted.relations,
        everything,
    )
