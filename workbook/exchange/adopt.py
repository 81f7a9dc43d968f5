"""Adopting a spreadsheet the association already keeps: any xlsx, ods or csv, any headers.

The columns are mapped onto the fields of organisations, contacts, decisions or goals: a
mapping is proposed from the header names (German and English synonyms), the user adjusts
it, every row is checked by the same rules as a form and compared with what is already there
(duplicates are flagged, not imported), and the chosen rows are written in one transaction.
A mapping can be kept as a named preset for next time.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import logging
import os
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from workbook.domain.errors import KnownError, Reason, ValidationError
from workbook.domain.models import Contact, Decision, Goal, Organisation, Partnership, Setting
from workbook.domain.progress import Progress
from workbook.exchange import sandbox
from workbook.exchange.csv_export import unquoted
from workbook.exchange.guard import (
    MAX_FILE_BYTES,
    MAX_SHEET_ROWS,
    BadSpreadsheet,
    check_ods,
    check_xlsx,
    transitional,
)
from workbook.services import fields as kinds
from workbook.services import records

log = logging.getLogger(__name__)

TARGETS = ("organisation", "contact", "decision", "goal")
NEW, DUPLICATE, INVALID = "new", "duplicate", "invalid"
PRESET_PREFIX = "adopt.preset."

#: Header words that mean a field, in German and English (compared without case/accents).
SYNONYMS: dict[str, dict[str, tuple[str, ...]]] = {
    "organisation": {
        "name": ("name", "organisation", "organization", "organisationsname", "verein",
                 "institution", "traeger", "trager", "partner", "partnerorganisation",
                 "name der organisation", "name des vereins", "name der einrichtung",
                 "organisation name", "organization name", "einrichtung", "name des traegers"),
        "kind": ("kind", "type", "art", "typ", "organisationsart", "rechtsform"),
        "status": ("status",),
        "email": ("email", "e mail", "mail", "e mail adresse", "emailadresse"),
        "phone": ("phone", "telephone", "telefon", "tel", "telefonnummer", "mobil", "handy"),
        "website": ("website", "webseite", "homepage", "web", "url", "internet"),
        "address": ("address", "adresse", "anschrift", "postanschrift", "strasse", "str",
                    "strasse und hausnummer", "hausnummer", "street", "plz", "postleitzahl",
                    "zip", "postcode", "postal code", "ort", "stadt", "wohnort", "city", "town"),
        "contact": ("ansprechpartner", "ansprechpartnerin", "ansprechpartner in",
                    "ansprechperson", "kontaktperson", "contact person", "contact"),
        "strengths": ("strengths", "staerken", "starken", "expertise", "kompetenzen"),
        "networks": ("networks", "netzwerke", "netzwerk", "region", "regionen"),
        "notes": ("notes", "notizen", "bemerkung", "bemerkungen", "anmerkungen", "kommentar"),
    },
    "contact": {
        "name": ("name", "full name", "vollstaendiger name", "ansprechperson", "kontakt",
                 "kontaktperson", "vorname", "nachname", "first name", "last name",
                 "surname", "familienname", "ansprechpartner", "ansprechpartnerin",
                 "ansprechpartner in", "nachname vorname", "name vorname"),
        "role": ("role", "rolle", "funktion", "position", "aufgabe"),
        "email": ("email", "e mail", "mail", "e mail adresse", "emailadresse"),
        "phone": ("phone", "telefon", "tel", "mobil", "handy", "telefonnummer"),
        "organisation_id": ("organisation", "organization", "verein", "institution",
                            "einrichtung", "firma", "partner", "traeger",
                            "name der organisation", "name des vereins", "organisationsname",
                            "name der einrichtung", "organisation name", "organization name"),
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
#: Fields that are not the record's own: an organisation's contact person, adopted as a
#: contact of it.
PSEUDO = {"organisation": {"contact": "contact person"}}
#: Fields a column may fill together with others (in the order the file has them).
GATHERED = ("name", "address")
#: A header with one of these words is about a date: never proposed for a text field by a
#: word inside it ("Partner seit" is no partner's name).
DATE_WORDS = frozenset({"seit", "datum", "date", "since", "am", "bis", "vom", "jahr"})
#: First names before family names, however the file orders its columns.
FIRST_NAME_WORDS = frozenset({"vorname", "first name", "given name", "rufname"})
POSTCODE_WORDS = frozenset({"plz", "postleitzahl", "zip", "postcode", "postal code"})
TOWN_WORDS = frozenset({"ort", "stadt", "wohnort", "city", "town"})
#: Text fields where a number from a spreadsheet may have lost a leading zero.
ZERO_LED = frozenset({"phone"})
#: Legal forms left out when organisation names are compared (e. V. ~ e.V. ~ eV).
LEGAL_FORMS = re.compile(r"\b(e ?v|ev|g?gmbh|ug|ag|gbr|e ?g|eg|kg|ohg|mbh|inc|ltd)\b")


def organisation_key(name: str) -> str:
    """An organisation's name compared without case, accents, spacing or legal form."""
    folded = fold(name)
    return re.sub(r"\s+", "", LEGAL_FORMS.sub(" ", folded)) or re.sub(r"\s+", "", folded)


#: Fields whose text names another record; looked up by name when adopting.
LOOKUPS: dict[str, tuple[type[Organisation | Partnership], Any]] = {
    "organisation_id": (Organisation, Organisation.name),
    "partnership_id": (Partnership, Partnership.title),
}


class BadMapping(KnownError):
    """The columns cannot be adopted as mapped, or a row taken is not valid: a ``Reason``."""

    code = "bad_mapping"
    template = "{reason}"

    def __init__(self, why: str, **params: Any) -> None:
        super().__init__(reason=Reason(why, **params))


@dataclass
class Table:
    """What was read: the header row and the data rows, as the file holds them."""

    file: str
    sheet: str
    headers: list[str]
    rows: list[list[Any]]
    first_row: int = 2  # the spreadsheet row number of rows[0]
    #: each row's number as the spreadsheet program shows it (blank rows skipped between)
    numbers: list[int] = field(default_factory=list)

    def number(self, index: int) -> int:
        return self.numbers[index] if index < len(self.numbers) else self.first_row + index


@dataclass
class AdoptRow:
    row: int
    values: dict[str, Any]
    label: str
    status: str
    problems: list[Reason] = field(default_factory=list)
    duplicate_of: str | None = None
    warnings: list[Reason] = field(default_factory=list)
    #: what is adopted beside the record (an organisation's contact person)
    extra: dict[str, Any] = field(default_factory=dict)


def fold(text: str) -> str:
    """Header words compared without case, accents or punctuation (Stärken ~ staerken)."""
    text = text.strip().lower().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
    text = text.replace("ß", "ss")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


# -- reading -----------------------------------------------------------------------------------


def _encoding(file: Path) -> str:
    """The encoding a CSV file is written in: UTF-16 by its mark (Excel's "Unicode text"),
    else UTF-8 if all of it decodes so, else Windows-1252 (German Excel's "CSV"). Looked
    through a chunk at a time: the file is never held whole."""
    with file.open("rb") as handle:
        marked = handle.read(2) in (b"\xff\xfe", b"\xfe\xff")
    if marked:
        line = _first_undecodable_line(file, "utf-16")
        if line is not None:
            raise BadSpreadsheet(file, "csv_line", line=line)
        return "utf-16"
    for encoding in ("utf-8-sig", "cp1252"):
        if _first_undecodable_line(file, encoding) is None:
            return encoding
    return "latin-1"


def _first_undecodable_line(file: Path, encoding: str) -> int | None:
    decoder = codecs.getincrementaldecoder(encoding)()
    lines = 1
    with file.open("rb") as handle:
        while True:
            chunk = handle.read(1024 * 1024)
            try:
                lines += decoder.decode(chunk, final=not chunk).count("\n")
            except UnicodeDecodeError as exc:
                return lines + chunk[: exc.start].decode(encoding, "replace").count("\n")
            if not chunk:
                return None


class _Spreadsheet(csv.Dialect):
    """CSV as spreadsheet programs write it: fields in double quotes where needed, a quote
    inside one doubled (Schülerzeitung ""Die Lupe""), any line end."""

    delimiter = ";"
    quotechar = '"'
    doublequote = True
    skipinitialspace = False
    lineterminator = "\r\n"
    quoting = csv.QUOTE_MINIMAL


def detect_delimiter(text: str) -> str:
    """The separator of a CSV text: the one of ;  ,  tab that splits its first lines into
    the same number of fields most often (and into the most fields); German Excel's ; first
    when they tie. Read as CSV is read, so a separator inside quotes does not count."""
    lines = [line for line in text.splitlines()[:20] if line.strip()]
    best, score = ";", (0, 0)
    for candidate in (";", "\t", ","):
        dialect = type("Candidate", (_Spreadsheet,), {"delimiter": candidate})
        try:
            counts = [len(row) for row in csv.reader(io.StringIO("\n".join(lines)), dialect)]
        except csv.Error:
            continue
        if not counts:
            continue
        modal = max(set(counts), key=counts.count)
        found = (counts.count(modal) if modal > 1 else 0, modal)
        if found > score:
            best, score = candidate, found
    return best


def _read_csv(file: Path) -> tuple[str, list[list[Any]]]:
    # a long field (a pasted protocol) is read, then refused by its column's own limit with
    # its row and column named, instead of stopping the reader at 131,072 characters
    csv.field_size_limit(max(csv.field_size_limit(), CSV_FIELD_LIMIT))

    # universal newlines: Mac line ends (CR alone) end a line too; the file streamed, so
    # that one too long is refused at its row limit without having been held whole
    with file.open(encoding=_encoding(file), newline=None) as handle:
        separator = detect_delimiter(handle.read(200_000))
        handle.seek(0)
        dialect: Any = type("Detected", (_Spreadsheet,), {"delimiter": separator})
        reader = csv.reader(handle, dialect)
        rows: list[list[Any]] = []
        try:
            for row in reader:  # the row limit checked while reading, not after
                rows.append([unquoted(cell) for cell in row])
                if len(rows) > MAX_SHEET_ROWS:
                    raise BadSpreadsheet(file, "table_too_many_rows", limit=MAX_SHEET_ROWS - 1)
            return file.stem, rows
        except (csv.Error, UnicodeDecodeError) as exc:  # a NUL, a broken UTF-16 pair
            log.info("Unreadable CSV %s, line %s: %s", file, reader.line_num, exc)
            raise BadSpreadsheet(file, "csv_line", line=reader.line_num + 1) from None


#: The longest CSV field read (characters); a file's own size is bounded before it is read.
CSV_FIELD_LIMIT = 16 * 1024 * 1024


def read_table(path: str | os.PathLike[str], sheet: str | None = None) -> Table:
    """Read a .csv, .xlsx or .ods file: the first non-empty row is the header row."""
    file = Path(path)
    if not file.exists():
        raise BadSpreadsheet(file, "missing")
    if file.stat().st_size > MAX_FILE_BYTES:
        raise BadSpreadsheet(file, "too_big", mb=MAX_FILE_BYTES // 2**20)
    suffix = file.suffix.lower()
    if suffix in (".csv", ".txt"):
        name, rows = _read_csv(file)
    elif suffix in (".xlsx", ".xlsm", ".ods"):
        contents = (check_ods if suffix == ".ods" else check_xlsx)(file)
        reader = "spread_out_table" if contents.spread_out else "book_table"
        with transitional(file, contents) as readable:
            name, rows = sandbox.table(reader, readable, sheet)
    else:
        raise BadSpreadsheet(file, "adopt_kind")
    if len(rows) > MAX_SHEET_ROWS:
        raise BadSpreadsheet(file, "table_too_many_rows", limit=MAX_SHEET_ROWS - 1)
    start = next((n for n, r in enumerate(rows) if any(str(c).strip() for c in r)), None)
    if start is None:
        raise BadSpreadsheet(file, "no_rows")
    headers = _distinct([str(h).strip() if h is not None else "" for h in rows[start]])
    body, numbers = [], []
    for index in range(start + 1, len(rows)):
        if any(str(c).strip() for c in rows[index] if c is not None):
            body.append(rows[index])
            numbers.append(index + 1)
    return Table(file.name, name, headers, body, first_row=start + 2, numbers=numbers)


def _distinct(headers: list[str]) -> list[str]:
    """Headers as the columns' names: two columns called alike stay two ("Name (2)"), a
    column without a header is called by its letter."""
    named: list[str] = []
    for position, header in enumerate(headers):
        text = header or f"Column {_letter(position)}"
        if text in named:
            n = 2
            while f"{text} ({n})" in named:
                n += 1
            text = f"{text} ({n})"
        named.append(text)
    while named and named[-1].startswith("Column ") and not headers[len(named) - 1]:
        named.pop()  # the empty columns at the right are no columns
    return named


def _letter(position: int) -> str:
    letters = ""
    position += 1
    while position:
        position, rest = divmod(position - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


# -- mapping -----------------------------------------------------------------------------------


def propose(entity: str, headers: list[str]) -> dict[str, str | None]:
    """A field for each header that names one (None: not imported)."""
    synonyms = SYNONYMS[entity]
    mapping: dict[str, str | None] = {}
    taken: set[str] = set()
    for header in headers:
        folded = re.sub(r"\s\d+$", "", fold(header))  # "Name (2)": the second Name column
        found = next((f for f, words in synonyms.items() if folded in words), None)
        about_a_date = bool(DATE_WORDS & set(folded.split()))
        if found is None and not about_a_date:
            # "E-Mail privat", "Telefon (dienstlich)": a known word inside
            found = next(
                (
                    f
                    for f, words in synonyms.items()
                    if f not in taken and any(w in folded.split() for w in words if " " not in w)
                ),
                None,
            )
        if found is not None and found in taken and found not in GATHERED:
            found = None  # one column per field, except names and addresses in parts
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


def _as_text(value: Any) -> Any:
    """A date or number from a spreadsheet cell, for a text field: as a person writes it."""
    if isinstance(value, datetime):
        return (
            value.strftime("%d.%m.%Y %H:%M")
            if value.time() != datetime.min.time()
            else (value.strftime("%d.%m.%Y"))
        )
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if isinstance(value, int | float):
        return f"{value:g}" if isinstance(value, float) else str(value)
    return value


def _person(parts: list[tuple[str, str]]) -> str:
    """A name from its columns: first names first; "Müller, Marie" turned round."""
    ordered = sorted(parts, key=lambda part: part[0] not in FIRST_NAME_WORDS)
    text = " ".join(value for _header, value in ordered)
    turned = re.fullmatch(r"\s*([^,]+?)\s*,\s*([^,]+?)\s*", text)
    return f"{turned.group(2)} {turned.group(1)}" if turned else text


def _address(parts: list[tuple[str, str]]) -> str:
    """An address from its columns: street, then postcode and town on a line of their own."""
    street = [v for h, v in parts if h not in POSTCODE_WORDS | TOWN_WORDS]
    place = [v for h, v in parts if h in POSTCODE_WORDS] + [v for h, v in parts if h in TOWN_WORDS]
    return "\n".join(filter(None, [", ".join(street), " ".join(place)]))


def _values(
    table: Table,
    row: list[Any],
    mapping: dict[str, str | None],
    *,
    text_fields: frozenset[str] = frozenset(),
    kept: str | None = None,
    warnings: list[Reason] | None = None,
    person: bool = False,
) -> dict[str, Any]:
    """The row's values by field. ``text_fields`` take dates and numbers as text;
    ``kept`` names the field that keeps the columns mapped to nothing ("Header: value")."""
    values: dict[str, Any] = {}
    gathered: dict[str, list[tuple[str, str]]] = {}
    unmapped: list[str] = []
    for index, header in enumerate(table.headers):
        name = mapping.get(header)
        if index >= len(row):
            continue
        value = _cell(row[index])
        if value in ("", None):
            continue
        if not name:
            if kept and not header.startswith("Column "):
                unmapped.append(f"{header}: {_as_text(value)}")
            continue
        if name in ZERO_LED and isinstance(value, int) and warnings is not None:
            warnings.append(Reason("leading_zero", column=header, value=value))
        if name in text_fields or name in GATHERED:
            value = _as_text(value)
        if name in GATHERED:
            gathered.setdefault(name, []).append((re.sub(r"\s\d+$", "", fold(header)), value))
        else:
            values[name] = value
    if "name" in gathered:
        parts = gathered["name"]
        values["name"] = _person(parts) if person else " ".join(v for _h, v in parts)
    if "address" in gathered:
        values["address"] = _address(gathered["address"])
    if isinstance(values.get("contact"), str):  # an organisation's contact person
        values["contact"] = _person([("", values["contact"])])
    if kept and unmapped:
        values[kept] = "\n".join(filter(None, [values.get(kept), *unmapped]))
    for name, words in ENUM_WORDS.items():
        if isinstance(values.get(name), str):
            values[name] = words.get(fold(values[name]), values[name])
    for name in ("strengths", "networks"):
        if isinstance(values.get(name), str):
            values[name] = [t.strip() for t in re.split(r"[,;]", values[name]) if t.strip()]
    for name in ("decided_on", "due_date", "consent_given_on"):
        if isinstance(values.get(name), date | datetime):
            values[name] = values[name].isoformat()
    return values


def _label(entity: str, values: dict[str, Any]) -> str:
    return str(values.get("name") or values.get("title") or values.get("number") or "")


def loose_name(name: str) -> str:
    """A person's name as it may be typed without its umlauts: Müller ~ Mueller ~ Muller."""
    folded = fold(name)
    for pair, vowel in (("ae", "a"), ("oe", "o"), ("ue", "u")):
        folded = folded.replace(pair, vowel)
    return folded


class _Existing:
    """What the database already holds, to flag duplicates (and earlier rows of the file)."""

    def __init__(self, session: Session, entity: str) -> None:
        self.entity = entity
        self.keys: dict[tuple[Any, ...], str] = {}
        if entity == "organisation":
            for (name,) in session.execute(select(Organisation.name)):
                self.keys[("name", organisation_key(name))] = name
        elif entity == "contact":
            for name, email, org in session.execute(
                select(Contact.name, Contact.email, Contact.organisation_id)
            ):
                if email:
                    self.keys[("email", email.lower())] = name
                self.keys[("name", loose_name(name), org)] = name
        elif entity == "decision":
            for number, title, day in session.execute(
                select(Decision.number, Decision.title, Decision.decided_on)
            ):
                self.keys[("title", fold(title), day.isoformat())] = number
        else:
            for title, partnership in session.execute(select(Goal.title, Goal.partnership_id)):
                self.keys[("title", fold(title), partnership)] = title

    def _keys(self, values: dict[str, Any]) -> list[tuple[Any, ...]]:
        if self.entity == "organisation":
            return [("name", organisation_key(str(values.get("name", ""))))]
        if self.entity == "contact":
            keys: list[tuple[Any, ...]] = []
            if values.get("email"):
                keys.append(("email", str(values["email"]).lower()))
            keys.append(
                ("name", loose_name(str(values.get("name", ""))), values.get("organisation_id"))
            )
            return keys
        if self.entity == "decision":
            return [("title", fold(str(values.get("title", ""))), str(values.get("decided_on")))]
        return [("title", fold(str(values.get("title", ""))), values.get("partnership_id"))]

    def match(self, values: dict[str, Any]) -> str | None:
        return next((self.keys[k] for k in self._keys(values) if k in self.keys), None)

    def add(self, values: dict[str, Any], label: str) -> None:
        for key in self._keys(values):
            self.keys.setdefault(key, label)


def _resolve(
    session: Session,
    values: dict[str, Any],
    problems: list[Reason],
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
            if not known[key] and name == "organisation_id":
                # "Jugendwerk Lausitz e. V." for "Jugendwerk Lausitz e.V.": the same one
                if ("organisations", "") not in known:
                    by_key: dict[str, list[Any]] = {}
                    for ident, title in session.execute(select(Organisation.id, Organisation.name)):
                        by_key.setdefault(organisation_key(title), []).append(ident)
                    known[("organisations", "")] = by_key  # type: ignore[assignment]
                by_key = known[("organisations", "")]  # type: ignore[assignment]
                known[key] = list(by_key.get(organisation_key(text), []))[:2]
        found = known[key]
        if len(found) == 1:
            values[name] = found[0]
        else:
            what = "organisation" if name == "organisation_id" else "partnership"
            problems.append(
                Reason("at_row", row=row, reason=Reason("none_called", ref=what, text=text))
            )
            values.pop(name)


def preview(
    session: Session,
    table: Table,
    entity: str,
    mapping: dict[str, str | None],
    *,
    keep_unmapped: bool = True,
    progress: Progress | None = None,
) -> list[AdoptRow]:
    """Every row as it would be adopted: new, a duplicate, or invalid (and why).

    Columns mapped to no field are kept in the notes ("Header: value"), where the kind of
    record has notes, unless ``keep_unmapped`` is False."""
    if entity not in TARGETS:
        raise BadMapping("cannot_adopt", entity=entity)
    spec_fields = records.spec_for(entity).fields
    fields = {f.name for f in spec_fields} | set(PSEUDO.get(entity, {}))
    unknown = sorted({f for f in mapping.values() if f and f not in fields})
    if unknown:
        raise BadMapping("no_fields_named", entity=entity, fields=unknown)
    defaults = records.defaults(entity)  # a kind, a status: what a new form starts with
    required = [f.name for f in records.spec_for(entity).fields if f.required]
    missing = [f for f in required if f not in mapping.values() and f not in defaults]
    if missing:
        raise BadMapping("map_a_column", fields=missing)
    progress = progress or Progress()
    existing = _Existing(session, entity)
    known: dict[tuple[str, str], list[Any]] = {}
    result: list[Any] = []
    text_fields = frozenset(
        f.name for f in spec_fields if f.kind in (kinds.TEXT, kinds.LONGTEXT, kinds.PHONE_KIND)
    )
    kept = "notes" if keep_unmapped and "notes" in fields else None
    result = []
    for n, raw in enumerate(table.rows):
        row = table.number(n)
        problems: list[Reason] = []
        warnings: list[Reason] = []
        read = _values(
            table, raw, mapping, text_fields=text_fields, kept=kept, warnings=warnings,
            person=entity == "contact",
        )  # fmt: skip
        extra = {name: read.pop(name) for name in PSEUDO.get(entity, {}) if name in read}
        values = {**defaults, **read}
        _resolve(session, values, problems, row, known)
        label = _label(entity, values)
        status = NEW
        duplicate = None
        if not problems:
            try:
                records.validate(session, entity, values)
                if extra.get("contact"):
                    records.validate(session, "contact", {"name": extra["contact"]})
            except ValidationError as exc:
                column = next(
                    (h for h, f in mapping.items() if f in (exc.field, "contact")), exc.field
                )
                problems.append(Reason("at_cell", row=row, column=column, reason=exc.reason))
        if problems:
            status = INVALID
        else:
            duplicate = existing.match(values)
            if duplicate is not None:
                status = DUPLICATE
            existing.add(values, label)
        result.append(AdoptRow(row, values, label, status, problems, duplicate, warnings, extra))
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
            raise BadMapping("rows_invalid", problems=row.problems)
        try:
            record = records.create(session, entity, dict(row.values))
            if row.extra.get("contact"):
                records.create(
                    session, "contact", {"name": row.extra["contact"], "organisation_id": record.id}
                )
        except ValidationError as exc:
            raise BadMapping(
                "row_invalid", row=row.row, field=exc.field, reason=exc.reason
            ) from exc
        if n % 200 == 0:
            progress.update(n, len(chosen), "Adopting rows")
    session.flush()
    return len(chosen)


# -- presets -----------------------------------------------------------------------------------


def save_preset(session: Session, name: str, entity: str, mapping: dict[str, str | None]) -> None:
    if not name.strip():
        raise BadMapping("preset_needs_name")
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
