"""PDF reports (reportlab): each gathers its records, then lays them out with shared styles."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session

from workbook.errors import KnownError
from workbook.progress import Progress
from workbook.reports import documents, words
from workbook.reports.base import build

REPORTS: dict[str, Callable[..., tuple[str, list[Any]]]] = {
    "agreement": documents.agreement,
    "decisions": documents.decisions_log,
    "conflicts": documents.conflicts_log,
    "goals": documents.goals_report,
    "directory": documents.directory,
    "person": documents.person,
}


def generate(
    session: Session,
    kind: str,
    path: str | os.PathLike[str],
    *,
    letter: bool = False,
    language: str | None = None,
    progress: Progress | None = None,
    **options: Any,
) -> int:
    """Write report ``kind`` to ``path``; returns its number of pages."""
    if kind not in REPORTS:
        raise KnownError(
            f"There is no report called {kind!r}; choose from " + ", ".join(REPORTS) + "."
        )
    if kind == "agreement" and not options.get("partnership_id"):
        raise KnownError("The agreement is for one partnership: name it with --partnership.")
    progress = progress or Progress()
    progress.update(0, 2, "Collecting the records")
    with words.language(language):  # German or English words, dates and numbers
        title, story = REPORTS[kind](session, **{k: v for k, v in options.items() if v})
        progress.update(1, 2, "Laying out the pages")
        pages = build(path, story, title=title, owner=documents.owner(session), letter=letter)
    progress.update(2, 2)
    return pages
