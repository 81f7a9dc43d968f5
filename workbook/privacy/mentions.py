"""Where a person is named in free text: whole words, whatever the case, accents or spelling.

A person is identified by the variants of their name ("Anna Maria Schmitz", "Schmitz, Anna",
"A. Schmitz", "Frau Schmitz", the same without accents or with "ue" for "ü"), their e-mail
and phone, each as they are now and as the change history says they were. A mention is a
whole word: erasing "Anna Schmitz" never touches "Johanna Schmitz", "Anna Schmitz-Meier" or
another record's own name, e-mail or phone; only the free texts people write (minutes,
rationales, notes, terms ...) are searched, and the history only where it keeps such texts.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

ERASED = "[erased]"

#: The columns people write free text into, per table. Every other text column is a record's
#: own identity (a contact's or organisation's name, e-mail, phone), a code or a key, and is
#: never rewritten for somebody else; tests hold every text column to one of the two lists.
FREE_TEXT: dict[str, tuple[str, ...]] = {
    "organisations": ("address", "notes"),
    "contacts": ("role", "consent_purpose", "notes"),
    "partnerships": ("title", "purpose", "purpose_translation"),
    "partnership_partners": (
        "role",
        "responsibilities",
        "role_translation",
        "responsibilities_translation",
    ),
    "agreement_terms": ("heading", "text", "heading_translation", "text_translation"),
    "agreement_versions": ("summary", "reason", "snapshot"),
    "signatories": ("name", "role", "role_translation", "place"),
    "goals": ("title", "description", "indicator", "title_translation", "indicator_translation"),
    "progress_updates": ("note",),
    "evaluations": ("title", "successes", "lessons", "next_steps"),
    "meetings": ("title", "place", "agenda", "minutes"),
    "decisions": ("title", "context", "text", "rationale", "decided_by"),
    "conflicts": ("title", "description", "mediator", "resolution"),
    "conflict_steps": ("description",),
}
#: Text columns that are not free text (see FREE_TEXT), or are handled on their own:
#: the history (``changes``) and the trash keep other records' texts, the search index
#: is rebuilt from the records.
NOT_FREE_TEXT: dict[str, tuple[str, ...]] = {
    "attention_marks": ("key", "state", "marked_by"),
    "changes": ("entity", "action", "subject", "field", "old_value", "new_value", "changed_by"),
    "clauses": ("key", "language", "title", "body"),
    "number_counters": ("series",),
    "organisations": ("name", "kind", "status", "website", "email", "phone"),
    "partnerships": ("status", "review_cadence", "language"),
    "search_documents": ("entity", "label", "title", "body"),
    "settings": ("key", "value"),
    "trash": ("entity", "caption", "deleted_by", "payload"),
    "agreement_versions": ("kind", "attachment_name", "attachment_type"),
    "conflicts": ("status",),
    "contacts": ("name", "email", "phone", "language"),
    "goals": ("unit", "unit_translation", "status", "update_cadence"),
    "organisation_tags": ("category", "label"),
    "decisions": ("number", "status"),
}

_TITLES = ("frau", "herr", "hr.", "fr.", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr.", "prof.")
_GERMAN = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})
_SEPARATORS = r"[\s\-/().]*"


def _fold_char(char: str) -> str:
    if char.isascii():
        return char.lower()
    decomposed = unicodedata.normalize("NFKD", char)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def fold(text: str) -> str:
    """Lower case, accents removed ("Wąsowska" -> "wasowska", "Straße" -> "strasse")."""
    return "".join(_fold_char(c) for c in text)


def _folded_with_positions(text: str) -> tuple[str, list[int]]:
    """The folded text, and for each of its characters the position it came from."""
    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        folded = _fold_char(char)
        chars.append(folded)
        origin.extend([index] * len(folded))
    return "".join(chars), origin


def name_variants(name: str) -> set[str]:
    """The ways a text may name a person called ``name``."""
    words = name.split()
    if not words:
        return set()
    variants = {" ".join(words)}
    if len(words) >= 2:
        first, last, given = words[0], words[-1], " ".join(words[:-1])
        variants |= {
            f"{first} {last}",
            f"{last}, {given}",
            f"{last}, {first}",
            f"{first[0]}. {last}",
        }
        variants |= {f"{title} {last}" for title in _TITLES}
    return variants | {v.translate(_GERMAN) for v in variants}


def _word_pattern(term: str) -> str:
    # spaces match any run of white space (a name broken over lines); a hyphen or a letter
    # on either side makes another word ("Anna Schmitz-Meier" is somebody else)
    body = r"\s+".join(re.escape(part) for part in fold(term).split())
    return rf"(?<![\w-]){body}(?![\w]|-\w)"


def _email_pattern(email: str) -> str:
    return rf"(?<![\w.+-]){re.escape(fold(email.strip()))}(?![\w]|[.-]\w)"


def _phone_pattern(phone: str) -> str | None:
    digits = re.sub(r"\D", "", phone)
    if len(digits) < 6:
        return None
    return r"(?<![\d])\+?" + _SEPARATORS.join(digits) + r"(?!\d)"


@dataclass(frozen=True)
class Person:
    """What identifies one person in text, and a matcher for it."""

    names: frozenset[str]
    emails: frozenset[str]
    phones: frozenset[str]

    @classmethod
    def of(cls, names: Iterable[str], emails: Iterable[str], phones: Iterable[str]) -> Person:
        def clean(values: Iterable[str], shortest: int) -> frozenset[str]:
            return frozenset(v.strip() for v in values if v and len(v.strip()) >= shortest)

        return cls(clean(names, 3), clean(emails, 3), clean(phones, 6))

    def __bool__(self) -> bool:
        return bool(self.names or self.emails or self.phones)

    @property
    def pattern(self) -> re.Pattern[str]:
        parts = [_word_pattern(v) for n in self.names for v in name_variants(n)]
        parts += [_email_pattern(e) for e in self.emails]
        parts += [p for p in map(_phone_pattern, self.phones) if p]
        # longest first, so "Anna Maria Schmitz" wins over "Anna Schmitz"
        parts.sort(key=len, reverse=True)
        return re.compile("|".join(parts) or r"(?!x)x")

    def sql_fragments(self) -> set[str]:
        """Plain ASCII pieces every mention contains, to narrow a search in SQL (LIKE)."""
        pieces: set[str] = set()
        for name in self.names:
            last = name.split()[-1]
            # the longest run of plain letters: every spelling of the surname keeps it
            # ("sowska" of "Wąsowska" is in "Wasowska" too, "ller" of "Müller" in "Mueller")
            runs = re.findall(r"[A-Za-z]+", last)
            pieces.add(max(runs, key=len) if runs and max(map(len, runs)) >= 2 else last)
        pieces |= set(self.emails)
        for phone in self.phones:
            runs = re.findall(r"\d{3,}", phone)
            pieces.add(max(runs, key=len) if runs else phone)
        return pieces


def find(text: str, pattern: re.Pattern[str]) -> Iterator[tuple[int, int]]:
    """The (start, end) of every mention in ``text``, in the text's own positions."""
    if not text:
        return
    folded, origin = _folded_with_positions(text)
    for match in pattern.finditer(folded):
        if match.end() > match.start():
            yield origin[match.start()], origin[match.end() - 1] + 1


def scrub(text: str, pattern: re.Pattern[str]) -> str:
    """``text`` with every mention replaced by ERASED."""
    spans = list(find(text, pattern))
    for start, end in reversed(spans):
        text = text[:start] + ERASED + text[end:]
    return text


def snippet(text: str, pattern: re.Pattern[str], width: int = 40) -> str:
    """The first mention with some text around it, to show before erasing."""
    for start, end in find(text, pattern):
        before = text[max(0, start - width) : start]
        after = text[end : end + width]
        lead = "…" if start > width else ""
        tail = "…" if end + width < len(text) else ""
        return " ".join(f"{lead}{before}{text[start:end]}{after}{tail}".split())
    return ""
