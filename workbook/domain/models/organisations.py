"""Partner organisations, their strengths and networks, and their contact people."""

from __future__ import annotations

import uuid
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workbook.domain.enums import TagCategory
from workbook.domain.models.base import Base, LongText, Name, Record, ShortText

if TYPE_CHECKING:
    from workbook.domain.models.partnerships import PartnershipPartner


class Organisation(Record, Base):
    __tablename__ = "organisations"
    __entity__ = "organisation"

    name: Mapped[Name] = mapped_column(index=True)
    kind: Mapped[ShortText] = mapped_column(default="ngo", index=True)
    status: Mapped[ShortText] = mapped_column(default="active", index=True)
    address: Mapped[LongText | None]
    website: Mapped[str | None]
    email: Mapped[str | None]
    phone: Mapped[ShortText | None]
    notes: Mapped[LongText | None]

    tags: Mapped[list[OrganisationTag]] = relationship(
        back_populates="organisation",
        cascade="all, delete-orphan",
        order_by="OrganisationTag.label",
    )
    contacts: Mapped[list[Contact]] = relationship(
        back_populates="organisation", order_by="Contact.name"
    )
    partnerships: Mapped[list[PartnershipPartner]] = relationship(
        back_populates="organisation", cascade="all, delete-orphan"
    )

    def tag_labels(self, category: TagCategory) -> list[str]:
        return [t.label for t in self.tags if t.category == category]

    @property
    def strengths(self) -> list[str]:
        return self.tag_labels(TagCategory.STRENGTH)

    @property
    def networks(self) -> list[str]:
        return self.tag_labels(TagCategory.NETWORK)

    def caption(self) -> str:
        # without the search text: that reads related records, one query each
        return self.name

    def search_document(self) -> tuple[str, str]:
        body = " ".join(
            filter(None, [self.kind, self.address, self.email, self.website, self.notes])
        )
        # in one order however the tags were loaded or added (the index is the same after a
        # restore from the trash)
        return self.name, body + " " + " ".join(sorted(t.label for t in self.tags))


class OrganisationTag(Record, Base):
    """One strength (expertise) or network/region of an organisation."""

    __tablename__ = "organisation_tags"
    __table_args__ = (UniqueConstraint("organisation_id", "category", "label"),)
    __entity__ = "organisation_tag"
    __history_root__ = "organisation"

    organisation_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    category: Mapped[ShortText]
    label: Mapped[ShortText] = mapped_column(index=True)

    organisation: Mapped[Organisation] = relationship(back_populates="tags")

    def caption(self) -> str:
        return f"{self.category}: {self.label}"


class Contact(Record, Base):
    """A person at an organisation; personal data under GDPR."""

    __tablename__ = "contacts"
    __entity__ = "contact"

    organisation_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("organisations.id", ondelete="SET NULL"), index=True
    )
    name: Mapped[Name] = mapped_column(index=True)
    role: Mapped[str | None]
    email: Mapped[str | None] = mapped_column(index=True)
    phone: Mapped[ShortText | None]
    language: Mapped[ShortText | None]
    consent_given_on: Mapped[date | None]
    consent_purpose: Mapped[LongText | None]
    notes: Mapped[LongText | None]
    #: Set when the person's data was erased on request (GDPR art. 17); final.
    erased_on: Mapped[date | None]

    organisation: Mapped[Organisation | None] = relationship(back_populates="contacts")

    def caption(self) -> str:
        # without the search text: that reads related records, one query each
        return self.name

    def search_document(self) -> tuple[str, str]:
        org = self.organisation.name if self.organisation else ""
        return self.name, " ".join(filter(None, [self.role, self.email, org, self.notes]))
