"""`planportal build`: check, build into a temporary directory, index, swap atomically.

`build_site` reads top to bottom:

1. one build at a time per site: a lock beside it (`.site.lock`); a second build says
   "another build is running" and leaves everything alone;
2. what killed builds left is dealt with: an old site left between the two renames of a
   swap (`site.old-PID`, no `site/`) is put back first, then every `site.new-PID` and
   `site.old-PID` of a process that is gone is removed;
3. in the build process (forked: `processes.run_isolated`): MkDocs' config is loaded, the
   settings are made (`generator.settings`; the first line of the log), the project is
   checked, and MkDocs builds it into `site.new-PID` with the checked project and the
   settings handed to the plugin instance (`PlanPortalPlugin.hand_over`);
4. Pagefind indexes the new site (from this small process);
5. two renames put the new site in place; the old one is deleted.

A failed build (bad data, a broken link under --strict, a failing search index) never
touches the published `site_dir`. An interrupted one (Ctrl-C, SIGTERM) stops quietly and
removes what it made; what a killed one left is dealt with by the next build (step 2).
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import shutil
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import errors_only, format_problems
from .processes import (
    INTERRUPTED,
    Busy,
    exclusive,
    left_behind,
    remove_left_behind,
    run_isolated,
)
from .progress import PROGRESS
from .runtime import frozen_heap, release_memory
from .settings import Settings, SettingsError, make_settings, project_root

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

    from .mkdocs_plugin import PlanPortalPlugin
    from .project import Project

DEFAULT_CONFIG = Path(__file__).resolve().parents[1] / "mkdocs.yml"
"""Used when the project root has no mkdocs.yml of its own (e.g. test fixtures)."""


def _say(message: str) -> None:
    print(f"planportal: {message}", flush=True)


def build_site(
    root: Path | None,
    site_dir: Path,
    *,
    environ: Mapping[str, str] | None = None,
    strict: bool = True,
    isolate: bool = False,
    **given: object,
) -> int:
    """Build the project at `root` into `site_dir`; 0 on success, 1 on failure,
    `INTERRUPTED`.

    `root` and `given` are the settings given on the command line, by name (`search`,
    `build_date` …; None: not given), `environ` the environment (`generator.settings`
    says which variables count and in which order; none when not given). `isolate` (the
    `planportal build` command): check and build in a forked process, so the process
    that then waits for the indexer is small."""
    flags = {name: value for name, value in {"root": root, **given}.items() if value is not None}
    started = time.monotonic()
    site_dir = Path(site_dir).resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.ExitStack() as held:
        try:
            held.enter_context(exclusive(site_dir.with_name(f".{site_dir.name}.lock")))
        except Busy as busy:
            holder = f" (process {busy.holder})" if busy.holder else ""
            _say(f"another build is running into {site_dir}{holder}: try again when it ends")
            return 1
        code = _build_locked(site_dir, flags, environ or {}, strict, isolate)
    if code == 0:
        pages = sum(1 for _ in site_dir.rglob("*.html"))
        _say(f"site ready: {site_dir} ({pages} HTML pages, {time.monotonic() - started:.1f} s)")
    return code


def _build_locked(
    site_dir: Path,
    flags: Mapping[str, object],
    environ: Mapping[str, str],
    strict: bool,
    isolate: bool,
) -> int:
    tmp = site_dir.with_name(f"{site_dir.name}.new-{os.getpid()}")
    _restore_old_site(site_dir)
    _remove_leftovers(site_dir)
    shutil.rmtree(tmp, ignore_errors=True)
    swapped = False
    work = partial(_build_into, tmp, flags, environ, strict)
    try:
        if isolate and hasattr(os, "fork"):
            ended = run_isolated(work)
            if ended.killed_by:
                _say(
                    f"the build process was killed ({ended.killed_by}; out of memory?): "
                    "the old site is untouched"
                )
            settings = ended.value
        else:
            settings = work()
        if settings is None:
            return 1
        release_memory()
        if settings.search and not _index(tmp):
            _say("the old site is untouched")
            return 1
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
    return 0


def _build_into(
    tmp: Path, flags: Mapping[str, object], environ: Mapping[str, str], strict: bool
) -> Settings | None:
    """The build process's work: settings, check, MkDocs into `tmp` (messages printed);
    the settings when the site was built, else None."""
    try:
        root = project_root(flags, environ, default=Path.cwd())
        config = _engine_config(root, tmp, strict)
        settings = make_settings(
            default_root=root,
            flags=flags,
            environ=environ,
            config=_config_values(config),
            config_name=Path(config.config_file_path).name,
        )
        plugin = _plugin(config)
    except SettingsError as exc:
        _say(str(exc))
        return None
    _say(settings.describe())
    project = _check(settings)
    if project is None:
        return None
    tmp.parent.mkdir(parents=True, exist_ok=True)
    _say(f"building with MkDocs{' (strict)' if strict else ''} into {tmp.name}")
    if not _mkdocs(config, plugin, project, settings):
        _say("MkDocs build failed: the old site is untouched")
        return None
    return settings


def _engine_config(root: Path, out: Path, strict: bool) -> MkDocsConfig:
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError

    own = root / "mkdocs.yml"
    try:
        return load_config(
            config_file=str(own if own.is_file() else DEFAULT_CONFIG),
            site_dir=str(out),
            strict=strict,
        )
    except ConfigurationError as exc:
        raise SettingsError(f"{own if own.is_file() else DEFAULT_CONFIG}: {exc}") from None


def _config_values(config: MkDocsConfig) -> dict[str, object]:
    """The settings `mkdocs.yml` gives (the project's root is `planportal`'s to say)."""
    plugin = _plugin(config)
    return {
        "search": plugin.config.search,
        "languages": plugin.config.languages,
        "site_url": config.site_url,
    }


def _plugin(config: MkDocsConfig) -> PlanPortalPlugin:
    from .mkdocs_plugin import PlanPortalPlugin

    for plugin in config.plugins.values():
        if isinstance(plugin, PlanPortalPlugin):
            return plugin
    raise SettingsError(f"{config.config_file_path} does not list the planportal plugin")


def _check(settings: Settings) -> Project | None:
    """The checked project, or None (problems printed)."""
    from .project import load_project
    from .reports import attach_progress
    from .search_keywords import warm_up

    # the word lists for rendering load while forked helpers parse the plan files
    project, problems = load_project(settings.root, meanwhile=warm_up, processes=settings.processes)
    if project is not None:  # progress reports are checked against valid plans
        project, found = attach_progress(project, settings.build_date)
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


def _mkdocs(
    config: MkDocsConfig, plugin: PlanPortalPlugin, project: Project, settings: Settings
) -> bool:
    """`mkdocs build [--strict]` in this process, with the checked project and the
    settings handed to the plugin, which does not load them again; each MkDocs warning is
    shown (under --strict they stop the build)."""
    from mkdocs.commands.build import build
    from mkdocs.exceptions import MkDocsException

    with _engine_output():
        try:
            plugin.hand_over(project, settings, index=False)  # indexed after the build
            config.plugins.on_startup(command="build", dirty=False)
            try:
                with frozen_heap():
                    build(config)
            finally:
                config.plugins.on_shutdown()
            return True
        except MkDocsException as exc:
            message = exc.format_message()
            if message.endswith("in strict mode!"):  # "Aborted with 2 warnings in …"
                _say("the warnings above stop the build (strict mode; --no-strict ignores them)")
            else:
                print(f"ERROR   -  {message}", file=sys.stderr)
            return False


@contextmanager
def _engine_output() -> Iterator[None]:
    """What MkDocs logs, shown as `mkdocs build -q` would, warnings included; the plugin's
    progress lines printed as they come."""
    logger = logging.getLogger("mkdocs")
    level, propagate = logger.level, logger.propagate
    stream = logging.StreamHandler(sys.stderr)
    stream.setLevel(logging.WARNING)
    stream.setFormatter(_EngineFormatter())
    progress = logging.StreamHandler(sys.stdout)
    progress.setFormatter(logging.Formatter("%(message)s"))
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    logger.addHandler(stream)
    PROGRESS.setLevel(logging.INFO)
    PROGRESS.addHandler(progress)
    try:
        yield
    finally:
        logger.removeHandler(stream)
        logger.setLevel(level)
        logger.propagate = propagate
        PROGRESS.removeHandler(progress)
        PROGRESS.setLevel(logging.NOTSET)


class _EngineFormatter(logging.Formatter):
    """MkDocs' own lines as MkDocs shows them (`WARNING -  …`); the plugin's located
    problems as `planportal check` shows them (`plans/x.yaml:12:5: warning: …`)."""

    def __init__(self) -> None:
        super().__init__("%(levelname)-7s -  %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        message = record.getMessage()
        if record.name == PLUGIN_LOGGER and _LOCATED.match(message):
            return message.removeprefix("planportal: ")
        return super().format(record)


PLUGIN_LOGGER = "mkdocs.plugins.planportal"
_LOCATED = re.compile(r"planportal: [^\s:]+:\d+:\d+: ")


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


def _leftover(site_dir: Path, kinds: str = "new|old") -> re.Pattern[str]:
    return re.compile(re.escape(site_dir.name) + rf"\.(?:{kinds})-(\d+)")


def _restore_old_site(site_dir: Path) -> None:
    """A build killed between the two renames of its swap left the published site as
    `site.old-PID` and no `site_dir`: put it back (the latest renamed, if several)."""
    if site_dir.exists():
        return
    old = left_behind(site_dir.parent, _leftover(site_dir, "old"))
    if not old:
        return
    latest = max(old, key=lambda path: path.stat().st_ctime)
    _say(f"putting back {latest.name} as {site_dir.name}: a build was killed while replacing it")
    latest.rename(site_dir)


def _remove_leftovers(site_dir: Path) -> None:
    """Remove `site.new-PID` and `site.old-PID` beside `site_dir` of builds whose process
    is gone; those of a build still running stay."""
    remove_left_behind(
        site_dir.parent,
        _leftover(site_dir),
        removing=lambda path: _say(f"removing {path.name}, left by an interrupted build"),
    )
