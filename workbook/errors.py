"""User-caused errors: each carries a code and parameters; the UI and CLI word them."""

from __future__ import annotations

from typing import Any


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


class ValidationError(KnownError):
    """A value the user gave is not acceptable."""

    code = "invalid_value"
    template = "{entity} {field}: {value!r} is not valid: {reason}."

    def __init__(self, entity: str, field: str, value: Any, reason: str) -> None:
        super().__init__(entity=entity, field=field, value=value, reason=reason)
        self.entity, self.field, self.value, self.reason = entity, field, value, reason


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
