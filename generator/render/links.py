"""Relative links between pages, so the site works from any base path (intranet, file://)."""

from __future__ import annotations

import posixpath


def relative(from_page: str, to: str) -> str:
    """Link from page directory `from_page` (`plans/x/`) to site path `to` (`units/a/b/#t-1`).

    Directory targets end in `/`; `sources/x.txt` style file targets keep their name.
    """
    path, _, anchor = to.partition("#")
    suffix = f"#{anchor}" if anchor else ""
    if path == from_page:
        return suffix or "./"
    start = from_page.rstrip("/") or "."
    target = path.rstrip("/") or "."
    rel = posixpath.relpath(target, start)
    if path.endswith("/") or path == "":
        rel = "./" if rel == "." else f"{rel}/"
    return rel + suffix
