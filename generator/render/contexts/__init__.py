"""One typed context per page template: what the template may show, already computed.

Templates display, they don't compute; contexts carry data, never markup: strings
(autoescaped by jinja), numbers, dates as text, URLs relative to the page, and tuples of
the small typed items of `common` (links, labels, dates as precise as their source,
search keys). The one exception is plan prose, rendered once by `generator.render.text`
from escaped text (`Markup` fields: paragraphs, item texts, the printed responsibility
line): unit names linked and deadline phrases marked inside running text.

Every piece of markup is in `generator/templates/` (small macros in `fragments/`).
`tests/test_render_pages.py` checks that each template uses exactly the fields of its
context, for every context in `PAGE_CONTEXTS`.
"""

from __future__ import annotations

from .changes import ChangesContext
from .common import ExampleBanner
from .data import DataContext
from .home import HomeContext, PlansIndexContext, PlansRegionContext
from .plan import PlanContext
from .progress import PlanReportsContext, ProgressIndexContext, ProgressRoundContext
from .timeline import PlanTimelineContext, TimelineIndexContext, TimelineMonthContext
from .topics import TopicContext, TopicsIndexContext
from .units import RegionContext, UnitContext, UnitListContext, UnitsIndexContext

PAGE_CONTEXTS = (
    HomeContext,
    PlansIndexContext,
    PlansRegionContext,
    PlanContext,
    UnitsIndexContext,
    UnitListContext,
    RegionContext,
    UnitContext,
    PlanTimelineContext,
    TimelineIndexContext,
    TimelineMonthContext,
    ProgressIndexContext,
    ProgressRoundContext,
    PlanReportsContext,
    TopicsIndexContext,
    TopicContext,
    DataContext,
    ChangesContext,
)
"""The context of every page template."""

FRAGMENT_CONTEXTS = (ExampleBanner,)
"""Contexts of the fragments rendered on their own (not called as macros by a page)."""
