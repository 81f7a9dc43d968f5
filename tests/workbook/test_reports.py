"""PDF reports generated from real data and read back with pdftotext."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from datetime import date

import pytest

from tests.demo import fill
from workbook import services
from workbook.domain.errors import KnownError
from workbook.reports import generate


def pdf_text(path, page: int | None = None) -> str:
    tool = shutil.which("pdftotext")
    if tool is None:
        if os.environ.get("CI"):
            pytest.fail("CI must have poppler-utils (pdftotext)")
        pytest.skip("pdftotext not installed")
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return subprocess.run(
        [tool, "-layout", *pages, str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


#: The day the demo of these tests is made for: its decisions are numbered D-2026-…
DEMO_DAY = date(2026, 11, 25)


@pytest.fixture
def demo(sqlite_db):
    fill(sqlite_db, today=DEMO_DAY)
    return sqlite_db


def partnership_id(db, title: str):
    with db.unit() as s:
        return services.list_rows(s, "partnership", search=title)[0].id


def test_partnership_agreement(demo, tmp_path):
    path = tmp_path / "agreement.pdf"
    with demo.unit() as s:
        pages = generate(
            s, "agreement", path, partnership_id=partnership_id(demo, "macht Schule"),
            language="en",
        )  # fmt: skip
    text = pdf_text(path)
    for expected in (
        "Demokratie Leben Rheinland e.V.",
        "Partnership agreement",
        "Demokratie macht Schule",
        "1. Parties",
        "Coordination",  # the agreement's own English texts
        "Termination",
        "Shared goals",
        "Duration and review",
        "every three months",
        "Signatures",
        "Anna Schmitz",
        "Jürgen Weiß",
        f"Page 1 of {pages}",
    ):
        assert expected in text, expected
    assert 1 <= pages <= 6


def _headings(text: str) -> list[str]:
    return re.findall(r"^\s*\d+\. (\S.*?)\s*$", text, flags=re.M)


def test_the_agreement_says_exactly_what_its_sections_say(sqlite_db, tmp_path):
    """No clause the app does not show: a section on unanimity stays the only word on
    decisions; the purpose is printed once; a party without a signatory gets a block."""
    from tests.workbook import factories

    with sqlite_db.unit() as s:
        a, b = factories.organisation(s, "Verein A"), factories.organisation(s, "Schule B")
        c = factories.organisation(s, "Stiftung C")
        p = factories.partnership(
            s,
            "Lernorte",
            purpose="Gesprächsreihen in Bibliotheken.",
            start_date=date(2026, 1, 1),
            end_date=date(2027, 12, 31),
            partners=[{"organisation_id": x.id} for x in (a, b, c)],
            terms=[{"heading": "Beschlussfassung", "text": "Beschlüsse fallen einstimmig."}],
            signatories=[{"name": "Anna Schmitz", "organisation_id": a.id}],
        )
        path = tmp_path / "agreement.pdf"
        generate(s, "agreement", path, partnership_id=p.id, language="de")
    text = pdf_text(path)
    assert _headings(text) == [
        "Parteien",
        "Zweck",
        "Beschlussfassung",
        "Laufzeit und Überprüfung",
        "Unterschriften",
    ]
    flat = " ".join(text.split())
    assert "Mehrheit" not in flat and "Mediation" not in flat and "Konflikt" not in flat
    assert flat.count("Gesprächsreihen in Bibliotheken.") == 1
    signatures = text[text.index("Unterschriften") :]
    assert signatures.count("Ort, Datum:") == 3
    assert signatures.count("Unterschrift\n") + signatures.count("Unterschrift ") >= 3
    for party in ("Verein A", "Schule B", "Stiftung C"):
        assert party in signatures


def test_signature_blocks_are_never_split(demo, tmp_path):
    with demo.unit() as s:
        pid = partnership_id(demo, "macht Schule")
        long_text = ("Die Partner verpflichten sich zur Zusammenarbeit. " * 60).strip()
        services.update(
            s,
            "partnership",
            pid,
            {
                "terms": [
                    {"heading": f"Abschnitt {i}", "text": long_text[: 300 + 97 * i]}
                    for i in range(9)
                ]
            },
        )
        path = tmp_path / "agreement.pdf"
        pages = generate(s, "agreement", path, partnership_id=pid)  # in its own German
    assert pages >= 3
    for page in range(1, pages + 1):
        text = pdf_text(path, page)
        # every block that starts on a page (its place line) ends there (name, signature)
        signature_lines = text.count("Unterschrift") - text.count("Unterschriften")
        assert text.count("Ort, Datum:") == signature_lines, page
    with demo.unit() as s:
        from workbook.services.agreements import agreement

        shown = agreement(s, pid)
    # a block for every party: its signers', or an empty one to sign by hand
    signed_for = {x.organisation for x in shown.signatories}
    blocks = len(shown.signatories) + len(
        [x for x in shown.partners if x.organisation not in signed_for]
    )
    assert len(shown.partners) > len(signed_for)  # the demo leaves parties to sign by hand
    assert pdf_text(path).count("Ort, Datum:") == blocks


def test_every_party_gets_a_signature_block(demo, tmp_path):
    from workbook.services.agreements import agreement

    with demo.unit() as s:
        pid = partnership_id(demo, "macht Schule")
        shown = agreement(s, pid)
        path = tmp_path / "agreement.pdf"
        generate(s, "agreement", path, partnership_id=pid, language="de")
    text = pdf_text(path)
    signatures = text[text.index("Unterschriften") :]
    for party in shown.partners:
        assert party.organisation in signatures, party.organisation
    for person in shown.signatories:
        assert person.name in signatures
    assert signatures.count("Ort, Datum:") == len(
        {x.organisation for x in shown.partners} | {x.organisation for x in shown.signatories}
    )


def test_decisions_log_filtered_with_header_on_every_page(demo, tmp_path):
    path = tmp_path / "decisions.pdf"
    with demo.unit() as s:
        pages = generate(s, "decisions", path, start=date(2026, 1, 1), status="adopted")
    text = pdf_text(path)
    assert "Decisions log" in text and "2026-01-01 – —" in text and "adopted" in text
    flat = " ".join(text.split())
    assert "D-2026-021" in text and "supersedes" in text and "D-2026-006" in text
    assert flat.index("D-2026-021") < flat.index("supersedes") < flat.rindex("D-2026-006")
    assert "Rejected" not in text and "rejected" not in text.split("adopted")[0]
    for page in range(1, pages + 1):
        assert "Number" in pdf_text(path, page) and "Decision" in pdf_text(path, page)


def test_a_table_rest_starts_on_the_next_page_with_one_header(demo, tmp_path):
    """Never a repeated header with a line or two of the next row under it mid-page."""
    import re

    for language, header in (("en", r"Number\s+Decision"), ("de", r"Nummer\s+Beschluss")):
        path = tmp_path / f"decisions-{language}.pdf"
        with demo.unit() as s:
            pages = generate(s, "decisions", path, language=language)
        assert pages >= 3
        for page in range(1, pages + 1):
            text = pdf_text(path, page)
            assert len(re.findall(rf"^\s*{header}", text, re.MULTILINE)) == 1, (language, page)


def test_conflicts_goals_and_directory(demo, tmp_path):
    with demo.unit() as s:
        for kind in ("conflicts", "goals", "directory"):
            generate(s, kind, tmp_path / f"{kind}.pdf")
    conflicts = pdf_text(tmp_path / "conflicts.pdf")
    assert "Streit um Autorschaft der Materialien" in conflicts and "Dr. Ruth Adler" in conflicts
    assert "Timeline" in conflicts and "Mediationstermin" in conflicts
    assert "Neuer Terminplan" in conflicts  # a resolution
    goals = pdf_text(tmp_path / "goals.pdf")
    assert "Goals and impact" in goals and "Progress towards target (%)" in goals
    assert "Successes to celebrate" in goals and "Lessons learned" in goals
    directory = pdf_text(tmp_path / "directory.pdf")
    assert "Partner directory" in directory and "Index" in directory
    assert directory.index("NGOs") < directory.index(
        "Civic Lab Thessaloniki", directory.index("NGOs")
    )
    assert "Schools" in directory and "Radio Rheinwelle" in directory


def test_markup_in_user_text_prints_literally(sqlite_db, tmp_path):
    payloads = [
        "<b>unclosed",
        '<img src="/etc/passwd"/>',
        '<a href="javascript:alert(1)">x</a>',
        "AT&T",
        "5 < 6 > 4",
        '<font color="red">rot</font>',
        "&amp;",
        "<br/>",
        '<link href="file:///etc/passwd">f</link>',
    ]
    with sqlite_db.unit() as s:
        for index, payload in enumerate(payloads):
            services.create(
                s,
                "decision",
                {
                    "title": f"Payload {index}",
                    "text": payload,
                    "rationale": payload,
                    "decided_on": "2026-01-01",
                },
            )
        path = tmp_path / "log.pdf"
        generate(s, "decisions", path)
    text = " ".join(pdf_text(path).split())
    for payload in payloads:
        assert " ".join(payload.split()) in text, payload


def test_every_script_prints_exactly(sqlite_db, tmp_path):
    names = [
        "Łukasz Żółkiewski",
        "Ümit Güneş İnce",
        "Jürgen Weiß",
        "Олена Коваленко",
        "Δημήτρης Παπαδόπουλος",
        "Zdeněk Dvořák",
        "François Lefèvre",
    ]
    with sqlite_db.unit() as s:
        org = services.create(s, "organisation", {"name": "Forum Europa", "kind": "ngo"})
        for name in names:
            services.create(s, "contact", {"name": name, "organisation_id": org.id})
        path = tmp_path / "directory.pdf"
        generate(s, "directory", path)
    text = pdf_text(path)
    for name in names:
        assert name in text, name


def test_large_reports_generate(sqlite_db, tmp_path):
    import uuid

    from sqlalchemy import insert

    from workbook.domain.models import Decision

    with sqlite_db.unit() as s:
        s.execute(
            insert(Decision),
            [
                {
                    "id": uuid.uuid4(),
                    "number": f"D-2025-{i:04d}",
                    "title": f"Beschluss {i}",
                    "decided_on": date(2025, 1, 1),
                    "text": "Der Vorstand beschließt. " * 5,
                    "consensus": False,
                    "status": "adopted",
                    "version": 1,
                }
                for i in range(1000)
            ],
        )
        pid = services.create(
            s,
            "partnership",
            {
                "title": "Lang",
                "terms": [{"heading": "Ein langer Abschnitt", "text": " ".join(["Wort"] * 10_000)}],
            },
        ).id
        log_pages = generate(s, "decisions", tmp_path / "log.pdf")
        agreement_pages = generate(
            s, "agreement", tmp_path / "a.pdf", partnership_id=pid, letter=True
        )
    assert log_pages > 20 and agreement_pages > 10
    assert f"Page {log_pages} of {log_pages}" in pdf_text(tmp_path / "log.pdf", log_pages)


def run_cli(db, *args: str) -> subprocess.CompletedProcess[str]:
    from tests.commands import run_at

    return run_at(db.location, *args, timeout=60)


def test_report_from_the_command_line(demo, tmp_path):
    out = tmp_path / "agreement.pdf"
    pid = str(partnership_id(demo, "macht Schule"))
    result = run_cli(demo, "report", "agreement", "--partnership", pid[:8], "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "pages)" in result.stdout and "Demokratie macht Schule" in pdf_text(out)
    missing = run_cli(demo, "report", "agreement", "-o", str(out))
    assert missing.returncode == 1 and "--partnership" in missing.stderr


def test_very_long_words_and_texts_flow_across_pages(sqlite_db, tmp_path):
    from workbook.services import conflicts

    word = "Donaudampfschifffahrtsgesellschaftskapitän" * 40
    with sqlite_db.unit() as s:
        services.create(
            s,
            "decision",
            {
                "title": "W" * 200,
                "decided_on": "2026-01-01",
                "text": word + "\n" + "Langer Text. " * 1500,
            },
        )
        conflict = services.create(
            s, "conflict", {"title": "Lang", "raised_on": "2026-01-01", "description": "x" * 5000}
        )
        conflicts.add_step(
            s, conflict.id, taken_on="2026-01-02", description="Ein Schritt. " * 1500
        )
        assert generate(s, "decisions", tmp_path / "d.pdf") > 2  # one row, several pages
        assert generate(s, "conflicts", tmp_path / "c.pdf") > 1
    assert "Langer Text." in pdf_text(tmp_path / "d.pdf", 3)


def test_german_report_has_german_words_dates_and_numbers(demo, tmp_path):
    with demo.unit() as s:
        pid = partnership_id(demo, "macht Schule")
        start = services.get(s, "partnership", pid).start_date
        pages = generate(s, "agreement", tmp_path / "de.pdf", partnership_id=pid, language="de")
        generate(s, "goals", tmp_path / "ziele.pdf", language="de")
    text = " ".join(pdf_text(tmp_path / "de.pdf").split())
    for words in (
        "Partnerschaftsvereinbarung",
        "1. Parteien",
        "Gemeinsame Ziele",
        "Laufzeit und Überprüfung",
        "alle drei Monate",
        "Unterschriften",
        "Ort, Datum:",
        f"Seite 1 von {pages}",
        start.strftime("%d.%m.%Y"),
        "1.200",
    ):
        assert words in text, words
    assert "Partnership agreement" not in text and start.isoformat() not in text
    goals = pdf_text(tmp_path / "ziele.pdf")
    assert "Ziele und Wirkung" in goals and "Erfolge, die wir feiern" in goals


def test_english_dates_as_the_user_chooses(demo, tmp_path):
    with demo.unit() as s:
        pid = partnership_id(demo, "macht Schule")
        start = services.get(s, "partnership", pid).start_date
        generate(s, "agreement", tmp_path / "us.pdf", partnership_id=pid, dates="locale",
                 language="en")  # fmt: skip
        generate(s, "agreement", tmp_path / "iso.pdf", partnership_id=pid, language="en")
    assert start.strftime("%m/%d/%Y") in pdf_text(tmp_path / "us.pdf")
    assert start.isoformat() in pdf_text(tmp_path / "iso.pdf")


def test_bilingual_agreement_has_both_versions_one_after_the_other(demo, tmp_path):
    """Each language complete with its own words, dates and footer: the English version
    says nothing of the German texts."""
    from workbook.services.agreements import agreement

    with demo.unit() as s:
        pid = partnership_id(demo, "macht Schule")
        german = generate(s, "agreement", tmp_path / "de.pdf", partnership_id=pid, language="de")
        both = generate(s, "agreement", tmp_path / "both.pdf", partnership_id=pid, language="de+en")
        with pytest.raises(KnownError):
            generate(s, "decisions", tmp_path / "x.pdf", language="de+en")
        own = agreement(s, pid)
    text = " ".join(pdf_text(tmp_path / "both.pdf").split())
    assert both == 2 * german
    first_english = text.index("Partnership agreement")
    deutsch, english = text[:first_english], text[first_english:]
    assert text.index("Partnerschaftsvereinbarung") < first_english
    assert "Diese Vereinbarung liegt auf Deutsch und Englisch vor" in deutsch
    assert "This agreement is made in German and English" in english
    assert "Unterschriften" in deutsch and "Signatures" in english
    german_texts = [own.purpose, *(t.heading for t in own.terms), *(t.text for t in own.terms),
                    *(x.responsibilities for x in own.partners), "Koordination",
                    # the shared goals' titles, indicators and units, the signers' functions
                    *(g.title.split(" (")[0] for g in own.goals),
                    *(g.indicator for g in own.goals), "Vorstand"]  # fmt: skip
    for words in german_texts:
        flat = " ".join(words.split()).split("{")[0]
        assert flat in deutsch, flat
        assert flat not in english, flat
    translated = [own.purpose_translation, *(t.heading_translation for t in own.terms),
                  *(g.title_translation.split(" (")[0] for g in own.goals),
                  *(g.indicator_translation for g in own.goals),
                  *(f"{x.role_translation}, {x.organisation}"
                    for x in own.signatories)]  # fmt: skip
    assert len(own.goals) == 3 and len(own.signatories) == 2
    for words in translated:
        assert words in english, words
        assert words not in deutsch, words
    pages = [pdf_text(tmp_path / "both.pdf", n) for n in range(1, both + 1)]
    assert all(f"Seite {n} von {both}" in pages[n - 1] for n in range(1, german + 1))
    assert all(f"Page {n} of {both}" in pages[n - 1] for n in range(german + 1, both + 1))
    assert "Seite" not in " ".join(pages[german:])


def test_a_bilingual_agreement_side_by_side_has_each_section_beside_its_translation(demo, tmp_path):
    """Two columns: every heading of the German version on the same line as its English
    heading, the texts of each language in their own column, tables across the page with
    each text above its translation, the footer in both languages."""
    from workbook.services.agreements import agreement

    with demo.unit() as s:
        pid = partnership_id(demo, "macht Schule")
        after = generate(
            s, "agreement", tmp_path / "after.pdf", partnership_id=pid, language="de+en"
        )
        pages = generate(
            s, "agreement", tmp_path / "side.pdf", partnership_id=pid, language="de+en",
            side_by_side=True,
        )  # fmt: skip
        with pytest.raises(KnownError):
            generate(s, "agreement", tmp_path / "x.pdf", partnership_id=pid, side_by_side=True)
        own = agreement(s, pid)
    assert pages < after
    layout = pdf_text(tmp_path / "side.pdf")
    lines = layout.splitlines()
    headings = [("Parteien", "Parties"), ("Zweck", "Purpose"), ("Gemeinsame Ziele", "Shared goals"),
                *((t.heading, t.heading_translation) for t in own.terms),
                ("Laufzeit und Überprüfung", "Duration and review"),
                ("Unterschriften", "Signatures")]  # fmt: skip
    for german, english in headings:
        [line] = [x for x in lines if re.search(rf"\d\. {re.escape(german)}\b", x)]
        assert re.search(rf"\d\. {re.escape(english)}\b", line), line
        assert line.index(german) < line.index(english)
    for n in range(1, pages + 1):
        assert f"Seite {n} von {pages} · Page {n} of {pages}" in pdf_text(tmp_path / "side.pdf", n)
    # a goal's title above its translation in one cell of one table
    goal = own.goals[0]
    title, translated = goal.title.split(" (")[0], goal.title_translation.split(" (")[0]
    [above] = [n for n, x in enumerate(lines) if title in x]
    assert any(translated in x for x in lines[above + 1 : above + 4])
    # the texts of each language in their own column: German left of English on each line
    for term in own.terms:
        first = " ".join(term.text.split()[:3])
        [line] = [x for x in lines if first in x]
        assert line.index(first) < len(line) // 2


def test_a_bilingual_agreement_without_its_translation_is_refused_naming_what_lacks_it(
    demo, tmp_path
):
    with demo.unit() as s:
        pid = partnership_id(demo, "Lernorte")
        with pytest.raises(KnownError) as refused:
            generate(s, "agreement", tmp_path / "both.pdf", partnership_id=pid, language="de+en")
        with pytest.raises(KnownError):
            generate(s, "agreement", tmp_path / "en.pdf", partnership_id=pid, language="en")
        generate(s, "agreement", tmp_path / "own.pdf", partnership_id=pid)  # in its own German
    message = str(refused.value)
    assert refused.value.code == "missing_translation"
    assert message.startswith("The agreement has no text in English yet for: the purpose")
    for section in ("Entscheidungen", "Konfliktlösung", "Datenschutz", "Kündigung"):
        assert f"section “{section}”" in message
    assert "the role of Stadtbibliothek Düsseldorf" in message
    assert "the goal “Workshops an Schulen (Lernorte der Demokratie)”" in message
    assert "the function of " in message
    assert not (tmp_path / "both.pdf").exists() and not (tmp_path / "en.pdf").exists()
    assert "Partnerschaftsvereinbarung" in pdf_text(tmp_path / "own.pdf")


def test_a_goal_or_signer_without_translation_is_named_in_the_refusal(demo, tmp_path):
    """Every text and its translation given, except one goal's unit and one signer's
    function: the refusal names exactly those two, and once they are given it prints."""
    with demo.unit() as s:
        pid = partnership_id(demo, "macht Schule")
        p = services.get(s, "partnership", pid)
        goal, signer = p.goals[0], p.signatories[0]
        goal.unit_translation, signer.role_translation = None, None
        s.flush()
        with pytest.raises(KnownError) as refused:
            generate(s, "agreement", tmp_path / "en.pdf", partnership_id=pid, language="en")
        missing = refused.value.params["parts"]
        assert missing == [("goal", goal.title), ("signatory", signer.name)]
        goal.unit_translation, signer.role_translation = "sessions", "Chair"
        s.flush()
        generate(s, "agreement", tmp_path / "en.pdf", partnership_id=pid, language="en")
    english = " ".join(pdf_text(tmp_path / "en.pdf").split())
    assert "sessions" in english and f"Chair, {signer.organisation.name}" in english


def test_agreement_carries_the_association_logo(demo, tmp_path):
    from PIL import Image

    from workbook.services.profile import set_profile

    logo = tmp_path / "logo.png"
    Image.new("RGB", (400, 160), (29, 53, 87)).save(logo)
    pid = partnership_id(demo, "macht Schule")
    with demo.unit() as s:
        set_profile(s, name="Demokratie Leben Rheinland e.V.", logo=str(logo))
        path = tmp_path / "agreement.pdf"
        generate(s, "agreement", path, partnership_id=pid)
    listing = subprocess.run(
        ["pdfimages", "-list", str(path)], capture_output=True, text=True, check=True
    ).stdout
    assert len(listing.strip().splitlines()) == 3  # header, rule, one image


def _first(db, entity: str, **filters):
    with db.unit() as s:
        row = services.list_rows(s, entity, filters=filters or None, limit=1)[0]
        return services.get(s, entity, row.id)


def test_every_record_prints_on_its_own(demo, tmp_path):
    """A meeting's minutes, a decision, a conflict with its timeline, a partner's sheet."""
    from workbook.reports import RECORD_REPORTS

    with demo.unit() as s:
        meeting = services.get(
            s, "meeting", next(r.id for r in services.list_rows(s, "meeting", limit=50)
                               if services.get(s, "meeting", r.id).decisions)
        )  # fmt: skip
        m = {
            "attendees": [c.name for c in meeting.attendees],
            "agenda": meeting.agenda.splitlines(),
            "numbers": [d.number for d in meeting.decisions],
        }
        voted = next(
            services.get(s, "decision", r.id)
            for r in services.list_rows(s, "decision", limit=100)
            if services.get(s, "decision", r.id).votes_for
        )
        d = {"number": voted.number, "for": voted.votes_for, "id": voted.id}
        conflict = next(
            services.get(s, "conflict", r.id)
            for r in services.list_rows(s, "conflict", limit=50)
            if services.get(s, "conflict", r.id).steps
        )
        c = {"id": conflict.id, "steps": [x.description for x in conflict.steps]}
        org = next(
            services.get(s, "organisation", r.id)
            for r in services.list_rows(s, "organisation", limit=50)
            if services.get(s, "organisation", r.id).partnerships
        )
        o = {
            "id": org.id,
            "contacts": [x.name for x in org.contacts],
            "partnerships": [x.partnership.title for x in org.partnerships],
            "address": org.address.splitlines(),
        }
        for kind, ident in (("meeting", meeting.id), ("decision", d["id"]),
                            ("conflict", c["id"]), ("partner", o["id"])):  # fmt: skip
            for language in ("de", "en"):
                generate(s, kind, tmp_path / f"{kind}-{language}.pdf", record_id=ident,
                         language=language)  # fmt: skip
        with pytest.raises(KnownError, match="prints one meeting"):
            generate(s, "meeting", tmp_path / "none.pdf")
    assert set(RECORD_REPORTS) == {"meeting", "decision", "conflict", "partner"}

    minutes = pdf_text(tmp_path / "meeting-de.pdf")
    assert minutes.lstrip().splitlines()[0].strip() == "Demokratie Leben Rheinland e.V."
    assert "Protokoll" in minutes and "Teilnehmende" in minutes and "Tagesordnung" in minutes
    for name in m["attendees"] + m["numbers"]:
        assert name in minutes, name
    lines = [line.strip() for line in minutes.splitlines()]
    for item in m["agenda"]:
        assert item.strip() in lines, "the agenda line by line"
    assert "Minutes" in pdf_text(tmp_path / "meeting-en.pdf")

    decision = " ".join(pdf_text(tmp_path / "decision-de.pdf").split())
    assert f"Beschluss {d['number']}" in decision and f"{d['for']} dafür" in decision
    assert f"{d['for']} for" in " ".join(pdf_text(tmp_path / "decision-en.pdf").split())

    conflict_text = " ".join(pdf_text(tmp_path / "conflict-de.pdf").split())
    assert "Verlauf" in conflict_text
    for step in c["steps"]:
        assert " ".join(step.split()) in conflict_text

    partner = pdf_text(tmp_path / "partner-de.pdf")
    for name in o["contacts"] + o["partnerships"]:
        assert name in partner, name
    assert all(line in partner for line in o["address"])


def test_a_record_prints_from_the_command_line(demo, tmp_path):
    decision = _first(demo, "decision")
    out = tmp_path / "beschluss.pdf"
    result = run_cli(
        demo, "report", "decision", "--record", str(decision.id)[:8], "--language", "de",
        "-o", str(out),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert decision.number in pdf_text(out)
    missing = run_cli(demo, "report", "meeting", "-o", str(out))
    assert missing.returncode == 1 and "--record" in missing.stderr


def test_every_report_has_its_first_page_pictured_in_both_languages():
    """docs/screenshots/reports (``python -m tools.report_pages``) holds the first page of
    every report in German and English: a new report is looked at and shown too."""
    from pathlib import Path

    from workbook.reports import REPORTS

    folder = Path(__file__).parents[2] / "docs" / "screenshots" / "reports"
    pictured = {p.stem for p in folder.glob("*.png")}
    wanted = {f"{kind}-{language}" for kind in REPORTS for language in ("de", "en")}
    assert wanted <= pictured, sorted(wanted - pictured)
    for name in wanted:
        assert (folder / f"{name}.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", name
