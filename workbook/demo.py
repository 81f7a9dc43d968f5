"""Realistic demo data: a democracy-education association and its alliance."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from workbook.domain import clock
from workbook.domain.errors import KnownError
from workbook.domain.models import Decision, Organisation
from workbook.services import conflicts, goals, records
from workbook.services.conflicts import CONFLICTS as CONFLICT
from workbook.services.decisions import DECISIONS as DECISION
from workbook.services.goals import EVALUATIONS as EVALUATION
from workbook.services.goals import GOALS as GOAL
from workbook.services.meetings import MEETINGS as MEETING
from workbook.services.organisations import CONTACTS as CONTACT
from workbook.services.organisations import ORGANISATIONS as ORGANISATION
from workbook.services.partnerships import PARTNERSHIPS as PARTNERSHIP
from workbook.services.profile import get_profile, own_organisation, set_profile

Progress = Callable[[int, int], None]

ORGANISATIONS = [
    ("Demokratiewerkstatt Köln e.V.", "ngo", ["Moderation", "Workshops", "Jugendbeteiligung"]),
    ("Gesamtschule Mülheim-Süd", "school", ["Schulnetzwerk", "Projekttage"]),
    ("Gymnasium am Kaiserplatz", "school", ["Schulnetzwerk", "Schülervertretung"]),
    ("Stiftung Bürgersinn", "foundation", ["Förderung", "Evaluation"]),
    ("Radio Rheinwelle", "media", ["Medienarbeit", "Podcasts"]),
    ("Journalistenbüro Nowak & Öztürk", "media", ["Faktencheck", "Medienarbeit"]),
    ("Landeszentrale für politische Bildung", "public_institution", ["Förderung", "Materialien"]),
    ("Stadtbibliothek Düsseldorf", "public_institution", ["Räume", "Lesungen"]),
    ("Jugendring Bergisches Land", "ngo", ["Jugendbeteiligung", "Ehrenamt"]),
    ("Forum Europa Brückenbau", "ngo", ["Internationale Begegnung", "Übersetzung"]),
    ("Fundacja Dialog Wrocław", "ngo", ["Internationale Begegnung", "Workshops"]),
    ("Civic Lab Thessaloniki", "ngo", ["Digitale Beteiligung", "Evaluation"]),
    ("Druckerei Schäfer GmbH", "company", ["Druck", "Gestaltung"]),
    ("Volkshochschule Solingen", "public_institution", ["Erwachsenenbildung", "Räume"]),
    ("Initiative Offene Gesellschaft Kyjiw", "other", ["Faktencheck", "Übersetzung"]),
]
PEOPLE = [
    "Anna Schmitz",
    "Jürgen Weiß",
    "Zeynep Yılmaz",
    "Łukasz Kowalski",
    "Małgorzata Nowak",
    "Ömer Öztürk",
    "Sophie Müller",
    "Dimitrios Papadopoulos",
    "Eleni Georgiou",
    "Olena Kovalenko",
    "Björn Ahlgren",
    "Françoise Lefèvre",
    "Katarzyna Wiśniewska",
    "Tobias Krämer",
    "Ayşe Demir",
    "Hans-Peter Groß",
    "Marie Kühn",
    "Jakub Dvořák",
    "Svetlana Ivanova",
    "Leonie Becker",
    "Mehmet Kaya",
    "Clara Schäfer",
    "Nikos Andreou",
    "Paulina Zielińska",
    "Felix Hoffmann",
    "Ingrid Sørensen",
    "Yusuf Arslan",
    "Lea Wagner",
    "Matthias Böhm",
    "Agnieszka Lewandowska",
    "Grete Fuß",
    "Dariusz Wójcik",
    "Maja Jovanović",
    "René Dubois",
    "Selin Çelik",
    "Oksana Melnyk",
    "Karl-Heinz Löffler",
    "Noah Richter",
    "Hannah Vogel",
    "Emre Şahin",
]
ROLES = [
    "Geschäftsführung",
    "Projektleitung",
    "Bildungsreferentin",
    "Vorstand",
    "Redaktion",
    "Schulleitung",
    "Lehrkraft",
    "Öffentlichkeitsarbeit",
]
PARTNERSHIPS = [
    (
        "Demokratie macht Schule",
        "Politische Bildung an weiterführenden Schulen im Rheinland.",
        [0, 1, 2, 6],
    ),
    (
        "Medienkompetenz gegen Desinformation",
        "Faktencheck-Workshops und ein Podcast für Jugendliche.",
        [0, 4, 5, 14],
    ),
    (
        "Europäische Jugendbegegnung 2026",
        "Austausch mit Partnern in Polen und Griechenland.",
        [9, 10, 11, 8],
    ),
    (
        "Lernorte der Demokratie",
        "Gesprächsreihen in Bibliotheken und Volkshochschulen.",
        [7, 13, 3],
    ),
]
TERMS = [
    (
        "Entscheidungen",
        "Entscheidungen werden im Lenkungskreis getroffen, möglichst im Konsens; "
        "andernfalls mit einfacher Mehrheit der anwesenden Partner.",
    ),
    (
        "Konfliktlösung",
        "Bei Konflikten suchen die Partner zuerst das Gespräch; gelingt keine "
        "Einigung, wird eine neutrale Mediatorin hinzugezogen.",
    ),
    (
        "Datenschutz",
        "Personenbezogene Daten werden nur für die Zwecke der Partnerschaft und "
        "nach der DSGVO verarbeitet.",
    ),
    (
        "Kündigung",
        "Die Vereinbarung gilt vom {start} bis zum {end}. Jeder Partner kann sie mit einer "
        "Frist von drei Monaten zum Quartalsende schriftlich kündigen.",
    ),
]
#: The first partnership's agreement in English too: it prints in both languages.
IN_ENGLISH: dict[str, Any] = {
    "purpose": "Civic education at secondary schools in the Rhineland.",
    "roles": {"Koordination": "Coordination", "Partner": "Partner"},
    "strengths": {
        "Moderation": "facilitation",
        "Schulnetzwerk": "the school network",
        "Förderung": "funding",
    },
    "goals": {
        "Workshops an Schulen": "Workshops at schools",
        "Erreichte Jugendliche": "Young people reached",
        "Veröffentlichte Materialien": "Materials published",
    },
    "units": {"Workshops": "workshops", "Personen": "people", "Titel": "titles"},
    "function": {"Vorstand": "Board"},
    "terms": {
        "Entscheidungen": (
            "Decisions",
            "Decisions are taken in the steering group, by consensus where possible; "
            "otherwise by a simple majority of the partners present.",
        ),
        "Konfliktlösung": (
            "Conflict resolution",
            "In a conflict the partners first seek a conversation; if they cannot agree, "
            "a neutral mediator is brought in.",
        ),
        "Datenschutz": (
            "Data protection",
            "Personal data are processed only for the purposes of the partnership and in "
            "accordance with the GDPR.",
        ),
        "Kündigung": (
            "Termination",
            "This agreement runs from {start} to {end}. Each partner may terminate it in "
            "writing with three months' notice to the end of a quarter.",
        ),
    },
}
DECISION_TOPICS = [
    "Jahresbudget",
    "Workshopformat",
    "Logo-Nutzung",
    "Evaluationsmethode",
    "Termine Lenkungskreis",
    "Aufnahme neuer Partner",
    "Honorarsätze",
    "Podcast-Reihe",
    "Barrierefreiheit",
    "Förderantrag",
    "Öffentlichkeitsarbeit",
    "Reisekosten",
    "Datenschutzkonzept",
    "Schulauswahl",
    "Materialentwicklung",
]
CONFLICTS = [
    ("Unklare Logo-Nutzung im Flyer", "open", None),
    ("Verspätete Honorarzahlungen", "in_dialogue", None),
    ("Streit um Autorschaft der Materialien", "in_mediation", "Dr. Ruth Adler"),
    ("Terminüberschneidung Projekttage", "resolved", None),
    ("Rückzug eines Partners aus dem Podcast", "closed_unresolved", None),
]


def is_empty(session: Session) -> bool:
    """No records yet; the association's own organisation (its profile) does not count."""
    own = own_organisation(session)
    others = select(func.count(Organisation.id))
    if own is not None:
        others = others.where(Organisation.id != own.id)
    return not session.scalar(others)


def load_demo(
    session: Session,
    *,
    today: date | None = None,
    seed: int = 2026,
    progress: Progress | None = None,
) -> dict[str, int]:
    """Fill an empty database, as it would stand on ``today`` (the real day if not given);
    refuses a database that already holds records."""
    if not is_empty(session):
        raise KnownError("The database already holds records; demo data goes into an empty one.")
    today = today or clock.today()
    with clock.fixed(today):  # its records are valid on that day, whatever the real date
        return _load(session, today, seed, progress or (lambda done, total: None))


def _load(session: Session, today: date, seed: int, report: Progress) -> dict[str, int]:
    rng = random.Random(seed)
    steps = 7
    if not get_profile(session).is_set:  # the user's own profile is kept
        set_profile(
            session,
            name="Demokratie Leben Rheinland e.V.",
            address="Severinstraße 12\n50678 Köln",
            email="info@demokratie-rheinland.example",
            website="https://demokratie-rheinland.example",
        )

    orgs = []
    for index, (name, kind, strengths) in enumerate(ORGANISATIONS):
        slug = "".join(c for c in name.lower() if c.isascii() and c.isalnum())[:14]
        orgs.append(
            records.create(
                session,
                ORGANISATION,
                {
                    "name": name,
                    "kind": kind,
                    "strengths": strengths,
                    "status": "prospective" if index == 12 else "active",
                    "networks": rng.sample(
                        ["NRW", "Europa", "Bundesweit", "Köln", "Ruhrgebiet"], 2
                    ),
                    "email": f"kontakt@{slug}.example",
                    "website": f"https://{slug}.example",
                    "phone": f"+49 221 {rng.randint(100000, 999999)}",
                    "address": f"Hauptstraße {index + 1}\n{rng.randint(40000, 53999)} Rheinland",
                },
            )
        )
    report(1, steps)

    contacts = []
    for index, name in enumerate(PEOPLE):
        org = orgs[index % len(orgs)]
        first = name.split()[0].lower()
        contacts.append(
            records.create(
                session,
                CONTACT,
                {
                    "name": name,
                    "organisation_id": org.id,
                    "role": rng.choice(ROLES),
                    "email": f"{''.join(c for c in first if c.isascii())}{index}@partner.example",
                    "language": rng.choice(["de", "de", "en", "pl", "tr", "el", "uk"]),
                    "consent_given_on": today - timedelta(days=rng.randint(30, 700)),
                    "consent_purpose": "Kontakt im Rahmen der Partnerschaft" if index % 7 else None,
                },
            )
        )
    report(2, steps)

    partnerships = []
    for index, (title, purpose, members) in enumerate(PARTNERSHIPS):
        start = today - timedelta(days=400 - index * 90)
        english = IN_ENGLISH if index == 0 else None
        partnerships.append(
            records.create(
                session,
                PARTNERSHIP,
                {
                    "title": title,
                    "purpose": purpose,
                    "language": "de",
                    "purpose_translation": english["purpose"] if english else None,
                    "status": ["active", "active", "proposed", "draft"][index],
                    "start_date": start,
                    "end_date": start + timedelta(days=3 * 365),
                    "signed_on": start if index < 2 else None,
                    "review_cadence": ["quarterly", "half_yearly", "yearly", "quarterly"][index],
                    "partners": [
                        {
                            "organisation_id": orgs[m].id,
                            "role": (role := "Koordination" if position == 0 else "Partner"),
                            "responsibilities": f"Verantwortlich für {orgs[m].strengths[0]}",
                            **(
                                {
                                    "role_translation": english["roles"][role],
                                    "responsibilities_translation": "Responsible for "
                                    + english["strengths"][orgs[m].strengths[0]],
                                }
                                if english
                                else {}
                            ),
                        }
                        for position, m in enumerate(members)
                    ],
                    "terms": [
                        {
                            "heading": h,
                            "text": t,
                            **(
                                dict(
                                    zip(
                                        ("heading_translation", "text_translation"),
                                        english["terms"][h],
                                        strict=True,
                                    )
                                )
                                if english
                                else {}
                            ),
                        }
                        for h, t in TERMS
                    ],
                    "signatories": [
                        {
                            "name": contacts[m].name,
                            "role": "Vorstand",
                            "role_translation": english["function"]["Vorstand"]
                            if english
                            else None,
                            "organisation_id": orgs[m].id,
                            "place": "Köln",
                        }
                        for m in members[:2]
                    ],
                },
            )
        )
    report(3, steps)

    all_goals = []
    for p_index, partnership in enumerate(partnerships):
        for g_index, (title, unit, target) in enumerate(
            [
                ("Workshops an Schulen", "Workshops", 40),
                ("Erreichte Jugendliche", "Personen", 1200),
                ("Veröffentlichte Materialien", "Titel", 12),
            ]
        ):
            goal = records.create(
                session,
                GOAL,
                {
                    "title": f"{title} ({partnership.title})",
                    "partnership_id": partnership.id,
                    "owner_id": partnership.partners[
                        g_index % len(partnership.partners)
                    ].organisation_id,
                    "indicator": f"Anzahl {unit}",
                    "baseline": 0,
                    "target": target,
                    "unit": unit,
                    **(
                        {
                            "title_translation": IN_ENGLISH["goals"][title]
                            + f" ({partnership.title})",
                            "indicator_translation": f"Number of {IN_ENGLISH['units'][unit]}",
                            "unit_translation": IN_ENGLISH["units"][unit],
                        }
                        if p_index == 0
                        else {}
                    ),
                    "due_date": today + timedelta(days=20 + 60 * g_index + 30 * p_index),
                    "status": ["on_track", "at_risk", "planned"][(p_index + g_index) % 3],
                },
            )
            for month in range(1, 5 if p_index < 2 else 2):
                goals.record_progress(
                    session,
                    goal.id,
                    recorded_on=today - timedelta(days=30 * (5 - month)),
                    value=round(target * month * rng.uniform(0.12, 0.22)),
                )
            all_goals.append(goal)
        records.create(
            session,
            EVALUATION,
            {
                "title": f"Halbjahresbilanz {partnership.title}",
                "partnership_id": partnership.id,
                "held_on": today - timedelta(days=45),
                "rating_overall": rng.randint(3, 5),
                "rating_cooperation": rng.randint(2, 5),
                "successes": "Die Workshops waren ausgebucht; die Schulen wollen weitermachen.",
                "lessons": "Termine früher abstimmen; Materialien in einfacher Sprache anbieten.",
                "next_steps": "Zweite Runde planen und Fördermittel beantragen.",
            },
        )
    report(4, steps)

    meetings = []
    for index in range(8):
        partnership = partnerships[index % len(partnerships)]
        attendees = [
            c
            for c in contacts
            if c.organisation_id in {p.organisation_id for p in partnership.partners}
        ]
        meetings.append(
            records.create(
                session,
                MEETING,
                {
                    "title": f"Lenkungskreis {index + 1}",
                    "partnership_id": partnership.id,
                    "held_on": today - timedelta(days=300 - index * 35),
                    "place": "Online" if index % 3 == 0 else "Stadtbibliothek Düsseldorf",
                    "online": index % 3 == 0,
                    "attendee_ids": [c.id for c in attendees[:5]],
                    "agenda": "1. Stand der Ziele\n2. Finanzen\n3. Verschiedenes",
                    "minutes": "Die Partner berichten über den Stand; "
                    "Beschlüsse siehe Entscheidungsliste.",
                },
            )
        )
    report(5, steps)

    decisions: list[Decision] = []
    for index in range(30):
        topic = DECISION_TOPICS[index % len(DECISION_TOPICS)]
        meeting = meetings[index * len(meetings) // 30]
        consensus = index % 3 == 0
        values: dict[str, Any] = {
            "title": f"{topic}" if index < 15 else f"{topic} (Fortschreibung)",
            "decided_on": meeting.held_on,
            "meeting_id": meeting.id,
            "partnership_id": meeting.partnership_id,
            "text": f"Der Lenkungskreis beschließt zum Thema {topic} das vorgelegte Konzept.",
            "rationale": "Die Partner halten das Vorgehen für wirksam und finanzierbar.",
            "context": f"Vorlage der Arbeitsgruppe zu {topic}.",
            "decided_by": "Lenkungskreis",
            "consensus": consensus,
            "status": "rejected" if index == 7 else "adopted",
        }
        if not consensus:
            values.update(
                votes_for=rng.randint(4, 9),
                votes_against=rng.randint(0, 3),
                votes_abstain=rng.randint(0, 2),
            )
        if index == 20:
            values["supersedes_id"] = decisions[5].id
            values["decided_on"] = max(meeting.held_on, decisions[5].decided_on)
        decisions.append(records.create(session, DECISION, values))
    report(6, steps)

    for index, (title, status, mediator) in enumerate(CONFLICTS):
        raised = today - timedelta(days=200 - index * 30)
        partnership = partnerships[index % 2]
        values = {
            "title": title,
            "status": status,
            "mediator": mediator,
            "raised_on": raised,
            "partnership_id": partnership.id,
            "description": "Zwei Partner sehen die Absprache unterschiedlich.",
            "party_organisation_ids": [p.organisation_id for p in partnership.partners[:2]],
        }
        if status == "resolved":
            values.update(
                resolution="Neuer Terminplan, abgestimmt im Lenkungskreis.",
                resolved_on=raised + timedelta(days=40),
                settled_by_ids=[decisions[4].id],
            )
        if status == "closed_unresolved":
            values["resolved_on"] = raised + timedelta(days=60)
        conflict = records.create(session, CONFLICT, values)
        for step in range(index % 4 + 1):
            conflicts.add_step(
                session,
                conflict.id,
                taken_on=raised + timedelta(days=7 * step + 1),
                description=[
                    "Erstes Gespräch",
                    "Schriftliche Stellungnahmen",
                    "Mediationstermin",
                    "Einigung protokolliert",
                ][step],
            )
    report(7, steps)
    return {
        "organisations": len(orgs),
        "contacts": len(contacts),
        "partnerships": len(partnerships),
        "goals": len(all_goals),
        "decisions": len(decisions),
        "conflicts": len(CONFLICTS),
        "meetings": len(meetings),
    }
