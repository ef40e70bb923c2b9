"""`planportal build`: check, build into a temporary directory, index, swap atomically.

A failed build (bad data, a broken link under --strict, a failing search index) never
touches the published `site_dir`: the new site is built beside it and only renamed into
place once complete; the old one is then deleted. An interrupted build (Ctrl-C) stops
quietly and removes what it made; what a killed one left (`site.new-PID`, `site.old-PID`
of a process that is gone) is removed by the next build.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import shutil
import signal
import sys
import time
import traceback
from pathlib import Path
from typing import Any

from .errors import errors_only, format_problems
from .progress import PROGRESS
from .runtime import (
    follow_parent,
    frozen_heap,
    interrupt_once,
    release_memory,
    remove_left_behind,
)

CLEAN_UP_SECONDS = 30
"""How long an interrupted build process may take to clean up (~3 s at national scale)."""
INTERRUPTED = 130
"""The exit code of a command stopped by Ctrl-C (128 + SIGINT), as shells report it."""
DEFAULT_CONFIG = Path(__file__).resolve().parents[1] / "mkdocs.yml"
"""Used when the project root has no mkdocs.yml of its own (e.g. test fixtures)."""


def _say(message: str) -> None:
    print(f"planportal: {message}", flush=True)


def _config_for(root: Path) -> Path:
    own = root / "mkdocs.yml"
    return own if own.is_file() else DEFAULT_CONFIG


def _check(root: Path) -> Any:
    """The checked project, or None (problems printed)."""
    from .project import load_project
    from .reports import attach_progress
    from .search_keywords import warm_up
    from .views.dates import build_date

    # the word lists for rendering load while forked helpers parse the plan files
    project, problems = load_project(root, meanwhile=warm_up)
    if project is not None:  # progress reports are checked against valid plans
        project, found = attach_progress(project, build_date())
        problems += found
    if problems:
        print(format_problems(problems), file=sys.stderr)
    errors = errors_only(problems)
    if errors or project is None:
        _say(f"{len(errors)} error(s): the site was not built (the old site is untouched)")
        return None
    tasks = sum(len(p.tasks()) for p in project.plans)
    _say(f"checked {len(project.plans)} plans, {tasks} tasks, {len(problems)} warning(s)")
    return project


MKDOCS_ENV = {"NO_MKDOCS_2_WARNING": "1", "PLANPORTAL_SEARCH": "0"}
"""PLANPORTAL_SEARCH=0: indexed by `build_site` once the build is complete."""


def _mkdocs(root: Path, out: Path, *, strict: bool, project: Any) -> bool:
    """`mkdocs build -q [--strict]` in this process, handing the checked project to the
    plugin (`mkdocs_plugin.preload`) so that it is not loaded a second time."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    from . import mkdocs_plugin

    env = dict(MKDOCS_ENV, PLANPORTAL_ROOT=str(root))
    saved = {key: os.environ.get(key) for key in env}
    logger = logging.getLogger("mkdocs")
    level, propagate = logger.level, logger.propagate
    stream = logging.StreamHandler(sys.stderr)
    stream.setLevel(logging.ERROR)  # -q: warnings are counted (--strict), not shown
    stream.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    cwd = Path.cwd()
    os.environ.update(env)
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    logger.addHandler(stream)
    progress = logging.StreamHandler(sys.stdout)  # the plugin's progress lines, as printed
    progress.setFormatter(logging.Formatter("%(message)s"))
    PROGRESS.setLevel(logging.INFO)
    PROGRESS.addHandler(progress)
    try:
        os.chdir(root)
        config = load_config(config_file=str(_config_for(root)), site_dir=str(out), strict=strict)
        mkdocs_plugin.preload(root, project)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            with frozen_heap():
                build(config)
        finally:
            config.plugins.on_shutdown()
        return True
    except MkDocsException as exc:
        print(f"ERROR   -  {exc.format_message()}", file=sys.stderr)
        return False
    finally:
        mkdocs_plugin.preload(root, None)
        os.chdir(cwd)
        logger.removeHandler(stream)
        logger.setLevel(level)
        logger.propagate = propagate
        PROGRESS.removeHandler(progress)
        PROGRESS.setLevel(logging.NOTSET)
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def _index(out: Path) -> bool:
    from .search_index import index_site

    try:
        index_site(out)  # prints Pagefind's progress and a summary line
    except Exception as exc:  # SearchIndexError is a one-line message
        _say(f"search index failed: {exc}")
        return False
    return True


def _swap(new: Path, site_dir: Path) -> Path:
    """Replace `site_dir` by `new` with two renames; the old site's new name (to delete)."""
    old = site_dir.with_name(f"{site_dir.name}.old-{os.getpid()}")
    if site_dir.exists():
        site_dir.rename(old)
    try:
        new.rename(site_dir)
    except BaseException:  # an OSError, or Ctrl-C between the renames
        if old.exists():
            old.rename(site_dir)
        raise
    return old


def _build_into(root: Path, tmp: Path, strict: bool) -> bool:
    """Check the project and build it with MkDocs into `tmp` (messages printed)."""
    project = _check(root)
    if project is None:
        return False
    tmp.parent.mkdir(parents=True, exist_ok=True)
    _say(f"building with MkDocs{' (strict)' if strict else ''} into {tmp.name}")
    ok = _mkdocs(root, tmp, strict=strict, project=project)
    if not ok:
        _say("MkDocs build failed: the old site is untouched")
    return ok


def _in_child(work: Any, *args: Any) -> bool:
    """`work(*args)` in a forked process; True when it returned True.

    The check and the MkDocs build hold the project, every page's data and jieba's
    dictionary (~0.8 GB at national scale). Python keeps freed memory for reuse, so a
    process that did that work would still hold ~0.6 GB while Pagefind (1.6 GB by itself)
    indexes the site; a parent that only waits stays at a few tens of MB.

    The child leads a process group of its own, with the helpers it forks: an interruption
    here (Ctrl-C, SIGTERM) is passed on to all of them, and the end of this process (killed
    outright) stops the child as SIGTERM does. The helpers end at once
    (`runtime.become_helper`), the child cleans up and ends without a traceback, and
    this process waits for it before removing the unfinished site.
    """
    sys.stdout.flush()
    sys.stderr.flush()
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:  # the child: never returns into the caller's code
        code = 1
        try:
            os.setpgid(0, 0)
            interrupt_once(group=True)
            follow_parent(parent, signal.SIGTERM)  # killed outright: clean up and end
            code = 0 if work(*args) else 1
        except KeyboardInterrupt:  # its clean-up has run (the plugin's temporary files)
            code = INTERRUPTED
        except BaseException:  # a bug, not bad data (that is reported by the check)
            traceback.print_exc()
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
    with contextlib.suppress(OSError):  # the child may have done it first, or ended
        os.setpgid(pid, pid)
    try:
        _, status = os.waitpid(pid, 0)
    except KeyboardInterrupt:
        with contextlib.suppress(OSError):
            os.killpg(pid, signal.SIGINT)
        _wait_or_kill(pid, CLEAN_UP_SECONDS)
        raise
    code = os.waitstatus_to_exitcode(status)
    if code < 0:  # ended by a signal it did not handle: killed
        _say(
            f"the build process was killed ({_signal_name(-code)}; out of memory?): "
            "the old site is untouched"
        )
    return code == 0


def _wait_or_kill(pid: int, seconds: float) -> None:
    """Wait for the interrupted child to clean up and end; past `seconds`, kill its group."""
    deadline = time.monotonic() + seconds
    while os.waitpid(pid, os.WNOHANG) == (0, 0):
        if time.monotonic() > deadline:
            with contextlib.suppress(OSError):
                os.killpg(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            return
        time.sleep(0.02)


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


def _remove_leftovers(site_dir: Path) -> None:
    """Remove `site.new-PID` and `site.old-PID` beside `site_dir` of builds whose process
    is gone; those of a build still running stay."""
    left = re.compile(re.escape(site_dir.name) + r"\.(?:new|old)-(\d+)")
    remove_left_behind(
        site_dir.parent,
        left,
        removing=lambda path: _say(f"removing {path.name}, left by an interrupted build"),
    )


def build_site(
    root: Path, site_dir: Path, *, search: bool = True, strict: bool = True, isolate: bool = False
) -> int:
    """Build the site of the project at `root` into `site_dir`; 0 on success, 1 on failure.

    `isolate` (the `planportal build` command): check and build in a forked process, so the
    process that then runs the search indexer is small (see `_in_child`)."""
    started = time.monotonic()
    root, site_dir = Path(root).resolve(), Path(site_dir).resolve()
    tmp = site_dir.with_name(f"{site_dir.name}.new-{os.getpid()}")
    _remove_leftovers(site_dir)
    shutil.rmtree(tmp, ignore_errors=True)
    swapped = False
    try:
        if isolate and hasattr(os, "fork"):
            built = _in_child(_build_into, root, tmp, strict)
        else:
            built = _build_into(root, tmp, strict)
        if not built:
            return 1
        release_memory()
        if search and not _index(tmp):
            _say("the old site is untouched")
            return 1
        if not search:
            from .search_index import remove_documents

            remove_documents(tmp)  # written for the indexer while the site was built
        old = _swap(tmp, site_dir)
        swapped = True
        shutil.rmtree(old, ignore_errors=True)
    except KeyboardInterrupt:
        if swapped:
            _say(
                "interrupted while removing the old site: the new one is in place "
                f"(the next build removes {site_dir.name}.old-{os.getpid()})"
            )
        else:
            _say("interrupted: the old site is untouched")
        return INTERRUPTED
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    pages = sum(1 for _ in site_dir.rglob("*.html"))
    _say(f"site ready: {site_dir} ({pages} HTML pages, {time.monotonic() - started:.1f} s)")
    return 0
