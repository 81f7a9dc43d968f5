"""Words the user sees for entities, fields, columns and enumeration values."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ui.i18n import _t


def entity_title(entity: str, *, plural: bool = False) -> str:
    singular = {
        "organisation": _t("Organisation"),
        "contact": _t("Contact"),
        "partnership": _t("Partnership"),
        "goal": _t("Goal"),
        "evaluation": _t("Evaluation"),
        "meeting": _t("Meeting"),
        "decision": _t("Decision"),
        "conflict": _t("Conflict"),
        "organisation_tag": _t("Strength or network"),
        "conflict_step": _t("Step"),
        "conflict_party": _t("Party"),
        "progress_update": _t("Progress"),
        "partnership_partner": _t("Partner"),
        "agreement_term": _t("Term"),
        "signatory": _t("Signatory"),
    }
    plurals = {
        "organisation": _t("Organisations"),
        "contact": _t("Contacts"),
        "partnership": _t("Partnerships"),
        "goal": _t("Goals"),
        "evaluation": _t("Evaluations"),
        "meeting": _t("Meetings"),
        "decision": _t("Decisions"),
        "conflict": _t("Conflicts"),
    }
    return (plurals if plural else singular).get(entity, entity)


def table_words(table: str) -> str:
    """What the rows of a table are, in words (a delete says what else it affects)."""
    words = {
        "organisations": _t("organisations"),
        "contacts": _t("contacts"),
        "partnerships": _t("partnerships"),
        "goals": _t("goals"),
        "evaluations": _t("evaluations"),
        "meetings": _t("meetings"),
        "decisions": _t("decisions"),
        "conflicts": _t("conflicts"),
        "organisation_tags": _t("strengths and networks"),
        "partnership_partners": _t("partners of partnerships"),
        "agreement_terms": _t("terms of agreements"),
        "agreement_versions": _t("versions of agreements"),
        "signatories": _t("signatories"),
        "conflict_parties": _t("parties of conflicts"),
        "conflict_steps": _t("steps of conflicts"),
        "conflict_decisions": _t("decisions settling conflicts"),
        "meeting_attendees": _t("attendances at meetings"),
        "progress_updates": _t("progress updates"),
        "attention_marks": _t("reminders marked done"),
    }
    return words.get(table, table.replace("_", " "))


def field_label(name: str, entity: str | None = None) -> str:
    """A field's label; ``entity`` for the few that a kind of record names its own way."""
    own = {("partnership", "language"): _t("Language of the agreement")}
    if (entity, name) in own:
        return own[(entity, name)]
    labels = {
        "name": _t("Name"),
        "kind": _t("Kind"),
        "status": _t("Status"),
        "address": _t("Address"),
        "website": _t("Website"),
        "email": _t("E-mail"),
        "phone": _t("Phone"),
        "notes": _t("Notes"),
        "strengths": _t("Strengths"),
        "networks": _t("Networks / regions"),
        "organisation_id": _t("Organisation"),
        "contact": _t("Contact person"),
        "organisation": _t("Organisation"),
        "role": _t("Role"),
        "language": _t("Preferred language"),
        "consent_given_on": _t("Consent given on"),
        "consent_purpose": _t("Consent purpose"),
        "title": _t("Title"),
        "purpose": _t("Purpose"),
        "purpose_translation": _t("Purpose, translated"),
        "role_translation": _t("Role, translated"),
        "responsibilities_translation": _t("Responsibilities, translated"),
        "heading_translation": _t("Heading, translated"),
        "text_translation": _t("Text, translated"),
        "title_translation": _t("Title, translated"),
        "indicator_translation": _t("Indicator, translated"),
        "unit_translation": _t("Unit, translated"),
        "start_date": _t("Start"),
        "end_date": _t("End"),
        "signed_on": _t("Signed on"),
        "review_cadence": _t("Review cadence"),
        "partners": _t("Partners and roles"),
        "terms": _t("Terms of the agreement"),
        "signatories": _t("Signatories"),
        "partnership_id": _t("Partnership"),
        "partnership": _t("Partnership"),
        "owner_id": _t("Owner"),
        "description": _t("Description"),
        "indicator": _t("Indicator"),
        "baseline": _t("Baseline"),
        "target": _t("Target"),
        "unit": _t("Unit"),
        "due_date": _t("Due"),
        "update_cadence": _t("Progress measured"),
        "reason": _t("Reason"),
        "held_on": _t("Date"),
        "goal_id": _t("Goal"),
        "rating_overall": _t("Overall rating"),
        "rating_cooperation": _t("Cooperation rating"),
        "successes": _t("Successes"),
        "lessons": _t("Lessons learned"),
        "next_steps": _t("Next steps"),
        "place": _t("Place"),
        "online": _t("Online"),
        "agenda": _t("Agenda"),
        "minutes": _t("Minutes"),
        "attendee_ids": _t("Attendees"),
        "number": _t("Number"),
        "decided_on": _t("Decided on"),
        "text": _t("Text"),
        "context": _t("Context"),
        "rationale": _t("Rationale"),
        "decided_by": _t("Decided by"),
        "votes_for": _t("Votes for"),
        "votes_against": _t("Votes against"),
        "votes_abstain": _t("Abstentions"),
        "consensus": _t("By consensus"),
        "supersedes_id": _t("Supersedes"),
        "meeting_id": _t("Meeting"),
        "review_on": _t("Review on"),
        "raised_on": _t("Raised on"),
        "mediator": _t("Mediator"),
        "resolution": _t("Resolution"),
        "resolved_on": _t("Resolved on"),
        "party_organisation_ids": _t("Parties (organisations)"),
        "party_contact_ids": _t("Parties (people)"),
        "settled_by_ids": _t("Settled by decisions"),
        "updated_at": _t("Last changed"),
        "responsibilities": _t("Responsibilities"),
        "heading": _t("Heading"),
    }
    return labels.get(name, name.replace("_", " ").capitalize())


def value_label(value: str) -> str:
    """An enumeration value in words ("in_mediation" -> "In mediation")."""
    words = {
        "ngo": _t("NGO"),
        "school": _t("School"),
        "media": _t("Media"),
        "public_institution": _t("Public institution"),
        "foundation": _t("Foundation"),
        "company": _t("Company"),
        "other": _t("Other"),
        "active": _t("Active"),
        "prospective": _t("Prospective"),
        "former": _t("Former"),
        "draft": _t("Draft"),
        "proposed": _t("Proposed"),
        "paused": _t("Paused"),
        "ended": _t("Ended"),
        "monthly": _t("Monthly"),
        "quarterly": _t("Quarterly"),
        "half_yearly": _t("Half-yearly"),
        "yearly": _t("Yearly"),
        "planned": _t("Planned"),
        "on_track": _t("On track"),
        "at_risk": _t("At risk"),
        "achieved": _t("Achieved"),
        "missed": _t("Missed"),
        "dropped": _t("Dropped"),
        "adopted": _t("Adopted"),
        "rejected": _t("Rejected"),
        "superseded": _t("Superseded"),
        "open": _t("Open"),
        "in_dialogue": _t("In dialogue"),
        "in_mediation": _t("In mediation"),
        "resolved": _t("Resolved"),
        "closed_unresolved": _t("Closed without resolution"),
        "de": _t("German"),
        "en": _t("English"),
        "fr": _t("French"),
        "pl": _t("Polish"),
        "tr": _t("Turkish"),
        "uk": _t("Ukrainian"),
        "ru": _t("Russian"),
        "el": _t("Greek"),
        "es": _t("Spanish"),
        "it": _t("Italian"),
        "ar": _t("Arabic"),
    }
    return words.get(value, value)


def status_word(status: str) -> str:
    """What an import makes of a row of the file (``workbook.exchange.importer`` statuses)."""
    return {
        "new": QCoreApplication.translate("Import", "new"),
        "changed": QCoreApplication.translate("Import", "changed"),
        "unchanged": QCoreApplication.translate("Import", "unchanged"),
        "conflict": QCoreApplication.translate("Import", "conflict"),
        "deleted": QCoreApplication.translate("Import", "deleted by the partner"),
        "invalid": QCoreApplication.translate("Import", "invalid"),
    }[status]


def progress_words(message: str) -> str:
    """What a long job of the core says it is doing (``Progress.message``), in the user's
    language; a step naming a sheet or a table keeps its name."""
    words = {
        "Adopting rows": _t("Adopting rows"),
        "Applying": _t("Applying"),
        "Applying the members' changes": _t("Applying the members' changes"),
        "Backing up": _t("Backing up"),
        "Checking every table": _t("Checking every table"),
        "Checking rows": _t("Checking rows"),
        "Collecting the records": _t("Collecting the records"),
        "Copying the database": _t("Copying the database"),
        "Laying out the pages": _t("Laying out the pages"),
        "Packing the archive": _t("Packing the archive"),
        "Reading the records": _t("Reading the records"),
        "Taking in the association's snapshot": _t("Taking in the association's snapshot"),
        "Tidying the sync folder": _t("Tidying the sync folder"),
        "Unpacking the database": _t("Unpacking the database"),
        "Writing all records as JSON": _t("Writing all records as JSON"),
        "Writing the records": _t("Writing the records"),
        "Writing the spreadsheet": _t("Writing the spreadsheet"),
        "Writing the workbook": _t("Writing the workbook"),
    }
    if message in words:
        return words[message]
    steps = {
        "Reading ": _t("Reading “{name}”"),
        "Writing ": _t("Writing {name}"),
        "Copying ": _t("Copying {name}"),
    }
    for start, template in steps.items():
        if message.startswith(start):
            name = message[len(start) :]
            return template.format(name=table_words(name) if start == "Copying " else name)
    return message
