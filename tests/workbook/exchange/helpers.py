"""Shared steps of the exchange tests: a populated database, and a snapshot to compare."""

from __future__ import annotations

from sqlalchemy import func, select

from tests.demo import fill
from workbook.domain.models import Base


def with_demo(db) -> None:
    fill(db)


def snapshot(db) -> dict[str, int | str]:
    """Row counts and the versions of every table: any write shows up here."""
    result: dict[str, int | str] = {}
    with db.unit() as s:
        for table in Base.metadata.sorted_tables:
            result[table.name] = s.scalar(select(func.count()).select_from(table)) or 0
            if "version" in table.c:
                result[table.name + ".versions"] = s.scalar(select(func.sum(table.c.version))) or 0
    return result


def exported_sheet(db, path, title: str):
    """The database exported to ``path``, opened as a partner would: the workbook, the sheet
    called ``title`` and its header row."""
    from openpyxl import load_workbook

    from workbook.exchange.xlsx_export import export_xlsx

    with db.unit() as s:
        export_xlsx(s, path)
    book = load_workbook(path)
    sheet = book[title]
    return book, sheet, [c.value for c in sheet[1]]
