"""Rendering (stage 5): views → page contexts → jinja2 templates → pages.

Engine-independent: a page is a path, a title and Markdown content whose body is one raw
HTML block, so any Markdown engine serves it unchanged.  Plan text is escaped, never
interpreted (see `generator.render.text`).  The whole stage is `site.render_site`; the
kinds of page are `families`.  This package imports nothing itself, so that a module can
use one part of it (`render.ui`) without loading the rest.
"""
