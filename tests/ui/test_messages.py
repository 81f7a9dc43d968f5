"""Every validation rule and every import problem is said as a sentence in the user's language
that names the field as the form labels it: no internal name, no English in German, no
reason without words. The reasons come from the real core (services, import, adoption) on a
real database and real files, and are worded as the app words them."""

from __future__ import annotations

import re
import uuid
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from tests.workbook import factories
from ui import i18n
from ui.errors import describe, problem_words, reason_texts, reason_words
from ui.labels import field_label
from ui.models.import_rows import details
from workbook import services
from workbook.domain.errors import REASONS, Reason, ValidationError
from workbook.exchange import adopt, importer
from workbook.exchange.xlsx_export import export_xlsx
from workbook.services import decisions, records
from workbook.services.fields import MAX_ENTRIES

#: Words of English sentences that German ones never hold.
ENGLISH = re.compile(
    r"\b(the|is|are|must|not|has|have|be|this|with|of|there|cannot|called|than|row|sheet|"
    r"column|field|entries|expected|required)\b",
    re.IGNORECASE,
)
#: Guards against a caller's mistake that no form and no file can reach.
UNREACHABLE = {"cannot_be_set"}


def _internal_names() -> set[str]:
    """Field names and stored values a person never sees as such."""
    names = {f.name for spec in services.all_specs() for f in spec.fields if "_" in f.name}
    choices = {
        c for spec in services.all_specs() for f in spec.fields for c in f.choices if "_" in c
    }
    return names | choices


def _placeholders(text: str) -> set[str]:
    return {name.split("!")[0].split(":")[0] for name in re.findall(r"{([^}]*)}", text)}


@pytest.fixture
def german(qapp):
    assert i18n.install("de") == "de"
    yield
    i18n.install("en")


def _assert_german(text: str, english: str) -> None:
    assert text and "{" not in text, text
    assert text != english, f"not translated: {text}"
    assert not ENGLISH.search(text), f"English in German: {text}"
    internal = [n for n in _internal_names() if re.search(rf"\b{n}\b", text)]
    assert internal == [], f"internal names in {text!r}"


def test_every_reason_has_words_with_the_same_placeholders():
    worded = reason_texts()
    assert set(worded) == set(REASONS)
    for why, english in REASONS.items():
        assert _placeholders(worded[why]) == _placeholders(english), why


def _sample(key: str) -> object:
    """A parameter of the kind the core gives under ``key``."""
    return {
        "entity": "organisation", "ref": "partnership", "kind": "decision",
        "other": "start_date", "field": "end_date", "fields": ["start_date", "organisation_id"],
        "choices": ["ngo", "public_institution"], "reason": Reason("required"),
        "problems": [Reason("required"), Reason("in_future")], "status": "invalid",
        "n": 200, "row": 7, "limit": 32767, "first": 3, "last": 9, "number": "D-2026-004",
    }.get(key, "Jugendwerk")  # fmt: skip


@pytest.mark.parametrize("why", sorted(set(REASONS) - {"refused"}))
def test_every_reason_is_a_german_sentence(german, why):
    params = {key: _sample(key) for key in _placeholders(REASONS[why])}
    said = reason_words(Reason(why, **params))
    _assert_german(said, str(Reason(why, **params)))


# -- the rules of the forms, broken as a person would break them -----------------------------


def _validation_errors(db) -> dict[str, ValidationError]:
    """Each rule of the core broken once, through the services the forms save with."""
    caught: dict[str, ValidationError] = {}

    def refused(entity: str, values: dict, ident=None) -> None:
        try:
            with db.unit() as s:
                if ident is None:
                    records.create(s, entity, values)
                else:
                    records.update(s, entity, ident, values)
        except ValidationError as exc:
            caught.setdefault(exc.reason.why, exc)
        else:
            raise AssertionError(f"{entity} {values} was accepted")

    with db.unit() as s:
        org = factories.organisation(s, "Verein").id
        older = records.create(
            s, "decision", {"title": "A", "decided_on": date(2026, 5, 1), "text": "t"}
        ).id
        newer = records.create(
            s,
            "decision",
            {"title": "B", "decided_on": date(2026, 5, 1), "text": "t", "supersedes_id": older},
        ).id
    org_ = {"name": "A", "kind": "ngo"}
    decision = {"title": "D", "decided_on": "01.03.2026", "text": "t"}
    conflict = {"title": "K", "raised_on": "01.03.2026"}
    refused("organisation", {"kind": "ngo"})
    refused("partnership", {"title": "P", "status": "active"})
    refused("organisation", {**org_, "email": "anna(at)x.de"})
    refused("organisation", {**org_, "website": "javascript:alert(1)"})
    refused("organisation", {**org_, "phone": "ruf an"})
    refused("organisation", {**org_, "name": "x" * 201})
    refused("organisation", {**org_, "name": "A\x1fB"})
    refused("organisation", {**org_, "strengths": [f"s{n}" for n in range(MAX_ENTRIES + 1)]})
    refused("organisation", {**org_, "strengths": ["Bildung, Kultur"]})
    refused("organisation", {**org_, "kind": "verein"})
    refused("organisation", {**org_, "colour": "rot"})
    refused("organisation", {**org_, "name": ["A"]})
    refused("decision", {**decision, "votes_for": -1})
    refused("evaluation", {"title": "E", "held_on": "01.03.2026", "rating_overall": 6})
    refused("evaluation", {"title": "E", "held_on": "01.03.2026"})
    refused("contact", {"name": "A", "consent_given_on": "01.01.2999"})
    refused("contact", {"name": "A", "consent_given_on": "31.02.2024"})
    refused("contact", {"name": "A", "organisation_id": str(uuid.uuid4())})
    refused("partnership", {"title": "P", "start_date": "01.05.2026", "end_date": "01.01.2026"})
    refused("partnership", {"title": "P", "partners": "Verein"})
    refused("partnership", {"title": "P", "partners": [{"organisation_id": org, "farbe": 1}]})
    refused(
        "partnership",
        {"title": "P", "partners": [{"organisation_id": org}, {"organisation_id": org}]},
    )
    refused("goal", {"title": "G", "baseline": 5, "target": 5})
    refused("goal", {"title": "G", "target": "viel"})
    refused("decision", {**decision, "votes_for": "drei"})
    refused("decision", {**decision, "consensus": "vielleicht"})
    refused("decision", {**decision, "consensus": True, "votes_for": 3})
    refused("decision", {**decision, "supersedes_id": "D-keine"})
    refused("decision", {**decision, "decided_on": "01.01.2026", "supersedes_id": older})
    refused("decision", {"supersedes_id": older}, ident=older)
    refused("decision", {"supersedes_id": newer}, ident=older)
    refused("meeting", {"title": "M", "held_on": "01.03.2026", "attendee_ids": ["jemand"]})
    refused("conflict", {**conflict, "status": "resolved"})
    refused("conflict", {**conflict, "status": "resolved", "resolution": "Einigung"})
    refused("conflict", {**conflict, "status": "in_mediation"})
    refused("conflict", {**conflict, "resolved_on": "02.03.2026"})
    with db.unit() as s:
        for filters in ({"partnership": "keine"}, {"farbe": "rot"}):
            with pytest.raises(ValidationError) as exc:
                records.list_rows(s, "goal", filters=filters)
            caught.setdefault(exc.value.reason.why, exc.value)
        with pytest.raises(ValidationError) as exc:
            records.list_rows(s, "goal", sort="farbe")
        caught.setdefault(exc.value.reason.why, exc.value)
    assert decisions  # the rules of decisions are registered with the services
    return caught


def test_every_rule_of_the_forms_is_said_in_german_with_the_forms_labels(german, sqlite_db):
    caught = _validation_errors(sqlite_db)
    rules = {why for why in REASONS if why not in IMPORT_REASONS and why not in UNREACHABLE}
    assert set(caught) >= rules, sorted(rules - set(caught))
    for why, error in caught.items():
        said = describe(error)
        i18n.install("en")
        english = describe(error)
        i18n.install("de")
        _assert_german(said, english)
        label = field_label(error.field)
        assert said.startswith(label), (why, said)
    # the entry of a list names its position, the other field of a rule its label
    assert describe(caught["already_partner"]).startswith("Partner und Rollen (Eintrag 2)")
    assert "„Beginn“" in describe(caught["before"])


def test_every_rule_of_the_forms_is_said_in_english_with_the_forms_labels(qapp, sqlite_db):
    i18n.install("en")
    for why, error in _validation_errors(sqlite_db).items():
        said = describe(error)
        assert said.startswith(field_label(error.field)), (why, said)
        internal = [n for n in _internal_names() if re.search(rf"\b{n}\b", said)]
        assert internal == [], said
    assert describe(ValidationError("partnership", "end_date", "x", "before", other="start_date"))


# -- what import and adoption find in files -------------------------------------------------

#: Reasons only a file can give (the rest are the forms' rules, which a file breaks too).
IMPORT_REASONS = {
    "formula", "cell_error", "not_app_id", "twice_in_sheet", "none_called", "several_called",
    "circle_in_file", "at_row", "at_cell", "refused", "not_applicable", "at_sheet_row",
    "at_sheet_rows", "at_sheet_record", "in_column", "record_gone", "cut_at_cell_limit",
    "changed_in_database", "changed_on_both_sides", "like_row", "may_duplicate",
    "leading_zero", "cannot_adopt", "no_fields_named", "map_a_column", "rows_invalid",
    "row_invalid", "preset_needs_name", "deleted_in_file",
}  # fmt: skip


def _column(sheet, header: str) -> int:
    return [c.value for c in sheet[1]].index(header) + 1


def _returned_workbook(db, tmp_path: Path) -> Path:
    """An exported workbook as a partner sends it back, with what partners get wrong."""
    with db.unit() as s:
        factories.organisation(s, "Jugendwerk Lausitz e.V.", email="info@jugendwerk.de")
        factories.organisation(s, "Volkshochschule Görlitz")
        for name in ("Anna Schmitz", "Anna Schmitz"):
            records.create(s, "contact", {"name": name})
        a = records.create(s, "decision", {"title": "A", "decided_on": "01.03.2026", "text": "t"})
        records.create(
            s,
            "decision",
            {"title": "B", "decided_on": "02.03.2026", "text": "t", "supersedes_id": a.id},
        )
    path = tmp_path / "Rückmeldung.xlsx"
    with db.unit() as s:
        export_xlsx(s, path)
    wb = openpyxl.load_workbook(path)
    orgs = wb["Organisations"]
    name, kind = _column(orgs, "Name"), _column(orgs, "Kind")
    email, ident = _column(orgs, "Email"), _column(orgs, importer.ID)
    orgs.cell(2, name).value = "=CONCAT(A1)"  # a formula
    orgs.cell(3, kind).value = "Verein"  # not one of the kinds
    orgs.append([None] * (name - 1) + ["jugendwerk lausitz e.v."] + [None] * (kind - name - 1)
                + ["ngo"])  # fmt: skip
    row = orgs.max_row
    orgs.cell(row, email).value = "INFO@jugendwerk.de"
    orgs.append([None] * (name - 1) + ["Neu"] + [None] * (kind - name - 1) + ["ngo"])
    orgs.cell(orgs.max_row, email).value = "info@jugendwerk.de"  # like the row before
    orgs.append([None] * (name - 1) + ["Neuer"] + [None] * (kind - name - 1) + ["ngo"])
    orgs.cell(orgs.max_row, ident).value = "kein-ausweis"  # not an ID the app wrote
    contacts = wb["Contacts"]
    org_column = _column(contacts, "Organisation")
    contacts.cell(2, org_column).value = "Unbekannter Verein"
    decisions_sheet = wb["Decisions"]
    supersedes = _column(decisions_sheet, "Supersedes")
    rows = {decisions_sheet.cell(r, _column(decisions_sheet, "Title")).value: r for r in (2, 3)}
    number = decisions_sheet.cell(rows["B"], _column(decisions_sheet, "Number (read only)")).value
    decisions_sheet.cell(rows["A"], supersedes).value = number  # A and B supersede each other
    meetings = wb["Meetings"]
    meetings.append(["" for _ in range(meetings.max_column)])
    wb.save(path)
    return path


def test_every_problem_of_a_returned_file_is_said_in_german(german, sqlite_db, tmp_path):
    path = _returned_workbook(sqlite_db, tmp_path)
    with sqlite_db.unit() as s:
        preview = importer.preview(s, path)
    problems = [p for row in preview.rows for p in row.problems]
    whys = {p.reason.why for p in problems}
    assert {"formula", "one_of", "none_called", "circle_in_file", "not_app_id"} <= whys, whys
    warnings = {w.why for row in preview.rows for w in row.warnings}
    assert {"like_row", "may_duplicate"} <= warnings, warnings
    for row in preview.rows:
        for warning in row.warnings:
            said = reason_words(warning)
            assert said in details(row)
            _assert_german(said, str(warning))
    for problem in problems:
        said = problem_words(problem)
        i18n.install("en")
        english = problem_words(problem)
        i18n.install("de")
        _assert_german(said, english)
    # nothing is applied when an accepted row is invalid, and the refusal is German too
    invalid = next(row for row in preview.rows if row.status == importer.INVALID)
    with pytest.raises(importer.ImportFailed) as refused, sqlite_db.unit() as s:
        importer.apply(s, preview, {invalid.key})
    said = describe(refused.value)
    assert said.startswith("Nichts wurde importiert: Blatt „"), said
    assert not ENGLISH.search(said.replace("Organisations", "")), said


def test_every_problem_of_an_adopted_list_is_said_in_german(german, sqlite_db, tmp_path):
    path = tmp_path / "Kontakte.csv"
    path.write_text(
        "Name;Einrichtung;PLZ\nJana Nowak;Unbekannter Verein;01234\nA\x1fB;;02826\n",
        encoding="utf-8",
    )
    table = adopt.read_table(path)
    mapping = {"Name": "name", "Einrichtung": "organisation_id", "PLZ": "notes"}
    with sqlite_db.unit() as s:
        rows = adopt.preview(s, table, "contact", mapping)
    said = [reason_words(p) for row in rows for p in row.problems]
    assert said[0] == "Zeile 2: „Unbekannter Verein“ gibt es hier nicht als Organisation", said
    assert said[1].startswith("Zeile 3, Spalte „Name“: "), said
    for line in said:
        _assert_german(line, "")
    with pytest.raises(adopt.BadMapping) as refused, sqlite_db.unit() as s:
        adopt.apply(s, "contact", rows, accepted={2})
    _assert_german(describe(refused.value), refused.value.message)
    for bad in ({"Einrichtung": "organisation_id"}, {"Name": "farbe"}):
        with pytest.raises(adopt.BadMapping) as refused, sqlite_db.unit() as s:
            adopt.preview(s, table, "contact", bad)
        _assert_german(describe(refused.value), refused.value.message)


def test_a_delete_names_what_else_it_affects_in_words(german):
    from ui.labels import table_words
    from workbook.domain.models import Base

    linked = [t.name for t in Base.metadata.sorted_tables if t.foreign_keys]
    assert "organisation_tags" in linked and "contacts" in linked
    for table in linked:
        said = table_words(table)
        i18n.install("en")
        english = table_words(table)
        i18n.install("de")
        assert "_" not in said and said != english, (table, said)
    assert table_words("organisation_tags") == "Stärken und Netzwerke"
