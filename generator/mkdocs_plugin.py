"""MkDocs plugin shell: hands the engine-independent pages to MkDocs, nothing more.

Events: `on_config` loads and checks the project (problems are printed located; errors stop
the build with a `PluginError`), `on_files` adds the rendered pages and the original texts
as generated files, `on_post_build` runs the Pagefind indexer (unless `PLANPORTAL_SEARCH=0`),
`on_serve` watches `plans/` and `data/`.

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

import dataclasses
import os
import re
import shutil
import tempfile
import time
from functools import partial
from pathlib import Path
from types import MethodType
from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files

from .errors import errors_only
from .history import History, read_history
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
from .runtime import return_freed_memory, tune_gc, worker_processes
from .search_keywords import warm_up
from .settings import Settings
from .views import build_date

log = get_plugin_logger(__name__)
ROOT_ENV = "PLANPORTAL_ROOT"
UNUSED_THEME_FILES = ("assets/javascripts/lunr/", "assets/javascripts/workers/search.")
"""Material's lunr search files: not used (search is Pagefind), so not published."""
PAGES = "pages"
"""Folder of the spool (a temporary directory) holding the generated pages."""
SEARCH_ENV = "PLANPORTAL_SEARCH"
"""`0` skips indexing in the plugin (`planportal build` indexes after the build itself)."""


_PRELOADED: dict[Path, Any] = {}
"""Projects already loaded and checked by `planportal build` (`generator.build`), which runs
MkDocs in its own process: the plugin takes the project from here instead of loading it."""


def preload(root: Path, project: Any) -> None:
    """Hand `project` (checked, without errors) to the next build of `root`; None clears."""
    key = Path(root).resolve()
    if project is None:
        _PRELOADED.pop(key, None)
    else:
        _PRELOADED[key] = project


class PlanPortalConfig(Config):
    root = c.Optional(c.Dir(exists=True))
    """Project directory holding plans/ and data/ (default: the directory of mkdocs.yml)."""
    languages = c.ListOfItems(c.Choice(LANGS), default=list(LANGS))
    """Language trees to build (`zh`, the default, is always built, at the site root)."""
    search = c.Type(bool, default=True)
    """Index the built site with Pagefind (`generator.search_index`) after the build."""


class PlanPortalPlugin(BasePlugin[PlanPortalConfig]):
    def __init__(self) -> None:
        self.project: Any = None
        self.history: History = History()
        self.root: Path | None = None
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

    def _project_root(self, config: Any) -> Path:
        if os.environ.get(ROOT_ENV):
            return Path(os.environ[ROOT_ENV]).resolve()
        if self.config.root:
            return Path(self.config.root).resolve()
        return Path(config.config_file_path).resolve().parent

    def on_config(self, config: Any) -> Any:
        from .errors import format_problems
        from .project import load_project
        from .reports import attach_progress

        tune_gc()  # `mkdocs build` / `serve`: see generator.runtime
        self.root = self._project_root(config)
        project = _PRELOADED.pop(self.root, None)
        if project is not None:  # `planportal build` has loaded and checked it already
            problems = []
        else:
            # serve: only edited files; the word lists load while helpers parse plan files
            project, problems = load_project(self.root, cache=True, meanwhile=warm_up)
            if project is not None:  # progress reports are checked against valid plans
                project, found = attach_progress(project, build_date())
                problems += found
        for problem in sorted(problems):
            (log.error if problem.severity == "error" else log.warning)(problem.format())
        errors = errors_only(problems)
        if errors or project is None:
            raise PluginError(
                f"planportal: {len(errors)} error(s) in plans/ or data/ under {self.root}; "
                "fix them (see above) or run `planportal check`\n" + format_problems(errors)
            )
        self.project = project
        self.history = read_history(self.root, project.plans)
        if self.history.note:
            log.info(f"revision history: {self.history.note}")
        self.project = dataclasses.replace(project, history=self.history)
        return config

    def on_files(self, files: Files, *, config: Any) -> Files:
        langs = [DEFAULT_LANG, *(x for x in self.config.languages if x != DEFAULT_LANG)]
        self._drop_spool()
        for stale in remove_stale_spools():
            say(f"removed {stale}, left by a build that was stopped")
        self.spool = Path(tempfile.mkdtemp(prefix=f"{SPOOL_PREFIX}{os.getpid()}-"))
        site_dir = Path(config.site_dir)
        made_dirs: set[Path] = set()

        def write(site_path: str, content: bytes) -> None:
            """Exports and feeds go straight into the site as they are made (MkDocs has
            cleaned it already): copied over from a spool, each of the ~5,000 files of a
            national portal was created twice."""
            target = site_dir / site_path
            if target.parent not in made_dirs:
                target.parent.mkdir(parents=True, exist_ok=True)
                made_dirs.add(target.parent)
            target.write_bytes(content)

        started = time.monotonic()
        say(f"rendering {len(self.project.plans):,} plans in {len(langs)} languages")
        assert self.root is not None
        settings = Settings(
            root=self.root,
            build_date=build_date(),
            site_url=_base_url(config),
            processes=worker_processes(),
            languages=tuple(langs),
        )
        site = render_site(
            self.project, settings, spool=self.spool / PAGES, write=write, known=_existing(files)
        )
        pages, sizes, sources = site.pages, site.exports, site.sources
        for problem in site.link_problems:
            log.warning(problem)
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
                File.generated(config, site_path, abs_src_path=str(self.root / project_path))
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
        for lang in self.config.languages:
            if lang != DEFAULT_LANG:
                self.navs[lang] = _translated_nav(nav, files, lang)
        return nav

    def on_env(self, env: Any, *, config: Any, files: Files) -> Any:
        """Every page is read: helpers write a share of the generated ones from here on."""
        if self.pages is not None:  # needed for reading only: let it go before forking
            self.pages.drop_reading_state()
            return_freed_memory()  # else each helper would count it too (~70 MB at scale)
        generated = [f.page for f in files.documentation_pages() if self._generated(f.page)]
        nav = self.navs.get(DEFAULT_LANG)
        self.writers.start(
            generated, processes=worker_processes(), config=config, nav=nav, env=env, files=files
        )
        return env

    def _generated(self, page: Any) -> bool:
        return self.pages is not None and page.file.src_uri in self.pages

    def on_pre_page(self, page: Any, *, config: Any, files: Files) -> Any:
        """Generated pages skip Markdown: their body is one block of finished HTML, which
        Python-Markdown would only re-parse tag by tag (md_in_html) to print it unchanged —
        measured, 44 % of a build at 2,000 tasks."""
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
        is dropped: ~15 % of a small page, less for the search indexer to read."""
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

    def on_build_error(self, *, error: Exception) -> None:
        self.writers.stop()
        self._drop_spool()
        self._drop_build_state()

    def on_shutdown(self) -> None:
        """Also when a caller ran only some events (e.g. the benchmark's `on_files`)."""
        self.writers.stop()
        self._drop_spool()
        self._drop_build_state()

    def on_post_build(self, *, config: Any) -> None:
        self.writers.finish()  # before the spool goes: the helpers read pages from it
        if self.writing.total:
            say(f"wrote {self.writing.done:,} pages in {time.monotonic() - self.started:.1f} s")
        self._drop_spool()  # every page has been written by now
        self._drop_build_state()
        if not self.config.search or os.environ.get(SEARCH_ENV) == "0":
            return
        from .search_index import index_site

        stats = index_site(config.site_dir, echo=None)
        log.info(stats.summary())

    def on_serve(self, server: Any, *, config: Any, builder: Any) -> Any:
        assert self.root is not None
        for part in ("plans", "data"):
            if (self.root / part).is_dir():
                server.watch(str(self.root / part))
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


SITE_URL_ENV = "PLANPORTAL_SITE_URL"
"""Absolute URL of the published site (CI sets it), for links in feeds and downloads."""


def _base_url(config: Any) -> str:
    """Absolute site URL for feeds/calendars/spreadsheets; root-relative when unknown."""
    url = os.environ.get(SITE_URL_ENV) or config.site_url or "/"
    return url.rstrip("/") or ""


def _translated_nav(nav: Any, files: Files, lang: str) -> Any:
    """The default tree's navigation with each page swapped for its `lang` counterpart.

    Titles set in `mkdocs.yml` are translated through the UI strings
    (`render.i18n.translated_title`); entries without a counterpart page are dropped.
    """
    from mkdocs.structure.nav import (
        Navigation,
        Section,
        _add_parent_links,
        _add_previous_and_next_links,
    )
    from mkdocs.structure.pages import Page

    pages: list[Page] = []

    def convert(items: list[Any]) -> list[Any]:
        out: list[Any] = []
        for item in items:
            if isinstance(item, Page):
                file = files.get_file_from_path(PREFIX[lang] + item.file.src_uri)
                if file is None or file.page is None:
                    continue
                title = translated_title(item.__dict__.get("title"), lang)
                if title:
                    file.page.title = title
                pages.append(file.page)
                out.append(file.page)
            elif isinstance(item, Section):
                children = convert(item.children)
                if children:
                    out.append(Section(translated_title(item.title, lang) or item.title, children))
            else:
                out.append(item)
        return out

    items = convert(nav.items)
    _add_previous_and_next_links(pages)
    _add_parent_links(items)
    translated = Navigation(items, pages)
    home = files.get_file_from_path(PREFIX[lang] + "index.md")
    if home is not None and home.page is not None:
        translated.homepage = home.page
    return translated
