"""Rendering (stage 5): views → page contexts → jinja2 templates → `Page` objects.

Engine-independent: a page is a path, a title and Markdown content whose body is one raw
HTML block, so any Markdown engine serves it unchanged.  Plan text is escaped, never
interpreted (see `generator.render.text`).
"""

from .pages import PageBuilder, published_sources, render_site
from .renderer import Page, Renderer

__all__ = ["Page", "PageBuilder", "Renderer", "published_sources", "render_site"]
