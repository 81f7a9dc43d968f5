"""One place that words errors for the user, logs bugs, and keeps the app running."""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from ui.i18n import _t
from ui.labels import entity_title, field_label, status_word, value_label
from ui.refusals import refusal
from workbook.domain.errors import (
    DatabaseDamaged,
    KnownError,
    Reason,
    StaleRecord,
    ValidationError,
    Worded,
)
from workbook.store import paths

if TYPE_CHECKING:
    from workbook.exchange.importer import Problem

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
        "sync_file_refused": _t("The change file {file} was not applied: {why}."),
        "sync_not_a_folder": _t("The sync folder {folder} cannot be used: {why}."),
        "sync_not_joined": _t(
            "This database does not sync through a folder yet: start a shared folder from it "
            "or join one (File > Sync with members)."
        ),
        "sync_server": _t(
            "A database on a server keeps its members in step itself; only a database file "
            "syncs through a folder."
        ),
        "sync_folder_unwritable": _t(
            "Could not write to the sync folder {folder}: {reason}. Nothing is lost: this "
            "laptop's changes are kept and go out with the next sync."
        ),
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
        "import_failed": _t("Nothing was imported: {reason}"),
        "bad_mapping": "{reason}",
        "bad_archive": _t("{path} is not a usable Alliance Workbook archive: {reason}"),
        "needs_partnership": _t("The agreement is for one partnership: choose which one."),
        "needs_record": _t("This report prints one record: choose which one."),
        "target_exists": _t("{path} already exists; choose a new file name for the database."),
    }


def reason_texts() -> dict[str, str]:
    """Why a value is not acceptable, by the core's code (``workbook.domain.errors.REASONS``)."""
    return {
        "required": _t("is required"),
        "required_if_active": _t("is required for an active partnership"),
        "not_email": _t("is not an e-mail address"),
        "not_url": _t("is not a web address (http:// or https://)"),
        "not_phone": _t("is not a phone number"),
        "too_long": _t("is longer than {n} characters"),
        "control_characters": _t("contains control characters"),
        "too_many_entries": _t("has more than {n} entries"),
        "at_least": _t("must be at least {n}"),
        "at_most": _t("must be at most {n}"),
        "one_of": _t("must be one of {choices}"),
        "in_future": _t("must not be in the future"),
        "before": _t("must not be before “{other}”"),
        "before_superseded": _t("must not be before the decision it supersedes ({number})"),
        "same_as_baseline": _t("must differ from the baseline"),
        "expected_date": _t("expected a date such as 24.11.2026"),
        "expected_int": _t("expected a whole number"),
        "expected_number": _t("expected a number"),
        "expected_bool": _t("expected yes or no"),
        "expected_id": _t("expected an existing record"),
        "expected_ids": _t("expected existing records"),
        "expected_entries": _t("expected a list of entries"),
        "wrong_type": _t("is not a value this field takes"),
        "no_such": _t("there is no such {ref}"),
        "comma_in_entry": _t("one entry cannot contain a comma"),
        "needs_resolution": _t("a resolved conflict needs a resolution text"),
        "needs_resolved_on": _t("a resolved conflict needs the date it was resolved"),
        "needs_mediator": _t("a conflict in mediation needs a mediator"),
        "resolved_on_when_open": _t("only a resolved or closed conflict has a resolution date"),
        "consensus_has_no_votes": _t("a decision by consensus has no vote counts"),
        "supersedes_itself": _t("a decision cannot supersede itself"),
        "supersede_cycle": _t("superseding it would form a cycle"),
        "already_partner": _t("this organisation is already a partner"),
        "evaluation_subject": _t("an evaluation reviews a partnership or a goal"),
        "not_a_field": _t("is not a field of {kind}"),
        "not_an_entry_field": _t("is not a field of this entry"),
        "cannot_be_set": _t("cannot be set here"),
        "not_an_id": _t("is not the id of a record"),
        "cannot_filter": _t("cannot be filtered on"),
        "cannot_sort": _t("cannot be sorted on"),
        "formula": _t("is a formula; type the value itself"),
        "cell_error": _t("shows the spreadsheet error {error}; type the value itself"),
        "not_app_id": _t("is not an ID written by the app"),
        "twice_in_sheet": _t("the same record appears twice in this sheet"),
        "none_called": _t("there is no {ref} called “{text}”"),
        "several_called": _t("more than one {ref} is called “{text}”; rename one in the app"),
        "circle_in_file": _t(
            "with the other rows of this file, decisions would supersede each other in a circle"
        ),
        "at_row": _t("row {row}: {reason}"),
        "at_cell": _t("row {row}, column “{column}”: {reason}"),
        "refused": "{detail}",
        "not_applicable": _t("sheet “{sheet}”, row {row} is {status} and cannot be applied"),
        "in_column": _t("column “{column}”: {reason}"),
        "at_sheet_row": _t("sheet “{sheet}”, row {row}: {reason}"),
        "at_sheet_rows": _t("sheet “{sheet}”, rows {first}–{last}: {reason}"),
        "at_sheet_record": _t("sheet “{sheet}”, {label}: {reason}"),
        "cannot_adopt": _t("records of kind {entity} cannot be taken in from a list"),
        "no_fields_named": _t("{entity} has no field {fields}"),
        "map_a_column": _t("choose a column for {fields}"),
        "rows_invalid": _t("{problems}. Nothing was taken in."),
        "row_invalid": _t("row {row}: {field}: {reason}. Nothing was taken in."),
        "preset_needs_name": _t("give the saved column choice a name"),
        "record_gone": _t(
            "this record is no longer in the database (deleted since the export?); accept the "
            "row to add it again"
        ),
        "cut_at_cell_limit": _t(
            "{column}: the spreadsheet cut this text at {limit} characters (its cells hold no "
            "more); the whole text is kept as it is in the app: change it there"
        ),
        "changed_in_database": _t(
            "changed in the database since the export; the file's older values are ignored"
        ),
        "changed_on_both_sides": _t(
            "changed both in the file and in the database since the export"
        ),
        "deleted_in_file": _t("deleted in the file by the partner: delete it here too?"),
        "like_row": _t("looks like row {row} of this sheet (same {field})"),
        "may_duplicate": _t("may duplicate the existing {entity} “{name}” (same {field})"),
        "leading_zero": _t(
            "{column}: the spreadsheet kept {value} as a number; a leading 0 may be lost"
        ),
    }


def _worded_param(key: str, value: Any) -> str:
    """One parameter of a reason as the user reads it: kinds, fields and values by their
    labels, numbers as the language writes them, nested reasons worded too."""
    if isinstance(value, Worded):
        return reason_words(value)
    if key in ("entity", "ref", "kind"):
        return entity_title(str(value))
    if key in ("other", "field"):
        return field_label(str(value))
    if key == "fields":
        return ", ".join(field_label(str(v)) for v in value)
    if key == "status":
        return status_word(str(value))
    if key == "choices":
        return ", ".join(value_label(str(v)) for v in value)
    if key == "problems":
        return "; ".join(reason_words(v) for v in value)
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return QLocale().toString(value)
    if isinstance(value, float):
        return QLocale().toString(value, "g", 12)
    return str(value)


def reason_words(reason: str) -> str:
    """A reason of the core (``workbook.domain.errors.Reason``) in the user's language; a text
    that carries no code (a partner's own words) as it is."""
    if not isinstance(reason, Reason):
        return reason
    if reason.why == "refused" and isinstance(reason.params.get("error"), KnownError):
        return describe(reason.params["error"])
    words = reason_texts().get(reason.why)
    if words is None:
        return str(reason)
    return words.format(**{k: _worded_param(k, v) for k, v in reason.params.items()})


def problem_words(problem: Problem) -> str:
    """What is wrong in one cell of an imported row, in the user's language."""
    # the column as the file heads it ("Zielwert"); a field only a rule names, by its label
    column = field_label(problem.column) if problem.column.islower() else problem.column
    said = _t("{column}: {reason}").format(column=column, reason=reason_words(problem.reason))
    if problem.value in (None, ""):
        return said
    return _t("{said} (“{value}”)").format(said=said, value=str(problem.value)[:80])


def _missing_translation(language: str, parts: list[tuple[str, str]]) -> str:
    """Which texts of an agreement have no translation into ``language`` yet."""
    words = {
        "purpose": _t("the purpose"),
        "role": _t("the role of {name}"),
        "responsibilities": _t("the responsibilities of {name}"),
        "section": _t("section “{name}”"),
        "goal": _t("the goal “{name}”"),
        "signatory": _t("the function of {name}"),
    }
    missing = ", ".join(words[kind].format(name=name) for kind, name in parts)
    return _t(
        "The agreement has no text in {language} yet for: {missing}. Add it in the form, or "
        "print it in the language it is written in."
    ).format(language={"de": _t("German"), "en": _t("English")}[language], missing=missing)


def describe(error: KnownError) -> str:
    """A user's sentence for a known error, in the user's language."""
    if isinstance(error, ValidationError):
        where = field_label(error.field, error.params.get("entity"))
        if error.entry is not None:
            where += _t(" (entry {n})").format(n=error.entry)
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
    if error.code == "missing_translation":
        return _missing_translation(error.params["code"], error.params["parts"])
    if error.code == "bad_spreadsheet" and "why" in error.params:
        reason = refusal(error.params["why"], error.params["said"], error.params["reason"])
        return _t("{file}: {reason}.").format(file=error.params["file"], reason=reason)
    words = _messages().get(error.code)
    params = dict(error.params)
    if error.code in ("sync_file_refused", "sync_not_a_folder"):
        params["why"] = _sync_reasons().get(params.get("reason", ""), params.get("why", ""))
    for key in ("reason", "detail"):
        if isinstance(params.get(key), Reason):
            params[key] = reason_words(params[key])
    if "entity" in params and isinstance(params["entity"], str):
        params["entity"] = entity_title(params["entity"])
    if words is None:
        return error.message
    try:
        return words.format(**params)
    except (KeyError, IndexError):
        return error.message


def _sync_reasons() -> dict[str, str]:
    """Why a change file or a sync folder was refused (``workbook.sync``), by code."""
    return {
        "foreign": _t("it is not Alliance Workbook's"),
        "newer": _t("a newer version of the app wrote it; update Alliance Workbook here"),
        "damaged": _t("it is damaged"),
        "signature": _t("its signature does not match its member's key"),
        "misnamed": _t("its name is not the one its content gives"),
        "association": _t("it belongs to another association"),
        "not_admitted": _t("it is signed by a key the association did not admit"),
        "removed": _t("its member was removed from the association before writing it"),
        "taken": _t("it already holds an association's changes"),
        "already": _t("this database already syncs through a folder"),
        "empty": _t("no association syncs through it yet"),
        "records": _t("this database holds records of its own; join with a new database"),
        "no_request": _t("there is no request to join from that laptop"),
        "copying": _t(
            "its older changes are in a snapshot that is not whole here yet; try again "
            "when the sync client has copied it"
        ),
    }


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
