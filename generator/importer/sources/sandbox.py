"""Run a reader in a child process bounded in time and memory.

A hostile or broken file (a zip bomb, a PDF whose objects refer to each other for ever, a
parser's worst case) then ends with a message naming the limit, never a hang, a MemoryError
traceback or a machine out of memory.  The child is forked (Linux), so the reader needs no
pickling; only its result crosses the pipe.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import resource
import signal
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from .document import ReadError

T = TypeVar("T")


def _address_space() -> int:
    """This process's address space now (bytes): a fork starts with its parent's."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return 0
    return pages * os.sysconf("SC_PAGE_SIZE")


def _child(conn: Any, func: Callable[[], Any], memory: int) -> None:
    with contextlib.suppress(ValueError, OSError):
        limit = _address_space() + memory  # `memory` more than the forked parent holds
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and ends us
    try:
        conn.send(("ok", func()))
    except ReadError as exc:
        conn.send(("error", str(exc)))
    except MemoryError:
        conn.send(("memory", ""))
    except RecursionError:
        conn.send(("error", "the file nests too deeply to be read"))
    except Exception as exc:  # a reader library failing on a broken file
        detail = f"{type(exc).__name__}: {exc}".strip()[:300]
        conn.send(("crash", detail or traceback.format_exc(limit=1)))
    finally:
        conn.close()


def run_bounded(func: Callable[[], T], what: str, seconds: float, memory: int) -> T:
    """`func()` in a child process; ReadError with a clear message when it fails, runs out
    of time or memory.  Without fork (not Linux) it runs in this process."""
    if sys.platform != "linux" or os.environ.get("PLANPORTAL_IMPORT_INPROCESS") == "1":
        return _inprocess(func, what)
    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(child, func, memory), daemon=True)
    proc.start()
    child.close()
    try:
        if not parent.poll(seconds):
            raise ReadError(
                f"{what}: reading took longer than {seconds:.0f} s and was stopped; the file "
                "may be damaged or built to exhaust readers (try saving it again from its "
                "program, or another format)"
            )
        try:
            status, value = parent.recv()
        except EOFError:
            status, value = "died", ""
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join()
        parent.close()
    if status == "ok":
        return value
    if status == "error":
        raise ReadError(value)
    if status == "memory" or (status == "died" and proc.exitcode == -signal.SIGKILL):
        raise ReadError(
            f"{what}: reading needed more than {memory // (1024 * 1024):,} MiB of memory and "
            "was stopped; the file may be damaged or built to exhaust readers"
        )
    if status == "died":
        raise ReadError(f"{what}: the reader ended unexpectedly (exit {proc.exitcode})")
    raise ReadError(f"{what}: cannot be read, the file seems damaged ({value})")


def _inprocess(func: Callable[[], T], what: str) -> T:
    try:
        return func()
    except ReadError:
        raise
    except MemoryError:
        raise ReadError(f"{what}: reading ran out of memory") from None
    except Exception as exc:
        raise ReadError(f"{what}: cannot be read, the file seems damaged ({exc})") from None
