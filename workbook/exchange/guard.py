"""Look at a spreadsheet file before any parser does: refuse what could hurt the process.

A crafted xlsx can exhaust memory (zip bombs, huge shared strings) or smuggle XML entities
and macros. These checks read the zip directory and stream each XML part's first bytes,
counting uncompressed bytes as they go, so a hostile file costs little to turn away.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import shutil
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from workbook.domain.errors import KnownError
from workbook.exchange.refusals import REFUSALS

MAX_FILE_BYTES = 100 * 1024 * 1024
MAX_PARTS = 5000
MAX_SHEET_ROWS = 200_001  # a header and 200,000 records
MAX_PART_BYTES = 400 * 1024 * 1024
MAX_TOTAL_BYTES = 800 * 1024 * 1024
MAX_RATIO = 150  # uncompressed / compressed, for parts larger than RATIO_FLOOR
RATIO_FLOOR = 2 * 1024 * 1024
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
log = logging.getLogger(__name__)

REQUIRED_PARTS = ("[Content_Types].xml", "xl/workbook.xml")


class BadSpreadsheet(KnownError):
    """A file that cannot or must not be read; says which file and why (a code of
    ``refusals.REFUSALS`` and its parameters, worded in English as ``reason``)."""

    code = "bad_spreadsheet"
    template = "{file}: {reason}."

    def __init__(self, file: str | os.PathLike[str], why: str, **params: object) -> None:
        reason = REFUSALS[why].format(**params)
        super().__init__(file=Path(file).name, reason=reason, why=why, said=params)
        self.reason, self.why = reason, why


#: A cell holding a formula (``<f>``, ``<x:f>``) in a sheet's XML.
_FORMULA = re.compile(rb"<f[\s>/]")
_PREFIXED_FORMULA = re.compile(rb"<[A-Za-z_][\w.-]*:f[\s>/]")
_ERROR = b't="e"'  # an error cell's type, after a space (see _formulas_or_errors)


def _formulas_or_errors(data: bytes) -> bool:
    """A formula or an error cell (``t="e"``) in this part of a sheet's XML.

    Each pattern begins with text the scan can jump to: one pattern for both, beginning
    with a space or "<", tried at every byte and took a third of a second for 15 MB. A
    prefixed element is looked for only where ":f" is found at all.
    """
    if _FORMULA.search(data) or (b":f" in data and _PREFIXED_FORMULA.search(data)):
        return True
    at = data.find(_ERROR)
    while at >= 0:
        if at and data[at - 1 : at].isspace():
            return True
        at = data.find(_ERROR, at + 1)
    return False


@dataclass
class Contents:
    """What the checks saw while reading the sheets through."""

    #: a sheet has formulas or error cells: only a reader that keeps cell types tells them
    #: from typed values (a formula's last result, an error's text)
    formulas_or_errors: bool = False
    #: a sheet's cells lie far apart (a cell in column AAA or beyond, or a row numbered past
    #: MAX_SHEET_ROWS, as LibreOffice writes after a row was deleted): a reader that makes a
    #: grid of the whole range (python-calamine) would take gigabytes, or abort the process
    #: (one value in XFD1048576 of a 5 KB file); such sheets are read cell by cell
    spread_out: bool = False
    #: written in the Strict form of Office Open XML (Excel's "Strict Open XML
    #: Spreadsheet"): other namespaces, which openpyxl does not know (see transitional)
    strict: bool = False
    #: its parts named with backslashes (written on Windows by hand-made zip code): python-
    #: calamine reads them, openpyxl finds no part (see transitional)
    backslashes: bool = False


def check_xlsx(path: str | os.PathLike[str]) -> Contents:
    """Raise BadSpreadsheet unless the file looks like an ordinary, harmless xlsx workbook."""
    return _check_zip_file(Path(path), REQUIRED_PARTS, "xlsx")


def check_ods(path: str | os.PathLike[str]) -> Contents:
    """The same pre-flight check for an OpenDocument spreadsheet (.ods)."""
    return _check_zip_file(Path(path), ("mimetype", "content.xml"), "ods")


def _check_zip_file(file: Path, required: tuple[str, ...], kind: str) -> Contents:
    try:
        size = file.stat().st_size
        with file.open("rb") as handle:
            head = handle.read(8)
    except FileNotFoundError:
        raise BadSpreadsheet(file, "missing") from None
    except OSError as exc:
        log.info("Cannot read %s: %s", file, exc)
        raise BadSpreadsheet(file, "unreadable") from None
    if size == 0:
        raise BadSpreadsheet(file, "empty")
    if size > MAX_FILE_BYTES:
        raise BadSpreadsheet(file, "too_big", mb=MAX_FILE_BYTES // 2**20)
    if head == OLE_SIGNATURE:
        raise BadSpreadsheet(file, "old_or_protected")
    if not head.startswith(b"PK"):
        raise BadSpreadsheet(file, f"not_{kind}")
    try:
        with zipfile.ZipFile(file) as archive:
            return _check_archive(file, archive, required, kind)
    except zipfile.BadZipFile:
        raise BadSpreadsheet(file, "damaged_zip") from None
    except zipfile.LargeZipFile:
        raise BadSpreadsheet(file, "too_large") from None


def _check_archive(
    file: Path, archive: zipfile.ZipFile, required: tuple[str, ...], kind: str
) -> Contents:
    parts = archive.infolist()
    if len(parts) > MAX_PARTS:
        raise BadSpreadsheet(file, "too_many_parts", count=len(parts))
    names = {p.filename.replace("\\", "/") for p in parts}
    if any(n.lower().endswith("vbaproject.bin") for n in names):
        raise BadSpreadsheet(file, "macros")
    if "EncryptedPackage" in names or "EncryptionInfo" in names:
        raise BadSpreadsheet(file, "password")
    missing = [n for n in required if n not in names and not _found_elsewhere(n, names)]
    if missing:
        raise BadSpreadsheet(file, f"zip_not_{kind}", parts=", ".join(missing))
    total = 0
    contents = Contents(backslashes=any("\\" in p.filename for p in parts))
    for part in parts:
        if part.flag_bits & 0x1:
            raise BadSpreadsheet(file, "encrypted")
        if part.file_size > MAX_PART_BYTES:
            raise BadSpreadsheet(file, "part_too_large", part=part.filename)
        if part.file_size > RATIO_FLOOR and part.file_size > MAX_RATIO * max(part.compress_size, 1):
            raise BadSpreadsheet(file, "zip_bomb", part=part.filename)
        total += part.file_size
        if total > MAX_TOTAL_BYTES:
            raise BadSpreadsheet(file, "unpacked_too_large")
        if part.filename.endswith((".xml", ".rels")):
            _check_xml(file, archive, part, contents)
    return contents


def _found_elsewhere(required: str, names: set[str]) -> bool:
    """The workbook part in another folder than Excel's (its package's relationships
    point to it): a minimal package keeps it at the top."""
    leaf = required.rsplit("/", 1)[-1]
    return required == "xl/workbook.xml" and any(n == leaf or n.endswith("/" + leaf) for n in names)


def _check_xml(
    file: Path, archive: zipfile.ZipFile, part: zipfile.ZipInfo, contents: Contents
) -> None:
    """No DTDs or entity declarations (entity bombs, external entities); rows counted."""
    name = part.filename.replace("\\", "/")
    seen = rows = 0
    text_run = 0  # bytes since the last "<": the text of one cell, and of one string
    tail = b""
    with archive.open(part) as stream:
        head = stream.read(64 * 1024)
        upper = head.upper()
        if b"<!DOCTYPE" in upper or b"<!ENTITY" in upper:
            raise BadSpreadsheet(file, "entities", part=part.filename)
        # a worksheet is known by its root element, wherever the package keeps it
        is_sheet = name.endswith(".xml") and _WORKSHEET.search(head) is not None
        if name.endswith("workbook.xml") and _STRICT_MAIN in head:
            contents.strict = True
        if name == "META-INF/manifest.xml" and b"encryption-data" in head:
            raise BadSpreadsheet(file, "password")  # an OpenDocument file with a password
        chunk = head
        while chunk:  # the declared size may lie: count what really comes out
            seen += len(chunk)
            if seen > MAX_PART_BYTES:
                raise BadSpreadsheet(file, "part_too_large", part=part.filename)
            text_run = _longest_text(chunk, text_run, file, part)
            if is_sheet:
                window = tail + chunk
                rows += _row_tags(window) - _row_tags(tail)
                if not contents.formulas_or_errors:
                    contents.formulas_or_errors = _formulas_or_errors(window)
                if not contents.spread_out:
                    contents.spread_out = _spread_out(window)
                tail = window[-64:]
                if rows > MAX_SHEET_ROWS:
                    raise BadSpreadsheet(file, "too_many_rows", limit=MAX_SHEET_ROWS - 1)
            chunk = stream.read(1024 * 1024)


#: The longest text between two tags: a cell holds at most 32,767 characters (up to four
#: bytes each, and an escape such as &amp; five bytes for one); a longer one is no cell a
#: spreadsheet program wrote, and would take gigabytes to read (a 4.7 MB file held 408 MB).
MAX_TEXT_BYTES = 5 * 32_767 + 1024


def _longest_text(chunk: bytes, run: int, file: Path, part: zipfile.ZipInfo) -> int:
    """The text run still open at the chunk's end; refuses one longer than a cell takes.

    Looks for a "<" in every window of MAX_TEXT_BYTES (one memchr each: a text run twice as
    long always covers a whole window, one shorter than a window never does), not at every
    tag, so that 100 MB are looked through in milliseconds.
    """
    first = chunk.find(b"<")
    long = run + (len(chunk) if first < 0 else first) > MAX_TEXT_BYTES
    for start in range(max(first, 0), len(chunk), MAX_TEXT_BYTES):
        if long or first < 0:
            break
        end = start + MAX_TEXT_BYTES
        long = end <= len(chunk) and chunk.find(b"<", start + 1, end + 1) < 0
    if long:
        raise BadSpreadsheet(file, "text_too_long", part=part.filename, limit=32_767)
    last = chunk.rfind(b"<")
    return run + len(chunk) if last < 0 else len(chunk) - last - 1


_WORKSHEET = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?worksheet[\s>]")
_ROW_NUMBER = re.compile(rb'<row\b[^>]*?\sr="(\d+)"')
#: A cell reference three letters long (column AAA and on), after a space: cells are the
#: only elements of a sheet with such an ``r``. Led by its name, the scan jumps from one to
#: the next (from "<c" it walked every cell's attributes: 15 MB in 0.13 s, now 0.02 s).
_FAR_COLUMN = re.compile(rb'r="[A-Z]{3}\d')


def _spread_out(data: bytes) -> bool:
    if any(data[m.start() - 1 : m.start()].isspace() for m in _FAR_COLUMN.finditer(data)):
        return True
    start = data.rfind(b"<row")  # rows come in order: the last one is the furthest
    found = _ROW_NUMBER.match(data, start) if start >= 0 else None
    return found is not None and int(found.group(1)) > MAX_SHEET_ROWS


def _row_tags(data: bytes) -> int:
    return data.count(b"<row ") + data.count(b"<row>")


#: Strict Office Open XML namespaces and relationship types, and their Transitional names
#: (ECMA-376 Part 1, Strict, against Part 4, Transitional); longer names first, so that a
#: relationship type is renamed whole, and the plain prefixes rename the rest.
_STRICT_NAMES = {
    b"http://purl.oclc.org/ooxml/officeDocument/relationships/extendedProperties": (
        b"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties"
    ),
    b"http://purl.oclc.org/ooxml/officeDocument/relationships/customProperties": (
        b"http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
    ),
    b"http://purl.oclc.org/ooxml/officeDocument/extendedProperties": (
        b"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
    ),
    b"http://purl.oclc.org/ooxml/officeDocument/customProperties": (
        b"http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
    ),
    b"http://purl.oclc.org/ooxml/officeDocument/docPropsVTypes": (
        b"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
    ),
    b"http://purl.oclc.org/ooxml/officeDocument/sharedTypes": (
        b"http://schemas.openxmlformats.org/officeDocument/2006/sharedTypes"
    ),
    b"http://purl.oclc.org/ooxml/officeDocument/relationships": (
        b"http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    ),
    b"http://purl.oclc.org/ooxml/spreadsheetml/main": (
        b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    ),
    b"http://purl.oclc.org/ooxml/drawingml/spreadsheetDrawing": (
        b"http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"
    ),
    b"http://purl.oclc.org/ooxml/drawingml/chart": (
        b"http://schemas.openxmlformats.org/drawingml/2006/chart"
    ),
    b"http://purl.oclc.org/ooxml/drawingml/main": (
        b"http://schemas.openxmlformats.org/drawingml/2006/main"
    ),
}
_STRICT_MAIN = b"http://purl.oclc.org/ooxml/spreadsheetml/main"
_STRICT_NAME = re.compile(b"|".join(re.escape(name) for name in _STRICT_NAMES))
_LONGEST_NAME = max(map(len, _STRICT_NAMES))


@contextlib.contextmanager
def transitional(file: Path, contents: Contents) -> Iterator[Path]:
    """The file to read: the file itself, or a copy in a scratch folder (removed after) for
    a Strict workbook or one whose parts are named with backslashes, in the Transitional
    names that every reader knows (the parts streamed through, so that a large sheet is
    never held in memory whole)."""
    if not (contents.strict or contents.backslashes):
        yield file
        return
    with tempfile.TemporaryDirectory(prefix="workbook-strict-") as scratch:
        copy = Path(scratch) / file.name
        with (
            zipfile.ZipFile(file) as source,
            zipfile.ZipFile(copy, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as target,
        ):
            for part in source.infolist():
                name = part.filename.replace("\\", "/")
                with source.open(part) as inside, target.open(name, "w") as out:
                    if part.filename.endswith((".xml", ".rels")):
                        _renamed(inside, out)
                    else:
                        shutil.copyfileobj(inside, out)
        yield copy


def _renamed(inside: IO[bytes], out: IO[bytes], chunk_size: int = 1024 * 1024) -> None:
    """Copy one XML part with its Strict names replaced. The chunk's last bytes are held
    back and read with the next chunk: a name there may be cut short, or be the start of a
    longer name."""
    held = b""
    while chunk := inside.read(chunk_size):
        data = held + chunk
        safe = len(data) - _LONGEST_NAME  # a name ending after this may go on
        written, cut = 0, max(safe, 0)
        for found in _STRICT_NAME.finditer(data):
            if found.end() > safe:
                cut = max(written, min(cut, found.start()))
                break
            out.write(data[written : found.start()] + _STRICT_NAMES[found.group(0)])
            written = found.end()
        cut = max(cut, written)
        out.write(data[written:cut])
        held = data[cut:]
    out.write(_STRICT_NAME.sub(lambda m: _STRICT_NAMES[m.group(0)], held))
