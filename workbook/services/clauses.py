"""The clause library: reusable agreement clauses in German and English.

Clauses are plain text. Inserting a clause into an agreement copies it, so later edits of the
library do not change signed agreements; its placeholders in braces ({partners},
{partnership}, {start}, {end}, {association}, {today}) stay in the agreement's text and are
filled in wherever the agreement is shown or printed, in that document's language: after a
renewal every section says the new end date. Anything else in a clause, braces or angle
brackets included, is kept as the user wrote it.

A new agreement starts with the sections every partnership needs (``DRAFTED``), copied from
the library as visible, editable sections: the printed agreement says nothing its sections
do not.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from workbook.domain import clock, words
from workbook.domain.errors import NotFound, ValidationError
from workbook.domain.models import AgreementTerm, Clause, Partnership
from workbook.domain.words import join
from workbook.domain.words import language as in_language
from workbook.services import records
from workbook.services.partnerships import TERM_FIELDS
from workbook.services.profile import get_profile

#: The sections a new agreement is drafted with (keys of the library's clauses).
DRAFTED = ("decision_making", "conflict_resolution")
PLACEHOLDERS = ("partners", "partnership", "start", "end", "association", "today")
_PLACEHOLDER = re.compile(r"\{(" + "|".join(PLACEHOLDERS) + r")\}")


@dataclass(frozen=True)
class Default:
    key: str
    de: tuple[str, str]
    en: tuple[str, str]


DEFAULTS = (
    Default(
        "decision_making",
        (
            "Entscheidungen",
            "Entscheidungen über die Partnerschaft „{partnership}“ treffen {partners} "
            "gemeinsam, möglichst im Konsens, sonst mit einfacher Mehrheit der anwesenden "
            "Partner. Jede Entscheidung wird mit Datum, Begründung und Abstimmung in der "
            "Beschlussliste festgehalten.",
        ),
        (
            "Decision-making",
            "Decisions about the partnership “{partnership}” are taken jointly by "
            "{partners}, by consensus where possible and otherwise by a simple majority of the "
            "partners present. Every decision is recorded in the decisions log with its date, "
            "rationale and vote.",
        ),
    ),
    Default(
        "conflict_resolution",
        (
            "Konfliktlösung",
            "Bei Meinungsverschiedenheiten suchen die Partner zuerst das direkte Gespräch. "
            "Kommt innerhalb von vier Wochen keine Einigung zustande, ziehen sie eine von allen "
            "Seiten akzeptierte neutrale Mediation hinzu. Schritte und Ergebnisse werden im "
            "Konfliktprotokoll festgehalten.",
        ),
        (
            "Conflict resolution",
            "If a disagreement arises, the partners first seek a direct conversation. If no "
            "agreement is reached within four weeks, they invite a neutral mediator accepted "
            "by all parties. Steps and outcomes are recorded in the conflicts log.",
        ),
    ),
    Default(
        "data_protection",
        (
            "Datenschutz",
            "Personenbezogene Daten, die im Rahmen der Partnerschaft verarbeitet werden, "
            "nutzen {partners} ausschließlich für die Zwecke der Partnerschaft und nach den "
            "Vorgaben der DSGVO. Jeder Partner benennt eine Ansprechperson für den Datenschutz.",
        ),
        (
            "Data protection",
            "Personal data processed within the partnership is used by {partners} solely for "
            "the purposes of the partnership and in accordance with the GDPR. Each partner "
            "names a contact person for data protection.",
        ),
    ),
    Default(
        "logo_use",
        (
            "Nutzung von Namen und Logos",
            "Die Partner dürfen die Namen und Logos der anderen Partner nur für "
            "Veröffentlichungen zur Partnerschaft „{partnership}“ und nach vorheriger "
            "Abstimmung verwenden.",
        ),
        (
            "Use of names and logos",
            "The partners may use each other's names and logos only in publications about the "
            "partnership “{partnership}” and after agreeing on them beforehand.",
        ),
    ),
    Default(
        "termination",
        (
            "Kündigung",
            "Die Vereinbarung gilt vom {start} bis zum {end}. Jeder Partner kann sie mit einer "
            "Frist von drei Monaten zum Quartalsende schriftlich kündigen; laufende Vorhaben "
            "werden gemeinsam abgeschlossen.",
        ),
        (
            "Termination",
            "This agreement runs from {start} to {end}. Each partner may terminate it in "
            "writing with three months' notice to the end of a quarter; activities under way "
            "are completed together.",
        ),
    ),
    Default(
        "publications",
        (
            "Öffentlichkeitsarbeit",
            "Veröffentlichungen zur Partnerschaft nennen alle Partner. {association} "
            "koordiniert die gemeinsame Öffentlichkeitsarbeit.",
        ),
        (
            "Public communication",
            "Publications about the partnership name all partners. {association} coordinates "
            "joint public communication.",
        ),
    ),
)


def ensure_defaults(session: Session) -> int:
    """Add the shipped clauses the library does not have yet (edited ones are kept)."""
    have = {
        (key, language) for key, language in session.execute(select(Clause.key, Clause.language))
    }
    added = 0
    for position, default in enumerate(DEFAULTS, start=1):
        for language, (title, body) in (("de", default.de), ("en", default.en)):
            if (default.key, language) not in have:
                session.add(
                    Clause(
                        key=default.key,
                        language=language,
                        title=title,
                        body=body,
                        position=position,
                        version=1,
                    )
                )
                added += 1
    session.flush()
    return added


def library(session: Session, language: str | None = None) -> list[Clause]:
    ensure_defaults(session)
    stmt = select(Clause).order_by(Clause.position, Clause.title)
    if language:
        stmt = stmt.where(Clause.language == language)
    return list(session.scalars(stmt))


def find(session: Session, ident: uuid.UUID | str, language: str | None = None) -> Clause:
    """A clause by id, or by key (and language)."""
    ensure_defaults(session)
    if isinstance(ident, uuid.UUID):
        clause = session.get(Clause, ident)
    else:
        stmt = select(Clause).where(Clause.key == ident)
        if language:
            stmt = stmt.where(Clause.language == language)
        clause = session.scalars(stmt.order_by(Clause.language)).first()
    if clause is None:
        raise NotFound(entity="clause", ident=str(ident))
    return clause


def save(
    session: Session,
    *,
    title: str,
    body: str,
    language: str,
    key: str | None = None,
    ident: uuid.UUID | None = None,
) -> Clause:
    """Create or change a clause; plain text only, kept exactly as written."""
    for name, value in (("title", title), ("body", body)):
        if not (value or "").strip():
            raise ValidationError("clause", name, value, "required")
    if language not in ("de", "en"):
        raise ValidationError("clause", "language", language, "one_of", choices=("de", "en"))
    clause = session.get(Clause, ident) if ident else None
    if clause is None:
        slug = key or re.sub(r"\W+", "_", title.strip().lower()).strip("_")
        position = len(DEFAULTS) + 1
        clause = Clause(key=slug, language=language, position=position, version=1)
        session.add(clause)
    clause.title, clause.body, clause.language = title.strip(), body, language
    session.flush()
    return clause


def fill(text: str, values: dict[str, str]) -> str:
    """Replace the known placeholders only; every other character stays as written."""
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text)


def values(
    *,
    partnership: str,
    partners: list[str],
    start: date | None,
    end: date | None,
    association: str,
    day: Callable[[date | None], str] | None = None,
) -> dict[str, str]:
    """The placeholders' values: dates written by ``day``, by default as the current report
    language writes them (``words.language``)."""

    day = day or words.day
    return {
        "partners": join(partners),
        "partnership": partnership,
        "start": day(start),
        "end": day(end),
        "association": association,
        "today": day(clock.today()),
    }


def placeholders_for(session: Session, partnership: Partnership, language: str) -> dict[str, str]:
    """The values for ``partnership`` as it stands, in ``language``."""

    with in_language(language):
        return values(
            partnership=partnership.title,
            partners=[x.organisation.name for x in partnership.partners],
            start=partnership.start_date,
            end=partnership.end_date,
            association=get_profile(session).name or "",
        )


def drafted(session: Session, language: str) -> list[dict[str, str | None]]:
    """The sections a new agreement starts with, from the library in ``language``, each
    with the library's wording in the other language as its translation."""
    language = language if language in ("de", "en") else "en"
    chosen = {c.key: c for c in library(session, language)}
    other = {c.key: c for c in library(session, "en" if language == "de" else "de")}
    return [
        {"heading": chosen[key].title, "text": chosen[key].body, **_translation(other.get(key))}
        for key in DRAFTED
        if key in chosen
    ]


def _translation(clause: Clause | None) -> dict[str, str | None]:
    return {
        "heading_translation": clause.title if clause else None,
        "text_translation": clause.body if clause else None,
    }


def insert(
    session: Session, partnership_id: uuid.UUID | str, clause_id: uuid.UUID | str
) -> AgreementTerm:
    """Copy a clause into an agreement as its next section, its placeholders kept live,
    with the library's wording in the other language as its translation."""
    partnership = records.get(session, "partnership", partnership_id)
    assert isinstance(partnership, Partnership)
    clause = find(session, clause_id)
    other = session.scalars(
        select(Clause).where(Clause.key == clause.key, Clause.language != clause.language)
    ).first()
    terms = [{f.name: getattr(t, f.name) for f in TERM_FIELDS} for t in partnership.terms]
    terms.append({"heading": clause.title, "text": clause.body, **_translation(other)})
    records.update(session, "partnership", partnership.id, {"terms": terms})
    session.refresh(partnership)
    return partnership.terms[-1]
