"""Every process a build starts, and how each one ends: one lifecycle for loading,
rendering, writing and indexing.

1. **Start.**
   - `run_isolated(work)` forks the *build process* (`planportal build`: the check and the
     MkDocs build run there, so that the process which then waits for Pagefind stays
     small). It leads a process group of its own, with the helpers it forks, and gets
     SIGTERM when the process that forked it ends (killed outright).
   - `Helpers` are processes forked to share work with this one: plan files parsed and
     pieces of the site rendered (`shared_out`), pages written through the theme
     (`generator.parallel_write`). They inherit what they need by the fork, send their
     result back through a pipe, and are killed when the process that forked them ends.
     Memory freed before the fork is handed back to the system first
     (`return_freed_memory`), else each helper would count it too.
   - `guarded(command)` makes a program (Pagefind) end when the process that starts it
     ends.
2. **Pass on an interruption.** `interrupt_once`: the first Ctrl-C or SIGTERM raises
   `KeyboardInterrupt` in the main thread and later ones are ignored, so that the clean-up
   it starts is not cut short; the build process passes it on to its group. Helpers and
   programs end at once (the default action), without a traceback.
3. **Reap.** Every process started is waited for: helpers when their results are
   collected (`Helpers.outcomes`), or killed and waited for when the work stops
   (`Helpers.stop`, also on an interruption); the build process by `run_isolated`, which
   kills its whole group if it has not ended `CLEAN_UP_SECONDS` after an interruption; a
   program by its caller (`subprocess.Popen.wait`).
4. **Clean leftovers.** What a process killed outright left, named with its process id
   (the site's `site.new-PID`, a page spool), is removed by a later build once that process
   is gone (`remove_left_behind`).

Killed outright (`kill -9`, out of memory), a process cannot clean up; steps 1 and 4 cover
that: nothing it started outlives it, and what it left is removed later. Process ends are
waited for on events (a pipe's end, a pidfd), not by polling, where the system allows.
"""

from __future__ import annotations

import contextlib
import ctypes
import itertools
import multiprocessing
import os
import re
import select
import shutil
import signal
import sys
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, Generic, NoReturn, TypeVar

T = TypeVar("T")

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)
"""Ctrl-C, and what `timeout`, `docker stop` or a cancelled CI job send."""
INTERRUPTED = 130
"""The exit code of a command stopped by Ctrl-C (128 + SIGINT), as shells report it."""
CLEAN_UP_SECONDS = 30
"""How long an interrupted build process may take to clean up (a few seconds at national
scale: bench/RESULTS.md)."""
PR_SET_PDEATHSIG = 1
"""Linux `prctl` option: the signal a process gets when the one that forked it ends."""


# --- 1. start ---------------------------------------------------------------------------


def return_freed_memory() -> None:
    """Hand the free part of the heap back to the system (glibc's `malloc_trim`, cheap):
    CPython keeps freed memory for reuse, so a process forked now, or a large program
    started now, would hold it as well."""
    with contextlib.suppress(OSError, AttributeError):  # not glibc: reused, not returned
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def follow_parent(parent: int, stop: int) -> None:
    """In a process forked by `parent`: the kernel sends it `stop` when `parent` ends
    (Linux; elsewhere it ends with its work); sent now if `parent` has ended already."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, stop)
    if os.getppid() != parent:
        os.kill(os.getpid(), stop)


def become_helper(parent: int) -> None:
    """In a process forked by `parent` to help it: Ctrl-C or SIGTERM ends it at once,
    without a traceback (`parent` reports the interruption and cleans up), and so does
    the end of `parent`, where it would otherwise wait for work for ever, holding the
    terminal's output open."""
    for stop in STOP_SIGNALS:
        signal.signal(stop, signal.SIG_DFL)
    follow_parent(parent, signal.SIGKILL)


@dataclass
class Outcome(Generic[T]):
    """How one helper ended: its result, or why it has none."""

    name: str
    value: T | None = None
    error: str | None = None
    """`Type: message` of what stopped it, or how it ended; None: it finished."""
    trace: str = ""
    """The helper's traceback, when its work raised."""


class HelperFailed(RuntimeError):
    """A helper's work raised or the helper died; the message names it and says why."""


@dataclass
class _Started:
    name: str
    pid: int
    results: Connection
    """The receiving end of the pipe the helper sends its outcome through."""
    reaped: bool = False


class Helpers(Generic[T]):
    """Processes forked to share work with this one (see the module's lifecycle).

    `start(count, work)` forks them, the k-th running `work(k)`; `outcomes()` (or
    `results()`) waits for each; `stop()` kills and waits for them. Used as a context
    manager, the helpers are stopped on the way out unless they were waited for."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.started: list[_Started] = []

    def start(self, count: int, work: Callable[[int], T]) -> None:
        """Fork `count` helpers: helper k (1 … count) runs `work(k)` and sends the result
        back pickled."""
        if count <= 0:
            return
        return_freed_memory()
        sys.stdout.flush()  # else what is buffered now would be printed by every helper
        sys.stderr.flush()
        parent = os.getpid()
        for k in range(1, count + 1):
            receive, send = multiprocessing.Pipe(duplex=False)
            pid = os.fork()
            if pid == 0:
                receive.close()
                _helper_main(parent, work, k, send)
            send.close()  # the helper holds the only sending end: EOF if it dies
            self.started.append(_Started(f"{self.name} {k}", pid, receive))

    def __len__(self) -> int:
        return len(self.started)

    def outcomes(self) -> list[Outcome[T]]:
        """Wait for every helper, in the order started; how each ended."""
        done = []
        try:
            for helper in self.started:
                done.append(_received(helper))
        except BaseException:  # interrupted: the rest are not wanted
            self.stop()
            raise
        self._reap()  # each has sent its outcome, or died
        return done

    def results(self) -> list[T]:
        """Wait for every helper; their results, in the order started. `HelperFailed`,
        once all have ended, if one failed."""
        done = self.outcomes()
        failed = [outcome for outcome in done if outcome.error is not None]
        if failed:
            raise HelperFailed(
                "; ".join(f"{o.name}: {o.error}" for o in failed)
                + "".join(f"\n{o.name}'s traceback:\n{o.trace}" for o in failed if o.trace)
            )
        return [outcome.value for outcome in done]  # type: ignore[misc]

    def stop(self) -> None:
        """Kill the helpers still running and wait for every one."""
        for helper in self.started:
            if not helper.reaped:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(helper.pid, signal.SIGKILL)
        self._reap()

    def _reap(self) -> None:
        for helper in self.started:
            if not helper.reaped:
                with contextlib.suppress(ChildProcessError):
                    os.waitpid(helper.pid, 0)
                helper.reaped = True
            helper.results.close()
        self.started = []

    def __enter__(self) -> Helpers[T]:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _helper_main(parent: int, work: Callable[[int], Any], k: int, send: Connection) -> NoReturn:
    """A helper's whole life: set up, work, send the outcome, end (never returns)."""
    code = 0
    try:
        become_helper(parent)
        try:
            outcome: tuple[str, Any, str] = ("done", work(k), "")
        except Exception as exc:  # reported by the process that forked it
            outcome = ("failed", f"{type(exc).__name__}: {exc}", traceback.format_exc())
            code = 1
        try:
            send.send(outcome)
        except Exception as exc:  # the result did not pickle
            send.send(("failed", f"its result could not be sent back: {exc}", ""))
            code = 1
    except BaseException:
        code = 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def _received(helper: _Started) -> Outcome[Any]:
    try:
        status, value, trace = helper.results.recv()
    except EOFError:  # it died before it could say why
        _, status_code = os.waitpid(helper.pid, 0)
        helper.reaped = True
        code = os.waitstatus_to_exitcode(status_code)
        how = f"killed by {signal_name(-code)}" if code < 0 else f"exit code {code}"
        return Outcome(helper.name, error=f"it stopped without finishing ({how})")
    if status == "done":
        return Outcome(helper.name, value=value)
    return Outcome(helper.name, error=value, trace=trace)


def _shared_counter() -> Callable[[], int]:
    """A counter shared with processes forked afterwards: each call returns the next
    number (0, 1, 2 …) to whichever process asks."""
    context = multiprocessing.get_context("fork")
    value, lock = context.RawValue("q", 0), context.Lock()

    def take() -> int:
        with lock:
            index: int = value.value
            value.value = index + 1
        return index

    return take


@contextmanager
def shared_out(
    work: Callable[[Callable[[], int]], T],
    processes: int,
    *,
    name: str = "helper",
    pack: Callable[[T], Any] = lambda result: result,
    unpack: Callable[[Any], T] = lambda packed: packed,
) -> Iterator[Callable[[], list[T]]]:
    """Work shared out between this process and `processes - 1` helpers, which start on
    entry: each runs `work(take)`, where `take()` gives the next number (0, 1, 2 …) to
    whichever process asks, so all finish together however long each item takes. The
    function yielded runs `work` here and returns every process's result, this one's
    first; a helper's comes back pickled, or as `pack` makes it (undone by `unpack`).
    With one process, `work` simply runs here."""
    if processes <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        yield lambda: [work(itertools.count().__next__)]
        return
    take = _shared_counter()
    with Helpers[Any](name) as helpers:
        helpers.start(processes - 1, lambda k: pack(work(take)))

        def run() -> list[T]:
            mine = work(take)
            return [mine, *(unpack(packed) for packed in helpers.results())]

        yield run


def run_isolated(work: Callable[[], T]) -> Isolated[T]:
    """`work()` in a forked build process; what it returned (sent back pickled; None when
    it raised) and how it ended (see the module's lifecycle).

    The process leads a process group of its own, with the helpers it forks: an
    interruption here (Ctrl-C, SIGTERM) is passed on to all of them, and the end of this
    process (killed outright) stops it as SIGTERM does. It cleans up and ends without a
    traceback (`KeyboardInterrupt` is its exit code `INTERRUPTED`), and this process waits
    for it, at most `CLEAN_UP_SECONDS`, before it raises `KeyboardInterrupt` itself."""
    sys.stdout.flush()
    sys.stderr.flush()
    parent = os.getpid()
    receive, send = multiprocessing.Pipe(duplex=False)
    pid = os.fork()
    if pid == 0:
        receive.close()
        _isolated_main(parent, work, send)
    send.close()
    with contextlib.suppress(OSError):  # the child may have done it first, or ended
        os.setpgid(pid, pid)
    try:
        try:
            value = receive.recv()
        except EOFError:  # it ended without a result: failed, interrupted or killed
            value = None
        _, status = os.waitpid(pid, 0)
    except KeyboardInterrupt:
        with contextlib.suppress(OSError):
            os.killpg(pid, signal.SIGINT)
        wait_or_kill(pid, CLEAN_UP_SECONDS)
        raise
    finally:
        receive.close()
    code = os.waitstatus_to_exitcode(status)
    return Isolated(value, code, signal_name(-code) if code < 0 else None)


@dataclass(frozen=True)
class Isolated(Generic[T]):
    """How `run_isolated`'s build process ended."""

    value: T | None
    """What its work returned; None when the work raised or the process was stopped."""
    code: int
    """Its exit code: 0 done, 1 failed, `INTERRUPTED`; negative: the signal that ended it."""
    killed_by: str | None
    """The name of the signal that ended it (`SIGKILL`: out of memory?), or None."""


def _isolated_main(parent: int, work: Callable[[], Any], send: Connection) -> NoReturn:
    code = 1
    try:
        os.setpgid(0, 0)
        interrupt_once(group=True)
        follow_parent(parent, signal.SIGTERM)  # killed outright: clean up and end
        value = work()
        send.send(value)
        code = 0
    except KeyboardInterrupt:  # its clean-up has run (the plugin's temporary files)
        code = INTERRUPTED
    except BaseException:  # a bug, not bad data (that is reported by the check)
        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


_ORPHAN_GUARD = """\
import ctypes, os, runpy, sys
ctypes.CDLL(None).prctl(1, 9)  # PR_SET_PDEATHSIG, SIGKILL: ends with its parent
if os.getppid() != int(sys.argv[1]):
    os._exit(1)
if sys.argv[2] == "-m":
    sys.argv = sys.argv[3:]
    runpy.run_module(sys.argv[0], run_name="__main__", alter_sys=True)
else:
    os.execvp(sys.argv[2], sys.argv[2:])
"""
"""Run before the program: the kernel kills it when the process that started it ends
(kept across `exec`). A separate step, not `preexec_fn`, which is unsafe in a process
with threads (`mkdocs serve`); a Python module (`python -m pagefind`) runs in this same
interpreter, so no extra process starts."""


def guarded(command: Sequence[str]) -> list[str]:
    """`command` made to end with this process (on Linux; elsewhere unchanged)."""
    if not sys.platform.startswith("linux"):
        return list(command)
    own = [sys.executable, "-c", _ORPHAN_GUARD, str(os.getpid())]
    if len(command) > 2 and command[0] == sys.executable and command[1] == "-m":
        return own + list(command[1:])
    return own + list(command)


# --- 2. pass on an interruption --------------------------------------------------------


def interrupt_once(*, group: bool = False) -> None:
    """Ctrl-C (or SIGTERM) raises `KeyboardInterrupt` once; later ones are ignored, so that
    the clean-up the first one starts (temporary files, helpers) is not cut short. A
    signal this process was started ignoring (a background job's Ctrl-C) stays ignored.
    `group`: this process leads a process group of its helpers, which the interruption
    ends too (they would otherwise finish their work first)."""

    def interrupted(signum: int, frame: Any) -> None:
        for stop in STOP_SIGNALS:
            signal.signal(stop, signal.SIG_IGN)
        if group and os.getpgid(0) == os.getpid():  # never another group (a shell's)
            os.killpg(os.getpid(), signal.SIGINT)
        raise KeyboardInterrupt

    for stop in STOP_SIGNALS:
        if signal.getsignal(stop) != signal.SIG_IGN:
            signal.signal(stop, interrupted)


# --- 3. reap ----------------------------------------------------------------------------


def wait_or_kill(pid: int, seconds: float) -> None:
    """Wait for the child `pid` (an interrupted build process) to end; past `seconds`, kill
    its process group. Waits on the process's end (a pidfd) where the system has them."""
    try:
        handle = os.pidfd_open(pid)
    except (AttributeError, OSError):  # not Linux ≥ 5.3: look every 20 ms
        deadline = time.monotonic() + seconds
        while os.waitpid(pid, os.WNOHANG) == (0, 0):
            if time.monotonic() > deadline:
                _kill_group_and_wait(pid)
                return
            time.sleep(0.02)
        return
    try:
        ended, _, _ = select.select([handle], [], [], seconds)
    finally:
        os.close(handle)
    if not ended:
        _kill_group_and_wait(pid)
        return
    os.waitpid(pid, 0)


def _kill_group_and_wait(pid: int) -> None:
    with contextlib.suppress(OSError):
        os.killpg(pid, signal.SIGKILL)
    os.waitpid(pid, 0)


def signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


# --- 4. clean leftovers -----------------------------------------------------------------


def process_running(pid: int) -> bool:
    """Whether process `pid` exists (a build that left files behind may still run)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def left_behind(folder: Path, name: re.Pattern[str]) -> list[Path]:
    """The directories in `folder` that a process which is gone left: those whose whole
    name `name` matches, its first group the process id."""
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.iterdir()):
        match = name.fullmatch(path.name)
        if match and path.is_dir() and not process_running(int(match.group(1))):
            found.append(path)
    return found


def remove_left_behind(
    folder: Path, name: re.Pattern[str], *, removing: Callable[[Path], None] = lambda path: None
) -> list[Path]:
    """Remove what `left_behind` finds (those of a process still running stay);
    `removing` is told of each first. The paths removed."""
    removed = []
    for path in left_behind(folder, name):
        removing(path)
        shutil.rmtree(path, ignore_errors=True)
        removed.append(path)
    return removed


# --- one build at a time ----------------------------------------------------------------


class Busy(RuntimeError):
    """Another process holds the lock; `holder` is its process id, when known."""

    def __init__(self, holder: int | None) -> None:
        super().__init__(f"held by process {holder}" if holder else "held")
        self.holder = holder


@contextmanager
def exclusive(lock_file: Path) -> Iterator[None]:
    """Hold an exclusive lock on `lock_file` while the block runs, or raise `Busy` at
    once. The lock ends with the process holding it, however it ends (the processes it
    forks share it); the file holds that process's id and is removed on the way out."""
    try:
        import fcntl
    except ImportError:  # not POSIX: no lock
        yield
        return
    while True:
        held = open(lock_file, "a+", encoding="ascii")  # noqa: SIM115 (closed below)
        try:
            fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            held.seek(0)
            text = held.read().strip()
            held.close()
            raise Busy(int(text) if text.isdigit() else None) from None
        if _same_file(held.fileno(), lock_file):
            break
        held.close()  # removed by the holder meanwhile: lock the new one
    try:
        held.seek(0)
        held.truncate()
        held.write(str(os.getpid()))
        held.flush()
        yield
    finally:
        lock_file.unlink(missing_ok=True)  # while still held: the next one locks a new file
        held.close()


def _same_file(descriptor: int, path: Path) -> bool:
    try:
        return os.path.samestat(os.fstat(descriptor), os.stat(path))
    except FileNotFoundError:
        return False
