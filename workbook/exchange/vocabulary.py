"""The words of a workbook sent to partners, in German or English: sheet titles, column
headers, the values of drop-downs, the instructions. A workbook is written in one of the
two and read back in either (a partner may even mix them): the sheets and columns are
known by their names in both languages, a drop-down's value by its code or its label.
"""

from __future__ import annotations

from workbook.domain.words import VALUE_NAMES
from workbook.exchange.layout import READ_ONLY_SUFFIX, Column, SheetSpec

LANGUAGES = ("en", "de")

#: Sheet titles in German, by their English title.
SHEETS_DE = {
    "About": "Über diese Datei",
    "Organisations": "Organisationen",
    "Contacts": "Kontakte",
    "Partnerships": "Partnerschaften",
    "Goals": "Ziele",
    "Progress": "Fortschritt",
    "Evaluations": "Auswertungen",
    "Meetings": "Treffen",
    "Decisions": "Beschlüsse",
    "Conflicts": "Konflikte",
    "Conflict steps": "Konfliktschritte",
}

#: Column headers in German, by field name.
HEADERS_DE = {
    "name": "Name",
    "kind": "Art",
    "status": "Status",
    "address": "Anschrift",
    "website": "Website",
    "email": "E-Mail",
    "phone": "Telefon",
    "notes": "Notizen",
    "strengths": "Stärken",
    "networks": "Netzwerke",
    "organisation_id": "Organisation",
    "role": "Rolle",
    "language": "Sprache",
    "consent_given_on": "Einwilligung erteilt am",
    "consent_purpose": "Zweck der Einwilligung",
    "title": "Titel",
    "purpose": "Zweck",
    "purpose_translation": "Zweck, übersetzt",
    "start_date": "Beginn",
    "end_date": "Ende",
    "signed_on": "Unterzeichnet am",
    "review_cadence": "Überprüfungsrhythmus",
    "partners": "Partner",
    "terms": "Abschnitte",
    "signatories": "Unterzeichnende",
    "partnership_id": "Partnerschaft",
    "owner_id": "Verantwortlich",
    "description": "Beschreibung",
    "indicator": "Indikator",
    "baseline": "Ausgangswert",
    "target": "Zielwert",
    "unit": "Einheit",
    "title_translation": "Titel, übersetzt",
    "indicator_translation": "Indikator, übersetzt",
    "unit_translation": "Einheit, übersetzt",
    "due_date": "Fällig am",
    "update_cadence": "Messrhythmus",
    "goal_id": "Ziel",
    "recorded_on": "Gemessen am",
    "value": "Wert",
    "note": "Notiz",
    "held_on": "Am",
    "rating_overall": "Bewertung gesamt",
    "rating_cooperation": "Bewertung Zusammenarbeit",
    "successes": "Erfolge",
    "lessons": "Gelerntes",
    "next_steps": "Nächste Schritte",
    "place": "Ort",
    "online": "Online",
    "agenda": "Tagesordnung",
    "minutes": "Protokoll",
    "attendee_ids": "Teilnehmende",
    "number": "Nummer",
    "decided_on": "Beschlossen am",
    "text": "Text",
    "context": "Hintergrund",
    "rationale": "Begründung",
    "decided_by": "Beschlossen von",
    "votes_for": "Stimmen dafür",
    "votes_against": "Stimmen dagegen",
    "votes_abstain": "Enthaltungen",
    "consensus": "Konsens",
    "review_on": "Überprüfen am",
    "supersedes_id": "Ersetzt",
    "meeting_id": "Treffen",
    "raised_on": "Aufgekommen am",
    "mediator": "Mediation durch",
    "resolution": "Lösung",
    "resolved_on": "Gelöst am",
    "party_organisation_ids": "Parteien (Organisationen)",
    "party_contact_ids": "Parteien (Personen)",
    "settled_by_ids": "Beigelegt durch Beschlüsse",
    "conflict_id": "Konflikt",
    "taken_on": "Am",
}
READ_ONLY_DE = " (nur lesen)"

#: The labels of the drop-downs' values, English and German, by code.
VALUES = VALUE_NAMES

#: What a sheet holds, in German, by its English title.
DESCRIPTIONS_DE = {
    "Organisations": "Partnerorganisationen mit ihren Stärken und Netzwerken.",
    "Contacts": "Menschen bei den Partnern (personenbezogene Daten: sorgsam behandeln).",
    "Partnerships": "Partnerschaften; Partner, Abschnitte und Unterzeichnende werden gezeigt, "
    "geändert werden sie in der App.",
    "Goals": "Gemeinsame Ziele mit Indikatoren, Ausgangs- und Zielwerten.",
    "Progress": "Fortschritt jedes Ziels: eine Zeile mit Datum und gemessenem Wert hinzufügen.",
    "Evaluations": "Auswertungen: Erfolge, Gelerntes, nächste Schritte.",
    "Meetings": "Treffen mit Teilnehmenden (Namen durch „;“ getrennt).",
    "Decisions": "Die Beschlussliste. Die Nummern vergibt die App.",
    "Conflicts": "Das Konfliktprotokoll.",
    "Conflict steps": "Was wann zu jedem Konflikt getan wurde: eine Zeile je Schritt.",
}

ABOUT = {
    "en": {
        "exported_on": "Exported on",
        "contents": "Contents",
        "everything": "Everything in the database",
        "concerns": "What concerns: {names}",
        "for_partner": "For {partner}",
        "how": "How to edit and send back",
        "instructions": (
            "Change values in the white cells, add new rows at the end of a sheet, delete "
            "rows you want gone (the association is asked before anything is deleted), and "
            "send the file back as .xlsx or .ods. Do not change the grey ID, Version and "
            "Checksum columns (hidden at the right of each sheet): they let the association "
            "match your rows and see what you changed. Dates as 2026-11-24 or 24.11.2026. "
            "Columns marked (read only) are shown for information; change them in the app."
        ),
        "rows": "{description} ({count} rows)",
        "row": "{description} (1 row)",
        "choose": "Choose one of: {values}",
    },
    "de": {
        "exported_on": "Exportiert am",
        "contents": "Inhalt",
        "everything": "Alles in der Datenbank",
        "concerns": "Was betrifft: {names}",
        "for_partner": "Für {partner}",
        "how": "So bearbeiten und zurückschicken",
        "instructions": (
            "Ändern Sie Werte in den weißen Zellen, fügen Sie neue Zeilen am Ende eines "
            "Blatts an, löschen Sie Zeilen, die wegfallen sollen (der Verein wird gefragt, "
            "bevor etwas gelöscht wird), und schicken Sie die Datei als .xlsx oder .ods "
            "zurück. Ändern Sie nicht die grauen Spalten ID, Version und Checksum (rechts "
            "in jedem Blatt verborgen): Mit ihnen erkennt der Verein Ihre Zeilen und sieht, "
            "was Sie geändert haben. Daten als 24.11.2026 oder 2026-11-24. Spalten mit "
            "„(nur lesen)“ dienen der Information; geändert werden sie in der App."
        ),
        "rows": "{description} ({count} Zeilen)",
        "row": "{description} (1 Zeile)",
        "choose": "Wählen Sie einen dieser Werte: {values}",
    },
}


def title(sheet: SheetSpec | str, language: str) -> str:
    """A sheet's title in ``language``."""
    english = sheet if isinstance(sheet, str) else sheet.title
    return SHEETS_DE.get(english, english) if language == "de" else english


def header(column: Column, language: str) -> str:
    """A column's header in ``language`` ("(read only)" said in it too)."""
    if language != "de":
        return column.header
    suffix = READ_ONLY_DE if column.header.endswith(READ_ONLY_SUFFIX) else ""
    return HEADERS_DE.get(column.name, column.header.removesuffix(READ_ONLY_SUFFIX)) + suffix


def headers(column: Column) -> set[str]:
    """Every name a column is known by, as a partner may have headed it (case-folded)."""
    german = header(column, "de")
    return {
        name.casefold()
        for name in (
            column.header,
            column.header.removesuffix(READ_ONLY_SUFFIX),
            column.name,
            german,
            german.removesuffix(READ_ONLY_DE),
        )
    }


def titles(sheet: SheetSpec) -> set[str]:
    """Every title a sheet is known by (case-folded)."""
    return {sheet.title.casefold(), title(sheet, "de").casefold()}


def label(code: str, language: str) -> str:
    """A drop-down value as the sheet shows it."""
    words = VALUES.get(code)
    return (words[1] if language == "de" else words[0]) if words else code


def code(column: Column, value: object) -> object:
    """A drop-down's value read back: its code, whichever language labelled it."""
    if not isinstance(value, str) or not column.choices:
        return value
    wanted = value.strip().casefold()
    for choice in column.choices:
        if wanted == choice.casefold() or wanted in (w.casefold() for w in VALUES.get(choice, ())):
            return choice
    return value


def about(language: str) -> dict[str, str]:
    return ABOUT["de" if language == "de" else "en"]


def description(sheet: SheetSpec, language: str) -> str:
    return (
        DESCRIPTIONS_DE.get(sheet.title, sheet.description)
        if language == "de"
        else (sheet.description)
    )
