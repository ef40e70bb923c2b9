"""The built site (with its search bundle) loads nothing from another host.

Every HTML, CSS and JS file of the repository's site is scanned for absolute URLs to other
hosts where a browser would fetch or navigate to them: `src`/`href`/`action`/`poster`/
`srcset` attributes, CSS `url()` and `@import`, JS `import`/`fetch`/`importScripts`, and in JS
any `http(s)://` string at all.  The few allowed URLs are listed below, each with the reason it
is never fetched.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
IN_CI = os.environ.get("CI", "").lower() == "true"

# (path prefix inside the site, URL prefix): why it is never fetched.
ALLOWED = {
    ("", "http://www.w3.org/"): "XML namespace names (xmlns on inline SVG, createElementNS)",
    ("assets/javascripts/", "https://unpkg.com"): (
        "Material loads Mermaid from unpkg only for pages with a mermaid diagram; we have none"
    ),
    ("assets/javascripts/", "https://api.github.com"): (
        "Material fetches repository facts only when `repo_url` is set; it is not"
    ),
    ("assets/javascripts/", "https://${"): (
        "Material's GitLab/Gitea repository-facts URL template, used only with `repo_url`"
    ),
    ("assets/javascripts/", "https://clipboardjs.com"): "licence comment in Material's bundle",
    ("assets/stylesheets/", "https://fontawesome.com"): "licence comment in Material's CSS",
    ("pagefind/", "https://example.com"): (
        "Pagefind parses result URLs against a dummy base (new URL(`https://example.com…`))"
    ),
    ("en/pagefind/", "https://example.com"): "the same, in the English tree's bundle",
}

ATTR = re.compile(
    r"""\b(?:src|href|action|poster|data|srcset|formaction)\s*=\s*["']?\s*((?:https?:)?//[^"'\s>,]+)""",
    re.I,
)
CSS_URL = re.compile(r"""url\(\s*["']?((?:https?:)?//[^"')\s]+)""", re.I)
CSS_IMPORT = re.compile(r"""@import\s+(?:url\()?\s*["']((?:https?:)?//[^"']+)""", re.I)
JS_ANY = re.compile(r"""https?://[^\s"'`<>)\\]+""")
JS_LOAD = re.compile(
    r"""\b(?:import|fetch|importScripts|Worker)\s*\(\s*["'`]((?:https?:)?//[^"'`]+)""",
)


def _allowed(rel: str, url: str) -> bool:
    return any(rel.startswith(p) and url.startswith(u) for p, u in ALLOWED)


def external_urls(rel: str, text: str) -> list[str]:
    """URLs pointing to other hosts in one file, minus the allowed ones."""
    found: list[str] = []
    if rel.endswith(".html"):
        found += ATTR.findall(text) + CSS_URL.findall(text) + JS_LOAD.findall(text)
        scripts = re.findall(r"<script\b[^>]*>(.*?)</script>", text, re.S | re.I)
        found += [u for s in scripts for u in JS_ANY.findall(s)]
    elif rel.endswith(".css"):
        found += CSS_URL.findall(text) + CSS_IMPORT.findall(text)
    else:  # .js / .mjs
        found += JS_ANY.findall(text) + JS_LOAD.findall(text)
    return sorted({u for u in found if not _allowed(rel, u)})


@pytest.fixture
def site(seed_site: Path) -> Path:
    return seed_site


def test_scanner_finds_what_it_should():
    html = (
        '<link rel="stylesheet" href="https://cdn.example.org/x.css">'
        '<img src="//img.example.org/a.png"><a href="https://gov.example.cn/">x</a>'
        '<svg xmlns="http://www.w3.org/2000/svg"></svg><a href="../plans/">ok</a>'
        "<script>fetch('https://api.example.org/q')</script>"
    )
    assert external_urls("index.html", html) == [
        "//img.example.org/a.png",
        "https://api.example.org/q",
        "https://cdn.example.org/x.css",
        "https://gov.example.cn/",
    ]
    css = "@import url('https://fonts.example.com/css'); a{background:url(//x.example.com/i)}"
    assert external_urls("a.css", css) == ["//x.example.com/i", "https://fonts.example.com/css"]
    assert external_urls("a.js", "import('https://esm.example.com/m.js')") == [
        "https://esm.example.com/m.js"
    ]


def test_no_external_hosts(site):
    problems = []
    checked = 0
    for path in sorted(site.rglob("*")):
        if path.suffix not in {".html", ".css", ".js", ".mjs"}:
            continue
        rel = path.relative_to(site).as_posix()
        checked += 1
        urls = external_urls(rel, path.read_text(encoding="utf-8", errors="replace"))
        problems += [f"{rel}: {u}" for u in urls]
    assert checked > 10 and (site / "pagefind" / "pagefind.js").is_file()
    assert not problems, "URLs to other hosts:\n" + "\n".join(problems)
