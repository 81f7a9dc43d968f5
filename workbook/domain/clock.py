"""Today's date, as the rules and documents see it.

Everything that asks "is this in the future?", "is this due?" or prints "as of" asks here,
so that a day can be fixed: the demo fixes the day it is generated for (its records are valid
on that day, whatever the real date), and tests fix the day they describe.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

_fixed: date | None = None


def today() -> date:
    """The fixed day, if one is fixed; else the real one."""
    return _fixed or date.today()


@contextmanager
def fixed(day: date | None) -> Iterator[None]:
    """Within the block, today is ``day`` (for every thread); ``None`` leaves it as it is."""
    global _fixed
    before = _fixed
    _fixed = day or before
    try:
        yield
    finally:
        _fixed = before
