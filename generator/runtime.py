"""Process-wide settings for long builds: the garbage collector and returning memory.

A national portal's model is millions of long-lived objects (plans, tasks, their source
positions, views). CPython's default collector thresholds (700, 10, 10) rescan all of them
every few thousand allocations: at 500 plans that was ~60 % of loading the project and a
good part of rendering. Nearly everything the build allocates lives until the build ends or
is freed by reference counting, so collecting far less often loses nothing.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import itertools
import multiprocessing
import os
import re
import shutil
import signal
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

PARALLEL_ENV = "PLANPORTAL_PARALLEL"
"""How many processes the build may use: unset, one per core (at most `MAX_PROCESSES`);
`N`, at most N (and one per core); `0` or `1`, everything in this process."""
MAX_PROCESSES = 4
"""Processes at most by default for work shared out (rendering, parsing): each holds its
own caches and pages in progress (at national scale ~0.8 GB of resident memory each)."""

BUILD_THRESHOLDS = (100_000, 50, 1_000)
"""Young-generation allocations between collections, then the older generations' factors."""


def tune_gc() -> None:
    """Collect cycles less often for the rest of this process (see the module's docstring)."""
    if gc.get_threshold()[0] < BUILD_THRESHOLDS[0]:
        gc.set_threshold(*BUILD_THRESHOLDS)


@contextmanager
def frozen_heap() -> Iterator[None]:
    """Leave everything allocated so far out of collections while the block runs (the
    loaded project, before MkDocs builds from it; measured at M: 35 s → 22 s)."""
    thresholds = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(*BUILD_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()


def release_memory() -> None:
    """Hand freed heap back to the system, e.g. before a large child process starts:
    CPython keeps freed memory for reuse, so parent and child would hold both at once."""
    gc.collect()
    return_freed_memory()


def return_freed_memory() -> None:
    """Hand the free part of the heap back to the system (~1 ms; no collection first:
    memory freed by reference counting)."""
    with contextlib.suppress(OSError, AttributeError):  # not glibc: reused, not returned
        ctypes.CDLL("libc.so.6").malloc_trim(0)


STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)
"""Ctrl-C, and what `timeout`, `docker stop` or a cancelled CI job send."""


PR_SET_PDEATHSIG = 1
"""Linux `prctl` option: the signal a process gets when the one that forked it ends."""


def become_helper(parent: int) -> None:
    """In a process forked by `parent`: Ctrl-C or SIGTERM ends it at once, without a
    traceback (`parent` reports the interruption and cleans up), and so does the end of
    `parent` (killed for lack of memory, say), where it would otherwise wait for work for
    ever, holding the terminal's output open."""
    for stop in STOP_SIGNALS:
        signal.signal(stop, signal.SIG_DFL)
    follow_parent(parent, signal.SIGKILL)


def follow_parent(parent: int, stop: int) -> None:
    """In a process forked by `parent`: the kernel sends it `stop` when `parent` ends
    (Linux; elsewhere it ends with its work); sent now if `parent` has ended already."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, stop)
    if os.getppid() != parent:
        os.kill(os.getpid(), stop)


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


def process_running(pid: int) -> bool:
    """Whether process `pid` exists (a build that left files behind may still run)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def remove_left_behind(
    folder: Path, name: re.Pattern[str], *, removing: Callable[[Path], None] = lambda path: None
) -> list[Path]:
    """Remove the directories in `folder` that a process which is gone left (killed, or the
    machine stopped): those whose whole name `name` matches, its first group the process
    id. Those of a process still running stay. `removing` is told of each first; the
    paths removed."""
    if not folder.is_dir():
        return []
    removed = []
    for path in sorted(folder.iterdir()):
        found = name.fullmatch(path.name)
        if found and path.is_dir() and not process_running(int(found.group(1))):
            removing(path)
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed


def worker_processes() -> int:
    """How many processes work shared out may use (`PARALLEL_ENV`); 1 where `fork` is
    unavailable."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    cores = os.cpu_count() or 1
    wanted = os.environ.get(PARALLEL_ENV, "").strip()
    if not wanted:
        return max(1, min(cores, MAX_PROCESSES))
    if not wanted.isdigit():
        _warn_once(
            f"planportal: {PARALLEL_ENV}={wanted!r} is not a number of processes; "
            f"using one per core (at most {MAX_PROCESSES})"
        )
        return max(1, min(cores, MAX_PROCESSES))
    return max(1, min(cores, int(wanted)))


_WARNED: set[str] = set()


def _warn_once(message: str) -> None:
    if message not in _WARNED:
        _WARNED.add(message)
        print(message, file=sys.stderr)


def _shared_counter(context: Any) -> Callable[[], int]:
    """A counter shared with processes forked from `context` afterwards: each call returns
    the next number (0, 1, 2 …) to whichever process asks."""
    value = context.Value("q", 0)

    def take() -> int:
        with value.get_lock():
            index: int = value.value
            value.value = index + 1
        return index

    return take


T = TypeVar("T")
_SHARED: dict[str, Any] = {}
"""The work of `shared_out`'s helpers and their counter (inherited by fork, never pickled)."""


@contextmanager
def shared_out(
    work: Callable[[Callable[[], int]], T],
    processes: int,
    *,
    pack: Callable[[T], Any] = lambda result: result,
    unpack: Callable[[Any], T] = lambda packed: packed,
) -> Iterator[Callable[[], list[T]]]:
    """Work shared out between this process and `processes - 1` forked helpers, which
    start on entry: each runs `work(take)`, where `take()` gives the next number (0, 1, 2
    …) to whichever process asks, so all finish together however long each item takes.
    The function yielded runs `work` here and returns every process's result, this one's
    first; a helper's comes back pickled, or as `pack` makes it (undone by `unpack`).
    Not re-entrant. With one process, `work` simply runs here."""
    if processes <= 1:
        yield lambda: [work(itertools.count().__next__)]
        return
    if _SHARED:
        raise RuntimeError("shared_out is already running")
    context = multiprocessing.get_context("fork")
    take = _shared_counter(context)
    _SHARED.update(work=work, take=take, pack=pack)
    try:
        with ProcessPoolExecutor(
            max_workers=processes - 1,
            mp_context=context,
            initializer=become_helper,
            initargs=(os.getpid(),),
        ) as pool:
            helpers = [pool.submit(_helper) for _ in range(processes - 1)]
            yield lambda: [work(take)] + [unpack(helper.result()) for helper in helpers]
    finally:
        _SHARED.clear()


def _helper() -> Any:
    return _SHARED["pack"](_SHARED["work"](_SHARED["take"]))
