"""How values look on screen: dates, numbers and enumeration values in the user's locale."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QDate, QDateTime, QLocale

from ui.labels import value_label


def display(value: Any, kind: str = "text") -> str:
    if value is None:
        return ""
    locale = QLocale()
    if locale.language() == QLocale.Language.C and isinstance(value, date):
        # no locale chosen (a bare machine): ISO dates rather than "1 2 2026"
        if isinstance(value, datetime):
            return value.isoformat(sep=" ", timespec="minutes")
        return value.isoformat()
    if isinstance(value, datetime):
        return locale.toString(QDateTime(value), QLocale.FormatType.ShortFormat)
    if isinstance(value, date):
        return locale.toString(
            QDate(value.year, value.month, value.day), QLocale.FormatType.ShortFormat
        )
    if isinstance(value, bool):
        return "✓" if value else ""
    if isinstance(value, float):
        return locale.toString(value, "g", 12)
    if kind == "enum":
        return value_label(str(value))
    return str(value).replace("\n", " ")
