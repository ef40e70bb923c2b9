"""The one jinja2 environment, and pages as (path, title, content)."""

from __future__ import annotations

import html
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields
from keyword import iskeyword
from pathlib import Path
from typing import Any, ClassVar, Protocol

import jinja2
from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame, optimizeconst

from .text import escaped

TEMPLATE_DIR = Path(__file__).resolve().parents[1] / "templates"


@dataclass(frozen=True)
class Page:
    """A generated page: `path` is the Markdown source path (`plans/x/index.md`)."""

    path: str
    title: str
    content: str


@dataclass(frozen=True)
class PageGroup:
    """Pages made together (a plan and its parts, a unit's page, a month of the timeline)
    and a rough cost in task blocks, so that rendering can be shared out between processes
    in pieces of similar size (`generator.render.spool`)."""

    cost: int
    make: Callable[[], Iterable[Page]]


def one_page(make: Callable[..., Page], *args: Any) -> tuple[Page]:
    """`make(*args)` as a group of one page."""
    return (make(*args),)


class _CodeGenerator(CodeGenerator):
    """Jinja's code generator, except that `{{ value }}` is escaped by `text.escaped`:
    the same text as `markupsafe.escape` without a `Markup` object per value (a large share
    of rendering time: bench/RESULTS.md). The output of a template is joined into one string
    either way; where Jinja needs markup (macros, `set` blocks) it wraps the joined text
    itself."""

    def _output_child_pre(
        self, node: nodes.Expr, frame: Frame, finalize: CodeGenerator._FinalizeInfo
    ) -> None:
        if frame.eval_ctx.autoescape and not frame.eval_ctx.volatile:
            self.write("environment.escaped(")
            if finalize.src is not None:
                self.write(finalize.src)
        else:
            super()._output_child_pre(node, frame, finalize)

    @optimizeconst
    def visit_Getattr(self, node: nodes.Getattr, frame: Frame) -> None:
        """`x.name` is Python's attribute access: every value a page template reads is a
        field of a context dataclass (or a UI string), never a mapping's item, and a name
        that is missing fails the build either way (`StrictUndefined`). Jinja's
        `environment.getattr` (a call and a `try` per access) was a measurable share of
        rendering."""
        if self.environment.is_async or not node.attr.isidentifier() or iskeyword(node.attr):
            super().visit_Getattr(node, frame)
            return
        self.write("(")
        self.visit(node.node, frame)
        self.write(f").{node.attr}")


class _Environment(jinja2.Environment):
    code_generator_class = _CodeGenerator
    escaped = staticmethod(escaped)


def make_environment(template_dir: Path = TEMPLATE_DIR) -> jinja2.Environment:
    """Autoescape on for every template (they produce HTML inside Markdown pages). Each
    build makes its own environment, so templates are not checked for changes on every
    page (`auto_reload`: a `stat` per page rendered)."""
    return _Environment(
        loader=jinja2.FileSystemLoader(str(template_dir)),
        auto_reload=False,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


class PageContext(Protocol):
    """A page's context (`generator.render.contexts`): a frozen dataclass naming its
    template, whose fields are exactly the template's variables."""

    TEMPLATE: ClassVar[str]

    @property
    def title(self) -> str: ...


def context_vars(context: PageContext) -> dict[str, Any]:
    """The template variables of a context dataclass: exactly its fields."""
    return {f.name: getattr(context, f.name) for f in fields(context)}  # type: ignore[arg-type]


def front_matter(title: str, *, hide_toc: bool = True, skip_to: str = "") -> str:
    """YAML front matter; the title is HTML-escaped because the theme prints it unescaped.
    `skip_to`: the id a second skip link of the theme's header leads to (`pp_skip`, see
    overrides/main.html), for pages whose own content starts far down (a plan's clauses)."""
    lines = ["---", f"title: {json.dumps(html.escape(title), ensure_ascii=False)}"]
    if hide_toc:
        lines += ["hide:", "  - toc"]
    if skip_to:
        lines.append(f"pp_skip: {json.dumps(skip_to)}")
    return "\n".join([*lines, "---", "", ""])


class Renderer:
    """Renders page contexts into Markdown pages whose body is one raw HTML block."""

    def __init__(self, env: jinja2.Environment | None = None) -> None:
        self.env = env or make_environment()

    def render(self, path: str, context: PageContext, banner: str = "") -> Page:
        """The page at `path`; `banner`: finished HTML put above its body (`fragment`)."""
        template = self.env.get_template(context.TEMPLATE)
        body = template.render(**context_vars(context)).strip("\n")
        head = front_matter(context.title, skip_to=getattr(context, "SKIP_TO", ""))
        return Page(path, context.title, head + banner + body + "\n")

    def fragment(self, context: Any) -> str:
        """A fragment rendered on its own from its context (a dataclass with `TEMPLATE`)."""
        template = self.env.get_template(context.TEMPLATE)
        return template.render(**context_vars(context)).strip("\n") + "\n"
