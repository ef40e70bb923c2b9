"""Generated pages written by forked helpers while MkDocs writes the rest."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from helpers import REPO, copy_fixture
from jinja2 import DictLoader, Environment
from mkdocs.exceptions import PluginError

from generator import parallel_write
from generator.build import build_site
from generator.parallel_write import ELSEWHERE_TEMPLATE, PageWriters

fork_only = pytest.mark.skipif(not hasattr(os, "fork"), reason="helpers are forked")


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


_SHARED_BUILD = """
import os
import sys
from pathlib import Path
from generator import parallel_write
from generator.build import build_site

handed = []
real_start = parallel_write.PageWriters.start

def start(self, pages, **kwargs):
    handed.append(real_start(self, pages, **kwargs))
    return handed[-1]

parallel_write.PageWriters.start = start
parallel_write.PARALLEL_FROM = 1  # the fixture is small
os.cpu_count = lambda: 3  # three processes also on a smaller machine
code = build_site(
    Path(sys.argv[1]), Path(sys.argv[2]), search=False, build_date="2024-10-01", processes=3
)
print("handed", *handed)
sys.exit(code)
"""


@fork_only
def test_helpers_write_the_same_site_as_mkdocs_alone(tmp_path):
    """The shared build in a process of its own, with three processes and the fixture's
    few pages counted as many."""
    root = copy_fixture(tmp_path / "proj")
    alone = build_site(root, tmp_path / "alone", search=False, build_date="2024-10-01", processes=1)
    assert alone == 0
    shared_build = [sys.executable, "-c", _SHARED_BUILD, str(root), str(tmp_path / "shared")]
    done = subprocess.run(shared_build, capture_output=True, text=True, cwd=REPO, check=False)
    assert done.returncode == 0, done.stdout + done.stderr

    alone, shared = _files(tmp_path / "alone"), _files(tmp_path / "shared")
    pages = [path for path in alone if path.endswith(".html")]
    handed = [int(n) for n in done.stdout.split("handed", 1)[1].split()]
    assert handed[0] >= len(pages) // 2  # two of three shares of the generated pages
    assert sorted(shared) == sorted(alone)
    assert [p for p in alone if shared[p] != alone[p]] == []


def _pages(count: int) -> list[SimpleNamespace]:
    return [
        SimpleNamespace(
            file=SimpleNamespace(
                src_uri=f"p{i}/index.md", inclusion=SimpleNamespace(is_excluded=lambda: False)
            ),
            meta={},
        )
        for i in range(count)
    ]


def _start(writers: PageWriters, pages: list[Any], write: Any, monkeypatch: Any) -> Environment:
    monkeypatch.setattr(parallel_write, "_page_writer", lambda: write)
    monkeypatch.setattr(parallel_write, "PARALLEL_FROM", 1)
    env = Environment(loader=DictLoader({"main.html": "page"}))
    files = SimpleNamespace(documentation_pages=lambda inclusion: [])
    writers.start(pages, processes=2, config=None, nav=None, env=env, files=files)
    return env


@fork_only
def test_a_helper_writes_every_other_page_and_this_process_skips_them(monkeypatch, tmp_path):
    def write(page: Any, *args: Any, **kwargs: Any) -> None:
        (tmp_path / page.file.src_uri.replace("/", "-")).write_text("written")

    pages = _pages(6)
    writers = PageWriters()
    env = _start(writers, pages, write, monkeypatch)
    assert [page.file.src_uri in writers for page in pages] == [False, True] * 3
    assert [page.meta.get("template") for page in pages] == [None, ELSEWHERE_TEMPLATE] * 3
    assert env.get_template(ELSEWHERE_TEMPLATE).render() == ""  # MkDocs writes nothing
    assert env.get_template("main.html").render() == "page"
    writers.finish()
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"p{i}-index.md" for i in (1, 3, 5)]
    assert "p1/index.md" not in writers  # finished: every page is this process's again


@fork_only
def test_what_a_helper_logs_is_logged_here_once(monkeypatch, caplog):
    def write(page: Any, *args: Any, **kwargs: Any) -> None:
        logging.getLogger("mkdocs.commands.build").warning(f"odd link on {page.file.src_uri}")

    writers = PageWriters()
    _start(writers, _pages(4), write, monkeypatch)
    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        writers.finish()
    warnings = [(r.name, r.levelno, r.getMessage()) for r in caplog.records]
    assert warnings == [
        ("mkdocs.commands.build", logging.WARNING, "odd link on p1/index.md"),
        ("mkdocs.commands.build", logging.WARNING, "odd link on p3/index.md"),
    ]


@fork_only
def test_a_failing_helper_fails_the_build(monkeypatch):
    def write(page: Any, *args: Any, **kwargs: Any) -> None:
        if page.file.src_uri == "p3/index.md":
            raise OSError("No space left on device")

    writers = PageWriters()
    _start(writers, _pages(4), write, monkeypatch)
    with pytest.raises(PluginError, match=r"writing pages failed .*No space left on device"):
        writers.finish()


@fork_only
def test_a_helper_that_dies_fails_the_build(monkeypatch):
    def write(page: Any, *args: Any, **kwargs: Any) -> None:
        os._exit(3)

    writers = PageWriters()
    _start(writers, _pages(4), write, monkeypatch)
    with pytest.raises(PluginError, match="stopped without finishing"):
        writers.finish()


def test_mkdocs_skipped_line_is_dropped_only_for_pages_a_helper_writes():
    keep = parallel_write._NotWrittenHere({"units/a/index.md"})

    def passes(message: str) -> bool:
        return keep.filter(logging.makeLogRecord({"msg": message}))

    assert not passes("Page skipped: 'units/a/index.md'. Generated empty output.")
    assert passes("Page skipped: 'about.md'. Generated empty output.")
    assert passes("Error building page 'units/a/index.md'")


def test_no_helper_for_few_pages_or_one_process(monkeypatch):
    monkeypatch.setattr(parallel_write, "_page_writer", lambda: lambda *a, **k: None)
    env = Environment(loader=DictLoader({}))
    files = SimpleNamespace(documentation_pages=lambda inclusion: [])
    writers = PageWriters()
    few = _pages(parallel_write.PARALLEL_FROM - 1)
    assert writers.start(few, processes=4, config=None, nav=None, env=env, files=files) == 0
    many = _pages(3000)
    assert writers.start(many, processes=1, config=None, nav=None, env=env, files=files) == 0
    assert len(writers.helpers) == 0 and all(not page.meta for page in few + many)


_WHILE_A_THREAD_LOGS = """
import io
import logging
import threading
from types import SimpleNamespace
from jinja2 import DictLoader, Environment
from generator import parallel_write
from generator.parallel_write import PageWriters

def write(page, *args, **kwargs):
    logging.getLogger("mkdocs.commands.build").warning(f"odd link on {page.file.src_uri}")

pages = [
    SimpleNamespace(
        file=SimpleNamespace(
            src_uri=f"p{i}/index.md", inclusion=SimpleNamespace(is_excluded=lambda: False)
        ),
        meta={},
    )
    for i in range(6)
]
parallel_write._page_writer = lambda: write
parallel_write.PARALLEL_FROM = 1
server_log = logging.getLogger("mkdocs.livereload")
server_log.addHandler(logging.StreamHandler(io.StringIO()))
server_log.setLevel(logging.INFO)
server_log.propagate = False
build_log = logging.getLogger("mkdocs")
kept = []
build_log.addHandler(logging.Handler())
build_log.handlers[-1].emit = lambda record: kept.append(record.getMessage())
stop = threading.Event()

def server():  # as `mkdocs serve`'s threads log requests while the build runs
    while not stop.is_set():
        server_log.info("GET /plans/ 200")
        logging.getLogger(f"mkdocs.livereload.{len(kept) % 7}")  # takes logging's lock

thread = threading.Thread(target=server)
thread.start()
env = Environment(loader=DictLoader({}))
files = SimpleNamespace(documentation_pages=lambda inclusion: [])
for _ in range(20):
    writers = PageWriters()
    started = writers.start(pages, processes=3, config=None, nav=None, env=env, files=files)
    writers.finish()
    assert started == 4, started
stop.set()
thread.join()
print(len(kept), sorted(set(kept)))
"""


@fork_only
def test_helpers_write_while_a_server_thread_logs():
    """`mkdocs serve` builds while its server threads run and log: helpers forked meanwhile
    (20 builds) finish and their warnings arrive. In a process of its own with a time
    limit: a helper stuck on a lock held at the fork would wait for ever."""
    done = subprocess.run(
        [sys.executable, "-c", _WHILE_A_THREAD_LOGS],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    pages = ["p1", "p2", "p4", "p5"]  # two helpers of three: every page but 0 and 3
    assert done.stdout.split("\n")[0] == f"80 {[f'odd link on {p}/index.md' for p in pages]}"
