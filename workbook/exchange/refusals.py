"""Why a spreadsheet is refused, and what a read of one noticed: codes and parameters.

The core says each as a code with parameters; the English wording here is what the command
line prints, and the UI words every code in the user's language (``ui.errors``), so that no
English sentence and no parser's own text reaches a person who chose German.
"""

from __future__ import annotations

from workbook.domain.errors import Worded

#: Why a file is refused, by code. Parameters: counts as ints, names as they are.
REFUSALS: dict[str, str] = {
    "missing": "the file does not exist",
    "unreadable": "the file cannot be read; check that it is not open in another program "
    "and that you may read it",
    "empty": "the file is empty",
    "too_big": "the file is larger than {mb} MB",
    "old_or_protected": "the file is password-protected or an old .xls workbook; "
    "save it as an unprotected .xlsx and try again",
    "not_xlsx": "this is not an Excel (.xlsx) workbook",
    "not_ods": "this is not an OpenDocument (.ods) spreadsheet",
    "zip_not_xlsx": "this zip file is not an Excel workbook (no {parts})",
    "zip_not_ods": "this zip file is not an OpenDocument spreadsheet (no {parts})",
    "damaged_zip": "the workbook is damaged (incomplete or not a valid zip)",
    "too_large": "the workbook is too large",
    "too_many_parts": "the workbook has too many parts ({count})",
    "macros": "the workbook contains macros; save it as .xlsx without macros and try again",
    "password": "the workbook is password-protected",
    "encrypted": "the workbook is encrypted",
    "part_too_large": "part {part} is too large when unpacked",
    "zip_bomb": "part {part} unpacks to a suspicious size (a zip bomb?)",
    "unpacked_too_large": "the workbook is too large when unpacked",
    "entities": "part {part} declares XML entities (refused for safety)",
    "too_many_rows": "a sheet has more than {limit:,} rows",
    "text_too_long": "part {part} holds a text longer than a spreadsheet cell takes "
    "({limit:,} characters)",
    "damaged_workbook": "the workbook cannot be read: it is damaged or was not saved as an "
    "Excel workbook; open it in your spreadsheet program and save it again as .xlsx",
    "damaged_ods": "the spreadsheet cannot be read: it is damaged, or holds more cells than "
    "a spreadsheet program writes; open it in your spreadsheet program and save it again",
    "return_kind": "a workbook comes back as .xlsx or .ods; open it in your spreadsheet "
    "program and save it as one of them",
    "no_known_sheet": "none of its sheets is one this app exports ({sheets}); a list of your "
    "own is taken in with File > Import > From another spreadsheet or CSV "
    "(workbook adopt FILE)",
    "sheet_too_many_rows": "sheet {sheet!r} has more than {limit:,} rows",
    "csv_line": "line {line} cannot be read as CSV (a quotation mark is not closed, or the "
    "line holds a character no text has); open the file in your spreadsheet program and "
    "save it again as CSV",
    "no_sheets": "it has no sheets",
    "no_such_sheet": "it has no sheet {sheet!r}; its sheets are {sheets}",
    "not_a_spreadsheet": "it cannot be read as a spreadsheet; open it in your spreadsheet "
    "program and save it again as .xlsx, .ods or .csv",
    "sheet_unreadable": "its sheet {sheet!r} cannot be read",
    "adopt_kind": "choose a .csv, .xlsx or .ods file",
    "table_too_many_rows": "it has more than {limit:,} rows",
    "no_rows": "it has no rows",
    "reader_stopped": "reading it stopped: it needs far more memory than a spreadsheet of "
    "its size should, or the reader failed on it; open it in your spreadsheet program, save "
    "it again and try again",
}

#: What a read noticed and did about it, by code (the import preview shows these).
NOTICES: dict[str, str] = {
    "unknown_sheet": "sheet {sheet!r} is not one this app knows; it was not read",
    "sheet_missing": "sheet {sheet!r} is missing from the file; its records were left as they are",
    "child_rows_deleted": "sheet {sheet!r}: {count} row(s) deleted in the file; entries of "
    "this kind are deleted in the app, not by import",
    "unknown_column": "sheet {sheet!r}, column {position} {header!r} is not a column this "
    "app knows; it was not read",
    "column_twice": "sheet {sheet!r}: column {header!r} appears twice; the first one was read",
}


class Notice(Worded):
    """What a read noticed, as its English sentence, carrying its code for the UI."""

    table = NOTICES
