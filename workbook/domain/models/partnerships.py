"""Partnerships: the agreement, its parties with roles, terms and signatories."""

from __future__ import annotations

import uuid
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workbook.domain.models.base import Base, LongText, Name, Record, ShortText

if TYPE_CHECKING:
    from workbook.domain.models.goals import Evaluation, Goal
    from workbook.domain.models.lifecycle import AgreementVersion
    from workbook.domain.models.organisations import Organisation


class Partnership(Record, Base):
    __tablename__ = "partnerships"
    __entity__ = "partnership"

    title: Mapped[Name] = mapped_column(index=True)
    purpose: Mapped[LongText | None]
    #: the language its texts are written in ("de", "en"; none said: the language it is
    #: printed in); each text may hold a translation into the other language beside it
    language: Mapped[ShortText | None]
    purpose_translation: Mapped[LongText | None]
    status: Mapped[ShortText] = mapped_column(default="draft", index=True)
    start_date: Mapped[date | None]
    end_date: Mapped[date | None]
    signed_on: Mapped[date | None]
    review_cadence: Mapped[ShortText | None]

    partners: Mapped[list[PartnershipPartner]] = relationship(
        back_populates="partnership", cascade="all, delete-orphan"
    )
    terms: Mapped[list[AgreementTerm]] = relationship(
        back_populates="partnership",
        cascade="all, delete-orphan",
        order_by="AgreementTerm.position",
    )
    signatories: Mapped[list[Signatory]] = relationship(
        back_populates="partnership", cascade="all, delete-orphan", order_by="Signatory.name"
    )
    goals: Mapped[list[Goal]] = relationship(back_populates="partnership", order_by="Goal.title")
    # deleted with the partnership, as the schema's ON DELETE CASCADE says (and so kept in
    # the trash with it); nulling them instead left them behind and blocked the restore
    evaluations: Mapped[list[Evaluation]] = relationship(
        back_populates="partnership",
        cascade="all",
        passive_deletes=True,
        order_by="Evaluation.held_on",
    )
    versions: Mapped[list[AgreementVersion]] = relationship(
        back_populates="partnership",
        cascade="all, delete-orphan",
        order_by="AgreementVersion.number",
    )

    def caption(self) -> str:
        # without the search text: that reads related records, one query each
        return self.title

    def search_document(self) -> tuple[str, str]:
        parts = [self.purpose or "", self.status]
        parts += sorted(p.organisation.name for p in self.partners if p.organisation)
        parts += sorted(f"{p.role or ''} {p.responsibilities or ''}" for p in self.partners)
        parts += [f"{t.heading} {t.text or ''}" for t in self.terms]
        return self.title, " ".join(parts)


class PartnershipPartner(Record, Base):
    """An organisation's part in a partnership: its role and responsibilities."""

    __tablename__ = "partnership_partners"
    __table_args__ = (UniqueConstraint("partnership_id", "organisation_id"),)
    __entity__ = "partnership_partner"
    __history_root__ = "partnership"

    partnership_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("partnerships.id", ondelete="CASCADE"), index=True
    )
    organisation_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[str | None]
    responsibilities: Mapped[LongText | None]
    role_translation: Mapped[str | None]
    responsibilities_translation: Mapped[LongText | None]

    partnership: Mapped[Partnership] = relationship(back_populates="partners")
    organisation: Mapped[Organisation] = relationship(back_populates="partnerships")

    def caption(self) -> str:
        name = self.organisation.name if self.organisation is not None else ""
        return f"{name} ({self.role})" if self.role else name


class AgreementTerm(Record, Base):
    """One numbered section of the agreement text."""

    __tablename__ = "agreement_terms"
    __entity__ = "agreement_term"
    __history_root__ = "partnership"

    partnership_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("partnerships.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int]
    heading: Mapped[Name]
    text: Mapped[LongText]
    heading_translation: Mapped[Name | None]
    text_translation: Mapped[LongText | None]

    partnership: Mapped[Partnership] = relationship(back_populates="terms")

    def caption(self) -> str:
        return f"{self.position}. {self.heading}"


class Signatory(Record, Base):
    __tablename__ = "signatories"
    __entity__ = "signatory"
    __history_root__ = "partnership"

    partnership_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("partnerships.id", ondelete="CASCADE"), index=True
    )
    organisation_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("organisations.id", ondelete="SET NULL")
    )
    name: Mapped[Name]
    role: Mapped[str | None]
    #: the function in the agreement's other language
    role_translation: Mapped[str | None]
    place: Mapped[str | None]
    signed_on: Mapped[date | None]

    partnership: Mapped[Partnership] = relationship(back_populates="signatories")
    organisation: Mapped[Organisation | None] = relationship()

    def caption(self) -> str:
        return f"{self.name}, {self.role}" if self.role else self.name
