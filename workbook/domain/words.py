"""The core's vocabulary: German or English words, dates and numbers, for everything the
core writes for people (reports, the agreement's clauses, calendar entries, partner
workbooks); ``tr`` and ``language`` say which language is spoken."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date

_language: ContextVar[str] = ContextVar("report_language", default="en")
#: "iso" (2026-11-24) or "locale" (24.11.2026 in German, 11/24/2026 in English)
_dates: ContextVar[str] = ContextVar("report_dates", default="iso")

GERMAN = {
    "Partnership agreement": "Partnerschaftsvereinbarung",
    "between {parties}": "zwischen {parties}",
    "Parties": "Parteien",
    "Organisation": "Organisation",
    "Role": "Rolle",
    "Responsibilities": "Verantwortlichkeiten",
    "Purpose": "Zweck",
    "Shared goals": "Gemeinsame Ziele",
    "Goal": "Ziel",
    "Indicator": "Indikator",
    "Baseline": "Ausgangswert",
    "Target": "Zielwert",
    "Unit": "Einheit",
    "Due": "Fällig",
    "Duration and review": "Laufzeit und Überprüfung",
    "This agreement runs from {start} to {end}.": "Diese Vereinbarung gilt vom {start} bis zum {end}.",
    " The partners review it {cadence} and record each review as an evaluation.": " Die Partner überprüfen sie {cadence} und halten jede Überprüfung als Auswertung fest.",
    "monthly": "monatlich",
    "every three months": "alle drei Monate",
    "every six months": "alle sechs Monate",
    "once a year": "einmal im Jahr",
    "Signatures": "Unterschriften",
    "Place, date:": "Ort, Datum:",
    "Name, function:": "Name, Funktion:",
    "Signature": "Unterschrift",
    "Decisions log": "Beschlussliste",
    "All decisions": "Alle Beschlüsse",
    "{n} decisions.": "{n} Beschlüsse.",
    "Number": "Nummer",
    "Decision": "Beschluss",
    "Vote": "Abstimmung",
    "Status": "Status",
    "Rationale": "Begründung",
    "supersedes {number}": "ersetzt {number}",
    "superseded by {number}": "ersetzt durch {number}",
    "consensus": "Konsens",
    "Conflicts log": "Konfliktprotokoll",
    "{n} conflicts": "{n} Konflikte",
    "Raised on": "Aufgekommen am",
    "Mediator": "Mediation durch",
    "Resolved / closed on": "Gelöst / beendet am",
    "Timeline": "Verlauf",
    "Resolution": "Lösung",
    "Settled by {decisions}": "Beigelegt durch {decisions}",
    "Goals and impact": "Ziele und Wirkung",
    "{n} partnerships": "{n} Partnerschaften",
    "Now": "Aktuell",
    "Progress": "Fortschritt",
    "Progress towards target (%)": "Fortschritt zum Zielwert (%)",
    "Successes to celebrate": "Erfolge, die wir feiern",
    "Lessons learned": "Gelerntes",
    "Next steps": "Nächste Schritte",
    "Partner directory": "Partnerverzeichnis",
    "{n} organisations": "{n} Organisationen",
    "Index": "Index",
    "Strengths": "Stärken",
    "NGOs": "Vereine und NGOs",
    "Schools": "Schulen",
    "Media": "Medien",
    "Public institutions": "Öffentliche Einrichtungen",
    "Foundations": "Stiftungen",
    "Companies": "Unternehmen",
    "Other": "Sonstige",
    "Page {page} of {total}": "Seite {page} von {total}",
    "Agreement ends: {title}": "Vereinbarung endet: {title}",
    "Partnership review due: {title}": "Überprüfung der Partnerschaft fällig: {title}",
    "Goal due: {title}": "Ziel fällig: {title}",
    "Review decision {number}: {title}": "Beschluss {number} überprüfen: {title}",
    "Version {n}": "Fassung {n}",
    "Date": "Datum",
    "Title": "Titel",
    "Start": "Beginn",
    "End": "Ende",
    "Signed on": "Unterzeichnet am",
    "Review cadence": "Überprüfungsrhythmus",
    "Partner added": "Partner hinzugekommen",
    "Partner left": "Partner ausgeschieden",
    "Partner changed": "Partner geändert",
    "Section added": "Abschnitt hinzugefügt",
    "Section removed": "Abschnitt entfernt",
    "Section changed": "Abschnitt geändert",
    "Signatories changed": "Unterzeichnende geändert",
    "Amendment history": "Änderungsverlauf der Vereinbarung",
    "Version": "Fassung",
    "What changed": "Was sich geändert hat",
    "Why": "Warum",
    "German": "Deutsch",
    "English": "Englisch",
    " and ": " und ",
    "This agreement is made in {languages}; each version is equally binding.": "Diese Vereinbarung liegt auf {languages} vor; jede Fassung ist gleichermaßen verbindlich.",
    "Personal data held about {name}": "Gespeicherte personenbezogene Daten zu {name}",
    "Copies kept elsewhere": "Kopien an anderer Stelle",
    "Backups of the database keep these data for up to {months} months; the trash keeps deleted records for {days} days. If the person's data are erased, every backup and archive made before is erased again as soon as it is restored or opened. Files exported or sent earlier (spreadsheets, PDFs, archives) are not changed by the app.": "Sicherungen der Datenbank enthalten diese Daten bis zu {months} Monate lang; der Papierkorb bewahrt gelöschte Datensätze {days} Tage auf. Werden die Daten der Person gelöscht, wird jede vorher angelegte Sicherung und jedes Archiv erneut gelöscht, sobald es wiederhergestellt oder geöffnet wird. Früher exportierte oder verschickte Dateien (Tabellen, PDFs, Archive) ändert die App nicht.",
    "Information under Art. 15 GDPR, as of {day}": "Auskunft nach Art. 15 DSGVO, Stand {day}",
    "Person": "Person",
    "Consent": "Einwilligung",
    "given on": "erteilt am",
    "purpose": "Zweck",
    "none recorded": "nicht erfasst",
    "Meetings attended": "Teilnahme an Treffen",
    "Conflicts": "Konflikte",
    "Mentioned in": "Erwähnt in",
    "Change history": "Änderungsverlauf",
    "None.": "Keine.",
    "open": "offen",
    "in dialogue": "im Gespräch",
    "in mediation": "in Mediation",
    "resolved": "gelöst",
    "closed unresolved": "ohne Lösung beendet",
    "proposed": "vorgeschlagen",
    "adopted": "angenommen",
    "rejected": "abgelehnt",
    "superseded": "ersetzt",
    "planned": "geplant",
    "on track": "im Plan",
    "at risk": "gefährdet",
    "achieved": "erreicht",
    "missed": "verfehlt",
    "dropped": "aufgegeben",
    "Period: {start} – {end}": "Zeitraum: {start} – {end}",
    "Minutes": "Protokoll",
    "Purpose (translation)": "Zweck (Übersetzung)",
    "Agreements that were signed are kept as they were signed, with the names of those who signed them: they show what the partners agreed (Art. 17 (3) (b) and (e) GDPR). An erasure of the person's data leaves these alone and erases every other trace.": "Unterzeichnete Vereinbarungen bleiben so erhalten, wie sie unterzeichnet wurden, mit den Namen derer, die sie unterzeichnet haben: Sie belegen, was die Partner vereinbart haben (Art. 17 Abs. 3 lit. b und e DSGVO). Eine Löschung der Daten der Person lässt sie unverändert und löscht jede andere Spur.",
    "Consent given on": "Einwilligung erteilt am",
    "Contact": "Kontakt",
    "Description": "Beschreibung",
    "Evaluation": "Auswertung",
    "Heading": "Überschrift",
    "Kept as signed": "Wie unterzeichnet aufbewahrt",
    "Language": "Sprache",
    "Last changed": "Zuletzt geändert",
    "Note": "Notiz",
    "Partner in a partnership": "Partner einer Partnerschaft",
    "Progress update": "Fortschrittsmeldung",
    "Purpose of the consent": "Zweck der Einwilligung",
    "Recorded on": "Erfasst am",
    "Section of an agreement": "Abschnitt einer Vereinbarung",
    "Signatory": "Unterzeichnende Person",
    "Step of a conflict": "Schritt eines Konflikts",
    "Text": "Text",
    "The agreement as it stood": "Die Vereinbarung in ihrer damaligen Fassung",
    "Trash": "Papierkorb",
    "Version of an agreement": "Fassung einer Vereinbarung",
    "changed": "geändert",
    "deleted": "gelöscht",
    "deleted record": "gelöschter Datensatz",
    "earlier value": "früherer Wert",
    "erased": "gelöscht (Datenschutz)",
    "new value": "neuer Wert",
    "recorded": "erfasst",
    "restored": "wiederhergestellt",
    "Proceedings": "Verlauf und Ergebnisse",
    "online": "online",
    "Place": "Ort",
    "Partnership": "Partnerschaft",
    "Attendees": "Teilnehmende",
    "Agenda": "Tagesordnung",
    "Decisions taken": "Gefasste Beschlüsse",
    "Decision {number}": "Beschluss {number}",
    "Decided on": "Beschlossen am",
    "Decided by": "Beschlossen von",
    "Meeting": "Treffen",
    "Supersedes": "Ersetzt",
    "Superseded by": "Ersetzt durch",
    "Review on": "Überprüfen am",
    "Context": "Hintergrund",
    "{yes} for, {no} against, {abstain} abstaining": "{yes} dafür, {no} dagegen, {abstain} Enthaltungen",
    "Conflict": "Konflikt",
    "E-mail": "E-Mail",
    "Phone": "Telefon",
    "Website": "Website",
    "Address": "Anschrift",
    "Networks": "Netzwerke",
    "Contacts": "Kontakte",
    "Name": "Name",
    "Partnerships": "Partnerschaften",
    "Notes": "Notizen",
    "draft": "Entwurf",
    "active": "aktiv",
    "paused": "pausiert",
    "ended": "beendet",
    "No measurements or evaluations recorded yet.": "Noch keine Messungen oder Auswertungen erfasst.",
    "In total": "Insgesamt",
    "Goals": "Ziele",
    "Average progress": "Durchschnittlicher Fortschritt",
    "Evaluations": "Auswertungen",
    "Average rating (overall / cooperation, of 5)": "Durchschnittliche Bewertung (gesamt / Zusammenarbeit, von 5)",
    "Rating: overall {overall} of 5, cooperation {cooperation} of 5": "Bewertung: gesamt {overall} von 5, Zusammenarbeit {cooperation} von 5",
    "{n} goals · average progress {progress} %": "{n} Ziele · durchschnittlicher Fortschritt {progress} %",
}


@contextmanager
def language(code: str | None, dates: str | None = None) -> Iterator[None]:
    """Words, dates and numbers in German or English; German dates are always 24.11.2026."""
    token = _language.set("de" if (code or "").lower().startswith("de") else "en")
    dates_token = _dates.set(dates or _dates.get())
    try:
        yield
    finally:
        _dates.reset(dates_token)
        _language.reset(token)


def current() -> str:
    """The report language now: "de" or "en"."""
    return _language.get()


#: The languages a person may prefer, by code: their names in English and in German.
LANGUAGE_NAMES = {
    "de": ("German", "Deutsch"),
    "en": ("English", "Englisch"),
    "fr": ("French", "Französisch"),
    "pl": ("Polish", "Polnisch"),
    "tr": ("Turkish", "Türkisch"),
    "uk": ("Ukrainian", "Ukrainisch"),
    "ru": ("Russian", "Russisch"),
    "el": ("Greek", "Griechisch"),
    "es": ("Spanish", "Spanisch"),
    "it": ("Italian", "Italienisch"),
    "ar": ("Arabic", "Arabisch"),
}


#: The words for the codes of every drop-down's values (kinds, statuses, cadences,
#: languages ...), in English and in German: the reports', the workbooks'.
VALUE_NAMES = {
    "ngo": ("NGO", "Verein / NGO"),
    "school": ("School", "Schule"),
    "media": ("Media", "Medien"),
    "public_institution": ("Public institution", "Öffentliche Einrichtung"),
    "foundation": ("Foundation", "Stiftung"),
    "company": ("Company", "Unternehmen"),
    "other": ("Other", "Sonstige"),
    "active": ("Active", "Aktiv"),
    "prospective": ("Prospective", "In Aussicht"),
    "former": ("Former", "Ehemalig"),
    "draft": ("Draft", "Entwurf"),
    "proposed": ("Proposed", "Vorgeschlagen"),
    "paused": ("Paused", "Pausiert"),
    "ended": ("Ended", "Beendet"),
    "monthly": ("Monthly", "Monatlich"),
    "quarterly": ("Quarterly", "Vierteljährlich"),
    "half_yearly": ("Half-yearly", "Halbjährlich"),
    "yearly": ("Yearly", "Jährlich"),
    "planned": ("Planned", "Geplant"),
    "on_track": ("On track", "Im Plan"),
    "at_risk": ("At risk", "Gefährdet"),
    "achieved": ("Achieved", "Erreicht"),
    "missed": ("Missed", "Verfehlt"),
    "dropped": ("Dropped", "Aufgegeben"),
    "adopted": ("Adopted", "Angenommen"),
    "rejected": ("Rejected", "Abgelehnt"),
    "superseded": ("Superseded", "Ersetzt"),
    "open": ("Open", "Offen"),
    "in_dialogue": ("In dialogue", "Im Gespräch"),
    "in_mediation": ("In mediation", "In Mediation"),
    "resolved": ("Resolved", "Gelöst"),
    "closed_unresolved": ("Closed unresolved", "Ohne Lösung beendet"),
    **LANGUAGE_NAMES,
}


def value_name(code: str | None) -> str:
    """A value's word in the report's language ("tr": "Turkish" / "Türkisch", "ngo":
    "NGO" / "Verein / NGO"); a code it has no word for as it is."""
    names = VALUE_NAMES.get(code or "")
    if names is None:
        return code or ""
    return names[1] if _language.get() == "de" else names[0]


def tr(text: str, **values: object) -> str:
    """The text in the report's language, with ``values`` filled in."""
    words = GERMAN.get(text, text) if _language.get() == "de" else text
    return words.format(**values) if values else words


def day(value: date | None) -> str:
    if value is None:
        return "—"
    if _language.get() == "de":
        return value.strftime("%d.%m.%Y")
    return value.strftime("%m/%d/%Y") if _dates.get() == "locale" else value.isoformat()


def sort_key(value: str) -> str:
    """Dictionary order for names and headings (DIN 5007-1): "Ärzte" with "Arzte", between
    "Apfel" and "Bank", "ß" as "ss", capitals with small letters."""
    decomposed = unicodedata.normalize("NFKD", value.casefold().replace("ß", "ss"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def join(items: list[str]) -> str:
    """A list in a sentence: "A, B and C" / "A, B und C"."""
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + tr(" and ") + items[-1]


def number(value: float | None) -> str:
    if value is None:
        return ""
    text = f"{value:,.2f}".rstrip("0").rstrip(".") if value != int(value) else f"{int(value):,}"
    if _language.get() == "de":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text
