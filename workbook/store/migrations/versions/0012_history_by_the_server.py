"""on PostgreSQL the server writes the change history and the versions, not the client

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02 10:00:00

On a shared server any member may hold a SQL prompt. So the history is written by
triggers that run as the database's owner: one row per changed field (a created or deleted
record one row, a child record filed under its record, as the app writes on a file), with
the member's own login (``session_user``) and the server's clock. Every update of a record
raises its version, so that a form opened before a change made at a SQL prompt is told of
it instead of overwriting it. Members may not insert into ``changes`` at all (the grants
of ``workbook.store.server``). A signed scan or an agreement's snapshot, kept out of the history
as text, is recorded by its SHA-256 digest when it changes.

A linked list (a meeting's attendees, what settled a conflict) is recorded once per
transaction, as the list before and after: the first change of a transaction notes the
list as it was (in the private schema ``workbook_internal``), a deferred trigger at commit
writes the one history row.

Only the owner, while copying a whole database in (``SET workbook.copying = on``, see
``workbook.transfer``), writes without history: the copied history comes along.

The functions are made from the tables as they are now; a later migration that adds a
column calls ``install`` again.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

#: table -> (entity, column naming the record it is filed under or None, caption in SQL of r)
RECORDS: dict[str, tuple[str, str | None, str]] = {
    "organisations": ("organisation", None, "r.name"),
    "contacts": ("contact", None, "r.name"),
    "partnerships": ("partnership", None, "r.title"),
    "goals": ("goal", None, "r.title"),
    "evaluations": ("evaluation", None, "r.title"),
    "meetings": ("meeting", None, "r.title"),
    "decisions": ("decision", None, "concat_ws(' ', r.number, r.title)"),
    "conflicts": ("conflict", None, "r.title"),
    "clauses": ("clause", None, "r.title"),
    "organisation_tags": ("organisation_tag", "organisation_id", "r.category || ': ' || r.label"),
    "agreement_terms": ("agreement_term", "partnership_id", "r.position || '. ' || r.heading"),
    "agreement_versions": (
        "agreement_version",
        "partnership_id",
        "'Version ' || r.number || ' (' || to_char(r.made_on, 'YYYY-MM-DD') || ')'",
    ),
    "partnership_partners": (
        "partnership_partner",
        "partnership_id",
        "coalesce((SELECT o.name FROM organisations o WHERE o.id = r.organisation_id), '')"
        " || coalesce(' (' || nullif(r.role, '') || ')', '')",
    ),
    "signatories": ("signatory", "partnership_id", "r.name || coalesce(', ' || nullif(r.role, ''), '')"),
    "conflict_parties": (
        "conflict_party",
        "conflict_id",
        "coalesce((SELECT o.name FROM organisations o WHERE o.id = r.organisation_id),"
        " (SELECT c.name FROM contacts c WHERE c.id = r.contact_id), '')",
    ),
    "conflict_steps": (
        "conflict_step",
        "conflict_id",
        "to_char(r.taken_on, 'YYYY-MM-DD') || ': ' || r.description",
    ),
    "progress_updates": (
        "progress_update",
        "goal_id",
        "to_char(r.recorded_on, 'YYYY-MM-DD') || ': ' || workbook_number_text(r.value)",
    ),
}  # fmt: skip
#: link table -> (its record's table, the column naming it, field, other table, its column,
#: the caption of the linked record in SQL of l)
LINKS = {
    "meeting_attendees": ("meetings", "meeting_id", "attendees", "contacts", "contact_id", "l.name"),
    "conflict_decisions": (
        "conflicts", "conflict_id", "settled_by", "decisions", "decision_id",
        "concat_ws(' ', l.number, l.title)",
    ),
}  # fmt: skip
#: Kept out of the history as text (as on a file); recorded by digest.
DIGESTED = {"agreement_versions": ("snapshot", "attachment")}
SKIPPED = ("id", "created_at", "updated_at", "version")
DEFINER = "LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp"
COMMON = """
CREATE OR REPLACE FUNCTION workbook_copying() RETURNS boolean
LANGUAGE sql STABLE SET search_path = public, pg_temp AS $$
    SELECT coalesce(current_setting('workbook.copying', true), '') = 'on'
       AND EXISTS (SELECT 1 FROM pg_roles r, pg_database d
                   WHERE r.rolname = session_user AND d.datname = current_database()
                     AND (r.rolsuper OR d.datdba = r.oid))
$$;
CREATE OR REPLACE FUNCTION workbook_number_text(v double precision) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN v::text ~ '^-?[0-9]+$' THEN v::text || '.0' ELSE v::text END
$$;
CREATE OR REPLACE FUNCTION workbook_time_text(v timestamp) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT to_char(v, 'YYYY-MM-DD"T"HH24:MI:SS')
        || CASE WHEN extract(microseconds FROM v)::bigint % 1000000 = 0 THEN ''
                ELSE '.' || to_char(v, 'US') END
$$;
CREATE OR REPLACE FUNCTION workbook_next_version() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF NOT workbook_copying() THEN
        NEW.version := OLD.version + 1;  -- whoever writes, and whatever version they send
    END IF;
    RETURN NEW;
END $$;
CREATE OR REPLACE FUNCTION workbook_note_erasure(contact uuid) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
-- the erasure of a contact in the trash, where no row of contacts changes
BEGIN
    IF NOT has_table_privilege(session_user, 'trash', 'UPDATE') THEN
        RAISE EXCEPTION 'permission denied for table trash' USING ERRCODE = '42501';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM trash WHERE record_id = contact AND entity = 'contact') THEN
        RAISE EXCEPTION 'workbook: no contact % in the trash', contact USING ERRCODE = '22023';
    END IF;
    INSERT INTO changes (entity, record_id, action, changed_by, changed_at)
    VALUES ('contact', contact, 'erase', session_user, now() AT TIME ZONE 'UTC');
END $$;
CREATE SCHEMA IF NOT EXISTS workbook_internal;
REVOKE ALL ON SCHEMA workbook_internal FROM PUBLIC;
CREATE TABLE IF NOT EXISTS workbook_internal.pending_links (
    txid bigint NOT NULL, tbl text NOT NULL, parent uuid NOT NULL, before text,
    PRIMARY KEY (txid, tbl, parent)
);
"""


def _as_text(column: Mapping[str, Any], value: str) -> str:
    kind = column["type"]
    if isinstance(kind, sa.Boolean):
        return f"CASE WHEN {value} THEN 'yes' WHEN NOT {value} THEN 'no' END"
    if isinstance(kind, sa.DateTime):
        return f"workbook_time_text({value})"
    if isinstance(kind, sa.Date):
        return f"to_char({value}, 'YYYY-MM-DD')"
    if isinstance(kind, sa.Float):
        return f"workbook_number_text({value})"
    if isinstance(kind, sa.LargeBinary):
        return f"'sha256:' || encode(sha256({value}), 'hex')"
    if column["name"] in DIGESTED.get("agreement_versions", ()):
        return f"'sha256:' || encode(sha256(convert_to({value}, 'UTF8')), 'hex')"
    return f"{value}::text"


def _record_function(table: str, columns: Sequence[Mapping[str, Any]]) -> str:
    entity, root_column, caption = RECORDS[table]
    is_root = root_column is None
    root = "r.id" if is_root else f"r.{root_column}"
    subject = "NULL" if is_root else f"'{entity}'"
    root_entity = entity if root_column is None else RECORDS[_root_table(root_column)][0]
    insert = (
        "INSERT INTO changes (entity, record_id, action, subject, field, old_value, new_value, "
        f"changed_by, changed_at) VALUES ('{root_entity}', root, "
    )
    fields = []
    for column in columns:
        name = column["name"]
        if name in SKIPPED:
            continue
        old, new = _as_text(column, f"OLD.{name}"), _as_text(column, f"NEW.{name}")
        fields.append(
            f"    IF OLD.{name} IS DISTINCT FROM NEW.{name} THEN\n"
            f"        {insert}'update', {subject}, '{name}', {old}, {new}, who, stamp);\n"
            "    END IF;"
        )
    erase = ""
    if table == "contacts":  # an erasure is recorded as such, without what was erased
        erase = (
            "    IF OLD.erased_on IS NULL AND NEW.erased_on IS NOT NULL THEN\n"
            f"        {insert}'erase', NULL, NULL, NULL, NULL, who, stamp);\n"
            "        RETURN NULL;\n"
            "    END IF;\n"
        )
    restored = (
        f"        {insert}'restore', NULL, NULL, NULL, (SELECT t.caption FROM trash t "
        "WHERE t.record_id = root LIMIT 1), who, stamp);\n"
        if is_root
        else ""
    )
    body = "\n".join(fields)
    return f"""
CREATE OR REPLACE FUNCTION workbook_history_{table}() RETURNS trigger {DEFINER} AS $$
DECLARE
    r {table};
    root uuid;
    who text := session_user;
    stamp timestamp := now() AT TIME ZONE 'UTC';
BEGIN
    IF workbook_copying() THEN RETURN NULL; END IF;
    IF TG_OP = 'DELETE' THEN r := OLD; ELSE r := NEW; END IF;
    root := {root};
    IF root IS NULL THEN RETURN NULL; END IF;
    IF TG_OP = 'INSERT' THEN
        IF EXISTS (SELECT 1 FROM trash t WHERE t.record_id = root) THEN
            -- put back from the trash: one row for the record, as the app writes it
{restored}            RETURN NULL;
        END IF;
        {insert}'create', {subject}, NULL, NULL, {caption}, who, stamp);
    ELSIF TG_OP = 'DELETE' THEN
        {insert}'delete', {subject}, NULL, {caption}, NULL, who, stamp);
    ELSE
{erase}{body}
    END IF;
    RETURN NULL;
END $$;
"""


def _root_table(column: str) -> str:
    return {
        "organisation_id": "organisations",
        "partnership_id": "partnerships",
        "conflict_id": "conflicts",
        "goal_id": "goals",
    }[column]


def _link_functions(table: str) -> str:
    parent_table, parent, field, other, other_column, caption = LINKS[table]
    entity = RECORDS[parent_table][0]
    listed = (
        f"(SELECT coalesce(string_agg(c, '; ' ORDER BY c COLLATE \"C\"), '') FROM "
        f"(SELECT {caption} AS c FROM {table} x JOIN {other} l ON l.id = x.{other_column} "
        f"WHERE x.{parent} = p) s)"
    )
    return f"""
CREATE OR REPLACE FUNCTION workbook_links_before_{table}() RETURNS trigger {DEFINER} AS $$
DECLARE
    p uuid;
BEGIN
    IF TG_OP = 'DELETE' THEN p := OLD.{parent}; ELSE p := NEW.{parent}; END IF;
    IF NOT workbook_copying() THEN
        INSERT INTO workbook_internal.pending_links VALUES
            (txid_current(), TG_TABLE_NAME, p, {listed})
        ON CONFLICT DO NOTHING;
    END IF;
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
END $$;
CREATE OR REPLACE FUNCTION workbook_links_after_{table}() RETURNS trigger {DEFINER} AS $$
DECLARE
    p uuid;
    was text;
    now_ text;
    who text := session_user;
    stamp timestamp := now() AT TIME ZONE 'UTC';
BEGIN
    IF TG_OP = 'DELETE' THEN p := OLD.{parent}; ELSE p := NEW.{parent}; END IF;
    DELETE FROM workbook_internal.pending_links
        WHERE txid = txid_current() AND tbl = TG_TABLE_NAME AND parent = p
        RETURNING before INTO was;
    IF NOT FOUND OR NOT EXISTS (SELECT 1 FROM {parent_table} WHERE id = p) THEN
        RETURN NULL;  -- written already, or the record went with its links
    END IF;
    IF EXISTS (SELECT 1 FROM changes WHERE record_id = p AND changed_at = stamp
               AND changed_by = who AND action IN ('create', 'restore')) THEN
        RETURN NULL;  -- made (or put back) in this transaction, with its links
    END IF;
    now_ := {listed};
    IF was IS DISTINCT FROM now_ THEN
        INSERT INTO changes (entity, record_id, action, field, old_value, new_value,
                             changed_by, changed_at)
        VALUES ('{entity}', p, 'update', '{field}', was, now_, who, stamp);
    END IF;
    RETURN NULL;
END $$;
"""


def _run(bind: sa.Connection, sql: str) -> None:
    bind.exec_driver_sql(sql.replace("%", "%%"))  # the driver reads % as a placeholder


def install(bind: sa.Connection) -> None:
    """The history functions and triggers of every record and link table, as they are now."""
    inspector = sa.inspect(bind)
    _run(bind, COMMON)
    for table in RECORDS:
        columns = inspector.get_columns(table)
        _run(bind, _record_function(table, columns))
        _run(bind, f'DROP TRIGGER IF EXISTS "{table}_history" ON "{table}"')
        _run(bind, 
            f'CREATE TRIGGER "{table}_history" AFTER INSERT OR UPDATE OR DELETE ON "{table}" '
            f"FOR EACH ROW EXECUTE FUNCTION workbook_history_{table}()"
        )
        _run(bind, f'DROP TRIGGER IF EXISTS "{table}_version" ON "{table}"')
        _run(bind, 
            f'CREATE TRIGGER "{table}_version" BEFORE UPDATE ON "{table}" '
            "FOR EACH ROW EXECUTE FUNCTION workbook_next_version()"
        )
    for table in LINKS:
        _run(bind, _link_functions(table))
        for name in ("links_before", "links_after"):
            _run(bind, f'DROP TRIGGER IF EXISTS "{table}_{name}" ON "{table}"')
        _run(bind, 
            f'CREATE TRIGGER "{table}_links_before" BEFORE INSERT OR DELETE ON "{table}" '
            f"FOR EACH ROW EXECUTE FUNCTION workbook_links_before_{table}()"
        )
        _run(bind, 
            f'CREATE CONSTRAINT TRIGGER "{table}_links_after" AFTER INSERT OR DELETE '
            f'ON "{table}" DEFERRABLE INITIALLY DEFERRED '
            f"FOR EACH ROW EXECUTE FUNCTION workbook_links_after_{table}()"
        )
    for function in _functions():
        _run(bind, f"REVOKE ALL ON FUNCTION {function} FROM PUBLIC")


def _functions() -> list[str]:
    return [
        "workbook_copying()",
        "workbook_next_version()",
        "workbook_note_erasure(uuid)",
        *(f"workbook_history_{t}()" for t in RECORDS),
        *(f"workbook_links_{w}_{t}()" for t in LINKS for w in ("before", "after")),
    ]


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return  # a file has one writer at a time, and the app writes its history
    install(bind)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    for table in RECORDS:
        op.execute(f'DROP TRIGGER IF EXISTS "{table}_history" ON "{table}"')
        op.execute(f'DROP TRIGGER IF EXISTS "{table}_version" ON "{table}"')
        op.execute(f"DROP FUNCTION IF EXISTS workbook_history_{table}()")
    for table in LINKS:
        for name in ("before", "after"):
            op.execute(f'DROP TRIGGER IF EXISTS "{table}_links_{name}" ON "{table}"')
            op.execute(f"DROP FUNCTION IF EXISTS workbook_links_{name}_{table}()")
    for function in (
        "workbook_next_version()",
        "workbook_time_text(timestamp)",
        "workbook_number_text(double precision)",
        "workbook_copying()",
        "workbook_note_erasure(uuid)",
    ):
        op.execute(f"DROP FUNCTION IF EXISTS {function}")
    op.execute("DROP SCHEMA IF EXISTS workbook_internal CASCADE")
