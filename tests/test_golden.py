"""Every generated page, as rendered, against the reviewed copy in tests/golden/.

A difference fails with a `diff -r`-style report; when the change is intended, regenerate
with `./dev golden` and review `git diff tests/golden/` (see `tests/golden_pages.py`).
"""

from __future__ import annotations

import pytest
from golden_pages import EXPORTS, SITES, differences, render, stored


@pytest.mark.parametrize("site", sorted(SITES))
def test_pages_are_the_golden_ones(site: str) -> None:
    expected = stored(site)
    assert expected, f"tests/golden/{site}/ is empty: run ./dev golden"
    found = differences(expected, render(site))
    assert not found, "\n".join(
        [f"site {site!r} differs from tests/golden/{site}/ (intended? ./dev golden):", *found]
    )


def test_golden_pages_cover_both_trees_and_every_kind_of_page() -> None:
    """The snapshot is worth reviewing only if it holds what the site is made of."""
    fixture = stored("fixture")
    for path in (
        "index.md",
        "plans/index.md",
        "plans/hulunbeier-zhiben-gongjian-2024/index.md",
        "plans/hulunbeier-zhiben-gongjian-2024/timeline/index.md",
        "plans/hulunbeier-zhiben-gongjian-2024/history/index.md",
        "units/index.md",
        "units/hulunbeier/yingjiguanliju/index.md",
        "timeline/index.md",
        "topics/index.md",
        "data/index.md",
        "changes/index.md",
    ):
        assert path in fixture and f"en/{path}" in fixture, path
    assert "<del>" in fixture["changes/index.md"]  # the made-up revision's redline
    assert 'class="pp-tombstone"' in fixture["plans/hulunbeier-zhiben-gongjian-2024/index.md"]
    assert "data/tasks.csv" in fixture[EXPORTS]
    seed = stored("seed")
    assert any("data-pp-parts=" in text for text in seed.values())  # a plan printed on parts
    assert all(path.removeprefix("en/").startswith("plans/") for path in seed)
