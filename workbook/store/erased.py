"""An erased person stays erased: the guard every session of the database runs before it
writes (``workbook.store.db`` hangs it on the session, as it does the history and the search).
The erasure itself is ``workbook.privacy.erasure``."""

from __future__ import annotations

from sqlalchemy import inspect
from sqlalchemy.orm import Session

from workbook.domain.errors import KnownError
from workbook.domain.models import Contact

#: A contact's fields that an erasure empties; once erased, none of them changes again.
PERSONAL_FIELDS = (
    "name",
    "role",
    "email",
    "phone",
    "language",
    "consent_given_on",
    "consent_purpose",
    "notes",
    "erased_on",
)


class ErasedRecord(KnownError):
    code = "erased_record"
    template = "This person's data was erased on {on}; an erased contact cannot be changed."


def refuse_erased_changes(session: Session, _context: object, _instances: object) -> None:
    """Before every flush: an erased contact's personal fields stay as the erasure left them."""
    for obj in session.dirty:
        if not isinstance(obj, Contact):
            continue
        state = inspect(obj)
        erased = state.attrs.erased_on.history
        was = (erased.deleted or erased.unchanged or [None])[0]
        if was is None:
            continue
        if any(state.attrs[f].history.has_changes() for f in PERSONAL_FIELDS):
            raise ErasedRecord(on=str(was))
