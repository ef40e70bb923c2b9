"""Run Pagefind over a built site and report what it wrote.

`index_site` is called after the MkDocs build (the plugin's ``on_post_build``) and by the
tests.  It runs the Pagefind binary shipped in the ``pagefind[extended]`` wheel
(``python -m pagefind``), streams its progress, and returns sizes.  Any failure is raised as
`SearchIndexError`, a one-line message; when MkDocs is installed it is a ``PluginError``, so
``mkdocs build`` stops with that message and no traceback.

Chinese is segmented only for pages whose ``<html lang>`` starts with ``zh`` (Material sets
``lang="zh"`` with ``theme.language: zh``), or for every page with ``force_language="zh"``.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .langs import PREFIX
from .processes import guarded

try:  # a clean "Error: …" line in `mkdocs build`, without making the core depend on MkDocs
    from mkdocs.exceptions import PluginError as _Base
except ImportError:  # pragma: no cover
    _Base = RuntimeError  # type: ignore[misc,assignment]

BUNDLE = "pagefind"
"""Output folder of the search bundle, relative to the site."""
INDEX_SUFFIXES = (".pf_index", ".pf_fragment", ".pf_filter", ".pf_meta")
"""Files holding index data (the rest of the bundle is the fixed JS/WASM runtime)."""
UNUSED_UI = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)
"""Pagefind's own UI bundles: our search box uses only `pagefind.js` (and its worker and
WASM), so these are removed (they also carry links to other hosts in licence comments)."""


class SearchIndexError(_Base):
    """Pagefind could not index the site; the message says why."""


@dataclass(frozen=True)
class IndexStats:
    """What Pagefind wrote."""

    bundle_dir: Path
    """The root tree's bundle (other trees have theirs in `<prefix>/pagefind/`)."""
    pages: int
    """Pages indexed (only pages with `data-pagefind-body` once any page has it)."""
    words: int
    languages: tuple[str, ...]
    """Languages Pagefind found (`zh`, `en` …); one index each."""
    files: int
    """Files in the bundle."""
    bytes: int
    """Size of the whole bundle (index data and runtime)."""
    index_bytes: int
    """Size of the index data alone (`*.pf_index`, `*.pf_fragment`, `*.pf_filter`, `*.pf_meta`)."""
    seconds: float

    def summary(self) -> str:
        return (
            f"search index: {self.pages} pages, {self.words} words, "
            f"languages {', '.join(self.languages) or '?'}; index data {_kb(self.index_bytes)} "
            f"in {self.files} files (bundle {_kb(self.bytes)}), {self.seconds:.1f} s"
        )


def index_site(
    site_dir: Path | str,
    *,
    force_language: str | None = None,
    echo: Callable[[str], None] | None = print,
    timeout: float = 600,
    keep_ui: bool = False,
) -> IndexStats:
    """Index `site_dir` with Pagefind; return sizes (summed over the language trees).

    Each language tree gets its own bundle: `pagefind/` for the tree at the site root,
    `en/pagefind/` for the English one (the search box loads its tree's bundle).  Pagefind
    keeps a whole index in memory while it writes it, so two runs need half the memory of
    one over both trees.  `echo` receives Pagefind's progress lines (None: quiet).
    Pagefind's unused UI bundles are deleted unless `keep_ui`.  Raises `SearchIndexError`.
    """
    site = Path(site_dir)
    if not site.is_dir():
        raise SearchIndexError(f"search index: site directory {site} does not exist")
    started = time.monotonic()
    runs: list[list[str]] = []
    bundles: list[Path] = []
    subtrees = language_subtrees(site)
    for tree in ["", *subtrees]:
        cmd = [sys.executable, "-m", "pagefind", "--site", str(site / tree)]
        if not tree and subtrees:
            cmd += ["--glob", _root_glob(site, subtrees)]
        if force_language:
            cmd += ["--force-language", force_language]
        runs.append(_run(cmd, echo, timeout))
        bundles.append(site / tree / BUNDLE)
        if not keep_ui:
            for name in UNUSED_UI:
                (site / tree / BUNDLE / name).unlink(missing_ok=True)
    stats = _stats(bundles, runs, time.monotonic() - started)
    if stats.pages == 0:
        raise SearchIndexError(
            "search index: Pagefind indexed no pages (is `data-pagefind-body` on the pages?)"
        )
    if echo and not force_language and not any(lang.startswith("zh") for lang in stats.languages):
        echo(
            "search index: warning: no page has <html lang='zh…'>: Chinese text is not "
            "segmented (set theme.language: zh or pass force_language='zh')"
        )
    if echo:
        echo(stats.summary())
    return stats


def language_subtrees(site: Path) -> list[str]:
    """Prefixes (`en/`) of the language trees built under the site root."""
    return [p for p in PREFIX.values() if p and (site / p / "index.html").is_file()]


def _root_glob(site: Path, subtrees: list[str]) -> str:
    """Pagefind `--glob` for the root tree: every HTML file outside the other trees."""
    skip = {t.strip("/") for t in subtrees} | {BUNDLE}
    parts = [
        f"{entry.name}/**/*.html" if entry.is_dir() else entry.name
        for entry in sorted(site.iterdir())
        if entry.name not in skip and (entry.is_dir() or entry.suffix == ".html")
    ]
    return "{" + ",".join(parts) + "}"


def _run(cmd: list[str], echo: Callable[[str], None] | None, timeout: float) -> list[str]:
    lines: list[str] = []
    try:
        proc = subprocess.Popen(
            guarded(cmd),  # ends with this process (`generator.processes`)
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            encoding="utf-8",
            errors="replace",
        )
    except OSError as exc:
        raise SearchIndexError(f"search index: cannot start Pagefind: {exc}") from None
    deadline = time.monotonic() + timeout
    assert proc.stdout is not None
    try:
        for raw in proc.stdout:
            line = raw.rstrip()
            lines.append(line)
            if echo and line:
                echo(f"pagefind: {line}")
            if time.monotonic() > deadline:
                raise SearchIndexError(f"search index: Pagefind took longer than {timeout:.0f} s")
    except BaseException:  # also an interruption: Pagefind must not write on unseen
        proc.kill()
        proc.wait()
        raise
    code = proc.wait()
    if code != 0:
        errors = [x.strip() for x in lines if "error" in x.lower()]
        tail = " | ".join(dict.fromkeys(errors or [x for x in lines[-4:] if x.strip()]))
        if "No module named pagefind" in tail:
            tail = "the `pagefind[extended]` package is not installed"
        raise SearchIndexError(f"search index: Pagefind failed (exit {code}): {tail}")
    return lines


def _stats(bundles: list[Path], runs: list[list[str]], seconds: float) -> IndexStats:
    for bundle in bundles:
        if not (bundle / "pagefind.js").is_file():
            raise SearchIndexError(f"search index: Pagefind wrote no bundle at {bundle}")
    files = [p for bundle in bundles for p in bundle.rglob("*") if p.is_file()]
    texts = ["\n".join(run) for run in runs]
    langs = {
        x.strip(): None
        for text in texts
        for found in re.findall(r"Discovered \d+ languages?: (.+)", text)
        for x in found.split(",")
    }
    return IndexStats(
        bundle_dir=bundles[0],
        pages=sum(_count(r"Indexed (\d+) pages?", text) for text in texts),
        words=sum(_count(r"Indexed (\d+) words?", text) for text in texts),
        languages=tuple(sorted(langs)),
        files=len(files),
        bytes=sum(p.stat().st_size for p in files),
        index_bytes=sum(p.stat().st_size for p in files if p.suffix in INDEX_SUFFIXES),
        seconds=seconds,
    )


def _count(pattern: str, text: str) -> int:
    found = re.findall(pattern, text)
    return int(found[-1]) if found else 0


def _kb(n: int) -> str:
    return f"{n / 1024:.1f} KiB"


def main(argv: list[str] | None = None) -> int:
    """`python -m generator.search_index SITE_DIR [--force-language zh]`."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m generator.search_index")
    parser.add_argument("site_dir", type=Path)
    parser.add_argument("--force-language")
    args = parser.parse_args(argv)
    try:
        index_site(args.site_dir, force_language=args.force_language)
    except SearchIndexError as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
