"""Read a workbook partners sent back: validate every cell, preview every change, apply in one go.

``preview()`` never writes: it classifies each row as new, changed, unchanged, conflicting or
invalid, with the old and new value of each changed field and a problem list naming sheet, row,
column, value and reason. ``apply()`` writes the accepted rows in one transaction: all or nothing.
"""

from __future__ import annotations

import gc
import logging
import os
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from workbook.domain.errors import KnownError, Reason, StaleRecord, ValidationError
from workbook.domain.models import (
    ConflictStep,
    Contact,
    Decision,
    Organisation,
    ProgressUpdate,
    Record,
)
from workbook.domain.progress import Progress
from workbook.exchange import sandbox, vocabulary
from workbook.exchange.guard import BadSpreadsheet, check_ods, check_xlsx, transitional
from workbook.exchange.layout import (
    CHECKSUM,
    ID,
    MANIFEST,
    VERSION,
    Column,
    Lookups,
    SheetSpec,
    all_sheets,
    canonical,
    checksum,
    entity_sheet,
    records_by_id,
    sheet_by_title,
)
from workbook.exchange.readers import CellError, Formula, unreadable
from workbook.exchange.refusals import Notice
from workbook.privacy.erasure import ErasedRecord
from workbook.services import caption_from, captions, create, delete, spec_for, update, validate
from workbook.services import fields as kinds
from workbook.services.conflicts import add_step
from workbook.services.goals import record_progress
from workbook.services.records import field_by_field, trial, written_together

log = logging.getLogger(__name__)

MAX_ROWS = 200_000
NEW, CHANGED, UNCHANGED, CONFLICT, INVALID = "new", "changed", "unchanged", "conflict", "invalid"
#: A row exported, and missing from the file that came back: the partner deleted it.
DELETED = "deleted"
APPLICABLE = (NEW, CHANGED, CONFLICT, DELETED)
STATUSES = (NEW, CHANGED, UNCHANGED, CONFLICT, DELETED, INVALID)


@dataclass(frozen=True)
class Problem:
    sheet: str
    row: int
    column: str
    value: Any
    reason: Reason

    @property
    def message(self) -> str:
        where = f"sheet {self.sheet!r}, row {self.row}"
        if self.column:
            where += f", column {self.column!r}"
        shown = "" if self.value in (None, "") else f" value {str(self.value)[:80]!r}:"
        return f"{where}:{shown} {self.reason}"


@dataclass(frozen=True)
class Change:
    column: str
    old: str
    new: str


@dataclass
class RowPreview:
    sheet: str
    row: int
    entity: str
    status: str
    label: str
    record_id: uuid.UUID | None = None
    version: int | None = None
    values: dict[str, Any] = field(default_factory=dict)
    changes: list[Change] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Reason] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, int]:
        return self.sheet, self.row


@dataclass
class ImportPreview:
    file: str
    rows: list[RowPreview] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    #: Each sheet read, by the title the app gives it: its title in the file and the file's
    #: header of each column (a workbook in German heads "Goals" "Ziele", "Target"
    #: "Zielwert"). Rows are keyed by the app's titles; what the preview says of a sheet or
    #: a column names it as the file does.
    named: dict[str, tuple[str, dict[str, str]]] = field(default_factory=dict)

    def sheet_in_file(self, title: str) -> str:
        """A sheet's title as the file has it."""
        return self.named.get(title, (title, {}))[0]

    def counts(self) -> dict[str, dict[str, int]]:
        result: dict[str, dict[str, int]] = {}
        for row in self.rows:
            if row.sheet not in result:
                result[row.sheet] = dict.fromkeys(STATUSES, 0)
            result[row.sheet][row.status] += 1
        return result

    def default_accepted(self) -> set[tuple[str, int]]:
        return {r.key for r in self.rows if accepted_by_default(r)}


def accepted_by_default(row: RowPreview) -> bool:
    """New and changed rows are accepted unless the user says otherwise; conflicts and rows
    the partner deleted not."""
    return row.status in (NEW, CHANGED)


class ImportFailed(KnownError):
    """An accepted row cannot be written: where, and why (a ``Reason``)."""

    code = "import_failed"
    template = "Nothing was imported: {reason}"

    def __init__(self, why: str, **params: Any) -> None:
        super().__init__(reason=Reason(why, **params))


def _reason(exc: KnownError) -> Reason:
    """Why a row is refused: a broken rule's reason, or the error itself, worded as such."""
    if isinstance(exc, ValidationError):
        return exc.reason
    return Reason("refused", detail=exc.message, error=exc)


def _because(exc: KnownError) -> Reason:
    """Why a row cannot be written: a broken rule names its column as the sheet heads it."""
    if isinstance(exc, ValidationError):
        return Reason("in_column", column=_header(exc.entity, exc.field), reason=exc.reason)
    return _reason(exc)


#: The instructions' sheet, in either language: not read as records.
ABOUT_TITLES = {vocabulary.title("About", language).casefold() for language in vocabulary.LANGUAGES}


def _match_header(sheet: SheetSpec, text: str) -> Column | str | None:
    """The column a header names, in English or German (``vocabulary``)."""
    wanted = text.strip().casefold()
    for name in (ID, VERSION, CHECKSUM):
        if wanted == name.casefold():
            return name
    for column in sheet.columns:
        if wanted in vocabulary.headers(column):
            return column
    return None


# -- previewing ------------------------------------------------------------------------------


#: The most characters a spreadsheet cell holds: Excel and LibreOffice cut longer texts.
CELL_LIMIT = 32_767


def _cut_by_the_cell_limit(value: Any, stored: Any) -> bool:
    """Whether ``value`` is the stored text cut off at the cell limit."""
    return (
        isinstance(value, str)
        and len(value) == CELL_LIMIT
        and isinstance(stored, str)
        and len(stored) > CELL_LIMIT
        and stored.startswith(value)
    )


@dataclass(frozen=True)
class _Named:
    """Names in a relation column that are not yet one record each (see ``_settle``)."""

    column: Column
    names: tuple[str, ...]


class _Stored(NamedTuple):
    """A record a row of the file names, as the database has it now."""

    version: int
    values: dict[str, Any]
    caption: str


@dataclass
class _SheetReader:
    session: Session
    sheet: SheetSpec
    lookups: Lookups
    preview: ImportPreview
    seen_ids: set[uuid.UUID] = field(default_factory=set)
    new_keys: dict[tuple[str, str], int] = field(default_factory=dict)
    pending: list[tuple[RowPreview, str | None]] = field(default_factory=list)
    _known: dict[tuple[str, str], str] | None = None

    def problem(self, row: int, column: str, value: Any, reason: Reason) -> Problem:
        return Problem(self.sheet.title, row, column, value, reason)

    def parse(
        self, row_number: int, columns: list[Column | str | None], cells: list[Any]
    ) -> RowPreview | None:
        raw: dict[str, Any] = {}
        problems: list[Problem] = []
        for position, target in enumerate(columns):
            value = cells[position] if position < len(cells) else None
            is_formula = isinstance(value, Formula)
            is_error = isinstance(value, CellError)
            if isinstance(value, str):
                value = value.strip()
            if value in (None, "") or target is None:
                continue
            header = target if isinstance(target, str) else target.header
            if is_formula:
                problems.append(self.problem(row_number, header, value, Reason("formula")))
                continue
            if is_error:
                problems.append(
                    self.problem(
                        row_number,
                        header,
                        value,
                        Reason("cell_error", error=str(value)),
                    )
                )
                continue
            raw[target if isinstance(target, str) else target.name] = value
        if not raw:
            return None  # an empty row
        record_id, version, stored_sum = self._identity(row_number, raw, problems)
        values = self._values(row_number, columns, raw, problems, known=record_id is not None)
        parent = raw.get(self.sheet.parent or "")
        when = raw.get("recorded_on") or raw.get("taken_on")
        label = str(
            values.get("name")
            or values.get("title")
            or raw.get("name")
            or raw.get("title")
            or (f"{parent}, {canonical(when)}" if parent else "")
            or f"row {row_number}"
        )
        row = RowPreview(
            self.sheet.title,
            row_number,
            self.sheet.entity,
            NEW,
            label,
            record_id,
            version,
            values,
            problems=problems,
        )
        if problems:
            row.status = INVALID
        elif record_id is not None:
            self.pending.append((row, stored_sum))  # compared in batches: see flush()
        else:
            self._look_for_duplicates(row)
        return row

    def _identity(
        self, row: int, raw: dict[str, Any], problems: list[Problem]
    ) -> tuple[uuid.UUID | None, int | None, str | None]:
        record_id = version = None
        if ID in raw:
            try:
                record_id = uuid.UUID(str(raw[ID]))
            except ValueError:
                problems.append(self.problem(row, ID, raw[ID], Reason("not_app_id")))
            else:
                if record_id in self.seen_ids:
                    problems.append(self.problem(row, ID, raw[ID], Reason("twice_in_sheet")))
                self.seen_ids.add(record_id)
        if VERSION in raw:
            try:
                version = int(raw[VERSION])
            except (TypeError, ValueError):
                problems.append(self.problem(row, VERSION, raw[VERSION], Reason("expected_number")))
        stored = str(raw[CHECKSUM]) if CHECKSUM in raw else None
        return record_id, version, stored

    def _values(
        self,
        row: int,
        columns: list[Column | str | None],
        raw: dict[str, Any],
        problems: list[Problem],
        *,
        known: bool = False,
    ) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for column in columns:
            if not isinstance(column, Column) or not column.importable:
                continue
            text = raw.get(column.name)
            try:
                values[column.name] = self._coerce(column, text, known=known)
            except ValidationError as exc:
                problems.append(self.problem(row, column.header, text, exc.reason))
        return values

    def _coerce(self, column: Column, value: Any, *, known: bool = False) -> Any:
        assert column.field is not None
        entity = self.sheet.entity
        if column.kind == kinds.REF:
            if value in (None, ""):
                return column.field.coerce(entity, None)
            return self._resolve_or_defer(column, [str(value)], known) or self._resolve(
                column, str(value)
            )
        if column.kind == kinds.REFS:
            names = [n.strip() for n in str(value or "").split(";") if n.strip()]
            deferred = self._resolve_or_defer(column, names, known)
            if deferred is not None:
                return deferred
            return column.field.coerce(entity, [self._resolve(column, n) for n in names])
        # a drop-down's value by its code, or its label in either language
        return column.field.coerce(entity, vocabulary.code(column, value))

    def _resolve_or_defer(self, column: Column, names: list[str], known: bool) -> _Named | None:
        """Names that more than one record carries (two people called Anna Schmitz), in a
        row of a record the database has: left to ``_compare``, which takes the one the
        record links to now. None when every name is unique (or the row is new)."""
        ref = column.ref or ""
        if not known or all(len(self.lookups.find(ref, n)) <= 1 for n in names):
            return None
        return _Named(column, tuple(names))

    def _settle(self, row: RowPreview, current: dict[str, Any]) -> bool:
        """Each deferred name given the record it links to now; False (the row made
        invalid) when a name is still ambiguous."""
        for name, value in list(row.values.items()):
            if not isinstance(value, _Named):
                continue
            now = current.get(name)
            linked = set(now if isinstance(now, list | tuple) else [now])
            chosen: list[uuid.UUID] = []
            # a name as often as it stands in the cell: two namesakes may both attend
            for text in dict.fromkeys(value.names):
                found = self.lookups.find(value.column.ref or "", text)
                mine = [i for i in found if i in linked] if len(found) > 1 else found
                if len(mine) != value.names.count(text):
                    try:
                        self._resolve(value.column, text)
                    except ValidationError as exc:
                        row.problems.append(self.problem(row.row, exc.field, text, exc.reason))
                        row.status = INVALID
                        return False
                chosen.extend(mine)
            assert value.column.field is not None
            many = value.column.kind == kinds.REFS
            row.values[name] = value.column.field.coerce(
                self.sheet.entity, chosen if many else chosen[0]
            )
        return True

    def _resolve(self, column: Column, text: str) -> uuid.UUID:
        ref = column.ref or ""
        found = self.lookups.find(ref, text)
        if not found and ref == "decision":  # a decision may be named by its number alone
            found = self.lookups.find(ref, text, first_word=True)
        if len(found) == 1:
            return found[0]
        why = "none_called" if not found else "several_called"
        raise ValidationError(self.sheet.entity, column.header, text, why, ref=ref, text=text)

    def flush(self) -> None:
        """Compare the waiting rows with their records, read in a query or two per batch."""
        if not self.pending:
            return
        ids = [row.record_id for row, _sum in self.pending if row.record_id is not None]
        found = self._stored(ids)
        for row, stored_sum in self.pending:
            self._compare(row, stored_sum, found.get(row.record_id))  # type: ignore[arg-type]
        self.pending.clear()

    def _stored(self, ids: list[uuid.UUID]) -> dict[uuid.UUID, _Stored]:
        """The records ``ids`` as their rows are exported: by the sheet's own reading of
        the tables (no ORM object made: 20,000 organisations with their tags 0.8 s), a child
        list's rows (short, with captions of their own) as records."""
        entity = self.sheet.entity
        if entity in CHILDREN:
            return {
                r.id: _Stored(r.version, self.sheet.read(r, self.lookups), r.caption())
                for r in records_by_id(self.session, _model(entity), ids)
            }
        found = self.sheet.source.by_id(self.session, ids, self.lookups)
        named = {i: caption_from(entity, values) for i, (_version, values) in found.items()}
        if None in named.values():  # a caption made of more than the sheet's values
            named = dict(captions(self.session, entity, ids=ids, limit=len(ids)))
        return {
            i: _Stored(version, values, named[i] or "") for i, (version, values) in found.items()
        }

    def _compare(self, row: RowPreview, stored_sum: str | None, record: _Stored | None) -> None:
        if record is None:
            if not self._settle(row, {}):
                return
            row.status, row.version = CONFLICT, None
            row.warnings.append(Reason("record_gone"))
            return
        current = record.values
        row.label = record.caption
        if not self._settle(row, current):
            return
        # each value's text is made once: compared, then summed (a third of a preview's time
        # went to making them again)
        for name in list(row.values):
            if _cut_by_the_cell_limit(row.values[name], current.get(name)):
                # the cell holds the start of the text: the app keeps the whole, and says so
                del row.values[name]
                row.warnings.append(
                    Reason(
                        "cut_at_cell_limit", column=self.sheet.column(name).header, limit=CELL_LIMIT
                    )
                )
        texts = {name: canonical(new) for name, new in row.values.items()}
        differing = [name for name in row.values if texts[name] != canonical(current.get(name))]
        for name in differing:
            column = self.sheet.column(name)
            row.changes.append(
                Change(
                    column.header,
                    self._shown(column, current.get(name)),
                    self._shown(column, row.values[name]),
                )
            )
        if not row.changes:
            row.status = UNCHANGED
            return
        merged = {**current, **row.values}
        edited_in_file = (
            stored_sum is None or checksum(self.sheet, merged, texts=texts) != stored_sum
        )
        if not edited_in_file:
            row.status = UNCHANGED
            row.warnings.append(Reason("changed_in_database"))
        elif row.version is not None and row.version != record.version:
            row.status = CONFLICT
            row.warnings.append(Reason("changed_on_both_sides"))
        else:
            row.status = CHANGED
        row.version = record.version
        row.values = {name: row.values[name] for name in differing}

    def _shown(self, column: Column, value: Any) -> str:
        if column.kind == kinds.REF:
            return self.lookups.caption(column.ref or "", value) or ""
        if column.kind == kinds.REFS:
            return "; ".join(
                sorted(self.lookups.caption(column.ref or "", v) or "" for v in value or [])
            )
        if column.kind == kinds.TAGS:
            return ", ".join(value or [])
        return canonical(value)

    def _look_for_duplicates(self, row: RowPreview) -> None:
        if self.sheet.entity not in ("organisation", "contact"):
            return
        name, email = row.values.get("name"), row.values.get("email")
        keys = [
            ("name", name.casefold()) if name else None,
            ("email", email.casefold()) if email else None,
        ]
        existing = self._existing()
        for key in filter(None, keys):
            if key in self.new_keys:
                row.warnings.append(Reason("like_row", row=self.new_keys[key], field=key[0]))
            self.new_keys.setdefault(key, row.row)
            if key in existing:
                row.warnings.append(
                    Reason(
                        "may_duplicate",
                        entity=self.sheet.entity,
                        name=existing[key],
                        field=key[0],
                    )
                )

    def _existing(self) -> dict[tuple[str, str], str]:
        """Names and e-mails already in the database, read once per sheet."""
        if self._known is None:
            model = Organisation if self.sheet.entity == "organisation" else Contact
            self._known = {}
            for name, email in self.session.execute(select(model.name, model.email)):
                self._known.setdefault(("name", name.casefold()), name)
                if email:
                    self._known.setdefault(("email", email.casefold()), name)
        return self._known


#: child lists that have their own sheet: their model, parent column, and the service adding one
CHILDREN: dict[str, tuple[type[Record], str, Any]] = {
    "progress_update": (ProgressUpdate, "goal_id", record_progress),
    "conflict_step": (ConflictStep, "conflict_id", add_step),
}


def _model(entity: str) -> type[Record]:
    return CHILDREN[entity][0] if entity in CHILDREN else spec_for(entity).model


@contextmanager
def _long_lived_kept_still() -> Iterator[None]:
    """Keep what an import holds out of the cycle collector's walks while it runs.

    Each full collection walks every live object: with 100,000 rows held in a preview, that
    was a third of an import's time. ``gc.freeze`` sets aside what exists so far; a reader
    freezes again as its rows pile up. Everything is handed back at the end.
    """
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def preview(
    session: Session, path: str | os.PathLike[str], *, progress: Progress | None = None
) -> ImportPreview:
    """Read and classify every row; writes nothing."""
    with _long_lived_kept_still():
        return _preview(session, path, progress)


def _preview(
    session: Session, path: str | os.PathLike[str], progress: Progress | None
) -> ImportPreview:
    progress = progress or Progress()
    file = Path(path)
    suffix = file.suffix.lower()
    if suffix not in (".xlsx", ".xlsm", ".ods"):
        raise BadSpreadsheet(file, "return_kind")
    opendocument = suffix == ".ods"  # LibreOffice's own format: calamine reads it
    contents = check_ods(file) if opendocument else check_xlsx(file)
    result = ImportPreview(file.name)
    lookups = Lookups(session)
    # only openpyxl tells formulas and error cells from values, and reads far-apart cells
    # one by one; python-calamine reads the rest ten times as fast (and every .ods)
    reader = (
        "openpyxl"
        if not opendocument and (contents.formulas_or_errors or contents.spread_out)
        else "calamine"
    )
    known = 0
    manifest: dict[str, set[uuid.UUID]] | None = None
    read: set[str] = set()
    try:
        with (
            transitional(file, contents) as readable,
            closing(sandbox.sheets(reader, readable)) as worksheets,
        ):
            for title, rows in worksheets:
                progress.update(progress.done, message=f"Reading {title}")
                if title.strip().casefold() in ABOUT_TITLES:
                    continue
                if title == MANIFEST:
                    manifest = _read_manifest(rows)
                    continue
                sheet = sheet_by_title(title, vocabulary.titles)
                if sheet is None:
                    result.notices.append(Notice("unknown_sheet", sheet=title))
                    continue
                known += 1
                read.add(sheet.title)
                _read_rows(session, file, sheet, lookups, result, progress, rows, title)
    except KnownError:
        raise
    except Exception as exc:
        raise unreadable(file, exc) from None
    if not known:
        raise BadSpreadsheet(
            file, "no_known_sheet", sheets=", ".join(s.title for s in all_sheets())
        )
    if manifest is not None:
        _deleted_rows(session, result, manifest, read)
    _dry_run(session, result, progress)
    _as_the_file_names_them(result)
    return result


def _as_the_file_names_them(result: ImportPreview) -> None:
    """Each problem and change of the preview names its sheet and column as the file
    does: the partner's German workbook says "Ziele", "Zielwert", and so does the preview."""
    for row in result.rows:
        if not (row.problems or row.changes or row.warnings) or row.sheet not in result.named:
            continue
        title, headers = result.named[row.sheet]
        row.problems = [
            replace(p, sheet=title, column=headers.get(p.column, p.column)) for p in row.problems
        ]
        row.changes = [replace(c, column=headers.get(c.column, c.column)) for c in row.changes]
        row.warnings = [
            Reason(w.why, **{**w.params, "column": headers.get(w.params["column"], "")})
            if "column" in w.params and w.params["column"] in headers
            else w
            for w in row.warnings
        ]


def _read_manifest(rows: Iterator[list[Any]]) -> dict[str, set[uuid.UUID]]:
    """The exported rows, by sheet (a row that does not read as one is passed over)."""
    exported: dict[str, set[uuid.UUID]] = {}
    next(rows, None)  # its header
    for cells in rows:
        if len(cells) < 2 or not isinstance(cells[0], str) or not isinstance(cells[1], str):
            continue
        try:
            exported.setdefault(cells[0], set()).add(uuid.UUID(cells[1]))
        except ValueError:
            continue
    return exported


def _deleted_rows(
    session: Session,
    result: ImportPreview,
    manifest: dict[str, set[uuid.UUID]],
    read: set[str],
) -> None:
    """Rows exported and missing from the file: offered for deletion here, never by default.

    A sheet missing altogether is not taken as every row deleted: it is said, and its
    records are left as they are."""
    present: dict[str, set[uuid.UUID]] = {}
    for row in result.rows:
        if row.record_id is not None:
            present.setdefault(row.sheet, set()).add(row.record_id)
    number = 0
    for title, ids in manifest.items():
        sheet = sheet_by_title(title)
        if sheet is None:
            continue
        if title not in read:
            result.notices.append(Notice("sheet_missing", sheet=title))
            continue
        missing = ids - present.get(title, set())
        if not missing:
            continue
        if sheet.entity in CHILDREN:
            result.notices.append(Notice("child_rows_deleted", sheet=title, count=len(missing)))
            continue
        model = _model(sheet.entity)
        found = session.execute(
            select(model).where(model.id.in_(missing)).order_by(model.id)
        ).scalars()
        for record in found:
            number -= 1  # numbered below the file's rows: no row of the file has them
            result.rows.append(
                RowPreview(
                    sheet=title,
                    row=number,
                    entity=sheet.entity,
                    status=DELETED,
                    label=record.caption(),
                    record_id=record.id,
                    version=record.version,
                    warnings=[Reason("deleted_in_file")],
                )
            )


def _read_rows(
    session: Session,
    file: Path,
    sheet: SheetSpec,
    lookups: Lookups,
    result: ImportPreview,
    progress: Progress,
    rows: Any,
    title: str,
) -> None:
    header = next(rows, None)
    if header is None:
        return
    columns: list[Column | str | None] = []
    headers: dict[str, str] = {}  # the app's header of each column: the file's
    result.named[sheet.title] = (title, headers)
    for position, value in enumerate(header, start=1):
        text = str(value).strip() if value is not None else ""
        target = _match_header(sheet, text) if text else None
        if text and target is None:
            result.notices.append(
                Notice("unknown_column", sheet=title, position=position, header=text)
            )
        if isinstance(target, Column) and not target.importable:
            target = None  # read-only information
        if target is not None and target in columns:
            result.notices.append(Notice("column_twice", sheet=title, header=text))
            target = None
        if target is not None:
            headers.setdefault(target if isinstance(target, str) else target.header, text)
        columns.append(target)
    while columns and columns[-1] is None:
        columns.pop()  # rows come padded to MAX_COLUMNS; only the columns read are looked at
    reader = _SheetReader(session, sheet, lookups, result)
    filled = 0  # empty rows do not count: spreadsheet programs leave some at the end
    for number, cells in enumerate(rows, start=2):
        row = reader.parse(number, columns, cells)
        if row is not None:
            filled += 1
            if filled > MAX_ROWS:
                raise BadSpreadsheet(file, "sheet_too_many_rows", sheet=title, limit=MAX_ROWS)
            result.rows.append(row)
        if number % 500 == 0:
            reader.flush()
            progress.update(progress.done + 500)
            if number % 10_000 == 0:
                gc.freeze()  # the rows so far are kept to the end: see _long_lived_kept_still
    reader.flush()


def _check_row(session: Session, row: RowPreview) -> None:
    """Every rule the row must pass to be applied; writes nothing."""
    if row.entity in CHILDREN:
        with trial(session):
            _apply_row(session, row)
    elif row.record_id is None or (row.status == CONFLICT and row.version is None):
        validate(session, row.entity, row.values)
    else:
        # its version was read with it a moment ago, in this transaction (_compare); the
        # apply checks it again
        validate(session, row.entity, row.values, record_id=row.record_id)


def _needs_record(row: RowPreview) -> bool:
    """Whether checking the row works on its record, rather than field by field."""
    return not field_by_field(row.entity, row.values)


def _dry_run(session: Session, result: ImportPreview, progress: Progress) -> None:
    """Rules across fields (dates in order, a resolved conflict's text ...) show in the preview."""
    rows = [row for row in result.rows if row.status in APPLICABLE and row.status != DELETED]
    erased = {
        r.id: r.erased_on
        for r in session.execute(
            select(Contact.id, Contact.erased_on).where(Contact.erased_on.is_not(None))
        )
    }
    _refuse_supersede_cycles(session, rows)
    rows = [row for row in rows if row.status in APPLICABLE]
    for batch in _in_batches(session, rows, loads=_needs_record):
        for row in batch:
            try:
                if row.entity == "contact" and row.record_id in erased:
                    raise ErasedRecord(on=erased[row.record_id].isoformat())
                _check_row(session, row)
            except KnownError as exc:
                row.status = INVALID
                column = _header(row.entity, exc.field) if isinstance(exc, ValidationError) else ""
                reason = _reason(exc)
                value = exc.value if isinstance(exc, ValidationError) else None
                row.problems.append(Problem(row.sheet, row.row, str(column), value, reason))
            progress.check()


def _header(entity: str, name: str) -> str:
    """The column of ``name`` as the sheet heads it (a rule across fields names a field)."""
    if entity in CHILDREN:
        return name
    try:
        return entity_sheet(entity).column(name).header
    except StopIteration:  # a field the sheet has no column of
        return name


def _refuse_supersede_cycles(session: Session, rows: list[RowPreview]) -> None:
    """Rows that together make decisions supersede each other in a circle (each one alone
    is fine, so only the file as a whole shows it)."""
    changed = {
        row.record_id: row
        for row in rows
        if row.entity == "decision" and row.record_id is not None and "supersedes_id" in row.values
    }
    if not changed:
        return
    older: dict[Any, Any] = {
        ident: previous
        for ident, previous in session.execute(select(Decision.id, Decision.supersedes_id))
    }
    older.update({ident: row.values["supersedes_id"] for ident, row in changed.items()})
    for ident, row in changed.items():
        seen, current = set(), older.get(ident)
        while current is not None and current not in seen:
            if current == ident:
                row.status = INVALID
                row.problems.append(
                    Problem(
                        row.sheet,
                        row.row,
                        entity_sheet("decision").column("supersedes_id").header,
                        None,
                        Reason("circle_in_file"),
                    )
                )
                break
            seen.add(current)
            current = older.get(current)


# -- applying --------------------------------------------------------------------------------


def _apply_row(session: Session, row: RowPreview) -> None:
    values = dict(row.values)
    if row.entity in CHILDREN:
        model, parent, add = CHILDREN[row.entity]
        if row.record_id is None or session.get(model, row.record_id) is None:
            add(session, values.pop(parent), **values)
        else:
            _update_child(session, row, values)
    elif (row.status == CONFLICT and row.version is None) or row.record_id is None:
        # a new row, or one deleted in the database since the export: added (again)
        create(session, row.entity, values)
    else:
        update(session, row.entity, row.record_id, values, expected_version=row.version)


def _update_child(session: Session, row: RowPreview, values: dict[str, Any]) -> None:
    record = session.get(_model(row.entity), row.record_id)
    assert record is not None
    if row.version is not None and record.version != row.version:
        raise StaleRecord(entity=row.entity, expected=row.version, actual=record.version)
    for name, value in values.items():
        setattr(record, name, value)
    session.flush()


APPLY_BATCH = 500


def _in_batches(
    session: Session,
    rows: list[RowPreview],
    *,
    loads: Callable[[RowPreview], bool] = lambda row: True,
) -> Iterator[list[RowPreview]]:
    """Rows APPLY_BATCH at a time, with the records they change (those ``loads`` asks for)
    and the records their values link to loaded in one query per kind, and held while the
    batch is worked on (no query per row: each check of a link looked its record up)."""
    for start in range(0, len(rows), APPLY_BATCH):
        batch = rows[start : start + APPLY_BATCH]
        wanted: dict[str, list[uuid.UUID]] = {}
        linked: dict[str, set[uuid.UUID]] = {}
        for row in batch:
            if row.entity in CHILDREN:
                continue
            if row.record_id is not None and loads(row):
                wanted.setdefault(row.entity, []).append(row.record_id)
            for ref, ids in _links(row):
                linked.setdefault(ref, set()).update(ids)
        held = [records_by_id(session, _model(entity), ids) for entity, ids in wanted.items()]
        for ref, targets in linked.items():
            model = _model(ref)
            held.append(list(session.scalars(select(model).where(model.id.in_(targets)))))
        yield batch
        del held


def _links(row: RowPreview) -> Iterator[tuple[str, list[uuid.UUID]]]:
    """The records a row's values link to: (their kind, their ids), field by field."""
    for f in spec_for(row.entity).fields:
        value = row.values.get(f.name)
        if f.ref is None or not value or f.kind not in (kinds.REF, kinds.REFS):
            continue
        ids = value if f.kind == kinds.REFS else [value]
        yield f.ref, [i for i in ids if isinstance(i, uuid.UUID)]


def apply(
    session: Session,
    result: ImportPreview,
    accepted: Iterable[tuple[str, int]],
    *,
    progress: Progress | None = None,
) -> dict[str, int]:
    """Write the accepted rows in the caller's transaction; the first failure undoes all."""
    with _long_lived_kept_still():
        return _apply(session, result, accepted, progress or Progress())


def _apply(
    session: Session, result: ImportPreview, accepted: Iterable[tuple[str, int]], progress: Progress
) -> dict[str, int]:
    wanted = set(accepted)
    rows = [r for r in result.rows if r.key in wanted]
    invalid = [r for r in rows if r.status not in APPLICABLE]
    if invalid:
        first = invalid[0]
        raise ImportFailed("not_applicable", sheet=first.sheet, row=first.row, status=first.status)
    # One pass: each row is checked as it is written, and the caller's transaction undoes
    # every row if one fails (the preview already checked them all against the database).
    progress.update(0, len(rows) or 1, "Applying")
    counts = {NEW: 0, CHANGED: 0, CONFLICT: 0, DELETED: 0}
    deletions = [r for r in rows if r.status == DELETED]
    rows = [r for r in rows if r.status != DELETED]
    for batch in _in_batches(session, rows):
        try:
            with written_together(session):
                for row in batch:
                    try:
                        _apply_row(session, row)
                    except KnownError as exc:
                        raise ImportFailed(
                            "at_sheet_row", sheet=row.sheet, row=row.row, reason=_because(exc)
                        ) from exc
                    counts[row.status] += 1
        except StaleRecord as exc:
            raise ImportFailed(
                "at_sheet_rows",
                sheet=batch[0].sheet,
                first=batch[0].row,
                last=batch[-1].row,
                reason=_because(exc),
            ) from exc
        progress.update(progress.done + len(batch))
    for row in deletions:  # last: a changed row may have pointed at a deleted one
        try:
            delete(session, row.entity, row.record_id, expected_version=row.version)  # type: ignore[arg-type]
        except KnownError as exc:
            raise ImportFailed(
                "at_sheet_record", sheet=row.sheet, label=row.label, reason=_because(exc)
            ) from exc
        counts[DELETED] += 1
        progress.update(progress.done + 1)
    return {
        "added": counts[NEW],
        "changed": counts[CHANGED],
        "overwritten": counts[CONFLICT],
        "deleted": counts[DELETED],
    }
