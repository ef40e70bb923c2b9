"""`planportal build`: check, build into a temporary directory, index, swap atomically.

A failed build (bad data, a broken link under --strict, a failing search index) never
touches the published `site_dir`: the new site is built beside it and only renamed into
place once complete; the old one is then deleted.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from .errors import errors_only, format_problems

DEFAULT_CONFIG = Path(__file__).resolve().parents[1] / "mkdocs.yml"
"""Used when the project root has no mkdocs.yml of its own (e.g. test fixtures)."""


def _say(message: str) -> None:
    print(f"planportal: {message}", flush=True)


def _config_for(root: Path) -> Path:
    own = root / "mkdocs.yml"
    return own if own.is_file() else DEFAULT_CONFIG


def _check(root: Path) -> bool:
    from .project import load_project

    project, problems = load_project(root)
    if problems:
        print(format_problems(problems), file=sys.stderr)
    errors = errors_only(problems)
    if errors or project is None:
        _say(f"{len(errors)} error(s): the site was not built (the old site is untouched)")
        return False
    tasks = sum(len(p.tasks()) for p in project.plans)
    _say(f"checked {len(project.plans)} plans, {tasks} tasks, {len(problems)} warning(s)")
    return True


def _mkdocs(root: Path, out: Path, *, strict: bool) -> bool:
    cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(_config_for(root))]
    cmd += ["-d", str(out)] + (["--strict"] if strict else [])
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PLANPORTAL_ROOT=str(root))
    env["PLANPORTAL_SEARCH"] = "0"  # indexed below, once the build is complete
    return subprocess.run(cmd, env=env, cwd=root, check=False).returncode == 0


def _index(out: Path) -> bool:
    if importlib.util.find_spec("generator.search_index") is None:
        _say("search: generator.search_index not available, skipped")
        return True
    from .search_index import index_site

    try:
        index_site(out)  # prints Pagefind's progress and a summary line
    except Exception as exc:  # SearchIndexError is a one-line message
        _say(f"search index failed: {exc}")
        return False
    return True


def _swap(new: Path, site_dir: Path) -> None:
    """Replace `site_dir` by `new` with two renames; the old site is deleted afterwards."""
    old = site_dir.with_name(f"{site_dir.name}.old-{os.getpid()}")
    if site_dir.exists():
        site_dir.rename(old)
    try:
        new.rename(site_dir)
    except OSError:
        if old.exists():
            old.rename(site_dir)
        raise
    shutil.rmtree(old, ignore_errors=True)


def build_site(root: Path, site_dir: Path, *, search: bool = True, strict: bool = True) -> int:
    """Build the site of the project at `root` into `site_dir`; 0 on success, 1 on failure."""
    started = time.monotonic()
    root, site_dir = Path(root).resolve(), Path(site_dir).resolve()
    if not _check(root):
        return 1
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = site_dir.with_name(f"{site_dir.name}.new-{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    _say(f"building with MkDocs{' (strict)' if strict else ''} into {tmp.name}")
    try:
        if not _mkdocs(root, tmp, strict=strict):
            _say("MkDocs build failed: the old site is untouched")
            return 1
        if search and not _index(tmp):
            _say("the old site is untouched")
            return 1
        _swap(tmp, site_dir)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    pages = sum(1 for _ in site_dir.rglob("*.html"))
    _say(f"site ready: {site_dir} ({pages} HTML pages, {time.monotonic() - started:.1f} s)")
    return 0
