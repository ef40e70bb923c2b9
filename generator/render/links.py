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


@lru_cache(maxsize=1 << 16)
def _relative_path(from_page: str, path: str) -> str:
    """Called for every link of every page (millions on a national portal): plain string
    work on the path segments instead of `posixpath.relpath` (which makes both absolute
    against the working directory first), and cached per (page, target)."""
    start = from_page.rstrip("/") or "."
    target = path.rstrip("/") or "."
    if _plain(start) and _plain(target):
        a = start.split("/") if start != "." else []
        b = target.split("/") if target != "." else []
        common = 0
        for x, y in zip(a, b, strict=False):
            if x != y:
                break
            common += 1
        rel = "/".join([".."] * (len(a) - common) + b[common:]) or "."
    else:
        rel = posixpath.relpath(target, start)
    if path.endswith("/") or path == "":
        rel = "./" if rel == "." else f"{rel}/"
    return rel


def _plain(path: str) -> bool:
    """A normalised relative path: no leading `/`, no empty, `.` or `..` segments."""
    if path == ".":
        return True
    return not path.startswith("/") and all(s not in ("", ".", "..") for s in path.split("/"))
