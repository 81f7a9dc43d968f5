"""How values look on screen: dates, numbers and enumeration values in the user's locale."""

from __future__ import annotations

import itertools
import re
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QDate, QDateTime, QLocale

from ui.labels import value_label

# Full four-digit years: Qt's short formats would print 24.11.26.
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


def date_hint() -> str:
    """How a date is typed, in the date style's order: TT.MM.JJJJ in German."""
    from ui.i18n import _t

    hints = {
        "dd.MM.yyyy": _t("DD.MM.YYYY"),
        "MM/dd/yyyy": _t("MM/DD/YYYY"),
        "yyyy-MM-dd": _t("YYYY-MM-DD"),
    }
    return hints.get(date_pattern(), hints["yyyy-MM-dd"])


def typed_date(text: str, today: date | None = None) -> date | None:
    """A date as people type it, in the order of the date style (German: day, month,
    year): 15.11.2026, 15.11.26, 15.11. (this year), 151126, 15112026, and ISO 2026-11-15
    always. Empty is no date; anything else raises ValueError (31.02.2026 too)."""
    text = text.strip()
    if not text:
        return None
    today = today or date.today()
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    if iso:
        return date(int(iso[1]), int(iso[2]), int(iso[3]))
    order = _ORDERS.get(date_pattern(), "dmy")
    if text.isdigit():
        parts = _digits(text, order)
    else:
        parts = [p for p in re.split(r"[.\-/\s]+", text) if p]
    if len(parts) == 2 and order != "ymd":
        parts.insert(order.index("y"), str(today.year))  # day and month: this year
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        raise ValueError(text)
    by = dict(zip(order, parts, strict=True))
    year = int(by["y"])
    if len(by["y"]) <= 2:  # 26 is 2026; 85 is 1985 (a year more than 20 ahead goes back)
        year += 2000 if 2000 + year <= today.year + 20 else 1900
    elif len(by["y"]) != 4:
        raise ValueError(text)
    return date(year, int(by["m"]), int(by["d"]))


_ORDERS = {"dd.MM.yyyy": "dmy", "MM/dd/yyyy": "mdy", "yyyy-MM-dd": "ymd"}


def _digits(text: str, order: str) -> list[str]:
    """Digits typed without separators: 151126, 15112026, 1511 (this year)."""
    if order == "ymd":
        cuts = {8: (4, 6), 6: (2, 4)}.get(len(text))
    else:
        cuts = {8: (2, 4), 6: (2, 4), 4: (2,)}.get(len(text))
    if cuts is None:
        raise ValueError(text)
    bounds = [0, *cuts, len(text)]
    return [text[a:b] for a, b in itertools.pairwise(bounds)]


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
