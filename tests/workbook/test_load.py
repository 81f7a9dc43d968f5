"""Twenty members saving overlapping decisions on one server for a minute."""

from __future__ import annotations

import json

import pytest

from tests.conftest import fresh_database_url
from tools import loadharness

pytestmark = pytest.mark.slow  # the long runs: the full suite and CI, not the fast loop


def test_twenty_members_for_a_minute_lose_no_update(request, tmp_path, capsys):
    url = fresh_database_url(request, "postgresql", tmp_path)
    result = loadharness.run(url, tmp_path, members=20, seconds=60)
    with capsys.disabled():
        print("\nload:", json.dumps(result.__dict__ | {"lost": len(result.lost)}))
    assert result.errors == [], (
        "nothing but 'saved' or 'changed by someone else' may reach a member"
    )
    assert result.lost == [], "every acknowledged save is in the history"
    assert result.saves > 100 and result.conflicts > 0, "the records really were contended"
