"""search documents made anew: conflict steps, agreement terms and partners' responsibilities

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02 06:00:00

A partnership's document now holds its terms' text and each partner's role and
responsibilities, a conflict's its steps, and a contact's its organisation also when it was
written with only the organisation's id. The documents of an older database are made again
from its records, so that search finds what it now should.
"""

from alembic import op
from sqlalchemy.orm import Session

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from workbook.search import reindex

    session = Session(bind=op.get_bind())
    reindex(session)
    session.flush()


def downgrade() -> None:
    pass  # the richer documents do no harm to the older schema
