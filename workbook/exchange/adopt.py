"""Adopting a spreadsheet the association already keeps: any xlsx, ods or csv, any headers.

The columns are mapped onto the fields of organisations, contacts, decisions or goals: a
mapping is proposed from the header names (German and English synonyms), the user adjusts
it, every row is checked by the same rules as a form and compared with what is already there
(duplicates are flagged, not imported), and the chosen rows are written in one transaction.
A mapping can be kept as a named preset for next time.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from workbook.errors import KnownError, ValidationError
from workbook.exchange.guard import (
    MAX_FILE_BYTES,
    MAX_SHEET_ROWS,
    BadSpreadsheet,
    check_ods,
    check_xlsx,
)
from workbook.models import Contact, Decision, Goal, Organisation, Partnership, Setting
from workbook.progress import Progress
from workbook.services import records

TARGETS = ("organisation", "contact", "decision", "goal")
NEW, DUPLICATE, INVALID = "new", "duplicate", "invalid"
PRESET_PREFIX = "adopt.preset."

#: Header words that mean a field, in German and English (compared without case/accents).
SYNONYMS: dict[str, dict[str, tuple[str, ...]]] = {
    "organisation": {
        "name": ("name", "organisation", "organization", "organisationsname", "verein",
                 "institution", "traeger", "trager", "partner", "partnerorganisation"),
        "kind": ("kind", "type", "art", "typ", "organisationsart", "rechtsform"),
        "status": ("status",),
        "email": ("email", "e mail", "mail", "e mail adresse", "emailadresse"),
        "phone": ("phone", "telephone", "telefon", "tel", "telefonnummer"),
        "website": ("website", "webseite", "homepage", "web", "url", "internet"),
        "address": ("address", "adresse", "anschrift", "postanschrift"),
        "strengths": ("strengths", "staerken", "starken", "expertise", "kompetenzen"),
        "networks": ("networks", "netzwerke", "netzwerk", "region", "regionen"),
        "notes": ("notes", "notizen", "bemerkung", "bemerkungen", "anmerkungen", "kommentar"),
    },
    "contact": {
        "name": ("name", "full name", "vollstaendiger name", "ansprechperson", "kontakt",
                 "kontaktperson", "vorname", "nachname", "first name", "last name",
                 "surname", "familienname"),
        "role": ("role", "rolle", "funktion", "position", "aufgabe"),
        "email": ("email", "e mail", "mail", "e mail adresse", "emailadresse"),
        "phone": ("phone", "telefon", "tel", "mobil", "handy", "telefonnummer"),
        "organisation_id": ("organisation", "organization", "verein", "institution",
                            "einrichtung", "firma", "partner", "traeger"),
        "language": ("language", "sprache"),
        "consent_given_on": ("consent", "consent given on", "einwilligung",
                             "einwilligung am", "einwilligung vom"),
        "consent_purpose": ("consent purpose", "zweck", "einwilligungszweck",
                            "zweck der einwilligung"),
        "notes": ("notes", "notizen", "bemerkung", "bemerkungen", "kommentar"),
    },
    "decision": {
        "title": ("title", "titel", "betreff", "thema", "gegenstand"),
        "decided_on": ("date", "datum", "decided on", "beschlossen am", "sitzung am"),
        "text": ("text", "decision", "beschluss", "beschlusstext", "wortlaut"),
        "context": ("context", "hintergrund", "sachverhalt", "vorlage"),
        "rationale": ("rationale", "reason", "begruendung", "grund"),
        "decided_by": ("decided by", "gremium", "beschlossen von", "organ"),
        "votes_for": ("votes for", "for", "yes", "ja", "dafuer", "ja stimmen"),
        "votes_against": ("votes against", "against", "no votes", "nein", "dagegen"),
        "votes_abstain": ("abstentions", "abstain", "enthaltung", "enthaltungen"),
        "status": ("status",),
    },
    "goal": {
        "title": ("title", "goal", "ziel", "titel", "zielbeschreibung"),
        "description": ("description", "beschreibung", "erlaeuterung"),
        "indicator": ("indicator", "indikator", "kennzahl", "messgroesse"),
        "baseline": ("baseline", "ausgangswert", "startwert", "ist"),
        "target": ("target", "zielwert", "soll", "sollwert"),
        "unit": ("unit", "einheit"),
        "due_date": ("due", "due date", "faellig", "faellig am", "termin", "deadline", "bis"),
        "partnership_id": ("partnership", "partnerschaft", "projekt", "vorhaben"),
    },
}  # fmt: skip
#: The association's own words for fixed values (compared folded).
ENUM_WORDS: dict[str, dict[str, str]] = {
    "kind": {
        "verein": "ngo", "ev": "ngo", "e v": "ngo", "ngo": "ngo", "initiative": "ngo",
        "schule": "school", "school": "school", "gymnasium": "school",
        "medien": "media", "media": "media", "zeitung": "media", "radio": "media",
        "stiftung": "foundation", "foundation": "foundation",
        "unternehmen": "company", "firma": "company", "company": "company", "gmbh": "company",
        "behoerde": "public_institution", "oeffentliche einrichtung": "public_institution",
        "public institution": "public_institution", "kommune": "public_institution",
        "sonstige": "other", "andere": "other", "other": "other",
    },
    "status": {
        "aktiv": "active", "active": "active", "ehemalig": "former", "former": "former",
        "angenommen": "adopted", "adopted": "adopted", "abgelehnt": "rejected",
        "rejected": "rejected", "vorgeschlagen": "proposed", "proposed": "proposed",
        "geplant": "planned", "planned": "planned", "erreicht": "achieved",
        "achieved": "achieved",
    },
}  # fmt: skip
#: Fields whose text names another record; looked up by name when adopting.
LOOKUPS = {
    "organisation_id": (Organisation, Organisation.name),
    "partnership_id": (Partnership, Partnership.title),
}


class BadMapping(KnownError):
    code = "bad_mapping"
    template = "{reason}"


@dataclass
class Table:
    """What was read: the header row and the data rows, as the file holds them."""

    file: str
    sheet: str
    headers: list[str]
    rows: list[list[Any]]
    first_row: int = 2  # the spreadsheet row number of rows[0]


@dataclass
class AdoptRow:
    row: int
    values: dict[str, Any]
    label: str
    status: str
    problems: list[str] = field(default_factory=list)
    duplicate_of: str | None = None


def _fold(text: str) -> str:
    """Header words compared without case, accents or punctuation (Stärken ~ staerken)."""
    text = text.strip().lower().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
    text = text.replace("ß", "ss")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


# -- reading -----------------------------------------------------------------------------------


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode text"
        return data.decode("utf-16")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _read_csv(file: Path) -> tuple[str, list[list[Any]]]:
    text = _decode(file.read_bytes())
    sample = "\n".join(text.splitlines()[:20])
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=";,\t")
    except csv.Error:
        dialect = csv.excel
    # a long field (a pasted protocol) is read, then refused by its column's own limit with
    # its row and column named, instead of stopping the reader at 131,072 characters
    csv.field_size_limit(max(csv.field_size_limit(), CSV_FIELD_LIMIT))
    from workbook.exchange.csv_export import unquoted

    # universal newlines: Mac line ends (CR alone) end a line too
    reader = csv.reader(io.StringIO(text, newline=None), dialect)
    rows: list[list[Any]] = []
    try:
        for row in reader:  # the row limit checked while reading, not after
            rows.append([unquoted(cell) for cell in row])
            if len(rows) > MAX_SHEET_ROWS:
                raise BadSpreadsheet(file, f"it has more than {MAX_SHEET_ROWS - 1:,} rows")
        return file.stem, rows
    except csv.Error as exc:
        raise BadSpreadsheet(
            file, f"line {reader.line_num} cannot be read as CSV ({exc})"
        ) from None


#: The longest CSV field read (characters); a file's own size is bounded before it is read.
CSV_FIELD_LIMIT = 16 * 1024 * 1024


def _chosen(file: Path, names: list[str], sheet: str | None) -> str:
    """The sheet asked for (or the first); a name the file does not have is said, not
    replaced by the first sheet."""
    if not names:
        raise BadSpreadsheet(file, "it has no sheets")
    if sheet is None:
        return names[0]
    if sheet not in names:
        raise BadSpreadsheet(
            file, f"it has no sheet {sheet!r}; its sheets are " + ", ".join(map(repr, names))
        )
    return sheet


def _read_spread_out(file: Path, sheet: str | None) -> tuple[str, list[list[Any]]]:
    """A sheet whose cells lie far apart, read cell by cell (see guard.Contents.spread_out):
    its rows up to the last one holding a value, each cut at the last column read."""
    from openpyxl import load_workbook

    from workbook.exchange.importer import MAX_COLUMNS

    with file.open("rb") as handle:
        try:
            book = load_workbook(handle, read_only=True, data_only=True)
        except Exception as exc:
            raise BadSpreadsheet(file, f"it cannot be read ({type(exc).__name__})") from None
        try:
            chosen = _chosen(file, book.sheetnames, sheet)
            ws = book[chosen]
            ws.reset_dimensions()
            rows: list[list[Any]] = []
            last, empty = 0, []  # one list stands for every empty row of a long gap
            for row in ws.iter_rows(values_only=True):
                values = ["" if v is None else v for v in row[:MAX_COLUMNS]]
                rows.append(values if any(str(v).strip() for v in values) else empty)
                if rows[-1]:
                    last = len(rows)
                if last > MAX_SHEET_ROWS:
                    break
            return chosen, rows[:last]
        finally:
            book.close()


def _read_book(file: Path, sheet: str | None) -> tuple[str, list[list[Any]]]:
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_path(str(file))
        names = book.sheet_names
    except Exception as exc:  # calamine's own errors carry no common base class
        raise BadSpreadsheet(file, "it cannot be read as a spreadsheet") from exc
    chosen = _chosen(file, names, sheet)
    try:
        return chosen, book.get_sheet_by_name(chosen).to_python(skip_empty_area=True)
    except (ValueError, OSError, KeyError, IndexError) as exc:
        raise BadSpreadsheet(file, f"its sheet {chosen!r} cannot be read") from exc
    except Exception as exc:  # calamine's own errors carry no common base class
        raise BadSpreadsheet(file, f"its sheet {chosen!r} cannot be read") from exc


def read_table(path: str | os.PathLike[str], sheet: str | None = None) -> Table:
    """Read a .csv, .xlsx or .ods file: the first non-empty row is the header row."""
    file = Path(path)
    if not file.exists():
        raise BadSpreadsheet(file, "the file does not exist")
    if file.stat().st_size > MAX_FILE_BYTES:
        raise BadSpreadsheet(file, f"the file is larger than {MAX_FILE_BYTES // 2**20} MB")
    suffix = file.suffix.lower()
    if suffix in (".csv", ".txt"):
        name, rows = _read_csv(file)
    elif suffix in (".xlsx", ".xlsm", ".ods"):
        contents = (check_ods if suffix == ".ods" else check_xlsx)(file)
        read = _read_spread_out if contents.spread_out else _read_book
        name, rows = read(file, sheet)
    else:
        raise BadSpreadsheet(file, "choose a .csv, .xlsx or .ods file")
    if len(rows) > MAX_SHEET_ROWS:
        raise BadSpreadsheet(file, f"it has more than {MAX_SHEET_ROWS - 1} rows")
    start = next((n for n, r in enumerate(rows) if any(str(c).strip() for c in r)), None)
    if start is None:
        raise BadSpreadsheet(file, "it has no rows")
    headers = [str(h).strip() for h in rows[start]]
    body = [r for r in rows[start + 1 :] if any(str(c).strip() for c in r)]
    return Table(file.name, name, headers, body, first_row=start + 2)


# -- mapping -----------------------------------------------------------------------------------


def propose(entity: str, headers: list[str]) -> dict[str, str | None]:
    """A field for each header that names one (None: not imported)."""
    synonyms = SYNONYMS[entity]
    mapping: dict[str, str | None] = {}
    taken: set[str] = set()
    for header in headers:
        folded = _fold(header)
        found = next((f for f, words in synonyms.items() if folded in words), None)
        if found is None:  # "E-Mail privat", "Telefon (dienstlich)": a known word inside
            found = next(
                (
                    f
                    for f, words in synonyms.items()
                    if f not in taken and any(w in folded.split() for w in words if " " not in w)
                ),
                None,
            )
        if found is not None and found in taken and found != "name":
            found = None  # one column per field, except names split in two
        mapping[header] = found
        if found:
            taken.add(found)
    return mapping


def _cell(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, datetime):
        return value.date() if value.time() == datetime.min.time() else value
    if isinstance(value, str):
        return value.strip()
    return value


def _values(table: Table, row: list[Any], mapping: dict[str, str | None]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for index, header in enumerate(table.headers):
        name = mapping.get(header)
        if not name or index >= len(row):
            continue
        value = _cell(row[index])
        if value in ("", None):
            continue
        if name in values:  # two columns for one field: "Vorname" and "Nachname"
            values[name] = f"{values[name]} {value}"
        else:
            values[name] = value
    for name, words in ENUM_WORDS.items():
        if isinstance(values.get(name), str):
            values[name] = words.get(_fold(values[name]), values[name])
    for name in ("strengths", "networks"):
        if isinstance(values.get(name), str):
            values[name] = [t.strip() for t in re.split(r"[,;]", values[name]) if t.strip()]
    for name in ("decided_on", "due_date", "consent_given_on"):
        if isinstance(values.get(name), date | datetime):
            values[name] = values[name].isoformat()
    return values


def _label(entity: str, values: dict[str, Any]) -> str:
    return str(values.get("name") or values.get("title") or values.get("number") or "")


class _Existing:
    """What the database already holds, to flag duplicates (and earlier rows of the file)."""

    def __init__(self, session: Session, entity: str) -> None:
        self.entity = entity
        self.keys: dict[tuple[Any, ...], str] = {}
        if entity == "organisation":
            for (name,) in session.execute(select(Organisation.name)):
                self.keys[("name", _fold(name))] = name
        elif entity == "contact":
            for name, email, org in session.execute(
                select(Contact.name, Contact.email, Contact.organisation_id)
            ):
                if email:
                    self.keys[("email", email.lower())] = name
                self.keys[("name", _fold(name), org)] = name
        elif entity == "decision":
            for number, title, day in session.execute(
                select(Decision.number, Decision.title, Decision.decided_on)
            ):
                self.keys[("title", _fold(title), day.isoformat())] = number
        else:
            for title, partnership in session.execute(select(Goal.title, Goal.partnership_id)):
                self.keys[("title", _fold(title), partnership)] = title

    def _keys(self, values: dict[str, Any]) -> list[tuple[Any, ...]]:
        if self.entity == "organisation":
            return [("name", _fold(str(values.get("name", ""))))]
        if self.entity == "contact":
            keys: list[tuple[Any, ...]] = []
            if values.get("email"):
                keys.append(("email", str(values["email"]).lower()))
            keys.append(("name", _fold(str(values.get("name", ""))), values.get("organisation_id")))
            return keys
        if self.entity == "decision":
            return [("title", _fold(str(values.get("title", ""))), str(values.get("decided_on")))]
        return [("title", _fold(str(values.get("title", ""))), values.get("partnership_id"))]

    def match(self, values: dict[str, Any]) -> str | None:
        return next((self.keys[k] for k in self._keys(values) if k in self.keys), None)

    def add(self, values: dict[str, Any], label: str) -> None:
        for key in self._keys(values):
            self.keys.setdefault(key, label)


def _resolve(
    session: Session,
    values: dict[str, Any],
    problems: list[str],
    row: int,
    known: dict[tuple[str, str], list[Any]],
) -> None:
    for name, (model, column) in LOOKUPS.items():
        text = values.get(name)
        if not isinstance(text, str) or not text:
            continue
        key = (name, text.lower())  # a list names the same few partners again and again
        if key not in known:
            known[key] = list(
                session.scalars(select(model.id).where(func.lower(column) == key[1]).limit(2))
            )
        found = known[key]
        if len(found) == 1:
            values[name] = found[0]
        else:
            what = "organisation" if name == "organisation_id" else "partnership"
            problems.append(f"row {row}: there is no {what} called {text!r}")
            values.pop(name)


def preview(
    session: Session,
    table: Table,
    entity: str,
    mapping: dict[str, str | None],
    *,
    progress: Progress | None = None,
) -> list[AdoptRow]:
    """Every row as it would be adopted: new, a duplicate, or invalid (and why)."""
    if entity not in TARGETS:
        raise BadMapping(reason=f"records of kind {entity!r} cannot be adopted")
    fields = {f.name for f in records.spec_for(entity).fields}
    unknown = sorted({f for f in mapping.values() if f and f not in fields})
    if unknown:
        raise BadMapping(reason=f"{entity} has no field {', '.join(unknown)}")
    defaults = records.defaults(entity)  # a kind, a status: what a new form starts with
    required = [f.name for f in records.spec_for(entity).fields if f.required]
    missing = [f for f in required if f not in mapping.values() and f not in defaults]
    if missing:
        raise BadMapping(reason="map a column to " + ", ".join(missing))
    progress = progress or Progress()
    existing = _Existing(session, entity)
    known: dict[tuple[str, str], list[Any]] = {}
    result = []
    for n, raw in enumerate(table.rows):
        row = table.first_row + n
        problems: list[str] = []
        values = {**defaults, **_values(table, raw, mapping)}
        _resolve(session, values, problems, row, known)
        label = _label(entity, values)
        status = NEW
        duplicate = None
        if not problems:
            try:
                records.validate(session, entity, values)
            except ValidationError as exc:
                column = next((h for h, f in mapping.items() if f == exc.field), exc.field)
                problems.append(f"row {row}, column {column!r}: {exc.reason}")
        if problems:
            status = INVALID
        else:
            duplicate = existing.match(values)
            if duplicate is not None:
                status = DUPLICATE
            existing.add(values, label)
        result.append(AdoptRow(row, values, label, status, problems, duplicate))
        if n % 200 == 0:
            progress.update(n, len(table.rows), "Checking rows")
    return result


def apply(
    session: Session,
    entity: str,
    rows: list[AdoptRow],
    accepted: set[int] | None = None,
    *,
    progress: Progress | None = None,
) -> int:
    """Create the accepted rows (by default the new ones) in the caller's transaction.

    An accepted row that is not valid fails the whole adoption: nothing is written.
    """
    progress = progress or Progress()
    chosen = [r for r in rows if (r.row in accepted if accepted is not None else r.status == NEW)]
    for n, row in enumerate(chosen):
        if row.status == INVALID:
            raise BadMapping(reason="; ".join(row.problems) + ". Nothing was adopted.")
        try:
            records.create(session, entity, dict(row.values))
        except ValidationError as exc:
            raise BadMapping(
                reason=f"row {row.row}: {exc.field}: {exc.reason}. Nothing was adopted."
            ) from exc
        if n % 200 == 0:
            progress.update(n, len(chosen), "Adopting rows")
    session.flush()
    return len(chosen)


# -- presets -----------------------------------------------------------------------------------


def save_preset(session: Session, name: str, entity: str, mapping: dict[str, str | None]) -> None:
    if not name.strip():
        raise BadMapping(reason="give the preset a name")
    key = PRESET_PREFIX + name.strip()
    setting = session.get(Setting, key) or Setting(key=key)
    setting.value = json.dumps({"entity": entity, "mapping": mapping}, ensure_ascii=False)
    session.add(setting)
    session.flush()


def presets(session: Session) -> dict[str, tuple[str, dict[str, str | None]]]:
    """Saved mappings by name: (entity, mapping)."""
    found = {}
    for key, value in session.execute(
        select(Setting.key, Setting.value).where(Setting.key.like(PRESET_PREFIX + "%"))
    ):
        data = json.loads(value or "{}")
        found[key.removeprefix(PRESET_PREFIX)] = (data["entity"], data["mapping"])
    return found


def apply_preset(mapping: dict[str, str | None], headers: list[str]) -> dict[str, str | None]:
    """A saved mapping applied to a file's headers (headers it did not know stay unmapped)."""
    return {h: mapping.get(h) for h in headers}
