"""Decision numbers are unique and stable; supersede chains work and cycles are refused."""

from __future__ import annotations

import pytest

from tests.workbook import factories
from workbook import services
from workbook.domain.errors import ValidationError
from workbook.services.decisions import supersede_chain


def test_numbers_count_per_year_and_never_change(db):
    numbers = []
    with db.unit() as s:
        for index in range(60):
            year = 2025 + index % 3
            numbers.append(factories.decision(s, f"D{index}", decided_on=f"{year}-06-01").number)
    assert len(set(numbers)) == 60
    assert numbers[:3] == ["D-2025-001", "D-2026-001", "D-2027-001"]
    assert numbers[-1] == "D-2027-020"
    with db.unit() as s:
        first = services.get(s, "decision", "D-2025-001")
        services.update(s, "decision", first.id, {"decided_on": "2027-01-01"})
    with db.unit() as s:
        assert services.get(s, "decision", "d-2025-001").title == "D0"


def test_numbers_are_not_reused_after_delete(db):
    with db.unit() as s:
        last = factories.decision(s, "A")
        factories.decision(s, "B")
        services.delete(s, "decision", services.get(s, "decision", "D-2026-002").id)
        assert last.number == "D-2026-001"
    with db.unit() as s:
        assert factories.decision(s, "C").number == "D-2026-003"


def test_supersede_chain_and_status(db):
    with db.unit() as s:
        a = factories.decision(s, "Budget 2026", decided_on="2026-01-10")
        b = factories.decision(s, "Budget 2026 neu", decided_on="2026-03-01", supersedes_id=a.id)
        c = factories.decision(s, "Budget 2026 final", decided_on="2026-05-01", supersedes_id=b.id)
        ids = a.id, b.id, c.id
    with db.unit() as s:
        a, b, c = (services.get(s, "decision", i) for i in ids)
        assert [d.number for d in supersede_chain(c)] == [b.number, a.number]
        assert (a.status, b.status, c.status) == ("superseded", "superseded", "adopted")
        assert [d.title for d in a.superseded_by] == ["Budget 2026 neu"]


def test_supersede_cycles_and_self_are_refused(db):
    with db.unit() as s:
        a = factories.decision(s, "A", decided_on="2026-01-01")
        b = factories.decision(s, "B", decided_on="2026-01-01", supersedes_id=a.id)
        c = factories.decision(s, "C", decided_on="2026-01-01", supersedes_id=b.id)
        ids = a.id, c.id
    a_id, c_id = ids
    with pytest.raises(ValidationError, match="itself"), db.unit() as s:
        services.update(s, "decision", a_id, {"supersedes_id": a_id})
    with pytest.raises(ValidationError, match="cycle"), db.unit() as s:
        services.update(s, "decision", a_id, {"supersedes_id": c_id})
    with db.unit() as s:
        assert services.get(s, "decision", a_id).supersedes_id is None


def test_superseding_decision_cannot_predate_the_old_one(db):
    with db.unit() as s:
        a_id = factories.decision(s, "A", decided_on="2026-05-01").id
    with pytest.raises(ValidationError, match="before the decision it supersedes"), db.unit() as s:
        factories.decision(s, "B", decided_on="2026-04-01", supersedes_id=a_id)


def test_numbers_stay_unique_with_concurrent_writers(db):
    from concurrent.futures import ThreadPoolExecutor

    def write(worker: int) -> list[str]:
        made = []
        for index in range(8):
            with db.unit() as s:
                made.append(factories.decision(s, f"W{worker}-{index}").number)
        return made

    with ThreadPoolExecutor(max_workers=4) as pool:
        numbers = [n for batch in pool.map(write, range(4)) for n in batch]
    assert sorted(numbers) == [f"D-2026-{i:03d}" for i in range(1, 33)]
