"""What a database that syncs through a folder keeps beside its records, and the triggers
that note every local change for the next change file.

Only SQLite files sync through a folder (a shared server keeps its members in step itself).
The bookkeeping lives in tables of its own (``sync_*``), made when a database first joins a
folder; the records' tables are untouched. Triggers on every synced table note which rows
and columns changed (``sync_dirty``), whatever wrote them: a form, an import's bulk UPDATE,
a restore from the trash, an erasure. The values themselves are read when the change file
is written, so a field edited ten times travels once. While a change file from another
member is applied, ``sync_state.applying`` is 1 inside that transaction and the triggers
note nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import LargeBinary, Table, UniqueConstraint

from workbook.domain.models import Base

#: Tables of local bookkeeping, derived data or one laptop's own state: never synced. The
#: change history is written again on each laptop from what a change file brings, naming
#: the member and laptop that made each change.
LOCAL_TABLES = frozenset(
    {"changes", "search_documents", "trash", "attention_marks", "number_counters"}
)
#: Columns each laptop keeps for itself: the optimistic lock and the time of the last write.
LOCAL_COLUMNS = frozenset({"version", "updated_at"})
#: Elements of a set, named in a change file by what they hold, not by their id: the same
#: strength added to an organisation on two laptops is one strength everywhere.
SETS = {
    "organisation_tags": ("organisation_id", "category", "label"),
    "partnership_partners": ("partnership_id", "organisation_id"),
    "clauses": ("key", "language"),
}
#: Settings that belong to one laptop's copy (work left for after an upgrade).
LOCAL_SETTINGS = "after_upgrade:%"

DDL = (
    "CREATE TABLE IF NOT EXISTS sync_state (id INTEGER PRIMARY KEY CHECK (id = 1), "
    "replica TEXT NOT NULL, association TEXT NOT NULL, member TEXT NOT NULL, "
    "laptop TEXT NOT NULL, private_key BLOB NOT NULL, folder TEXT, "
    "seq INTEGER NOT NULL DEFAULT 0, lamport INTEGER NOT NULL DEFAULT 0, "
    "applying INTEGER NOT NULL DEFAULT 0, schema TEXT, synced_at TEXT)",
    # which rows and columns changed here since the last change file ('*' made, '-' deleted)
    "CREATE TABLE IF NOT EXISTS sync_dirty (tbl TEXT NOT NULL, pk TEXT NOT NULL, "
    "col TEXT NOT NULL, PRIMARY KEY (tbl, pk, col)) WITHOUT ROWID",
    # the change file each field's value came from ('*' the row's, '#' made or deleted)
    "CREATE TABLE IF NOT EXISTS sync_clock (tbl TEXT NOT NULL, pk TEXT NOT NULL, "
    "col TEXT NOT NULL, replica TEXT NOT NULL, seq INTEGER NOT NULL, "
    "lamport INTEGER NOT NULL, PRIMARY KEY (tbl, pk, col)) WITHOUT ROWID",
    # the values that lost to a concurrent edit of the same field: the open conflicts
    "CREATE TABLE IF NOT EXISTS sync_siblings (tbl TEXT NOT NULL, pk TEXT NOT NULL, "
    "col TEXT NOT NULL, replica TEXT NOT NULL, seq INTEGER NOT NULL, "
    "lamport INTEGER NOT NULL, value TEXT, PRIMARY KEY (tbl, pk, col, replica, seq))",
    # each member's change files applied here, in order: the next one awaited is seq + 1
    "CREATE TABLE IF NOT EXISTS sync_seen (replica TEXT PRIMARY KEY, seq INTEGER NOT NULL)",
    "CREATE TABLE IF NOT EXISTS sync_files (name TEXT PRIMARY KEY, digest TEXT NOT NULL, "
    "replica TEXT NOT NULL, seq INTEGER NOT NULL, member TEXT NOT NULL, "
    "changes INTEGER NOT NULL, written_at TEXT NOT NULL, applied_at TEXT NOT NULL)",
    # a deleted row as it was, to bring it back when an edit made elsewhere meanwhile arrives
    "CREATE TABLE IF NOT EXISTS sync_tombstones (tbl TEXT NOT NULL, pk TEXT NOT NULL, "
    "row TEXT NOT NULL, PRIMARY KEY (tbl, pk)) WITHOUT ROWID",
    # the members the association admitted, with their public keys: synced like a record
    "CREATE TABLE IF NOT EXISTS sync_members (replica TEXT PRIMARY KEY, member TEXT NOT NULL, "
    "laptop TEXT NOT NULL, public_key TEXT NOT NULL, admitted_by TEXT NOT NULL, "
    "admitted_at TEXT NOT NULL, removed_after INTEGER)",
)


@dataclass(frozen=True)
class Synced:
    """One synced table: how its rows are named in a change file and what travels."""

    name: str
    key: tuple[str, ...]
    columns: tuple[str, ...]  # every column a change file carries, key included
    blobs: frozenset[str]
    #: unique constraints other than the key, each a tuple of columns
    unique: tuple[tuple[str, ...], ...]
    #: (column, referenced table, ON DELETE) of each foreign key
    refs: tuple[tuple[str, str, str], ...]
    #: an element of a set: its id is each laptop's own (``SETS``)
    local_id: bool = False

    def pk_sql(self, row: str) -> str:
        """The SQL of a row's name in a change file (``NEW`` / ``OLD``): its key's text."""
        return " || '|' || ".join(f"{row}.{k}" for k in self.key)

    @property
    def key_sql(self) -> str:
        return " || '|' || ".join(self.key)

    def key_values(self, pk: str) -> list[str]:
        return pk.split("|") if len(self.key) > 1 else [pk]


_MEMBERS = Synced(
    "sync_members",
    ("replica",),
    ("replica", "member", "laptop", "public_key", "admitted_by", "admitted_at", "removed_after"),
    frozenset(),
    (),
    (),
)


def _synced(table: Table) -> Synced:
    identity = SETS.get(table.name)
    unique = tuple(
        tuple(c.name for c in constraint.columns)
        for constraint in table.constraints
        if isinstance(constraint, UniqueConstraint)
    ) + tuple(tuple(c.name for c in index.columns) for index in table.indexes if index.unique)
    local = LOCAL_COLUMNS | ({"id"} if identity else set())
    return Synced(
        table.name,
        identity or tuple(c.name for c in table.primary_key.columns),
        tuple(c.name for c in table.columns if c.name not in local),
        frozenset(c.name for c in table.columns if isinstance(c.type, LargeBinary)),
        tuple(u for u in unique if u != identity),
        tuple(
            (fk.parent.name, fk.column.table.name, fk.ondelete or "NO ACTION")
            for fk in table.foreign_keys
        ),
        local_id=identity is not None,
    )


@cache
def synced_tables() -> tuple[Synced, ...]:
    """Every synced table, parents before the tables that refer to them."""
    tables = [_synced(t) for t in Base.metadata.sorted_tables if t.name not in LOCAL_TABLES]
    return (*tables, _MEMBERS)


@cache
def by_name() -> dict[str, Synced]:
    return {t.name: t for t in synced_tables()}


def _triggers(table: Synced) -> list[str]:
    name, new, old = table.name, table.pk_sql("NEW"), table.pk_sql("OLD")
    when = "(SELECT applying FROM sync_state) = 0"
    if name == "settings":
        when += f" AND {{row}}.key NOT LIKE '{LOCAL_SETTINGS}'"
    mark = "INSERT INTO sync_dirty (tbl, pk, col) VALUES ('{name}', {pk}, '{col}') "
    mark += "ON CONFLICT DO NOTHING"
    changed = [c for c in table.columns if c not in table.key]
    updates = "; ".join(
        f"INSERT INTO sync_dirty (tbl, pk, col) SELECT '{name}', {new}, '{c}' "
        f"WHERE OLD.{c} IS NOT NEW.{c} ON CONFLICT DO NOTHING"
        for c in changed
    )
    row = ", ".join(
        f"'{c}', " + (f"hex(OLD.{c})" if c in table.blobs else f"OLD.{c}") for c in table.columns
    )
    statements = [
        f"CREATE TRIGGER sync_{name}_ai AFTER INSERT ON {name} WHEN {when.format(row='NEW')} "
        f"BEGIN {mark.format(name=name, pk=new, col='*')}; END",
        f"CREATE TRIGGER sync_{name}_ad AFTER DELETE ON {name} WHEN {when.format(row='OLD')} "
        f"BEGIN {mark.format(name=name, pk=old, col='-')}; "
        f"INSERT INTO sync_tombstones (tbl, pk, row) VALUES ('{name}', {old}, "
        f"json_object({row})) ON CONFLICT DO UPDATE SET row = excluded.row; END",
    ]
    if table.local_id:  # an element renamed is one element gone and another made
        moved = f"({old}) IS NOT ({new})"
        updates += (
            f"; INSERT INTO sync_dirty (tbl, pk, col) SELECT '{name}', {old}, '-' "
            f"WHERE {moved} ON CONFLICT DO NOTHING; "
            f"INSERT INTO sync_dirty (tbl, pk, col) SELECT '{name}', {new}, '*' "
            f"WHERE {moved} ON CONFLICT DO NOTHING; "
            f"INSERT INTO sync_tombstones (tbl, pk, row) SELECT '{name}', {old}, "
            f"json_object({row}) WHERE {moved} ON CONFLICT DO UPDATE SET row = excluded.row"
        )
    if changed or table.local_id:
        statements.append(
            f"CREATE TRIGGER sync_{name}_au AFTER UPDATE ON {name} "
            f"WHEN {when.format(row='NEW')} BEGIN {updates}; END"
        )
    return statements


def install(connection: Any, schema: str) -> None:
    """Make the bookkeeping tables if need be, and the triggers of the current schema
    (made again when an upgrade of the app changed the tables)."""
    for statement in DDL:
        connection.exec_driver_sql(statement)
    found = connection.exec_driver_sql("SELECT schema FROM sync_state").scalar()
    present = connection.exec_driver_sql(
        "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'sync\\_%' "
        "ESCAPE '\\'"
    ).scalar()
    if found == schema and present:
        return
    for (trigger,) in connection.exec_driver_sql(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'sync\\_%' ESCAPE '\\'"
    ).all():
        connection.exec_driver_sql(f'DROP TRIGGER "{trigger}"')
    for table in synced_tables():
        for statement in _triggers(table):
            connection.exec_driver_sql(statement)
    connection.exec_driver_sql("UPDATE sync_state SET schema = ?", (schema,))


def joined(connection: Any) -> bool:
    """Whether this database syncs through a folder."""
    return bool(
        connection.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sync_state'"
        ).scalar()
        and connection.exec_driver_sql("SELECT count(*) FROM sync_state").scalar()
    )


def forget(connection: Any) -> bool:
    """Make a copy of a syncing database a plain one (an archive's, a member's file handed
    on): its replica id, key and bookkeeping go, so that the copy never writes change files
    as the laptop it was copied from. It joins a folder as a copy with records. Whether it
    was syncing."""
    found = connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'sync_state'"
    ).fetchone()
    for (trigger,) in connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'sync\\_%' ESCAPE '\\'"
    ).fetchall():
        connection.execute(f'DROP TRIGGER "{trigger}"')
    for (table,) in connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'sync\\_%' ESCAPE '\\'"
    ).fetchall():
        connection.execute(f'DROP TABLE "{table}"')
    return found is not None
