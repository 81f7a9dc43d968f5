"""Small builders of valid records, so each test states only what matters to it."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from workbook.domain.models import Record
from workbook.services import create


def organisation(session: Session, name: str = "Demokratiewerkstatt", **values: Any) -> Record:
    return create(session, "organisation", {"name": name, "kind": "ngo", **values})


def partnership(session: Session, title: str = "Demokratie macht Schule", **values: Any) -> Record:
    return create(session, "partnership", {"title": title, **values})


def decision(session: Session, title: str = "Jahresbudget", **values: Any) -> Record:
    values.setdefault("decided_on", "2026-03-01")
    values.setdefault("text", "Der Lenkungskreis beschließt das Budget.")
    return create(session, "decision", {"title": title, **values})


def conflict(session: Session, title: str = "Logo-Streit", **values: Any) -> Record:
    values.setdefault("raised_on", "2026-02-01")
    return create(session, "conflict", {"title": title, **values})
