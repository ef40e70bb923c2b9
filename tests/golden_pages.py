"""Golden pages: every generated page of two sites, both language trees, as rendered.

`tests/golden/<site>/` holds the Markdown source of each page (front matter + the finished
HTML body the engine shows unchanged) and `_exports.txt`, the export files with their size
and digest. `tests/test_golden.py` renders the sites again and compares them with these
files, as a recursive `diff` would (Pelican's functional tests do the same).

After a change that is meant to alter pages, regenerate them and review the diff:

    ./dev golden          (= .venv/bin/python tests/golden_pages.py)
    git diff --stat tests/golden/

Three sites: `fixture` (tests/fixtures/site, every page; a made-up revision history gives
/changes/, the plans' history pages and removed-clause notices content), `seed` (the
repository's own plans/ and data/, only the pages under `plans/` of each tree: long plans
printed on parts, notes, half-year deadlines; its unit pages would add 3 MB and nothing
the fixture's do not show) and `example` (examples/shili, every page: four rounds of
progress reports). Everything is rendered as of a fixed build date (`BUILD_DATE`; the
example's reports run until `EXAMPLE_DATE`), never today's date, and without the
repository's git history, so the files change only when the pages do.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import hashlib
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
if str(REPO) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(REPO))

from generator.history import History, PlanDiff, Revision, _tombstones, diff_plans  # noqa: E402
from generator.load import parse_yaml, validate_as  # noqa: E402
from generator.model import Plan  # noqa: E402
from generator.project import Project, load_project  # noqa: E402

GOLDEN = HERE / "golden"
BUILD_DATE = dt.date(2024, 10, 1)
EXAMPLE_DATE = dt.date(2026, 8, 1)
SITE_URL = "https://plans.example.org"
EXPORTS = "_exports.txt"
FIXTURE = HERE / "fixtures" / "site"
EXAMPLE = REPO / "examples" / "shili"
HLBE = "hulunbeier-zhiben-gongjian-2024"

# --- the made-up history of the fixture ---------------------------------------------------

REMOVED_TASK = """\
          - id: "04"
            no: 4
            title: 开展隐患排查试点。
            text: 在矿山、危险化学品行业领域选取试点企业，先行开展重大事故隐患动态清零试点。
            responsibility:
              lead: [市应急管理局]
"""
EARLIER_EDITS = (
    ("title: 严格执行重大事故隐患判定标准。", "title: 执行重大事故隐患判定标准。"),
    ("市应急管理局, 市能源局, 市消防救援支队", "市应急管理局, 市消防救援支队, 市公安局"),
    ('          - id: "05"\n', REMOVED_TASK + '          - id: "05"\n'),
)
"""How the fixture's Hulunbuir plan read before the latest revision: a title reworded (a
redline), a unit reassigned, a task that is gone now (a removed-clause notice)."""


def _earlier_plan(path: Path) -> Plan:
    text = path.read_text(encoding="utf-8")
    for new, old in EARLIER_EDITS:
        assert new in text, f"{path.name} no longer holds {new!r}: update EARLIER_EDITS"
        text = text.replace(new, old, 1)
    loaded, problems = parse_yaml(text, path.name)
    assert loaded is not None, problems
    plan, problems = validate_as(loaded, Plan)
    assert plan is not None, problems
    return plan


def fixture_history(project: Project) -> History:
    """Two revisions: every plan added, then the Hulunbuir plan revised."""
    current = {plan.id: plan for plan in project.plans}
    earlier = _earlier_plan(FIXTURE / "plans" / f"{HLBE}.yaml")
    added = Revision(
        "a" * 40,
        dt.datetime(2024, 3, 10, 9, 0, tzinfo=dt.UTC),
        "Editor",
        "Add the plans",
        tuple(
            PlanDiff(p.id, p.title, "added", diff_plans(None, earlier if p.id == HLBE else p))
            for p in project.plans
        ),
    )
    revised = Revision(
        "b" * 40,
        dt.datetime(2024, 6, 1, 9, 0, tzinfo=dt.UTC),
        "Editor",
        "Revise the Hulunbuir plan",
        (PlanDiff(HLBE, current[HLBE].title, "modified", diff_plans(earlier, current[HLBE])),),
    )
    revisions = (revised, added)
    return History(revisions, None, _tombstones(revisions, project.plans))


SITES: dict[str, tuple[Path, Callable[[Project], History], Callable[[str], bool], dt.date]] = {
    "fixture": (FIXTURE, fixture_history, lambda path: True, BUILD_DATE),
    "seed": (
        REPO,
        lambda project: History(),
        lambda path: _tree_path(path).startswith("plans/"),
        BUILD_DATE,
    ),
    "example": (EXAMPLE, lambda project: History(), lambda path: True, EXAMPLE_DATE),
}
"""Name → (project, its history, which files are kept, build date)."""


def _tree_path(path: str) -> str:
    return path.removeprefix("en/")


# --- rendering ------------------------------------------------------------------------------


def render(name: str) -> dict[str, str]:
    """Relative file path → text of every golden file of site `name`, as rendered now."""
    from generator.render.site import render_site
    from generator.reports import attach_progress
    from generator.settings import Settings

    root, history_of, kept, build_date = SITES[name]
    project, problems = load_project(root)
    assert project is not None, [p.format() for p in problems]
    project, problems = attach_progress(project, build_date)
    assert not [p for p in problems if p.severity == "error"], [p.format() for p in problems]
    project = dataclasses.replace(project, history=history_of(project))
    settings = Settings(root, build_date=build_date, site_url=SITE_URL, languages=("zh", "en"))
    site = render_site(project, settings)
    out = {page.path: page.content for page in site.page_list() if kept(page.path)}
    if kept(EXPORTS):
        out[EXPORTS] = "".join(
            f"{path}\t{len(content)}\t{hashlib.sha256(content).hexdigest()[:16]}\n"
            for path, content in sorted(site.files.items())
        )
    return out


def stored(name: str) -> dict[str, str]:
    folder = GOLDEN / name
    return {
        path.relative_to(folder).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def differences(expected: dict[str, str], actual: dict[str, str], limit: int = 3) -> list[str]:
    """What `diff -r` would say: files only on one side, then unified diffs (the first
    `limit` files that differ)."""
    out = [f"only in golden: {p}" for p in sorted(set(expected) - set(actual))]
    out += [f"only in output: {p}" for p in sorted(set(actual) - set(expected))]
    changed = [p for p in sorted(set(expected) & set(actual)) if expected[p] != actual[p]]
    for path in changed[:limit]:
        diff = difflib.unified_diff(
            expected[path].splitlines(),
            actual[path].splitlines(),
            f"golden/{path}",
            f"output/{path}",
            lineterm="",
            n=1,
        )
        out.append("\n".join(line[:300] for line in list(diff)[:40]))
    if len(changed) > limit:
        out.append(f"… and {len(changed) - limit} more files differ")
    return out


def update() -> None:
    for name in SITES:
        folder = GOLDEN / name
        shutil.rmtree(folder, ignore_errors=True)
        files = render(name)
        for path, text in files.items():
            target = folder / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        print(f"tests/golden/{name}: {len(files)} files")


if __name__ == "__main__":
    update()
