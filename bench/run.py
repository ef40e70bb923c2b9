"""The planportal benchmark: full builds, plain-MkDocs baseline, generator stages, search.

    python bench/run.py                   # sizes S, M, L (L takes a few minutes on 2 cores)
    python bench/run.py --sizes S,M       # quick run
    python bench/run.py --sizes M --no-serve --no-browser
    python bench/run.py --sizes L --reports-ab 2   # what progress reports cost a build

For each size the project comes from `bench/synth.py` (S: the repository's own plans) and is
measured in four ways:

a. **full build** exactly as users run it: `planportal build` in a child process (check,
   MkDocs `--strict` with the planportal plugin — every language tree it generates —, the
   Pagefind index, exports), under `/usr/bin/time -v`; the process tree's RSS is also sampled
   from /proc every 50 ms (sum over the tree).  Then the output: bytes, pages, HTML sizes per
   kind of page, search index bytes, and what a search costs a reader: the bytes the browser
   fetches for a first query (隐患) and for a second one (燃气), loading the first 5 results
   as the portal's search box does — measured with Playwright in Chromium against a local
   server when /usr/bin/chromium exists, else estimated from the bundle (said in the output).
b. **plain MkDocs**: the plugin's generated files are written out as a plain docs/ tree and
   built with `mkdocs build` and the same theme/config, without the plugin: the engine's own
   cost, so (a) − (b) − Pagefind is the generator's overhead.
c. **generator stages**, in two fresh child processes: the breakdown (registry, plan
   parsing, validation, checks, views, rendering of each language tree from those views,
   one after the other), then the plugin's `on_config` + `on_files` as a build runs them
   (load, history, views, both trees side by side, exports): the generator's share.
d. **serve rebuild**: `mkdocs serve` reloads the config and rebuilds after each edit; timed as
   load_config + build, cold and after touching one plan file (search off and on).

Results: a table on stdout, `bench/out/results-<date>.json`, and `bench/RESULTS.md`.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import functools
import http.server
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from importlib import metadata
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
OUT = BENCH / "out"
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(BENCH))


import synth  # noqa: E402

BUILD_DATE = "2025-03-01"
"""Fixed `PLANPORTAL_BUILD_DATE`, so upcoming/recent deadlines are the same in every run."""
QUERIES = ("隐患", "燃气")
RESULTS_SHOWN = 5
"""Results whose fragments the search box loads per query (its "more" button loads the next)."""
CHROMIUM = Path("/usr/bin/chromium")

GOALS = {
    "scaling_l_vs_m": 1.3,
    "generator_share_l": 0.20,
    "largest_html_kb_l": 150,
    "median_html_kb_l": 40,
    "first_query_kb_l": 300,
    "later_query_kb_l": 150,
    "index_s_l": 30,
    "build_s_l": 150,
    "rss_mb_l": 1536,
    "build_s_s": 6,
}


def env(**extra: str) -> dict[str, str]:
    out = dict(os.environ, NO_MKDOCS_2_WARNING="1", PLANPORTAL_BUILD_DATE=BUILD_DATE)
    out.update(extra)
    return out


# --- projects ------------------------------------------------------------------------------


TRASH = OUT / "trash"
"""Outputs of earlier builds, moved aside and deleted when the run ends (`discard`)."""


def discard(path: Path) -> None:
    """Move `path` out of the way instead of deleting it now. On ext4, creating a file
    costs ~1 ms of kernel time for a few minutes after many files were deleted nearby
    (the inode allocator skips recently deleted inodes one by one; measured with `perf`:
    `recently_deleted` in `__ext4_new_inode`), ~0.03 ms otherwise: deleting the last
    national build (~40,000 files) just before timing the next made it ~20 s slower."""
    if not path.exists():
        return
    TRASH.mkdir(parents=True, exist_ok=True)
    path.rename(TRASH / f"{time.time_ns()}-{path.name}")


def empty_trash() -> None:
    shutil.rmtree(TRASH, ignore_errors=True)


def file_creation_ms(files: int = 400) -> float:
    """What creating a small file costs right now, in ms (see `discard`): recorded before
    each full build, so a slow run can be told from a slow disk moment."""
    probe = Path(tempfile.mkdtemp(prefix="probe-", dir=OUT))
    started = time.perf_counter()
    for n in range(files):
        (probe / f"{n}.txt").write_bytes(b"x" * 2048)
    spent = time.perf_counter() - started
    discard(probe)
    return round(spent / files * 1000, 3)


def project_for(size: str, seed: int, fresh: bool) -> tuple[Path, float]:
    root = OUT / "projects" / size
    stamp = root / ".synth-stamp"
    key = f"{size}-{seed}-{synth.__file__ and Path(synth.__file__).stat().st_mtime_ns}"
    started = time.monotonic()
    if size == "S":
        synth.write_seed_project(root)
    elif fresh or not stamp.is_file() or stamp.read_text() != key:
        synth.write_project(root, synth.SIZES[size], seed)
        stamp.write_text(key)
    else:  # keep the synthetic data, refresh what comes from the repository
        synth._copy_site_files(REPO, root)
    return root, time.monotonic() - started


def project_counts(root: Path) -> dict[str, int]:
    import yaml

    plans = sorted((root / "plans").glob("*.yaml"))
    tasks = sum(
        len(re.findall(r"^\s*- id: .*\n\s*'?no'?: ", p.read_text("utf-8"), re.M)) for p in plans
    )
    units = 0
    for path in (root / "data" / "units").glob("*.yaml"):
        data = yaml.safe_load(path.read_text("utf-8"))
        units += len(data.get("units", ())) + len(data.get("groups", ()))
    return {"plans": len(plans), "tasks_approx": tasks, "units": units}


# --- process-tree memory -------------------------------------------------------------------


def _children(pid: int) -> list[int]:
    out = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as fh:
                out += [int(x) for x in fh.read().split()]
    except OSError:
        pass
    return out


def _proc_kb(path: str, key: str) -> int:
    """The kB value of the line starting with `key` in a /proc file; 0 once the process is gone."""
    try:
        with open(path) as fh:
            for line in fh:
                if line.startswith(key):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _rss_kb(pid: int) -> int:
    return _proc_kb(f"/proc/{pid}/status", "VmRSS:")


def _pss_kb(pid: int) -> int:
    """Proportional set size: each page shared by N processes counts 1/N in each."""
    return _proc_kb(f"/proc/{pid}/smaps_rollup", "Pss:")


class TreeSampler(threading.Thread):
    """Peaks of the summed RSS and the summed PSS of a process and all its descendants.

    The build forks helpers that share most of their memory with the process they were
    forked from: the summed RSS counts those pages once per process, the summed PSS once
    (the memory the build actually holds)."""

    def __init__(self, pid: int, interval: float = 0.05) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval, self.running = pid, interval, True
        self.peak_kb = self.peak_pss_kb = 0

    def run(self) -> None:
        while self.running:
            todo, total, pss = [self.pid], 0, 0
            while todo:
                pid = todo.pop()
                total += _rss_kb(pid)
                pss += _pss_kb(pid)
                todo += _children(pid)
            self.peak_kb = max(self.peak_kb, total)
            self.peak_pss_kb = max(self.peak_pss_kb, pss)
            time.sleep(self.interval)


def timed_run(
    cmd: list[str], cwd: Path, environ: dict[str, str], sample_every: float = 0.05
) -> dict[str, Any]:
    """Run `cmd` under /usr/bin/time -v; wall time, peak memory (largest process's RSS,
    the tree's summed RSS and summed PSS, sampled every `sample_every` seconds)."""
    timev = Path("/usr/bin/time").is_file()
    full = ["/usr/bin/time", "-v", *cmd] if timev else cmd
    started = time.monotonic()
    proc = subprocess.Popen(
        full, cwd=cwd, env=environ, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    sampler = TreeSampler(proc.pid, sample_every)
    sampler.start()
    output, _ = proc.communicate()
    wall = time.monotonic() - started
    sampler.running = False
    sampler.join()
    max_single = re.search(r"Maximum resident set size \(kbytes\): (\d+)", output)
    return {
        "rc": proc.returncode,
        "wall_s": round(wall, 2),
        "peak_rss_single_mb": round(int(max_single.group(1)) / 1024, 1) if max_single else None,
        "peak_rss_tree_mb": round(sampler.peak_kb / 1024, 1),
        "peak_pss_tree_mb": round(sampler.peak_pss_kb / 1024, 1),
        "output": output,
    }


# --- output analysis -----------------------------------------------------------------------


def page_kind(rel: str) -> str:
    parts = rel.split("/")[:-1]  # without index.html
    lang = ""
    if parts and parts[0] in ("en",):
        lang, parts = parts[0] + "/", parts[1:]
    if not parts:
        return lang + "home"
    if parts[0] == "units":
        return lang + ("units-index", "units-index", "region", "unit")[min(len(parts), 3)]
    if parts[0] == "plans":
        return lang + ("plans-index" if len(parts) == 1 else "plan")
    if parts[0] == "pagefind":
        return "pagefind"
    return lang + parts[0]


def analyse_site(site: Path) -> dict[str, Any]:
    total, html = 0, []
    for path in site.rglob("*"):
        if path.is_file():
            size = path.stat().st_size
            total += size
            if path.suffix == ".html":
                html.append((size, path.relative_to(site).as_posix()))
    html.sort()
    kinds: dict[str, list[int]] = {}
    for size, rel in html:
        kinds.setdefault(page_kind(rel), []).append(size)
    bundle = site / "pagefind"
    index_bytes = sum(
        p.stat().st_size
        for p in bundle.rglob("*")
        if p.suffix in (".pf_index", ".pf_fragment", ".pf_meta", ".pf_filter")
    )
    exports = site / "data"
    return {
        "bytes": total,
        "pages": len(html),
        "largest_html": {"bytes": html[-1][0], "page": html[-1][1]} if html else None,
        "median_html_bytes": int(statistics.median(s for s, _ in html)) if html else 0,
        "html_bytes": sum(s for s, _ in html),
        "by_kind": {
            k: {"pages": len(v), "median": int(statistics.median(v)), "max": max(v)}
            for k, v in sorted(kinds.items())
        },
        "search_index_bytes": index_bytes,
        "search_bundle_bytes": sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file()),
        "exports_bytes": sum(p.stat().st_size for p in exports.rglob("*") if p.is_file())
        if exports.is_dir()
        else 0,
    }


def pagefind_seconds(output: str) -> float | None:
    found = re.findall(r"search index: .*?, ([\d.]+) s\b", output)
    if found:
        return float(found[-1])
    found = re.findall(r"Finished in ([\d.]+) seconds", output)
    return float(found[-1]) if found else None


# --- search cost in a browser --------------------------------------------------------------


class _CountingHandler(http.server.SimpleHTTPRequestHandler):
    log: list[tuple[str, int]]

    def log_message(self, *args: Any) -> None:
        pass

    def copyfile(self, source: Any, outputfile: Any) -> None:  # type: ignore[override]
        data = source.read()
        self.log.append((self.path, len(data)))
        outputfile.write(data)


def search_cost_browser(site: Path) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    log: list[tuple[str, int]] = []
    handler = functools.partial(type("H", (_CountingHandler,), {"log": log}), directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    # The portal's own search box (overrides/assets/js/search.js), as a reader uses it: what
    # it fetches for a query is what is counted (runtime, index, the results it shows).
    done = "q => document.querySelector('[data-pp-search]').getAttribute('data-pp-done')"
    done += " === JSON.stringify([q, {}])"
    shown = "() => document.querySelectorAll('#pp-search-list > li').length"
    out: dict[str, Any] = {"method": "playwright-chromium, the portal's search box"}
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=str(CHROMIUM))
            page = browser.new_page()
            page.goto(base, wait_until="load")
            log.clear()  # the page itself is not part of the search cost
            page.keyboard.press("/")  # focus the header search box
            for n, query in enumerate(QUERIES):
                started = time.monotonic()
                page.locator("#pp-search-input").fill(query)
                page.wait_for_function(done, arg=query, timeout=60_000)
                got = {"results": page.evaluate(shown)}
                seconds = time.monotonic() - started
                files = list(log)
                log.clear()
                out[f"q{n + 1}"] = {
                    "query": query,
                    "results": got["results"],
                    "bytes": sum(b for _, b in files),
                    "files": len(files),
                    "by_type": _by_type(files),
                    "seconds": round(seconds, 2),
                }
            browser.close()
    finally:
        server.shutdown()
    return out


def _by_type(files: list[tuple[str, int]]) -> dict[str, int]:
    out: dict[str, int] = {}
    for path, size in files:
        name = path.rsplit("/", 1)[-1]
        kind = (
            "fragment"
            if "/fragment/" in path
            else "index-chunk"
            if "/index/" in path
            else "meta"
            if name.endswith(".pf_meta")
            else "runtime"
        )
        out[kind] = out.get(kind, 0) + size
    return out


def search_cost_estimate(site: Path) -> dict[str, Any]:
    """Without a browser: runtime + entry + meta, plus median chunk/fragment sizes."""
    bundle = site / "pagefind"
    runtime = sum(
        (bundle / n).stat().st_size
        for n in ("pagefind.js", "pagefind-entry.json", "wasm.unknown.pagefind")
        if (bundle / n).is_file()
    )
    runtime += sum(p.stat().st_size for p in bundle.glob("wasm.*.pagefind"))
    meta = sum(p.stat().st_size for p in bundle.glob("*.pf_meta"))
    chunks = [p.stat().st_size for p in (bundle / "index").glob("*")] or [0]
    frags = [p.stat().st_size for p in (bundle / "fragment").glob("*")] or [0]
    per_query = 2 * statistics.median(chunks) + RESULTS_SHOWN * statistics.median(frags)
    return {
        "method": "estimate (no browser): runtime+meta + 2 median chunks + 10 median fragments",
        "q1": {"query": QUERIES[0], "bytes": int(runtime + meta + per_query)},
        "q2": {"query": QUERIES[1], "bytes": int(per_query)},
    }


# --- (b) plain MkDocs -------------------------------------------------------------------------


def write_plain_tree(root: Path, dest: Path) -> tuple[Path, int]:
    """The plugin's generated pages, exports + docs/ as a plain docs tree; returns (config,
    files). The plugin writes exports into the site directory and keeps pages in its
    spool, so both are collected from there."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files

    os.environ["PLANPORTAL_ROOT"] = str(root)
    exports = dest.parent / "exports"
    for old in (dest, exports):
        discard(old)
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(exports))
    config = config.plugins.on_config(config)
    files = config.plugins.on_files(get_files(config), config=config)
    spool = config.plugins["planportal"].pages
    written = 0
    for f in files:
        target = dest / f.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        if spool is not None and f.src_uri in spool:
            target.write_text(spool.read(f.src_uri), encoding="utf-8")
        elif f.generated_by and f.abs_src_path is None:
            target.write_bytes(f.content_bytes)
        else:
            shutil.copyfile(f.abs_src_path, target)
        written += 1
    for path in exports.rglob("*"):
        if path.is_file():
            target = dest / path.relative_to(exports)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
            written += 1
    discard(exports)
    config.plugins.on_shutdown()  # the plugin's spool
    plain = root / "mkdocs.plain.yml"
    plain.write_text(
        f"INHERIT: mkdocs.yml\ndocs_dir: {dest}\nplugins: []\nstrict: false\n", encoding="utf-8"
    )
    return plain, written


# --- (c) generator stages ----------------------------------------------------------------------


def generator_stages(root: Path) -> dict[str, Any]:
    from generator import load, project
    from generator.checks import CheckContext, run_checks
    from generator.model import Plan
    from generator.registry import load_registry
    from generator.runtime import tune_gc

    tune_gc()  # as `planportal build` and the plugin do
    t: dict[str, float] = {}

    def lap(name: str, started: float) -> float:
        now = time.monotonic()
        t[name] = round(now - started, 3)
        return now

    now = time.monotonic()
    registry, _ = load_registry(root / "data", display_root=root)
    now = lap("registry", now)
    loaded = [load.load_yaml(p, p.name)[0] for p in project.plan_file_paths(root)]
    now = lap("parse_yaml", now)
    plans = [(load.validate_as(x, Plan)[0], x) for x in loaded]
    now = lap("validate", now)
    ids = frozenset(p.id for p, _ in plans)
    for plan, x in plans:
        run_checks(CheckContext(plan, x, registry, ids))
    now = lap("checks", now)
    proj, problems = project.load_project(root)
    now = lap("load_project_total", now)
    assert proj is not None, problems

    from generator.views import build_views

    views = build_views(proj, dt.date.fromisoformat(BUILD_DATE))
    now = lap("views", now)
    from generator.render.families import FAMILIES, tree_groups
    from generator.render.kit import PageKit, SiteData

    data = SiteData.of(proj, views)
    ui_dir = REPO / "data" / "ui"
    langs = [p.stem for p in sorted(ui_dir.glob("*.yaml"))] or ["zh"]
    pages = 0
    for lang in langs:  # each tree from the views built above, as the build does
        try:
            kit = PageKit.for_tree(data, lang)
            for group in tree_groups(kit, FAMILIES):
                pages += sum(1 for _ in group.make())
        except Exception as exc:  # a language the renderer does not support (yet)
            t[f"render_{lang}_error"] = str(exc)[:200]  # type: ignore[assignment]
            continue
        now = lap(f"render_{lang}", now)
    del views
    return {"seconds": t, "pages_rendered": pages}


def plugin_stages(root: Path) -> dict[str, Any]:
    """The plugin's own events, as a build runs them (load, history, views, both trees,
    exports), in a process of their own: after the breakdown above, the caches it warmed
    (pinyin, word splitting) would flatter them and the project it holds would slow them."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files

    from generator.runtime import tune_gc

    tune_gc()
    t: dict[str, float] = {}
    os.environ["PLANPORTAL_ROOT"] = str(root)
    os.environ["PLANPORTAL_BUILD_DATE"] = BUILD_DATE
    site = Path(tempfile.mkdtemp(prefix="stages-site-", dir=OUT))  # the plugin writes exports
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(site))
    now = time.monotonic()
    config = config.plugins.on_config(config)
    t["plugin_on_config"] = round(time.monotonic() - now, 3)
    now = time.monotonic()
    files = config.plugins.on_files(get_files(config), config=config)
    t["plugin_on_files"] = round(time.monotonic() - now, 3)
    config.plugins.on_shutdown()
    discard(site)
    t["plugin_total"] = round(t["plugin_on_config"] + t["plugin_on_files"], 3)
    return {"seconds": t, "files": len(files)}


# --- (d) serve rebuilds ------------------------------------------------------------------------


def serve_rebuilds(root: Path, search: bool) -> dict[str, Any]:
    """Like `mkdocs serve`: each rebuild reloads the config (new plugin objects) and builds."""
    code = f"""
import os, sys, time, json, pathlib, logging, threading
logging.disable(logging.WARNING)
# `mkdocs serve` runs its server in a thread meanwhile, as here
threading.Thread(target=threading.Event().wait, daemon=True).start()
from mkdocs.config import load_config
from mkdocs.commands.build import build
root = pathlib.Path({str(root)!r})
site = root / "site.serve"
def rebuild():
    t = time.monotonic()
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(site))
    build(config, dirty=False)
    return round(time.monotonic() - t, 2)
out = {{"cold": rebuild(), "unchanged": rebuild()}}
plan = sorted((root / "plans").glob("*.yaml"))[len(list((root / "plans").glob("*.yaml"))) // 2]
text = plan.read_text("utf-8")
plan.write_text(text.replace("title: ", "title: 修订", 1), "utf-8")
try:
    out["one_plan_edited"] = rebuild()
finally:
    plan.write_text(text, "utf-8")
out["edited_back"] = rebuild()
print(json.dumps(out))
"""
    extra = {"PLANPORTAL_ROOT": str(root), "PLANPORTAL_SEARCH": "1" if search else "0"}
    proc = subprocess.run(
        [sys.executable, "-c", code], env=env(**extra), capture_output=True, text=True, cwd=root
    )
    discard(root / "site.serve")
    if proc.returncode != 0:
        return {"error": proc.stderr[-800:]}
    return json.loads(proc.stdout.strip().splitlines()[-1])


# --- one size ----------------------------------------------------------------------------------


def bench_size(size: str, args: argparse.Namespace) -> dict[str, Any]:
    print(f"\n=== size {size} ===", flush=True)
    root, synth_s = project_for(size, args.seed, args.fresh)
    res: dict[str, Any] = {"size": size, "project": str(root), "synth_s": round(synth_s, 1)}
    res["counts"] = project_counts(root)
    print(f"project: {res['counts']} ({synth_s:.1f} s to prepare)", flush=True)

    site = root / "site"
    discard(site)
    res["file_creation_ms"] = file_creation_ms()
    cmd = [sys.executable, "-m", "generator.cli", "--root", str(root), "build"]
    run = timed_run([*cmd, "--site-dir", str(site)], root, env())
    if run["rc"] != 0:
        print(run["output"][-3000:])
        raise SystemExit(f"size {size}: planportal build failed")
    out = run.pop("output")
    res["build"] = run | {"pagefind_s": pagefind_seconds(out)}
    m = re.search(r"checked (\d+) plans, (\d+) tasks", out)
    if m:
        res["counts"]["plans"], res["counts"]["tasks"] = int(m.group(1)), int(m.group(2))
    res["site"] = analyse_site(site)
    print(
        f"full build {run['wall_s']} s, PSS tree {run['peak_pss_tree_mb']} MiB "
        f"(RSS summed {run['peak_rss_tree_mb']}), "
        f"{res['site']['pages']} pages",
        flush=True,
    )

    if not args.no_browser and CHROMIUM.exists():
        try:
            res["search"] = search_cost_browser(site)
        except Exception as exc:
            res["search"] = search_cost_estimate(site) | {"browser_error": str(exc)[:300]}
    else:
        res["search"] = search_cost_estimate(site)
    print(f"search: {json.dumps(res['search'], ensure_ascii=False)[:300]}", flush=True)

    # (b) plugin-only MkDocs build (no search) and the plain MkDocs build of the same tree
    run_p: dict[str, Any] = {"wall_s": float("nan")}
    if size in args.plugin_sizes:  # informative; skipped at L to keep the run short
        mk = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(root / "mkdocs.yml")]
        plugin_site = root / "site.plugin"
        env_p = env(PLANPORTAL_ROOT=str(root), PLANPORTAL_SEARCH="0")
        run_p = timed_run([*mk, "-d", str(plugin_site)], root, env_p)
        run_p.pop("output")
        discard(plugin_site)
    res["mkdocs_with_plugin"] = run_p
    config, nfiles = write_plain_tree(root, OUT / "plain" / size / "docs")
    plain_site = root / "site.plain"
    run_b = timed_run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(plain_site)],
        root,
        env(),
    )
    if run_b["rc"] != 0:
        print(run_b["output"][-2000:])
    run_b.pop("output")
    res["mkdocs_plain"] = run_b | {"files": nfiles}
    discard(plain_site)
    print(f"mkdocs+plugin {run_p['wall_s']} s; plain mkdocs {run_b['wall_s']} s", flush=True)

    # (c) stages: the breakdown and the plugin's events, each in a fresh child
    res["stages"] = {"seconds": {}}
    for flag in ("--stages-only", "--plugin-only"):
        proc = subprocess.run(
            [sys.executable, __file__, flag, str(root)],
            env=env(),
            capture_output=True,
            text=True,
        )
        if proc.returncode != 0:
            res["stages"] = {"error": proc.stderr[-1500:]}
            break
        found = json.loads(proc.stdout.strip().splitlines()[-1])
        res["stages"]["seconds"] |= found.pop("seconds")
        res["stages"] |= found
    print(f"stages: {res['stages'].get('seconds')}", flush=True)

    if not args.no_serve and size in args.serve_sizes:
        res["serve"] = {
            "search_off": serve_rebuilds(root, search=False),
            "search_on": serve_rebuilds(root, search=True),
        }
        print(f"serve: {res['serve']}", flush=True)
    if not args.keep:
        discard(OUT / "plain" / size)
    return res


# --- report --------------------------------------------------------------------------------------


def machine() -> dict[str, Any]:
    mem = ""
    try:
        with open("/proc/meminfo") as fh:
            kb = int(fh.readline().split()[1])
            mem = f"{kb / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    cpu = ""
    try:
        with open("/proc/cpuinfo") as fh:
            cpu = next((ln.split(":", 1)[1].strip() for ln in fh if "model name" in ln), "")
    except OSError:
        pass
    versions = {}
    for pkg in (
        "mkdocs",
        "mkdocs-material",
        "pagefind",
        "pagefind_bin_extended",
        "pydantic",
        "jinja2",
        "pyyaml",
        "playwright",
    ):
        with contextlib.suppress(metadata.PackageNotFoundError):
            versions[pkg] = metadata.version(pkg)
    git = subprocess.run(
        ["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
    ).stdout.strip()
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "memory": mem,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "packages": versions,
        "git": git,
    }


def derived(results: dict[str, Any]) -> dict[str, Any]:
    d: dict[str, Any] = {}
    for size, r in results.items():
        tasks = r["counts"].get("tasks") or r["counts"].get("tasks_approx") or 1
        build = r["build"]["wall_s"]
        pf = r["build"].get("pagefind_s") or 0
        plain = r["mkdocs_plain"]["wall_s"]
        st = r["stages"].get("seconds", {}) if isinstance(r["stages"], dict) else {}
        # the plugin's on_config loads the project itself here (no preload), so its two
        # events are the generator's whole share of a build: load, history, render, exports
        gen_stages = st.get("plugin_total", 0)
        d[size] = {
            "s_per_1000_tasks": round(build / tasks * 1000, 2),
            "generator_overhead_s": round(build - plain - pf, 2),
            "generator_share": round((build - plain - pf) / build, 3),
            "generator_stages_s": round(gen_stages, 2),
            "generator_stages_share": round(gen_stages / build, 3),
        }
    if "M" in d and "L" in d:
        d["scaling_l_vs_m"] = round(d["L"]["s_per_1000_tasks"] / d["M"]["s_per_1000_tasks"], 2)
    return d


def goals(results: dict[str, Any], d: dict[str, Any]) -> list[tuple[str, str, str, bool]]:
    out = []

    def add(name: str, value: float | None, limit: float, fmt: str = "{:.1f}") -> None:
        if value is not None:
            out.append((name, fmt.format(value), f"≤ {fmt.format(limit)}", value <= limit))

    if "scaling_l_vs_m" in d:
        add("time / 1,000 tasks, L ÷ M", d["scaling_l_vs_m"], GOALS["scaling_l_vs_m"], "{:.2f}×")
    if "L" in results:
        r = results["L"]
        add(
            "generator share of build at L (stages)",
            d["L"]["generator_stages_share"] * 100,
            20,
            "{:.0f} %",
        )
        add("largest HTML at L", r["site"]["largest_html"]["bytes"] / 1024, 150, "{:.0f} KB")
        add("median HTML at L", r["site"]["median_html_bytes"] / 1024, 40, "{:.0f} KB")
        add("first query at L", r["search"]["q1"]["bytes"] / 1024, 300, "{:.0f} KB")
        add("second query at L", r["search"]["q2"]["bytes"] / 1024, 150, "{:.0f} KB")
        add("Pagefind indexing at L", r["build"].get("pagefind_s"), 30, "{:.1f} s")
        add("full build at L", r["build"]["wall_s"], 150, "{:.0f} s")
        add("peak memory (tree, PSS) at L", r["build"]["peak_pss_tree_mb"], 1536, "{:.0f} MiB")
    if "S" in results:
        add("full build at S", results["S"]["build"]["wall_s"], 6, "{:.1f} s")
    return out


def table(results: dict[str, Any], d: dict[str, Any]) -> str:
    sizes = list(results)
    rows: list[tuple[str, list[str]]] = []

    def row(label: str, fn: Any) -> None:
        vals = []
        for s in sizes:
            try:
                v = fn(results[s], d.get(s, {}))
            except (KeyError, TypeError, ZeroDivisionError):
                v = None
            vals.append("–" if v is None else str(v))
        rows.append((label, vals))

    kb = lambda n: f"{n / 1024:,.0f} KB"  # noqa: E731
    mb = lambda n: f"{n / 1024 / 1024:,.1f} MB"  # noqa: E731
    row(
        "plans / tasks / units",
        lambda r, _: (
            f"{r['counts']['plans']} / "
            f"{r['counts'].get('tasks', r['counts'].get('tasks_approx'))} / {r['counts']['units']}"
        ),
    )
    row("**full build** (`planportal build`)", lambda r, _: f"{r['build']['wall_s']:.1f} s")
    row("time per 1,000 tasks", lambda r, x: f"{x['s_per_1000_tasks']:.2f} s")
    row(
        "peak memory of the process tree: PSS (summed RSS; largest process), MiB",
        lambda r, _: (
            f"{r['build'].get('peak_pss_tree_mb', 0):.0f} ({r['build']['peak_rss_tree_mb']:.0f}; "
            f"{r['build']['peak_rss_single_mb']:.0f})"
        ),
    )
    row(
        "creating a small file, just before the build (probe)",
        lambda r, _: f"{r['file_creation_ms']:.2f} ms",
    )
    row("Pagefind indexing", lambda r, _: f"{r['build']['pagefind_s']:.1f} s")
    row(
        "MkDocs + plugin, no search",
        lambda r, _: (
            None
            if r["mkdocs_with_plugin"]["wall_s"]
            != r["mkdocs_with_plugin"]["wall_s"]  # NaN: skipped
            else f"{r['mkdocs_with_plugin']['wall_s']:.1f} s"
        ),
    )
    row("plain MkDocs, same Markdown (b)", lambda r, _: f"{r['mkdocs_plain']['wall_s']:.1f} s")
    row(
        "generator overhead = full − plain − Pagefind",
        lambda r, x: f"{x['generator_overhead_s']:.1f} s ({x['generator_share'] * 100:.0f} %)",
    )
    for stage in (
        "registry",
        "parse_yaml",
        "validate",
        "checks",
        "load_project_total",
        "views",
        "render_zh",
        "render_en",
        "plugin_on_config",
        "plugin_on_files",
    ):
        row(f"stage: {stage}", lambda r, _, s=stage: f"{r['stages']['seconds'][s]:.2f} s")
    row(
        "generator stages share (plugin: load, render, exports)",
        lambda r, x: f"{x['generator_stages_s']:.1f} s ({x['generator_stages_share'] * 100:.0f} %)",
    )
    row("output", lambda r, _: mb(r["site"]["bytes"]))
    row("HTML pages", lambda r, _: f"{r['site']['pages']:,}")
    row(
        "largest HTML",
        lambda r, _: (
            f"{kb(r['site']['largest_html']['bytes'])} (`{r['site']['largest_html']['page']}`)"
        ),
    )
    row("median HTML", lambda r, _: kb(r["site"]["median_html_bytes"]))
    row("search index data", lambda r, _: mb(r["site"]["search_index_bytes"]))
    row(
        f"first query ({QUERIES[0]}, {RESULTS_SHOWN} results)",
        lambda r, _: kb(r["search"]["q1"]["bytes"]),
    )
    row(f"second query ({QUERIES[1]})", lambda r, _: kb(r["search"]["q2"]["bytes"]))
    row(
        "serve: rebuild after editing one plan (search off / on)",
        lambda r, _: (
            f"{r['serve']['search_off']['one_plan_edited']:.1f} s / "
            f"{r['serve']['search_on']['one_plan_edited']:.1f} s"
        ),
    )
    row("serve: cold build (search off)", lambda r, _: f"{r['serve']['search_off']['cold']:.1f} s")
    head = "| | " + " | ".join(sizes) + " |\n|---|" + "---|" * len(sizes) + "\n"
    return head + "".join(f"| {label} | " + " | ".join(v) + " |\n" for label, v in rows)


def kinds_table(results: dict[str, Any]) -> str:
    kinds = sorted({k for r in results.values() for k in r["site"]["by_kind"]})
    sizes = list(results)
    out = "| page kind | " + " | ".join(f"{s}: pages, median / max" for s in sizes) + " |\n"
    out += "|---|" + "---|" * len(sizes) + "\n"
    for k in kinds:
        cells = []
        for s in sizes:
            v = results[s]["site"]["by_kind"].get(k)
            cells.append(
                f"{v['pages']:,}, {v['median'] / 1024:.0f} / {v['max'] / 1024:.0f} KB" if v else "–"
            )
        out += f"| {k} | " + " | ".join(cells) + " |\n"
    return out


def write_report(data: dict[str, Any]) -> str:
    m = data["machine"]
    pk = ", ".join(f"{k} {v}" for k, v in m["packages"].items())
    lines = [
        "## Latest run",
        "",
        f"{data['date']}, git {m['git']}; {m['nproc']} cores ({m['cpu']}), {m['memory']} RAM, "
        f"Python {m['python']}; {pk}. Search cost measured by: "
        + ", ".join(sorted({r["search"].get("method", "?") for r in data["results"].values()}))
        + ".",
        "",
        table(data["results"], data["derived"]),
        "",
        kinds_table(data["results"]),
        "",
        "| goal | measured | target | met |",
        "|---|---|---|---|",
    ]
    for name, value, limit, ok in data["goals"]:
        lines.append(f"| {name} | {value} | {limit} | {'yes' if ok else '**no**'} |")
    return "\n".join(lines) + "\n"


def update_results_md(report: str) -> None:
    path = BENCH / "RESULTS.md"
    text = path.read_text("utf-8") if path.is_file() else ""
    start, end = "<!-- bench:latest:start -->", "<!-- bench:latest:end -->"
    block = f"{start}\n{report}{end}"
    if start in text and end in text:
        text = text[: text.index(start)] + block + text[text.index(end) + len(end) :]
    else:
        text = (text.rstrip() + "\n\n" if text else "# Benchmark results\n\n") + block + "\n"
    path.write_text(text, "utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python bench/run.py")
    parser.add_argument("--sizes", default="S,M,L")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--fresh", action="store_true", help="regenerate synthetic projects")
    parser.add_argument("--no-serve", action="store_true")
    parser.add_argument("--serve-sizes", default="S,M")
    parser.add_argument("--plugin-sizes", default="S,M", help="also time mkdocs+plugin alone")
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--keep", action="store_true", help="keep plain docs trees")
    parser.add_argument("--no-report", action="store_true", help="do not touch RESULTS.md")
    parser.add_argument(
        "--reports-ab",
        type=int,
        metavar="N",
        help="only build each size N times without and N times with its progress reports, "
        "alternately (bench/reports_ab.py)",
    )
    parser.add_argument("--stages-only", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--plugin-only", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.stages_only:
        print(json.dumps(generator_stages(args.stages_only)))
        return 0
    if args.plugin_only:
        print(json.dumps(plugin_stages(args.plugin_only)))
        return 0
    os.environ.update(PLANPORTAL_BUILD_DATE=BUILD_DATE, NO_MKDOCS_2_WARNING="1")
    if args.reports_ab:
        import reports_ab

        OUT.mkdir(parents=True, exist_ok=True)
        for size in args.sizes.split(","):
            reports_ab.main(size, args.reports_ab, args.seed)
        empty_trash()
        return 0
    args.serve_sizes = args.serve_sizes.split(",")
    args.plugin_sizes = args.plugin_sizes.split(",")
    OUT.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    results = {s: bench_size(s, args) for s in args.sizes.split(",")}
    d = derived(results)
    data = {
        "date": dt.datetime.now().isoformat(timespec="seconds"),
        "machine": machine(),
        "results": results,
        "derived": d,
        "goals": goals(results, d),
        "bench_seconds": round(time.monotonic() - started, 1),
    }
    empty_trash()
    path = OUT / f"results-{dt.date.today().isoformat()}.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), "utf-8")
    report = write_report(data)
    print("\n" + report)
    print(f"wrote {path} ({data['bench_seconds']:.0f} s)")
    if not args.no_report:
        update_results_md(report)
        print(f"updated {BENCH / 'RESULTS.md'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
