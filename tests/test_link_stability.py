"""Links survive revisions: renumbered tasks keep their anchors; removed ones land on a
notice naming the revision that removed them; /changes/ and the feeds show the edit."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from helpers import HLBE, copy_fixture, mkdocs_build

pytestmark = pytest.mark.build

PLAN = f"plans/{HLBE}.yaml"


def git(root: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(root), *args], check=True, capture_output=True, text=True
    )
    return done.stdout.strip()


def commit(root: Path, message: str) -> str:
    git(root, "add", "-A")
    git(root, "-c", "user.name=Editor", "-c", "user.email=e@example.org", "commit", "-qm", message)
    return git(root, "rev-parse", "HEAD")


def task_block(text: str, task_id: str) -> str:
    """The YAML lines of one task (from its `- id:` line to the next task or section)."""
    start = text.index(f'          - id: "{task_id}"\n')
    rest = text[start + 10 :]
    ends = [rest.find(m) for m in ('\n          - id: "', "\n      - id: ", "\n  - id: ")]
    end = min(e for e in ends if e != -1)
    return text[start : start + 10 + end + 1]


@pytest.fixture(scope="module")
def revised(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    root = copy_fixture(tmp_path_factory.mktemp("repo") / "project")
    git(root, "init", "-q")
    commit(root, "Publish the plan")
    path = root / PLAN
    text = path.read_text(encoding="utf-8")
    removed = task_block(text, "02")
    # delete task 02 (with its items) and insert a new task 29 in its place, numbered 3
    new_task = (
        '          - id: "29"\n            no: 3\n            title: 新增任务。\n'
        "            text: 2025年底前完成新的工作。\n"
    )
    text = text.replace(removed, new_task)
    # renumber task 03 as 2: its id (and so its anchor) stays
    text = text.replace('- id: "03"\n            no: 3\n', '- id: "03"\n            no: 2\n')
    path.write_text(text, encoding="utf-8")
    sha = commit(root, "Revise: delete 2, renumber 3 as 2, insert a new 3")
    site = root.parent / "site"
    result = mkdocs_build(root, site)
    assert result.returncode == 0, result.stderr
    return site, sha


def page(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def test_renumbered_task_keeps_its_anchor(revised: tuple[Path, str]) -> None:
    html = page(revised[0], f"plans/{HLBE}/index.html")
    assert re.search(r'id="t-03"', html)
    assert re.search(r'id="t-29"', html)


def test_removed_task_and_items_land_on_a_notice(revised: tuple[Path, str]) -> None:
    site, sha = revised
    html = page(site, f"plans/{HLBE}/index.html")
    for anchor in ("t-02", "t-02-1", "t-02-2"):
        notice = re.search(rf'<p class="pp-tombstone" id="{anchor}">(.*?)</p>', html)
        assert notice, anchor
        # the notice links the revision that removed it (the revision id is not shown)
        assert f'href="history/#r-{sha[:8]}"' in notice.group(1)
        assert sha[:8] not in re.sub(r'href="[^"]*"', "", notice.group(1))


def test_changes_page_shows_the_task_level_diff(revised: tuple[Path, str]) -> None:
    site, sha = revised
    html = page(site, "changes/index.html")
    assert f'id="r-{sha[:8]}"' in html
    revision = html[html.index(f'id="r-{sha[:8]}"') :]
    assert "删除" in revision and "新增" in revision and "修改" in revision
    history = page(site, f"plans/{HLBE}/history/index.html")
    assert "删除 1 项任务" in history and "新增 1 项任务" in history
    # the commit subject is the developers' English: not on a Chinese page, nor the id
    assert "Revise: delete 2" not in history and f"<code>{sha[:8]}</code>" not in history


def test_atom_feed_parses_and_lists_the_revision(revised: tuple[Path, str]) -> None:
    site, sha = revised
    feed = ET.parse(site / "changes" / "feed.xml").getroot()
    ns = {"a": "http://www.w3.org/2005/Atom"}
    ids = [e.findtext("a:id", namespaces=ns) for e in feed.findall("a:entry", ns)]
    assert f"tag:planportal,2024:commit:{sha}" in ids
    assert len(ids) == 2
