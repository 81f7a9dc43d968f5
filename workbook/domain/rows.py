"""One row of a list, as the list views hold it (kept free of SQLAlchemy: start-up reads
the first page without it, see ``workbook.first_page``)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class RowView:
    """One row of a list: the record's id and version, and its cells in column order."""

    id: uuid.UUID
    version: int
    cells: tuple[Any, ...]
