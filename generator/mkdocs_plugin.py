"""MkDocs plugin shell: hands the engine-independent pages to MkDocs, nothing more.

Events: `on_config` loads and checks the project (problems are printed located; errors stop
the build with a `PluginError`), `on_files` adds the rendered pages and the original texts
as generated files, `on_post_build` runs the Pagefind indexer (unless `PLANPORTAL_SEARCH=0`),
`on_serve` watches `plans/` and `data/`.  All logic lives in
`generator.views` and `generator.render`, so another engine needs only another shell.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files

from .errors import errors_only
from .render import published_sources, render_site
from .render.linkcheck import check_links

log = get_plugin_logger(__name__)
ROOT_ENV = "PLANPORTAL_ROOT"
UNUSED_THEME_FILES = ("assets/javascripts/lunr/", "assets/javascripts/workers/search.")
"""Material's lunr search files: not used (search is Pagefind), so not published."""
SEARCH_ENV = "PLANPORTAL_SEARCH"
"""`0` skips indexing in the plugin (`planportal build` indexes after the build itself)."""


class PlanPortalConfig(Config):
    root = c.Optional(c.Dir(exists=True))
    """Project directory holding plans/ and data/ (default: the directory of mkdocs.yml)."""
    lang = c.Choice(("zh", "en"), default="zh")
    search = c.Type(bool, default=True)
    """Index the built site with Pagefind (`generator.search_index`) after the build."""


class PlanPortalPlugin(BasePlugin[PlanPortalConfig]):
    def __init__(self) -> None:
        self.project: Any = None
        self.root: Path | None = None

    def _project_root(self, config: Any) -> Path:
        if os.environ.get(ROOT_ENV):
            return Path(os.environ[ROOT_ENV]).resolve()
        if self.config.root:
            return Path(self.config.root).resolve()
        return Path(config.config_file_path).resolve().parent

    def on_config(self, config: Any) -> Any:
        from .errors import format_problems
        from .project import load_project

        self.root = self._project_root(config)
        project, problems = load_project(self.root)
        for problem in sorted(problems):
            (log.error if problem.severity == "error" else log.warning)(problem.format())
        errors = errors_only(problems)
        if errors or project is None:
            raise PluginError(
                f"planportal: {len(errors)} error(s) in plans/ or data/ under {self.root}; "
                "fix them (see above) or run `planportal check`\n" + format_problems(errors)
            )
        self.project = project
        return config

    def on_files(self, files: Files, *, config: Any) -> Files:
        pages, views = render_site(self.project, lang=self.config.lang)
        sources = published_sources(views)
        known = _existing(files) | {site_path for site_path, _ in sources}
        for problem in check_links(pages, extra=known):
            log.warning(problem)
        for unused in [f for f in files if f.src_uri.startswith(UNUSED_THEME_FILES)]:
            files.remove(unused)
        for page in pages:
            existing = files.get_file_from_path(page.path)
            if existing is not None:
                files.remove(existing)
            files.append(File.generated(config, page.path, content=page.content))
        assert self.root is not None
        for site_path, project_path in sources:
            files.append(
                File.generated(config, site_path, abs_src_path=str(self.root / project_path))
            )
        return files

    def on_post_build(self, *, config: Any) -> None:
        if not self.config.search or os.environ.get(SEARCH_ENV) == "0":
            return
        try:
            from .search_index import index_site
        except ImportError:
            log.info("generator.search_index is not available: no search index")
            return
        stats = index_site(config.site_dir, echo=None)
        log.info(stats.summary())

    def on_serve(self, server: Any, *, config: Any, builder: Any) -> Any:
        assert self.root is not None
        for part in ("plans", "data"):
            if (self.root / part).is_dir():
                server.watch(str(self.root / part))
        server.watch(str(Path(__file__).parent / "templates"))
        return server


def _existing(files: Files) -> set[str]:
    """Site paths of hand-written pages and assets (links to them are valid)."""
    return {f.url for f in files if f.url}
