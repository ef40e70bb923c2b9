"""Check the links inside generated pages before any engine sees them.

Generated bodies are raw HTML, which Markdown engines do not validate; this checks every
relative `href` against the generated page set (and any extra known paths): the target page
must exist and, for `#anchor` links, contain an element with that id.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Iterable, Iterator

from .renderer import Page

# Regular-expression scans instead of `html.parser`: the pages are our own template output
# (quoted attributes; plan text is escaped, so `"` never appears in it), and a parser's
# per-tag Python work made the check the slowest part of rendering a national portal.
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_VALUE = r"""=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))"""
_ATTR = re.compile(r"\s(id|href)\s*" + _VALUE, re.I)
"""An `id` or `href` attribute; whether it is inside a tag (and an `<a>` tag, for `href`)
is checked at each match: one scan of the page instead of one per attribute."""
_SPACE = frozenset(" \t\n\r\f")


class _Collector:
    def __init__(self) -> None:
        self.ids: set[str] = set()
        self.hrefs: list[str] = []

    def feed(self, content: str) -> None:
        """Called for every page (the whole site's HTML at national scale): plain operations."""
        if "<!--" in content:
            content = _COMMENT.sub("", content)
        ids, hrefs = self.ids, self.hrefs
        for match in _ATTR.finditer(content):
            at = match.start()
            tag = content.rfind("<", 0, at)  # the tag holding the attribute, if any
            if tag < 0 or content.find(">", tag, at) >= 0 or not _is_letter(content[tag + 1]):
                continue
            name, quoted, single, bare = match.groups()
            raw = quoted if quoted is not None else single if single is not None else bare
            value = html.unescape(raw) if "&" in raw else raw
            if name == "id" or name.lower() == "id":
                if value:
                    ids.add(value)
            elif content[tag + 1] in "aA" and content[tag + 2] in _SPACE:
                hrefs.append(value)


def _is_letter(char: str) -> bool:
    return char.isascii() and char.isalpha()


def _dir_of(page_path: str) -> str:
    """`plans/x/index.md` → `plans/x/`."""
    return page_path.removesuffix("index.md")


class LinkIndex:
    """The ids of every generated page and the targets of their links, collected one page
    at a time, so the pages themselves need not be kept; `problems` checks the links.

    Each distinct (target page, anchor) is kept once, with the first link that asked for
    it (for the message): on a national portal millions of links share a few hundred
    thousand targets.
    """

    def __init__(self) -> None:
        self.ids: dict[str, frozenset[str]] = {}
        """Page directory (`plans/x/`) → ids on the page."""
        self.targets: dict[tuple[str, str], str] = {}
        """(target page directory, anchor or "") → the first `here: href` asking for it."""
        self.external: list[str] = []

    def add(self, page_path: str, content: str) -> None:
        here = _dir_of(page_path)
        collector = _Collector()
        collector.feed(content)
        self.ids[here] = frozenset(collector.ids)
        resolved: dict[str, str] = {"": here}  # a page links to the same few pages many times
        targets = self.targets
        for href in collector.hrefs:
            if "://" in href or href.startswith(("mailto:", "tel:", "//")):
                self.external.append(f"{here}index.md: link to another host: {href}")
                continue
            path, _, anchor = href.partition("#")
            target = resolved.get(path)
            if target is None:
                target = resolved[path] = _resolve(here, path)
            if (target, anchor) not in targets:
                targets[target, anchor] = f"{here}index.md: broken link {href}"

    def merge(self, other: LinkIndex) -> None:
        self.ids.update(other.ids)
        for key, where in other.targets.items():
            self.targets.setdefault(key, where)
        self.external += other.external

    def page_ids(self, page_path: str) -> frozenset[str]:
        return self.ids.get(_dir_of(page_path), frozenset())

    def problems(self, extra: Iterable[str] = ()) -> Iterator[str]:
        """Messages for links that lead nowhere: `plans/x/index.md: broken link ../y/#t-1`."""
        yield from self.external
        known = set(self.ids) | {e.lstrip("/") for e in extra}
        for (target, anchor), where in self.targets.items():
            if target not in known:
                yield f"{where} (no page {target or '/'})"
            elif anchor and target in self.ids and anchor not in self.ids[target]:
                yield f"{where} (no #{anchor} on {target or '/'})"


def _resolve(here: str, path: str) -> str:
    target = posixpath.normpath(posixpath.join(here, path))
    if path.endswith("/") or target == ".":
        target = "" if target == "." else f"{target}/"
    return target


def check_links(pages: Iterable[Page], extra: Iterable[str] = ()) -> Iterator[str]:
    """Messages for links that lead nowhere: `plans/x/index.md: broken link ../y/#t-1`."""
    index = LinkIndex()
    for page in pages:
        index.add(page.path, page.content)
    yield from index.problems(extra)
