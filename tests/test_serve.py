"""`mkdocs serve` while the data has errors: the preview keeps answering and shows them."""

from __future__ import annotations

import queue
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from helpers import ENV, HLBE, REPO, copy_fixture

pytestmark = pytest.mark.build

BROKEN = ("[市应急管理局]", "[市不存在局]")
"""A unit the registry does not know: an error that stops a build."""
REBUILT = ("Reloading browsers", "An error happened during the rebuild")
"""How `mkdocs serve` ends a rebuild: done, or failed (then every request waits)."""


class Serve:
    """`mkdocs serve` of a project in a process of its own; its log read as it comes."""

    def __init__(self, root: Path) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        env = dict(ENV, PLANPORTAL_ROOT=str(root), PLANPORTAL_SEARCH="0")
        command = [sys.executable, "-m", "mkdocs", "serve", "-f", str(REPO / "mkdocs.yml")]
        self.proc = subprocess.Popen(
            [*command, "-a", f"127.0.0.1:{self.port}"],
            env=env,
            cwd=REPO,
            stderr=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            text=True,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.log: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self.lines.put(line.rstrip("\n"))

    def wait_for(self, *endings: str, seconds: float = 180) -> list[str]:
        """The log up to the first line holding one of `endings` (a rebuild's end)."""
        deadline = time.monotonic() + seconds
        seen: list[str] = []
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=max(0.1, deadline - time.monotonic()))
            except queue.Empty:
                break
            seen.append(line)
            self.log.append(line)
            if any(ending in line for ending in endings):
                return seen
        raise AssertionError("no end of the build in the log:\n" + "\n".join(self.log))

    def get(self, path: str) -> str:
        url = f"http://127.0.0.1:{self.port}/{path}"
        with urllib.request.urlopen(url, timeout=30) as response:  # it used to hang here
            return response.read().decode("utf-8")

    def stop(self) -> None:
        self.proc.send_signal(signal.SIGINT)
        try:
            self.proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def test_serve_keeps_the_last_good_site_and_shows_the_errors_on_its_pages(tmp_path):
    root = copy_fixture(tmp_path / "proj")
    plan = root / "plans" / f"{HLBE}.yaml"
    good = plan.read_text(encoding="utf-8")
    serve = Serve(root)
    try:
        serve.wait_for("Serving on")
        assert "pp-preview-errors" not in serve.get(f"plans/{HLBE}/")

        plan.write_text(good.replace(*BROKEN, 1), encoding="utf-8")
        log = serve.wait_for(*REBUILT)
        page = serve.get(f"plans/{HLBE}/")  # the last good page, with the errors
        assert "pp-preview-errors" in page and f"plans/{HLBE}.yaml:" in page
        assert "市不存在局" in page and 'id="t-01"' in page
        errors = [line for line in log if "市不存在局" in line]
        assert len(errors) == 1, log  # each error printed once, not twice

        plan.write_text(good, encoding="utf-8")
        serve.wait_for("Reloading browsers")
        assert "pp-preview-errors" not in serve.get(f"plans/{HLBE}/")
    finally:
        serve.stop()


def test_serve_starts_with_errors_and_shows_them(tmp_path):
    """No good build yet: the home page lists the errors until they are fixed."""
    root = copy_fixture(tmp_path / "proj")
    plan = root / "plans" / f"{HLBE}.yaml"
    good = plan.read_text(encoding="utf-8")
    plan.write_text(good.replace(*BROKEN, 1), encoding="utf-8")
    serve = Serve(root)
    try:
        serve.wait_for("Serving on")
        home = serve.get("")
        assert "the data has errors" in home and "市不存在局" in home
        plan.write_text(good, encoding="utf-8")
        serve.wait_for("Reloading browsers")
        assert 'id="t-01"' in serve.get(f"plans/{HLBE}/")
    finally:
        serve.stop()
