"""The life of a partnership agreement: versions, amendments, renewals, signed scans, timeline.

The agreement as first recorded becomes version 1 when it is first amended. Each amendment
(a renewal is one that extends the end date) applies its changes through the partnership's
own validation, records what changed field by field and why, and keeps the whole agreement
as it then stood, so every version stays readable and printable.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from workbook.domain import clock
from workbook.domain.errors import KnownError, NotFound, ValidationError
from workbook.domain.models import AgreementVersion, Partnership
from workbook.services import records

#: A scan is a PDF or an image, and not more than this.
MAX_ATTACHMENT = 25 * 1024 * 1024
SCAN_TYPES = {b"%PDF": "application/pdf", b"\x89PNG": "image/png", b"\xff\xd8\xff": "image/jpeg"}
_FIELDS = (
    "title",
    "purpose",
    "status",
    "start_date",
    "end_date",
    "signed_on",
    "review_cadence",
    "language",
    "purpose_translation",
)
_LABELS = {
    "title": "Title",
    "purpose": "Purpose",
    "status": "Status",
    "start_date": "Start",
    "end_date": "End",
    "signed_on": "Signed on",
    "review_cadence": "Review cadence",
    "language": "Language",
    "purpose_translation": "Purpose (translation)",
}


class NothingChanged(KnownError):
    code = "nothing_changed"
    template = "The amendment changes nothing in the agreement."


class BadAttachment(KnownError):
    code = "bad_attachment"
    template = "{file} cannot be attached: {reason}"


@dataclass(frozen=True)
class Party:
    organisation: str
    role: str | None = None
    responsibilities: str | None = None
    role_translation: str | None = None
    responsibilities_translation: str | None = None


@dataclass(frozen=True)
class Term:
    heading: str
    text: str
    heading_translation: str | None = None
    text_translation: str | None = None


@dataclass(frozen=True)
class SharedGoal:
    title: str
    indicator: str | None = None
    baseline: float | None = None
    target: float | None = None
    unit: str | None = None
    due_date: date | None = None
    title_translation: str | None = None
    indicator_translation: str | None = None
    unit_translation: str | None = None


@dataclass(frozen=True)
class Signer:
    name: str
    role: str | None = None
    organisation: str | None = None
    place: str | None = None
    signed_on: date | None = None
    role_translation: str | None = None


@dataclass(frozen=True)
class HistoryLine:
    number: int
    kind: str
    made_on: date
    summary: str | None
    reason: str | None
    has_scan: bool


@dataclass(frozen=True)
class Agreement:
    """The agreement as printed: the current one, or an earlier version."""

    title: str
    purpose: str | None
    status: str
    start_date: date | None
    end_date: date | None
    signed_on: date | None
    review_cadence: str | None
    partners: list[Party] = field(default_factory=list)
    terms: list[Term] = field(default_factory=list)
    goals: list[SharedGoal] = field(default_factory=list)
    signatories: list[Signer] = field(default_factory=list)
    version: int = 1
    history: list[HistoryLine] = field(default_factory=list)
    language: str | None = None
    purpose_translation: str | None = None


def _day(value: Any) -> str | None:
    return value.isoformat() if isinstance(value, date) else value


def snapshot(p: Partnership) -> dict[str, Any]:
    """The whole agreement as plain JSON values."""
    return {
        **{name: _day(getattr(p, name)) for name in _FIELDS},
        "partners": [
            {
                "organisation": x.organisation.name,
                "role": x.role,
                "responsibilities": x.responsibilities,
                "role_translation": x.role_translation,
                "responsibilities_translation": x.responsibilities_translation,
            }
            for x in p.partners
        ],
        "terms": [
            {
                "heading": t.heading,
                "text": t.text,
                "heading_translation": t.heading_translation,
                "text_translation": t.text_translation,
            }
            for t in p.terms
        ],
        "goals": [
            {
                "title": g.title,
                "indicator": g.indicator,
                "baseline": g.baseline,
                "target": g.target,
                "unit": g.unit,
                "due_date": _day(g.due_date),
                "title_translation": g.title_translation,
                "indicator_translation": g.indicator_translation,
                "unit_translation": g.unit_translation,
            }
            for g in p.goals
        ],
        "signatories": [
            {
                "name": s.name,
                "role": s.role,
                "organisation": s.organisation.name if s.organisation else None,
                "place": s.place,
                "signed_on": _day(s.signed_on),
                "role_translation": s.role_translation,
            }
            for s in p.signatories
        ],
    }


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _view(data: dict[str, Any], version: int, history: list[HistoryLine]) -> Agreement:
    return Agreement(
        title=data["title"],
        purpose=data.get("purpose"),
        status=data.get("status") or "draft",
        start_date=_date(data.get("start_date")),
        end_date=_date(data.get("end_date")),
        signed_on=_date(data.get("signed_on")),
        review_cadence=data.get("review_cadence"),
        partners=[Party(**x) for x in data.get("partners", [])],
        terms=[Term(**t) for t in data.get("terms", [])],
        goals=[
            SharedGoal(**{**g, "due_date": _date(g.get("due_date"))}) for g in data.get("goals", [])
        ],
        signatories=[
            Signer(**{**s, "signed_on": _date(s.get("signed_on"))})
            for s in data.get("signatories", [])
        ],
        version=version,
        history=history,
        language=data.get("language"),
        purpose_translation=data.get("purpose_translation"),
    )


def _partnership(session: Session, ident: uuid.UUID | str) -> Partnership:
    p = records.get(session, "partnership", ident)
    assert isinstance(p, Partnership)
    return p


def versions(session: Session, ident: uuid.UUID | str) -> list[AgreementVersion]:
    return list(_partnership(session, ident).versions)


def _history(all_versions: list[AgreementVersion], upto: int) -> list[HistoryLine]:
    return [
        HistoryLine(v.number, v.kind, v.made_on, v.summary, v.reason, bool(v.attachment_name))
        for v in all_versions
        if v.number <= upto
    ]


def agreement(session: Session, ident: uuid.UUID | str, version: int | None = None) -> Agreement:
    """The agreement as it stands, or as it stood in ``version``."""
    p = _partnership(session, ident)
    known = list(p.versions)
    latest = known[-1].number if known else 1
    if version is None or (version == latest and not known):
        return _view(snapshot(p), latest, _history(known, latest))
    chosen = next((v for v in known if v.number == version), None)
    if chosen is None:
        raise NotFound(entity="agreement version", ident=str(version))
    return _view(json.loads(chosen.snapshot), version, _history(known, version))


def current_version(session: Session, ident: uuid.UUID | str) -> AgreementVersion:
    """The latest version (version 1, the agreement as recorded, if it was never amended)."""
    p = _partnership(session, ident)
    _original(session, p)
    return p.versions[-1]


def _original(session: Session, p: Partnership) -> None:
    if p.versions:
        return
    made_on = p.signed_on or p.start_date or p.created_at.date()
    p.versions.append(
        AgreementVersion(
            number=1,
            kind="original",
            made_on=made_on,
            snapshot=json.dumps(snapshot(p), ensure_ascii=False),
            version=1,
        )
    )
    session.flush()


def _differences(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    lines = []
    for name in _FIELDS:
        if before.get(name) != after.get(name):
            lines.append(f"{_LABELS[name]}: {before.get(name) or '—'} → {after.get(name) or '—'}")
    old_partners = {x["organisation"]: x for x in before["partners"]}
    new_partners = {x["organisation"]: x for x in after["partners"]}
    lines += [f"Partner added: {name}" for name in new_partners.keys() - old_partners.keys()]
    lines += [f"Partner left: {name}" for name in old_partners.keys() - new_partners.keys()]
    lines += [
        f"Partner changed: {name}"
        for name in new_partners.keys() & old_partners.keys()
        if new_partners[name] != old_partners[name]
    ]
    old_terms = {t["heading"]: t for t in before["terms"]}
    new_terms = {t["heading"]: t for t in after["terms"]}
    lines += [f"Section added: {h}" for h in new_terms.keys() - old_terms.keys()]
    lines += [f"Section removed: {h}" for h in old_terms.keys() - new_terms.keys()]
    lines += [
        f"Section changed: {h}"
        for h in new_terms.keys() & old_terms.keys()
        if new_terms[h] != old_terms[h]
    ]
    if before["signatories"] != after["signatories"]:
        lines.append("Signatories changed")
    return sorted(lines, key=lambda line: (not line.startswith(tuple(_LABELS.values())), line))


def amend(
    session: Session,
    ident: uuid.UUID | str,
    changes: dict[str, Any],
    *,
    reason: str,
    made_on: date | None = None,
    kind: str = "amendment",
    expected_version: int | None = None,
) -> AgreementVersion:
    """Change the agreement as a new version that says what changed and why."""
    if not (reason or "").strip():
        raise ValidationError("agreement_version", "reason", reason, "required")
    p = _partnership(session, ident)
    _original(session, p)
    before = snapshot(p)
    records.update(session, "partnership", p.id, changes, expected_version=expected_version)
    session.refresh(p)
    after = snapshot(p)
    lines = _differences(before, after)
    if not lines:
        raise NothingChanged()
    new = AgreementVersion(
        number=p.versions[-1].number + 1,
        kind=kind,
        made_on=made_on or clock.today(),
        summary="\n".join(lines),
        reason=reason.strip(),
        snapshot=json.dumps(after, ensure_ascii=False),
        version=1,
    )
    p.versions.append(new)
    session.flush()
    return new


def renew(
    session: Session,
    ident: uuid.UUID | str,
    until: date,
    *,
    reason: str,
    made_on: date | None = None,
) -> AgreementVersion:
    """Extend the end date: an amendment of its own kind."""
    return amend(
        session, ident, {"end_date": until}, reason=reason, made_on=made_on, kind="renewal"
    )


def attach_scan(session: Session, version_id: uuid.UUID, path: str | Path) -> AgreementVersion:
    """Keep a signed scan (PDF, PNG or JPEG) with a version, inside the database."""
    file = Path(path)
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise BadAttachment(file=str(file), reason=exc.strerror or str(exc)) from exc
    kind = next((t for magic, t in SCAN_TYPES.items() if data.startswith(magic)), None)
    if kind is None:
        raise BadAttachment(file=file.name, reason="it is not a PDF, PNG or JPEG file")
    if len(data) > MAX_ATTACHMENT:
        raise BadAttachment(file=file.name, reason="it is larger than 25 MB")
    version = session.get(AgreementVersion, version_id)
    if version is None:
        raise NotFound(entity="agreement version", ident=str(version_id))
    version.attachment_name, version.attachment_type, version.attachment = file.name, kind, data
    session.flush()
    return version


def scan(session: Session, version_id: uuid.UUID) -> tuple[str, str, bytes]:
    """The attached scan: (file name, media type, content)."""
    row = session.execute(
        select(
            AgreementVersion.attachment_name,
            AgreementVersion.attachment_type,
            AgreementVersion.attachment,
        ).where(AgreementVersion.id == version_id)
    ).one_or_none()
    if row is None or row.attachment is None:
        raise NotFound(entity="scan", ident=str(version_id))
    return row.attachment_name, row.attachment_type, row.attachment


@dataclass(frozen=True, slots=True)
class Event:
    day: date
    kind: str  # drafted | signed | amended | renewed | ends | ended
    text: str


def timeline(session: Session, ident: uuid.UUID | str, *, today: date | None = None) -> list[Event]:
    """The partnership's life: drafted, signed, amended, renewed, ended."""
    today = today or clock.today()
    p = _partnership(session, ident)
    # Recorded today, perhaps, but drafted no later than it was signed or started.
    drafted = min(filter(None, [p.created_at.date(), p.signed_on, p.start_date]))
    events = [Event(drafted, "drafted", p.title)]
    if p.signed_on:
        events.append(Event(p.signed_on, "signed", ", ".join(s.name for s in p.signatories)))
    for v in p.versions:
        if v.kind in ("amendment", "renewal"):
            what = "renewed" if v.kind == "renewal" else "amended"
            events.append(Event(v.made_on, what, f"Version {v.number}: {v.reason or ''}"))
    if p.end_date:
        ended = p.end_date < today or p.status == "ended"
        events.append(Event(p.end_date, "ended" if ended else "ends", ""))
    return sorted(events, key=lambda e: e.day)
