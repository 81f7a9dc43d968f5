"""The domain model: SQLAlchemy 2 typed declarative classes."""

from workbook.domain.models.base import Base, Record, table_of, utcnow
from workbook.domain.models.conflicts import (
    Conflict,
    ConflictParty,
    ConflictStep,
    conflict_decisions,
)
from workbook.domain.models.decisions import Decision, NumberCounter
from workbook.domain.models.goals import Evaluation, Goal, ProgressUpdate
from workbook.domain.models.history import Change, SearchDocument, Setting, TrashEntry
from workbook.domain.models.lifecycle import AgreementVersion, AttentionMark, Clause
from workbook.domain.models.meetings import Meeting, meeting_attendees
from workbook.domain.models.organisations import Contact, Organisation, OrganisationTag
from workbook.domain.models.partnerships import (
    AgreementTerm,
    Partnership,
    PartnershipPartner,
    Signatory,
)

#: The records a user searches, lists and opens by name.
ENTITIES: dict[str, type[Record]] = {
    cls.__entity__: cls
    for cls in (Organisation, Contact, Partnership, Goal, Evaluation, Meeting, Decision, Conflict)
}

__all__ = [
    "ENTITIES",
    "AgreementTerm",
    "AgreementVersion",
    "AttentionMark",
    "Base",
    "Change",
    "Clause",
    "Conflict",
    "ConflictParty",
    "ConflictStep",
    "Contact",
    "Decision",
    "Evaluation",
    "Goal",
    "Meeting",
    "NumberCounter",
    "Organisation",
    "OrganisationTag",
    "Partnership",
    "PartnershipPartner",
    "ProgressUpdate",
    "Record",
    "SearchDocument",
    "Setting",
    "Signatory",
    "TrashEntry",
    "conflict_decisions",
    "meeting_attendees",
    "table_of",
    "utcnow",
]
