"""`planportal build` interrupted (Ctrl-C) or killed: the old site stays, nothing is left."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest
from test_site_build import FIXTURE, REPO

from generator import build

posix_only = pytest.mark.skipif(not hasattr(os, "fork"), reason="builds are forked")

_STOPPED = """
import sys
import time
from generator import cli, parallel_write
from generator.render import spool

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


@posix_only
@pytest.mark.parametrize("stage", ["rendering", "writing"])
def test_ctrl_c_stops_quietly_keeps_the_old_site_and_leaves_nothing(tmp_path, stage):
    site, temp = tmp_path / "site", tmp_path / "temp"
    site.mkdir()
    temp.mkdir()
    (site / "index.html").write_text("old", encoding="utf-8")
    env = dict(os.environ, PLANPORTAL_PARALLEL="2", TMPDIR=str(temp), PYTHONUNBUFFERED="1")
    command = [sys.executable, "-c", _STOPPED, stage]
    command += ["--root", str(FIXTURE), "build", "--site-dir", str(site), "--no-search"]
    proc = subprocess.Popen(
        command,
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # a process group of its own, as a terminal's job is
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    assert proc.stdout is not None
    lines = []
    while sum(line.startswith("STOPPED") for line in lines) < 2:
        lines.append(proc.stdout.readline())
        assert lines[-1], "".join(lines)
    os.killpg(proc.pid, signal.SIGINT)  # Ctrl-C: every process of the group
    output = "".join(lines) + proc.communicate(timeout=60)[0]

    assert proc.returncode == 130, output
    assert "planportal: interrupted: the old site is untouched" in output
    assert "Traceback" not in output and "KeyboardInterrupt" not in output
    assert (site / "index.html").read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site", "temp"]
    assert list(temp.glob("planportal-*")) == []  # the pages spooled while rendering


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
