"""Enumerations of the domain, stored as their string values."""

from __future__ import annotations

from enum import StrEnum


class OrganisationKind(StrEnum):
    NGO = "ngo"
    SCHOOL = "school"
    MEDIA = "media"
    PUBLIC_INSTITUTION = "public_institution"
    FOUNDATION = "foundation"
    COMPANY = "company"
    OTHER = "other"


class OrganisationStatus(StrEnum):
    ACTIVE = "active"
    PROSPECTIVE = "prospective"
    FORMER = "former"


class PartnershipStatus(StrEnum):
    DRAFT = "draft"
    PROPOSED = "proposed"
    ACTIVE = "active"
    PAUSED = "paused"
    ENDED = "ended"


class ReviewCadence(StrEnum):
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    HALF_YEARLY = "half_yearly"
    YEARLY = "yearly"


class GoalStatus(StrEnum):
    PLANNED = "planned"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    ACHIEVED = "achieved"
    MISSED = "missed"
    DROPPED = "dropped"


class DecisionStatus(StrEnum):
    PROPOSED = "proposed"
    ADOPTED = "adopted"
    REJECTED = "rejected"
    SUPERSEDED = "superseded"


class ConflictStatus(StrEnum):
    OPEN = "open"
    IN_DIALOGUE = "in_dialogue"
    IN_MEDIATION = "in_mediation"
    RESOLVED = "resolved"
    CLOSED_UNRESOLVED = "closed_unresolved"


class TagCategory(StrEnum):
    STRENGTH = "strength"
    NETWORK = "network"


LANGUAGES = ("de", "en", "fr", "pl", "tr", "uk", "ru", "el", "es", "it", "ar", "other")
