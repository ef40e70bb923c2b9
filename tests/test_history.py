"""Revision history from git: task-level diffs, redlines, tombstones, odd checkouts."""

from __future__ import annotations

import subprocess
from pathlib import Path

from helpers import PLAN, make_project

from generator.history import read_history, redline


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True)


def commit_all(root: Path, message: str) -> None:
    git(root, "add", "-A")
    git(root, "-c", "user.name=Editor", "-c", "user.email=e@example.org", "commit", "-qm", message)


def repo_with_edit(tmp_path: Path) -> Path:
    root = make_project(tmp_path / "repo")
    git(root, "init", "-q")
    commit_all(root, "Add demo plan")
    edited = (
        PLAN.replace("lead: [市应急管理局]", "lead: [市住建局]")
        .replace(
            "{date: 2024-12-31, precision: year, phrase: 2024年底前",
            "{date: 2025-06-30, precision: month, phrase: 2025年6月底前",
        )
        .replace(
            "        text: 深化城镇燃气专项治理。\n", "        text: 深化城镇燃气安全专项治理。\n"
        )
        .replace('          - {id: "1", no: 一是, text: 建立机制；}\n', "")
    )
    (root / "plans" / "demo.yaml").write_text(edited, encoding="utf-8")
    commit_all(root, "Revise demo plan")
    return root


def test_task_level_diff(tmp_path: Path) -> None:
    root = repo_with_edit(tmp_path)
    history = read_history(root)
    assert history.note is None
    assert [r.subject for r in history.revisions] == ["Revise demo plan", "Add demo plan"]
    latest = history.revisions[0].plans[0]
    assert latest.status == "modified"
    summary = {
        (c.task_id, c.item_id, c.kind): {f.name: (f.old, f.new) for f in c.changes}
        for c in latest.tasks
    }
    assert summary[("01", "", "modified")] == {
        "lead": ("市应急管理局", "市住建局"),
        "deadlines": ("2024-12-31（2024年底前）", "2025-06-30（2025年6月底前）"),
    }
    assert summary[("02", "", "modified")]["text"] == (
        "深化城镇燃气专项治理。",
        "深化城镇燃气安全专项治理。",
    )
    assert ("01", "1", "removed") in summary
    assert latest.units_touched() == {"市应急管理局", "市住建局"}
    first = history.revisions[1].plans[0]
    assert first.status == "added"
    assert {c.task_id for c in first.tasks} == {"01", "02"}


def test_tombstones_name_the_removing_revision(tmp_path: Path) -> None:
    root = repo_with_edit(tmp_path)
    from generator.project import load_project

    project, _ = load_project(root)
    assert project is not None
    history = read_history(root, project.plans)
    assert [(t.task_id, t.item_id, t.no) for t in history.tombstones] == [("01", "1", "一是")]
    assert history.tombstones[0].removed_in == history.revisions[0].commit


def test_redline_marks_inserted_characters() -> None:
    assert redline("深化燃气治理", "深化城镇燃气治理").runs == (
        ("=", "深化"),
        ("+", "城镇"),
        ("=", "燃气治理"),
    )


def test_outside_git_checkout(tmp_path: Path) -> None:
    history = read_history(make_project(tmp_path / "plain"))
    assert history.revisions == ()
    assert history.note is not None and "not built from a git checkout" in history.note


def test_shallow_clone_says_so(tmp_path: Path) -> None:
    root = repo_with_edit(tmp_path)
    clone = tmp_path / "shallow"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{root}", str(clone)],
        check=True,
        capture_output=True,
    )
    history = read_history(clone)
    assert history.note is not None and "shallow clone" in history.note
    assert len(history.revisions) == 1
