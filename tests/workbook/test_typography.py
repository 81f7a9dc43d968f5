"""Every report set as a typesetter would: no word broken inside a table cell, long names
shortened with an ellipsis, groups in dictionary order, addresses line by line."""

from __future__ import annotations

import pytest

from tests.demo import fill
from tests.workbook import factories
from tests.workbook.test_reports import pdf_text
from workbook import privacy, services
from workbook.domain import words
from workbook.reports import RECORD_REPORTS, REPORTS, base, generate

LONG = "Landesarbeitsgemeinschaft Kinderschutzbeauftragte Nordrhein-Westfalen"


@pytest.fixture
def crowded(sqlite_db):
    """The demo's records, and a partner whose words are long even for German."""
    fill(sqlite_db)
    with sqlite_db.unit() as s:
        org = factories.organisation(s, LONG, address="Hauptstraße 1\n50667 Köln", kind="other")
        contact = services.create(
            s,
            "contact",
            {
                "name": "Maximiliane Wiedemann-Kowalczyk",
                "organisation_id": org.id,
                "role": "Bildungsreferentin",
                "email": "m.wiedemann-kowalczyk@example.org",
            },
        )
        p = services.list_rows(s, "partnership", search="macht Schule")[0]
        record = services.get(s, "partnership", p.id)
        partners = services.values_of("partnership", record)["partners"]
        partners.append({"organisation_id": org.id, "role": "Kooperationspartnerin",
                         "responsibilities": "Qualitätssicherungsmaßnahmen",
                         "role_translation": "Cooperation partner",
                         "responsibilities_translation": "Quality assurance measures"})  # fmt: skip
        services.update(s, "partnership", p.id, {"partners": partners})
        services.create(
            s, "goal", {"title": "Fortbildungsveranstaltungen für Schulsozialarbeiterinnen "
                                 "und Schulsozialarbeiter in allen Regierungsbezirken",
                        "partnership_id": p.id, "indicator": "Teilnehmendenzahl",
                        "baseline": 0, "target": 1500, "unit": "Teilnehmende",
                        "title_translation": "Training courses for school social workers in "
                                             "every administrative district",
                        "indicator_translation": "Number of participants",
                        "unit_translation": "participants"},
        )  # fmt: skip
    return sqlite_db, p.id, contact.id


def _tables(flowables):
    from reportlab.platypus import KeepTogether, Table

    for f in flowables:
        if isinstance(f, Table):
            yield f
        elif isinstance(f, KeepTogether):
            yield from _tables(f._content)


def _broken_cells(story) -> list[str]:
    """The cells whose words the layout broke outside a dictionary's hyphenation points,
    or whose unbreakable lines stick out of their column."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    broken = []
    for table in _tables(story):
        for row in table._cellvalues:
            for width, cell in zip(table._colWidths, row, strict=True):
                if hasattr(cell, "getPlainText"):
                    if getattr(cell, "_splitLongWordCount", 0):
                        broken.append(cell.getPlainText())
                elif isinstance(cell, str):
                    room = width - 2 * base.CELL_PADDING
                    broken += [
                        line
                        for line in cell.split("\n")
                        if stringWidth(line, base.BOLD, 8.5) > room + 0.5
                    ]
    return broken


@pytest.mark.parametrize("language", ["de", "en"])
def test_no_word_is_broken_inside_a_table_cell_of_any_report(crowded, tmp_path, language):
    db, pid, contact = crowded
    options = {
        "agreement": {"partnership_id": pid},
        "decisions": {},
        "conflicts": {},
        "goals": {},
        "directory": {},
    }
    with db.unit() as s:
        for kind, entity in RECORD_REPORTS.items():
            rows = services.list_rows(s, entity, limit=1)
            options[kind] = {"record_id": rows[0].id}
        long_one = services.list_rows(s, "organisation", search="Landesarbeitsgemeinschaft")
        options["partner"] = {"record_id": long_one[0].id}
        options["person"] = {"data": privacy.person_data(s, contact)}
    assert set(options) == set(REPORTS)
    for kind in REPORTS:
        with db.unit() as s, words.language(language):
            title, story = REPORTS[kind](s, **options.get(kind, {}))
            base.build(tmp_path / f"{kind}.pdf", story, title=title, owner="Test")
        assert _broken_cells(story) == [], kind
    text = pdf_text(tmp_path / "agreement.pdf")
    heads = ("Ausgangswert", "Zielwert", "Verantwortlichkeiten", "Kooperationspartnerin")
    if language == "de":
        for word in heads:
            assert word in text, word


def test_a_word_too_long_for_any_column_is_hyphenated_where_the_dictionary_allows(
    sqlite_db, tmp_path
):
    from reportlab.lib.units import mm

    s = base.styles()
    with words.language("de"):
        cell = base.paragraph("Kinderschutzbeauftragtenqualitätssicherungsmaßnahmen", s["cell"])
        table = base.flowing_table([[cell, base.paragraph("x", s["cell"])]], [20 * mm, 20 * mm])
        base.build(tmp_path / "t.pdf", [table], title="t", owner="t")
    assert _broken_cells([table]) == []
    assert cell._hyphenations > 0
    pieces = pdf_text(tmp_path / "t.pdf").split()
    joined = "".join(p.removesuffix("-") for p in pieces if p.endswith("-") or p.isalpha())
    assert "Kinderschutzbeauftragtenqualitätssicherungsmaßnahmen" in joined
    import pyphen

    points = pyphen.Pyphen(lang="de_DE").positions(
        "Kinderschutzbeauftragtenqualitätssicherungsmaßnahmen"
    )
    offsets, at = [], 0
    for piece in pieces:
        if piece.endswith("-"):
            at += len(piece) - 1
            offsets.append(at)
    assert offsets and set(offsets) <= set(points)


def test_a_cell_keeps_its_line_when_an_empty_column_has_the_room(tmp_path):
    """A header wider than its column takes the room first from columns nothing fills (an
    empty indicator, a short number), and only then from a title that would then wrap."""
    from reportlab.lib.units import mm

    s = base.styles()
    with words.language("de"):
        head = [base.paragraph(h, s["head"]) for h in ("Ziel", "Indikator", "Ausgangswert")]
        row = [base.paragraph(t, s["cell"]) for t in ("Neue Leserinnen und Leser", "", "0")]
        widths = [48 * mm, 38 * mm, 14 * mm]
        fitted = base.fit_columns([head, row], widths)
        table = base.flowing_table([head, row], widths)
        base.build(tmp_path / "t.pdf", [table], title="t", owner="t")
    assert abs(sum(fitted) - sum(widths)) < 0.01
    line = base._widest(row[0], False, whole=True)
    assert line - 0.01 <= fitted[0] < widths[0]  # the title gave only what it had spare
    assert fitted[1] < widths[1] and fitted[2] > widths[2]
    assert "Neue Leserinnen und Leser" in pdf_text(tmp_path / "t.pdf")


def test_chart_labels_are_shortened_with_an_ellipsis(crowded, tmp_path):
    db, _pid, _contact = crowded
    with db.unit() as s:
        generate(s, "goals", tmp_path / "goals.pdf", language="de")
    text = pdf_text(tmp_path / "goals.pdf")
    [label] = [
        line.strip().split("…")[0] + "…"
        for line in text.splitlines()
        if "Fortbildungs" in line and "…" in line
    ]
    assert "Fortbildungsveranstaltungen für Schulsozialarbeiterinnen".startswith(
        label.removesuffix("…")
    ), label


def test_the_impact_report_states_its_period_totals_and_ratings(crowded, tmp_path):
    db, _pid, _contact = crowded
    with db.unit() as s:
        generate(s, "goals", tmp_path / "goals.pdf", language="de")
        goals = services.list_rows(s, "goal", limit=1000)
        evaluations = services.list_rows(s, "evaluation", limit=1000)
    text = " ".join(pdf_text(tmp_path / "goals.pdf").split())
    assert "Zeitraum: " in text
    assert f"Ziele {len(goals)} (" in text
    assert f"Auswertungen {len(evaluations)}" in text
    assert "Bewertung: gesamt" in text
    assert "Durchschnittlicher Fortschritt" in text


def test_the_directory_is_in_dictionary_order_with_other_last(crowded, tmp_path):
    db, _pid, _contact = crowded
    with db.unit() as s:
        generate(s, "directory", tmp_path / "directory.pdf", language="de")
    text = pdf_text(tmp_path / "directory.pdf")
    with words.language("de"):
        groups = [words.tr(g) for g in ("Foundations", "Media", "NGOs", "Public institutions",
                                        "Schools", "Companies", "Other")]  # fmt: skip
    found = sorted((text.index(f"\n  {g}\n"), g) for g in groups if f"\n  {g}\n" in text)
    order = [g for _at, g in found]
    assert order[-1] == "Sonstige"
    assert order[:-1] == sorted(order[:-1], key=words.sort_key)
    assert "Öffentliche Einrichtungen" in order
    assert "Hauptstraße 1\n" in text and "50667 Köln" in text, "the address line by line"


def test_dictionary_order_puts_umlauts_with_their_letters():
    names = ["Zentrum", "Öffentliche", "Offene", "Apfel", "Ärzte", "Bank", "Straße", "Strasse"]
    assert sorted(names, key=words.sort_key) == [
        "Apfel", "Ärzte", "Bank", "Offene", "Öffentliche", "Straße", "Strasse", "Zentrum",
    ]  # fmt: skip


def test_the_agreement_side_by_side_breaks_no_word_and_wraps_no_heading(crowded, tmp_path):
    """Both languages in half the width each: the crowded agreement's tables (across the
    page, each text above its translation) and its sections break no word; the title and
    every heading stay on one line of their column."""
    from workbook.reports import documents

    db, pid, _contact = crowded
    with db.unit() as s:
        parts = []
        for language in ("de", "en"):
            with words.language(language), base.narrowed(documents.COLUMN):
                parts.append(REPORTS["agreement"](s, partnership_id=pid, first="de")[1])
        story = documents.side_by_side(*parts)
        base.build(tmp_path / "both.pdf", story, title="t", owner="t")
    assert _broken_cells(story) == []
    text = pdf_text(tmp_path / "both.pdf")
    assert "Partnerschaftsvereinbarung" in text and "Verantwortlichkeiten" in text
    for left, right in (("1. Parteien", "1. Parties"), ("9. Unterschriften", "9. Signatures")):
        [line] = [x for x in text.splitlines() if left in x]
        assert right in line, line  # a heading beside its translation, on the same line
