"""The reports: partnership agreement, decisions log, conflicts log, goals and impact,
partner directory. Each gathers its records in one session and returns a story to lay out."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from workbook.domain import clock, words
from workbook.domain.errors import KnownError
from workbook.domain.models import Conflict, Decision, Goal, Organisation, Partnership
from workbook.domain.words import day, join, sort_key, tr
from workbook.domain.words import number as format_number
from workbook.reports import base
from workbook.reports.base import (
    ACCENT,
    BOLD,
    FONT,
    chunked_table,
    flowing_table,
    lines,
    paragraph,
    shortened,
    styles,
    table_style,
    text,
)
from workbook.services import clauses, get
from workbook.services.agreements import Signer, Term
from workbook.services.agreements import agreement as agreement_of
from workbook.services.profile import get_profile

LABELS = {
    "ngo": "NGOs",
    "school": "Schools",
    "media": "Media",
    "public_institution": "Public institutions",
    "foundation": "Foundations",
    "company": "Companies",
    "other": "Other",
}
CADENCE = {
    "monthly": "monthly",
    "quarterly": "every three months",
    "half_yearly": "every six months",
    "yearly": "once a year",
}


def _d(value: date | None) -> str:
    return day(value)


def title_block(session: Session, title: str, subtitle: str) -> list[Any]:
    from reportlab.platypus import Spacer

    s = styles()
    profile = get_profile(session)
    story: list[Any] = []
    logo = Path(profile.logo).expanduser() if profile.logo else None
    if logo is not None and logo.is_file():
        from reportlab.lib.units import mm
        from reportlab.platypus import Image

        try:
            image = Image(str(logo), width=40 * mm, height=18 * mm, kind="proportional")
            image.hAlign = "LEFT"
            story += [image, Spacer(1, 6)]
        except OSError:  # not an image reportlab can read: the report goes on without it
            pass
    if profile.name:
        story.append(paragraph(text(profile.name), s["muted"]))
        if profile.address:
            story.append(paragraph(text(profile.address.replace("\n", ", ")), s["muted"]))
        story.append(Spacer(1, 10))
    story += [paragraph(text(title), s["title"]), paragraph(text(subtitle), s["subtitle"])]
    return story


def owner(session: Session) -> str:
    return get_profile(session).name or "Alliance Workbook"


# -- partnership agreement -------------------------------------------------------------------


class MissingTranslation(KnownError):
    """An agreement asked for in a language it has not (all) been translated into."""

    code = "missing_translation"
    template = (
        "The agreement has no text in {language} yet for: {missing}. Add it in the form, or "
        "print it in the language it is written in."
    )

    def __init__(self, language: str, parts: list[tuple[str, str]]) -> None:
        names = {"de": "German", "en": "English"}
        words_of = {
            "purpose": "the purpose",
            "role": "the role of {name}",
            "responsibilities": "the responsibilities of {name}",
            "section": "section “{name}”",
            "goal": "the goal “{name}”",
            "signatory": "the function of {name}",
        }
        missing = ", ".join(words_of[kind].format(name=name) for kind, name in parts)
        super().__init__(language=names.get(language, language), missing=missing)
        self.params.update(code=language, parts=parts)


def in_language(p: Any, language: str) -> Any:
    """The agreement with the texts of its translation, or MissingTranslation naming what
    has none: never a document half in one language and half in the other."""
    from dataclasses import replace

    parts: list[tuple[str, str]] = []
    if p.purpose and not p.purpose_translation:
        parts.append(("purpose", ""))
    for x in p.partners:
        if x.role and not x.role_translation:
            parts.append(("role", x.organisation))
        if x.responsibilities and not x.responsibilities_translation:
            parts.append(("responsibilities", x.organisation))
    parts += [
        ("section", t.heading)
        for t in p.terms
        if not (t.heading_translation and t.text_translation)
    ]
    parts += [
        ("goal", g.title)
        for g in p.goals
        if not g.title_translation
        or (g.indicator and not g.indicator_translation)
        or (g.unit and not g.unit_translation)
    ]
    parts += [("signatory", x.name) for x in p.signatories if x.role and not x.role_translation]
    if parts:
        raise MissingTranslation(language, parts)
    return replace(
        p,
        purpose=p.purpose_translation,
        partners=[
            replace(x, role=x.role_translation, responsibilities=x.responsibilities_translation)
            for x in p.partners
        ],
        terms=[Term(t.heading_translation or "", t.text_translation or "") for t in p.terms],
        goals=[
            replace(
                g,
                title=g.title_translation,
                indicator=g.indicator_translation,
                unit=g.unit_translation,
            )
            for g in p.goals
        ],
        signatories=[replace(x, role=x.role_translation) for x in p.signatories],
    )


def agreement(
    session: Session,
    partnership_id: uuid.UUID | str,
    version: int | None = None,
    *,
    first: str | None = None,
) -> tuple[str, list[Any]]:
    """The agreement ready to sign, as it stands or as it stood in an earlier version, in
    the report's language: its own texts in the language they are written in (said by the
    agreement, else ``first``, the first language printed), their translation in the other.
    """
    from reportlab.lib.units import mm
    from reportlab.platypus import CondPageBreak, KeepTogether, Spacer

    s = styles()
    p = agreement_of(session, partnership_id, version)
    if words.current() != (p.language or first or words.current()):
        p = in_language(p, words.current())
    live = clauses.values(
        partnership=p.title,
        partners=[x.organisation for x in p.partners],
        start=p.start_date,
        end=p.end_date,
        association=get_profile(session).name or "",
    )
    story = title_block(
        session,
        tr("Partnership agreement"),
        p.title + " · " + tr("Version {n}", n=p.version),
    )
    parties = join([x.organisation for x in p.partners])
    story.append(
        paragraph(tr("between {parties}", parties=text(parties)) if parties else "", s["body"])
    )
    story.append(Spacer(1, 8))
    number = 0

    def section(heading: str) -> None:
        nonlocal number
        number += 1
        story.append(CondPageBreak(40 * mm))  # no heading alone at the foot of a page
        story.append(paragraph(f"{number}. {text(heading)}", s["h1"]))

    section(tr("Parties"))
    rows = [
        [
            paragraph(text(x.organisation), s["cell"]),
            paragraph(text(x.role), s["cell"]),
            paragraph(text(x.responsibilities), s["cell"]),
        ]
        for x in p.partners
    ]
    table = flowing_table(
        [
            [
                paragraph(tr("Organisation"), s["head"]),
                paragraph(tr("Role"), s["head"]),
                paragraph(tr("Responsibilities"), s["head"]),
            ],
            *rows,
        ],
        colWidths=[55 * mm, 35 * mm, 80 * mm],
        repeatRows=1,
    )
    table.setStyle(table_style())
    story.append(table)
    if p.purpose:
        section(tr("Purpose"))
        story.append(paragraph(text(p.purpose), s["body"]))
    for term in p.terms:  # exactly the sections it holds, their placeholders filled here
        section(clauses.fill(term.heading, live))
        story.append(paragraph(text(clauses.fill(term.text, live)), s["body"]))
    if p.goals:
        section(tr("Shared goals"))
        rows = [
            [
                paragraph(text(g.title), s["cell"]),
                paragraph(text(g.indicator), s["cell"]),
                _num(g.baseline),
                _num(g.target),
                paragraph(text(g.unit), s["cell"]),
                _d(g.due_date),
            ]
            for g in p.goals
        ]
        goals = flowing_table(
            [
                [
                    paragraph(h, s["head"])
                    for h in map(tr, ("Goal", "Indicator", "Baseline", "Target", "Unit", "Due"))
                ],
                *rows,
            ],
            colWidths=[48 * mm, 38 * mm, 20 * mm, 18 * mm, 24 * mm, 22 * mm],
            repeatRows=1,
        )
        goals.setStyle(table_style())
        story.append(goals)
    section(tr("Duration and review"))
    duration = tr(
        "This agreement runs from {start} to {end}.", start=_d(p.start_date), end=_d(p.end_date)
    )
    if p.review_cadence:
        duration += tr(
            " The partners review it {cadence} and record each review as an evaluation.",
            cadence=tr(CADENCE.get(p.review_cadence, p.review_cadence)),
        )
    story.append(paragraph(text(duration), s["body"]))
    amendments = [h for h in p.history if h.number > 1]
    if amendments:
        section(tr("Amendment history"))
        rows = [
            [
                paragraph(tr("Version {n}", n=h.number), s["cell"]),
                _d(h.made_on),
                paragraph(
                    "<br/>".join(_change(line) for line in (h.summary or "").splitlines()),
                    s["cell"],
                ),
                paragraph(text(h.reason), s["cell"]),
            ]
            for h in amendments
        ]
        history = flowing_table(
            [
                [paragraph(tr(x), s["head"]) for x in ("Version", "Date", "What changed", "Why")],
                *rows,
            ],
            colWidths=[22 * mm, 22 * mm, 70 * mm, 56 * mm],
            repeatRows=1,
        )
        history.setStyle(table_style())
        story.append(history)
    section(tr("Signatures"))
    for person in signature_blocks(p.partners, p.signatories or []):
        story.append(KeepTogether(_signature_block(person, s)))  # never split across pages
    return p.title, story


def signature_blocks(parties: list[Any], signers: list[Any]) -> list[Any]:
    """One block for each signer, under their party; a party nobody signs for yet gets an
    empty block with its name, to be signed by hand. Parties in their order, then signers
    of no party."""

    blocks: list[Any] = []
    placed: set[int] = set()
    for party in parties:
        theirs = [n for n, x in enumerate(signers) if x.organisation == party.organisation]
        placed.update(theirs)
        blocks += [signers[n] for n in theirs] or [Signer(name="", organisation=party.organisation)]
    blocks += [x for n, x in enumerate(signers) if n not in placed]
    return blocks or [None]


def _change(line: str) -> str:
    """One line of an amendment's summary ("End: 2028-10-20 → 2029-10-20") in the report's
    language; the values are the agreement's own."""
    label, sep, rest = line.partition(": ")
    return text(tr(label) + sep + rest) if sep else text(tr(line))


def _signature_block(person: Any, s: dict[str, Any]) -> list[Any]:
    from reportlab.lib.units import mm
    from reportlab.platypus import Spacer, Table

    name = person.name if person else ""
    role = ", ".join(
        filter(None, [person.role if person else "", person.organisation if person else ""])
    )
    place = person.place if person and person.place else ""
    when = _d(person.signed_on) if person and person.signed_on else ""
    lines = Table(
        [
            [
                paragraph(
                    tr("Place, date:") + f" {text(place)}{', ' + when if when else ''}", s["cell"]
                ),
                "",
            ],
            ["", ""],
            [
                paragraph(
                    f"<b>{text(name)}</b><br/>{text(role)}"
                    if name
                    # to be filled in by hand: who signs, in which function, for the party
                    else f'<font color="#6b7280">{tr("Name, function:")}</font><br/>{text(role)}',
                    s["cell"],
                ),
                paragraph(tr("Signature"), s["muted"]),
            ],
        ],
        colWidths=base.widths([85 * mm, 85 * mm]),
        rowHeights=[None, 14 * mm, None],
    )
    lines.setStyle(
        [
            ("LINEBELOW", (1, 1), (1, 1), 0.6, "#1d1d1f"),
            ("LINEBELOW", (0, 0), (0, 0), 0.3, "#c9d2dc"),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ]
    )
    return [Spacer(1, 8), lines, Spacer(1, 6)]


def _num(value: float | None) -> str:
    return format_number(value)


# -- decisions log ---------------------------------------------------------------------------


def decisions_log(
    session: Session,
    *,
    partnership_id: uuid.UUID | str | None = None,
    start: date | None = None,
    end: date | None = None,
    status: str | None = None,
) -> tuple[str, list[Any]]:
    from reportlab.lib.units import mm

    s = styles()
    stmt = select(Decision).options(
        selectinload(Decision.superseded_by), selectinload(Decision.supersedes)
    )
    scope = []
    if partnership_id:
        partnership = get(session, "partnership", partnership_id)
        stmt = stmt.where(Decision.partnership_id == partnership.id)
        scope.append(partnership.caption())
    if start:
        stmt = stmt.where(Decision.decided_on >= start)
    if end:
        stmt = stmt.where(Decision.decided_on <= end)
    if start or end:
        scope.append(f"{_d(start)} – {_d(end)}")
    if status:
        stmt = stmt.where(Decision.status == status)
        scope.append(status)
    decisions = session.scalars(stmt.order_by(Decision.decided_on, Decision.number)).all()
    story = title_block(
        session, tr("Decisions log"), " · ".join(scope) if scope else tr("All decisions")
    )
    story.append(paragraph(tr("{n} decisions.", n=len(decisions)), s["muted"]))
    rows = []
    widths = [27 * mm, 91 * mm, 26 * mm, 26 * mm]  # "Abstimmung" fits on one line
    for d in decisions:
        body = f"<b>{text(d.title)}</b><br/>{text(d.text)}"
        if d.rationale:
            body += f"<br/><i>{tr('Rationale')}:</i> {text(d.rationale)}"
        links = []
        if d.supersedes is not None:
            links.append(tr("supersedes {number}", number=d.supersedes.number))
        links += [tr("superseded by {number}", number=x.number) for x in d.superseded_by]
        rows.append(
            [
                lines(f"{d.number}\n{_d(d.decided_on)}", widths[0], font=BOLD),
                paragraph(body, s["cell"]),
                lines(tr(d.vote_summary) if d.vote_summary else "—", widths[2]),
                lines("\n".join([tr(d.status), *links]), widths[3]),
            ]
        )
    header = [paragraph(tr(h), s["head"]) for h in ("Number", "Decision", "Vote", "Status")]
    story += chunked_table(rows, header, widths, style=[("FONTNAME", (0, 1), (0, -1), BOLD)])
    return tr("Decisions log"), story


# -- conflicts log ---------------------------------------------------------------------------


def conflicts_log(
    session: Session, *, partnership_id: uuid.UUID | str | None = None
) -> tuple[str, list[Any]]:
    from reportlab.lib.units import mm
    from reportlab.platypus import CondPageBreak

    s = styles()
    stmt = select(Conflict).options(
        selectinload(Conflict.steps),
        selectinload(Conflict.parties),
        selectinload(Conflict.settled_by),
    )
    if partnership_id:
        stmt = stmt.where(Conflict.partnership_id == get(session, "partnership", partnership_id).id)
    conflicts = session.scalars(stmt.order_by(Conflict.raised_on)).all()
    story = title_block(session, tr("Conflicts log"), tr("{n} conflicts", n=len(conflicts)))
    for c in conflicts:
        story.append(CondPageBreak(45 * mm))
        story.append(paragraph(text(c.title), s["h1"]))
        story += conflict_block(c)
    return tr("Conflicts log"), story


def conflict_block(c: Conflict, *, on_its_own: bool = False) -> list[Any]:
    """One conflict: its status, dates, parties and mediator, its description, the timeline
    of its steps, its resolution and the decisions that settled it; ``on_its_own`` (its
    own sheet, not a log's entry) with its partnership and the description's heading."""
    from reportlab.lib.units import mm

    s = styles()
    story: list[Any] = []
    meta = [
        *([(tr("Partnership"), c.partnership.title)] if on_its_own and c.partnership else []),
        (tr("Status"), tr(c.status.replace("_", " "))),
        (tr("Raised on"), _d(c.raised_on)),
        (tr("Parties"), ", ".join(p.caption() for p in c.parties) or "—"),
        (tr("Mediator"), c.mediator or "—"),
    ]
    if c.resolved_on:
        meta.append((tr("Resolved / closed on"), _d(c.resolved_on)))
    story.append(facts(meta))
    if c.description:
        if on_its_own:
            story.append(paragraph(tr("Description"), s["h2"]))
        story.append(paragraph(text(c.description), s["body"]))
    if c.steps:
        story.append(paragraph(tr("Timeline"), s["h2"]))
        steps = flowing_table(
            [
                [paragraph(_d(x.taken_on), s["cell"]), paragraph(text(x.description), s["cell"])]
                for x in c.steps
            ],
            colWidths=[25 * mm, 145 * mm],
        )
        steps.setStyle(table_style(header=False))
        story.append(steps)
    if c.resolution:
        story.append(paragraph(tr("Resolution"), s["h2"]))
        story.append(paragraph(text(c.resolution), s["body"]))
    if c.settled_by:
        story.append(
            paragraph(
                tr(
                    "Settled by {decisions}",
                    decisions=", ".join(text(d.caption()) for d in c.settled_by),
                ),
                s["muted"],
            )
        )
    return story


def facts(rows: list[tuple[str, str]], widths: tuple[float, float] = (40, 130)) -> Any:
    """A record's facts as a two-column table: what, and its value (line breaks kept);
    the columns ``widths`` millimetres wide."""
    from reportlab.lib.units import mm

    s = styles()
    table = flowing_table(
        [[paragraph(f"<b>{text(k)}</b>", s["cell"]), paragraph(text(v), s["cell"])]
         for k, v in rows],
        colWidths=[w * mm for w in widths],
    )  # fmt: skip
    table.setStyle(table_style(header=False))
    return table


# -- goals and impact ------------------------------------------------------------------------


def goals_report(
    session: Session, *, partnership_id: uuid.UUID | str | None = None
) -> tuple[str, list[Any]]:
    """Each partnership's goals, progress and evaluations; the period they cover and the
    totals first."""
    from reportlab.lib.units import mm
    from reportlab.platypus import CondPageBreak, Spacer

    s = styles()
    stmt = select(Partnership).options(
        selectinload(Partnership.goals).selectinload(Goal.progress),
        selectinload(Partnership.evaluations),
    )
    if partnership_id:
        stmt = stmt.where(Partnership.id == get(session, "partnership", partnership_id).id)
    partnerships = session.scalars(stmt.order_by(Partnership.title)).all()
    goals = [g for p in partnerships for g in p.goals]
    evaluations = [e for p in partnerships for e in p.evaluations]
    days = [u.recorded_on for g in goals for u in g.progress] + [e.held_on for e in evaluations]
    period = (
        tr("Period: {start} – {end}", start=_d(min(days)), end=_d(max(days)))
        if days
        else tr("No measurements or evaluations recorded yet.")
    )
    story = title_block(
        session,
        tr("Goals and impact"),
        tr("{n} partnerships", n=len(partnerships)) + " · " + period,
    )
    story.append(paragraph(tr("In total"), s["h1"]))
    story.append(facts(_totals(goals, evaluations), widths=(70, 100)))
    for p in partnerships:
        story.append(CondPageBreak(70 * mm))
        story.append(paragraph(text(p.title), s["h1"]))
        if p.goals:
            story.append(
                paragraph(
                    tr(
                        "{n} goals · average progress {progress} %",
                        n=len(p.goals),
                        progress=_average_progress(p.goals),
                    ),
                    s["muted"],
                )
            )
            rows = [
                [
                    paragraph(text(g.title), s["cell"]),
                    _num(g.baseline),
                    _num(g.target),
                    _num(g.current_value),
                    f"{int((g.progress_ratio or 0) * 100)} %",
                    paragraph(text(tr(g.status.replace("_", " "))), s["cell"]),
                ]
                for g in p.goals
            ]
            table = flowing_table(
                [
                    [
                        paragraph(h, s["head"])
                        for h in map(
                            tr, ("Goal", "Baseline", "Target", "Now", "Progress", "Status")
                        )
                    ],
                    *rows,
                ],
                colWidths=[64 * mm, 20 * mm, 18 * mm, 18 * mm, 22 * mm, 28 * mm],
                repeatRows=1,
            )
            table.setStyle(table_style())
            story += [table, Spacer(1, 8), progress_chart(p.goals)]  # the chart's title clear
        for e in p.evaluations:
            story.append(paragraph(f"{text(e.title)} ({_d(e.held_on)})", s["h2"]))
            if e.rating_overall or e.rating_cooperation:
                story.append(
                    paragraph(
                        tr(
                            "Rating: overall {overall} of 5, cooperation {cooperation} of 5",
                            overall=e.rating_overall or "—",
                            cooperation=e.rating_cooperation or "—",
                        ),
                        s["muted"],
                    )
                )
            for label, value in (
                (tr("Successes to celebrate"), e.successes),
                (tr("Lessons learned"), e.lessons),
                (tr("Next steps"), e.next_steps),
            ):
                if value:
                    story.append(paragraph(f"<b>{label}:</b> {text(value)}", s["body"]))
    return tr("Goals and impact"), story


def _average_progress(goals: list[Goal]) -> str:
    shares = [g.progress_ratio or 0 for g in goals]
    return format_number(round(100 * sum(shares) / len(shares))) if shares else "—"


def _totals(goals: list[Goal], evaluations: list[Any]) -> list[tuple[str, str]]:
    """What the report covers, in figures: goals by status, progress, evaluations, ratings."""
    from collections import Counter

    by_status = Counter(g.status for g in goals)
    statuses = ", ".join(
        f"{format_number(n)} {tr(status.replace('_', ' '))}"
        for status, n in sorted(by_status.items(), key=lambda x: -x[1])
    )

    def mean(values: list[int]) -> str:
        return format_number(round(sum(values) / len(values), 1)) if values else "—"

    overall = [e.rating_overall for e in evaluations if e.rating_overall]
    cooperation = [e.rating_cooperation for e in evaluations if e.rating_cooperation]
    return [
        (tr("Goals"), format_number(len(goals)) + (f" ({statuses})" if statuses else "")),
        (tr("Average progress"), f"{_average_progress(goals)} %"),
        (tr("Evaluations"), format_number(len(evaluations))),
        (tr("Average rating (overall / cooperation, of 5)"),
         f"{mean(overall)} / {mean(cooperation)}"),
    ]  # fmt: skip


def progress_chart(goals: list[Goal]) -> Any:
    """Horizontal bars: each goal's share of the way from baseline to target."""
    from reportlab.graphics.charts.barcharts import HorizontalBarChart
    from reportlab.graphics.shapes import Drawing, String
    from reportlab.lib import colors

    height = 24 + 18 * len(goals)
    drawing = Drawing(480, height + 16)
    chart = HorizontalBarChart()
    chart.x, chart.y, chart.width, chart.height = 170, 8, 290, height
    ordered = list(reversed(goals))  # the chart draws bottom-up; read it like the table
    chart.data = [[int((g.progress_ratio or 0) * 100) for g in ordered]]
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, 100, 25
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 7
    chart.categoryAxis.categoryNames = [shortened(g.title, 160, FONT, 7) for g in ordered]
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 7
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.bars[0].fillColor = colors.HexColor(ACCENT)
    chart.barLabelFormat = "%d %%"
    chart.barLabels.fontName = FONT
    chart.barLabels.fontSize = 7
    chart.barLabels.nudge = 12
    drawing.add(chart)
    drawing.add(
        String(170, height + 10, tr("Progress towards target (%)"), fontName=FONT, fontSize=8)
    )
    return drawing


# -- partner directory -----------------------------------------------------------------------


def directory(session: Session) -> tuple[str, list[Any]]:
    from reportlab.lib.units import mm
    from reportlab.platypus import CondPageBreak

    s = styles()
    by_name = session.scalars(
        select(Organisation).options(
            selectinload(Organisation.tags), selectinload(Organisation.contacts)
        )
    ).all()
    # groups in the order of their names in the report's language, "Other" last
    organisations = sorted(
        by_name,
        key=lambda o: (
            o.kind == "other" or o.kind not in LABELS,
            sort_key(tr(LABELS.get(o.kind, "Other"))),
            sort_key(o.name),
        ),
    )
    story = title_block(
        session, tr("Partner directory"), tr("{n} organisations", n=len(organisations))
    )
    story.append(paragraph(tr("Index"), s["h1"]))
    index = sorted(organisations, key=lambda o: sort_key(o.name))
    story.append(
        paragraph(
            " · ".join(f'<a href="#org-{o.id}" color="#1d3557">{text(o.name)}</a>' for o in index),
            s["body"],
        )
    )
    kind = None
    for o in organisations:
        if (o.kind if o.kind in LABELS else "other") != kind:
            kind = o.kind if o.kind in LABELS else "other"
            story.append(CondPageBreak(60 * mm))
            story.append(paragraph(text(tr(LABELS[kind])), s["h1"]))
        story.append(CondPageBreak(35 * mm))
        story.append(paragraph(f'<a name="org-{o.id}"/>{text(o.name)}', s["h2"]))
        details = " · ".join(text(x) for x in (o.email, o.phone, o.website) if x)
        if details:
            story.append(paragraph(details, s["muted"]))
        if o.address:  # line by line, as on an envelope
            story.append(paragraph(text(o.address), s["muted"]))
        if o.strengths:
            story.append(
                paragraph(f"<b>{tr('Strengths')}:</b> " + text(", ".join(o.strengths)), s["body"])
            )
        if o.contacts:
            table = flowing_table(
                [
                    [
                        paragraph(text(c.name), s["cell"]),
                        paragraph(text(c.role), s["cell"]),
                        paragraph(text(c.email), s["cell"]),
                    ]
                    for c in sorted(o.contacts, key=lambda c: sort_key(c.name))
                ],
                colWidths=[55 * mm, 50 * mm, 65 * mm],
            )
            table.setStyle(table_style(header=False))
            story.append(table)
    return tr("Partner directory"), story


#: The words a person export uses for where their data is kept: kinds of record and fields.
PLACE_WORDS = {
    "organisations": "Organisation",
    "contacts": "Contact",
    "partnerships": "Partnership",
    "partnership_partners": "Partner in a partnership",
    "agreement_terms": "Section of an agreement",
    "agreement_versions": "Version of an agreement",
    "signatories": "Signatory",
    "goals": "Goal",
    "progress_updates": "Progress update",
    "evaluations": "Evaluation",
    "meetings": "Meeting",
    "decisions": "Decision",
    "conflicts": "Conflict",
    "conflict_steps": "Step of a conflict",
    "changes": "Change history",
    "trash": "Trash",
}
FIELD_WORDS = {
    "name": "Name",
    "role": "Role",
    "email": "E-mail",
    "phone": "Phone",
    "language": "Language",
    "notes": "Notes",
    "organisation_id": "Organisation",
    "consent_given_on": "Consent given on",
    "consent_purpose": "Purpose of the consent",
    "address": "Address",
    "title": "Title",
    "purpose": "Purpose",
    "responsibilities": "Responsibilities",
    "heading": "Heading",
    "text": "Text",
    "summary": "What changed",
    "reason": "Why",
    "snapshot": "The agreement as it stood",
    "place": "Place",
    "description": "Description",
    "indicator": "Indicator",
    "note": "Note",
    "successes": "Successes to celebrate",
    "lessons": "Lessons learned",
    "next_steps": "Next steps",
    "agenda": "Agenda",
    "minutes": "Minutes",
    "context": "Context",
    "rationale": "Rationale",
    "decided_by": "Decided by",
    "mediator": "Mediator",
    "resolution": "Resolution",
    "old_value": "earlier value",
    "new_value": "new value",
    "payload": "deleted record",
}
ACTION_WORDS = {
    "create": "recorded",
    "update": "changed",
    "delete": "deleted",
    "restore": "restored",
    "erase": "erased",
}


def _when(value: str | None) -> str:
    """A stored time (ISO, perhaps with microseconds) as a person reads it."""
    from datetime import datetime

    if not value:
        return "—"
    moment = datetime.fromisoformat(value)
    return f"{day(moment.date())}, {moment:%H:%M}"


def _day_of(value: str | None) -> str:
    return day(date.fromisoformat(value[:10])) if value else "—"


def _field(name: str | None) -> str:
    return tr(FIELD_WORDS.get(name or "", (name or "").replace("_", " ")))


def person(session: Session, data: dict[str, Any]) -> tuple[str, list[Any]]:
    """What is stored about one person (GDPR art. 15; ``data`` as ``privacy.person_data``
    gathers it), as a letter from the association reads: in the report's language, fields
    and places in words, dates as dates."""
    from reportlab.lib.units import mm

    s = styles()
    who = data["person"]
    title = tr("Personal data held about {name}", name=who["name"])
    story = title_block(
        session, title, tr("Information under Art. 15 GDPR, as of {day}", day=day(clock.today()))
    )

    def section(heading: str | None, rows: list[list[Any]], widths: list[float]) -> None:
        if heading is not None:
            story.append(paragraph(text(heading), s["h2"]))
        if not rows:
            story.append(paragraph(text(tr("None.")), s["body"]))
            return
        table = flowing_table(
            [[paragraph(text(cell), s["cell"]) for cell in row] for row in rows],
            colWidths=[w * mm for w in widths],
        )
        table.setStyle(table_style(header=False))
        story.append(table)

    fields = [
        [_field(k), words.value_name(v) if k == "language" else v]
        for k in ("name", "role", "email", "phone", "language", "notes")
        if (v := who.get(k)) not in (None, "")
    ]
    if data["organisation"]:
        fields.append([tr("Organisation"), data["organisation"]])
    fields += [
        [tr("Recorded on"), _when(who.get("created_at"))],
        [tr("Last changed"), _when(who.get("updated_at"))],
    ]
    section(tr("Person"), fields, [45, 125])
    consent = data["consent"]
    section(
        tr("Consent"),
        [
            [tr("given on"), _day_of(consent["given_on"]) if consent["given_on"] else
             tr("none recorded")],
            [tr("purpose"), consent["purpose"] or tr("none recorded")],
        ],
        [45, 125],
    )  # fmt: skip
    section(
        tr("Meetings attended"),
        [[_day_of(m["held_on"]), m["title"], m["place"]] for m in data["meetings_attended"]],
        [25, 100, 45],
    )
    section(
        tr("Conflicts"),
        [[c["conflict"], _day_of(c["raised_on"]), tr(c["status"].replace("_", " "))]
         for c in data["conflicts"]],
        [90, 45, 35],
    )  # fmt: skip
    section(
        tr("Signatures"),
        [[x["partnership"], x["role"], _day_of(x["signed_on"])] for x in data["signatures"]],
        [90, 45, 35],
    )
    section(
        tr("Mentioned in"),
        [[tr(PLACE_WORDS.get(m["table"], m["table"])), _field(m["field"]), m["text"]]
         for m in data["mentioned_in"]],
        [40, 35, 95],
    )  # fmt: skip
    section(
        tr("Change history"),
        [[_when(h["when"]), h["by"], _field(h["field"]) if h["field"] else
          tr(ACTION_WORDS.get(h["action"], h["action"])),
          words.value_name(h["new"]) if h["field"] == "language" else h["new"]]
         for h in data["history"]],
        [35, 30, 35, 70],
    )  # fmt: skip
    story.append(paragraph(text(tr("Kept as signed")), s["h2"]))
    signed = data["kept_as_signed"]
    story.append(paragraph(text(tr(KEPT_AS_SIGNED)), s["body"]))
    if signed:
        section(
            None,  # under the explanation above
            [[k["partnership"], tr("Version {n}", n=k["version"]) if k["version"] else
              tr("Signatory"), _day_of(k["signed_on"])] for k in signed],
            [90, 45, 35],
        )  # fmt: skip
    kept = data["kept_elsewhere"]
    story.append(paragraph(text(tr("Copies kept elsewhere")), s["h2"]))
    story.append(
        paragraph(
            text(tr(KEPT_ELSEWHERE, months=kept["backup_months"], days=kept["trash_days"])),
            s["body"],
        )
    )
    return title, story


#: What a person export says of the signed agreements an erasure keeps.
KEPT_AS_SIGNED = (
    "Agreements that were signed are kept as they were signed, with the names of those who "
    "signed them: they show what the partners agreed (Art. 17 (3) (b) and (e) GDPR). An "
    "erasure of the person's data leaves these alone and erases every other trace."
)
#: What a person export says about the copies of the data the app does not change itself.
KEPT_ELSEWHERE = (
    "Backups of the database keep these data for up to {months} months; the trash keeps "
    "deleted records for {days} days. If the person's data are erased, every backup and "
    "archive made before is erased again as soon as it is restored or opened. Files exported "
    "or sent earlier (spreadsheets, PDFs, archives) are not changed by the app."
)


def after_title(story: list[Any]) -> int:
    """Where the title block of a story ends (after its subtitle)."""
    subtitle = styles()["subtitle"]
    for n, flowable in enumerate(story):
        if getattr(getattr(flowable, "style", None), "name", None) == subtitle.name:
            return n + 1
    return 0


#: Each language's column of an agreement printed side by side, and the room between them.
COLUMN, GUTTER = 0.485, 0.03


def side_by_side(left: list[Any], right: list[Any], *, letter: bool = False) -> list[Any]:
    """Two language versions of one story as two columns, each part of one beside the same
    part of the other: a heading beside its translation, a section beside its translation.

    The versions are made by the same code from texts and their translations (narrowed to
    a column's width), so they have the same flowables in the same order. A table (the
    parties, the goals) is one table across the page, each text above its translation. A
    block kept together (a signature) moves to the next page whole, beside its translation;
    a long section splits across pages, both columns at once.
    """
    from reportlab.platypus import CondPageBreak, Image, KeepTogether, Spacer, Table

    if [type(f) for f in left] != [type(f) for f in right]:
        raise ValueError("the two versions of the story are not laid out alike")
    page = base.text_width(letter)
    column, gutter = COLUMN * page, GUTTER * page
    story: list[Any] = []
    for one, other in zip(left, right, strict=True):
        if isinstance(one, (CondPageBreak, Image, Spacer)):
            story.append(one)  # a break, the logo or a space: once, for both
            continue
        if hasattr(one, "full_widths"):  # a table: the texts of both in one
            story.append(_both_in_one(one, other))
            continue
        kept = isinstance(one, KeepTogether)
        pair = (one._content, other._content) if kept else (one, other)
        style = getattr(one, "style", None)
        row = Table(
            [[pair[0], "", "", pair[1]]],
            colWidths=[column, gutter / 2, gutter / 2, column],
            splitInRow=0 if kept else 1,
        )
        row.setStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                # a paragraph's own room above and below, which a table's cell leaves out
                ("TOPPADDING", (0, 0), (-1, -1), getattr(style, "spaceBefore", 0)),
                ("BOTTOMPADDING", (0, 0), (-1, -1), getattr(style, "spaceAfter", 0) + 2),
                ("LINEAFTER", (1, 0), (1, 0), 0.3, base.RULE),  # in the middle of the gutter
            ]
        )
        row.keepWithNext = bool(getattr(style, "keepWithNext", False))
        story.append(row)
    return story


def _both_in_one(one: Any, other: Any) -> Any:
    """One table of the two versions of a table: each text with its translation below it
    in italics (a name, a number or a date that reads the same, once)."""
    from reportlab.platypus import Paragraph

    def cell(a: Any, b: Any) -> Any:
        if not isinstance(a, Paragraph) or not isinstance(b, Paragraph):
            return a  # a number or a date: as the first language writes it
        if a.text == b.text or not b.text:
            return paragraph(a.text, a.style)
        return paragraph(f"{a.text} <br/><i>{b.text}</i>", a.style)  # words apart (fit_columns)

    rows = [
        [cell(a, b) for a, b in zip(mine, theirs, strict=True)]
        for mine, theirs in zip(one._cellvalues, other._cellvalues, strict=True)
    ]
    table = flowing_table(rows, colWidths=one.full_widths, repeatRows=one.repeatRows)
    table.setStyle(table_style())
    return table


def page_break() -> Any:
    from reportlab.platypus import PageBreak

    return PageBreak()


def bilingual_note(languages: Sequence[str | None]) -> Any:
    """Said at the top of each language version of a bilingual agreement."""

    names = {"de": tr("German"), "en": tr("English")}
    listed = join([names.get(code or "en", code or "") for code in languages])
    return paragraph(
        text(
            tr(
                "This agreement is made in {languages}; each version is equally binding.",
                languages=listed,
            )
        ),
        styles()["muted"],
    )
