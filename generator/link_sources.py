"""Broken links on generated pages, traced back to the file and line that produced them.

The link check of the generated pages (`render.linkcheck`) knows pages and links, not
YAML: `plans/x/index.md: broken link #t-99 (no #t-99 on plans/x/)`. A person fixes a
plan file, so each such problem becomes a located `Problem`: the plan (or units) file the
page was made from, at the value that names the missing target (a `moved_to: "99"` for
`#t-99`), found in the file's own positions. The same link in every language tree is
one problem. What cannot be traced is reported at the page's source file, or as is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import Problem
from .langs import PREFIX
from .load import LoadedYaml, Locator, YamlPath

_BROKEN = re.compile(r"(?P<page>\S+): broken link (?P<href>\S+) \((?P<why>.*)\)")
_TREES = tuple(prefix for prefix in PREFIX.values() if prefix)
_PREFERRED_LAST = "id"
"""A value under this key names the record itself, not a link target: matched last."""
CODE = "broken-link"


@dataclass(frozen=True)
class BrokenLink:
    """One link the check found leading nowhere."""

    page: str
    """The page holding it, in the default tree (`plans/x/index.md`)."""
    href: str
    why: str
    """`no page plans/y/` or `no #t-99 on plans/x/`."""

    @property
    def target(self) -> tuple[str, str]:
        """(page directory, anchor) the link asks for, as the check resolved it."""
        if self.why.startswith("no #"):
            anchor, _, page = self.why[4:].partition(" on ")
            return page, anchor
        return self.why.removeprefix("no page "), ""


def parse(message: str) -> BrokenLink | None:
    """The broken link a link-check message describes (any tree), or None."""
    found = _BROKEN.fullmatch(message)
    if not found:
        return None
    page, why = _default_tree(found["page"]), found["why"]
    for prefix in _TREES:
        why = why.replace(f" {prefix}", " ", 1) if f" {prefix}" in why else why
    return BrokenLink(page, found["href"], why)


def _default_tree(path: str) -> str:
    for prefix in _TREES:
        if path.startswith(prefix):
            return path[len(prefix) :]
    return path


def located(messages: Iterable[str], root: Path) -> Iterator[Problem | str]:
    """Each link-check message as a located problem (once for every tree), or as it is
    when it is not a broken link."""
    seen: set[object] = set()
    at = Locator(root=root)
    for message in messages:
        link = parse(message)
        if link is None:
            if message not in seen:
                seen.add(message)
                yield message
            continue
        if link in seen:
            continue
        seen.add(link)
        yield _problem(link, at)


def _source_file(link: BrokenLink) -> str | None:
    """The project file the page (or, from a cross-cutting page, the target) was made
    from: `plans/<id>.yaml`, `data/units/<region>.yaml`."""
    for path in (link.page, link.target[0]):
        parts = path.split("/")
        if len(parts) > 2 and parts[0] == "plans" and parts[1] not in ("by-region", ""):
            return f"plans/{parts[1]}.yaml"
        if len(parts) > 3 and parts[0] == "units" and parts[1] != "a-z":
            return f"data/units/{parts[1]}.yaml"
    return None


def _wanted(link: BrokenLink) -> list[str]:
    """Values that may name the missing target in a YAML file, most specific first: the
    task id of `#t-99`, the item of `#t-02-3`, the plan id of `plans/y/`."""
    page, anchor = link.target
    if anchor.startswith("t-"):
        ident = anchor[2:]
        return [ident, *ident.split("-")[::-1][:1]] if "-" in ident else [ident]
    if anchor:
        return [anchor]
    parts = [part for part in page.split("/") if part]
    return parts[-1:]


def _problem(link: BrokenLink, at: Locator) -> Problem:
    page_url = "/" + link.page.removesuffix("index.md")
    message = f"the page {page_url} links to {link.href}, which leads nowhere ({link.why})"
    source = _source_file(link)
    if source is None:
        return Problem(link.page, 1, 1, CODE, message, None, "warning")
    yaml = at.loaded(source)
    for value in _wanted(link):
        where = _value_position(yaml, value) if yaml is not None else None
        if where is not None:
            hint = f"`{value}` names nothing the site has: a task id that does not exist?"
            return Problem(source, *where, CODE, message, hint, "warning")
    return Problem(source, 1, 1, CODE, message, None, "warning")


def _value_position(loaded: LoadedYaml, value: str) -> tuple[int, int] | None:
    """Where a scalar equal to `value` is written, preferring one that is not an `id`."""
    found = sorted(
        (path[-1] == _PREFERRED_LAST if path else False, loaded.where(path))
        for path in _scalars_equal(loaded.data, value, ())
    )
    if not found:
        return None
    mark = found[0][1]
    return mark.line, mark.col


def _scalars_equal(data: Any, value: str, path: YamlPath) -> Iterator[YamlPath]:
    if isinstance(data, dict):
        for key, child in data.items():
            yield from _scalars_equal(child, value, (*path, key))
    elif isinstance(data, list):
        for index, child in enumerate(data):
            yield from _scalars_equal(child, value, (*path, index))
    elif data is not None and str(data) == value:
        yield path
