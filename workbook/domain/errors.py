"""User-caused errors: each carries a code and parameters; the UI and CLI word them."""

from __future__ import annotations

from typing import Any, ClassVar, Self


class KnownError(Exception):
    """An error the user can understand and fix; never a bug."""

    code = "error"
    template = "{detail}"

    def __init__(self, detail: str = "", **params: Any) -> None:
        self.params: dict[str, Any] = {"detail": detail, **params}
        super().__init__(self.message)

    @property
    def message(self) -> str:
        try:
            return self.template.format(**self.params)
        except (KeyError, IndexError):
            return str(self.params.get("detail") or self.code)


class Worded(str):
    """An English sentence that keeps its code and parameters: the command line prints the
    sentence, the UI says the code in the user's language (each subclass has its table)."""

    table: ClassVar[dict[str, str]] = {}
    why: str
    params: dict[str, Any]

    def __new__(cls, why: str, **params: Any) -> Self:
        shown = {
            k: ", ".join(map(str, v)) if isinstance(v, list | tuple) else v
            for k, v in params.items()
        }
        said = super().__new__(cls, cls.table[why].format(**shown))
        said.why, said.params = why, params
        return said

    def __reduce__(self) -> Any:
        return _worded, (type(self), self.why, self.params)


def _worded(cls: type[Worded], why: str, params: dict[str, Any]) -> Worded:
    return cls(why, **params)


#: Why a value is not acceptable, by code: the rules of the forms and of import. Parameters
#: ``other`` and ``field`` are field names, ``entity`` and ``ref`` kinds of record,
#: ``choices`` stored values, ``reason`` a nested reason; the UI words each as such.
REASONS: dict[str, str] = {
    "required": "is required",
    "required_if_active": "is required for an active partnership",
    "not_email": "is not an e-mail address",
    "not_url": "is not a web address (http:// or https://)",
    "not_phone": "is not a phone number",
    "too_long": "is longer than {n} characters",
    "control_characters": "contains control characters",
    "too_many_entries": "has more than {n} entries",
    "at_least": "must be at least {n:g}",
    "at_most": "must be at most {n:g}",
    "one_of": "must be one of {choices}",
    "in_future": "must not be in the future",
    "before": "must not be before {other}",
    "before_superseded": "must not be before the decision it supersedes ({number})",
    "same_as_baseline": "must differ from the baseline",
    "expected_date": "expected a date such as 2026-11-24 or 24.11.2026",
    "expected_int": "expected a whole number",
    "expected_number": "expected a number",
    "expected_bool": "expected yes or no",
    "expected_id": "expected the id of an existing record",
    "expected_ids": "expected ids of existing records",
    "expected_entries": "expected a list of entries",
    "wrong_type": "has the wrong type",
    "no_such": "there is no such {ref}",
    "comma_in_entry": "one entry cannot contain a comma",
    "needs_resolution": "a resolved conflict needs a resolution text",
    "needs_resolved_on": "a resolved conflict needs the date it was resolved",
    "needs_mediator": "a conflict in mediation needs a mediator",
    "resolved_on_when_open": "only a resolved or closed conflict has a resolution date",
    "consensus_has_no_votes": "a decision by consensus has no vote counts",
    "supersedes_itself": "a decision cannot supersede itself",
    "supersede_cycle": "superseding it would form a cycle",
    "already_partner": "this organisation is already a partner",
    "evaluation_subject": "an evaluation reviews a partnership or a goal",
    "not_a_field": "is not a field of {kind}",
    "not_an_entry_field": "is not a field of this entry",
    "cannot_be_set": "cannot be set",
    "not_an_id": "not a record's id",
    "cannot_filter": "cannot be filtered on",
    "cannot_sort": "cannot be sorted on",
    # what import and adoption find in a file's cells
    "formula": "is a formula; type the value itself",
    "cell_error": "shows the spreadsheet error {error}; type the value itself",
    "not_app_id": "is not an ID written by the app",
    "twice_in_sheet": "the same record appears twice in this sheet",
    "none_called": "there is no {ref} called {text!r}",
    "several_called": "more than one {ref} is called {text!r}; rename one in the app",
    "circle_in_file": "with the other rows of this file, decisions would supersede each "
    "other in a circle",
    "at_row": "row {row}: {reason}",
    "at_cell": "row {row}, column {column!r}: {reason}",
    "refused": "{detail}",
    # why an import wrote nothing
    "not_applicable": "sheet {sheet!r}, row {row} is {status} and cannot be applied",
    "in_column": "column {column!r}: {reason}",
    "at_sheet_row": "sheet {sheet!r}, row {row}: {reason}",
    "at_sheet_rows": "sheet {sheet!r}, rows {first}–{last}: {reason}",
    "at_sheet_record": "sheet {sheet!r}, {label}: {reason}",
    # why columns cannot be adopted as they are mapped
    "cannot_adopt": "records of kind {entity!r} cannot be adopted",
    "no_fields_named": "{entity} has no field {fields}",
    "map_a_column": "map a column to {fields}",
    "rows_invalid": "{problems}. Nothing was adopted.",
    "row_invalid": "row {row}: {field}: {reason}. Nothing was adopted.",
    "preset_needs_name": "give the preset a name",
    # what import and adoption noticed about a row that is taken (warnings)
    "record_gone": "this record is no longer in the database (deleted since the export?); "
    "accept the row to add it again",
    "cut_at_cell_limit": "{column}: the spreadsheet cut this text at {limit:,} characters "
    "(its cells hold no more); the whole text is kept as it is in the app: change it there",
    "changed_in_database": "changed in the database since the export; the file's older "
    "values are ignored",
    "changed_on_both_sides": "changed both in the file and in the database since the export",
    "deleted_in_file": "deleted in the file by the partner: delete it here too?",
    "like_row": "looks like row {row} of this sheet (same {field})",
    "may_duplicate": "may duplicate the existing {entity} {name!r} (same {field})",
    "leading_zero": "{column}: the spreadsheet kept {value} as a number; a leading 0 may be lost",
}


class Reason(Worded):
    """Why a value is not acceptable (a code of ``REASONS``), or what a row needs looked at."""

    table = REASONS


class ValidationError(KnownError):
    """A value the user gave is not acceptable: which field (of which entry of a list) and
    why, as a ``Reason``."""

    code = "invalid_value"
    template = "{entity} {field}: {value!r} is not valid: {reason}."

    def __init__(
        self,
        entity: str,
        field: str,
        value: Any,
        why: str,
        *,
        entry: int | None = None,
        **params: Any,
    ) -> None:
        reason = why if isinstance(why, Reason) else Reason(why, **params)
        where = field if entry is None else f"{field} (entry {entry})"
        super().__init__(entity=entity, field=where, value=value, reason=reason)
        self.entity, self.field, self.value, self.reason = entity, field, value, reason
        self.entry = entry


class NotFound(KnownError):
    code = "not_found"
    template = "No {entity} with id {ident!r}"


class AmbiguousId(KnownError):
    code = "ambiguous_id"
    template = "{ident!r} matches more than one {entity}; give more characters"


class StaleRecord(KnownError):
    code = "stale_record"
    template = (
        "This {entity} was changed by someone else since you opened it "
        "(your version {expected}, now {actual}). Reload it and apply your change again."
    )


class DatabaseTooNew(KnownError):
    code = "db_too_new"
    template = (
        "The database {location} was made by a newer version of Alliance Workbook "
        "(schema {revision}). Update the application to open it; nothing was changed."
    )


class NotOurDatabase(KnownError):
    code = "not_our_db"
    template = "{location} is not an Alliance Workbook database; nothing was changed."


class DatabaseUnavailable(KnownError):
    code = "db_unavailable"
    template = "Cannot open the database {location}: {reason}"


class ConnectionLost(DatabaseUnavailable):
    """The server of a database that was open stopped answering (not an opening's failure)."""

    code = "db_lost"
    template = (
        "The connection to {location} is lost ({reason}). What you typed is kept; "
        "try again when the server is back."
    )


class DatabaseBusy(KnownError):
    """A server gave up waiting: another session holds a lock, or a statement took too long."""

    code = "db_busy"
    template = (
        "{location} is busy: another session holds these records ({reason}). Nothing was "
        "changed; try again in a moment."
    )


class DatabaseDamaged(KnownError):
    code = "db_damaged"
    template = "The database {location} is damaged ({detail}). Nothing was changed. {recovery}"

    def __init__(self, location: str, detail: str, backup: str | None, when: str | None) -> None:
        recovery = (
            f"The latest good backup is {backup} from {when}: restore it with "
            f"File > Restore from backup, or: workbook backup restore {backup}"
            if backup
            else "There is no backup of it; a copy of the file may still be readable by "
            "a specialist, so keep it."
        )
        super().__init__(detail, location=location, backup=backup, when=when, recovery=recovery)


class ReadOnlyDatabase(KnownError):
    code = "db_read_only"
    template = "{location} is open read-only ({why}); nothing can be changed."


class NeedsUpgrade(KnownError):
    code = "db_needs_upgrade"
    template = (
        "{location} was made by an older version and must be upgraded first, "
        "which cannot be done read-only."
    )


class NoWorkbookYet(NeedsUpgrade):
    code = "no_workbook_yet"
    template = (
        "{location} holds no workbook yet, and reading it makes none; set it up first "
        "(workbook server init, or open it once to write)."
    )


class NoLevel(KnownError):
    code = "no_level"
    template = (
        "Your account {member} holds no level in {location}: an admin member gives you one "
        "(File > Members, or workbook server set-level). Nothing was opened."
    )


class NotPermitted(KnownError):
    code = "not_permitted"
    template = "Your account {member} ({level}) may not do this on the shared database: {detail}"


class NotADatabaseFile(KnownError):
    code = "not_a_file"
    template = "{location} is a folder, not a database file; nothing was changed."


class DiskFull(KnownError):
    code = "disk_full"
    template = (
        "There is not enough free space on the disk of {folder}: {free} free, about {needed} "
        "needed. Free some space and try again; nothing was changed."
    )

    def __init__(self, folder: str, free: int, needed: int) -> None:
        super().__init__(folder=folder, free=megabytes(free), needed=megabytes(needed))


def megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"
