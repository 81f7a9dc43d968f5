"""Opening a database as a user meets it: in use elsewhere, damaged, or on a read-only medium.

The same steps run two ways: ``open_interactively`` on the calling thread (at start-up,
before the window is ready for work), ``open_in_background`` on the database worker with
progress once the window is working (File > Open, a restore): the window never freezes
while a large file is checked, backed up or upgraded.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QMessageBox, QWidget

from ui import tasks
from ui.errors import describe, excepthook
from ui.i18n import _t
from workbook.domain.errors import KnownError

if TYPE_CHECKING:  # loaded by the work that opens: at start-up, on the worker
    from workbook.store.db import Database

log = logging.getLogger("workbook.ui")

Opened = Callable[["Database"], None]
Failed = Callable[[BaseException], None]
#: how a step runs: its work, then what gets the database or the error
Run = Callable[[Callable[[], "Database"], Opened, Failed], None]


def open_interactively(
    parent: QWidget | None, location: str | None, member: str
) -> Database | None:
    """Open ``location`` here and now, asking the user what to do when it cannot simply
    be opened; None when nothing was opened."""

    def now(work: Callable[[], Database], opened: Opened, failed: Failed) -> None:
        try:
            db = work()
        except KnownError as exc:
            failed(exc)
            return
        opened(db)

    result: list[Database | None] = []
    _open(parent, location, member, now, result.append)
    return result[0]


def open_in_background(
    parent: QWidget,
    location: str,
    member: str,
    done: Callable[[Database | None], None],
    *,
    delay_ms: int = 600,
) -> None:
    """Open ``location`` on the database worker, with progress once it takes ``delay_ms``;
    ``done`` gets the database, or None when nothing was opened (the user was told why).
    SQLAlchemy and the models load there too, when they are not loaded yet."""
    label = _t("Opening {location}…").format(location=location)

    def on_worker(work: Callable[[], Database], opened: Opened, failed: Failed) -> None:
        tasks.Operation(parent, lambda _progress: work()).success(opened).failure(failed).run(
            label=label, delay_ms=delay_ms
        )

    _open(parent, location, member, on_worker, done)


def _open(
    parent: QWidget | None,
    location: str | None,
    member: str,
    run: Run,
    done: Callable[[Database | None], None],
) -> None:
    """Another instance holding it: offer read-only. Damaged: offer the latest good backup.
    Anything else the user can act on is said in a message."""
    title = _t("Alliance Workbook")

    def open_database(location: str | None, **options: Any) -> Database:
        from workbook.opening import open_database

        return open_database(location, **options)

    def opened(db: Database) -> None:
        for notice in db.notices:
            QMessageBox.information(parent, title, describe(notice))
        if db.read_only == "medium":
            QMessageBox.information(
                parent,
                title,
                _t(
                    "{location} cannot be written to (the file, its folder or its medium). "
                    "It is open read-only: you can read, search, export and print."
                ).format(location=db.location),
            )
        done(db)

    def refused(exc: BaseException) -> None:
        if isinstance(exc, KnownError):
            QMessageBox.critical(parent, title, describe(exc))
        else:
            excepthook(type(exc), exc, exc.__traceback__)
        done(None)

    def failed(exc: BaseException) -> None:
        from workbook.domain.errors import DatabaseDamaged  # loaded by now, with the opening
        from workbook.store.lock import DatabaseInUse

        if isinstance(exc, DatabaseInUse):
            if not _agrees(parent, describe(exc), _t("Open it read-only?")):
                done(None)
                return
            run(lambda: open_database(location, member=member, read_only=True), opened, refused)
        elif isinstance(exc, DatabaseDamaged) and exc.params.get("backup"):
            if not _agrees(parent, describe(exc), _t("Restore that backup now?")):
                done(None)
                return
            damaged, name = Path(exc.params["location"]), exc.params["backup"]

            def restore_then_open() -> Database:
                from workbook import opening

                opening.restore(damaged, name, member=member)
                return open_database(location, member=member)

            run(restore_then_open, opened, refused)
        else:
            refused(exc)

    run(lambda: open_database(location, member=member), opened, failed)


def _agrees(parent: QWidget | None, what: str, offer: str) -> bool:
    """Tell what happened and offer the way out (Yes is the default)."""
    answer = QMessageBox.question(
        parent,
        _t("Alliance Workbook"),
        what + "\n\n" + offer,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.Yes,
    )
    return answer == QMessageBox.StandardButton.Yes


def is_new(session: Any) -> bool:
    """Whether the database is new: no profile, no organisation (``workbook.demo.is_empty``
    is not loaded for it)."""
    from workbook.services import count_rows
    from workbook.services.profile import get_profile

    return not get_profile(session).is_set and not count_rows(session, "organisation")
