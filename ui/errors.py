"""One place that words errors for the user, logs bugs, and keeps the app running."""

from __future__ import annotations

import logging
import re
import sys
import traceback
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from ui.i18n import _t
from ui.labels import entity_title, field_label
from ui.refusals import refusal
from workbook import paths
from workbook.errors import DatabaseDamaged, KnownError, StaleRecord, ValidationError

log = logging.getLogger("workbook.ui")


def _messages() -> dict[str, str]:
    """How each core error code is said to the user; its parameters fill the braces."""
    return {
        "not_found": _t("There is no {entity} with the id {ident}."),
        "ambiguous_id": _t("{ident} matches more than one {entity}; give more characters."),
        "db_too_new": _t(
            "The database {location} was made by a newer version of Alliance Workbook "
            "(schema {revision}). Update the application to open it; nothing was changed."
        ),
        "not_our_db": _t("{location} is not an Alliance Workbook database; nothing was changed."),
        "db_unavailable": _t("Cannot open the database {location}: {reason}"),
        "db_lost": _t(
            "The connection to {location} is lost ({reason}). What you typed is kept; "
            "try again when the server is back."
        ),
        "db_busy": _t(
            "{location} is busy: another session holds these records ({reason}). Nothing "
            "was changed; try again in a moment."
        ),
        "no_level": _t(
            "Your account {member} holds no level in {location}: an admin member gives you "
            "one (File > Members, or workbook server set-level). Nothing was opened."
        ),
        "no_workbook_yet": _t(
            "{location} holds no workbook yet, and reading it makes none; set it up first "
            "(workbook server init, or open it once to write)."
        ),
        "db_in_use": _t(
            "{location} is open in Alliance Workbook by {member} on {host} since {since} "
            "(process {pid}). It can be opened read-only until they close it."
        ),
        "db_read_only": _t("{location} is open read-only; nothing can be changed."),
        "db_needs_upgrade": _t(
            "{location} was made by an older version and must be upgraded first, "
            "which cannot be done read-only."
        ),
        "backup_failed": _t("The backup of {location} failed: {reason}"),
        "backup_damaged": _t("The backup {name} is damaged ({reason}); nothing was restored."),
        "no_backup_on_server": _t(
            "{location} is a shared server database: back it up with the server's own "
            "tools, e.g. pg_dump -Fc -f workbook.dump DATABASE, and restore with pg_restore."
        ),
        "cannot_restore": _t("{caption} cannot be restored: {reason}"),
        "already_erased": _t("This person's data was already erased on {on}."),
        "erased_record": _t(
            "This person's data was erased on {on}; an erased contact cannot be changed."
        ),
        "stray_log_set_aside": _t(
            "A write-ahead log beside {location} did not belong to it; it was set aside "
            "without being applied, as {kept}. The database itself was not changed."
        ),
        "not_a_file": _t("{location} is a folder, not a database file; nothing was changed."),
        "disk_full": _t(
            "There is not enough free space on the disk of {folder}: {free} free, about "
            "{needed} needed. Free some space and try again; nothing was changed."
        ),
        "cancelled": _t("Cancelled; nothing was changed."),
        "import_failed": _t("Nothing was imported: {detail}"),
        "bad_archive": _t("{path} is not a usable Alliance Workbook archive: {reason}"),
        "needs_partnership": _t("The agreement is for one partnership: choose which one."),
        "target_exists": _t("{path} already exists; choose a new file name for the database."),
    }


def _reasons() -> list[tuple[re.Pattern[str], str]]:
    """Why a value is not valid, in the user's words: core reasons matched, then worded."""
    table = [
        (r"is required", _t("is required")),
        (r"is required for an active partnership", _t("is required for an active partnership")),
        (r"is not an e-mail address", _t("is not an e-mail address")),
        (r"is not a phone number", _t("is not a phone number")),
        (r"is not a web address \(http:// or https://\)", _t("is not a web address")),
        (r"is longer than (?P<n>\d+) characters", _t("is longer than {n} characters")),
        (r"contains control characters", _t("contains control characters")),
        (r"has more than (?P<n>\d+) entries", _t("has more than {n} entries")),
        (r"must be at least (?P<n>.+)", _t("must be at least {n}")),
        (r"must be at most (?P<n>.+)", _t("must be at most {n}")),
        (r"must be one of (?P<choices>.+)", _t("must be one of {choices}")),
        (r"must not be in the future", _t("must not be in the future")),
        (r"must not be before (?P<other>.+)", _t("must not be before {other}")),
        (r"must differ from the baseline", _t("must differ from the baseline")),
        (r"expected a date such as .*", _t("expected a date such as 24.11.2026")),
        (r"expected a whole number", _t("expected a whole number")),
        (r"expected a number", _t("expected a number")),
        (r"expected yes or no", _t("expected yes or no")),
        (r"there is no such (?P<what>.+)", _t("there is no such {what}")),
        (r"one entry cannot contain a comma", _t("one entry cannot contain a comma")),
        (
            r"a resolved conflict needs a resolution text",
            _t("a resolved conflict needs a resolution text"),
        ),
        (
            r"a resolved conflict needs the date it was resolved",
            _t("a resolved conflict needs the date it was resolved"),
        ),
        (
            r"a conflict in mediation needs a mediator",
            _t("a conflict in mediation needs a mediator"),
        ),
        (
            r"only a resolved or closed conflict has a resolution date",
            _t("only a resolved or closed conflict has a resolution date"),
        ),
        (
            r"a decision by consensus has no vote counts",
            _t("a decision by consensus has no vote counts"),
        ),
        (r"a decision cannot supersede itself", _t("a decision cannot supersede itself")),
        (r"superseding it would form a cycle", _t("superseding it would form a cycle")),
        (
            r"this organisation is already a partner",
            _t("this organisation is already a partner"),
        ),
        (
            r"an evaluation reviews a partnership or a goal",
            _t("an evaluation reviews a partnership or a goal"),
        ),
    ]
    return [(re.compile(pattern + "$"), words) for pattern, words in table]


def reason_words(reason: str) -> str:
    """A core validation reason in the user's language (unknown ones as they are)."""
    for pattern, words in _reasons():
        match = pattern.match(reason)
        if match:
            return words.format(**match.groupdict())
    return reason


def describe(error: KnownError) -> str:
    """A user's sentence for a known error, in the user's language."""
    if isinstance(error, ValidationError):
        field = error.field.split(" (entry ")[0]
        where = field_label(field)
        if " (entry " in error.field:
            where += _t(" (entry {n})").format(n=error.field.split(" (entry ")[1].rstrip(")"))
        return _t("{field}: {reason}.").format(field=where, reason=reason_words(error.reason))
    if isinstance(error, StaleRecord):
        return _t("This {entity} was changed by someone else since you opened it.").format(
            entity=entity_title(error.params["entity"])
        )
    if isinstance(error, DatabaseDamaged):
        text = _t("The database {location} is damaged ({detail}). Nothing was changed.").format(
            **error.params
        )
        if error.params.get("backup"):
            return (
                text
                + " "
                + _t(
                    "The latest good backup is {backup} from {when}: restore it with "
                    "File > Restore from backup, or: workbook backup restore {backup}"
                ).format(**error.params)
            )
        return text + " " + _t("There is no backup of it; keep the file for a specialist.")
    if error.code == "bad_spreadsheet" and "why" in error.params:
        reason = refusal(error.params["why"], error.params["said"], error.params["reason"])
        return _t("{file}: {reason}.").format(file=error.params["file"], reason=reason)
    words = _messages().get(error.code)
    params = dict(error.params)
    for key in ("reason", "detail"):
        if isinstance(params.get(key), str):
            params[key] = reason_words(params[key])
    if "entity" in params and isinstance(params["entity"], str):
        params["entity"] = entity_title(params["entity"])
    if words is None:
        return error.message
    try:
        return words.format(**params)
    except (KeyError, IndexError):
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


#: Errors said once while they last: a lost server fails every repaint, scroll and refresh.
ONCE = frozenset({"db_lost"})
_said: set[str] = set()


def show_known(parent: QWidget | None, error: KnownError) -> None:
    if error.code in ONCE:
        if error.code in _said:
            log.info("Said already: %s", error.message)
            return
        _said.add(error.code)
    QMessageBox.warning(parent, _t("Alliance Workbook"), describe(error))


def said_again(code: str) -> None:
    """The trouble is over (the server is back): the next time it comes, say it again."""
    _said.discard(code)


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
