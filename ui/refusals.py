"""Why a spreadsheet was refused, and what reading it noticed, in the user's language.

The core names each by a code of ``workbook.exchange.refusals``; every code has its words
here (a test holds the two tables to the same codes and parameters).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QLocale

from ui.i18n import _t


def refusal_texts() -> dict[str, str]:
    return {
        "missing": _t("the file does not exist"),
        "unreadable": _t(
            "the file cannot be read; check that it is not open in another program and that "
            "you may read it"
        ),
        "empty": _t("the file is empty"),
        "too_big": _t("the file is larger than {mb} MB"),
        "old_or_protected": _t(
            "the file is password-protected or an old .xls workbook; save it as an "
            "unprotected .xlsx and try again"
        ),
        "not_xlsx": _t("this is not an Excel (.xlsx) workbook"),
        "not_ods": _t("this is not an OpenDocument (.ods) spreadsheet"),
        "zip_not_xlsx": _t("this zip file is not an Excel workbook (no {parts})"),
        "zip_not_ods": _t("this zip file is not an OpenDocument spreadsheet (no {parts})"),
        "damaged_zip": _t("the workbook is damaged (incomplete or not a valid zip)"),
        "too_large": _t("the workbook is too large"),
        "too_many_parts": _t("the workbook has too many parts ({count})"),
        "macros": _t("the workbook contains macros; save it as .xlsx without macros and try again"),
        "password": _t("the workbook is password-protected"),
        "encrypted": _t("the workbook is encrypted"),
        "part_too_large": _t("part {part} is too large when unpacked"),
        "zip_bomb": _t("part {part} unpacks to a suspicious size (a zip bomb?)"),
        "unpacked_too_large": _t("the workbook is too large when unpacked"),
        "entities": _t("part {part} declares XML entities (refused for safety)"),
        "too_many_rows": _t("a sheet has more than {limit} rows"),
        "text_too_long": _t(
            "part {part} holds a text longer than a spreadsheet cell takes ({limit} characters)"
        ),
        "damaged_workbook": _t(
            "the workbook cannot be read: it is damaged or was not saved as an Excel "
            "workbook; open it in your spreadsheet program and save it again as .xlsx"
        ),
        "damaged_ods": _t(
            "the spreadsheet cannot be read: it is damaged, or holds more cells than a "
            "spreadsheet program writes; open it in your spreadsheet program and save it again"
        ),
        "return_kind": _t(
            "a workbook comes back as .xlsx or .ods; open it in your spreadsheet program and "
            "save it as one of them"
        ),
        "no_known_sheet": _t(
            "none of its sheets is one this app exports ({sheets}); a list of your own is "
            "taken in with File > Import > From another spreadsheet or CSV"
        ),
        "sheet_too_many_rows": _t("sheet “{sheet}” has more than {limit} rows"),
        "csv_line": _t(
            "line {line} cannot be read as CSV (a quotation mark is not closed, or the line "
            "holds a character no text has); open the file in your spreadsheet program and "
            "save it again as CSV"
        ),
        "no_sheets": _t("it has no sheets"),
        "no_such_sheet": _t("it has no sheet “{sheet}”; its sheets are {sheets}"),
        "not_a_spreadsheet": _t(
            "it cannot be read as a spreadsheet; open it in your spreadsheet program and save "
            "it again as .xlsx, .ods or .csv"
        ),
        "sheet_unreadable": _t("its sheet “{sheet}” cannot be read"),
        "adopt_kind": _t("choose a .csv, .xlsx or .ods file"),
        "table_too_many_rows": _t("it has more than {limit} rows"),
        "no_rows": _t("it has no rows"),
        "reader_stopped": _t(
            "reading it stopped: it needs far more memory than a spreadsheet of its size "
            "should, or the reader failed on it; open it in your spreadsheet program, save it "
            "again and try again"
        ),
    }


def notice_texts() -> dict[str, str]:
    return {
        "unknown_sheet": _t("sheet “{sheet}” is not one this app knows; it was not read"),
        "sheet_missing": _t(
            "sheet “{sheet}” is missing from the file; its records were left as they are"
        ),
        "unknown_column": _t(
            "sheet “{sheet}”, column {position} “{header}” is not a column this app knows; it "
            "was not read"
        ),
        "column_twice": _t(
            "sheet “{sheet}”: column “{header}” appears twice; the first one was read"
        ),
    }


def _filled(words: str, params: dict[str, Any]) -> str:
    """Numbers as the user's language writes them (200.000 in German)."""
    locale = QLocale()
    shown = {
        key: locale.toString(value) if isinstance(value, int) else value
        for key, value in params.items()
    }
    return words.format(**shown)


def refusal(why: str, params: dict[str, Any], english: str) -> str:
    words = refusal_texts().get(why)
    return english if words is None else _filled(words, params)


def notice(said: str) -> str:
    """A notice of an import's preview (``refusals.Notice``) in the user's words."""
    why = getattr(said, "why", None)
    if why == "child_rows_deleted":
        count = said.params["count"]  # type: ignore[attr-defined]
        return _t(
            "sheet “{sheet}”: %n row(s) deleted in the file; entries of this kind are deleted "
            "in the app, not by import",
            None,
            count,
        ).format(sheet=said.params["sheet"])  # type: ignore[attr-defined]
    words = notice_texts().get(why) if why else None
    return said if words is None else _filled(words, said.params)  # type: ignore[attr-defined]
