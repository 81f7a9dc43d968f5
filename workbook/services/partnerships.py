"""Partnerships: parties with roles, the agreement's terms, signatories, status and dates."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from workbook.domain.enums import PartnershipStatus, ReviewCadence
from workbook.domain.errors import ValidationError
from workbook.domain.models import (
    AgreementTerm,
    Contact,
    Organisation,
    Partnership,
    PartnershipPartner,
    Signatory,
)
from workbook.services.common import require_order, sub_value
from workbook.services.fields import DATE, LONGTEXT, REF, ROWS, Field
from workbook.services.registry import EntitySpec, ListColumn, register

ENTITY = "partnership"
#: The languages an agreement is written and translated in.
AGREEMENT_LANGUAGES = ("de", "en")
PARTNER_FIELDS = (
    Field("organisation_id", REF, required=True, ref="organisation"),
    Field("role", max_length=255),
    Field("responsibilities", LONGTEXT, max_length=5000),
    Field("role_translation", max_length=255),
    Field("responsibilities_translation", LONGTEXT, max_length=5000),
)
TERM_FIELDS = (
    Field("heading", required=True, max_length=200),
    Field("text", LONGTEXT, required=True, max_length=50000),
    Field("heading_translation", max_length=200),
    Field("text_translation", LONGTEXT, max_length=50000),
)
SIGNATORY_FIELDS = (
    Field("name", required=True, max_length=200),
    Field("role", max_length=255),
    Field("role_translation", max_length=255),
    Field("organisation_id", REF, ref="organisation"),
    Field("place", max_length=255),
    Field("signed_on", DATE),
)


def contacts_as_signers(
    session: Session, *, limit: int = 5000
) -> list[tuple[str, str | None, uuid.UUID | None, str | None]]:
    """Who may sign for a party: each contact's name, role, organisation id and name, by
    name (a person whose data was erased is not offered)."""
    rows = session.execute(
        select(Contact.name, Contact.role, Contact.organisation_id, Organisation.name)
        .outerjoin(Organisation, Contact.organisation_id == Organisation.id)
        .where(Contact.erased_on.is_(None))
        .order_by(Contact.name, Contact.id)
        .limit(limit)
    )
    return [(name, role, org_id, org) for name, role, org_id, org in rows]


def _entries(key: str, fields: tuple[Field, ...], rows: list[dict[str, Any]]) -> list[dict]:
    entries = []
    for position, row in enumerate(rows, start=1):
        unknown = set(row) - {f.name for f in fields} - {"id"}
        if unknown:
            raise ValidationError(
                ENTITY,
                key,
                sorted(unknown)[0],
                "not_an_entry_field",
                entry=position,
            )
        entries.append({f.name: sub_value(ENTITY, f, row, position=position) for f in fields})
    return entries


def _apply(session: Session, partnership: Partnership, values: dict[str, Any]) -> None:
    if "partners" in values:
        entries = _entries("partners", PARTNER_FIELDS, values["partners"])
        seen: set[uuid.UUID] = set()
        existing = {p.organisation_id: p for p in partnership.partners}
        kept = []
        for position, entry in enumerate(entries, start=1):
            org_id = entry["organisation_id"]
            if session.get(Organisation, org_id) is None:
                raise ValidationError(
                    ENTITY,
                    "partners",
                    str(org_id),
                    "no_such",
                    ref="organisation",
                    entry=position,
                )
            if org_id in seen:
                raise ValidationError(
                    ENTITY,
                    "partners",
                    str(org_id),
                    "already_partner",
                    entry=position,
                )
            seen.add(org_id)
            partner = existing.get(org_id) or PartnershipPartner(organisation_id=org_id, version=1)
            partner.organisation = session.get(Organisation, org_id)  # type: ignore[assignment]
            for name in ("role", "responsibilities", "role_translation",
                         "responsibilities_translation"):  # fmt: skip
                setattr(partner, name, entry[name])
            kept.append(partner)
        partnership.partners = kept
    if "terms" in values:
        entries = _entries("terms", TERM_FIELDS, values["terms"])
        old = list(partnership.terms)
        terms = []
        for position, entry in enumerate(entries, start=1):
            term = old[position - 1] if position <= len(old) else AgreementTerm(version=1)
            term.position = position
            for name in ("heading", "text", "heading_translation", "text_translation"):
                setattr(term, name, entry[name])
            terms.append(term)
        partnership.terms = terms
    if "signatories" in values:
        entries = _entries("signatories", SIGNATORY_FIELDS, values["signatories"])
        # the rows there are kept and changed in place: removing a signatory from a signed
        # agreement is a delete, which a shared server leaves to an admin
        old_signers = list(partnership.signatories)
        signers = []
        for position, entry in enumerate(entries):
            signer = old_signers[position] if position < len(old_signers) else None
            if signer is None:
                signer = Signatory(version=1, **entry)
            else:
                for name, value in entry.items():
                    if getattr(signer, name) != value:
                        setattr(signer, name, value)
            signers.append(signer)
        partnership.signatories = signers


def _read(partnership: Partnership) -> dict[str, Any]:
    def pick(obj: object, fields: tuple[Field, ...]) -> dict[str, Any]:
        return {f.name: getattr(obj, f.name) for f in fields}

    return {
        "partners": [pick(p, PARTNER_FIELDS) for p in partnership.partners],
        "terms": [pick(t, TERM_FIELDS) for t in partnership.terms],
        "signatories": [pick(s, SIGNATORY_FIELDS) for s in partnership.signatories],
    }


def _check(session: Session, partnership: Partnership) -> None:
    require_order(
        ENTITY,
        earlier=("start_date", partnership.start_date),
        later=("end_date", partnership.end_date),
    )
    if partnership.status == PartnershipStatus.ACTIVE and partnership.start_date is None:
        raise ValidationError(ENTITY, "start_date", None, "required_if_active")


def _has_partner(value: Any) -> Any:
    return Partnership.id.in_(
        select(PartnershipPartner.partnership_id).where(PartnershipPartner.organisation_id == value)
    )


PARTNERSHIPS = register(
    EntitySpec(
        entity=ENTITY,
        model=Partnership,
        fields=(
            Field("title", required=True, max_length=200),
            Field("purpose", LONGTEXT, max_length=20000),
            Field("purpose_translation", LONGTEXT, max_length=20000),
            Field.enum("language", AGREEMENT_LANGUAGES),
            Field.enum("status", PartnershipStatus),
            Field("start_date", DATE),
            Field("end_date", DATE),
            Field("signed_on", DATE),
            Field.enum("review_cadence", ReviewCadence),
            Field("partners", ROWS),
            Field("terms", ROWS),
            Field("signatories", ROWS),
        ),
        columns=(
            ListColumn("title", Partnership.title),
            ListColumn("status", Partnership.status, "enum"),
            ListColumn("start_date", Partnership.start_date, "date"),
            ListColumn("end_date", Partnership.end_date, "date"),
            ListColumn("review_cadence", Partnership.review_cadence, "enum"),
        ),
        default_sort="title",
        facets={"partner": _has_partner},
        date_field="start_date",
        apply=_apply,
        check=_check,
        read=_read,
    )
)
