"""a goal's title, indicator and unit and a signatory's function in the other language

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-03 16:00:00

A bilingual agreement prints its shared goals and the functions of those who sign in each
language: a goal holds its title, indicator and unit translated beside them, a signatory
their function. On a server the history functions are made again from the tables with the
new columns (as migration 0013 does it).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import sqlalchemy as sa

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

COLUMNS = {
    "goals": [
        sa.Column("title_translation", sa.String(length=200), nullable=True),
        sa.Column("indicator_translation", sa.String(length=255), nullable=True),
        sa.Column("unit_translation", sa.String(length=80), nullable=True),
    ],
    "signatories": [
        sa.Column("role_translation", sa.String(length=255), nullable=True),
    ],
}


def _columns_migration() -> Any:  # migration 0013: adds columns, and tells the server
    path = Path(__file__).with_name("0013_agreements_in_two_languages.py")
    spec = importlib.util.spec_from_file_location("agreements_in_two_languages", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def upgrade() -> None:
    _columns_migration().add_columns(COLUMNS)


def downgrade() -> None:
    _columns_migration().drop_columns(COLUMNS)
