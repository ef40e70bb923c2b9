"""Relative links between pages, so the site works from any base path (intranet, file://)."""

from __future__ import annotations

import posixpath
from functools import lru_cache


def relative(from_page: str, to: str) -> str:
    """Link from page directory `from_page` (`plans/x/`) to site path `to` (`units/a/b/#t-1`).

    Directory targets end in `/`; `sources/x.txt` style file targets keep their name.
    """
    path, _, anchor = to.partition("#")
    suffix = f"#{anchor}" if anchor else ""
    if path == from_page:
        return suffix or "./"
    return _relative_path(from_page, path) + suffix


def _relative_path(from_page: str, path: str) -> str:
    """Called for every link of every page (~500,000 per tree of a national portal): plain
    string work on the path segments, which are split once per page and target, instead
    of `posixpath.relpath` (which makes both absolute against the working directory)."""
    start, target = _segments(from_page), _segments(path)
    if start is None or target is None:
        rel = posixpath.relpath(path.rstrip("/") or ".", from_page.rstrip("/") or ".")
    else:
        common = 0
        for x, y in zip(start, target, strict=False):
            if x != y:
                break
            common += 1
        rel = "/".join([".."] * (len(start) - common) + list(target[common:])) or "."
    if path.endswith("/") or path == "":
        rel = "./" if rel == "." else f"{rel}/"
    return rel


@lru_cache(maxsize=1 << 16)  # pages and targets recur: each is split once
def _segments(path: str) -> tuple[str, ...] | None:
    """The segments of a normalised relative path (`plans/x/` → `("plans", "x")`, the root
    `""` → `()`); None when it is not one (a leading `/`, empty, `.` or `..` segments)."""
    trimmed = path.rstrip("/")
    if trimmed in ("", "."):
        return ()
    parts = tuple(trimmed.split("/"))
    if "" in parts or "." in parts or ".." in parts:
        return None
    return parts
