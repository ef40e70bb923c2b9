"""Write the search documents of a site and run Pagefind over them.

The search does not index the published pages: `write_documents` (called by the MkDocs
plugin while the site is built, from the views) writes the search entries
(`search_records`) as small HTML documents into ``<site>/.search-documents/``
(`search_pages`), and `index_site` (after the build: the plugin's ``on_post_build`` or
`planportal build`) runs the Pagefind binary shipped in the ``pagefind[extended]`` wheel
(``python -m pagefind``) over them, writes the bundle the search boxes of both language
trees load (``pagefind/``) with a small description of it (`MANIFEST`), removes the
documents and returns sizes. Any failure is raised as `SearchIndexError`, a one-line
message; when MkDocs is installed it is a ``PluginError``, so ``mkdocs build`` stops with
that message and no traceback.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .processes import guarded

try:  # a clean "Error: …" line in `mkdocs build`, without making the core depend on MkDocs
    from mkdocs.exceptions import PluginError as _Base
except ImportError:  # pragma: no cover
    _Base = RuntimeError  # type: ignore[misc,assignment]

BUNDLE = "pagefind"
"""Output folder of the search bundle, relative to the site."""
DOCUMENTS = ".search-documents"
"""Folder of the documents to index, relative to the site (removed once indexed)."""
MANIFEST = "planportal.json"
"""In each bundle: the index's language and how its pages hold entries (the search box
reads it before it starts Pagefind)."""
FILES_PER_FOLDER = 1_000
PART_BYTES = 30_000_000
"""Most bytes of documents one Pagefind run indexes. Pagefind holds a whole index in
memory while it writes it, many times the documents (bench/RESULTS.md); larger sites get
an index in parts (`pagefind/`, `pagefind-2/` …), which the search box searches together
(Pagefind's `mergeIndex`)."""
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
    "pagefind-worker.js",
)
"""Pagefind's own UI bundles and its worker: our search box uses only `pagefind.js` (and
its WASM) on the page's own thread, so these are removed (they also carry links to other
hosts in licence comments)."""
RUNTIME = ("pagefind.js", "wasm.unknown.pagefind")
"""The search runtime: only the first part's is loaded (the others are merged into it)."""
CHUNK_POSTINGS = 8_000
"""Word positions per index chunk (Pagefind's default 20,000, set through its
`PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE`): a query loads, for each term and index part, the
chunk holding the term; a rare term's chunk is mostly its neighbours. Smaller chunks cost
a few bytes each in the page list loaded first, and save far more per rare term and part
(bench/RESULTS.md)."""


class SearchIndexError(_Base):
    """Pagefind could not index the site; the message says why."""


@dataclass(frozen=True)
class DocumentStats:
    """What `write_documents` wrote."""

    entries: int
    """Search entries (a task with its sub-items counts once)."""
    pages: int
    """Pagefind pages (an entry each, or entries sharing pages at national scale)."""
    bytes: int
    seconds: float

    def summary(self) -> str:
        return (
            f"search documents: {self.entries:,} entries on {self.pages:,} pages, "
            f"{_kb(self.bytes)}, {self.seconds:.1f} s"
        )


@dataclass(frozen=True)
class IndexStats:
    """What Pagefind wrote."""

    bundle_dir: Path
    pages: int
    """Pagefind pages indexed."""
    entries: int
    """Search entries on them (clauses, plans, units …)."""
    words: int
    """Distinct words of the index (summed over its parts)."""
    parts: int
    """Pagefind runs the index was made in (`PART_BYTES`)."""
    files: int
    """Files in the bundle."""
    bytes: int
    """Size of the bundle (index data and runtime)."""
    index_bytes: int
    """Size of the index data alone (`*.pf_index`, `*.pf_fragment`, `*.pf_filter`, `*.pf_meta`)."""
    seconds: float

    def summary(self) -> str:
        return (
            f"search index: {self.entries} entries on {self.pages} pages"
            f"{f' in {self.parts} parts' if self.parts > 1 else ''}, {self.words} words; "
            f"index data {_kb(self.index_bytes)} in {self.files} files "
            f"(bundle {_kb(self.bytes)}), {self.seconds:.1f} s"
        )


# --- documents -------------------------------------------------------------------------------


def write_documents(site_dir: Path | str, project: Any, views: Any) -> DocumentStats:
    """Write the search documents of the site (both language trees share them) into the
    site, for `index_site`."""
    from .search_records import site_entries

    started = time.monotonic()
    return write_entries(site_dir, list(site_entries(project, views)), started=started)


def write_entries(
    site_dir: Path | str,
    entries: list[Any],
    *,
    max_pages: int | None = None,
    part_bytes: int = PART_BYTES,
    started: float | None = None,
) -> DocumentStats:
    """Write the documents of these entries (`search_records.Entry`): one folder per index
    part (`PART_BYTES`), pages dealt to the parts in turn so that each part holds a like
    share of every kind of entry (Pagefind ranks within a part by its own statistics)."""
    from .search_pages import MAX_PAGES, page_html, paginate

    started = time.monotonic() if started is None else started
    folder = Path(site_dir) / DOCUMENTS
    shutil.rmtree(folder, ignore_errors=True)
    pages = paginate(entries, MAX_PAGES if max_pages is None else max_pages)
    html = [page_html(page).encode() for page in pages]
    size = sum(len(data) for data in html)
    parts = max(1, -(-size // part_bytes))
    for n, data in enumerate(html):
        part, k = n % parts, n // parts
        path = (
            folder
            / f"part-{part + 1}"
            / f"{k // FILES_PER_FOLDER:03}"
            / f"{k % FILES_PER_FOLDER:03}.html"
        )
        if k % FILES_PER_FOLDER == 0:
            path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    meta = {"entries": len(entries), "pages": len(pages), "parts": parts}
    (folder / "documents.json").write_text(json.dumps(meta), "utf-8")
    return DocumentStats(len(entries), len(pages), size, time.monotonic() - started)


def remove_documents(site_dir: Path | str) -> None:
    """Remove the search documents of a site that is not indexed (they are not published)."""
    shutil.rmtree(Path(site_dir) / DOCUMENTS, ignore_errors=True)


# --- indexing --------------------------------------------------------------------------------


def index_site(
    site_dir: Path | str,
    *,
    echo: Callable[[str], None] | None = print,
    timeout: float = 600,
    keep_ui: bool = False,
) -> IndexStats:
    """Index the documents of `site_dir` with Pagefind into `<site>/pagefind/` (the bundle
    of both language trees); return sizes.

    `echo` receives Pagefind's progress lines (None: quiet). Pagefind's unused UI files are
    deleted unless `keep_ui`. The documents are removed afterwards, also on failure.
    Raises `SearchIndexError`.
    """
    from .search_pages import INDEX_LANGUAGE

    site = Path(site_dir)
    if not site.is_dir():
        raise SearchIndexError(f"search index: site directory {site} does not exist")
    started = time.monotonic()
    described = site / DOCUMENTS / "documents.json"
    if not described.is_file():
        raise SearchIndexError(
            f"search index: no search documents in {site / DOCUMENTS} "
            "(they are written by the planportal MkDocs plugin while it builds the site)"
        )
    bundle = site / BUNDLE
    lines: list[str] = []
    try:
        meta = json.loads(described.read_text("utf-8"))
        for part in range(1, meta["parts"] + 1):
            out = part_dir(site, part)
            shutil.rmtree(out, ignore_errors=True)
            cmd = [
                sys.executable,
                "-m",
                "pagefind",
                "--site",
                str(site / DOCUMENTS / f"part-{part}"),
            ]
            cmd += ["--output-path", str(out.resolve())]
            # Pagefind reads its chunk size only from its environment: set there by `env`
            chunks = f"PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE={CHUNK_POSTINGS}"
            lines += _run(["env", chunks, *cmd], _quiet_notes(echo), timeout)
            if not keep_ui:
                unused = UNUSED_UI if part == 1 else (*UNUSED_UI, *RUNTIME)
                for name in unused:
                    (out / name).unlink(missing_ok=True)
    finally:
        remove_documents(site)
    manifest = {
        "language": INDEX_LANGUAGE,
        "entries": meta["entries"],
        "pages": meta["pages"],
        "shared": meta["pages"] < meta["entries"],
        "parts": [f"{part_dir(site, n).name}/" for n in range(1, meta["parts"] + 1)],
    }
    (bundle / MANIFEST).write_text(json.dumps(manifest), "utf-8")
    bundles = [part_dir(site, n) for n in range(1, meta["parts"] + 1)]
    stats = _stats(bundles, lines, meta["entries"], time.monotonic() - started)
    if stats.pages == 0:
        raise SearchIndexError("search index: Pagefind indexed no pages")
    if echo:
        echo(stats.summary())
    return stats


def part_dir(site: Path, part: int) -> Path:
    """The bundle of index part `part`: `pagefind/` (with the runtime), `pagefind-2/` …"""
    return site / (BUNDLE if part == 1 else f"{BUNDLE}-{part}")


def _quiet_notes(echo: Callable[[str], None] | None) -> Callable[[str], None] | None:
    """Pagefind's progress without its note that the index language has no stemmer (it is
    meant to have none, see `search_pages.INDEX_LANGUAGE`)."""
    if echo is None:
        return None
    return lambda line: None if ("stemming" in line or "root words" in line) else echo(line)


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


def _stats(bundles: list[Path], lines: list[str], entries: int, seconds: float) -> IndexStats:
    if not (bundles[0] / "pagefind.js").is_file():
        raise SearchIndexError(f"search index: Pagefind wrote no bundle at {bundles[0]}")
    files = [p for bundle in bundles for p in bundle.rglob("*") if p.is_file()]
    text = "\n".join(lines)
    return IndexStats(
        bundle_dir=bundles[0],
        pages=sum(int(n) for n in re.findall(r"Indexed (\d+) pages?", text)),
        entries=entries,
        words=sum(int(n) for n in re.findall(r"Indexed (\d+) words?", text)),
        parts=len(bundles),
        files=len(files),
        bytes=sum(p.stat().st_size for p in files),
        index_bytes=sum(p.stat().st_size for p in files if p.suffix in INDEX_SUFFIXES),
        seconds=seconds,
    )


def _kb(n: int) -> str:
    return f"{n / 1024:.1f} KiB"


def main(argv: list[str] | None = None) -> int:
    """`python -m generator.search_index SITE_DIR`: index the documents a build left
    (`PLANPORTAL_SEARCH=0 mkdocs build`)."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m generator.search_index")
    parser.add_argument("site_dir", type=Path)
    args = parser.parse_args(argv)
    try:
        index_site(args.site_dir)
    except SearchIndexError as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
