"""One record on paper: a meeting's minutes, a decision, a conflict with its timeline, a
partner's sheet. Each is printed from the record's page or with ``workbook report KIND
--record ID``."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.orm import Session

from workbook.domain.models import Conflict, Decision, Meeting, Organisation
from workbook.domain.words import day, sort_key, tr, value_name
from workbook.reports.base import flowing_table, paragraph, styles, table_style, text
from workbook.reports.documents import conflict_block, facts, title_block
from workbook.services import get


def _record(session: Session, entity: str, record_id: uuid.UUID | str, model: type) -> Any:
    record = get(session, entity, record_id)
    assert isinstance(record, model)
    return record


def _section(story: list[Any], heading: str, value: str | None) -> None:
    if value:
        s = styles()
        story += [paragraph(text(heading), s["h2"]), paragraph(text(value), s["body"])]


def meeting(session: Session, record_id: uuid.UUID | str) -> tuple[str, list[Any]]:
    """The minutes: when and where, who attended, the agenda, the minutes, and the
    decisions the meeting took."""
    from reportlab.lib.units import mm

    m = _record(session, "meeting", record_id, Meeting)
    s = styles()
    where = tr("online") if m.online and not m.place else (m.place or "")
    if m.online and m.place:
        where += " · " + tr("online")
    story = title_block(session, tr("Minutes"), m.title)
    rows = [(tr("Date"), day(m.held_on))]
    if where:
        rows.append((tr("Place"), where))
    if m.partnership is not None:
        rows.append((tr("Partnership"), m.partnership.title))
    story.append(facts(rows))
    story.append(paragraph(tr("Attendees"), s["h2"]))
    attendees = sorted(m.attendees, key=lambda c: sort_key(c.name))
    if attendees:
        table = flowing_table(
            [
                [
                    paragraph(text(c.name), s["cell"]),
                    paragraph(text(c.role), s["cell"]),
                    paragraph(text(c.organisation.name if c.organisation else ""), s["cell"]),
                ]
                for c in attendees
            ],
            colWidths=[55 * mm, 45 * mm, 70 * mm],
        )
        table.setStyle(table_style(header=False))
        story.append(table)
    else:
        story.append(paragraph(text(tr("None.")), s["body"]))
    _section(story, tr("Agenda"), m.agenda)
    _section(story, tr("Proceedings"), m.minutes)
    story.append(paragraph(tr("Decisions taken"), s["h2"]))
    if m.decisions:
        table = flowing_table(
            [
                [paragraph(tr(h), s["head"]) for h in ("Number", "Decision", "Vote", "Status")],
                *[
                    [
                        paragraph(text(d.number), s["cell"]),
                        paragraph(f"<b>{text(d.title)}</b><br/>{text(d.text)}", s["cell"]),
                        paragraph(text(_vote(d)), s["cell"]),
                        paragraph(text(tr(d.status)), s["cell"]),
                    ]
                    for d in sorted(m.decisions, key=lambda d: d.number)
                ],
            ],
            colWidths=[27 * mm, 91 * mm, 26 * mm, 26 * mm],
            repeatRows=1,
        )
        table.setStyle(table_style())
        story.append(table)
    else:
        story.append(paragraph(text(tr("None.")), s["body"]))
    return tr("Minutes") + ": " + m.title, story


def decision(session: Session, record_id: uuid.UUID | str) -> tuple[str, list[Any]]:
    """One decision: what was decided, when, by whom, why, with what vote, superseding
    what."""
    d = _record(session, "decision", record_id, Decision)
    story = title_block(session, tr("Decision {number}", number=d.number), d.title)
    rows = [
        (tr("Decided on"), day(d.decided_on)),
        (tr("Status"), tr(d.status)),
        (tr("Vote"), _vote(d)),
    ]
    if d.decided_by:
        rows.append((tr("Decided by"), d.decided_by))
    if d.partnership is not None:
        rows.append((tr("Partnership"), d.partnership.title))
    if d.meeting is not None:
        rows.append((tr("Meeting"), f"{d.meeting.title} ({day(d.meeting.held_on)})"))
    if d.goal is not None:
        rows.append((tr("Goal"), d.goal.title))
    if d.supersedes is not None:
        rows.append((tr("Supersedes"), d.supersedes.caption()))
    if d.superseded_by:
        rows.append((tr("Superseded by"), ", ".join(x.caption() for x in d.superseded_by)))
    if d.review_on:
        rows.append((tr("Review on"), day(d.review_on)))
    story.append(facts(rows))
    _section(story, tr("Context"), d.context)
    _section(story, tr("Decision"), d.text)
    _section(story, tr("Rationale"), d.rationale)
    return tr("Decision {number}", number=d.number), story


def _vote(d: Decision) -> str:
    if d.consensus:
        return tr("consensus")
    if d.votes_for is None and d.votes_against is None and d.votes_abstain is None:
        return "—"
    return tr(
        "{yes} for, {no} against, {abstain} abstaining",
        yes=d.votes_for or 0,
        no=d.votes_against or 0,
        abstain=d.votes_abstain or 0,
    )


def conflict(session: Session, record_id: uuid.UUID | str) -> tuple[str, list[Any]]:
    """One conflict with its parties and its timeline through mediation to resolution."""
    c = _record(session, "conflict", record_id, Conflict)
    story = title_block(session, tr("Conflict"), c.title)
    story += conflict_block(c, on_its_own=True)
    return tr("Conflict") + ": " + c.title, story


def partner(session: Session, record_id: uuid.UUID | str) -> tuple[str, list[Any]]:
    """A partner's sheet: how to reach them, their strengths and networks, their people
    and the partnerships they are in."""
    from reportlab.lib.units import mm

    o = _record(session, "organisation", record_id, Organisation)
    s = styles()
    story = title_block(session, o.name, value_name(o.kind))  # "NGO": one, not a group
    rows = [
        (label, value)
        for label, value in (
            (tr("E-mail"), o.email),
            (tr("Phone"), o.phone),
            (tr("Website"), o.website),
            (tr("Address"), o.address),
            (tr("Strengths"), ", ".join(o.strengths)),
            (tr("Networks"), ", ".join(o.networks)),
        )
        if value
    ]
    if rows:
        story.append(facts(rows))
    story.append(paragraph(tr("Contacts"), s["h2"]))
    people = sorted((c for c in o.contacts if not c.erased_on), key=lambda c: sort_key(c.name))
    if people:
        table = flowing_table(
            [
                [paragraph(tr(h), s["head"]) for h in ("Name", "Role", "E-mail", "Phone")],
                *[
                    [paragraph(text(getattr(c, f)), s["cell"]) for f in
                     ("name", "role", "email", "phone")]
                    for c in people
                ],
            ],
            colWidths=[45 * mm, 40 * mm, 55 * mm, 30 * mm],
            repeatRows=1,
        )  # fmt: skip
        table.setStyle(table_style())
        story.append(table)
    else:
        story.append(paragraph(text(tr("None.")), s["body"]))
    story.append(paragraph(tr("Partnerships"), s["h2"]))
    memberships = sorted(o.partnerships, key=lambda x: sort_key(x.partnership.title))
    if memberships:
        table = flowing_table(
            [
                [paragraph(tr(h), s["head"]) for h in ("Partnership", "Role", "Status")],
                *[
                    [
                        paragraph(text(x.partnership.title), s["cell"]),
                        paragraph(text(x.role), s["cell"]),
                        paragraph(text(tr(x.partnership.status)), s["cell"]),
                    ]
                    for x in memberships
                ],
            ],
            colWidths=[90 * mm, 45 * mm, 35 * mm],
            repeatRows=1,
        )
        table.setStyle(table_style())
        story.append(table)
    else:
        story.append(paragraph(text(tr("None.")), s["body"]))
    _section(story, tr("Notes"), o.notes)
    return o.name, story
