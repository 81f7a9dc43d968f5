"""Field rules: what each field of a record accepts, and how typed text becomes a value."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from workbook.domain.errors import ValidationError

EMAIL = re.compile(r"^[^@\s<>\"]+@[^@\s<>\"]+\.[^@\s<>\"]{2,}$")
URL = re.compile(r"^https?://[^\s/<>\"]+\.[^\s<>\"]{2,}$", re.IGNORECASE)
BARE_DOMAIN = re.compile(r"^[\w-]+(\.[\w-]+)+(/\S*)?$")
PHONE = re.compile(r"^\+?[0-9][0-9 ()/.\-]{3,28}[0-9]$")
TRUE_WORDS = {"1", "true", "yes", "y", "ja", "x", "wahr"}
FALSE_WORDS = {"0", "false", "no", "n", "nein", "", "falsch"}

TEXT, LONGTEXT, EMAIL_KIND, URL_KIND, PHONE_KIND = "text", "longtext", "email", "url", "phone"
DATE, INT, FLOAT, BOOL, ENUM, REF, TAGS, REFS, ROWS = (
    "date",
    "int",
    "float",
    "bool",
    "enum",
    "ref",
    "tags",
    "refs",
    "rows",
)
LISTS = (TAGS, REFS, ROWS)
#: The most attendees, parties, partners, strengths ... one record takes: far more than any
#: association has, and few enough that a save stays quick (10,000 took 25-36 s).
MAX_ENTRIES = 500

#: characters below space other than tab, newline and carriage return
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


DOTTED_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})$")
SLASHED_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def parse_date(text: str) -> date:
    """ISO (2026-11-24), German (24.11.2026, 24.11.26), or unambiguous slashed dates.

    A slashed date is day-first or month-first by country; where both readings are valid
    (03/04/2026) it is refused rather than guessed.
    """
    text = text.strip()
    if " " in text or "T" in text:  # a timestamp: the date part counts
        text = text.replace("T", " ").split(" ")[0]
    dotted = DOTTED_DATE.match(text)
    if dotted:
        day, month, year = (int(g) for g in dotted.groups())
        return date(year + 2000 if year < 100 else year, month, day)
    slashed = SLASHED_DATE.match(text)
    if slashed:
        first, second, year = (int(g) for g in slashed.groups())
        if first > 12 or first == second:
            return date(year, second, first)
        if second > 12:
            return date(year, first, second)
        raise ValueError(f"ambiguous date {text!r}")
    return date.fromisoformat(text)


def parse_number(text: str) -> float:
    """1234.5, 1,5 (German), 1.234,5 and 1,234.5: the last separator is the decimal one."""
    cleaned = text.strip().replace(" ", "").replace("\u00a0", "").replace("'", "")
    if "," in cleaned and "." in cleaned:
        decimal = "," if cleaned.rfind(",") > cleaned.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        cleaned = cleaned.replace(thousands, "").replace(decimal, ".")
    elif "," in cleaned:
        cleaned = cleaned.replace(",", ".")
    number = float(cleaned)
    if number != number or number in (float("inf"), float("-inf")):
        raise ValueError(text)
    return number


@dataclass(frozen=True, slots=True)
class Field:
    """One editable field of an entity, with its rule."""

    name: str
    kind: str = TEXT
    required: bool = False
    max_length: int | None = None
    choices: tuple[str, ...] = ()
    ref: str | None = None
    minimum: float | None = None
    maximum: float | None = None

    @classmethod
    def enum(cls, name: str, values: type[StrEnum] | tuple[str, ...], **kw: Any) -> Field:
        choices = tuple(values) if isinstance(values, tuple) else tuple(v.value for v in values)
        return cls(name, ENUM, choices=choices, **kw)

    def coerce(self, entity: str, value: Any) -> Any:
        """The value to store, or ValidationError naming entity, field, value and reason."""
        if isinstance(value, str):
            value = value.strip()
        if value is None or value == "" or (self.kind in LISTS and not value):
            if self.required:
                raise ValidationError(entity, self.name, value, "required")
            return [] if self.kind in LISTS else (False if self.kind == BOOL else None)
        if self.kind in LISTS and not isinstance(value, str | dict):
            value = list(value)
            if len(value) > MAX_ENTRIES:
                raise ValidationError(
                    entity,
                    self.name,
                    f"{len(value)} entries",
                    "too_many_entries",
                    n=MAX_ENTRIES,
                )
        try:
            result = getattr(self, f"_coerce_{self.kind}")(entity, value)
        except (TypeError, ValueError, OverflowError) as exc:
            raise ValidationError(entity, self.name, value, self._expected()) from exc
        if self.kind in LISTS and len(result) > MAX_ENTRIES:
            raise ValidationError(
                entity, self.name, f"{len(result)} entries", "too_many_entries", n=MAX_ENTRIES
            )
        return result

    def _expected(self) -> str:
        return {
            DATE: "expected_date",
            INT: "expected_int",
            FLOAT: "expected_number",
            BOOL: "expected_bool",
            REF: "expected_id",
            REFS: "expected_ids",
            ROWS: "expected_entries",
        }.get(self.kind, "wrong_type")

    def _check_length(self, entity: str, value: str) -> str:
        if self.max_length is not None and len(value) > self.max_length:
            raise ValidationError(entity, self.name, value, "too_long", n=self.max_length)
        if _CONTROL.search(value):
            raise ValidationError(entity, self.name, value, "control_characters")
        return value

    def _coerce_text(self, entity: str, value: Any) -> str:
        if isinstance(value, int | float) and not isinstance(value, bool):
            # a spreadsheet turned what was typed into a number (a postcode, a house number)
            value = str(int(value)) if float(value).is_integer() else str(value)
        if not isinstance(value, str):
            raise TypeError(value)
        return self._check_length(entity, value)

    _coerce_longtext = _coerce_text

    def _coerce_email(self, entity: str, value: Any) -> str:
        value = self._coerce_text(entity, value)
        if not EMAIL.match(value):
            raise ValidationError(entity, self.name, value, "not_email")
        return value

    def _coerce_url(self, entity: str, value: Any) -> str:
        value = self._coerce_text(entity, value)
        if not URL.match(value):
            if not BARE_DOMAIN.match(value):
                raise ValidationError(entity, self.name, value, "not_url")
            value = f"https://{value}"
        return value

    def _coerce_phone(self, entity: str, value: Any) -> str:
        value = self._coerce_text(entity, str(value))
        if not PHONE.match(value):
            raise ValidationError(entity, self.name, value, "not_phone")
        return value

    def _coerce_date(self, entity: str, value: Any) -> date:
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        return parse_date(str(value))

    def _check_range(self, entity: str, value: float) -> None:
        if self.minimum is not None and value < self.minimum:
            raise ValidationError(entity, self.name, value, "at_least", n=self.minimum)
        if self.maximum is not None and value > self.maximum:
            raise ValidationError(entity, self.name, value, "at_most", n=self.maximum)

    def _coerce_int(self, entity: str, value: Any) -> int:
        if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
            raise TypeError(value)
        number = int(parse_number(value)) if isinstance(value, str) else int(value)
        if isinstance(value, str) and parse_number(value) != number:
            raise ValueError(value)
        self._check_range(entity, number)
        return number

    def _coerce_float(self, entity: str, value: Any) -> float:
        if isinstance(value, bool):
            raise TypeError(value)
        number = parse_number(value) if isinstance(value, str) else float(value)
        if number != number or number in (float("inf"), float("-inf")):
            raise ValueError(value)
        self._check_range(entity, number)
        return number

    def _coerce_bool(self, entity: str, value: Any) -> bool:
        if isinstance(value, bool):
            return value
        word = str(value).strip().lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        raise ValueError(value)

    def _coerce_enum(self, entity: str, value: Any) -> str:
        text = str(value)
        if text not in self.choices:
            raise ValidationError(entity, self.name, value, "one_of", choices=self.choices)
        return text

    def _coerce_ref(self, entity: str, value: Any) -> uuid.UUID:
        return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))

    def _coerce_refs(self, entity: str, value: Any) -> list[uuid.UUID]:
        items = value.split(";") if isinstance(value, str) else list(value)
        refs = [
            self._coerce_ref(entity, item.strip() if isinstance(item, str) else item)
            for item in items
            if item
        ]
        return list(dict.fromkeys(refs))

    def _coerce_rows(self, entity: str, value: Any) -> list[dict[str, Any]]:
        rows = list(value)
        if not all(isinstance(row, dict) for row in rows):
            raise TypeError(value)
        return rows

    def _coerce_tags(self, entity: str, value: Any) -> list[str]:
        items = value.split(",") if isinstance(value, str) else list(value)
        tags: list[str] = []
        for item in items:
            tag = self._check_length(entity, str(item).strip())
            if "," in tag:  # tags are written comma-separated (forms, spreadsheets)
                raise ValidationError(entity, self.name, tag, "comma_in_entry")
            if len(tag) > 80:
                raise ValidationError(entity, self.name, tag, "too_long", n=80)
            if tag and tag.casefold() not in {t.casefold() for t in tags}:
                tags.append(tag)
        return tags
