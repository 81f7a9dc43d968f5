"""trash of deleted records; erasure date of contacts

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 03:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "trash",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("entity", sa.String(length=80), nullable=False),
        sa.Column("record_id", sa.Uuid(), nullable=False),
        sa.Column("caption", sa.Text(), nullable=False),
        sa.Column("deleted_by", sa.String(length=200), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_trash")),
    )
    op.create_index(op.f("ix_trash_deleted_at"), "trash", ["deleted_at"], unique=False)
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("erased_on", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.drop_column("erased_on")
    op.drop_index(op.f("ix_trash_deleted_at"), table_name="trash")
    op.drop_table("trash")
