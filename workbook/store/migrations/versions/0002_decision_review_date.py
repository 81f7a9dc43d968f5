"""decision review date

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 01:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("decisions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("review_on", sa.Date(), nullable=True))
        batch_op.create_index(batch_op.f("ix_decisions_review_on"), ["review_on"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("decisions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_decisions_review_on"))
        batch_op.drop_column("review_on")
