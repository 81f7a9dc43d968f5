"""PDF reports (reportlab): each gathers its records, then lays them out with shared styles."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session

from workbook.domain import words
from workbook.domain.errors import KnownError
from workbook.domain.progress import Progress
from workbook.reports import documents, sheets
from workbook.reports.base import build, narrowed, speaks
from workbook.services import get

REPORTS: dict[str, Callable[..., tuple[str, list[Any]]]] = {
    "agreement": documents.agreement,
    "decisions": documents.decisions_log,
    "conflicts": documents.conflicts_log,
    "goals": documents.goals_report,
    "directory": documents.directory,
    "person": documents.person,
    "meeting": sheets.meeting,
    "decision": sheets.decision,
    "conflict": sheets.conflict,
    "partner": sheets.partner,
}
#: The reports of one record, and the kind of record each prints.
RECORD_REPORTS = {
    "meeting": "meeting",
    "decision": "decision",
    "conflict": "conflict",
    "partner": "organisation",
}


class NeedsPartnership(KnownError):
    code = "needs_partnership"
    template = "The agreement is for one partnership: choose which one."


class NeedsRecord(KnownError):
    code = "needs_record"
    template = "This report prints one {kind}: name it."


def agreement_language(session: Session, partnership_id: Any) -> str | None:
    """The language a partnership's agreement is written in, if it says."""

    language = get(session, "partnership", partnership_id).language  # type: ignore[attr-defined]
    return str(language) if language else None


def generate(
    session: Session,
    kind: str,
    path: str | os.PathLike[str],
    *,
    letter: bool = False,
    language: str | None = None,
    dates: str | None = None,
    side_by_side: bool = False,
    progress: Progress | None = None,
    **options: Any,
) -> int:
    """Write report ``kind`` to ``path``; returns its number of pages.

    ``language`` is "en", "de", or two for an agreement ("de+en"; without one, the
    agreement is in the language it is written in), its two versions one after the other
    or, ``side_by_side``, in two columns; ``dates`` is "iso" or "locale" (English dates as
    11/24/2026; German ones are always 24.11.2026).
    """
    if kind not in REPORTS:
        raise KnownError(
            f"There is no report called {kind!r}; choose from " + ", ".join(REPORTS) + "."
        )
    if kind == "agreement" and not options.get("partnership_id"):
        raise NeedsPartnership()
    if kind in RECORD_REPORTS and not options.get("record_id"):
        raise NeedsRecord(kind=RECORD_REPORTS[kind])
    if kind == "agreement" and not language:  # in the language it is written in
        language = agreement_language(session, options["partnership_id"])
    progress = progress or Progress()
    progress.update(0, 2, "Collecting the records")
    languages: list[str | None] = [
        code.strip() for code in (language or "").split("+") if code.strip()
    ] or [None]
    if len(languages) > 1 and kind != "agreement":
        raise KnownError("Only the partnership agreement is made in two languages.")
    if side_by_side and len(languages) != 2:
        raise KnownError("Side by side takes two languages, such as de+en.")
    wanted = {k: v for k, v in options.items() if v}
    if kind == "agreement":  # its texts are in the first language, unless it says otherwise
        wanted["first"] = languages[0] or "en"
    titles, story, parts = [], [], []
    for n, code in enumerate(languages):
        # German or English words, dates and numbers; side by side, in half the width
        with words.language(code, dates), narrowed(documents.COLUMN if side_by_side else 1):
            title, part = REPORTS[kind](session, **wanted)
            if len(languages) > 1:  # said under the title of each version
                part.insert(documents.after_title(part), documents.bilingual_note(languages))
            titles.append(title)
            parts.append(part)
            # each version's pages say "Page 1 of 4" in its own language
            story += ([documents.page_break()] if n else []) + [speaks(code)] + part
    if side_by_side:  # the pages say it in both: "Seite 1 von 3 · Page 1 of 3"
        story = [speaks("+".join(str(code) for code in languages))]
        story += documents.side_by_side(*parts, letter=letter)
    progress.update(1, 2, "Laying out the pages")
    with words.language(languages[0]):
        pages = build(
            path,
            story,
            title=" / ".join(dict.fromkeys(titles)),
            owner=documents.owner(session),
            letter=letter,
        )
    progress.update(2, 2)
    return pages
