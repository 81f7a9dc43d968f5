"""A corpus of malicious and broken files: each refused with its own message, nothing changed."""

from __future__ import annotations

import io
import resource
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from tests.workbook.exchange.helpers import snapshot
from workbook.exchange.guard import BadSpreadsheet
from workbook.exchange.importer import preview

CONTENT_TYPES = (
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    'content-types"></Types>'
)


def _valid_xlsx(tmp_path: Path) -> bytes:
    wb = Workbook()
    wb.active.title = "Organisations"
    wb.active.append(["Name", "Kind"])
    wb.active.append(["Verein", "ngo"])
    path = tmp_path / "valid.xlsx"
    wb.save(path)
    return path.read_bytes()


def _rezip(
    source: bytes,
    *,
    add: dict[str, bytes] | None = None,
    replace: dict[str, bytes] | None = None,
    drop: tuple[str, ...] = (),
) -> bytes:
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(source)) as zin,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout,
    ):
        for item in zin.infolist():
            if item.filename in drop:
                continue
            data = (replace or {}).get(item.filename, zin.read(item.filename))
            zout.writestr(item.filename, data)
        for name, data in (add or {}).items():
            zout.writestr(name, data)
    return out.getvalue()


def _bomb() -> bytes:
    out = io.BytesIO()
    # the fastest compression still packs the 300 MB into 1.4 MB (229:1, 0.5 s instead of 1.5)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/sharedStrings.xml", b"<sst>" + b"A" * (300 * 1024 * 1024) + b"</sst>")
    return out.getvalue()


def _too_many_parts() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("xl/workbook.xml", "<workbook/>")
        for index in range(5_100):
            z.writestr(f"xl/media/image{index}.png", b"")
    return out.getvalue()


LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
    b"<sst>&lol2;</sst>"
)
EXTERNAL = (
    b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    b"<workbook>&xxe;</workbook>"
)


def corpus(tmp_path: Path) -> dict[str, tuple[bytes, str]]:
    valid = _valid_xlsx(tmp_path)
    return {
        "empty.xlsx": (b"", "the file is empty"),
        "text.xlsx": (b"Name;Kind\nVerein;ngo\n", "not an Excel (.xlsx) workbook"),
        "pdf.xlsx": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "not an Excel (.xlsx) workbook"),
        "truncated.xlsx": (valid[: len(valid) // 2], "damaged"),
        "zip-not-xlsx.xlsx": (
            _rezip(valid, drop=("xl/workbook.xml",)),
            "not an Excel workbook (no xl/workbook.xml)",
        ),
        "plain.zip.xlsx": (_zip_of({"readme.txt": b"hello"}), "not an Excel workbook"),
        "macros.xlsm": (_rezip(valid, add={"xl/vbaProject.bin": b"\x00" * 64}), "macros"),
        "encrypted.xlsx": (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512,
            "password-protected",
        ),
        "encrypted-package.xlsx": (
            _zip_of(
                {
                    "EncryptedPackage": b"x",
                    "EncryptionInfo": b"y",
                    "[Content_Types].xml": CONTENT_TYPES.encode(),
                    "xl/workbook.xml": b"<workbook/>",
                }
            ),
            "password-protected",
        ),
        "billion-laughs.xlsx": (
            _rezip(
                valid,
                replace={"xl/sharedStrings.xml": LAUGHS},
                add={}
                if "xl/sharedStrings.xml" in _names(valid)
                else {"xl/sharedStrings.xml": LAUGHS},
            ),
            "declares XML entities",
        ),
        "external-entity.xlsx": (
            _rezip(valid, replace={"xl/workbook.xml": EXTERNAL}),
            "declares XML entities",
        ),
        "zip-bomb.xlsx": (_bomb(), "suspicious size"),
        "too-many-parts.xlsx": (_too_many_parts(), "too many parts"),
        "broken-xml.xlsx": (
            _rezip(valid, replace={"xl/workbook.xml": b"<workbook><sheets"}),
            "cannot be read",
        ),
        "broken-sheet-xml.xlsx": (
            _rezip(
                valid,
                replace={
                    "xl/worksheets/sheet1.xml": b'<worksheet xmlns="http://schemas.openxmlformats.org/'
                    b'spreadsheetml/2006/main"><sheetData><row r="1">'
                    b'<c r="A1" t="inlineStr"><is><t>Name'
                },
            ),
            "cannot be read",
        ),
        "not-found.xlsx": (None, "does not exist"),
    }


def _zip_of(parts: dict[str, bytes | str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return out.getvalue()


def _names(data: bytes) -> set[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return set(z.namelist())


def test_every_hostile_file_is_refused_with_its_reason(sqlite_db, tmp_path):
    files = corpus(tmp_path)
    assert len(files) >= 15
    before = snapshot(sqlite_db)
    peak_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    for name, (data, reason) in files.items():
        path = tmp_path / name
        if data is not None:
            path.write_bytes(data)
        with pytest.raises(BadSpreadsheet) as caught, sqlite_db.unit() as s:
            preview(s, path)
        assert caught.value.message.startswith(f"{name}: "), name
        assert reason in caught.value.message, (name, caught.value.message)
    assert snapshot(sqlite_db) == before
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak_before) / 1024
    assert grown_mb < 200  # the 300 MB bomb was never unpacked


def test_a_million_rows_are_refused_without_reading_them_all(sqlite_db, tmp_path):
    path = tmp_path / "million.xlsx"
    sheet = io.BytesIO()
    sheet.write(
        b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.'
        b'openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:A2"/>'
        b"<sheetData>"
    )
    for number in range(1, 1_000_001):
        sheet.write(
            b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>x</t></is></c></row>' % (number, number)
        )
    sheet.write(b"</sheetData></worksheet>")
    wb = Workbook()
    wb.active.title = "Organisations"
    buffer = io.BytesIO()
    wb.save(buffer)
    path.write_bytes(
        _rezip(buffer.getvalue(), replace={"xl/worksheets/sheet1.xml": sheet.getvalue()})
    )
    before = snapshot(sqlite_db)
    with pytest.raises(BadSpreadsheet, match="more than 200,000 rows"), sqlite_db.unit() as s:
        preview(s, path)  # the file claims 2 rows (<dimension>): the limit counts real ones
    assert snapshot(sqlite_db) == before
