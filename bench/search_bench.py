"""Search benchmark: realistic queries typed into the portal's search box in Chromium.

    python bench/search_bench.py                        # build the seed portal, run, print
    python bench/search_bench.py --site site --label after --record
    python bench/search_bench.py --probe bench/out/projects/L/site   # bytes at a size

Each query of `bench/search_queries.yaml` is typed into the header search box of the built
site, in a fresh browser context (cold cache: nothing cached from an earlier query), the
way a reader does it: the page is opened, `/` focuses the box, the query is typed one
character every 40 ms. Measured per query:

- the rank of the first visible result link that is one of the query's right answers
  (`want`); clause@1 / clause@5 = share of queries answered by the first / first five
  visible results, MRR = mean of 1/rank (0 when no visible result is right);
- zero results (no result link at all);
- time to results: from the last keystroke (its `input` event) to the search box marking
  the results of that query as shown (`data-pp-done`), measured in the page;
- bytes fetched from the site from focusing the box until the results are shown (the
  search runtime, index chunks, result data: everything the search costs a reader).

`--record` stores the run under its label in `bench/search_results.json` and rewrites the
search section of `bench/RESULTS.md` (summary of every recorded label, and the per-query
table). The machine's load (`/proc/loadavg`) is recorded with each run: timings on a
shared machine are noisy.

`--probe SITE` (a site built from a synthetic project, `bench/synth.py`) pastes a few
queries whose words are in every synthetic plan (one input event: no searches while
typing) and reports bytes and time only.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import functools
import http.server
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
QUERIES = BENCH / "search_queries.yaml"
RECORD = BENCH / "search_results.json"
RESULTS_MD = BENCH / "RESULTS.md"
CHROMIUM = Path("/usr/bin/chromium")
TYPING_DELAY_MS = 40
PROBE_QUERIES = (
    *("隐患", "燃气", "燃气泄漏报警装置", "应急管理局", "重大事故隐患排查整治"),
    *("yingjiguanliju", "瓶改管"),
)
"""Queries for `--probe`: their words are in every synthetic project (built from the seeds)."""
MD_START = "<!-- search-bench:start -->"
MD_END = "<!-- search-bench:end -->"
_CLAUSE = re.compile(r"^(?P<tree>en/)?plans/(?P<plan>[^/]+)/(?:\d+/)?#(?P<anchor>t-[\w-]+)$")


@dataclass(frozen=True)
class Query:
    q: str
    cat: str
    want: tuple[str, ...]
    tree: str = "zh"
    note: str = ""


@dataclass
class Outcome:
    q: str
    cat: str
    tree: str
    rank: int | None
    """1-based rank of the first right answer among the visible results; None: not shown."""
    results: int
    """Visible result links."""
    status: str
    """The search box's status line."""
    ms: float
    kb: float
    top: list[str] = field(default_factory=list)
    """The first five visible results (site paths)."""


def load_queries(path: Path = QUERIES, site: Path | None = None) -> list[Query]:
    data = yaml.safe_load(path.read_text("utf-8"))
    out = []
    for n, raw in enumerate(data["queries"], 1):
        query = Query(
            q=str(raw["q"]),
            cat=raw["cat"],
            want=tuple(raw["want"]),
            tree=raw.get("tree", "zh"),
            note=raw.get("note", ""),
        )
        if site is not None:
            for want in query.want:
                page = site / want.split("#", 1)[0] / "index.html"
                if not page.is_file():
                    raise SystemExit(f"{path}: query {n} ({query.q}): no page {want}")
        out.append(query)
    return out


def same_target(found: str, want: str) -> bool:
    """`found` (a result link) leads to `want`: the same path and anchor, or a clause's
    anchor on its plan's first address (which forwards to the part that prints it)."""
    if found == want:
        return True
    a, b = _CLAUSE.match(found), _CLAUSE.match(want)
    return bool(a and b and a.group("tree", "plan", "anchor") == b.group("tree", "plan", "anchor"))


# --- serving and driving the browser ----------------------------------------------------------


class _CountingHandler(http.server.SimpleHTTPRequestHandler):
    log: list[tuple[str, int]]

    def log_message(self, *args: Any) -> None:
        pass

    def copyfile(self, source: Any, outputfile: Any) -> None:  # type: ignore[override]
        data = source.read()
        self.log.append((self.path, len(data)))
        outputfile.write(data)


@contextlib.contextmanager
def serving(site: Path) -> Iterator[tuple[str, list[tuple[str, int]]]]:
    log: list[tuple[str, int]] = []
    handler = functools.partial(type("H", (_CountingHandler,), {"log": log}), directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", log
    finally:
        server.shutdown()
        server.server_close()


# In the page: the time of the last `input` event of the box, and of the moment the box
# marks the results of the typed query as shown.
_WATCH = """q => {
  const box = document.querySelector('[data-pp-search]');
  const input = document.querySelector('#pp-search-input');
  window.__ppBench = {typed: 0, shown: 0};
  input.addEventListener('input', () => { window.__ppBench.typed = performance.now(); }, true);
  new MutationObserver(() => {
    const done = box.getAttribute('data-pp-done');
    if (done && JSON.parse(done)[0] === q) window.__ppBench.shown = performance.now();
  }).observe(box, {attributes: true, attributeFilter: ['data-pp-done']});
}"""
_LINKS = """() => [...document.querySelectorAll('#pp-search-list a[href]')]
  .filter(a => a.offsetParent !== null).map(a => a.href)"""


def type_query(
    browser: Any, base: str, log: list[tuple[str, int]], query: Query, paste: bool = False
) -> Outcome:
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(base + ("en/" if query.tree == "en" else ""), wait_until="load")
        page.evaluate(_WATCH, query.q)
        log.clear()  # the page itself is not part of the search cost
        page.keyboard.press("/")
        box = page.locator("#pp-search-input")
        if paste:  # one input event: what the query alone costs (no searches while typing)
            page.wait_for_timeout(300)
            box.fill(query.q)
        else:
            box.press_sequentially(query.q, delay=TYPING_DELAY_MS)
        page.wait_for_function("() => window.__ppBench.shown > 0", timeout=60_000)
        timing = page.evaluate("() => window.__ppBench")
        page.wait_for_timeout(50)  # the list is rendered in the same task; let fetches settle
        hrefs = [_site_path(h, base) for h in page.evaluate(_LINKS)]
        status = page.locator("[data-pp-status]").inner_text()
        rank = next(
            (n for n, h in enumerate(hrefs, 1) if any(same_target(h, w) for w in query.want)),
            None,
        )
        return Outcome(
            q=query.q,
            cat=query.cat,
            tree=query.tree,
            rank=rank,
            results=len(hrefs),
            status=status.strip(),
            ms=round(timing["shown"] - timing["typed"], 1),
            kb=round(sum(size for _, size in log) / 1024, 1),
            top=hrefs[:5],
        )
    finally:
        context.close()


def _site_path(href: str, base: str) -> str:
    return href[len(base) :] if href.startswith(base) else href


def run_queries(
    site: Path, queries: list[Query], echo: bool = True, paste: bool = False
) -> list[Outcome]:
    from playwright.sync_api import sync_playwright

    out: list[Outcome] = []
    with serving(site) as (base, log), sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=str(CHROMIUM), args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        try:
            for n, query in enumerate(queries, 1):
                got = type_query(browser, base, log, query, paste)
                out.append(got)
                if echo:
                    mark = f"#{got.rank}" if got.rank else "--"
                    print(
                        f"{n:3} {mark:>4} {got.ms:6.0f} ms {got.kb:6.0f} KB  {query.q}",
                        flush=True,
                    )
        finally:
            browser.close()
    return out


# --- figures ------------------------------------------------------------------------------


def summary(outcomes: list[Outcome]) -> dict[str, Any]:
    n = len(outcomes)
    ranks = [o.rank for o in outcomes]
    region = [o for o in outcomes if o.cat.startswith("region")]
    return {
        "queries": n,
        "clause@1": sum(r == 1 for r in ranks) / n,
        "clause@5": sum(r is not None and r <= 5 for r in ranks) / n,
        "mrr": sum(1 / r for r in ranks if r) / n,
        "zero": sum(o.results == 0 for o in outcomes) / n,
        "region_top3": sum(o.rank is not None and o.rank <= 3 for o in region)
        / max(1, len(region)),
        "ms_median": statistics.median(o.ms for o in outcomes),
        "ms_p90": _percentile([o.ms for o in outcomes], 0.9),
        "kb_median": statistics.median(o.kb for o in outcomes),
        "kb_max": max(o.kb for o in outcomes),
    }


def by_category(outcomes: list[Outcome]) -> dict[str, dict[str, Any]]:
    cats: dict[str, list[Outcome]] = {}
    for o in outcomes:
        cats.setdefault(o.cat, []).append(o)
    return {cat: summary(items) for cat, items in cats.items()}


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def machine_load() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def git_commit() -> str:
    done = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True
    )
    return done.stdout.strip() or "?"


# --- the record and RESULTS.md --------------------------------------------------------------


def record(label: str, outcomes: list[Outcome], note: str) -> dict[str, Any]:
    runs = json.loads(RECORD.read_text("utf-8")) if RECORD.is_file() else {}
    runs[label] = {
        "when": dt.datetime.now().isoformat(timespec="seconds"),
        "commit": git_commit(),
        "load": machine_load(),
        "note": note,
        "summary": summary(outcomes),
        "outcomes": [asdict(o) for o in outcomes],
    }
    RECORD.write_text(json.dumps(runs, ensure_ascii=False, indent=1) + "\n", "utf-8")
    return runs


def _pct(x: float) -> str:
    return f"{100 * x:.0f} %"


SUMMARY_ROWS: list[tuple[str, str, Any]] = [
    ("queries", "queries", str),
    ("clause@1", "clause@1", _pct),
    ("clause@5 (goal ≥ 95 %)", "clause@5", _pct),
    ("MRR (goal ≥ 0.85)", "mrr", lambda x: f"{x:.2f}"),
    ("zero results", "zero", _pct),
    ("region queries: plan in top 3", "region_top3", _pct),
    ("time to results, median / p90 (goal ≤ 250 ms)", "ms", None),
    ("bytes fetched per query (cold), median / max", "kb", None),
]


def render_markdown(runs: dict[str, Any]) -> str:
    labels = list(runs)
    lines = [
        MD_START,
        "",
        "| | " + " | ".join(labels) + " |",
        "|---" * (len(labels) + 1) + "|",
    ]
    for title, key, fmt in SUMMARY_ROWS:
        cells = []
        for label in labels:
            s = runs[label]["summary"]
            if key == "ms":
                cells.append(f"{s['ms_median']:.0f} / {s['ms_p90']:.0f} ms")
            elif key == "kb":
                cells.append(f"{s['kb_median']:.0f} / {s['kb_max']:.0f} KB")
            else:
                cells.append(fmt(s[key]))
        lines.append(f"| {title} | " + " | ".join(cells) + " |")
    lines.append(
        "| benchmark run at (commit of bench/; load average 1/5/15 min) | "
        + " | ".join(f"{runs[label]['commit']}, {runs[label]['load']}" for label in labels)
        + " |"
    )
    lines += ["", "By kind of query (clause@5 / MRR):", ""]
    cats = list(dict.fromkeys(o["cat"] for label in labels for o in runs[label]["outcomes"]))
    lines += ["| kind | n | " + " | ".join(labels) + " |", "|---" * (len(labels) + 2) + "|"]
    for cat in cats:
        cells = []
        n = 0
        for label in labels:
            items = [Outcome(**o) for o in runs[label]["outcomes"] if o["cat"] == cat]
            n = max(n, len(items))
            s = summary(items) if items else None
            cells.append(f"{_pct(s['clause@5'])} / {s['mrr']:.2f}" if s else "–")
        lines.append(f"| {cat} | {n} | " + " | ".join(cells) + " |")
    lines += [
        "",
        "Per query: rank of the first right answer among the visible results (– : none "
        "shown), time to results, KB fetched.",
        "",
        "| query | kind | " + " | ".join(labels) + " |",
        "|---" * (len(labels) + 2) + "|",
    ]
    keyed = [{(o["q"], o["tree"]): o for o in runs[label]["outcomes"]} for label in labels]
    order = list(dict.fromkeys((o["q"], o["tree"], o["cat"]) for k in keyed for o in k.values()))
    for q, tree, cat in order:
        cells = []
        for k in keyed:
            o = k.get((q, tree))
            cells.append(
                f"{o['rank'] or '–'} · {o['ms']:.0f} ms · {o['kb']:.0f} KB" if o else "not run"
            )
        shown = f"`{q}`" + (" (/en/)" if tree == "en" else "")
        lines.append(f"| {shown} | {cat} | " + " | ".join(cells) + " |")
    lines += ["", MD_END]
    return "\n".join(lines)


def update_results_md(runs: dict[str, Any]) -> None:
    text = RESULTS_MD.read_text("utf-8")
    block = render_markdown(runs)
    if MD_START in text:
        head, rest = text.split(MD_START, 1)
        tail = rest.split(MD_END, 1)[1]
        text = head + block + tail
    else:
        text = text.rstrip() + "\n\n## Search benchmark\n\n" + block + "\n"
    RESULTS_MD.write_text(text, "utf-8")


# --- building the seed portal -----------------------------------------------------------------


def build_seed_site(out: Path) -> Path:
    if out.exists():
        shutil.rmtree(out)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PLANPORTAL_BUILD_DATE="2025-03-01")
    cmd = [sys.executable, "-m", "generator.cli", "build", "--site-dir", str(out)]
    subprocess.run(cmd, cwd=REPO, env=env, check=True, stdout=subprocess.DEVNULL)
    return out


def probe(site: Path) -> list[Outcome]:
    queries = [Query(q=q, cat="probe", want=()) for q in PROBE_QUERIES]
    return run_queries(site, queries, paste=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python bench/search_bench.py")
    parser.add_argument("--site", type=Path, help="a built site (default: build the seeds)")
    parser.add_argument("--queries", type=Path, default=QUERIES)
    parser.add_argument("--label", default="latest", help="name of this run in the record")
    parser.add_argument("--note", default="", help="what this run measures")
    parser.add_argument("--record", action="store_true", help="store the run, update RESULTS.md")
    parser.add_argument("--only", help="run only queries of these kinds (comma-separated)")
    parser.add_argument("--probe", type=Path, help="bytes and time at a synthetic size")
    args = parser.parse_args(argv)
    print(f"load average: {machine_load()}", flush=True)
    if args.probe:
        got = probe(args.probe)
        print(json.dumps(summary_bytes(got), ensure_ascii=False))
        return 0
    site = args.site or build_seed_site(BENCH / "out" / "search-site")
    queries = load_queries(args.queries, site)
    if args.only:
        kinds = set(args.only.split(","))
        queries = [q for q in queries if q.cat in kinds]
    outcomes = run_queries(site, queries)
    s = summary(outcomes)
    print(json.dumps(s, indent=1))
    for cat, c in by_category(outcomes).items():
        print(f"  {cat:14} clause@5 {_pct(c['clause@5']):>5}  MRR {c['mrr']:.2f}")
    print(f"load average: {machine_load()}", flush=True)
    if args.record:
        update_results_md(record(args.label, outcomes, args.note))
    return 0


def summary_bytes(outcomes: list[Outcome]) -> dict[str, Any]:
    return {
        "queries": {o.q: {"kb": o.kb, "ms": o.ms, "results": o.results} for o in outcomes},
        "kb_max": max(o.kb for o in outcomes),
        "ms_median": statistics.median(o.ms for o in outcomes),
    }


if __name__ == "__main__":
    raise SystemExit(main())
