"""Writing the generated pages with every core: MkDocs writes one page at a time.

After reading every page, MkDocs puts each one through the theme and writes it, in one loop
(`mkdocs.commands.build._build_page`) on one core: at national scale the longest single
step of the build, while the other cores idle (bench/RESULTS.md). Once every page is read
(`on_env`), `PageWriters.start` forks helpers that each write a share of the generated
pages with that same function (the same template, context and plugin events, so the same
bytes); MkDocs' loop here then passes over those pages: they get an empty template, and
MkDocs writes nothing for empty output. What a helper logs (warnings, errors) is sent
back and logged here, where `--strict` counts it; a helper that fails fails the build
(`finish`).

Also under `mkdocs serve`, whose server and file watcher run in threads while it builds: a
fork takes only the building thread, and a lock another thread holds stays held in the
helper, but a helper takes none of theirs. Logging's locks are made anew in a forked child
(the standard library does that), its log records go to a pipe, not to the terminal, and
the server's threads only serve files and wait for changes. Not for fewer than
`PARALLEL_FROM` pages, nor where MkDocs' page writer is not the function this was written
for: then MkDocs writes every page. Generated pages are always written, also with
`--dirty` (MkDocs counts a generated file as modified), so helpers write theirs too.
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Callable, Sequence
from typing import Any

from jinja2 import ChoiceLoader, DictLoader
from mkdocs.exceptions import PluginError

from .processes import Helpers

PARALLEL_FROM = 2_000
"""Generated pages at least for helpers to write some: a smaller site is written in a few
seconds, where a fork and its copied memory gain little (the same bar as the progress lines)."""
ELSEWHERE_TEMPLATE = "planportal-written-by-a-helper.html"
"""The empty template of the pages a helper writes, for MkDocs' loop in this process."""
_PAGE_WRITER_PARAMETERS = ["page", "config", "doc_files", "nav", "env", "dirty", "excluded"]
_SKIPPED = "Page skipped: '"
"""How MkDocs reports a page whose output is empty (here: one a helper writes)."""
Logged = list[tuple[str, int, str]]
"""What a helper logged: (logger name, level, message)."""


def _page_writer() -> Callable[..., None] | None:
    """MkDocs' own page writer, if it is the one this module was written for."""
    try:
        from mkdocs.commands.build import _build_page
    except ImportError:
        return None
    if list(inspect.signature(_build_page).parameters) != _PAGE_WRITER_PARAMETERS:
        return None
    return _build_page


class _Captured(logging.Handler):
    """What a helper logs, kept to be logged by the process running the build."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: Logged = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))


class _NotWrittenHere(logging.Filter):
    """Drops MkDocs' "Page skipped" line for the pages a helper writes."""

    def __init__(self, elsewhere: set[str]) -> None:
        super().__init__()
        self.elsewhere = elsewhere

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if not message.startswith(_SKIPPED):
            return True
        return message[len(_SKIPPED) :].partition("'")[0] not in self.elsewhere


class PageWriters:
    """Helpers writing shares of the generated pages while MkDocs writes the rest
    (started, waited for and stopped as `generator.processes` describes)."""

    def __init__(self) -> None:
        self.helpers: Helpers[tuple[Logged, str | None]] = Helpers("page writer")
        self.elsewhere: set[str] = set()
        """Source paths of the pages the helpers write."""
        self._filter: _NotWrittenHere | None = None

    def start(
        self, pages: Sequence[Any], *, processes: int, config: Any, nav: Any, env: Any, files: Any
    ) -> int:
        """Fork `processes - 1` helpers, the k-th writing every `processes`-th page of
        `pages` from the k-th on (pages of every size in each share); how many pages
        they write (0 when this process writes every page)."""
        write = _page_writer()
        if processes <= 1 or write is None or len(pages) < PARALLEL_FROM:
            return 0
        from mkdocs.structure.files import InclusionLevel

        doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
        build = (config, doc_files, nav, env)
        self.helpers.start(processes - 1, lambda k: _write_share(write, pages[k::processes], build))
        for k in range(1, processes):
            self.elsewhere.update(page.file.src_uri for page in pages[k::processes])
        for page in pages:  # after the forks: the helpers keep the real templates
            if page.file.src_uri in self.elsewhere:
                page.meta["template"] = ELSEWHERE_TEMPLATE
        env.loader = ChoiceLoader([DictLoader({ELSEWHERE_TEMPLATE: ""}), env.loader])
        self._filter = _NotWrittenHere(self.elsewhere)
        logging.getLogger("mkdocs.commands.build").addFilter(self._filter)
        return len(self.elsewhere)

    def __contains__(self, src_uri: str) -> bool:
        return src_uri in self.elsewhere

    def finish(self) -> None:
        """Wait for the helpers and log what they logged; `PluginError` if one failed."""
        failures = []
        for outcome in self.helpers.outcomes():
            records, error = outcome.value or ([], outcome.error)
            for name, level, message in records:
                logging.getLogger(name).log(level, message)
            if error is not None:
                failures.append(f"{outcome.name}: {error}")
        self._reset()
        if failures:
            raise PluginError("planportal: writing pages failed in " + "; ".join(failures))

    def stop(self) -> None:
        """The build failed here: the helpers' pages are not wanted."""
        self.helpers.stop()
        self._reset()

    def _reset(self) -> None:
        self.elsewhere = set()
        if self._filter is not None:
            logging.getLogger("mkdocs.commands.build").removeFilter(self._filter)
            self._filter = None


def _write_share(
    write: Callable[..., None], pages: Sequence[Any], build: tuple[Any, ...]
) -> tuple[Logged, str | None]:
    """In a helper: write `pages` as MkDocs would; what was logged, and the error that
    stopped it, if any (MkDocs has logged it, with the page's name)."""
    captured = _Captured()
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.handlers = [captured]  # logged once, by the process running the build
    mkdocs_log.propagate = False
    config, doc_files, nav, env = build
    error = None
    try:
        for page in pages:
            excluded = page.file.inclusion.is_excluded()
            write(page, config, doc_files, nav, env, False, excluded=excluded)
    except Exception as exc:  # reported by `PageWriters.finish`, which fails the build
        error = f"{type(exc).__name__}: {exc}"
    return captured.records, error
