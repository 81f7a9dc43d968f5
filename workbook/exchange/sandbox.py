"""Read a spreadsheet in a child process: a parser that aborts, or runs away with memory,
takes the child with it and leaves a refusal in plain words, never the app.

The guard (``guard``) turns away what it can see before any parser runs; this is for what
it cannot: a reader's own failure on a file nobody has seen before. The child's address
space is capped (where the system allows it); its rows come back over a pipe as JSON, a
batch at a time, so that neither process holds a whole sheet it does not need, and
nothing the child sends can run code in the app.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import subprocess
import sys
import tempfile
import traceback
import warnings
from collections.abc import Callable, Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import IO, Any

import workbook
from workbook.exchange import readers
from workbook.exchange.guard import BadSpreadsheet
from workbook.exchange.readers import CellError, Formula, Sheets

log = logging.getLogger(__name__)

#: The child's address space: a reader that needs more is stopped with a refusal.
MEMORY_LIMIT = 1024**3
#: Rows sent together: large enough that a pipe's round trips do not count.
BATCH = 500
_PLAIN = frozenset({str, int, float, bool, type(None)})


def _one_table(
    read: Callable[[Path, str | None], tuple[str, list[list[Any]]]],
) -> Callable[[Path, str | None], Sheets]:
    """A reader of one whole table as a reader of sheets (one sheet)."""

    def sheets(file: Path, sheet: str | None) -> Sheets:
        name, rows = read(file, sheet)
        yield name, iter(rows)

    return sheets


#: The readers a child runs, by name (a child is given a name, never a function).
READERS: dict[str, Callable[[Path, str | None], Sheets]] = {
    "openpyxl": lambda file, _sheet: readers.openpyxl_sheets(file),
    "calamine": lambda file, _sheet: readers.calamine_sheets(file),
    "spread_out_table": _one_table(readers.spread_out_table),
    "book_table": _one_table(readers.book_table),
}


def sheets(reader: str, file: Path, sheet: str | None = None) -> Sheets:
    """What ``READERS[reader]`` gives for ``file``, read in a child process."""
    with tempfile.TemporaryFile() as errors:  # what the child says on its way out, if it fails
        child = subprocess.Popen(
            [*_command(), reader, str(file), *([sheet] if sheet is not None else [])],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=errors,
            env=_environment(),
            creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),
        )
        stream = _Stream(child, errors, file)
        try:
            while (title := stream.next_sheet()) is not None:
                yield title, stream.rows()
        finally:
            stream.close()


def table(reader: str, file: Path, sheet: str | None) -> tuple[str, list[list[Any]]]:
    """One sheet, all its rows (``spread_out_table``, ``book_table``), read in a child."""
    with_rows = sheets(reader, file, sheet)
    try:
        name, rows = next(with_rows)
        return name, list(rows)
    finally:
        with_rows.close()


#: The first argument of the bundled application that makes it a reader (installer/launch.py).
FLAG = "--read-spreadsheet"


def _command() -> list[str]:
    if getattr(sys, "frozen", False):  # the bundle: its executable is the app
        return [sys.executable, FLAG]
    return [sys.executable, "-m", "workbook.exchange.sandbox"]


def _environment() -> dict[str, str]:
    """The app's environment, with the folder this package is imported from first on the
    path, however the app was started."""
    source = str(Path(workbook.__file__).resolve().parents[1])
    path = os.environ.get("PYTHONPATH")
    return {**os.environ, "PYTHONPATH": source + (os.pathsep + path if path else "")}


class _Stream:
    def __init__(self, child: subprocess.Popen[bytes], errors: IO[bytes], file: Path) -> None:
        self.child, self.errors, self.file = child, errors, file
        self.pending: dict[str, Any] | None = None

    def _message(self) -> dict[str, Any]:
        if self.pending is not None:
            pending, self.pending = self.pending, None
            return pending
        assert self.child.stdout is not None
        line = self.child.stdout.readline()
        if not line:
            self.child.wait(10)
            self.errors.seek(0)
            said = self.errors.read()[-2000:].decode(errors="replace")
            log.warning("Reader of %s stopped (%s): %s", self.file, self.child.returncode, said)
            raise BadSpreadsheet(self.file, "reader_stopped")
        message: dict[str, Any] = json.loads(line, object_hook=_decoded)
        if "refused" in message:
            raise BadSpreadsheet(self.file, message["refused"], **message["said"])
        if "bug" in message:
            raise RuntimeError(f"The reader of {self.file.name} failed:\n{message['bug']}")
        return message

    def next_sheet(self) -> str | None:
        """The next sheet's title (rows of a sheet not read are passed over), or None."""
        while True:
            message = self._message()
            if "sheet" in message:
                return str(message["sheet"])
            if "end" in message:
                return None

    def rows(self) -> Iterator[list[Any]]:
        while True:
            message = self._message()
            if "rows" not in message:
                self.pending = message  # the next sheet's title, or the end
                return
            yield from message["rows"]

    def close(self) -> None:
        if self.child.poll() is None:
            self.child.kill()  # cancelled, or the rest is not wanted
        assert self.child.stdout is not None
        self.child.stdout.close()
        self.child.wait(10)


# -- in the child ----------------------------------------------------------------------------


def main(arguments: list[str]) -> int:
    """The child: ``READER FILE [SHEET]``; one JSON message per line on its output."""
    _limit_memory()
    warnings.simplefilter("ignore")  # openpyxl's remarks on styles are no one's business
    reader, path, *sheet = arguments
    out = sys.stdout.buffer

    def send(message: dict[str, Any]) -> None:
        out.write(json.dumps(message, ensure_ascii=False).encode() + b"\n")

    try:
        for title, rows in READERS[reader](Path(path), sheet[0] if sheet else None):
            send({"sheet": title})
            batch: list[list[Any]] = []
            for row in rows:
                batch.append([v if type(v) in _PLAIN else _encoded(v) for v in row])
                if len(batch) == BATCH:
                    send({"rows": batch})
                    batch = []
            if batch:
                send({"rows": batch})
        send({"end": True})
    except BadSpreadsheet as refused:
        send({"refused": refused.why, "said": refused.params["said"]})
    except MemoryError:
        send({"refused": "reader_stopped", "said": {}})
    except Exception as exc:
        try:  # a parser's own error as the user's sentence (readers.unreadable); bugs pass
            raise readers.unreadable(Path(path), exc) from None
        except BadSpreadsheet as refused:
            send({"refused": refused.why, "said": refused.params["said"]})
        except Exception:
            send({"bug": traceback.format_exc()})
    out.flush()
    return 0


def _limit_memory() -> None:
    try:
        import resource
    except ImportError:  # Windows: the child's own process still keeps the app alive
        return
    # a lower limit already, or none to be set (macOS): the child stays a child
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


# -- cell values over the pipe ----------------------------------------------------------------


def _encoded(value: Any) -> Any:
    if isinstance(value, Formula):
        return {"~": "formula", "v": str(value)}
    if isinstance(value, CellError):
        return {"~": "error", "v": str(value)}
    if isinstance(value, str):
        return str(value)
    if isinstance(value, datetime):
        return {"~": "datetime", "v": value.isoformat()}
    if isinstance(value, date):
        return {"~": "date", "v": value.isoformat()}
    if isinstance(value, time):
        return {"~": "time", "v": value.isoformat()}
    if isinstance(value, timedelta):
        return {"~": "timedelta", "v": value.total_seconds()}
    return str(value)


_DECODERS: dict[str, Callable[[Any], Any]] = {
    "formula": Formula,
    "error": CellError,
    "datetime": datetime.fromisoformat,
    "date": date.fromisoformat,
    "time": time.fromisoformat,
    "timedelta": lambda seconds: timedelta(seconds=seconds),
}


def _decoded(item: dict[str, Any]) -> Any:
    kind = item.get("~")
    return item if kind is None else _DECODERS[kind](item["v"])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
