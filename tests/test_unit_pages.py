"""What the unit and group pages list, read back from the rendered pages of the seed portal
and compared with the independent computation `helpers.expected_duties` (plain PyYAML
straight from `plans/` and `data/units/`): every unit and group of every seed plan, in both
languages, every task in its role block, duties through groups under the group that binds
them."""

from __future__ import annotations

import posixpath
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
from helpers import expected_duties
from rendering import pages_of

from generator.project import load_project

REPO = Path(__file__).resolve().parents[1]
TASK_HREF = re.compile(r"plans/([^/]+)/(?:\d+/)?#t-(.+)$")


@pytest.fixture(scope="module")
def seed_pages() -> dict[str, str]:
    project, problems = load_project(REPO)
    assert project is not None, [p.format() for p in problems]
    return pages_of(project)


class _DutyRows(HTMLParser):
    """(plan, task, role, groups) of each row of a unit page's role blocks: `groups` is the
    group the row is listed under plus the other groups its note names."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.role = ""
        self.group = ""
        self.in_h3 = self.in_note = False
        self.row: list | None = None
        self.rows: list[tuple[str, str, str, frozenset[str]]] = []
        self.counts: dict[str, int] = {}
        self.in_count = ""
        self.in_list = False

    def _target(self, href: str) -> str:
        return posixpath.normpath(posixpath.join(posixpath.dirname(self.page), href))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        cls = a.get("class", "")
        if tag == "section":
            label = a.get("aria-labelledby", "")
            self.role = label.removeprefix("pp-role-") if label.startswith("pp-role-") else ""
            self.group = ""
        elif tag == "h3" and "pp-via" in cls:
            self.in_h3 = True
        elif tag == "a" and self.in_h3:
            self.group = self._target(a["href"]).rstrip("/").rsplit("/", 1)[-1]
        elif tag == "ul" and "pp-duties" in cls:
            self.in_list = True
        elif tag == "li" and self.in_list:
            self.row = [None, set()]
        elif tag == "span" and "pp-duty__note" in cls:
            self.in_note = True
        elif tag == "a" and self.row is not None and "pp-taskname" in cls:
            m = TASK_HREF.search(a["href"])
            assert m, a["href"]
            self.row[0] = m.groups()
        elif tag == "a" and self.row is not None and self.in_note:
            target = self._target(a["href"])
            if "/units/" in f"/{target}":
                self.row[1].add(target.rstrip("/").rsplit("/", 1)[-1])
        elif tag == "a" and "href" in a and a["href"].startswith("#pp-role-"):
            self.in_count = a["href"].removeprefix("#pp-role-")

    def handle_data(self, data: str) -> None:
        if self.in_count and data.strip().isdigit():
            self.counts[self.in_count] = int(data)
            self.in_count = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "h3":
            self.in_h3 = False
        elif tag == "span":
            self.in_note = False
        elif tag == "ul":
            self.in_list = False
        elif tag == "li" and self.row is not None:
            (plan, task), groups = self.row
            if self.role == "group":
                groups = {self.group, *groups}
            self.rows.append((plan, task, self.role, frozenset(groups)))
            self.row = None


def _unit_pages(pages: dict[str, str], tree: str, region: str, unit: str) -> list[str]:
    base = f"{tree}units/{region}/{unit}/"
    more = sorted(
        (p for p in pages if re.fullmatch(re.escape(base) + r"\d+/index\.md", p)),
        key=lambda p: int(p[len(base) :].split("/")[0]),
    )
    return [f"{base}index.md", *more]


def _listed(pages: dict[str, str], tree: str, region: str, unit: str) -> tuple[list, dict]:
    rows: list = []
    counts: dict[str, int] = {}
    for n, path in enumerate(_unit_pages(pages, tree, region, unit)):
        parser = _DutyRows(path)
        parser.feed(pages[path])
        rows += parser.rows
        if n == 0:
            counts = parser.counts
    return rows, counts


@pytest.mark.parametrize("tree", ["", "en/"], ids=["zh", "en"])
def test_every_unit_page_lists_every_task_that_binds_the_unit(seed_pages, tree):
    expected = expected_duties(REPO)
    assert len(expected) > 100, "every unit and group of the seed registry"
    wrong = {}
    for (region, unit), duties in expected.items():
        rows, counts = _listed(seed_pages, tree, region, unit)
        assert len(rows) == len(set(rows)), (region, unit, "a task listed twice in one role")
        if set(rows) != duties:
            wrong[(region, unit)] = (set(rows) - duties, duties - set(rows))
            continue
        per_role = Counter(role for _, _, role, _ in duties)
        assert counts == {r: n for r, n in per_role.items() if n}, (region, unit, counts)
    assert not wrong


def test_five_units_before_and_after_groups(seed_pages):
    """The counts the issue's closing note gives: tasks that name the unit itself, and all
    tasks that bind it (through its groups too)."""
    counts = {}
    for region, unit in (
        ("hulunbeier", "yingjiguanliju"),
        ("yuzhou", "yingjiguanliju"),
        ("yuzhou", "ziranziyuanheguihuaju"),
        ("bojingtan", "yingjiguanliju"),
        ("hulunbeier", "gonganju"),
    ):
        rows, _ = _listed(seed_pages, "", region, unit)
        named = {(p, t) for p, t, role, _ in rows if role != "group"}
        counts[f"{region}/{unit}"] = (len(named), len({(p, t) for p, t, _, _ in rows}))
    assert counts["hulunbeier/yingjiguanliju"] == (9, 22)
    assert all(after >= before for before, after in counts.values())
    assert sum(after - before for before, after in counts.values()) > 20, counts
