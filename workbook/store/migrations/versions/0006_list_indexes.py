"""indexes for listing a lifetime of decisions in any order

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25 06:00:00
"""

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

INDEXES = {
    "ix_decisions_status_id": ["status", "id"],
    "ix_decisions_status_decided_on": ["status", "decided_on"],
    "ix_decisions_decided_by_id": ["decided_by", "id"],
}


def upgrade() -> None:
    for name, columns in INDEXES.items():
        op.create_index(name, "decisions", columns, unique=False)


def downgrade() -> None:
    for name in INDEXES:
        op.drop_index(name, table_name="decisions")
