"""Derived views of a project (stage 4): engine-independent, no MkDocs imports.

`build_views(project, today)` computes everything the pages need once, from the whole
model: plan cards, the unit → duties index, dated milestones and citations.  Paths in
views are site-root relative (`plans/<id>/`); the renderer turns them into page links.
"""

from .site import SiteViews, build_views

__all__ = ["SiteViews", "build_views"]
