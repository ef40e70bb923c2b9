"""Revision history from git: task-level diffs, redlines, tombstones, odd checkouts."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from helpers import PLAN, make_project

from generator.history import Redline, read_history, redline


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


def test_an_unreadable_old_revision_is_listed_and_the_build_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A plan committed as GB18030 and fixed in the next commit broke every later build."""
    from generator.build import build_site

    root = make_project(tmp_path / "repo")
    git(root, "init", "-q")
    commit_all(root, "Add demo plan")
    long = "加强安全生产监督管理，" * 3000  # and a redline too long to make by character
    long_plan = PLAN.replace("text: 深化城镇燃气专项治理。", f"text: {long}")
    (root / "plans" / "demo.yaml").write_text(long_plan, encoding="utf-8")
    commit_all(root, "A long text")
    changed = long_plan.replace(long, "加强安全生产监管，" * 3200)
    (root / "plans" / "demo.yaml").write_text(changed, encoding="utf-8")
    commit_all(root, "The long text changed")
    (root / "plans" / "demo.yaml").write_bytes(PLAN.encode("gb18030"))
    commit_all(root, "Saved as GB18030")
    (root / "plans" / "demo.yaml").write_text(PLAN, encoding="utf-8")
    commit_all(root, "Saved as UTF-8 again")

    history = read_history(root)
    assert [d.status for r in history.revisions for d in r.plans] == [
        "modified",
        "unreadable",
        "modified",
        "modified",
        "added",
    ]
    bad = history.revisions[1]
    [warning] = history.problems
    assert warning.file == f"{bad.commit[:8]}:plans/demo.yaml" and warning.severity == "warning"
    assert "file is not valid UTF-8 (byte 0xb2)" in warning.message

    site = tmp_path / "site"
    assert build_site(root, site, search=False) == 0
    out = capsys.readouterr().out
    assert f"{bad.commit[:8]}:plans/demo.yaml:2:8: warning: this old revision cannot be read" in out
    changes = (site / "changes" / "index.html").read_text(encoding="utf-8")
    assert "该版本无法读取，未比较" in changes
    assert "Saved as GB18030" not in changes  # commit subjects are for developers
    assert "正文（文字过长，部分整段标出删改，未逐字比较）" in changes


def test_metadata_of_commits_is_cleaned_for_pages_and_feeds(tmp_path: Path) -> None:
    root = make_project(tmp_path / "repo")
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(
        root,
        "-c",
        "user.name=Ed\x1bitor",
        "-c",
        "user.email=e@x.org",
        "commit",
        "-qm",
        "A\x1b[31m \u202eB",
    )
    [rev] = read_history(root).revisions
    assert (rev.author, rev.subject) == ("Editor", "A[31m B")


def test_a_plan_file_that_is_a_symlink_in_git_is_not_followed(tmp_path: Path) -> None:
    root = make_project(tmp_path / "repo")
    git(root, "init", "-q")
    commit_all(root, "Add demo plan")
    (root / "plans" / "other.yaml").symlink_to("/etc/passwd")
    commit_all(root, "A link")
    history = read_history(root)
    assert history.revisions[0].plans[0].status == "unreadable"
    assert "the file is a symbolic link in git" in history.problems[0].message


def _spans(red: Redline) -> tuple[str, str]:
    """The old and the new text a redline stands for."""
    old = "".join(text for op, text in red.runs if op in "=-")
    new = "".join(text for op, text in red.runs if op in "=+")
    return old, new


def test_redline_of_long_repetitive_texts_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    """One commit changing a 32,000-character repetitive text made every later build take
    34 s instead of 3.5 s (difflib without autojunk is quadratic): each comparison the
    redline makes is bounded, and a text too long to compare by character says so."""
    import difflib

    from generator import history

    sizes: list[int] = []
    search = difflib.SequenceMatcher.find_longest_match

    def counting(self, alo=0, ahi=None, blo=0, bhi=None):  # type: ignore[no-untyped-def]
        """Counts the candidates difflib's search walks (its inner loop), as it does."""
        ahi = len(self.a) if ahi is None else ahi
        bhi = len(self.b) if bhi is None else bhi
        sizes.append(
            sum(1 for i in range(alo, ahi) for j in self.b2j.get(self.a[i], ()) if j < bhi)
        )
        return search(self, alo, ahi, blo, bhi)

    monkeypatch.setattr(difflib.SequenceMatcher, "find_longest_match", counting)
    old = "加强安全生产监督管理，" * 3000
    new = "加强安全生产监管，" * 3200
    red = redline(old, new)
    assert _spans(red) == (old, new)
    assert sum(sizes) <= history.REDLINE_BUDGET
    assert red.coarse

    sizes.clear()
    scattered = old.replace("监督", "监察", 40)  # many small edits in a long text
    red = redline(old, scattered)
    assert _spans(red) == (old, scattered)
    assert sum(sizes) <= history.REDLINE_BUDGET
    assert not red.coarse
    assert [text for op, text in red.runs if op == "+"] == ["察"] * 40

    sizes.clear()
    sentences = [f"第{i}项：加强安全生产监督管理，落实第{i}批企业主体责任。" for i in range(1500)]
    edited = list(sentences)
    for i in range(0, 1500, 150):  # ten edits spread over a 40,000-character text
        edited[i] = edited[i].replace("落实", "压实")
    red = redline("".join(sentences), "".join(edited))
    assert _spans(red) == ("".join(sentences), "".join(edited))
    assert sum(sizes) <= history.REDLINE_BUDGET
    assert not red.coarse
    assert [text for op, text in red.runs if op != "="] == ["落", "压"] * 10


def test_redline_of_one_edit_in_a_long_text_is_exact() -> None:
    old = "一是建立机制；" * 5000
    new = old[:10000] + "（新增）" + old[10000:]
    red = redline(old, new)
    assert [(op, text) for op, text in red.runs if op != "="] == [("+", "（新增）")]
    assert not red.coarse
