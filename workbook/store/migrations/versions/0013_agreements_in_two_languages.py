"""an agreement's language, and a translation beside each of its texts

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-03 09:00:00

A partnership says which language its texts are in; its purpose, each party's role and
responsibilities and each section's heading and text may hold a translation into the other
language, so that a bilingual agreement prints each language with its own words. On a
server the history functions are made again from the tables with the new columns.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

COLUMNS = {
    "partnerships": [
        sa.Column("language", sa.String(length=80), nullable=True),
        sa.Column("purpose_translation", sa.Text(), nullable=True),
    ],
    "partnership_partners": [
        sa.Column("role_translation", sa.String(length=255), nullable=True),
        sa.Column("responsibilities_translation", sa.Text(), nullable=True),
    ],
    "agreement_terms": [
        sa.Column("heading_translation", sa.String(length=200), nullable=True),
        sa.Column("text_translation", sa.Text(), nullable=True),
    ],
}


def _history_functions() -> Any:  # the module of migration 0012
    path = Path(__file__).with_name("0012_history_by_the_server.py")
    spec = importlib.util.spec_from_file_location("history_by_the_server", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def add_columns(tables: dict[str, list[sa.Column[Any]]]) -> None:
    """Add the columns; on a server, the history functions made again to know them (a later
    migration that only adds columns uses this too)."""
    for table, columns in tables.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            for column in columns:
                batch_op.add_column(column)
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        _history_functions().install(bind)


def drop_columns(tables: dict[str, list[sa.Column[Any]]]) -> None:
    for table, columns in tables.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            for column in columns:
                batch_op.drop_column(column.name)
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        _history_functions().install(bind)


def upgrade() -> None:
    add_columns(COLUMNS)


def downgrade() -> None:
    drop_columns(COLUMNS)
