"""`planportal build` interrupted (Ctrl-C) or killed: the old site stays, nothing is left."""

from __future__ import annotations

import contextlib
import os
import select
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from helpers import FIXTURE, REPO

from generator import build, processes
from generator.render.spool import remove_stale_spools

posix_only = pytest.mark.skipif(not hasattr(os, "fork"), reason="builds are forked")

_STOPPED = """
import os
import sys
import time
from generator import cli, parallel_write
from generator.render import spool

os.cpu_count = lambda: 2  # two processes (`--processes 2`) also on a one-core machine
stage = sys.argv.pop(1)
if stage == "rendering":  # in the build process and in its helper
    real_do = spool._do

    def slow_do(*args, **kwargs):
        print("STOPPED", flush=True)
        time.sleep(60)
        return real_do(*args, **kwargs)

    spool._do = slow_do
else:  # in the helper writing pages (the fixture's few pages counted as many)
    def slow_writer(*args, **kwargs):
        print("STOPPED", flush=True)
        print("STOPPED", flush=True)
        time.sleep(60)

    parallel_write._page_writer = lambda: slow_writer
    parallel_write.PARALLEL_FROM = 1
sys.exit(cli.main(sys.argv[1:]))
"""


def _stopped_build(stage: str, site: Path, temp: Path, **popen: Any) -> tuple[Any, str]:
    """`planportal build` started and held up at `stage` in two processes; the process and
    what it printed so far."""
    env = dict(os.environ, TMPDIR=str(temp), PYTHONUNBUFFERED="1")
    command = [sys.executable, "-c", _STOPPED, stage]
    command += ["--root", str(FIXTURE), "build", "--site-dir", str(site), "--no-search"]
    command += ["--processes", "2"]
    proc = subprocess.Popen(
        command,
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        **popen,
    )
    assert proc.stdout is not None
    lines: list[str] = []
    while "".join(lines).count("STOPPED") < 2:  # two processes may print on one line
        lines.append(proc.stdout.readline())
        assert lines[-1], "".join(lines)
    return proc, "".join(lines)


@posix_only
@pytest.mark.parametrize("stage", ["rendering", "writing"])
@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_an_interrupted_build_stops_quietly_keeps_the_old_site_and_leaves_nothing(
    tmp_path, stage, stop
):
    """Ctrl-C reaches the terminal's process group, `kill` (SIGTERM) the command alone;
    either way the build process and its helpers stop too."""
    site, temp = tmp_path / "site", tmp_path / "temp"
    site.mkdir()
    temp.mkdir()
    (site / "index.html").write_text("old", encoding="utf-8")
    proc, output = _stopped_build(
        stage,
        site,
        temp,
        start_new_session=True,  # a process group of its own, as a terminal's job is
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    os.killpg(proc.pid, stop)  # the command's group: the build runs in a group of its own
    output += proc.communicate(timeout=60)[0]

    assert proc.returncode == 130, output
    assert "planportal: interrupted: the old site is untouched" in output
    assert "Traceback" not in output and "KeyboardInterrupt" not in output
    assert (site / "index.html").read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site", "temp"]
    assert list(temp.glob("planportal-*")) == []  # the pages spooled while rendering


@posix_only
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux ends them (prctl)")
def test_when_the_command_is_killed_the_build_stops_and_cleans_up(tmp_path):
    """`kill -9` of the command: the build process is stopped as by SIGTERM (its spool is
    removed, its helpers end); an unfinished site is left for the next build to remove."""
    site, temp = tmp_path / "site", tmp_path / "temp"
    temp.mkdir()
    proc, output = _stopped_build("rendering", site, temp)
    proc.kill()
    output += proc.communicate(timeout=60)[0]  # every process has ended

    assert "Traceback" not in output
    assert list(temp.glob("planportal-*")) == []
    assert {p.name for p in tmp_path.glob("site*")} <= {f"site.new-{proc.pid}"}
    build._remove_leftovers(site)
    assert list(tmp_path.glob("site*")) == []


def _gone_pid() -> int:
    """The id of a process that has ended (and been waited for)."""
    finished = subprocess.Popen([sys.executable, "-c", "pass"])
    finished.wait()
    return finished.pid


def test_leftovers_of_builds_that_are_gone_are_removed(tmp_path, capsys):
    site = tmp_path / "site"
    gone = _gone_pid()
    names = [f"site.new-{gone}", f"site.old-{gone}", f"site.new-{os.getpid()}", "site.new-x"]
    names += ["site.backup", f"other.new-{gone}"]
    for name in names:
        (tmp_path / name).mkdir()
        (tmp_path / name / "index.html").write_text("x", encoding="utf-8")

    build._remove_leftovers(site)

    kept = sorted(p.name for p in tmp_path.iterdir())
    assert kept == sorted(
        [f"site.new-{os.getpid()}", "site.new-x", "site.backup", f"other.new-{gone}"]
    )
    out = capsys.readouterr().out
    assert f"removing site.new-{gone}, left by an interrupted build" in out
    assert f"removing site.old-{gone}, left by an interrupted build" in out


def test_a_site_name_is_not_read_as_a_pattern(tmp_path):
    gone = _gone_pid()
    for name in (f"pub[1].new-{gone}", f"pub1.new-{gone}"):
        (tmp_path / name).mkdir()
    build._remove_leftovers(tmp_path / "pub[1]")
    assert [p.name for p in tmp_path.iterdir()] == [f"pub1.new-{gone}"]


def test_spools_of_builds_that_are_gone_are_removed(tmp_path):
    gone = _gone_pid()
    names = [f"planportal-files-{gone}-abc", f"planportal-files-{os.getpid()}-abc"]
    names += ["planportal-files-x1y2", f"other-{gone}-abc"]
    for name in names:
        (tmp_path / name).mkdir()
        (tmp_path / name / "pages-1.pack").write_bytes(b"<p>")

    removed = remove_stale_spools(tmp_path)

    assert [p.name for p in removed] == [f"planportal-files-{gone}-abc"]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(names[1:])


@posix_only
def test_a_killed_build_process_is_reported(tmp_path, capsys, monkeypatch):
    def killed(*args: Any) -> None:
        os.kill(os.getpid(), signal.SIGKILL)  # as the kernel does when memory runs out

    monkeypatch.setattr(build, "_build_into", killed)
    assert build.build_site(FIXTURE, tmp_path / "site", isolate=True) == 1
    out = capsys.readouterr().out
    assert "the build process was killed (SIGKILL; out of memory?)" in out
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # its lock and new site removed


_HELPER_OF_A_KILLED_PROCESS = """
import os
import signal
import time
from generator.processes import Helpers

ready, set_up = os.pipe()

def helper(k):
    os.write(set_up, b"x")  # it runs its work: its set-up is done
    time.sleep(60)

helpers = Helpers("waiting helper")
helpers.start(1, helper)
print(helpers.started[0].pid, flush=True)
os.read(ready, 1)
os.kill(os.getpid(), signal.SIGKILL)
"""


@posix_only
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux ends them (prctl)")
def test_helpers_end_with_the_process_that_forked_them():
    """A helper left waiting for work by a killed build would run for ever."""
    done = subprocess.run(
        [sys.executable, "-c", _HELPER_OF_A_KILLED_PROCESS],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=30,  # the helper holds the output open while it lives
        check=False,
    )
    assert done.returncode == -signal.SIGKILL
    assert _ends_within(int(done.stdout.split()[0]), seconds=10)


def _ends_within(pid: int, seconds: float) -> bool:
    """Whether process `pid` (not a child of this one) ends within `seconds`: ended, or
    ended and waiting to be waited for by whoever adopted it."""
    try:
        handle = os.pidfd_open(pid)
    except ProcessLookupError:
        return True
    try:
        return bool(select.select([handle], [], [], seconds)[0])
    finally:
        os.close(handle)


def test_pagefind_is_stopped_when_indexing_is_interrupted():
    from generator.search_index import _run

    started: list[int] = []

    def echo(line: str) -> None:
        started.append(int(line.split()[-1]))
        raise KeyboardInterrupt

    slow = "import os, time; print(os.getpid(), flush=True); time.sleep(60)"
    with pytest.raises(KeyboardInterrupt):
        _run([sys.executable, "-c", slow], echo, timeout=60)
    with pytest.raises(ProcessLookupError):  # killed and waited for
        os.kill(started[0], 0)


@posix_only
def test_a_build_process_that_does_not_end_after_an_interruption_is_killed():
    pid = os.fork()
    if pid == 0:  # stuck in its clean-up, deaf to Ctrl-C
        try:
            os.setpgid(0, 0)
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            time.sleep(60)
        finally:
            os._exit(0)
    with contextlib.suppress(OSError):
        os.setpgid(pid, pid)
    started = time.monotonic()
    processes.wait_or_kill(pid, 0.3)
    assert time.monotonic() - started < 10
    with pytest.raises(ChildProcessError):  # ended, and waited for
        os.waitpid(pid, os.WNOHANG)


def test_a_site_left_between_the_two_renames_is_put_back_before_anything_else(tmp_path):
    """A build killed between the two renames of its swap left the published site as
    `site.old-PID`, its new one as `site.new-PID`, and no `site/`: the next build puts
    the old site back first, so that when it then fails on bad data a site is still
    there (it used to delete both and leave nothing)."""
    gone = _gone_pid()
    for kind, text in (("old", "published"), ("new", "unfinished")):
        (tmp_path / f"site.{kind}-{gone}").mkdir()
        (tmp_path / f"site.{kind}-{gone}" / "index.html").write_text(text, encoding="utf-8")
    project = tmp_path / "project"
    shutil.copytree(FIXTURE, project)
    plan = next((project / "plans").glob("*.yaml"))
    plan.write_text(plan.read_text(encoding="utf-8") + "\nunknown_field: 1\n", encoding="utf-8")

    assert build.build_site(project, tmp_path / "site", search=False) == 1

    assert (tmp_path / "site" / "index.html").read_text(encoding="utf-8") == "published"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project", "site"]


@posix_only
def test_a_second_build_into_the_same_site_says_another_is_running(tmp_path, capsys):
    """Two builds into one site raced in the swap (`OSError: Directory not empty`, or
    one's site replaced by the other's): the second one now stops at once."""
    site, temp = tmp_path / "site", tmp_path / "temp"
    site.mkdir()
    temp.mkdir()
    (site / "index.html").write_text("old", encoding="utf-8")
    proc, output = _stopped_build("rendering", site, temp)
    try:
        assert build.build_site(FIXTURE, site, search=False) == 1
        out = capsys.readouterr().out
        assert f"another build is running into {site} (process {proc.pid})" in out
        assert (site / "index.html").read_text(encoding="utf-8") == "old"
    finally:
        proc.terminate()
        output += proc.communicate(timeout=60)[0]
    assert proc.returncode == 130, output
    assert (site / "index.html").read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site", "temp"]  # lock removed


@posix_only
def test_the_build_lock_names_its_holder_and_is_removed_however_the_build_ends(tmp_path):
    lock = tmp_path / ".site.lock"
    with processes.exclusive(lock):
        assert lock.read_text(encoding="ascii") == str(os.getpid())
        with pytest.raises(processes.Busy) as busy, processes.exclusive(lock):
            pass
        assert busy.value.holder == os.getpid()
    assert not lock.exists()
    with pytest.raises(RuntimeError), processes.exclusive(lock):
        raise RuntimeError("a failed build")
    assert not lock.exists()


_INDEXING = """
import sys
from generator.search_index import _run

slow = "import os, time; print(os.getpid(), flush=True); time.sleep(60)"
_run([sys.executable, "-c", slow], print, 600)
"""


@posix_only
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux ends them (prctl)")
def test_pagefind_ends_when_the_build_is_killed_while_indexing():
    """`kill -9` of the build during indexing: Pagefind went on writing into the
    unfinished site; it now ends with the process that started it, as helpers do."""
    proc = subprocess.Popen(
        [sys.executable, "-c", _INDEXING], cwd=REPO, stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None
    indexer = int(proc.stdout.readline().split()[-1])  # "pagefind: PID": it runs
    proc.kill()
    proc.wait()
    assert _ends_within(indexer, seconds=10)
