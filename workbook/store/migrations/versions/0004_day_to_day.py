"""agreement versions, clause library, attention marks, goal update cadence

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25 04:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def _record_columns() -> list[sa.Column]:
    return [
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "agreement_versions",
        sa.Column("partnership_id", sa.Uuid(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=80), nullable=False),
        sa.Column("made_on", sa.Date(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("snapshot", sa.Text(), nullable=False),
        sa.Column("attachment_name", sa.String(length=255), nullable=True),
        sa.Column("attachment_type", sa.String(length=80), nullable=True),
        sa.Column("attachment", sa.LargeBinary(), nullable=True),
        *_record_columns(),
        sa.ForeignKeyConstraint(
            ["partnership_id"],
            ["partnerships.id"],
            name=op.f("fk_agreement_versions_partnership_id_partnerships"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agreement_versions")),
        sa.UniqueConstraint(
            "partnership_id", "number", name=op.f("uq_agreement_versions_partnership_id")
        ),
    )
    op.create_index(
        op.f("ix_agreement_versions_partnership_id"),
        "agreement_versions",
        ["partnership_id"],
        unique=False,
    )
    op.create_table(
        "clauses",
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        *_record_columns(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_clauses")),
        sa.UniqueConstraint("key", "language", name=op.f("uq_clauses_key")),
    )
    op.create_table(
        "attention_marks",
        sa.Column("key", sa.String(length=160), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("until", sa.Date(), nullable=True),
        sa.Column("marked_by", sa.String(length=200), nullable=False),
        sa.Column("marked_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_attention_marks")),
    )
    with op.batch_alter_table("goals", schema=None) as batch_op:
        batch_op.add_column(sa.Column("update_cadence", sa.String(length=80), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("goals", schema=None) as batch_op:
        batch_op.drop_column("update_cadence")
    op.drop_table("attention_marks")
    op.drop_table("clauses")
    op.drop_index(op.f("ix_agreement_versions_partnership_id"), table_name="agreement_versions")
    op.drop_table("agreement_versions")
