"""The one jinja2 environment, and pages as (path, title, content)."""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

import jinja2

TEMPLATE_DIR = Path(__file__).resolve().parents[1] / "templates"


@dataclass(frozen=True)
class Page:
    """A generated page: `path` is the Markdown source path (`plans/x/index.md`)."""

    path: str
    title: str
    content: str


def make_environment(template_dir: Path = TEMPLATE_DIR) -> jinja2.Environment:
    """Autoescape on for every template (they produce HTML inside Markdown pages). Each
    build makes its own environment, so templates are not checked for changes on every
    page (`auto_reload`: a `stat` per page rendered)."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(template_dir)),
        auto_reload=False,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def context_vars(context: Any) -> dict[str, Any]:
    """The template variables of a context dataclass: exactly its fields."""
    return {f.name: getattr(context, f.name) for f in fields(context)}


def front_matter(title: str, *, hide_toc: bool = True) -> str:
    """YAML front matter; the title is HTML-escaped because the theme prints it unescaped."""
    lines = ["---", f"title: {json.dumps(html.escape(title), ensure_ascii=False)}"]
    if hide_toc:
        lines += ["hide:", "  - toc"]
    return "\n".join([*lines, "---", "", ""])


class Renderer:
    """Renders page contexts into Markdown pages whose body is one raw HTML block."""

    def __init__(self, env: jinja2.Environment | None = None) -> None:
        self.env = env or make_environment()

    def render(self, path: str, context: Any) -> Page:
        template = self.env.get_template(context.TEMPLATE)
        body = template.render(**context_vars(context)).strip("\n")
        return Page(path, context.title, front_matter(context.title) + body + "\n")
