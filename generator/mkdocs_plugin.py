"""MkDocs plugin shell: hands the engine-independent pages to MkDocs, nothing more.

Events: `on_config` makes the build's settings (`generator.settings`: `mkdocs.yml`, then
the documented environment overrides; first log line) and loads and checks the project
(problems are printed located; errors stop the build with a `PluginError`) — unless
`planportal build` has handed both over (`hand_over`); `on_files` adds the rendered pages
and the original texts as generated files, `on_post_build` runs the Pagefind indexer
(when the settings say so), `on_serve` watches `plans/` and `data/`.

Under `mkdocs serve`, errors in the data do not stop the preview: the last good project
is built again, with the errors shown at the top of every page (MkDocs would otherwise
hold every request until a build succeeds), and each is printed once.

Languages: every generated page is rendered once per language (`generator.render.i18n`):
the Chinese tree at the site root, the English one under `en/` (hand-written pages have
their English version under `docs/en/`).  One MkDocs build has one `theme.language`, so the
shell gives each page its own: `on_page_context` puts the page's language, site name,
search strings and language switch into the template context as `pp` (read by
`overrides/main.html`, `partials/language.html`, `partials/header.html` and
`partials/search.html`, so Material's own labels follow the page), and hands English pages
an English navigation (`on_nav`).  All logic lives in
`generator.views` and `generator.render`, so another engine needs only another shell.
"""

from __future__ import annotations

import copy
import dataclasses
import inspect
import os
import re
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from types import MethodType
from typing import TYPE_CHECKING, Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files

from .errors import Problem, errors_only
from .feedcheck import MalformedFeed
from .history import History, read_history
from .link_sources import located
from .parallel_write import PageWriters
from .progress import Progress, say
from .render.i18n import (
    DEFAULT_LANG,
    LANGS,
    PREFIX,
    chrome,
    lang_of,
    translated_title,
)
from .render.site import render_site
from .render.spool import FRONT_MATTER, SPOOL_PREFIX, PageSpool, remove_stale_spools
from .runtime import tune_gc
from .search_keywords import warm_up
from .settings import Settings, SettingsError, make_settings

if TYPE_CHECKING:
    from .project import Project

log = get_plugin_logger("planportal")
UNUSED_THEME_FILES = ("assets/javascripts/lunr/", "assets/javascripts/workers/search.")
"""Material's lunr search files: not used (search is Pagefind), so not published."""
PAGES = "pages"
"""Folder of the spool (a temporary directory) holding the generated pages."""


class PlanPortalConfig(Config):
    """The plugin's options in `mkdocs.yml` (`generator.settings`: environment variables
    and `planportal` flags take precedence)."""

    root = c.Optional(c.Dir(exists=True))
    """Project directory holding plans/ and data/ (default: the directory of mkdocs.yml)."""
    languages = c.Optional(c.ListOfItems(c.Choice(LANGS)))
    """Language trees to build (`zh`, the default, is always built, at the site root)."""
    search = c.Optional(c.Type(bool))
    """Index the built site with Pagefind (`generator.search_index`) after the build
    (default: true)."""


@dataclass(frozen=True)
class Handover:
    """What `planportal build` gives the plugin before MkDocs builds (`hand_over`)."""

    project: Project
    """Loaded and checked already (without errors): not loaded a second time."""
    settings: Settings
    index: bool
    """Whether the plugin runs Pagefind (`planportal build` indexes after the build)."""


class PlanPortalPlugin(BasePlugin[PlanPortalConfig]):
    def __init__(self) -> None:
        self.project: Project | None = None
        self.history: History = History()
        self.settings: Settings | None = None
        self.handover: Handover | None = None
        """Set by `hand_over` for the next build only."""
        self.index = True
        """Whether `on_post_build` runs Pagefind (this build's settings, or the handover)."""
        self.serving = False
        """Under `mkdocs serve` (`on_startup`): errors in the data do not stop the preview."""
        self.last_good: Project | None = None
        """Under serve: the last project without errors, built again while errors last."""
        self.errors: list[Problem] = []
        """Under serve: the errors the preview shows on every page (none: all is well)."""
        self.navs: dict[str, Any] = {}
        """Navigation per language tree (the default one is MkDocs' own)."""
        self.known: set[str] = set()
        """Site paths of every page, for the language switch."""
        self.spool: Path | None = None
        """Temporary directory holding this build's page spool (`on_files`); exports and
        feeds are written straight into the site."""
        self.pages: PageSpool | None = None
        """This build's generated pages, written to the spool (`on_files`): their body is
        HTML already (`on_pre_page`)."""
        self.writing = Progress("writing pages", 0, pages=0)
        """Pages MkDocs has written (`on_post_page`), reported each tenth at scale."""
        self.writers = PageWriters()
        """Helpers writing a share of the generated pages meanwhile (`on_env`)."""
        self.started = 0.0

    def hand_over(self, project: Project, settings: Settings, *, index: bool) -> None:
        """For the next build only: build `project` (checked) with `settings`; `index`:
        run Pagefind after it. Called by `planportal build` (`generator.build`) on the
        instance MkDocs' config holds (`config.plugins`)."""
        self.handover = Handover(project, settings, index)

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Also keeps this instance for every rebuild of `mkdocs serve` (MkDocs' rule)."""
        self.serving = command == "serve"

    def _settings(self, config: Any) -> Settings:
        """The edge of `mkdocs build` and `mkdocs serve`: `mkdocs.yml`, then the
        documented environment overrides (`generator.settings`)."""
        given = {name: self.config[name] for name in ("root", "search", "languages")}
        given["site_url"] = config.site_url
        try:
            return make_settings(
                default_root=Path(config.config_file_path).resolve().parent,
                environ=os.environ,
                config=given,
            )
        except SettingsError as exc:
            raise PluginError(f"planportal: {exc}") from None

    def on_config(self, config: Any) -> Any:
        from .project import load_project
        from .reports import attach_progress

        check_engine()  # the parts of MkDocs used beyond plugin events are the known ones
        tune_gc()  # `mkdocs build` / `serve`: see generator.runtime
        handed, self.handover = self.handover, None
        project: Project | None
        problems: list[Problem]
        if handed is not None:  # `planportal build` has loaded and checked the project
            settings, project, problems = handed.settings, handed.project, []
            self.index = handed.index
        else:
            settings = self._settings(config)
            if settings != self.settings:  # every build, or a rebuild whose settings changed
                say(settings.describe())
            self.index = settings.search
            # serve: only edited files; the word lists load while helpers parse plan files
            project, problems = load_project(
                settings.root, cache=True, meanwhile=warm_up, processes=settings.processes
            )
            if project is not None:  # progress reports, as `planportal build` checks them
                project, found = attach_progress(project, settings.build_date)
                problems += found
        self.settings = settings
        for problem in sorted(problems):  # data warnings, as in `check`, fail no build
            (log.error if problem.severity == "error" else log.info)(problem.format())
        errors = errors_only(problems)
        if errors or project is None:
            summary = (
                f"{len(errors)} error(s) in plans/ or data/ under {settings.root} (above); "
                "fix them or run `planportal check`"
            )
            if not self.serving:
                raise PluginError(f"planportal: {summary}")  # each error printed once, above
            log.error(f"{summary}; the preview shows them on every page until they are fixed")
            self.errors = errors
            project = self.last_good
        else:
            self.errors = []
            self.last_good = project
        self.project = project
        self.history = History()
        if project is not None:
            self.history = read_history(settings.root, project.plans)
            for warning in self.history.problems:  # unreadable old revisions: shown only
                say(warning.format())
            if self.history.note:
                log.info(f"revision history: {self.history.note}")
            self.project = dataclasses.replace(project, history=self.history)
        if settings.site_url:  # canonical URLs and sitemap.xml follow the settings' URL
            config.site_url = settings.site_url.rstrip("/") + "/"
        return config

    def on_files(self, files: Files, *, config: Any) -> Files:
        assert self.settings is not None
        settings = self.settings
        langs = list(settings.languages)
        self._drop_spool()
        for stale in remove_stale_spools():
            say(f"removed {stale}, left by a build that was stopped")
        if self.project is None:  # serve, and no good project yet: only the errors
            files.append(File.generated(config, "index.md", content=_errors_page(self.errors)))
            return files
        self.spool = Path(tempfile.mkdtemp(prefix=f"{SPOOL_PREFIX}{os.getpid()}-"))
        site_dir = Path(config.site_dir)
        made_dirs: set[Path] = set()

        def write(site_path: str, content: bytes) -> None:
            """Exports and feeds go straight into the site as they are made (MkDocs has
            cleaned it already): copied over from a spool, each of the thousands of files
            of a national portal was created twice."""
            target = site_dir / site_path
            if target.parent not in made_dirs:
                target.parent.mkdir(parents=True, exist_ok=True)
                made_dirs.add(target.parent)
            target.write_bytes(content)

        started = time.monotonic()
        say(f"rendering {len(self.project.plans):,} plans in {len(langs)} languages")
        try:
            site = render_site(
                self.project,
                settings,
                spool=self.spool / PAGES,
                write=write,
                known=_existing(files),
            )
        except MalformedFeed as exc:
            raise PluginError(str(exc)) from None
        pages, sizes, sources = site.pages, site.exports, site.sources
        if settings.search:  # indexed after the build (`on_post_build`, `planportal build`)
            from .search_index import write_documents

            say(write_documents(site_dir, self.project, site.views).summary())
        for problem in located(site.link_problems, settings.root):
            log.warning(problem if isinstance(problem, str) else problem.format())
        for unused in [f for f in files if f.src_uri.startswith(UNUSED_THEME_FILES)]:
            files.remove(unused)
        for path in pages.paths:
            existing = files.get_file_from_path(path)
            if existing is not None:
                files.remove(existing)
            files.append(File.generated(config, path, content=""))  # read from the spool
        pages.close()  # flushed: MkDocs reads the pages back from here on
        self.pages = pages
        for site_path, project_path in sources:
            files.append(
                File.generated(config, site_path, abs_src_path=str(settings.root / project_path))
            )
        self.known = {f.url for f in files.documentation_pages()}
        say(
            f"rendered {len(pages.paths):,} pages and {len(sizes):,} export files in "
            f"{time.monotonic() - started:.1f} s; MkDocs writes {len(self.known):,} pages next"
        )
        self.writing = Progress("writing pages", len(self.known), pages=len(self.known))
        self.started = time.monotonic()
        return files

    def on_nav(self, nav: Any, *, config: Any, files: Files) -> Any:
        self.navs = {DEFAULT_LANG: nav}
        for lang in self.settings.languages if self.settings is not None else ():
            if lang != DEFAULT_LANG:
                self.navs[lang] = _translated_nav(nav, config, files, lang)
        return nav

    def on_env(self, env: Any, *, config: Any, files: Files) -> Any:
        """Every page is read: helpers write a share of the generated ones from here on."""
        if self.pages is not None:  # needed for reading only: let it go before forking
            self.pages.drop_reading_state()  # else each helper would count it too
        generated = [f.page for f in files.documentation_pages() if self._generated(f.page)]
        nav = self.navs.get(DEFAULT_LANG)
        processes = self.settings.processes if self.settings is not None else 1
        self.writers.start(
            generated, processes=processes, config=config, nav=nav, env=env, files=files
        )
        return env

    def _generated(self, page: Any) -> bool:
        return self.pages is not None and page.file.src_uri in self.pages

    def on_pre_page(self, page: Any, *, config: Any, files: Files) -> Any:
        """Generated pages skip MkDocs' Markdown pass: their body is one block of finished
        HTML, which Python-Markdown would only re-parse to print it unchanged (the largest
        cost of a build before: bench/RESULTS.md). Their `Page.render` is replaced, which
        `check_engine` guards; the site is the same byte for byte as through Markdown
        (tests/test_mkdocs_shell.py)."""
        if self._generated(page):
            assert self.pages is not None
            ids = self.pages.links.page_ids(page.file.src_uri)
            page.render = MethodType(partial(_render_prerendered, ids=ids), page)
        return page

    def on_page_read_source(self, *, page: Any, config: Any) -> str | None:
        """A generated page's front matter, all MkDocs reads from its source: its body is
        read from the spool when the page is written (`on_page_context`)."""
        if self._generated(page):
            assert self.pages is not None
            return self.pages.heads[page.file.src_uri]
        return None

    def on_post_page(self, output: str, *, page: Any, config: Any) -> str:
        """The page is written next: let its HTML go. The theme's templates indent every
        line; on a generated page (no `<pre>`, no whitespace-sensitive text) the indentation
        is dropped: a smaller page, less for the search indexer to read."""
        self.writing.advance()
        if page.file.src_uri in self.writers:  # written by a helper: empty here
            return output
        if self._generated(page):
            page.content = ""
            output = _INDENT.sub("\n", output)
        return output

    def on_page_context(self, context: Any, *, page: Any, config: Any, nav: Any) -> Any:
        if page.file.src_uri in self.writers:  # a helper writes it (`on_env`)
            return context
        if self._generated(page):  # the body is read back from the spool just in time
            assert self.pages is not None
            page.content = _body(self.pages.read(page.file.src_uri))
        url = page.url if page.url not in (".", "./") else ""
        context["pp"] = chrome(url, self.known)
        context["nav"] = self.navs.get(lang_of(url), nav)
        context["pp_errors"] = [problem.format() for problem in self.errors]
        return context

    def _drop_spool(self) -> None:
        if self.spool is not None:
            shutil.rmtree(self.spool, ignore_errors=True)
            self.spool = None

    def _drop_build_state(self) -> None:
        """MkDocs keeps the plugin alive after the build: let the project and page set go
        (hundreds of MB at national scale) before the search indexer starts."""
        self.project = None
        self.navs, self.known, self.pages = {}, set(), None
        self.handover = None

    def on_build_error(self, *, error: Exception) -> None:
        self.writers.stop()
        self._drop_spool()
        self._drop_build_state()

    def on_shutdown(self) -> None:
        """Also when a caller ran only some events (e.g. the benchmark's `on_files`)."""
        self.serving, self.last_good, self.errors = False, None, []
        self.writers.stop()
        self._drop_spool()
        self._drop_build_state()

    def on_post_build(self, *, config: Any) -> None:
        self.writers.finish()  # before the spool goes: the helpers read pages from it
        if self.writing.total:
            say(f"wrote {self.writing.done:,} pages in {time.monotonic() - self.started:.1f} s")
        self._drop_spool()  # every page has been written by now
        self._drop_build_state()
        if not self.index:
            return
        from .search_index import index_site

        stats = index_site(config.site_dir, echo=None)
        log.info(stats.summary())

    def on_serve(self, server: Any, *, config: Any, builder: Any) -> Any:
        assert self.settings is not None
        for part in ("plans", "data"):
            if (self.settings.root / part).is_dir():
                server.watch(str(self.settings.root / part))
        server.watch(str(Path(__file__).parent / "templates"))
        return server


_INDENT = re.compile(r"\n[ \t\n]+")


def _body(source: str) -> str:
    """A spooled page's HTML body: its source without the front matter."""
    found = FRONT_MATTER.match(source)
    return (source[found.end() :] if found else source).strip("\n")


def _render_prerendered(page: Any, config: Any, files: Files, *, ids: frozenset[str]) -> None:
    """`Page.render` for a generated page. Nothing is kept: MkDocs renders every page before
    it writes the first, and the body is read back in `on_page_context`. The anchors are
    noted for MkDocs' own check of links from hand-written pages."""
    from mkdocs.structure.toc import get_toc

    page.markdown = None
    page.content = ""
    page.toc = get_toc([])
    page.present_anchor_ids = set(ids)


def _existing(files: Files) -> set[str]:
    """Site paths of hand-written pages and assets (links to them are valid)."""
    return {f.url for f in files if f.url}


def _errors_page(errors: list[Problem]) -> str:
    """The home page of a preview that has no good build to show yet (the errors are
    listed above it, as on every page of such a preview: `pp_errors`)."""
    return (
        "# planportal: the data has errors\n\n"
        f"Nothing can be built until the {len(errors)} error(s) above are fixed; this page "
        "reloads when they are.\n"
    )


def _translated_nav(nav: Any, config: Any, files: Files, lang: str) -> Any:
    """The default tree's navigation with each page swapped for its `lang` counterpart,
    made by MkDocs' own `get_navigation` from a `nav` setting written for that tree (so
    parents and previous and next pages are linked as in the default tree).

    Titles set in `mkdocs.yml` are translated through the UI strings
    (`render.i18n.translated_title`); entries without a counterpart page are dropped.
    """
    from mkdocs.structure.nav import get_navigation

    titles: dict[str, str] = {}
    tree_config = copy.copy(config)  # the same settings, with this tree's `nav`
    tree_config["nav"] = _nav_setting(nav.items, files, lang, titles)
    translated = get_navigation(files, tree_config)
    for page in translated.pages:  # pages read already keep their own title otherwise
        if page.file.src_uri in titles:
            page.title = titles[page.file.src_uri]
    home = files.get_file_from_path(PREFIX[lang] + "index.md")
    if home is not None and home.page is not None:
        translated.homepage = home.page
    return translated


def _nav_setting(items: list[Any], files: Files, lang: str, titles: dict[str, str]) -> list[Any]:
    """`items` of the default tree's navigation as the `nav` setting of the `lang` tree;
    `titles` gets the translated title of each page that has one."""
    from mkdocs.structure.nav import Link, Section
    from mkdocs.structure.pages import Page

    out: list[Any] = []
    for item in items:
        if isinstance(item, Page):
            path = PREFIX[lang] + item.file.src_uri
            if files.get_file_from_path(path) is None:
                continue
            title = translated_title(item.__dict__.get("title"), lang)  # as set in mkdocs.yml
            if title:
                titles[path] = title
            out.append({title: path} if title else path)
        elif isinstance(item, Section):
            children = _nav_setting(item.children, files, lang, titles)
            if children:
                out.append({translated_title(item.title, lang) or item.title: children})
        elif isinstance(item, Link):
            out.append({item.title: item.url} if item.title else item.url)
    return out


def check_engine() -> None:
    """The parts of MkDocs this shell relies on beyond its plugin events are as they were
    when it was written (MkDocs 1.6): else the build stops here, saying what changed,
    instead of publishing a site that is subtly wrong. Tested, so that an upgrade of MkDocs
    fails the tests first."""
    from mkdocs.structure.nav import get_navigation
    from mkdocs.structure.pages import Page

    expected: dict[str, tuple[Callable[..., Any], list[str]]] = {
        "mkdocs.structure.nav.get_navigation": (get_navigation, ["files", "config"]),
        "mkdocs.structure.pages.Page.render": (Page.render, ["self", "config", "files"]),
    }
    for name, (function, parameters) in expected.items():
        found = list(inspect.signature(function).parameters)
        if found != parameters:
            raise PluginError(
                f"planportal: MkDocs' {name} takes {found}, not {parameters} as in MkDocs "
                "1.6, which this plugin was written for: install mkdocs 1.6 or update "
                "generator/mkdocs_plugin.py"
            )
    missing = {"markdown", "content", "toc", "present_anchor_ids"} - set(Page.__annotations__)
    if missing:
        raise PluginError(
            f"planportal: MkDocs' Page has no {sorted(missing)}, as MkDocs 1.6 had: install "
            "mkdocs 1.6 or update generator/mkdocs_plugin.py (`_render_prerendered`)"
        )
