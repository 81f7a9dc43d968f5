"""The story of one record as a page: who is involved, what happened, what it led to."""

from __future__ import annotations

import uuid
from html import escape
from typing import Any

from sqlalchemy.orm import Session, selectinload

from ui.formatting import display
from ui.i18n import _t
from ui.labels import entity_title, field_label, value_label
from workbook import services
from workbook.domain.models import (
    Conflict,
    ConflictParty,
    Contact,
    Decision,
    Goal,
    Meeting,
    Organisation,
    Partnership,
    PartnershipPartner,
)
from workbook.services import agreements
from workbook.services.decisions import supersede_chain
from workbook.services.profile import get_profile
from workbook.store.db import Database
from workbook.store.history import history_of

STYLE = """
<style>
 h1 { font-size: 17pt; margin: 0 0 4px 0; } h2 { font-size: 12pt; margin: 14px 0 4px 0;
 color: #2b4a6f; } .muted { color: #666; } table { border-collapse: collapse; }
 td, th { padding: 3px 8px 3px 0; vertical-align: top; } th { text-align: left; color: #444; }
 .badge { background: #e8eef6; color: #2b4a6f; padding: 1px 6px; }
</style>
"""


def link(record: Any, text: str | None = None) -> str:
    label = escape(text if text is not None else record.caption())
    return f'<a href="record:{record.__entity__}/{record.id}">{label}</a>'


def _shown(value: Any) -> str:
    """A value as the page shows it: text line by line as typed (addresses, agendas)."""
    return value if isinstance(value, str) else display(value)


def _text(value: Any) -> str:
    return escape(_shown(value)).replace("\n", "<br>") if value not in (None, "") else ""


def _fields(record: Any, names: list[str]) -> str:
    rows = []
    for name in names:
        value = getattr(record, name)
        shown = (
            value_label(value)
            if name in ("status", "kind", "language", "review_cadence")
            else _shown(value)
        )
        if shown:
            rows.append(
                f"<tr><th>{escape(field_label(name))}</th>"
                f"<td>{escape(str(shown)).replace(chr(10), '<br>')}</td></tr>"
            )
    return f"<table>{''.join(rows)}</table>" if rows else ""


def _section(title: str, items: list[str], empty: str = "") -> str:
    if not items and not empty:
        return ""
    body = "".join(f"<li>{i}</li>" for i in items) if items else f"<p class=muted>{empty}</p>"
    return f"<h2>{escape(title)}</h2>" + (f"<ul>{body}</ul>" if items else body)


def progress_bar(ratio: float | None) -> str:
    """A bar of blocks that rich text renders everywhere (cell heights it does not)."""
    if ratio is None:
        return "<span class=muted>—</span>"
    filled = round(ratio * 20)
    return (
        f'<span style="color:#3b7d4f">{"█" * filled}</span>'
        f'<span style="color:#d5ddd5">{"█" * (20 - filled)}</span>'
        f"&nbsp;{int(ratio * 100)}&nbsp;%"
    )


def _organisation(org: Organisation, session: Session) -> str:
    strengths = "".join(f"<span class=badge>{escape(s)}</span> " for s in org.strengths)
    parts = [_fields(org, ["kind", "status", "email", "phone", "website", "address", "notes"])]
    if strengths:
        parts.append("<h2>" + _t("Strengths") + f"</h2><p>{strengths}</p>")
    if org.networks:
        parts.append("<p><b>" + _t("Networks") + f":</b> {escape(', '.join(org.networks))}</p>")
    parts.append(
        _section(
            _t("Contacts"),
            [
                link(c) + (f" <span class=muted>{escape(c.role)}</span>" if c.role else "")
                for c in org.contacts
            ],
            _t("No contacts yet."),
        )
    )
    parts.append(
        _section(
            _t("Partnerships"),
            [
                link(p.partnership) + (f" — {escape(p.role)}" if p.role else "")
                for p in org.partnerships
            ],
            _t("Not part of a partnership yet."),
        )
    )
    return "".join(parts)


def _partnership(p: Partnership, session: Session) -> str:
    parts = [
        _fields(p, ["status", "purpose", "start_date", "end_date", "signed_on", "review_cadence"])
    ]
    parts.append(
        _section(
            _t("Partners and roles"),
            [
                link(x.organisation)
                + (f" — <b>{escape(x.role)}</b>" if x.role else "")
                + (
                    f"<br><span class=muted>{_text(x.responsibilities)}</span>"
                    if x.responsibilities
                    else ""
                )
                for x in p.partners
            ],
            _t("No partners yet."),
        )
    )
    goal_rows = "".join(
        f"<tr><td>{link(g)}</td><td>{progress_bar(g.progress_ratio)}</td>"
        f"<td class=muted>{escape(value_label(g.status))}</td></tr>"
        for g in p.goals
    )
    if goal_rows:
        parts.append("<h2>" + _t("Goals") + f"</h2><table>{goal_rows}</table>")
    related = {
        entity: services.list_rows(session, entity, filters={"partnership": p.id}, limit=50)
        for entity in ("decision", "conflict", "meeting", "evaluation")
    }
    for entity, rows in related.items():
        items = [
            f'<a href="record:{entity}/{r.id}">'
            + escape(" · ".join(display(c) for c in r.cells[:3] if c is not None))
            + "</a>"
            for r in rows
        ]
        parts.append(_section(entity_title(entity, plural=True), items))

    from workbook.services import clauses  # with the reports' words: not needed at start-up

    live = clauses.values(  # a section's placeholders, filled as the printed agreement fills them
        partnership=p.title,
        partners=[x.organisation.name for x in p.partners],
        start=p.start_date,
        end=p.end_date,
        association=get_profile(session).name or "",
        day=lambda value: display(value) if value else "",
    )
    parts.append(
        _section(
            _t("Terms"),
            [
                f"<b>{t.position}. {escape(clauses.fill(t.heading, live))}</b><br>"
                + _text(clauses.fill(t.text, live))
                for t in p.terms
            ],
        )
    )
    happened = {
        "drafted": _t("drafted"),
        "signed": _t("signed"),
        "amended": _t("amended"),
        "renewed": _t("renewed"),
        "ends": _t("ends"),
        "ended": _t("ended"),
    }
    parts.append(
        _section(
            _t("Timeline"),
            [
                f"{escape(display(e.day))} — <b>{escape(happened[e.kind])}</b> {escape(e.text)}"
                for e in agreements.timeline(session, p.id)
            ],
        )
    )
    versions = []
    for v in p.versions:
        label = _t("Version {n}").format(n=v.number)
        line = f"<b>{escape(label)}</b> ({escape(display(v.made_on))})"
        if v.reason:
            line += f": {escape(v.reason)}"
        if v.summary:
            line += "<br><span class=muted>" + _text(v.summary) + "</span>"
        if v.attachment_name:
            line += f' <a href="record:scan/{v.id}">{escape(v.attachment_name)}</a>'
        versions.append(line)
    if versions:
        parts.append(_section(_t("Versions of the agreement"), versions))
    return "".join(parts)


def _goal(g: Goal, session: Session) -> str:
    parts = [
        f"<p>{progress_bar(g.progress_ratio)}</p>",
        _fields(
            g, ["status", "description", "indicator", "baseline", "target", "unit", "due_date"]
        ),
    ]
    if g.partnership:
        parts.append("<p>" + _t("Partnership") + f": {link(g.partnership)}</p>")
    parts.append(
        _section(
            _t("Progress"),
            [
                f"{escape(display(u.recorded_on))}: <b>{escape(display(u.value))}</b> "
                f"{escape(g.unit or '')} {_text(u.note)}"
                for u in reversed(g.progress)
            ],
            _t("No progress recorded yet."),
        )
    )
    return "".join(parts)


def _decision(d: Decision, session: Session) -> str:
    vote = (
        _t("By consensus")
        if d.consensus
        else (
            _t("For {f}, against {a}, abstentions {x}").format(
                f=d.votes_for or 0, a=d.votes_against or 0, x=d.votes_abstain or 0
            )
            if d.votes_for is not None or d.votes_against is not None
            else ""
        )
    )
    parts = [
        _fields(
            d, ["status", "decided_on", "decided_by", "text", "context", "rationale", "review_on"]
        )
    ]
    if vote:
        parts.append("<p><b>" + _t("Vote") + f":</b> {escape(vote)}</p>")
    links = [
        f"{escape(entity_title(n))}: {link(getattr(d, n))}"
        for n in ("partnership", "goal", "meeting")
        if getattr(d, n) is not None
    ]
    parts.append(_section(_t("Linked to"), links))
    chain = supersede_chain(d)
    newer = [link(x) for x in d.superseded_by]
    parts.append(_section(_t("Superseded by"), newer))
    parts.append(_section(_t("Supersedes (newest first)"), [link(x) for x in chain]))
    parts.append(_history(session, d.id))
    return "".join(parts)


def _conflict(c: Conflict, session: Session) -> str:
    parts = [
        _fields(c, ["status", "raised_on", "description", "mediator", "resolution", "resolved_on"])
    ]
    parts.append(
        _section(
            _t("Parties"),
            [link(p.organisation or p.contact) for p in c.parties if (p.organisation or p.contact)],
        )
    )
    timeline = "".join(
        f"<tr><td><b>{escape(display(s.taken_on))}</b></td><td>{_text(s.description)}</td></tr>"
        for s in c.steps
    )
    parts.append(
        "<h2>"
        + _t("Timeline")
        + "</h2>"
        + (
            f"<table>{timeline}</table>"
            if timeline
            else "<p class=muted>" + _t("No steps yet.") + "</p>"
        )
    )
    parts.append(_section(_t("Settled by"), [link(d) for d in c.settled_by]))
    parts.append(_history(session, c.id))
    return "".join(parts)


def _meeting(m: Meeting, session: Session) -> str:
    parts = [_fields(m, ["held_on", "place", "online", "agenda", "minutes"])]
    parts.append(_section(_t("Attendees"), [link(a) for a in m.attendees]))
    parts.append(_section(_t("Decisions"), [link(d) for d in m.decisions]))
    return "".join(parts)


def _contact(c: Contact, session: Session) -> str:
    parts = [
        _fields(
            c,
            ["role", "email", "phone", "language", "consent_given_on", "consent_purpose", "notes"],
        )
    ]
    if c.organisation:
        parts.append("<p>" + _t("Organisation") + f": {link(c.organisation)}</p>")
    return "".join(parts)


def _generic(record: Any, session: Session) -> str:
    names = [
        f.name
        for f in services.spec_for(record.__entity__).fields
        if hasattr(record, f.name) and not f.name.endswith("_id")
    ]
    return _fields(record, names)


def _history(session: Session, record_id: uuid.UUID) -> str:
    actions = {
        "create": _t("added"),
        "update": _t("changed"),
        "delete": _t("removed"),
        "restore": _t("restored from the trash"),
        "erase": _t("personal data erased"),
    }
    rows = []
    for e in reversed(history_of(session, record_id)[-15:]):
        what = field_label(e.field) if e.field else entity_title(e.subject or "")
        if e.action == "update":
            change = f"{escape(e.old_value or '—')} → {escape(e.new_value or '—')}"
        else:
            change = escape(e.new_value or e.old_value or "")
        rows.append(
            f"<tr><td class=muted>{escape(display(e.changed_at))}</td>"
            f"<td>{escape(e.changed_by)}</td><td>{escape(actions[e.action])} "
            f"{escape(what)}</td><td>{change}</td></tr>"
        )
    heading = _t("Change history")
    return f"<h2>{heading}</h2><table>{''.join(rows)}</table>" if rows else ""


BUILDERS = {
    "organisation": _organisation,
    "partnership": _partnership,
    "goal": _goal,
    "decision": _decision,
    "conflict": _conflict,
    "meeting": _meeting,
    "contact": _contact,
}


EAGER: dict[str, list[Any]] = {
    "organisation": [
        selectinload(Organisation.tags),
        selectinload(Organisation.contacts),
        selectinload(Organisation.partnerships).selectinload(PartnershipPartner.partnership),
    ],
    "conflict": [
        selectinload(Conflict.parties).selectinload(ConflictParty.organisation),
        selectinload(Conflict.parties).selectinload(ConflictParty.contact),
        selectinload(Conflict.steps),
        selectinload(Conflict.settled_by),
    ],
    "meeting": [selectinload(Meeting.attendees), selectinload(Meeting.decisions)],
    "goal": [selectinload(Goal.partnership), selectinload(Goal.progress)],
    "decision": [selectinload(Decision.superseded_by)],
    "partnership": [
        selectinload(Partnership.partners).selectinload(PartnershipPartner.organisation),
        selectinload(Partnership.goals).selectinload(Goal.progress),
        selectinload(Partnership.terms),
        selectinload(Partnership.signatories),
        selectinload(Partnership.versions),
    ],
}


def record_page(db: Database, entity: str, record_id: uuid.UUID) -> str:
    """The HTML page that tells a record's story, read in a unit of its own."""
    with db.reading() as session:
        return story(session, entity, record_id)


def story(session: Session, entity: str, record_id: uuid.UUID) -> str:
    """The HTML page that tells a record's story (on the database worker: ``ui.operations``)."""
    record = services.get(session, entity, record_id)
    options = EAGER.get(entity)
    if options:  # what the page shows, loaded at once rather than row by row
        record = session.get(type(record), record.id, options=options, populate_existing=True)
    body = BUILDERS.get(entity, _generic)(record, session)
    title = record.caption()
    kind = escape(entity_title(entity))
    return f"{STYLE}<p class=muted>{kind}</p><h1>{escape(title)}</h1>{body}"
