"""Whatever users type survives export and import unchanged (property-based)."""

from __future__ import annotations

import itertools
from datetime import date

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from workbook import services
from workbook.domain.enums import DecisionStatus, OrganisationKind, OrganisationStatus
from workbook.exchange.importer import preview
from workbook.exchange.xlsx_export import export_xlsx

pytestmark = pytest.mark.slow  # the long runs: the full suite and CI, not the fast loop

TEXT = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs", "Cc", "Cn", "Co"), whitelist_characters="\n\t"
    ),
    max_size=400,
)
NAME = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Cn", "Co")), min_size=1, max_size=120
).filter(lambda t: t.strip())
DATES = st.dates(min_value=date(1900, 1, 1), max_value=date(2026, 1, 1))
counter = itertools.count()


# The database keeps the records of earlier examples, so shrinking would mislead: off.
@settings(
    max_examples=15,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    name=NAME,
    notes=TEXT,
    kind=st.sampled_from(list(OrganisationKind)),
    status=st.sampled_from(list(OrganisationStatus)),
    strengths=st.lists(NAME.map(lambda t: t[:60]).filter(lambda t: "," not in t), max_size=4),
    title=NAME,
    text=TEXT.filter(lambda t: t.strip()),
    decided=DATES,
    votes=st.one_of(st.none(), st.integers(0, 500)),
    decision_status=st.sampled_from(
        [DecisionStatus.PROPOSED, DecisionStatus.ADOPTED, DecisionStatus.REJECTED]
    ),
    long_text=st.booleans(),
)
def test_anything_typed_comes_back_unchanged(
    db,
    tmp_path_factory,
    name,
    notes,
    kind,
    status,
    strengths,
    title,
    text,
    decided,
    votes,
    decision_status,
    long_text,
):
    if long_text:
        notes = (notes + " ") * 40
    with db.unit() as s:
        services.create(
            s,
            "organisation",
            {
                "name": f"{name[:180]} {next(counter)}",
                "kind": kind,
                "status": status,
                "notes": notes,
                "strengths": strengths,
            },
        )
        services.create(
            s,
            "decision",
            {
                "title": title[:200],
                "text": text,
                "decided_on": decided,
                "votes_for": votes,
                "status": decision_status,
            },
        )
    path = tmp_path_factory.mktemp("roundtrip") / "a.xlsx"
    with db.unit() as s:
        export_xlsx(s, path)
    with db.unit() as s:
        result = preview(s, path)
    different = [
        (r.sheet, r.row, r.status, r.changes, r.problems)
        for r in result.rows
        if r.status != "unchanged"
    ]
    assert different == []
    assert result.notices == []
