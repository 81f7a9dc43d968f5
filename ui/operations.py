"""User actions as operations on the one database worker, and what they changed, reported.

``write(parent, db, fn)`` runs ``fn(session)`` in one unit of work on the worker; on the
GUI thread its result goes to ``success`` and what the unit changed (``workbook.domain.changes``)
to every view through ``hub().changed``. ``read(parent, db, fn)`` runs a read the same
way and reports nothing. While an operation runs, the widget it names as ``busy`` is
disabled (no double submit) and the cursor says so; a failure the user can act on goes to
``failure`` or is said in a message, and nothing of it stays on screen.

Views subscribe once: ``hub().changed.connect(view.on_changes)``, and read again only
what a change touches. The live updates from a shared server arrive through the same
signal (``ui.main_window``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QWidget

from ui.errors import excepthook, show_known
from ui.tasks import runner
from workbook.domain import changes
from workbook.domain.changes import Changes
from workbook.domain.errors import KnownError
from workbook.domain.progress import Cancelled

if TYPE_CHECKING:  # the window is built before SQLAlchemy loads (``workbook.first_page``)
    from sqlalchemy.orm import Session

    from workbook.store.db import Database

log = logging.getLogger(__name__)
T = TypeVar("T")


class Hub(QObject):
    """Where what changed is said: (changes, the object that caused them or None)."""

    changed = Signal(object, object)
    #: an operation found the database unreachable (the error's code, its message)
    trouble = Signal(str, str)

    def report(self, said: Changes, initiator: object = None) -> None:
        if said:
            self.changed.emit(said, initiator)


_hub: Hub | None = None


class Watching:
    """A view that reads again what a change touches while it is seen; hidden (a section or
    tab not shown), it only notes that it is behind and reads again when shown, so that one
    save does not queue the reads of every view behind the next click."""

    _behind = False

    def changes_while_hidden(self) -> bool:
        """True when the view is hidden in a shown window: it reads again once shown."""
        widget = self if isinstance(self, QWidget) else None
        if widget is None or not widget.window().isVisible() or widget.isVisible():
            return False
        self._behind = True
        return True

    def caught_up(self) -> bool:
        """Shown again after changes it did not read: True once, then read again."""
        behind, self._behind = self._behind, False
        return behind


def hub() -> Hub:
    global _hub
    if _hub is None:
        _hub = Hub()
    return _hub


class _Op(Generic[T]):
    def __init__(self, parent: QObject | None, db: Database, fn: Callable[[Any], T]) -> None:
        self._parent, self._db, self._fn = parent, db, fn
        self._on_success: Callable[[T], None] = lambda _result: None
        self._on_failure: Callable[[KnownError], None] | None = None
        self._busy: QWidget | None = None
        self._was_enabled = True
        self.future: Future[Any] | None = None

    def success(self, callback: Callable[[T], None]) -> _Op[T]:
        self._on_success = callback
        return self

    def failure(self, callback: Callable[[KnownError], None]) -> _Op[T]:
        """A failure the user can act on (a rule broken, a record changed meanwhile)."""
        self._on_failure = callback
        return self

    def busy(self, widget: QWidget | None) -> _Op[T]:
        """Disable ``widget`` while the operation runs."""
        self._busy = widget
        return self

    def _work(self) -> tuple[T, Changes]:  # pragma: no cover - each kind says
        raise NotImplementedError

    def run(self) -> _Op[T]:
        if self._busy is not None:
            self._was_enabled = self._busy.isEnabled()
            self._busy.setEnabled(False)
        if self._cursor:
            QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
        self.future = runner().submit(self._work, self._done, counts=self._counts)
        return self

    _counts = True
    #: a write shows the busy cursor; a read that fills a view does not flicker it
    _cursor = True

    def _done(self, future: Future[Any]) -> None:
        if self._cursor:
            QApplication.restoreOverrideCursor()
        if self._busy is not None and shiboken6.isValid(self._busy):
            self._busy.setEnabled(self._was_enabled)  # as it was: a read-only form stays so
        if future.cancelled():
            return
        error = future.exception()
        gone = self._parent is not None and not shiboken6.isValid(self._parent)
        if error is None:
            result, said = future.result()
            # every view hears what changed first; then the one who asked goes on (a form's
            # save selects its record in a list that has already begun reading again)
            hub().report(said, None if gone else self._parent)
            if not gone:  # its window was closed while the worker ran
                self._on_success(result)
            return
        if gone:
            log.info("Failed after its window closed: %s", error)
            return
        if isinstance(error, Cancelled):
            log.info("Cancelled by the user")
        elif isinstance(error, KnownError):
            if error.code == "db_lost":
                hub().trouble.emit(error.code, error.message)
            if self._on_failure is not None:
                self._on_failure(error)
            else:
                show_known(self._parent if isinstance(self._parent, QWidget) else None, error)
        else:
            excepthook(type(error), error, error.__traceback__)


class WriteOp(_Op[T]):
    """One unit of work on the worker; what it changed goes to every view."""

    def _work(self) -> tuple[T, Changes]:
        with self._db.unit() as session:
            result = self._fn(session)
        return result, changes.of(session)


class ReadOp(_Op[T]):
    """A read on the worker (no write lock); it changes nothing and reports nothing. A read
    that only fills a view does not hold up closing the window."""

    _counts = False
    _cursor = False

    def _work(self) -> tuple[T, Changes]:
        with self._db.reading() as session:
            return self._fn(session), Changes()


class CallOp(_Op[T]):
    """Work on the worker that opens its own connection (a server's accounts are managed
    as its administrator, not in a unit of work); it reports nothing."""

    _counts = False

    def _work(self) -> tuple[T, Changes]:
        return self._fn(None), Changes()


@contextmanager
def unit(db: Database, initiator: object = None) -> Iterator[Session]:
    """A unit of work on the calling thread whose changes are reported when it commits:
    for the writes of dialogs that still save in place (they move to ``write``)."""
    with db.unit() as session:
        yield session
    hub().report(changes.of(session), initiator)


def write(parent: QObject | None, db: Database, fn: Callable[[Any], T]) -> WriteOp[T]:
    return WriteOp(parent, db, fn)


def read(parent: QObject | None, db: Database, fn: Callable[[Any], T]) -> ReadOp[T]:
    return ReadOp(parent, db, fn)


def call(parent: QObject | None, db: Database, fn: Callable[[], T]) -> CallOp[T]:
    return CallOp(parent, db, lambda _nothing: fn())
