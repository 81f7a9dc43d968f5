"""What every report shares: fonts that print every script, styles, escaping, page numbers."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from importlib.resources import as_file, files
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from workbook.domain import clock, words
from workbook.domain.words import tr
from workbook.store.storage import atomic_save

FONT, BOLD, ITALIC = "DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique"
INK, ACCENT, MUTED, RULE = "#1d1d1f", "#1d3557", "#5f6b7a", "#c9d2dc"
_registered = False
#: The share of the page's width a story is laid out in: 1, or about half for each
#: language of an agreement printed side by side.
_share: ContextVar[float] = ContextVar("report_width_share", default=1.0)


@contextmanager
def narrowed(share: float) -> Iterator[None]:
    """Lay out the stories made inside in a column ``share`` of the page's width wide."""
    token = _share.set(share)
    try:
        yield
    finally:
        _share.reset(token)


def widths(full: Sequence[float]) -> list[float]:
    """A table's column widths, given for the page's width, for the column it prints in."""
    return [w * _share.get() for w in full]


def register_fonts() -> None:
    """Embed DejaVu Sans: umlauts, Polish, Turkish, Cyrillic and Greek print as typed."""
    global _registered
    if _registered:
        return
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    folder = files("resources") / "fonts"
    for name, filename in (
        (FONT, "DejaVuSans.ttf"),
        (BOLD, "DejaVuSans-Bold.ttf"),
        (ITALIC, "DejaVuSans-Oblique.ttf"),
    ):
        with as_file(folder / filename) as path:
            pdfmetrics.registerFont(TTFont(name, str(path)))
    addMapping(FONT, 0, 0, FONT)
    addMapping(FONT, 1, 0, BOLD)
    addMapping(FONT, 0, 1, ITALIC)
    addMapping(FONT, 1, 1, BOLD)
    _registered = True


def text(value: Any) -> str:
    """User text as Paragraph markup that shows exactly what was typed (no tags, no links)."""
    if value is None:
        return ""
    return escape(str(value)).replace("\n", "<br/>")


def styles() -> dict[str, Any]:
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.styles import ParagraphStyle

    register_fonts()
    base = ParagraphStyle(
        "body", fontName=FONT, fontSize=9.5, leading=13, textColor=colors.HexColor(INK)
    )
    return {
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=8, leading=10.5),
        "muted": ParagraphStyle(
            "muted", parent=base, fontSize=8.5, leading=11, textColor=colors.HexColor(MUTED)
        ),
        "title": ParagraphStyle(
            "title",
            parent=base,
            fontName=BOLD,
            # in a column half the page wide, "Partnerschaftsvereinbarung" on one line
            fontSize=22 if _share.get() > 0.75 else 13,
            leading=27 if _share.get() > 0.75 else 17,
            textColor=colors.HexColor(ACCENT),
            spaceAfter=6,
        ),
        "subtitle": ParagraphStyle(
            "subtitle",
            parent=base,
            fontSize=12,
            leading=16,
            textColor=colors.HexColor(MUTED),
            spaceAfter=14,
        ),
        "h1": ParagraphStyle(
            "h1",
            parent=base,
            fontName=BOLD,
            fontSize=14,
            leading=18,
            spaceBefore=14,
            spaceAfter=6,
            textColor=colors.HexColor(ACCENT),
            keepWithNext=True,
        ),
        "h2": ParagraphStyle(
            "h2",
            parent=base,
            fontName=BOLD,
            fontSize=11,
            leading=14,
            spaceBefore=10,
            spaceAfter=4,
            keepWithNext=True,
        ),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8.5, leading=11),
        "head": ParagraphStyle(
            "head", parent=base, fontName=BOLD, fontSize=8.5, leading=11, textColor=colors.white
        ),
        "center": ParagraphStyle("center", parent=base, alignment=TA_CENTER),
    }


def table_style(*, header: bool = True) -> Any:
    from reportlab.lib import colors
    from reportlab.platypus import TableStyle

    commands: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("FONTSIZE", (0, 0), (-1, -1), 8.5),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor(RULE)),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if header:
        commands += [
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor(ACCENT)),
            ("TEXTCOLOR", (0, 0), (-1, 0), colors.white),
            ("FONTNAME", (0, 0), (-1, 0), BOLD),
        ]
    return TableStyle(commands)


def flowing_table(data: list[list[Any]], colWidths: list[float], **kwargs: Any) -> Any:
    """A table whose rows may split across pages: a decision longer than a page still prints.
    Its columns are fitted to their words (``fit_columns``)."""
    table = _table_classes()[0](
        data, colWidths=fit_columns(data, widths(colWidths)), splitInRow=1, **kwargs
    )
    table.full_widths = colWidths  # its widths on the whole page (``documents.side_by_side``)
    return table


#: The dictionaries a cell's words are hyphenated with, at the points they allow only.
HYPHENATION = {"de": "de_DE", "en": "en_GB"}


def fit_columns(
    rows: Sequence[Sequence[Any]], widths: Sequence[float], bold: Sequence[int] = ()
) -> list[float]:
    """The column widths, within the same total, so that no word is broken inside a cell.

    A column narrower than its longest word (a header such as "Ausgangswert", a long name)
    takes the room from columns that have more than their own longest word needs. Where
    the total cannot hold every word whole, the first row's words (a header) are kept
    whole first, then the smallest shortfalls are met, and the cells still too narrow are
    hyphenated with the report language's dictionary (pyphen), at real hyphenation points
    only. A cell of plain lines (``lines``; in bold in the ``bold`` columns) is measured by
    its longest line: such lines do not wrap.
    """
    register_fonts()
    widest = [
        [_widest(cell, n in bold) for n, cell in enumerate(row[: len(widths)])] for row in rows
    ]
    columns = range(len(widths))
    need = [max((row[n] for row in widest if n < len(row)), default=0.0) for n in columns]
    total = sum(widths)
    if all(want <= width for want, width in zip(need, widths, strict=True)):
        return list(widths)
    if sum(need) <= total:  # room for every word: the short columns take the others' spare
        short = sum(max(0.0, want - width) for want, width in zip(need, widths, strict=True))
        # first the room no cell of a column fills (an empty column, short numbers), then
        # the room that only makes its cells wrap less
        lines = [
            max((_widest(row[n], n in bold, whole=True) for row in rows if n < len(row)), default=0)
            for n in columns
        ]
        fitted = [max(width, want) for width, want in zip(widths, need, strict=True)]
        for floor in (
            [max(want, line) for want, line in zip(need, lines, strict=True)],
            need,
        ):
            spare = [max(0.0, got - least) for got, least in zip(fitted, floor, strict=True)]
            taken = min(short, sum(spare))
            if taken > 0:
                fitted = [
                    got - taken * room / sum(spare) for got, room in zip(fitted, spare, strict=True)
                ]
            short -= taken
    else:  # every column at most its widest word: the header's words whole, then the rest
        head = [min(widest[0][n] if n < len(widest[0]) else 0.0, need[n]) for n in columns]
        fitted, left = _shared(total, head)
        more, _left = _shared(left, [want - got for want, got in zip(need, fitted, strict=True)])
        fitted = [got + extra for got, extra in zip(fitted, more, strict=True)]
        for row, row_widest in zip(rows, widest, strict=True):
            for n, cell in enumerate(row[: len(widths)]):
                if row_widest[n] > fitted[n] + 0.01 and hasattr(cell, "getPlainText"):
                    cell.style = _hyphenating(cell.style, words.current())
    return fitted


def _shared(total: float, wants: list[float]) -> tuple[list[float], float]:
    """``total`` shared out so that each gets what it wants, the smallest wants first, the
    largest an equal share of what is left; and what nobody wanted."""
    given, left = [0.0] * len(wants), total
    order = sorted(range(len(wants)), key=lambda n: wants[n])
    for place, n in enumerate(order):
        given[n] = min(wants[n], left / (len(wants) - place))
        left -= given[n]
    return given, left


def _widest(cell: Any, bold: bool, *, whole: bool = False) -> float:
    """The room the widest word of a cell needs, padding included (a line, for plain lines:
    they do not wrap); with ``whole``, the room its widest line needs unwrapped."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    if isinstance(cell, str):
        pieces, font, size = cell.split("\n"), BOLD if bold else FONT, 8.5
    elif hasattr(cell, "getPlainText"):
        style = cell.style
        font = BOLD if "<b>" in getattr(cell, "text", "") else style.fontName
        plain = cell.getPlainText()
        pieces, size = (plain.split("\n") if whole else plain.split()), style.fontSize
    else:
        return 0.0
    pad = 2 * CELL_PADDING + 1
    widest = 0.0
    for piece in pieces:
        # a word of n characters is no wider than n em: most need no measuring
        if len(piece) * size + pad > widest:
            widest = max(widest, stringWidth(piece, font, size) + pad)
    return widest


_HYPHENATING: dict[tuple[str, str], Any] = {}


def _hyphenating(style: Any, language: str) -> Any:
    from reportlab.lib.styles import ParagraphStyle

    key = (style.name, language)
    if key not in _HYPHENATING:
        _HYPHENATING[key] = ParagraphStyle(
            f"{style.name}-hyphenated", parent=style, hyphenationLang=HYPHENATION[language]
        )
    return _HYPHENATING[key]


@cache
def _table_classes() -> tuple[Any, Any]:
    """Table and LongTable whose rest, after a page break, starts on the next page.

    reportlab splits a table between rows first; its rest is then tried in the space left
    below, where only an in-row split fits: the repeated header and a line or two of the next
    row, in the middle of the page. A split in less room than the first part had is declined
    once, so the rest moves to the next frame (a row taller than a page still splits there).
    """
    from reportlab.platypus import LongTable, Table

    def split(self: Any, availWidth: float, availHeight: float) -> list[Any]:
        below = self.__dict__.pop("_rest_of", None)  # the height its first part had
        if below is not None and availHeight < below:
            return []  # the space under its first part: the frame moves to the next page
        parts = self._split_anywhere(availWidth, availHeight)
        if len(parts) == 2:
            parts[1]._rest_of = availHeight
        return parts

    table, long_table = (
        type(base.__name__, (base,), {"split": split, "_split_anywhere": base.split})
        for base in (Table, LongTable)
    )
    return table, long_table


@cache
def _once_wrapped() -> Any:
    """Paragraph that lays out its lines once per width (see ``paragraph``)."""
    from reportlab.platypus import Paragraph

    class OnceWrapped(Paragraph):
        _wrapped_at: float | None = None

        def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
            if self._wrapped_at == availWidth and "blPara" in self.__dict__:
                return self.width, self.height
            size = super().wrap(availWidth, availHeight)
            self._wrapped_at = availWidth
            return size

    return OnceWrapped


def paragraph(markup: str, style: Any) -> Any:
    """A Paragraph that lays out its lines once per width.

    A table asks each cell for its height again whenever it splits at a page break; the
    lines of a cell do not change while its column's width stays the same.
    """
    return _once_wrapped()(markup, style)


def shortened(value: str, width: float, font: str = FONT, size: float = 8.5) -> str:
    """``value`` as it fits ``width`` points, cut at a word where it can and marked "…"."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    register_fonts()
    if stringWidth(value, font, size) <= width:
        return value
    room = width - stringWidth("…", font, size)
    cut = value
    while cut and stringWidth(cut, font, size) > room:
        cut = cut[:-1]
    words = cut.rsplit(" ", 1)[0] if " " in cut.strip() else cut
    return (words if len(words) >= len(cut) * 0.6 else cut).rstrip(" ,;:-–") + "…"


CELL_PADDING = 6  # reportlab's default left and right padding of a table cell


def lines(value: str, width: float, *, font: str = FONT, size: float = 8.5) -> str:
    """Unmarked text broken into lines that fit a column ``width`` wide.

    A table draws such a string cell far faster than a Paragraph; for short cells in long
    tables (numbers, dates, statuses) that is most of a report's time.
    """
    from reportlab.lib.utils import simpleSplit

    room = width - 2 * CELL_PADDING
    return "\n".join(
        line for part in value.split("\n") for line in (simpleSplit(part, font, size, room) or [""])
    )


def chunked_table(
    rows: list[list[Any]],
    header: list[Any],
    widths: list[float],
    *,
    chunk: int = 200,
    style: Sequence[tuple[Any, ...]] = (),
) -> list[Any]:
    """Long tables as several tables of ``chunk`` rows, each repeating the header.

    One 10,000-row Table takes reportlab far longer than fifty 200-row ones.
    """
    long_table = _table_classes()[1]
    bold = {  # the columns a style sets in bold
        n
        for command in style
        if command[0] == "FONTNAME" and command[-1] == BOLD
        for n in range(command[1][0], (command[2][0] % len(widths)) + 1)
    }
    widths = fit_columns([header, *rows], widths, bold=sorted(bold))  # the same in every chunk
    parts = []
    for start in range(0, max(len(rows), 1), chunk):
        table = long_table(
            [header, *rows[start : start + chunk]], colWidths=widths, repeatRows=1, splitInRow=1
        )
        table.setStyle(table_style())
        if style:
            table.setStyle(style)
        parts.append(table)
    return parts


#: The page's margins left and right (and below), in points: 20 mm.
MARGIN = 20 * 72 / 25.4


def text_width(letter: bool) -> float:
    """The width the text fills between the margins, in points."""
    return page_size(letter)[0] - 2 * MARGIN


def page_size(letter: bool) -> tuple[float, float]:
    from reportlab.lib.pagesizes import A4, LETTER

    return LETTER if letter else A4


def build(
    path: str | os.PathLike[str],
    story: list[Any],
    *,
    title: str,
    owner: str,
    letter: bool = False,
    on_page: Callable[[Any, Any], None] | None = None,
) -> int:
    """Lay out the story into a PDF with "Page X of Y" and a footer; returns the page count."""
    from reportlab.lib import colors
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import SimpleDocTemplate

    register_fonts()
    size = page_size(letter)
    pages: list[int] = []

    class NumberedCanvas(Canvas):
        """Writes each page's footer once the total number of pages is known."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._saved: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._saved.append(dict(self.__dict__))
            self._startPage()  # type: ignore[attr-defined]  # reportlab's own, untyped

        def save(self) -> None:
            total = len(self._saved)
            for state in self._saved:
                self.__dict__.update(state)
                self.setFont(FONT, 7.5)
                self.setFillColor(colors.HexColor(MUTED))
                self.drawString(18 * mm, 10 * mm, f"{owner} · {title}")
                page = self._pageNumber  # type: ignore[attr-defined]  # reportlab's own
                footers = []
                for code in (state.get("_speaks") or words.current()).split("+"):
                    with words.language(code):  # side by side: "Seite 1 von 3 · Page 1 of 3"
                        footers.append(tr("Page {page} of {total}", page=page, total=total))
                footer = " · ".join(footers)
                self.drawRightString(size[0] - 18 * mm, 10 * mm, footer)
                super().showPage()
            pages.append(total)
            super().save()

    def write(temp: str) -> None:
        doc = SimpleDocTemplate(
            temp,
            pagesize=size,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=18 * mm,
            bottomMargin=MARGIN,
            title=title,
            author=owner,
            creator="Alliance Workbook",
        )
        doc.build(
            story,
            canvasmaker=NumberedCanvas,
            onFirstPage=on_page or _nothing,
            onLaterPages=on_page or _nothing,
        )

    atomic_save(Path(path), write)
    return pages[-1] if pages else 0


def speaks(language: str | None) -> Any:
    """A mark in a story: the pages from here on are in ``language`` (their footer too;
    "de+en" for pages in two languages side by side)."""
    from reportlab.platypus import Flowable

    class Speaks(Flowable):
        def wrap(self, _width: float, _height: float) -> tuple[float, float]:
            return 0, 0

        def draw(self) -> None:
            self.canv._speaks = language  # type: ignore[attr-defined]  # read by the footer

    return Speaks()


def _nothing(canvas: Any, doc: Any) -> None:
    return None


def today() -> str:
    return clock.today().isoformat()
