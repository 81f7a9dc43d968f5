"""an erased contact's personal fields cannot be changed, by the app or by SQL

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02 05:00:00

The core refuses a change to an erased contact in every path (form, import, sync); the
database refuses it too, so that no member with a SQL prompt on a shared server, and no
other program on the file, can bring an erased person back. Relinking the contact to an
organisation restored from the trash stays possible: that is not personal data.
"""

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

FIELDS = (
    "name",
    "role",
    "email",
    "phone",
    "language",
    "consent_given_on",
    "consent_purpose",
    "notes",
    "erased_on",
)
MESSAGE = "an erased contact cannot be changed"


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        changed = " OR ".join(f"NEW.{f} IS NOT OLD.{f}" for f in FIELDS)
        op.execute(
            "CREATE TRIGGER contacts_erased_final BEFORE UPDATE ON contacts "
            f"WHEN OLD.erased_on IS NOT NULL AND ({changed}) "
            f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
        )
        return
    changed = " OR ".join(f"NEW.{f} IS DISTINCT FROM OLD.{f}" for f in FIELDS)
    op.execute(
        "CREATE FUNCTION contacts_erased_final() RETURNS trigger LANGUAGE plpgsql "
        "SET search_path = pg_catalog AS $$ BEGIN "
        f"IF OLD.erased_on IS NOT NULL AND ({changed}) THEN "
        f"RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'check_violation'; END IF; "
        "RETURN NEW; END $$"
    )
    op.execute(
        "CREATE TRIGGER contacts_erased_final BEFORE UPDATE ON contacts "
        "FOR EACH ROW EXECUTE FUNCTION contacts_erased_final()"
    )


def downgrade() -> None:
    op.execute(
        "DROP TRIGGER IF EXISTS contacts_erased_final"
        + ("" if op.get_bind().dialect.name == "sqlite" else " ON contacts")
    )
    if op.get_bind().dialect.name != "sqlite":
        op.execute("DROP FUNCTION IF EXISTS contacts_erased_final()")
