"""Check the links inside generated pages before any engine sees them.

Generated bodies are raw HTML, which Markdown engines do not validate; this checks every
relative `href` against the generated page set (and any extra known paths): the target page
must exist and, for `#anchor` links, contain an element with that id.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Iterator
from html.parser import HTMLParser

from .renderer import Page


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)
            elif name == "href" and value is not None and tag == "a":
                self.hrefs.append(value)


def _dir_of(page_path: str) -> str:
    """`plans/x/index.md` → `plans/x/`."""
    return page_path.removesuffix("index.md")


def check_links(pages: Iterable[Page], extra: Iterable[str] = ()) -> Iterator[str]:
    """Messages for links that lead nowhere: `plans/x/index.md: broken link ../y/#t-1`."""
    parsed: dict[str, _Collector] = {}
    for page in pages:
        collector = _Collector()
        collector.feed(page.content)
        parsed[_dir_of(page.path)] = collector
    known = set(parsed) | {e.lstrip("/") for e in extra}
    for here, collector in parsed.items():
        for href in collector.hrefs:
            if "://" in href or href.startswith(("mailto:", "tel:", "//")):
                yield f"{here}index.md: link to another host: {href}"
                continue
            path, _, anchor = href.partition("#")
            target = here if not path else posixpath.normpath(posixpath.join(here, path))
            if path and (path.endswith("/") or target == "."):
                target = "" if target == "." else f"{target}/"
            if target not in known:
                yield f"{here}index.md: broken link {href} (no page {target or '/'})"
            elif anchor and target in parsed and anchor not in parsed[target].ids:
                yield f"{here}index.md: broken link {href} (no #{anchor} on {target or '/'})"
