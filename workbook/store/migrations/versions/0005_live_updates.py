"""live updates on PostgreSQL: NOTIFY on every change of a record

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25 05:00:00
"""

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

CHANNEL = "workbook_changes"
ROOTS = (
    "organisations", "contacts", "partnerships", "goals", "evaluations", "meetings",
    "decisions", "conflicts",
)  # fmt: skip
PARTS = (
    "organisation_tags", "partnership_partners", "agreement_terms", "signatories",
    "agreement_versions", "progress_updates", "conflict_parties", "conflict_steps",
    "meeting_attendees", "conflict_decisions", "attention_marks", "settings", "trash",
)  # fmt: skip


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return  # one writer per file: nobody else to tell
    op.execute(
        f"""
        CREATE OR REPLACE FUNCTION workbook_notify_row() RETURNS trigger AS $$
        BEGIN
            PERFORM pg_notify('{CHANNEL}', json_build_object(
                'table', TG_TABLE_NAME, 'op', TG_OP, 'by', current_user,
                'id', CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END)::text);
            RETURN NULL;
        END $$ LANGUAGE plpgsql
        """
    )
    op.execute(
        f"""
        CREATE OR REPLACE FUNCTION workbook_notify_table() RETURNS trigger AS $$
        BEGIN
            PERFORM pg_notify('{CHANNEL}', json_build_object(
                'table', TG_TABLE_NAME, 'op', TG_OP, 'by', current_user)::text);
            RETURN NULL;
        END $$ LANGUAGE plpgsql
        """
    )
    for table in ROOTS:
        op.execute(
            f'CREATE TRIGGER "{table}_notify" AFTER INSERT OR UPDATE OR DELETE ON "{table}" '
            "FOR EACH ROW EXECUTE FUNCTION workbook_notify_row()"
        )
    for table in PARTS:
        op.execute(
            f'CREATE TRIGGER "{table}_notify" AFTER INSERT OR UPDATE OR DELETE ON "{table}" '
            "FOR EACH STATEMENT EXECUTE FUNCTION workbook_notify_table()"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in (*ROOTS, *PARTS):
        op.execute(f'DROP TRIGGER IF EXISTS "{table}_notify" ON "{table}"')
    op.execute("DROP FUNCTION IF EXISTS workbook_notify_row()")
    op.execute("DROP FUNCTION IF EXISTS workbook_notify_table()")
