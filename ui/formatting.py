"""How values look on screen: dates, numbers and enumeration values in the user's locale."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QDate, QDateTime, QLocale

from ui.labels import value_label

#: Full four-digit years: Qt's short formats would print 24.11.26.
DATE_FORMATS = {QLocale.Language.German: "dd.MM.yyyy", QLocale.Language.English: "MM/dd/yyyy"}


_style: list[str] = []


def date_style() -> str:
    """Either "locale" (24.11.2026, 11/24/2026) or "iso" (2026-11-24), as in Preferences."""
    if not _style:
        from ui.settings import settings

        _style.append(str(settings().value("date_style", "locale") or "locale"))
    return _style[0]


def forget_date_style() -> None:
    """Read the date style again (after Preferences changed it)."""
    _style.clear()


def date_pattern() -> str:
    """How dates are typed and shown in inputs: as in the language, or ISO."""
    pattern = DATE_FORMATS.get(QLocale().language())
    return "yyyy-MM-dd" if pattern is None or date_style() == "iso" else pattern


def display(value: Any, kind: str = "text") -> str:
    if value is None:
        return ""
    locale = QLocale()
    if isinstance(value, date):
        pattern = date_pattern()
        if pattern == "yyyy-MM-dd":
            # ISO where chosen, and where no locale is set (rather than "1 2 2026")
            if isinstance(value, datetime):
                return value.isoformat(sep=" ", timespec="minutes")
            return value.isoformat()
        if isinstance(value, datetime):
            return locale.toString(QDateTime(value), pattern + " HH:mm")
        return locale.toString(QDate(value.year, value.month, value.day), pattern)
    if isinstance(value, bool):
        return "✓" if value else ""
    if isinstance(value, float):
        return locale.toString(value, "g", 12)
    if kind == "enum":
        return value_label(str(value))
    return str(value).replace("\n", " ")


def count_text(n: int) -> str:
    """A count with the language's thousands separator: 100,000 or 100.000."""
    locale = QLocale()
    return f"{n:,}" if locale.language() == QLocale.Language.C else locale.toString(n)
