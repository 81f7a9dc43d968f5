"""One place that words errors for the user, logs bugs, and keeps the app running."""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from ui.labels import entity_title, field_label
from workbook import paths
from workbook.errors import KnownError, StaleRecord, ValidationError

log = logging.getLogger("workbook.ui")


def _t(text: str) -> str:
    return QCoreApplication.translate("Errors", text)


def describe(error: KnownError) -> str:
    """A user's sentence for a known error."""
    if isinstance(error, ValidationError):
        field = error.field.split(" (entry ")[0]
        where = field_label(field)
        if " (entry " in error.field:
            where += _t(" (entry {n})").format(n=error.field.split(" (entry ")[1].rstrip(")"))
        return _t("{field}: {reason}.").format(field=where, reason=error.reason)
    if isinstance(error, StaleRecord):
        return _t("This {entity} was changed by someone else since you opened it.").format(
            entity=entity_title(error.params["entity"])
        )
    return error.message


def write_failure(error: BaseException, path: str) -> str:
    """Why a file could not be written, as a sentence; anything else is a bug and goes on."""
    if isinstance(error, KnownError):
        return describe(error)
    if isinstance(error, OSError):
        return _t("Cannot write {path}: {reason}").format(path=path, reason=error.strerror)
    raise error


def setup_logging() -> str:
    """Log to a file in the user log directory; returns its path."""
    path = paths.log_dir() / "workbook.log"
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return str(path)


def show_known(parent: QWidget | None, error: KnownError) -> None:
    QMessageBox.warning(parent, _t("Alliance Workbook"), describe(error))


def excepthook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
    """Unexpected errors: logged with traceback, shown as one short message; the app goes on."""
    if isinstance(value, KnownError):
        show_known(QApplication.activeWindow(), value)
        return
    log.error("Unexpected error\n%s", "".join(traceback.format_exception(kind, value, tb)))
    if QApplication.instance() is None:
        sys.__excepthook__(kind, value, tb)
        return
    box = QMessageBox(QApplication.activeWindow())
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(_t("Something went wrong"))
    box.setText(
        _t(
            "Alliance Workbook ran into a problem and could not finish this action. "
            "Your saved data is safe."
        )
    )
    box.setInformativeText(
        _t("Details were written to {path}").format(path=paths.log_dir() / "workbook.log")
    )
    box.exec()
