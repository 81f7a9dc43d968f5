"""Starting while the last server cannot be reached (a laptop on the train).

The app never exits with no window because a server is away: it says so once and offers
the ways on, try again, the last file used on this computer, or another file. The server is
knocked on (a TCP connection, three seconds at most) before a password is asked for, so
nobody types a password for a server that is not there.
"""

from __future__ import annotations

import logging
import socket
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton, QWidget
from sqlalchemy.engine import make_url

from ui.i18n import _t
from ui.settings import recent_databases

log = logging.getLogger("workbook.ui")
KNOCK_SECONDS = 3.0


def unreachable(url: str) -> str | None:
    """Why the server of ``url`` cannot be reached, or None when it answers."""
    parsed = make_url(url)
    host, port = parsed.host or "localhost", parsed.port or 5432
    if host.startswith("/"):
        return None  # a Unix socket: the driver says whether it is there
    try:
        with socket.create_connection((host, port), timeout=KNOCK_SECONDS):
            return None
    except OSError as exc:
        log.info("The server %s:%s did not answer: %s", host, port, exc)
        return exc.strerror or str(exc) or type(exc).__name__


def last_local_file() -> str | None:
    """The newest file of the recent databases that is still on this computer."""
    return next(
        (r for r in recent_databases() if "://" not in r and Path(r).is_file()),
        None,
    )


class Choice:
    RETRY = "retry"
    LOCAL = "local"
    OTHER = "other"
    QUIT = "quit"


def ask(parent: QWidget | None, said: str) -> tuple[str, str | None]:
    """What to do now, after ``said`` (why the server did not open): (choice, the file for
    LOCAL and OTHER)."""
    local = last_local_file()
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(_t("Alliance Workbook"))
    box.setText(said)
    box.setInformativeText(
        _t("You can try again, or work on a file on this computer in the meantime.")
    )
    retry = box.addButton(_t("Try again"), QMessageBox.ButtonRole.AcceptRole)
    use_local: QPushButton | None = None
    if local is not None:
        use_local = box.addButton(
            _t("Open {name}").format(name=Path(local).name), QMessageBox.ButtonRole.ActionRole
        )
        use_local.setToolTip(local)
    other = box.addButton(_t("Open a file..."), QMessageBox.ButtonRole.ActionRole)
    box.addButton(_t("Quit"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(retry)
    box.exec()
    clicked = box.clickedButton()
    if clicked is retry:
        return Choice.RETRY, None
    if use_local is not None and clicked is use_local:
        return Choice.LOCAL, local
    if clicked is other:
        path, _ = QFileDialog.getOpenFileName(
            parent,
            _t("Open database"),
            str(Path.home()),
            _t("Workbook databases (*.sqlite)"),
        )
        return (Choice.OTHER, path) if path else (Choice.RETRY, None)
    return Choice.QUIT, None
