"""Partner organisations with their strengths and networks, and their contacts."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from workbook.domain.enums import LANGUAGES, OrganisationKind, OrganisationStatus, TagCategory
from workbook.domain.models import Contact, Organisation, OrganisationTag, PartnershipPartner
from workbook.services.common import not_in_future
from workbook.services.fields import (
    DATE,
    EMAIL_KIND,
    LONGTEXT,
    PHONE_KIND,
    REF,
    TAGS,
    URL_KIND,
    Field,
)
from workbook.services.registry import EntitySpec, ListColumn, register

_TAG_KEYS: dict[str, str] = {TagCategory.STRENGTH: "strengths", TagCategory.NETWORK: "networks"}


def _tags_of(session: Session, ids: list[uuid.UUID]) -> dict[uuid.UUID, dict[str, list[str]]]:
    """Strengths and networks of many organisations, in one query, as ``read`` gives them."""
    found: dict[uuid.UUID, dict[str, list[str]]] = {
        i: {key: [] for key in _TAG_KEYS.values()} for i in ids
    }
    tag = OrganisationTag
    rows = session.execute(
        select(tag.organisation_id, tag.category, tag.label)
        .where(tag.organisation_id.in_(ids))
        .order_by(tag.label)  # the order of Organisation.tags
    )
    for organisation, category, label in rows:
        if category in _TAG_KEYS:
            found[organisation][_TAG_KEYS[category]].append(label)
    return found


def _apply_tags(session: Session, org: Organisation, values: dict[str, Any]) -> None:
    for category, key in ((TagCategory.STRENGTH, "strengths"), (TagCategory.NETWORK, "networks")):
        if key not in values:
            continue
        wanted = values[key]
        keep = [t for t in org.tags if t.category != category or t.label in wanted]
        have = {t.label for t in keep if t.category == category}
        org.tags = keep + [
            OrganisationTag(category=category.value, label=label, version=1)
            for label in wanted
            if label not in have
        ]


def _has_strength(value: str) -> Any:
    return Organisation.id.in_(
        select(OrganisationTag.organisation_id).where(
            OrganisationTag.category == TagCategory.STRENGTH, OrganisationTag.label == value
        )
    )


def _in_partnership(value: Any) -> Any:
    return Organisation.id.in_(
        select(PartnershipPartner.organisation_id).where(PartnershipPartner.partnership_id == value)
    )


ORGANISATIONS = register(
    EntitySpec(
        entity="organisation",
        model=Organisation,
        fields=(
            Field("name", required=True, max_length=200),
            Field.enum("kind", OrganisationKind, required=True),
            Field.enum("status", OrganisationStatus),
            Field("address", LONGTEXT, max_length=2000),
            Field("website", URL_KIND, max_length=255),
            Field("email", EMAIL_KIND, max_length=255),
            Field("phone", PHONE_KIND, max_length=80),
            Field("notes", LONGTEXT, max_length=20000),
            Field("strengths", TAGS),
            Field("networks", TAGS),
        ),
        columns=(
            ListColumn("name", Organisation.name),
            ListColumn("kind", Organisation.kind, "enum"),
            ListColumn("status", Organisation.status, "enum"),
            ListColumn("email", Organisation.email),
            ListColumn("phone", Organisation.phone),
            ListColumn("updated_at", Organisation.updated_at, "datetime"),
        ),
        default_sort="name",
        facets={"strength": _has_strength, "partnership": _in_partnership},
        apply=_apply_tags,
        read=lambda org: {"strengths": org.strengths, "networks": org.networks},
        read_many=_tags_of,
    )
)


def _check_contact(session: Session, contact: Contact) -> None:
    not_in_future("contact", "consent_given_on", contact.consent_given_on)


CONTACTS = register(
    EntitySpec(
        entity="contact",
        model=Contact,
        fields=(
            Field("name", required=True, max_length=200),
            Field("organisation_id", REF, ref="organisation"),
            Field("role", max_length=255),
            Field("email", EMAIL_KIND, max_length=255),
            Field("phone", PHONE_KIND, max_length=80),
            Field.enum("language", LANGUAGES),
            Field("consent_given_on", DATE),
            Field("consent_purpose", LONGTEXT, max_length=2000),
            Field("notes", LONGTEXT, max_length=20000),
        ),
        columns=(
            ListColumn("name", Contact.name),
            ListColumn("organisation", Organisation.name),
            ListColumn("role", Contact.role),
            ListColumn("email", Contact.email),
            ListColumn("language", Contact.language, "enum"),
        ),
        default_sort="name",
        joins=((Organisation, Contact.organisation_id == Organisation.id),),
        facets={"organisation": lambda value: Contact.organisation_id == value},
        check=_check_contact,
        check_is_local=True,
    )
)


def strengths_matrix(session: Session) -> tuple[list[str], list[tuple[str, set[str]]]]:
    """Who brings what: all strengths, and each active organisation with its own."""
    rows = session.execute(
        select(Organisation.name, OrganisationTag.label)
        .join(OrganisationTag, OrganisationTag.organisation_id == Organisation.id)
        .where(
            OrganisationTag.category == TagCategory.STRENGTH,
            Organisation.status == OrganisationStatus.ACTIVE,
        )
        .order_by(Organisation.name)
    )
    by_org: dict[str, set[str]] = {}
    for name, label in rows:
        by_org.setdefault(name, set()).add(label)
    strengths = sorted({s for labels in by_org.values() for s in labels}, key=str.casefold)
    return strengths, list(by_org.items())


def strength_labels(session: Session) -> list[str]:
    """Every strength named so far, for filters and suggestions."""
    rows = session.scalars(
        select(OrganisationTag.label)
        .where(OrganisationTag.category == TagCategory.STRENGTH)
        .distinct()
        .order_by(OrganisationTag.label)
    )
    return list(rows)
