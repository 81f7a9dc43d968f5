"""Opening a database as a user meets it: in use elsewhere, damaged, or on a read-only medium."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from ui.errors import describe
from ui.i18n import _t
from workbook import backup
from workbook.db import Database, open_database
from workbook.errors import DatabaseDamaged, KnownError
from workbook.lock import DatabaseInUse

log = logging.getLogger("workbook.ui")


def open_interactively(
    parent: QWidget | None, location: str | None, member: str
) -> Database | None:
    """Open ``location``, asking the user what to do when it cannot simply be opened.

    Another instance holding it: offer read-only. Damaged: offer the latest good backup.
    Anything else the user can act on is said in a message; None when nothing was opened.
    """
    title = _t("Alliance Workbook")
    try:
        db = open_database(location, member=member)
    except DatabaseInUse as exc:
        if not _agrees(parent, describe(exc), _t("Open it read-only?")):
            return None
        return _plain(parent, location, member, read_only=True)
    except DatabaseDamaged as exc:
        name = exc.params.get("backup")
        if not name:
            QMessageBox.critical(parent, title, describe(exc))
            return None
        if not _agrees(parent, describe(exc), _t("Restore that backup now?")):
            return None
        try:
            backup.restore(Path(exc.params["location"]), name, member=member)
        except KnownError as failed:
            QMessageBox.critical(parent, title, describe(failed))
            return None
        return _plain(parent, location, member)
    except KnownError as exc:
        QMessageBox.critical(parent, title, describe(exc))
        return None
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
    return db


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


def _plain(
    parent: QWidget | None, location: str | None, member: str, *, read_only: bool = False
) -> Database | None:
    try:
        return open_database(location, member=member, read_only=read_only)
    except KnownError as exc:
        QMessageBox.critical(parent, _t("Alliance Workbook"), describe(exc))
        return None
