"""search documents made anew: conflict steps, agreement terms and partners' responsibilities

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02 06:00:00

A partnership's document now holds its terms' text and each partner's role and
responsibilities, a conflict's its steps, and a contact's its organisation also when it was
written with only the organisation's id. The documents of an older database are made again
from its records, so that search finds what it now should: once the schema is the newest
(``workbook.store.migrate.AFTER_UPGRADE``), as the records are read through the models, which map
the newest tables.
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    settings = sa.table("settings", sa.column("key"), sa.column("value"))
    op.execute(sa.delete(settings).where(settings.c.key == "after_upgrade:reindex"))
    op.execute(sa.insert(settings).values(key="after_upgrade:reindex", value="0011"))


def downgrade() -> None:
    pass  # the richer documents do no harm to the older schema
